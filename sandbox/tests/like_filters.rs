//! `sale.propertyvalue.list`, and LIKE with the caller's own wildcards (`=%`, `%=`) in the
//! lists that document it: found case-insensitively as MySQL does, unsupported prefixes
//! answered as the real methods answer them.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::{Value, json};

/// Orders whose buyers wrote the same phone and e-mail in different ways.
fn buyers() -> Sandbox {
    let order = |id: u64, properties: Value| json!({"id": id, "status": "N", "basket": [{"productId": 0, "name": "Доставка", "price": 1, "quantity": 1}], "properties": properties});
    let seed = json!({
        "portal": {
            "contacts": [
                {"id": 1, "name": "Иван", "lastName": "Петров"},
                {"id": 2, "name": "Мария", "lastName": "ПЕТРОВА"},
                {"id": 3, "name": "Олег", "lastName": "Сидоров"}
            ],
            "deals": [
                {"id": 1, "title": "Заказ #7", "stage": "NEW"},
                {"id": 2, "title": "Заказ #75", "stage": "NEW"},
                {"id": 3, "title": "заказ #8", "stage": "NEW"},
                {"id": 4, "title": "Звонок", "stage": "NEW"}
            ]
        },
        "store": {
            "warehouses": [{"id": 1, "title": "Склад"}],
            "orders": [
                order(1, json!({"PHONE": "8 (916) 123-45-67", "EMAIL": "Ivan@Example.RU"})),
                order(2, json!({"PHONE": "+7 916 123-45-67"})),
                order(3, json!({"PHONE": "+79161234568"})),
                order(4, json!({"PHONE": "89161234567"})),
                order(5, json!({"EMAIL": "ivan@example.ru", "FIO": "Петров Иван"})),
                order(6, json!({"FIO": "ПЕТРОВА Мария"})),
                order(10, json!({})),
                order(11, json!({}))
            ]
        }
    });
    Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap()
}

