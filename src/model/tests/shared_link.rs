use serde_json::json;

use crate::model::settings::{LinkRule, OrderKey};
use crate::model::shared_link::{deals_sharing_link, same_link_call};

use super::fixtures::deal;

fn by_field(holds: OrderKey) -> LinkRule {
    LinkRule::UserField {
        field: "UF_CRM_ORDER".into(),
        holds,
    }
}

fn origin(originator: Option<&str>) -> LinkRule {
    LinkRule::OriginId {
        originator_id: originator.map(str::to_owned),
    }
}

#[test]
fn the_question_passes_the_open_deals_own_value_and_excludes_it_and_empty_values() {
    let call = same_link_call(410, &by_field(OrderKey::Id)).unwrap();
    assert_eq!(call.method, "crm.deal.list");
    assert_eq!(
        call.params["filter"],
        json!({"!ID": 410, "UF_CRM_ORDER": "$result[deal][UF_CRM_ORDER]", "!UF_CRM_ORDER": ""})
    );
    assert_eq!(
        call.params["select"],
        json!(["ID", "TITLE", "UF_CRM_ORDER"])
    );
    assert_eq!(call.params["start"], json!(-1), "no count");
    let call = same_link_call(410, &origin(Some("7"))).unwrap();
    assert_eq!(
        call.params["filter"],
        json!({"!ID": 410, "ORIGIN_ID": "$result[deal][ORIGIN_ID]",
               "ORIGINATOR_ID": "$result[deal][ORIGINATOR_ID]", "!ORIGIN_ID": ""})
    );
    // Links the store records are not in the deal: nothing to ask the portal.
    assert!(same_link_call(410, &LinkRule::OrderXmlId).is_none());
}

#[test]
fn only_deals_holding_the_same_order_are_kept() {
    let open = deal(410, json!({"TITLE": "Open", "UF_CRM_ORDER": "501"}));
    let listed = vec![
        deal(12, json!({"TITLE": "Same", "UF_CRM_ORDER": " 0501 "})),
        deal(13, json!({"TITLE": "Other order", "UF_CRM_ORDER": "502"})),
        deal(14, json!({"TITLE": "Empty", "UF_CRM_ORDER": ""})),
        deal(410, json!({"TITLE": "Open", "UF_CRM_ORDER": "501"})),
        deal(9, json!({"TITLE": "Older", "UF_CRM_ORDER": "501"})),
    ];
    let shared = deals_sharing_link(&open, &by_field(OrderKey::Id), &listed);
    let ids: Vec<_> = shared.iter().map(|d| (d.id, d.title.as_str())).collect();
    assert_eq!(ids, vec![(9, "Older"), (12, "Same")]);
    // Numbers are compared as text: `0501` is another number than `501`.
    let by_number = deals_sharing_link(&open, &by_field(OrderKey::Number), &listed);
    assert_eq!(by_number.iter().map(|d| d.id).collect::<Vec<_>>(), vec![9]);
}

#[test]
fn a_deal_without_a_link_shares_nothing_even_when_the_portal_lists_deals() {
    let open = deal(410, json!({"TITLE": "Open"}));
    let listed = vec![deal(12, json!({"UF_CRM_ORDER": "501"}))];
    assert!(deals_sharing_link(&open, &by_field(OrderKey::Id), &listed).is_empty());
}

#[test]
fn origin_ids_are_shared_only_within_one_connector() {
    let open = deal(410, json!({"ORIGIN_ID": "501", "ORIGINATOR_ID": "7"}));
    let listed = vec![
        deal(12, json!({"ORIGIN_ID": "501", "ORIGINATOR_ID": "7"})),
        deal(13, json!({"ORIGIN_ID": "501", "ORIGINATOR_ID": "8"})),
        deal(14, json!({"ORIGIN_ID": "501"})),
    ];
    let ids = |rule| {
        deals_sharing_link(&open, &rule, &listed)
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(origin(None)), vec![12]);
    assert_eq!(ids(origin(Some("7"))), vec![12]);
    assert!(
        ids(origin(Some("8"))).is_empty(),
        "the open deal's origin is not ours"
    );
}
