use serde_json::json;

use crate::model::settings::{LinkRule, OrderKey};
use crate::model::shared_link::{
    LinkProbe, OrderKeys, all_probes, cross_calls, cross_probes, deals_linked, deals_sharing_link,
    is_cross, probes_from, same_link_call,
};

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

/// A rule against itself.
const SELF: LinkProbe = LinkProbe {
    source: 0,
    target: 0,
};

/// What the open deal shares under one rule alone.
fn shared(
    open: &bitrix_rest::models::crm::Deal,
    rule: LinkRule,
    listed: &[bitrix_rest::models::crm::Deal],
) -> Vec<u64> {
    deals_sharing_link(open, &[rule], SELF, listed)
        .iter()
        .map(|d| d.id)
        .collect()
}

#[test]
fn the_question_passes_the_open_deals_own_value_and_excludes_it_and_empty_values() {
    let call = same_link_call(410, &[by_field(OrderKey::Id)], SELF).unwrap();
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
    let call = same_link_call(410, &[origin(Some("7"))], SELF).unwrap();
    assert_eq!(
        call.params["filter"],
        json!({"!ID": 410, "ORIGIN_ID": "$result[deal][ORIGIN_ID]",
               "ORIGINATOR_ID": "$result[deal][ORIGINATOR_ID]", "!ORIGIN_ID": ""})
    );
    // Links the store records are not in the deal: nothing to ask the portal.
    assert!(same_link_call(410, &[LinkRule::OrderXmlId], SELF).is_none());
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
    let found = deals_sharing_link(&open, &[by_field(OrderKey::Id)], SELF, &listed);
    let ids: Vec<_> = found.iter().map(|d| (d.id, d.title.as_str())).collect();
    assert_eq!(ids, vec![(9, "Older"), (12, "Same")]);
    // Numbers are compared as text: `0501` is another number than `501`.
    assert_eq!(shared(&open, by_field(OrderKey::Number), &listed), vec![9]);
}

#[test]
fn a_deal_without_a_link_shares_nothing_even_when_the_portal_lists_deals() {
    let open = deal(410, json!({"TITLE": "Open"}));
    let listed = vec![deal(12, json!({"UF_CRM_ORDER": "501"}))];
    assert!(shared(&open, by_field(OrderKey::Id), &listed).is_empty());
}

#[test]
fn origin_ids_are_shared_only_within_one_connector() {
    let open = deal(410, json!({"ORIGIN_ID": "501", "ORIGINATOR_ID": "7"}));
    let listed = vec![
        deal(12, json!({"ORIGIN_ID": "501", "ORIGINATOR_ID": "7"})),
        deal(13, json!({"ORIGIN_ID": "501", "ORIGINATOR_ID": "8"})),
        deal(14, json!({"ORIGIN_ID": "501"})),
    ];
    let ids = |rule| shared(&open, rule, &listed);
    assert_eq!(ids(origin(None)), vec![12]);
    assert_eq!(ids(origin(Some("7"))), vec![12]);
    assert!(
        ids(origin(Some("8"))).is_empty(),
        "the open deal's origin is not ours"
    );
}

#[test]
fn rules_holding_the_same_kind_of_key_are_asked_across_each_other() {
    let rules = vec![
        by_field(OrderKey::Id),
        origin(Some("3")),
        LinkRule::UserField {
            field: "UF_CRM_NUMBER".into(),
            holds: OrderKey::Number,
        },
        LinkRule::OrderXmlId,
    ];
    let probe = |source, target| LinkProbe { source, target };
    assert_eq!(probes_from(&rules, 0), vec![probe(0, 0), probe(0, 1)]);
    assert_eq!(probes_from(&rules, 1), vec![probe(1, 1), probe(1, 0)]);
    assert_eq!(
        probes_from(&rules, 2),
        vec![probe(2, 2)],
        "a number is no ID"
    );
    assert!(
        probes_from(&rules, 3).is_empty(),
        "the store records that link"
    );
    assert_eq!(all_probes(&rules).len(), 5);
    assert_eq!(probe(0, 1).name(), "same_link0_1");
    assert_eq!(probe(2, 2).name(), "same_link2");

    // The field's value asked as the connector's ORIGIN_ID, from the rule's connector.
    let call = same_link_call(410, &rules, probe(0, 1)).unwrap();
    assert_eq!(
        call.params["filter"],
        json!({"!ID": 410, "ORIGIN_ID": "$result[deal][UF_CRM_ORDER]", "ORIGINATOR_ID": "3",
               "!ORIGIN_ID": ""})
    );
    // And the other way round.
    let call = same_link_call(410, &rules, probe(1, 0)).unwrap();
    assert_eq!(
        call.params["filter"],
        json!({"!ID": 410, "UF_CRM_ORDER": "$result[deal][ORIGIN_ID]", "!UF_CRM_ORDER": ""})
    );

    // A rep linked deal 1 by the field; the store's connector made deal 8 for the same order.
    let by_rep = deal(1, json!({"TITLE": "By the rep", "UF_CRM_ORDER": "#301"}));
    let by_connector = deal(
        8,
        json!({"TITLE": "By the connector", "ORIGIN_ID": "301", "ORIGINATOR_ID": "3"}),
    );
    let other_connector = deal(9, json!({"ORIGIN_ID": "301", "ORIGINATOR_ID": "4"}));
    let ids = |open, p, listed: &[_]| -> Vec<u64> {
        deals_sharing_link(open, &rules, p, listed)
            .iter()
            .map(|d| d.id)
            .collect()
    };
    assert_eq!(
        ids(
            &by_rep,
            probe(0, 1),
            &[by_connector.clone(), other_connector]
        ),
        vec![8]
    );
    assert_eq!(
        ids(&by_connector, probe(1, 0), std::slice::from_ref(&by_rep)),
        vec![1]
    );
}

