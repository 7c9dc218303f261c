mod common;

use common::*;
use serde_json::json;

#[test]
fn demo_deal_and_its_order_are_served_over_http() {
    let sandbox = sandbox();
    let answer = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let deal = &answer.json()["result"];
    assert_eq!(deal["ID"], "1");
    assert_eq!(deal["ORIGIN_ID"], "101");
    let order = store_call(&sandbox, "sale.order.get", json!({"id": 101}));
    assert_eq!(order.status, 200, "{}", order.body);
    assert_eq!(order.json()["result"]["order"]["id"], 101);
}
