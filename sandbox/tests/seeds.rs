//! Data sets: the README example loads, bad files name the wrong field, the demo has its cases.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::json;

fn readme_example() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("A complete small example")
        .expect("example heading");
    let block = &readme[start..];
    let open = block.find("```json").expect("json block") + "```json".len();
    let close = block[open..].find("```").expect("block end") + open;
    block[open..close].to_string()
}

#[test]
fn the_readme_example_loads_and_serves_every_entity() {
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Seed::Json(readme_example()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap();
    let deal = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).json()["result"].clone();
    assert_eq!(deal["UF_CRM_ORDER"], "5");
    assert_eq!(deal["OPPORTUNITY"], "2685.00", "2 × 690 + 1450 − 10 %");
    let order =
        store_call(&sandbox, "sale.order.get", json!({"id": 5})).json()["result"]["order"].clone();
    assert_eq!(order["price"], 690 * 2 + 1305 + 300);
    assert_eq!(order["basketItems"][1]["reservations"][0]["quantity"], 1);
    assert_eq!(order["shipments"][0]["deliveryName"], "Курьер");
    let stock = store_call(
        &sandbox,
        "catalog.storeproduct.list",
        json!({"filter": {"productId": 1}, "order": {"storeId": "asc"}}),
    )
    .json();
    assert_eq!(stock["result"]["storeProducts"][0]["quantityReserved"], 2);
    assert_eq!(stock["result"]["storeProducts"][1]["quantityReserved"], 1);
    let names = store_call(
        &sandbox,
        "sale.statusLang.list",
        json!({"filter": {"statusId": "N"}}),
    )
    .json();
    assert_eq!(names["total"], 2);
    let contact = portal_call(&sandbox, 1, "crm.contact.get", json!({"id": 1})).json();
    assert_eq!(contact["result"]["EMAIL"][0]["VALUE"], "ivan@example.ru");
    let me = portal_call(&sandbox, 2, "user.current", json!({})).json();
    assert_eq!(me["result"]["NAME"], "Борис");
}

#[test]
fn seeded_units_reach_deal_rows_and_order_lines() {
    let seed = json!({
        "portal": {"deals": [{"id": 1, "title": "Гвозди", "stage": "NEW", "rows": [
            {"name": "Гвозди", "price": 120, "quantity": 2.5, "measureCode": 166, "measureName": "кг"},
            {"name": "Молоток", "price": 900, "quantity": 1}
        ]}]},
        "store": {
            "warehouses": [{"id": 1, "title": "Склад"}],
            "orders": [{"id": 1, "status": "N", "basket": [
                {"productId": 0, "name": "Кабель", "price": 30, "quantity": 12, "measureCode": 6, "measureName": "м"}
            ]}]
        }
    });
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap();
    let rows = portal_call(&sandbox, 1, "crm.deal.productrows.get", json!({"id": 1})).json();
    assert_eq!(rows["result"][0]["MEASURE_CODE"], 166);
    assert_eq!(rows["result"][0]["MEASURE_NAME"], "кг");
    assert_eq!(rows["result"][1]["MEASURE_CODE"], 796, "pieces by default");
    assert_eq!(rows["result"][1]["MEASURE_NAME"], "шт");
    let order =
        store_call(&sandbox, "sale.order.get", json!({"id": 1})).json()["result"]["order"].clone();
    assert_eq!(order["basketItems"][0]["measureCode"], "6");
    assert_eq!(order["basketItems"][0]["measureName"], "м");
}

