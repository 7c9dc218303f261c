//! The control API, in Rust and over HTTP: stats, faults, latency, edits, resets.

mod common;

use bitrix_sandbox::{FaultKind, Seed};
use common::*;
use serde_json::json;

#[test]
fn stats_count_requests_per_origin_and_method_and_are_readable_cross_origin() {
    let sandbox = sandbox();
    portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1}));
    portal_call(
        &sandbox,
        1,
        "batch",
        json!({"cmd": {"a": "crm.deal.get?id=2", "b": "crm.status.list"}}),
    );
    store_call(&sandbox, "sale.order.get", json!({"id": 101}));
    let stats = sandbox.stats();
    assert_eq!(stats.requests.get("portal"), Some(&2));
    assert_eq!(stats.requests.get("store"), Some(&1));
    assert_eq!(stats.methods["portal"]["crm.deal.get"], 1);
    assert_eq!(stats.methods["portal"]["batch"], 1);
    assert_eq!(stats.batched["portal"]["crm.status.list"], 1);
    let over_http = get(&format!("{}/_sandbox/stats", sandbox.urls().portal));
    assert_eq!(over_http.header("access-control-allow-origin"), Some("*"));
    assert_eq!(over_http.json()["methods"]["store"]["sale.order.get"], 1);
    post_json(
        &format!("{}/_sandbox/stats/reset", sandbox.urls().portal),
        &json!({}),
    );
    assert!(sandbox.stats().requests.is_empty());
}

#[test]
fn faults_fail_matching_methods_and_clear() {
    let sandbox = sandbox();
    sandbox.set_fault("crm.deal.*", 1.0, FaultKind::ServerError);
    let failed = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1}));
    assert_eq!(
        (failed.status, failed.json()["error"].clone()),
        (500, json!("INTERNAL_SERVER_ERROR"))
    );
    assert_eq!(portal_call(&sandbox, 1, "profile", json!({})).status, 200);
    let batch = portal_call(
        &sandbox,
        1,
        "batch",
        json!({"cmd": {"a": "crm.deal.get?id=1"}}),
    );
    assert_eq!(batch.status, 500, "a batch calling a failing method fails");
    post_json(
        &format!("{}/_sandbox/faults", sandbox.urls().portal),
        &json!({"method": "sale.order.get", "rate": 1.0, "kind": "503"}),
    );
    let overloaded = store_call(&sandbox, "sale.order.get", json!({"id": 101}));
    assert_eq!(
        (overloaded.status, overloaded.json()["error"].clone()),
        (503, json!("QUERY_LIMIT_EXCEEDED"))
    );
    sandbox.clear_faults();
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).status,
        200
    );
    sandbox.set_fault("*", 0.0, FaultKind::ServerError);
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).status,
        200,
        "rate 0 never fails"
    );
}

#[test]
fn a_denied_fault_refuses_only_the_matching_commands_of_a_batch() {
    let sandbox = sandbox();
    post_json(
        &format!("{}/_sandbox/faults", sandbox.urls().portal),
        &json!({"method": "portal:catalog.*", "rate": 1.0, "kind": "denied"}),
    );
    let batch = portal_call(
        &sandbox,
        1,
        "batch",
        json!({"cmd": {
            "deal": "crm.deal.get?id=10",
            "products": "catalog.product.list?filter[iblockId]=1&select[]=id&select[]=iblockId",
        }}),
    );
    assert_eq!(batch.status, 200, "the batch itself answers");
    let body = batch.json();
    assert_eq!(body["result"]["result"]["deal"]["ID"], json!("10"));
    assert_eq!(
        body["result"]["result_error"]["products"]["error"],
        json!(200040300010_u64),
        "the catalog module refuses with its numeric code"
    );
    let direct = portal_call(&sandbox, 1, "catalog.product.list", json!({}));
    assert_eq!(
        (direct.status, direct.json()["error"].clone()),
        (400, json!(200040300010_u64))
    );
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 10})).status,
        200
    );
    let store = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"filter": {"iblockId": 1}, "select": ["id", "iblockId"]}),
    );
    assert_eq!(store.status, 200, "the store side is not refused");
}

