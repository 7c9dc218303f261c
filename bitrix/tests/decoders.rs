//! The hand-written `FromValue` decoders read exactly what the serde derives read: compared on
//! the documented response shapes and on the odd values Bitrix sends.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::fmt::Debug;

use bitrix_rest::models::app::{PlacementBinding, User};
use bitrix_rest::models::catalog::{Measure, Price, Product, StoreStock, Warehouse};
use bitrix_rest::models::crm::{
    Category, Contact, Deal, Duplicates, FieldInfo, Multifield, ProductRow, Status,
};
use bitrix_rest::models::sale::{
    BasketItem, Order, Payment, PropertyValue, Reservation, SaleStatus, Shipment, ShipmentItem,
    StatusLang,
};
use bitrix_rest::value::FromValue;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Both decoders agree: same record, or both fail.
fn same<T: FromValue + DeserializeOwned + PartialEq + Debug>(v: &Value) {
    let by_serde = serde_json::from_value::<T>(v.clone());
    let by_hand = T::from_value(v);
    match (by_serde, by_hand) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{v}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("serde {a:?} vs hand {b:?} for {v}"),
    }
}

fn result(file: &str, key: Option<&str>) -> Value {
    let v: Value = serde_json::from_str(&common::resource(file)).unwrap();
    let r = v["result"].clone();
    key.map_or(r.clone(), |k| r[k].clone())
}

fn each(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_else(|| vec![v.clone()])
}

#[test]
fn documented_records_read_alike() {
    same::<Deal>(&result("crm_deal_get.json", None));
    each(&result("crm_deal_list.json", None))
        .iter()
        .for_each(same::<Deal>);
    each(&result("crm_deal_productrows_get.json", None))
        .iter()
        .for_each(same::<ProductRow>);
    same::<Contact>(&result("crm_contact_get.json", None));
    same::<Duplicates>(&result("crm_duplicate_findbycomm.json", None));
    each(&result("crm_status_list.json", None))
        .iter()
        .for_each(same::<Status>);
    same::<BTreeMap<String, FieldInfo>>(&result("crm_deal_fields.json", None));
    each(&result("crm_category_list.json", Some("categories")))
        .iter()
        .for_each(same::<Category>);
    same::<Order>(&result("sale_order_get.json", Some("order")));
    each(&result("sale_order_list.json", Some("orders")))
        .iter()
        .for_each(same::<Order>);
    same::<BasketItem>(&result("sale_basketitem_add.json", Some("basketItem")));
    each(&result("sale_status_list.json", Some("statuses")))
        .iter()
        .for_each(same::<SaleStatus>);
    each(&result(
        "catalog_storeproduct_list.json",
        Some("storeProducts"),
    ))
    .iter()
    .for_each(same::<StoreStock>);
    each(&result("catalog_store_list.json", Some("stores")))
        .iter()
        .for_each(same::<Warehouse>);
    each(&result("catalog_measure_list.json", Some("measures")))
        .iter()
        .for_each(same::<Measure>);
    each(&result("catalog_price_list.json", Some("prices")))
        .iter()
        .for_each(same::<Price>);
    each(&result("catalog_product_list.json", Some("products")))
        .iter()
        .for_each(same::<Product>);
    each(&result("placement_get.json", None))
        .iter()
        .for_each(same::<PlacementBinding>);
    same::<User>(&result("user_current.json", None));
}

#[test]
fn odd_values_read_alike() {
    let odd = [
        json!(null),
        json!(""),
        json!("0"),
        json!(0),
        json!("410"),
        json!(410),
        json!(-3),
        json!(1.5),
        json!(99.9),
        json!("1176.00"),
        json!("Y"),
        json!("N"),
        json!(true),
        json!(false),
        json!("x1"),
        json!([]),
        json!({}),
        json!([1, 2]),
        json!({"0": {"ID": "1"}}),
        json!(18446744073709551615_u64),
    ];
    let keys = [
        "ID",
        "id",
        "PRICE",
        "price",
        "QUANTITY",
        "TAX_INCLUDED",
        "payed",
        "PHONE",
        "basketItems",
        "CONTACT",
        "type",
        "statusId",
        "placement",
        "EMAIL",
        "xmlId",
        "OWNER_ID",
        "amount",
        "isRequired",
        "basketId",
        "shipmentItems",
    ];
    for value in &odd {
        for key in keys {
            let base = json!({"ID": "7", "id": 7, "productId": 1, "storeId": 1, "placement": "P", "statusId": "N"});
            let mut v = base.clone();
            v[key] = value.clone();
            same::<Deal>(&v);
            same::<ProductRow>(&v);
            same::<Contact>(&v);
            same::<Multifield>(&v);
            same::<Duplicates>(&v);
            same::<Status>(&v);
            same::<FieldInfo>(&v);
            same::<Order>(&v);
            same::<BasketItem>(&v);
            same::<Reservation>(&v);
            same::<Payment>(&v);
            same::<Shipment>(&v);
            same::<ShipmentItem>(&v);
            same::<PropertyValue>(&v);
            same::<SaleStatus>(&v);
            same::<StatusLang>(&v);
            same::<Product>(&v);
            same::<StoreStock>(&v);
            same::<Price>(&v);
            same::<Warehouse>(&v);
            same::<Measure>(&v);
            same::<PlacementBinding>(&v);
            same::<User>(&v);
            same::<Category>(&v);
        }
    }
}

#[test]
fn missing_required_fields_fail_both_ways_and_empty_php_objects_read_as_defaults() {
    same::<Deal>(&json!({"TITLE": "no id"}));
    same::<SaleStatus>(&json!({"type": "O"}));
    same::<Duplicates>(&json!([]));
    same::<Duplicates>(&json!({}));
    same::<ProductRow>(&json!([]));
}

#[test]
fn a_hand_decoder_error_names_the_field_path() {
    let e = Order::from_value(&json!({"id": 1, "basketItems": [{"id": 2, "price": "1,5"}]}))
        .unwrap_err();
    assert_eq!(e.path(), "basketItems[0].price");
    let e = Deal::from_value(&json!({"TITLE": "x"})).unwrap_err();
    assert_eq!(e.to_string(), "missing field `ID`");
}