#[test]
fn bad_seeds_name_the_record_and_field() {
    let cases = [
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "contactId": 7}]}}),
            "portal.deals[0].contactId",
        ),
        (
            json!({"store": {"warehouses": [{"id": 1, "title": "w"}], "orders": [{"id": 1, "status": "N", "basket": [{"productId": 9, "quantity": 1}]}]}}),
            "store.orders[0].basket[0].productId",
        ),
        (
            json!({"store": {"products": [{"id": 1, "name": "p", "price": 1, "stock": [{"warehouse": 3, "amount": 1}]}]}}),
            "store.products[0].stock[0].warehouse",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "uf": {"UF_CRM_X": 1}}]}}),
            "portal.deals[0].uf.UF_CRM_X",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "colour": "red"}]}}),
            "portal.deals[0]",
        ),
        (
            json!({"store": {"orders": [{"id": "seven"}]}}),
            "store.orders[0].id",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "rows": [{"name": "Гвозди", "price": 1, "quantity": 2, "measureName": "кг"}]}]}}),
            "portal.deals[0].rows[0]: a unit needs both measureCode",
        ),
        (
            json!({"store": {"products": [{"id": 1, "name": "p", "price": 1, "variationOf": 9}]}}),
            "store.products[0].variationOf: product 9 is not in store.products",
        ),
        (
            json!({"portal": {"products": [
                {"id": 1, "name": "p", "price": 1},
                {"id": 2, "name": "p S", "price": 1, "variationOf": 1},
                {"id": 3, "name": "p S x", "price": 1, "variationOf": 2}
            ]}}),
            "portal.products[2].variationOf: product 2 is a variation itself",
        ),
        (
            json!({"store": {"offersIblockId": 0, "products": [
                {"id": 1, "name": "p", "price": 1},
                {"id": 2, "name": "p S", "price": 1, "variationOf": 1}
            ]}}),
            "store.products[1].variationOf: variations need the catalogue of variations",
        ),
        (
            json!({"portal": {"contacts": [{"id": 1, "name": "x", "assignedBy": 77}]}}),
            "portal.contacts[0].assignedBy: user 77 is not in portal.users",
        ),
        (
            json!({"portal": {"deals": [{"id": 0, "title": "x", "stage": "NEW"}]}}),
            "portal.deals[0].id: IDs start at 1",
        ),
        (
            json!({"store": {"warehouses": [{"id": 0, "title": "w"}]}}),
            "store.warehouses[0].id: IDs start at 1",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "rows": [{"name": "Гвозди", "price": -50, "quantity": 1}]}]}}),
            "portal.deals[0].rows[0].price: -50 must be from 0",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "rows": [{"name": "Гвозди", "price": 100, "quantity": 1, "discountRate": 250}]}]}}),
            "portal.deals[0].rows[0].discountRate: 250 must be a percentage",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "rows": [{"name": "Гвозди", "price": 1, "quantity": 1e300}]}]}}),
            "portal.deals[0].rows[0].quantity",
        ),
        (
            json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NEW", "rows": [{"name": "Гвозди", "price": 1e12, "quantity": 1e9}]}]}}),
            "portal.deals[0].rows: the lines come to",
        ),
        (
            json!({"store": {"warehouses": [{"id": 1, "title": "w"}], "orders": [{"id": 1, "status": "N",
                "basket": [{"productId": 0, "name": "p", "price": -100, "quantity": 1}],
                "payments": [{"sum": -5}], "shipments": [{"price": -300}]}]}}),
            "store.orders[0].basket[0].price",
        ),
        (
            json!({"store": {"warehouses": [{"id": 1, "title": "w"}], "orders": [{"id": 1, "status": "N",
                "basket": [], "payments": [{"sum": -5}]}]}}),
            "store.orders[0].payments[0].sum",
        ),
        (
            json!({"store": {"warehouses": [{"id": 1, "title": "w"}], "orders": [{"id": 1, "status": "N",
                "basket": [], "shipments": [{"price": -300}]}]}}),
            "store.orders[0].shipments[0].price",
        ),
        (
            json!({"portal": {"pipelines": [
                {"id": 0, "name": "General", "stages": [{"id": "NEW", "name": "New"}]},
                {"id": 1, "name": "Other", "stages": [{"id": "C2:NEW", "name": "New"}]}
            ]}}),
            "portal.pipelines[1].stages[0].id: \"C2:NEW\" carries the prefix of pipeline 2",
        ),
        (
            json!({"portal": {"pipelines": [
                {"id": 0, "name": "General", "stages": [{"id": "NEW", "name": "  "}]}
            ]}}),
            "portal.pipelines[0].stages[0].name: must not be blank",
        ),
        (
            json!({"store": {"statuses": [{"id": "N", "names": {"ru": "Принят"}}]}}),
            "store.statuses[0].names: give one text, or {\"ru\": \"…\", \"en\": \"…\"} with both languages",
        ),
    ];
    for (seed, path) in cases {
        let error = Sandbox::start(SandboxConfig {
            seed: Seed::Json(seed.to_string()),
            ..Default::default()
        })
        .err()
        .expect("refused");
        assert!(
            error.to_string().contains(path),
            "expected {path} in: {error}"
        );
    }
    let missing = Sandbox::start(SandboxConfig {
        seed: Seed::File("/nonexistent/seed.json".into()),
        ..Default::default()
    })
    .err()
    .unwrap();
    assert!(missing.to_string().contains("/nonexistent/seed.json"));
}