#[test]
fn latency_delays_every_rest_answer() {
    let sandbox = sandbox();
    post_json(
        &format!("{}/_sandbox/latency", sandbox.urls().portal),
        &json!({"ms": 150}),
    );
    let started = std::time::Instant::now();
    assert_eq!(portal_call(&sandbox, 1, "profile", json!({})).status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
}

#[test]
fn edits_by_another_user_move_the_modification_dates() {
    let sandbox = sandbox();
    let deal_before = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 10})).json()["result"]
        ["DATE_MODIFY"]
        .clone();
    sandbox
        .edit_deal(10, json!({"TITLE": "Changed elsewhere"}))
        .unwrap();
    let deal = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 10})).json()["result"].clone();
    assert_eq!(deal["TITLE"], "Changed elsewhere");
    assert!(deal["DATE_MODIFY"].as_str() > deal_before.as_str());

    sandbox
        .edit_deal_rows(
            10,
            json!([{"PRODUCT_NAME": "Free row", "PRICE": 10, "QUANTITY": 3}]),
        )
        .unwrap();
    let rows =
        portal_call(&sandbox, 1, "crm.deal.productrows.get", json!({"id": 10})).json()["result"]
            .clone();
    assert_eq!(rows.as_array().unwrap().len(), 1);

    let order_before = store_call(&sandbox, "sale.order.get", json!({"id": 110})).json()["result"]
        ["order"]
        .clone();
    sandbox.edit_order(110, json!({"statusId": "P"})).unwrap();
    let item_id: u64 = order_before["basketItems"][0]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    post_json(
        &format!("{}/_sandbox/edit/basket/{item_id}", sandbox.urls().portal),
        &json!({"quantity": 2}),
    );
    let order =
        store_call(&sandbox, "sale.order.get", json!({"id": 110})).json()["result"]["order"]
            .clone();
    assert_eq!(order["statusId"], "P");
    assert_eq!(order["basketItems"][0]["quantity"], 2);
    assert!(order["dateUpdate"].as_str() > order_before["dateUpdate"].as_str());
    assert!(sandbox.edit_deal(999, json!({"TITLE": "x"})).is_err());
}

#[test]
fn reset_brings_back_the_seed_and_keeps_urls_and_webhook() {
    let sandbox = sandbox();
    sandbox.edit_deal(1, json!({"TITLE": "Scratch"})).unwrap();
    let seed = json!({"portal": {"deals": [{"id": 5, "title": "Only deal", "stage": "NEW"}]}});
    sandbox.reset(Seed::Json(seed.to_string())).unwrap();
    let list = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID", "TITLE"]}),
    )
    .json();
    assert_eq!(list["result"], json!([{"ID": "5", "TITLE": "Only deal"}]));
    assert_eq!(
        store_call(&sandbox, "sale.order.list", json!({})).json()["total"],
        0,
        "the webhook still works on the new data"
    );
    let reset = post_json(
        &format!("{}/_sandbox/reset", sandbox.urls().portal),
        &json!({"seed": "demo"}),
    );
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).json()["result"]["ORIGIN_ID"],
        "101"
    );
    let deal9 = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 9})).json();
    assert_eq!(
        deal9["result"]["UF_CRM_STORE_ORDER"], "109",
        "user fields of the reloaded data set"
    );
    let bad = post_json(
        &format!("{}/_sandbox/seed", sandbox.urls().portal),
        &json!({"portal": {"deals": [{"id": 1, "title": "x", "stage": "NOPE"}]}}),
    );
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"]
            .as_str()
            .unwrap()
            .contains("portal.deals[0].stage"),
        "{}",
        bad.body
    );
}

#[test]
fn tokens_issued_over_http_work_and_expire_on_demand() {
    let sandbox = sandbox();
    let portal = &sandbox.urls().portal;
    let token = post_json(&format!("{portal}/_sandbox/token"), &json!({"user_id": 2})).json();
    let access = token["access_token"].as_str().unwrap();
    assert_eq!(
        get(&format!("{portal}/rest/profile.json?auth={access}")).json()["result"]["ID"],
        "2"
    );
    post_json(&format!("{portal}/_sandbox/tokens/expire"), &json!({}));
    assert_eq!(
        get(&format!("{portal}/rest/profile.json?auth={access}")).json()["error"],
        "expired_token"
    );
    let urls = get(&format!("{portal}/_sandbox/urls")).json();
    assert_eq!(urls["store_webhook"], sandbox.urls().store_webhook.as_str());
}

#[test]
fn a_held_timeout_request_ends_when_the_sandbox_stops() {
    let sandbox = sandbox();
    sandbox.set_fault("profile", 1.0, FaultKind::Timeout);
    let token = sandbox.issue_token(1).access_token;
    let url = format!("{}/rest/profile.json?auth={token}", sandbox.urls().portal);
    let held = std::thread::spawn(move || get(&url).status);
    while sandbox.stats().requests.get("portal").copied().unwrap_or(0) == 0 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // The request is inside the server now; stopping answers it instead of waiting 60 s.
    std::thread::sleep(std::time::Duration::from_millis(50));
    drop(sandbox);
    assert_eq!(held.join().unwrap(), 504);
}
