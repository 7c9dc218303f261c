//! The store: orders, baskets moving the reserve, stock, catalogue filters, bad parameters.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::{Value, json};

/// One warehouse holding 10 of product 1 and 3 of product 2; order 7 (open) holds 2 of product 1.
fn small_store() -> Sandbox {
    let seed = json!({
        "store": {
            "warehouses": [{"id": 1, "title": "Main"}, {"id": 2, "title": "Shop"}],
            "products": [
                {"id": 1, "name": "Кофе Бразилия", "xmlId": "X-1", "article": "KZ-1", "price": 500, "stock": [{"warehouse": 1, "amount": 10}, {"warehouse": 2, "amount": 4}]},
                {"id": 2, "name": "Турка медная", "xmlId": "X-2", "article": "TR-2", "price": 1500, "stock": [{"warehouse": 1, "amount": 3, "reserved": 1}]},
                {"id": 3, "name": "Чай Ассам", "xmlId": "X-3", "article": "CH-3", "price": 300}
            ],
            "orders": [
                {"id": 7, "status": "N", "warehouse": 1, "basket": [{"id": 70, "productId": 1, "quantity": 2}], "properties": {"FIO": "Петров Иван", "PHONE": "8 (916) 123-45-67"}},
                {"id": 8, "status": "N", "canceled": true, "basket": [{"productId": 2, "quantity": 1}]}
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

fn stock(sandbox: &Sandbox, product: u64) -> (Value, Value) {
    let product_row = store_call(sandbox, "catalog.product.get", json!({"id": product})).json()["result"]["product"].clone();
    let rows = store_call(
        sandbox,
        "catalog.storeproduct.list",
        json!({"filter": {"productId": product, "storeId": 1}}),
    )
    .json();
    (product_row, rows["result"]["storeProducts"][0].clone())
}

#[test]
fn seeded_open_orders_reserve_and_canceled_ones_do_not() {
    let sandbox = small_store();
    let (p1, s1) = stock(&sandbox, 1);
    assert_eq!(
        (s1["amount"].clone(), s1["quantityReserved"].clone()),
        (json!(10), json!(2))
    );
    assert_eq!(
        (p1["quantity"].clone(), p1["quantityReserved"].clone()),
        (json!(12), json!(2))
    );
    let (p2, s2) = stock(&sandbox, 2);
    assert_eq!(
        s2["quantityReserved"], 1,
        "only the extra reserve: the canceled order holds nothing"
    );
    assert_eq!(p2["quantity"], 2);
    let order = store_call(&sandbox, "sale.order.get", json!({"id": 7})).json();
    let item = &order["result"]["order"]["basketItems"][0];
    assert_eq!(item["id"], "70");
    assert_eq!(item["reservations"][0]["storeId"], 1);
    assert_eq!(item["reservations"][0]["quantity"], 2);
    assert_eq!(order["result"]["order"]["price"], 1000);
}

#[test]
fn reserve_moves_on_a_basket_change() {
    let sandbox = small_store();
    let before = store_call(&sandbox, "sale.order.get", json!({"id": 7})).json()["result"]["order"]
        ["dateUpdate"]
        .clone();
    let updated = store_call(
        &sandbox,
        "sale.basketitem.update",
        json!({"id": 70, "fields": {"quantity": 5}}),
    );
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(
        updated.json()["result"]["basketItem"]["reservations"][0]["quantity"],
        5
    );
    let (p1, s1) = stock(&sandbox, 1);
    assert_eq!(
        (s1["quantityReserved"].clone(), p1["quantity"].clone()),
        (json!(5), json!(9))
    );
    let order =
        store_call(&sandbox, "sale.order.get", json!({"id": 7})).json()["result"]["order"].clone();
    assert_eq!(order["price"], 2500);
    assert_ne!(
        order["dateUpdate"], before,
        "dateUpdate moves on every write"
    );

    let added = store_call(
        &sandbox,
        "sale.basketitem.add",
        json!({"fields": {"orderId": 7, "productId": 2, "quantity": 5, "currency": "RUB", "xmlId": "storelink-1"}}),
    );
    assert_eq!(added.status, 200, "{}", added.body);
    let new_id = added.json()["result"]["basketItem"]["id"].as_u64().unwrap();
    assert_eq!(
        added.json()["result"]["basketItem"]["reservations"][0]["quantity"],
        2,
        "only what is free is reserved"
    );
    let (p2, _) = stock(&sandbox, 2);
    assert_eq!(
        (p2["quantity"].clone(), p2["quantityReserved"].clone()),
        (json!(0), json!(3))
    );

    assert_eq!(
        store_call(&sandbox, "sale.basketitem.delete", json!({"id": new_id})).json()["result"],
        true
    );
    let (p2, _) = stock(&sandbox, 2);
    assert_eq!(p2["quantityReserved"], 1);

    let canceled = store_call(
        &sandbox,
        "sale.order.update",
        json!({"id": 7, "fields": {"canceled": "Y"}}),
    );
    assert_eq!(canceled.json()["result"]["order"]["canceled"], "Y");
    let (p1, s1) = stock(&sandbox, 1);
    assert_eq!(
        (s1["quantityReserved"].clone(), p1["quantity"].clone()),
        (json!(0), json!(14))
    );
    store_call(
        &sandbox,
        "sale.order.update",
        json!({"id": 7, "fields": {"canceled": "N"}}),
    );
    assert_eq!(stock(&sandbox, 1).1["quantityReserved"], 5);
}

#[test]
fn concurrent_basket_writes_keep_order_and_stock_consistent() {
    let sandbox = small_store();
    let webhook = sandbox.urls().store_webhook.clone();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let webhook = webhook.clone();
            std::thread::spawn(move || {
                for i in 0..5 {
                    let body = json!({"fields": {"orderId": 7, "productId": 3, "quantity": 1, "currency": "RUB", "xmlId": format!("t{t}-{i}")}});
                    let answer = post_json(&format!("{webhook}sale.basketitem.add.json"), &body);
                    assert_eq!(answer.status, 200, "{}", answer.body);
                    let up = post_json(&format!("{webhook}sale.basketitem.update.json"), &json!({"id": 70, "fields": {"quantity": 1 + (t + i) % 3}}));
                    assert_eq!(up.status, 200, "{}", up.body);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let items = store_call(
        &sandbox,
        "sale.basketitem.list",
        json!({"filter": {"orderId": 7, "productId": 3}}),
    )
    .json();
    assert_eq!(items["total"], 40);
    let order =
        store_call(&sandbox, "sale.order.get", json!({"id": 7})).json()["result"]["order"].clone();
    let basket_sum: f64 = order["basketItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["price"].as_f64().unwrap() * b["quantity"].as_f64().unwrap())
        .sum();
    assert_eq!(order["price"].as_f64().unwrap(), basket_sum);
    let first_quantity = order["basketItems"][0]["quantity"].as_f64().unwrap();
    let (_, s1) = stock(&sandbox, 1);
    assert_eq!(s1["quantityReserved"].as_f64().unwrap(), first_quantity);
}

#[test]
fn lists_use_their_wrappers_and_typed_fields() {
    let sandbox = sandbox();
    let orders = store_call(&sandbox, "sale.order.list", json!({"select": ["id", "accountNumber", "statusId", "price", "dateUpdate"], "filter": {">=id": 101}, "order": {"id": "asc"}})).json();
    assert_eq!(orders["result"]["orders"][0]["id"], 101);
    assert_eq!(orders["result"]["orders"][0]["accountNumber"], "101");
    assert!(orders["result"]["orders"][0]["price"].is_number());
    assert!(orders["total"].as_u64().unwrap() >= 22);
    let stores = store_call(&sandbox, "catalog.store.list", json!({})).json();
    assert_eq!(stores["result"]["stores"].as_array().unwrap().len(), 3);
    let statuses = store_call(
        &sandbox,
        "sale.status.list",
        json!({"filter": {"type": "O"}}),
    )
    .json();
    assert_eq!(statuses["result"]["statuses"][0]["id"], "N");
    let names = store_call(
        &sandbox,
        "sale.statusLang.list",
        json!({"filter": {"statusId": "P", "lid": "en"}}),
    )
    .json();
    assert_eq!(
        names["result"]["statusLangs"][0]["name"],
        "Paid, preparing for shipment"
    );
    let prices = store_call(
        &sandbox,
        "catalog.price.list",
        json!({"filter": {"productId": 1}}),
    )
    .json();
    assert!(prices["result"]["prices"][0]["price"].is_number());
}

#[test]
fn product_search_by_name_article_and_xml_id() {
    let sandbox = small_store();
    let find = |filter: Value| {
        let body = store_call(
            &sandbox,
            "catalog.product.list",
            json!({"select": ["id", "iblockId", "name", "xmlId", "property105"], "filter": filter}),
        )
        .json();
        body["result"]["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find(json!({"iblockId": 2, "%name": "кофе"})),
        [1],
        "LIKE ignores case in Cyrillic"
    );
    assert_eq!(find(json!({"iblockId": 2, "property105": "TR-2"})), [2]);
    assert_eq!(find(json!({"iblockId": 2, "%property105": "ch-"})), [3]);
    assert_eq!(
        find(json!({"iblockId": 2, "xmlId": ["X-1", "X-3"]})),
        [1, 3]
    );
    assert_eq!(
        find(json!({"iblockId": 2, "!%name": "а"})),
        Vec::<u64>::new()
    );
    let one = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"select": ["id", "iblockId", "property105"], "filter": {"iblockId": 2, "id": 2}}),
    )
    .json();
    assert_eq!(one["result"]["products"][0]["property105"]["value"], "TR-2");
    assert!(one["result"]["products"][0]["property105"]["valueId"].is_string());
}

#[test]
fn unsupported_filter_prefixes_are_unknown_fields_for_orm_lists() {
    let sandbox = small_store();
    let answer = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"select": ["id", "iblockId"], "filter": {"iblockId": 2, "@id": [1, 2]}}),
    );
    assert_eq!(
        answer.status, 400,
        "catalog.product.list has no @ prefix: {}",
        answer.body
    );
    let answer = store_call(
        &sandbox,
        "catalog.storeproduct.list",
        json!({"filter": {"%productId": 1}}),
    );
    assert_eq!(
        answer.status, 400,
        "catalog.storeproduct.list has no LIKE: {}",
        answer.body
    );
    let ok = store_call(
        &sandbox,
        "catalog.storeproduct.list",
        json!({"filter": {"@productId": [1, 2]}}),
    );
    assert_eq!(
        ok.json()["result"]["storeProducts"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn bad_parameters_get_the_errors_of_the_real_methods() {
    let sandbox = small_store();
    let cases = [
        ("sale.order.get", json!({}), 100_u64),
        ("sale.order.get", json!({"id": 999}), 200_540_400_001),
        ("sale.basketitem.get", json!({"id": 999}), 200_140_400_001),
        (
            "sale.basketitem.add",
            json!({"fields": {"productId": 1, "quantity": 1, "currency": "RUB"}}),
            200_140_400_008,
        ),
        (
            "sale.basketitem.add",
            json!({"fields": {"orderId": 999, "quantity": 1, "currency": "RUB"}}),
            200_140_400_009,
        ),
        (
            "sale.basketitem.add",
            json!({"fields": {"orderId": 7, "productId": 1, "quantity": 1, "currency": "USD"}}),
            200_140_400_011,
        ),
        (
            "sale.basketitem.add",
            json!({"fields": {"orderId": 7, "productId": 999, "quantity": 1, "currency": "RUB"}}),
            200_140_400_007,
        ),
        (
            "catalog.product.list",
            json!({"select": ["id", "iblockId"], "filter": {"name": "x"}}),
            0,
        ),
        (
            "catalog.product.list",
            json!({"select": ["name"], "filter": {"iblockId": 2}}),
            0,
        ),
        ("sale.order.list", json!({"filter": {"nonsense": 1}}), 0),
        (
            "sale.order.update",
            json!({"id": 7, "fields": {"statusId": "ZZ"}}),
            0,
        ),
    ];
    for (method, params, code) in cases {
        let answer = store_call(&sandbox, method, params.clone());
        assert_eq!(answer.status, 400, "{method} {params}: {}", answer.body);
        assert_eq!(
            answer.json()["error"],
            json!(code),
            "{method} {params}: {}",
            answer.body
        );
        assert!(
            answer.json()["error_description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
    }
}

#[test]
fn the_store_webhook_has_sale_and_catalog_scopes_only() {
    let sandbox = small_store();
    let crm = store_call(&sandbox, "crm.deal.get", json!({"id": 1}));
    assert_eq!(
        (crm.status, crm.json()["error"].clone()),
        (404, json!("ERROR_METHOD_NOT_FOUND"))
    );
    let user = store_call(&sandbox, "user.current", json!({}));
    assert_eq!(
        (user.status, user.json()["error"].clone()),
        (401, json!("insufficient_scope"))
    );
    let scopes = store_call(&sandbox, "scope", json!({})).json();
    assert_eq!(scopes["result"], json!(["sale", "catalog"]));
    let wrong = post_json(
        &format!(
            "{}/rest/1/wrong-secret/sale.order.get.json",
            sandbox.urls().store
        ),
        &json!({"id": 7}),
    );
    assert_eq!(
        (wrong.status, wrong.json()["error"].clone()),
        (401, json!("INVALID_CREDENTIALS"))
    );
    let token = sandbox.issue_token(1).access_token;
    let oauth = post_json(
        &format!("{}/rest/sale.order.get.json", sandbox.urls().store),
        &json!({"id": 7, "auth": token}),
    );
    assert_eq!(
        oauth.json()["error"],
        "invalid_token",
        "the store knows no portal token"
    );
}

/// A batch slot past the end of its list reaches an ID filter as the list, which PHP's `(int)`
/// reads as 1, and a text filter as an array, which fails that command (as PHP 8's escaping).
#[test]
fn a_slot_past_its_lists_end_reads_as_id_1_and_fails_a_text_filter() {
    let sandbox = small_store();
    let products = "catalog.product.list?filter[iblockId]=2&filter[id]=3&select[]=id&select[]=iblockId&select[]=xmlId";
    let by_ids = "catalog.product.list?filter[iblockId]=2&select[]=id&select[]=iblockId\
        &filter[id][0]=$result[p][products][0][id]&filter[id][1]=$result[p][products][5][id]";
    let by_codes = "catalog.product.list?filter[iblockId]=2&select[]=id&select[]=iblockId\
        &filter[xmlId][0]=$result[p][products][0][xmlId]&filter[xmlId][1]=$result[p][products][5][xmlId]";
    let body = store_call(
        &sandbox,
        "batch",
        json!({"halt": 0, "cmd": {"p": products, "by_ids": by_ids, "by_codes": by_codes}}),
    )
    .json();
    let ids: Vec<u64> = body["result"]["result"]["by_ids"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 3], "product 3 as asked, and 1 for the slot");
    assert_eq!(
        body["result"]["result_error"]["by_codes"]["error"],
        json!(0)
    );
}
