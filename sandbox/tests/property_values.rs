//! `sale.propertyvalue.list`: order property values found with LIKE and the caller's own
//! wildcards (a phone in any formatting), case-insensitively as MySQL does; its unsupported
//! prefixes and fields answered as the real method answers them; the widget's phone search
//! and its orders in one batch.

mod common;

use bitrix_sandbox::Sandbox;
use common::*;
use serde_json::{Value, json};

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
