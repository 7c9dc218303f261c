//! Units of measure in the store: a product's `measure` is the ID of a measure that
//! `catalog.measure.list` lists; a fresh install's five, and one more for every other unit a
//! data set's products are sold in.

mod common;

use bitrix_sandbox::{FaultKind, Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::{Value, json};

/// Nails by the kilogram, tea by the piece, tiles by the square metre (a unit a fresh store
/// lacks), and a T-shirt whose variations are sold by the kilogram and in pairs.
fn hardware_store() -> Sandbox {
    let seed = json!({
        "store": {
            "warehouses": [{"id": 1, "title": "Склад"}],
            "products": [
                {"id": 1, "name": "Гвозди", "price": 250, "measureCode": 166, "measureName": "кг"},
                {"id": 2, "name": "Чай", "price": 300},
                {"id": 3, "name": "Плитка", "price": 1200, "measureCode": 55, "measureName": "м²"},
                {"id": 4, "name": "Шнур", "price": 10},
                {"id": 5, "name": "Шнур джутовый", "price": 400, "variationOf": 4,
                 "measureCode": 166, "measureName": "кг"},
                {"id": 6, "name": "Шнурки", "price": 90, "variationOf": 4,
                 "measureCode": 715, "measureName": "пар"}
            ],
            "orders": [{"id": 1, "status": "N", "basket": [
                {"productId": 1, "quantity": 2.5},
                {"productId": 1, "quantity": 3, "measureCode": 796, "measureName": "шт"},
                {"productId": 2, "quantity": 1}
            ]}]
        }
    });
    Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap()
}

/// `measure` of each listed product or variation, by ID.
fn measures_of(sandbox: &Sandbox, method: &str, key: &str, iblock: u64) -> Vec<(u64, u64)> {
    let body = store_call(
        sandbox,
        method,
        json!({"select": ["id", "iblockId", "measure"], "filter": {"iblockId": iblock}}),
    )
    .json();
    body["result"][key]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|p| (p["id"].as_u64().unwrap(), p["measure"].as_u64().unwrap()))
        .collect()
}