#[test]
fn the_demo_holds_the_cases_reps_meet() {
    let sandbox = sandbox();
    let products = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"select": ["id", "iblockId"], "filter": {"iblockId": 2}}),
    )
    .json();
    assert!(products["total"].as_u64().unwrap() >= 300);
    let deals = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID", "CATEGORY_ID"]}),
    )
    .json();
    assert!(deals["total"].as_u64().unwrap() >= 20);
    let pipelines: std::collections::BTreeSet<String> = deals["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["CATEGORY_ID"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pipelines.len(), 2);
    let canceled = store_call(
        &sandbox,
        "sale.order.list",
        json!({"filter": {"canceled": "Y"}, "select": ["id"]}),
    )
    .json();
    assert!(canceled["total"].as_u64().unwrap() >= 1);
    let paid = store_call(
        &sandbox,
        "sale.order.list",
        json!({"filter": {"payed": "Y"}, "select": ["id"]}),
    )
    .json();
    assert!(paid["total"].as_u64().unwrap() >= 1);
    let deal10 =
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 10})).json()["result"].clone();
    let order110 =
        store_call(&sandbox, "sale.order.get", json!({"id": 110})).json()["result"]["order"]
            .clone();
    assert_ne!(
        deal10["OPPORTUNITY"]
            .as_str()
            .unwrap()
            .parse::<f64>()
            .unwrap(),
        order110["price"].as_f64().unwrap()
    );
    let phone = order110["propertyValues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "PHONE")
        .unwrap()["value"]
        .clone();
    let order109 =
        store_call(&sandbox, "sale.order.get", json!({"id": 109})).json()["result"]["order"]
            .clone();
    let phone109 = order109["propertyValues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "PHONE")
        .unwrap()["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(phone109.starts_with("8 ("), "{phone109}");
    let found = portal_call(
        &sandbox,
        1,
        "crm.duplicate.findbycomm",
        json!({"type": "PHONE", "values": [phone109]}),
    )
    .json();
    assert_eq!(found["result"]["CONTACT"], json!([9]));
    assert!(phone.is_string());
    let no_order =
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 21})).json()["result"].clone();
    assert!(no_order["ORIGIN_ID"].is_null() && no_order["UF_CRM_STORE_ORDER"].is_null());
    let by_property = store_call(
        &sandbox,
        "sale.propertyvalue.list",
        json!({"select": ["orderId"], "filter": {"=code": "DEAL_ID", "=value": "17"}}),
    )
    .json();
    assert_eq!(
        by_property["result"]["propertyValues"],
        json!([{"orderId": 117}])
    );
    let by_xml_id = store_call(
        &sandbox,
        "sale.order.list",
        json!({"select": ["id"], "filter": {"xmlId": "18"}}),
    )
    .json();
    assert_eq!(by_xml_id["result"]["orders"], json!([{"id": 118}]));
}

#[test]
fn a_database_file_keeps_the_data_between_runs() {
    let path = std::env::temp_dir().join(format!("sandbox-keep-{}.db", std::process::id()));
    std::fs::remove_file(&path).ok();
    let config = || SandboxConfig {
        db: Some(path.clone()),
        rate_limit: None,
        ..Default::default()
    };
    {
        let sandbox = Sandbox::start(config()).unwrap();
        sandbox.edit_deal(1, json!({"TITLE": "Kept"})).unwrap();
    }
    let sandbox = Sandbox::start(config()).unwrap();
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).json()["result"]["TITLE"],
        "Kept"
    );
    drop(sandbox);
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
    }
}

#[test]
fn a_missing_required_field_is_named_as_such_not_as_broken_json() {
    let Err(err) = bitrix_sandbox::seed::parse(r#"{"store": {"orders": [{"id": 1}]}}"#) else {
        panic!("an order without a status is refused");
    };
    let err = err.to_string();
    assert!(
        err.starts_with("seed: store.orders[0]: missing field `status`"),
        "{err}"
    );
    let Err(broken) = bitrix_sandbox::seed::parse(r#"{"store": "#) else {
        panic!("broken JSON is refused");
    };
    let broken = broken.to_string();
    assert!(broken.starts_with("seed is not valid JSON"), "{broken}");
}
