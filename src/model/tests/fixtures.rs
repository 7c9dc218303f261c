//! Wire records for tests, built from the JSON shapes Bitrix sends.

use bitrix_rest::Decimal;
use bitrix_rest::models::{
    catalog::{Product, StoreStock, Warehouse},
    crm::{Contact, Deal, ProductRow, Status},
    sale::{BasketItem, Order, SaleStatus, StatusLang},
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::model::settings::{LinkRule, OrderKey};

/// Reads a record from JSON; panics (in tests only) on a shape the models refuse.
pub fn from<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("fixture JSON matches the wire model")
}

/// A decimal from text.
pub fn d(s: &str) -> Decimal {
    s.parse().expect("fixture decimal")
}

/// A deal in pipeline `category` at `stage`, with extra fields merged in.
pub fn deal(id: u64, extra: Value) -> Deal {
    let mut v = json!({"ID": id.to_string(), "TITLE": "Deal", "STAGE_ID": "NEW", "CATEGORY_ID": "0",
        "OPPORTUNITY": "0.00", "CURRENCY_ID": "RUB", "CONTACT_ID": null,
        "DATE_MODIFY": "2024-08-30T14:29:00+03:00"});
    merge(&mut v, extra);
    from(v)
}

/// A deal row of portal product `product_id`.
pub fn row(product_id: i64, name: &str, qty: &str, price: &str) -> ProductRow {
    from(
        json!({"ID": "1", "PRODUCT_ID": product_id.to_string(), "PRODUCT_NAME": name,
        "PRICE": price, "QUANTITY": qty, "TAX_INCLUDED": "Y"}),
    )
}

/// A catalogue product with an XML_ID and extra fields (properties).
pub fn product(id: u64, name: &str, xml_id: Option<&str>, extra: Value) -> Product {
    let mut v = json!({"id": id, "iblockId": 23, "name": name, "xmlId": xml_id, "active": "Y"});
    merge(&mut v, extra);
    from(v)
}

/// A basket item of store product `product_id`.
pub fn basket(id: u64, product_id: i64, xml: Option<&str>, qty: &str, price: &str) -> BasketItem {
    from(
        json!({"id": id, "productId": product_id, "name": format!("Item {id}"),
        "price": price.parse::<f64>().unwrap(), "quantity": qty.parse::<f64>().unwrap(),
        "currency": "RUB", "productXmlId": xml}),
    )
}

/// A basket item with reservations `(store, quantity)`.
pub fn reserved(mut item: BasketItem, reserves: &[(u64, &str)]) -> BasketItem {
    item.reservations = reserves
        .iter()
        .map(|(store, q)| from(json!({"storeId": store, "quantity": q})))
        .collect();
    item
}

/// An order with extra fields merged in and a basket.
pub fn order(id: u64, extra: Value, items: Vec<BasketItem>) -> Order {
    let mut v = json!({"id": id, "accountNumber": id.to_string(), "statusId": "N", "price": 0,
        "currency": "RUB", "payed": "N", "canceled": "N", "deducted": "N",
        "dateInsert": "2024-08-01T10:00:00+03:00", "dateUpdate": "2024-08-30T14:29:00+03:00"});
    merge(&mut v, extra);
    let mut o: Order = from(v);
    o.basket_items = items;
    o
}

/// Stock of a product in a warehouse.
pub fn stock(product_id: u64, store_id: u64, amount: &str, reserved: &str) -> StoreStock {
    from(json!({"productId": product_id, "storeId": store_id,
        "amount": amount.parse::<f64>().unwrap(), "quantityReserved": reserved.parse::<f64>().unwrap()}))
}

/// An active warehouse.
pub fn warehouse(id: u64, title: &str) -> Warehouse {
    from(json!({"id": id, "title": title, "active": "Y", "sort": id * 10}))
}

/// A deal stage of pipeline `category` (`semantics` S, F or none).
pub fn stage(category: i64, code: &str, name: &str, sort: i64, semantics: Option<&str>) -> Status {
    let entity = crate::model::mapping::stage_entity_id(category);
    from(
        json!({"ENTITY_ID": entity, "STATUS_ID": code, "NAME": name, "SORT": sort.to_string(),
        "SEMANTICS": semantics}),
    )
}

/// An order status (type O).
pub fn sale_status(id: &str, sort: i64) -> SaleStatus {
    from(json!({"id": id, "type": "O", "sort": sort}))
}

/// A status name.
pub fn status_lang(id: &str, lid: &str, name: &str) -> StatusLang {
    from(json!({"statusId": id, "lid": lid, "name": name}))
}

/// A contact with phones and e-mails.
pub fn contact(id: u64, name: &str, phones: &[&str], emails: &[&str]) -> Contact {
    let multi = |values: &[&str], kind: &str| -> Value {
        values
            .iter()
            .map(|v| json!({"VALUE": v, "VALUE_TYPE": "WORK", "TYPE_ID": kind}))
            .collect()
    };
    from(
        json!({"ID": id.to_string(), "NAME": name, "PHONE": multi(phones, "PHONE"),
        "EMAIL": multi(emails, "EMAIL")}),
    )
}

fn merge(base: &mut Value, extra: Value) {
    if let (Value::Object(b), Value::Object(e)) = (base, extra) {
        for (k, v) in e {
            b.insert(k, v);
        }
    }
}

/// One link rule of every kind, in this order: user field with the ID, user field with the
/// number, `ORIGIN_ID` of connector 3, order XML_ID, order property `DEAL_ID`.
pub fn all_rules() -> Vec<LinkRule> {
    vec![
        LinkRule::UserField {
            field: "UF_CRM_ORDER".into(),
            holds: OrderKey::Id,
        },
        LinkRule::UserField {
            field: "UF_CRM_NUMBER".into(),
            holds: OrderKey::Number,
        },
        LinkRule::OriginId {
            originator_id: Some("3".into()),
        },
        LinkRule::OrderXmlId,
        LinkRule::OrderProperty {
            code: "DEAL_ID".into(),
        },
    ]
}