#[test]
fn a_number_in_a_field_and_an_id_in_origin_id_are_asked_by_the_order_the_store_named() {
    let rules = vec![
        LinkRule::UserField {
            field: "UF_CRM_NUMBER".into(),
            holds: OrderKey::Number,
        },
        origin(Some("7")),
        by_field(OrderKey::Id),
    ];
    let probe = |source, target| LinkProbe { source, target };
    // Not asked before the store answers: the open deal holds one kind of key only.
    assert_eq!(probes_from(&rules, 0), vec![probe(0, 0)]);
    assert_eq!(cross_probes(&rules, 0), vec![probe(0, 1), probe(0, 2)]);
    assert_eq!(cross_probes(&rules, 1), vec![probe(1, 0)]);
    assert!(is_cross(&rules, probe(1, 0)) && !is_cross(&rules, probe(1, 2)));
    let order = OrderKeys {
        id: 1004,
        number: "HW-1004".into(),
    };
    let calls = cross_calls(11, &rules, 0, &order);
    assert_eq!(calls.len(), 2);
    assert_eq!(
        calls[0].1.params["filter"],
        json!({"!ID": 11, "ORIGIN_ID": "1004", "ORIGINATOR_ID": "7", "!ORIGIN_ID": ""})
    );
    assert_eq!(
        calls[1].1.params["filter"],
        json!({"!ID": 11, "UF_CRM_ORDER": "1004", "!UF_CRM_ORDER": ""})
    );
    let from_origin = cross_calls(4, &rules, 1, &order);
    assert_eq!(
        from_origin[0].1.params["filter"],
        json!({"!ID": 4, "UF_CRM_NUMBER": "HW-1004", "!UF_CRM_NUMBER": ""})
    );

    // The rep's deal 11 holds the number; the connector's deal 4 the ID.
    let by_rep = deal(
        11,
        json!({"TITLE": "By the rep", "UF_CRM_NUMBER": "HW-1004"}),
    );
    let by_connector = deal(
        4,
        json!({"TITLE": "By the connector", "ORIGIN_ID": "1004", "ORIGINATOR_ID": "7"}),
    );
    let other_connector = deal(5, json!({"ORIGIN_ID": "1004", "ORIGINATOR_ID": "8"}));
    let other_order = deal(6, json!({"ORIGIN_ID": "1005", "ORIGINATOR_ID": "7"}));
    let ids = |open, p, listed: &[_]| -> Vec<u64> {
        deals_linked(open, &rules, p, &order, listed)
            .iter()
            .map(|d| d.id)
            .collect()
    };
    let listed = [
        by_connector.clone(),
        other_connector,
        other_order,
        by_rep.clone(),
    ];
    assert_eq!(ids(&by_rep, probe(0, 1), &listed), vec![4]);
    assert_eq!(
        ids(&by_connector, probe(1, 0), std::slice::from_ref(&by_rep)),
        vec![11]
    );
    // A deal holding another number is not the order's.
    let typo = deal(12, json!({"UF_CRM_NUMBER": "HW-10040"}));
    assert!(ids(&by_connector, probe(1, 0), &[typo]).is_empty());
}