fn measure_list(sandbox: &Sandbox, params: Value) -> Value {
    let answer = store_call(sandbox, "catalog.measure.list", params);
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

fn codes(body: &Value) -> Vec<u64> {
    body["result"]["measures"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|m| m["code"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_fresh_store_lists_the_five_measures_the_catalog_module_installs() {
    let sandbox = sandbox();
    let body = measure_list(&sandbox, json!({}));
    assert_eq!(body["total"], 5, "{body}");
    let measures = &body["result"]["measures"];
    assert_eq!(
        measures[3],
        json!({"id": 4, "code": 166, "isDefault": "N", "measureTitle": null, "symbol": null,
               "symbolIntl": "kg", "symbolLetterIntl": "KGM"}),
        "the module writes no title and no Russian symbol: {body}"
    );
    assert_eq!(
        measures[4],
        json!({"id": 5, "code": 796, "isDefault": "Y", "measureTitle": null, "symbol": null,
               "symbolIntl": "pc. 1", "symbolLetterIntl": "PCE. NMB"})
    );
    assert_eq!(codes(&body), [6, 112, 163, 166, 796], "in ID order");
    let products = measures_of(&sandbox, "catalog.product.list", "products", 2);
    assert!(
        products.iter().all(|&(_, measure)| measure == 5),
        "the demo sells everything by the piece: {products:?}"
    );
}

#[test]
fn a_product_sold_by_the_kilogram_answers_measure_4_and_so_does_a_variation() {
    let sandbox = hardware_store();
    assert_eq!(
        measures_of(&sandbox, "catalog.product.list", "products", 2),
        [(1, 4), (2, 5), (3, 6), (4, 5)],
        "kg is measure 4, pieces 5 (no unit given), m² a measure of its own"
    );
    assert_eq!(
        measures_of(&sandbox, "catalog.product.offer.list", "offers", 3),
        [(5, 4), (6, 7)]
    );
    let product = store_call(&sandbox, "catalog.product.get", json!({"id": 1})).json();
    assert_eq!(product["result"]["product"]["measure"], 4, "{product}");
    let kg = measure_list(&sandbox, json!({"filter": {"id": 4}}));
    assert_eq!(kg["result"]["measures"][0]["code"], 166);
}

#[test]
fn a_unit_the_store_lacks_becomes_the_next_measure_titled_by_its_name() {
    let sandbox = hardware_store();
    let body = measure_list(&sandbox, json!({"filter": {">id": 5}}));
    assert_eq!(body["total"], 2, "{body}");
    assert_eq!(
        body["result"]["measures"],
        json!([
            {"id": 6, "code": 55, "isDefault": "N", "measureTitle": "м²", "symbol": "м²",
             "symbolIntl": null, "symbolLetterIntl": null},
            {"id": 7, "code": 715, "isDefault": "N", "measureTitle": "пар", "symbol": "пар",
             "symbolIntl": null, "symbolLetterIntl": null}
        ])
    );
    let all = measure_list(&sandbox, json!({"select": ["id"]}));
    assert_eq!(
        all["total"], 7,
        "kg, named by two products, is not added again"
    );
}

#[test]
fn an_order_line_without_a_unit_takes_its_products() {
    let sandbox = hardware_store();
    let order = store_call(&sandbox, "sale.order.get", json!({"id": 1})).json();
    let lines = &order["result"]["order"]["basketItems"];
    let unit = |i: usize| {
        (
            lines[i]["measureCode"].clone(),
            lines[i]["measureName"].clone(),
        )
    };
    assert_eq!(unit(0), (json!("166"), json!("кг")), "{order}");
    assert_eq!(
        unit(1),
        (json!("796"), json!("шт")),
        "a line's own unit wins"
    );
    assert_eq!(unit(2), (json!("796"), json!("шт")));
}

#[test]
fn measures_select_filter_and_order_as_the_docs_example_shows() {
    let sandbox = hardware_store();
    let body = measure_list(
        &sandbox,
        json!({"select": ["id", "code", "symbolIntl"], "filter": {"<=code": 200}, "order": {"code": "DESC"}}),
    );
    assert_eq!(
        body["result"]["measures"],
        json!([
            {"code": 166, "id": 4, "symbolIntl": "kg"},
            {"code": 163, "id": 3, "symbolIntl": "g"},
            {"code": 112, "id": 2, "symbolIntl": "l"},
            {"code": 55, "id": 6, "symbolIntl": null},
            {"code": 6, "id": 1, "symbolIntl": "m"}
        ]),
        "{body}"
    );
    assert_eq!(body["total"], 5);
    let list = |filter: Value| codes(&measure_list(&sandbox, json!({"filter": filter})));
    assert_eq!(list(json!({"@code": [166, 715, 1]})), [166, 715]);
    assert_eq!(list(json!({"!@code": [6, 112, 163, 166, 796]})), [55, 715]);
    assert_eq!(list(json!({"isDefault": "Y"})), [796]);
    assert_eq!(
        list(json!({"%measureTitle": "М²"})),
        [55],
        "LIKE ignores case"
    );
    assert_eq!(list(json!({"=%symbolLetterIntl": "%M"})), [163, 166]);
    assert_eq!(list(json!({"!=code": 796, "<id": 4})), [6, 112, 163]);

    let page = measure_list(&sandbox, json!({"select": ["id"], "start": 5}));
    assert_eq!(
        page["result"]["measures"],
        json!([{"id": 6}, {"id": 7}]),
        "{page}"
    );
    assert_eq!(page["total"], 7);

    for (params, what) in [
        (json!({"select": ["title"]}), "an unknown field in select"),
        (
            json!({"filter": {"name": "кг"}}),
            "an unknown field in filter",
        ),
        (
            json!({"order": {"sort": "asc"}}),
            "an unknown field in order",
        ),
        (
            json!({"filter": {"!code": 796}}),
            "`!`, a prefix the method's page does not list",
        ),
    ] {
        let refused = store_call(&sandbox, "catalog.measure.list", params);
        assert_eq!(refused.status, 400, "{what}: {}", refused.body);
        assert_eq!(refused.json()["error"], 0, "{what}");
    }
}

#[test]
fn measures_answer_inside_a_batch_and_a_denied_fault_refuses_them_as_the_catalog_module() {
    let sandbox = hardware_store();
    let body = store_call(
        &sandbox,
        "batch",
        json!({"cmd": {
            "product": "catalog.product.get?id=3",
            "unit": "catalog.measure.list?filter[id]=$result[product][product][measure]",
        }}),
    )
    .json();
    assert_eq!(
        body["result"]["result"]["unit"]["measures"][0]["measureTitle"], "м²",
        "{body}"
    );
    assert_eq!(body["result"]["result_total"]["unit"], 1, "{body}");

    sandbox.set_fault("store:catalog.measure.*", 1.0, FaultKind::Denied);
    let direct = store_call(&sandbox, "catalog.measure.list", json!({}));
    assert_eq!(
        (direct.status, direct.json()["error"].clone()),
        (400, json!(200040300010_u64))
    );
    let batch = store_call(
        &sandbox,
        "batch",
        json!({"cmd": {"units": "catalog.measure.list", "stores": "catalog.store.list"}}),
    )
    .json();
    assert_eq!(
        batch["result"]["result_error"]["units"]["error"],
        json!(200040300010_u64),
        "{batch}"
    );
    assert_eq!(batch["result"]["result"]["stores"]["stores"][0]["id"], 1);
    sandbox.clear_faults();
    assert_eq!(
        store_call(&sandbox, "catalog.measure.list", json!({})).status,
        200
    );
}

#[test]
fn the_portal_has_no_catalog_measure_list() {
    let sandbox = sandbox();
    let answer = portal_call(&sandbox, 1, "catalog.measure.list", json!({}));
    assert_ne!(answer.status, 200, "{}", answer.body);
}

#[test]
fn a_seed_must_give_a_products_unit_whole_and_name_a_new_code_alike() {
    let refused = |products: Value| {
        Sandbox::start(SandboxConfig {
            seed: Seed::Json(json!({"store": {"products": products}}).to_string()),
            ..Default::default()
        })
        .err()
        .expect("refused")
        .to_string()
    };
    let error = refused(json!([{"id": 1, "name": "Гвозди", "price": 1, "measureCode": 166}]));
    assert!(
        error.contains(
            "store.products[0]: a unit needs both measureCode (its OKEI code, e.g. 166) and measureName (e.g. кг)"
        ),
        "{error}"
    );
    let error = refused(json!([
        {"id": 1, "name": "Шнур", "price": 1},
        {"id": 2, "name": "Шнур 5 м", "price": 1, "variationOf": 1, "measureName": "м"}
    ]));
    assert!(
        error.contains("store.products[1]: a unit needs both measureCode"),
        "{error}"
    );
    let error = refused(json!([
        {"id": 1, "name": "Плитка", "price": 1, "measureCode": 55, "measureName": "м²"},
        {"id": 2, "name": "Ламинат", "price": 1, "measureCode": 55, "measureName": "кв. м"}
    ]));
    assert!(
        error.contains(
            "store.products[1].measureName: \"кв. м\", but store.products[0] names unit 55 \"м²\""
        ),
        "{error}"
    );
    let error = refused(json!([
        {"id": 1, "name": "Плитка", "price": 1, "measureCode": 55, "measureName": " "}
    ]));
    assert!(
        error.contains("store.products[0].measureName: must not be blank"),
        "{error}"
    );
    let error = refused(json!([
        {"id": 1, "name": "Гвозди", "price": 1, "measureCode": "166", "measureName": "кг"}
    ]));
    assert!(error.contains("store.products[0].measureCode"), "{error}");
}
