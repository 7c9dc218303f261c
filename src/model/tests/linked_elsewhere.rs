use serde_json::json;

use crate::model::contacts::search::PropertyHit;
use crate::model::linked_elsewhere::{
    NamedDeal, OtherDeal, linked_elsewhere, named_deals, other_deals_batch, property_values_call,
};
use crate::model::settings::LinkRule;

use super::fixtures::{all_rules, deal, order};

#[test]
fn other_deals_are_asked_for_under_each_rule_that_records_links_in_the_deal() {
    let orders = vec![
        order(105, json!({"accountNumber": "A-105"}), vec![]),
        order(201, json!({}), vec![]),
    ];
    let batch = other_deals_batch(&all_rules(), 21, &orders, &[]).expect("a batch");
    assert_eq!(batch.names(), vec!["rule0", "rule1", "rule2"]);
    let by_id = &batch.commands[0].call;
    assert_eq!(by_id.method, "crm.deal.list");
    assert_eq!(
        by_id.params["filter"],
        json!({"!ID": 21, "UF_CRM_ORDER": ["105", "201"]})
    );
    assert_eq!(
        batch.commands[1].call.params["filter"]["UF_CRM_NUMBER"],
        json!(["A-105", "201"])
    );
    let origin = &batch.commands[2].call.params;
    assert_eq!(origin["filter"]["ORIGIN_ID"], json!(["105", "201"]));
    assert_eq!(
        origin["select"],
        json!(["ID", "TITLE", "ORIGIN_ID", "ORIGINATOR_ID"])
    );
}

#[test]
fn nothing_is_asked_without_orders_or_without_a_rule_recorded_in_the_deal() {
    let orders = vec![order(105, json!({}), vec![])];
    assert_eq!(other_deals_batch(&all_rules(), 21, &[], &[]), None);
    assert_eq!(
        other_deals_batch(&[LinkRule::OrderXmlId], 21, &orders, &[]),
        None
    );
}

#[test]
fn an_order_is_linked_elsewhere_when_another_deals_fields_point_at_it_by_the_all_rules() {
    let orders = vec![
        order(105, json!({}), vec![]),
        order(110, json!({"accountNumber": "A-110"}), vec![]),
        order(201, json!({}), vec![]),
    ];
    let deals = vec![
        deal(
            5,
            json!({"TITLE": "Заказ #105", "ORIGIN_ID": "105", "ORIGINATOR_ID": "3"}),
        ),
        deal(10, json!({"TITLE": "Чай", "UF_CRM_NUMBER": " A-110 "})),
        // Another connector's ORIGIN_ID is not this store's order.
        deal(30, json!({"ORIGIN_ID": "201", "ORIGINATOR_ID": "7"})),
        // The deal itself never counts.
        deal(21, json!({"UF_CRM_ORDER": "201"})),
    ];
    assert_eq!(
        linked_elsewhere(&all_rules(), 21, &orders, &deals, &[]),
        vec![
            (
                105,
                OtherDeal {
                    id: 5,
                    title: "Заказ #105".into()
                }
            ),
            (
                110,
                OtherDeal {
                    id: 10,
                    title: "Чай".into()
                }
            ),
        ]
    );
}

#[test]
fn an_order_whose_xml_id_names_another_deal_is_linked_to_that_deal() {
    let orders = vec![
        order(105, json!({"xmlId": " 7 "}), vec![]),
        // Its own deal, and a 1C GUID, name no other deal.
        order(106, json!({"xmlId": "21"}), vec![]),
        order(107, json!({"xmlId": "9f1c-42"}), vec![]),
        order(108, json!({"xmlId": "7"}), vec![]),
    ];
    let rules = [LinkRule::OrderXmlId];
    assert_eq!(
        property_values_call(&rules, &orders),
        None,
        "nothing to read"
    );
    let named = named_deals(&rules, &orders, &[]);
    assert_eq!(
        named
            .iter()
            .map(|n| (n.order_id, n.deal_id))
            .collect::<Vec<_>>(),
        vec![(105, 7), (106, 21), (108, 7)]
    );
    let batch = other_deals_batch(&rules, 21, &orders, &named).expect("a batch");
    assert_eq!(batch.names(), vec!["named"]);
    let params = &batch.commands[0].call.params;
    assert_eq!(params["filter"], json!({"ID": ["7"]}));
    assert_eq!(params["select"], json!(["ID", "TITLE"]));
    let deals = vec![deal(7, json!({"TITLE": "Кофе для офиса"}))];
    let other = OtherDeal {
        id: 7,
        title: "Кофе для офиса".into(),
    };
    assert_eq!(
        linked_elsewhere(&rules, 21, &orders, &deals, &named),
        vec![(105, other.clone()), (108, other)]
    );
}

#[test]
fn an_order_whose_property_names_another_deal_is_linked_to_that_deal() {
    let orders = vec![order(105, json!({}), vec![]), order(106, json!({}), vec![])];
    let rules = [LinkRule::OrderProperty {
        code: "DEAL_ID".into(),
    }];
    let call = property_values_call(&rules, &orders).expect("the properties are read");
    assert_eq!(call.method, "sale.propertyvalue.list");
    assert_eq!(
        call.params["filter"],
        json!({"orderId": [105, 106], "code": ["DEAL_ID"]})
    );
    let hit = |order_id, code: &str, value: &str| PropertyHit {
        order_id,
        code: code.into(),
        value: Some(value.into()),
    };
    let hits = [
        hit(105, "DEAL_ID", "9"),
        hit(106, "PHONE", "9"),
        hit(106, "DEAL_ID", ""),
    ];
    let named = named_deals(&rules, &orders, &hits);
    assert_eq!(
        named,
        vec![NamedDeal {
            order_id: 105,
            deal_id: 9
        }]
    );
    let deals = vec![deal(9, json!({"TITLE": "Опт"}))];
    assert_eq!(
        linked_elsewhere(&rules, 21, &orders, &deals, &named),
        vec![(
            105,
            OtherDeal {
                id: 9,
                title: "Опт".into()
            }
        )]
    );
    // The deal itself is never "elsewhere".
    assert_eq!(linked_elsewhere(&rules, 9, &orders, &deals, &named), vec![]);
}

#[test]
fn an_order_two_other_deals_hold_names_both_once() {
    let orders = vec![order(1006, json!({}), vec![])];
    let deals = vec![
        deal(6, json!({"TITLE": "Общий заказ A", "UF_CRM_ORDER": "1006"})),
        // Held by the user field and by ORIGIN_ID: still one deal.
        deal(
            7,
            json!({"TITLE": "Общий заказ B", "UF_CRM_ORDER": "1006", "ORIGIN_ID": "1006", "ORIGINATOR_ID": "3"}),
        ),
    ];
    let found: Vec<(u64, u64)> = linked_elsewhere(&all_rules(), 3, &orders, &deals, &[])
        .into_iter()
        .map(|(order, other)| (order, other.id))
        .collect();
    assert_eq!(found, vec![(1006, 6), (1006, 7)]);
}
