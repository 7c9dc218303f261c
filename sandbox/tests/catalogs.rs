//! `catalog.catalog.list` on both sides: the trade catalogues whose `iblockId` product
//! queries need, variation catalogues pointing at their product catalogue.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::{Value, json};

#[test]
fn both_sides_list_their_product_and_variation_catalogues() {
    let sandbox = sandbox();
    let portal = portal_call(&sandbox, 2, "catalog.catalog.list", json!({})).json();
    assert_eq!(portal["total"], 2, "{portal}");
    let crm = &portal["result"]["catalogs"][0];
    assert_eq!(crm["id"], 25);
    assert_eq!(crm["iblockId"], 25);
    assert_eq!(crm["iblockTypeId"], "CRM_PRODUCT_CATALOG");
    assert_eq!(crm["lid"], "s1");
    assert!(crm["productIblockId"].is_null() && crm["skuPropertyId"].is_null());
    let offers = &portal["result"]["catalogs"][1];
    assert_eq!(offers["iblockId"], 26);
    assert_eq!(offers["productIblockId"], 25);
    assert!(offers["skuPropertyId"].is_u64());

    let store = store_call(
        &sandbox,
        "catalog.catalog.list",
        json!({"select": ["iblockId", "name", "productIblockId"], "order": {"iblockId": "desc"}}),
    )
    .json();
    let catalogs = store["result"]["catalogs"].as_array().unwrap();
    assert_eq!(catalogs.len(), 2, "{store}");
    assert_eq!(catalogs[0]["iblockId"], 3);
    assert_eq!(catalogs[0]["productIblockId"], 2);
    assert_eq!(catalogs[1]["iblockId"], 2);
    assert_eq!(
        catalogs[1].as_object().unwrap().len(),
        3,
        "only the selected fields: {}",
        catalogs[1]
    );
    let products = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"select": ["id", "iblockId"], "filter": {"iblockId": catalogs[1]["iblockId"]}}),
    )
    .json();
    assert!(
        products["total"].as_u64().unwrap() >= 300,
        "the product catalogue's iblockId finds the products: {}",
        products["total"]
    );
}

#[test]
fn catalogues_filter_like_other_orm_lists_and_follow_the_data_set() {
    let seed = json!({
        "portal": {"catalogIblockId": 14, "catalogName": "Товары", "offersIblockId": 0},
        "store": {"iblockId": 5, "catalogName": "Одежда", "offersIblockId": 9}
    });
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap();
    let portal = portal_call(&sandbox, 1, "catalog.catalog.list", json!({})).json();
    assert_eq!(portal["result"]["catalogs"].as_array().unwrap().len(), 1);
    assert_eq!(portal["result"]["catalogs"][0]["iblockId"], 14);
    assert_eq!(portal["result"]["catalogs"][0]["name"], "Товары");

    let list = |filter: serde_json::Value| {
        store_call(
            &sandbox,
            "catalog.catalog.list",
            json!({"select": ["iblockId"], "filter": filter}),
        )
        .json()["result"]["catalogs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["iblockId"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(list(json!({"@iblockId": [9, 11]})), [9]);
    assert_eq!(list(json!({"%name": "одежда"})), [5, 9]);
    assert_eq!(list(json!({"=%name": "%(предложения)"})), [9]);
    assert_eq!(list(json!({"productIblockId": 5})), [9]);
    let bad = store_call(
        &sandbox,
        "catalog.catalog.list",
        json!({"filter": {"iblock": 5}}),
    );
    assert_eq!(bad.status, 400, "{}", bad.body);
}

#[test]
fn a_variation_catalogue_cannot_reuse_the_product_catalogues_iblock() {
    let seed = json!({"store": {"iblockId": 5, "offersIblockId": 5}});
    let error = Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        ..Default::default()
    })
    .err()
    .expect("refused");
    assert!(
        error.to_string().contains("store.offersIblockId"),
        "{error}"
    );
}