/// The `orderId`s a `sale.propertyvalue.list` filter finds, newest order first.
fn orders_with(sandbox: &Sandbox, filter: Value) -> Vec<u64> {
    let body = store_call(
        sandbox,
        "sale.propertyvalue.list",
        json!({"select": ["orderId"], "filter": filter, "order": {"orderId": "desc"}}),
    )
    .json();
    body["result"]["propertyValues"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|v| v["orderId"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_phone_in_any_formatting_is_found_with_the_callers_wildcards() {
    let sandbox = buyers();
    let digits = "%9%1%6%1%2%3%4%5%6%7";
    assert_eq!(
        orders_with(&sandbox, json!({"=code": "PHONE", "=%value": digits})),
        [4, 2, 1],
        "8 (916) 123-45-67, +7 916 123-45-67 and 89161234567; not …568"
    );
    assert_eq!(
        orders_with(&sandbox, json!({"=code": "PHONE", "%=value": digits})),
        [4, 2, 1],
        "%= is the same LIKE"
    );
    let body = store_call(
        &sandbox,
        "sale.propertyvalue.list",
        json!({"select": ["orderId", "code", "value"], "filter": {"=code": "PHONE", "=%value": digits}, "order": {"orderId": "asc"}}),
    )
    .json();
    assert_eq!(
        body["result"]["propertyValues"][0],
        json!({"orderId": 1, "code": "PHONE", "value": "8 (916) 123-45-67"}),
        "only the selected fields, typed"
    );
    assert_eq!(body["total"], 3);
}

#[test]
fn the_demo_finds_the_phone_written_with_an_8() {
    let sandbox = sandbox();
    let body = store_call(
        &sandbox,
        "sale.propertyvalue.list",
        json!({"filter": {"=code": "PHONE", "=%value": "%9%1%6%1%2%3%4%5%6%7"}}),
    )
    .json();
    let values = body["result"]["propertyValues"].as_array().unwrap();
    let written_with_8 = values
        .iter()
        .find(|v| v["value"] == "8 (916) 123-45-67")
        .unwrap_or_else(|| panic!("{body}"));
    for key in [
        "id",
        "orderId",
        "orderPropsId",
        "orderPropsXmlId",
        "name",
        "code",
        "value",
    ] {
        assert!(
            written_with_8.get(key).is_some(),
            "{key} in {written_with_8}"
        );
    }
    assert!(written_with_8["id"].is_u64() && written_with_8["orderPropsId"].is_u64());
}

#[test]
fn like_ignores_case_and_takes_underscore_substring_and_negation() {
    let sandbox = buyers();
    let cases = [
        (
            json!({"=code": "EMAIL", "%value": "example.RU"}),
            vec![5, 1],
        ),
        (json!({"=code": "EMAIL", "=%value": "_VAN@%"}), vec![5, 1]),
        (json!({"=code": "FIO", "%value": "петров"}), vec![6, 5]),
        (json!({"=code": "FIO", "!%value": "мария"}), vec![5]),
        (json!({"=code": "FIO", "!=%value": "%иван"}), vec![6]),
        (json!({"=code": "FIO", "=value": "Петров Иван"}), vec![5]),
        (json!({"=code": "FIO", "!=value": "Петров Иван"}), vec![6]),
        (json!({"%value": "%"}), vec![]),
        (json!({"code": "PHONE", ">=orderId": 3}), vec![4, 3]),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            orders_with(&sandbox, filter.clone()),
            expected,
            "filter {filter}"
        );
    }
}

#[test]
fn property_values_refuse_what_their_method_does_not_know() {
    let sandbox = buyers();
    for (params, what) in [
        (json!({"filter": {"@orderId": [1, 2]}}), "no @ prefix"),
        (json!({"filter": {"phone": "1"}}), "an unknown field"),
        (json!({"select": ["orderId", "PHONE"]}), "an unknown select"),
        (json!({"order": {"nope": "asc"}}), "an unknown order field"),
    ] {
        let answer = store_call(&sandbox, "sale.propertyvalue.list", params);
        assert_eq!(answer.status, 400, "{what}: {}", answer.body);
        assert_eq!(answer.json()["error"], 0, "{what}: {}", answer.body);
    }
}

#[test]
fn orders_and_crm_lists_take_like_with_the_callers_wildcards() {
    let sandbox = buyers();
    let orders = |filter: Value| -> Vec<u64> {
        let body = store_call(
            &sandbox,
            "sale.order.list",
            json!({"select": ["id"], "filter": filter, "order": {"id": "asc"}}),
        )
        .json();
        body["result"]["orders"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|o| o["id"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(orders(json!({"=%accountNumber": "1_"})), [10, 11]);
    assert_eq!(orders(json!({"%=accountNumber": "1%"})), [1, 10, 11]);
    assert_eq!(
        orders(json!({"!=%accountNumber": "1%", "<id": 5})),
        [2, 3, 4]
    );

    let deals = |filter: Value| -> Vec<String> {
        let body = portal_call(
            &sandbox,
            1,
            "crm.deal.list",
            json!({"select": ["ID"], "filter": filter, "order": {"ID": "ASC"}}),
        )
        .json();
        body["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|d| d["ID"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(deals(json!({"=%TITLE": "ЗАКАЗ #_"})), ["1", "3"]);
    assert_eq!(deals(json!({"%=TITLE": "заказ #7%"})), ["1", "2"]);
    assert_eq!(
        deals(json!({"!%TITLE": "заказ"})),
        ["1", "2", "3", "4"],
        "crm.deal.list has no NOT LIKE: the key is an unknown field, ignored"
    );

    let contacts = portal_call(
        &sandbox,
        1,
        "crm.contact.list",
        json!({"select": ["ID"], "filter": {"=%LAST_NAME": "петров%"}, "order": {"ID": "ASC"}}),
    )
    .json();
    assert_eq!(
        contacts["result"],
        json!([{"ID": "1"}, {"ID": "2"}]),
        "{contacts}"
    );
}

#[test]
fn each_store_list_takes_the_prefixes_its_page_lists() {
    let sandbox = sandbox();
    let status = |method: &str, params: Value| store_call(&sandbox, method, params).status;
    let accepted = [
        ("catalog.store.list", json!({"filter": {"%title": "склад"}})),
        (
            "catalog.store.list",
            json!({"filter": {"!%=title": "%магазин%"}}),
        ),
        (
            "catalog.price.list",
            json!({"filter": {"=%currency": "RU_"}}),
        ),
        ("sale.status.list", json!({"filter": {"!id": "N"}})),
        ("sale.statusLang.list", json!({"filter": {"%=name": "%о%"}})),
        (
            "sale.basketitem.list",
            json!({"filter": {"!%name": "кофе"}}),
        ),
        (
            "catalog.storeproduct.list",
            json!({"filter": {"!@storeId": [1]}}),
        ),
    ];
    for (method, params) in accepted {
        assert_eq!(status(method, params.clone()), 200, "{method} {params}");
    }
    let refused = [
        ("sale.status.list", json!({"filter": {"@id": ["N"]}})),
        ("sale.statusLang.list", json!({"filter": {"!lid": "ru"}})),
        (
            "catalog.storeproduct.list",
            json!({"filter": {"=%amount": "1%"}}),
        ),
    ];
    for (method, params) in refused {
        assert_eq!(status(method, params.clone()), 400, "{method} {params}");
    }
}

/// A batch command as clients encode it: `method?key=value&…`, everything percent-encoded.
fn command(method: &str, pairs: &[(&str, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    format!("{method}?{}", query.finish())
}

#[test]
fn a_phone_search_and_its_orders_run_in_one_batch_through_references() {
    let sandbox = buyers();
    let mut orders_of_hits: Vec<(&str, String)> = vec![("order[id]", "desc".into())];
    for i in 0..5 {
        orders_of_hits.push((
            "filter[@id][]",
            format!("$result[phone0][propertyValues][{i}][orderId]"),
        ));
    }
    // Named as the widget names them; `json!` sorts keys, and these sort in running order.
    let batch = json!({"halt": 0, "cmd": {
        "phone0": command("sale.propertyvalue.list", &[
            ("select[]", "orderId".into()),
            ("filter[=code]", "PHONE".into()),
            ("filter[=%value]", "%9%1%6%1%2%3%4%5%6%7".into()),
            ("order[orderId]", "desc".into()),
        ]),
        "phone0_orders": command("sale.order.list", &orders_of_hits),
    }});
    let answer = store_call(&sandbox, "batch", batch).json();
    let result = &answer["result"];
    assert_eq!(result["result_error"], json!([]), "{answer}");
    let found: Vec<u64> = result["result"]["phone0_orders"]["orders"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|o| o["id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        found,
        [4, 2, 1],
        "slots past the hits resolve to nothing and match no order"
    );
}
