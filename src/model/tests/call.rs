use serde_json::json;

use crate::model::call::{Batch, Call, MAX_BATCH_COMMANDS, result_ref, slot_refs};

fn call(params: serde_json::Value) -> Call {
    Call::new("x.list", params)
}

#[test]
fn references_name_the_command_and_path() {
    assert_eq!(
        result_ref("deal", &["CONTACT_ID"]),
        "$result[deal][CONTACT_ID]"
    );
    assert_eq!(
        slot_refs("rows", &[], 2, "PRODUCT_ID"),
        vec![
            json!("$result[rows][0][PRODUCT_ID]"),
            json!("$result[rows][1][PRODUCT_ID]")
        ]
    );
    assert_eq!(
        slot_refs("p", &["products"], 1, "id"),
        vec![json!("$result[p][products][0][id]")]
    );
}

#[test]
fn a_batch_that_fits_is_one_request_unchanged() {
    let mut b = Batch::new();
    b.push("a", call(json!({})));
    b.push("b", call(json!({"id": "$result[a][ID]"})));
    assert!(b.fits_one_request());
    let requests = b.clone().into_requests();
    assert_eq!(requests, vec![b]);
    assert!(Batch::new().into_requests().is_empty());
}

#[test]
fn batch_over_50_commands_is_split_in_order_without_cutting_a_reference() {
    let mut b = Batch::new();
    for i in 0..30 {
        b.push(format!("free{i}"), call(json!({})));
    }
    b.push("list", call(json!({})));
    for i in 0..25 {
        b.push(
            format!("uses{i}"),
            call(json!({"filter": {"@id": ["$result[list][0][id]", 5]}})),
        );
    }
    assert_eq!(b.len(), 56);
    let requests = b.into_requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.len() <= MAX_BATCH_COMMANDS));
    assert_eq!(
        requests[0].len(),
        30,
        "the list and its 25 users do not fit after 30 others"
    );
    assert_eq!(requests[1].names()[0], "list");
    assert_eq!(requests[1].len(), 26);
    let first: Vec<_> = requests[0].names();
    assert_eq!(first[0], "free0");
    assert_eq!(first[29], "free29");
}

#[test]
fn references_inside_a_longer_text_keep_their_command_close() {
    let mut b = Batch::new();
    for i in 0..49 {
        b.push(format!("n{i}"), call(json!({})));
    }
    b.push("deal", call(json!({})));
    b.push(
        "stages",
        call(json!({"filter": {"ENTITY_ID": "DEAL_STAGE_$result[deal][CATEGORY_ID]"}})),
    );
    let requests = b.into_requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].names(), vec!["deal", "stages"]);
}

#[test]
fn data_holding_a_batch_reference_is_sent_without_one() {
    use crate::model::call::inert;
    use crate::model::contacts::Email;
    use crate::model::link::{link_candidates, order_number_batch};
    use crate::model::lookup::LookupQuery;
    use crate::model::settings::{LinkRule, OrderKey};

    assert_eq!(
        inert("$result[found][orders][0][id]"),
        "result[found][orders][0][id]"
    );
    assert_eq!(inert("A-17$"), "A-17$", "a lone $ is no reference");
    // A deal field, a typed number, a search: none reaches the batch as a reference.
    let deal: bitrix_rest::models::crm::Deal =
        serde_json::from_value(json!({"ID": "3", "UF_CRM_NUM": "$result[nosuch][x]"})).unwrap();
    let rules = [LinkRule::UserField {
        field: "UF_CRM_NUM".into(),
        holds: OrderKey::Number,
    }];
    let found = link_candidates(&deal, &rules);
    assert!(!format!("{found:?}").contains("$result"), "{found:?}");
    let typed = order_number_batch("$result[found][orders][0][id]").unwrap();
    // Only the batch's own reference to its orders' buyers (built, not typed).
    let found = serde_json::to_string(&typed.get("found").unwrap().params).unwrap();
    assert!(!found.contains("$result"), "{found}");
    let query = LookupQuery::parse("$result[nosuch]").unwrap();
    assert_eq!(query.as_str(), "result[nosuch]");
    assert_eq!(Email::parse("$result[email0][x]@x.ru"), None);
}