#[test]
fn variations_live_in_the_catalogue_of_variations_with_their_product_as_parent() {
    let product = |id: u64, name: &str, parent: Option<u64>| json!({"id": id, "name": name, "xmlId": format!("x{id}"), "price": 100, "variationOf": parent});
    let seed = json!({
        "portal": {"products": [product(1, "Футболка", None), product(2, "Футболка S", Some(1))]},
        "store": {
            "warehouses": [{"id": 1, "title": "Склад"}],
            "products": [
                product(1, "Футболка", None),
                {"id": 2, "name": "Футболка S", "xmlId": "x2", "price": 100, "variationOf": 1,
                 "stock": [{"warehouse": 1, "amount": 4}]},
                product(3, "Футболка M", Some(1))
            ]
        }
    });
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap();
    let select = json!(["id", "iblockId", "name", "type", "xmlId", "parentId"]);
    let products = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"select": ["id", "iblockId", "type"], "filter": {"iblockId": 2}}),
    )
    .json();
    assert_eq!(
        products["result"]["products"],
        json!([{"id": 1, "iblockId": 2, "type": 3}]),
        "the product catalogue holds the product with variations, not its variations"
    );
    let offers = store_call(
        &sandbox,
        "catalog.product.offer.list",
        json!({"select": select, "filter": {"iblockId": 3, "xmlId": ["x2", "x3"]}}),
    )
    .json();
    let offers = offers["result"]["offers"].as_array().unwrap();
    assert_eq!(offers.len(), 2, "{offers:?}");
    assert_eq!(offers[0]["iblockId"], 3);
    assert_eq!(offers[0]["type"], 4);
    assert_eq!(offers[0]["parentId"]["value"], "1");
    assert_eq!(offers[1]["name"], "Футболка M");
    let stock = store_call(
        &sandbox,
        "catalog.storeproduct.list",
        json!({"filter": {"productId": 2}}),
    )
    .json();
    assert_eq!(stock["result"]["storeProducts"][0]["amount"], 4, "{stock}");

    let portal = portal_call(
        &sandbox,
        2,
        "catalog.product.offer.list",
        json!({"select": select, "filter": {"iblockId": 26, "id": [2]}}),
    )
    .json();
    assert_eq!(portal["result"]["offers"][0]["xmlId"], "x2", "{portal}");
    let missing = store_call(
        &sandbox,
        "catalog.product.offer.list",
        json!({"select": ["id", "iblockId"], "filter": {"xmlId": "x2"}}),
    )
    .json();
    assert_eq!(
        missing["error_description"], "Required filter fields: iblockId",
        "{missing}"
    );
}

#[test]
fn a_variations_article_is_a_property_of_the_catalogue_of_variations() {
    let seed = json!({
        "store": {
            "offersArticlePropertyId": 130,
            "products": [
                {"id": 1, "name": "Футболка", "xmlId": "tee", "article": "TS-1", "price": 100},
                {"id": 2, "name": "Футболка XL", "xmlId": "tee#xl", "article": "TS-1-XL",
                 "price": 100, "variationOf": 1}
            ]
        }
    });
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap();
    let list = |method: &str, iblock: u64, property: &str, filter: Value| {
        let mut f = json!({"iblockId": iblock});
        f.as_object_mut()
            .unwrap()
            .extend(filter.as_object().unwrap().clone());
        store_call(
            &sandbox,
            method,
            json!({"select": ["id", "iblockId", property], "filter": f}),
        )
        .json()
    };
    let offers = list(
        "catalog.product.offer.list",
        3,
        "property130",
        json!({"=%property130": "ts-1-x%"}),
    );
    let found = &offers["result"]["offers"];
    assert_eq!(found[0]["id"], 2, "{offers}");
    assert_eq!(found[0]["property130"]["value"], "TS-1-XL", "{offers}");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{offers}");
    let products = list(
        "catalog.product.list",
        2,
        "property105",
        json!({"=property105": "TS-1"}),
    );
    assert_eq!(products["result"]["products"][0]["id"], 1, "{products}");
    // Each catalogue refuses the other's property, as Bitrix refuses a property the
    // information block does not have.
    let refused = list("catalog.product.offer.list", 3, "property105", json!({}));
    assert!(
        refused["error_description"]
            .as_str()
            .is_some_and(|e| e.contains("property105")),
        "{refused}"
    );
    let refused = list("catalog.product.list", 2, "property130", json!({}));
    assert!(refused.get("error").is_some(), "{refused}");
}
