use serde_json::json;

use crate::model::call::Batch;
use crate::model::link::{
    BUYERS, LinkCandidate, OrderReference, UnresolvedLink, answers_reference, as_written,
    default_choice, found_commands, holds_write, link_candidates, link_write, order_number_batch,
    origin_taken_by, recorded_links, reference_commands, resolve_link, same_link_fields,
    same_order_number, unresolved_links, written_meanwhile,
};
use crate::model::settings::{LinkRule, OrderKey};

use super::fixtures::{all_rules, deal, order};

/// Deal 410 with no link in it.
fn blank() -> bitrix_rest::models::crm::Deal {
    deal(410, json!({}))
}

fn refs(c: &[LinkCandidate]) -> Vec<(usize, OrderReference)> {
    c.iter()
        .map(|c| (c.rule_index, c.reference.clone()))
        .collect()
}

#[test]
fn each_rule_yields_its_reference_in_rule_order() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": "9", "UF_CRM_NUMBER": " 165 ",
        "ORIGINATOR_ID": "3", "ORIGIN_ID": "9"}),
    );
    assert_eq!(
        refs(&link_candidates(&d, &all_rules())),
        vec![
            (0, OrderReference::Id(9)),
            (1, OrderReference::Number("165".into())),
            (2, OrderReference::Id(9)),
            (3, OrderReference::XmlIdIsDeal(410)),
            (
                4,
                OrderReference::PropertyIsDeal {
                    code: "DEAL_ID".into(),
                    deal_id: 410
                }
            ),
        ]
    );
}

#[test]
fn a_deal_read_again_names_the_same_order_until_a_link_field_changes() {
    let rules = all_rules();
    let before = deal(
        410,
        json!({"UF_CRM_ORDER": "110", "TITLE": "Заказ", "STAGE_ID": "NEW"}),
    );
    // Stage, title, a field no rule reads, `#110` for 110: the same order.
    let same = deal(
        410,
        json!({"UF_CRM_ORDER": "#110", "TITLE": "Заказ 2", "STAGE_ID": "WON", "UF_CRM_OTHER": "1"}),
    );
    assert!(same_link_fields(&before, &same, &rules));
    let relinked = deal(410, json!({"UF_CRM_ORDER": "112"}));
    assert!(!same_link_fields(&before, &relinked, &rules));
    let unlinked = deal(410, json!({"UF_CRM_ORDER": ""}));
    assert!(!same_link_fields(&before, &unlinked, &rules));
    let by_origin = deal(
        410,
        json!({"UF_CRM_ORDER": "110", "ORIGINATOR_ID": "3", "ORIGIN_ID": "7"}),
    );
    assert!(
        !same_link_fields(&before, &by_origin, &rules),
        "another rule now names an order"
    );
}

#[test]
fn empty_or_unusable_deal_fields_yield_nothing() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": "abc", "UF_CRM_NUMBER": "", "ORIGINATOR_ID": "4",
        "ORIGIN_ID": "9"}),
    );
    let rules = &all_rules()[..3];
    assert!(
        link_candidates(&d, rules).is_empty(),
        "wrong originator, bad ID, empty number"
    );
    let zero = deal(1, json!({"UF_CRM_ORDER": "0", "ORIGIN_ID": null}));
    assert!(link_candidates(&zero, &all_rules()[..3]).is_empty());
}

#[test]
fn origin_id_without_an_originator_in_the_rule_accepts_any_originator() {
    let d = deal(410, json!({"ORIGINATOR_ID": "77", "ORIGIN_ID": "12"}));
    let rules = vec![LinkRule::OriginId {
        originator_id: None,
    }];
    assert_eq!(
        refs(&link_candidates(&d, &rules)),
        vec![(0, OrderReference::Id(12))]
    );
}

#[test]
fn a_deal_field_written_as_the_rep_types_an_order_is_read_without_the_hash_or_number_sign() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": " #12 ", "UF_CRM_NUMBER": "№ A-17b"}),
    );
    assert_eq!(
        refs(&link_candidates(&d, &all_rules()[..2])),
        vec![
            (0, OrderReference::Id(12)),
            (1, OrderReference::Number("A-17b".into()))
        ]
    );
    let pasted = deal(
        410,
        json!({"UF_CRM_ORDER": "\u{200B}12", "UF_CRM_NUMBER": "A\u{2011}17b"}),
    );
    assert_eq!(
        refs(&link_candidates(&pasted, &all_rules()[..2])),
        vec![
            (0, OrderReference::Id(12)),
            (1, OrderReference::Number("A-17b".into()))
        ]
    );
    let signs_only = deal(410, json!({"UF_CRM_ORDER": "#", "UF_CRM_NUMBER": "№"}));
    assert!(link_candidates(&signs_only, &all_rules()[..2]).is_empty());
}

#[test]
fn a_numeric_user_field_is_read_as_the_order_id() {
    let d = deal(410, json!({"UF_CRM_ORDER": 9}));
    assert_eq!(
        refs(&link_candidates(&d, &all_rules()[..1])),
        vec![(0, OrderReference::Id(9))]
    );
}

#[test]
fn each_reference_becomes_a_list_and_a_full_order_command() {
    let mut b = Batch::new();
    reference_commands("link0", &OrderReference::Id(9), &mut b);
    reference_commands("link1", &OrderReference::Number("165".into()), &mut b);
    reference_commands("link2", &OrderReference::XmlIdIsDeal(410), &mut b);
    assert_eq!(
        b.names(),
        vec![
            "link0",
            "link0_order",
            "link1",
            "link1_order",
            "link2",
            "link2_order"
        ]
    );
    let list = b.get("link0").unwrap();
    assert_eq!(list.method, "sale.order.list");
    assert_eq!(
        list.params,
        json!({"filter": {"id": 9}, "order": {"canceled": "asc", "id": "desc"}})
    );
    assert_eq!(
        b.get("link1").unwrap().params["filter"],
        json!({"accountNumber": "165"})
    );
    assert_eq!(
        b.get("link2").unwrap().params["filter"],
        json!({"xmlId": "410"})
    );
    let full = b.get("link0_order").unwrap();
    assert_eq!(full.method, "sale.order.get");
    assert_eq!(full.params, json!({"id": "$result[link0][orders][0][id]"}));
    // A number with letters is asked in both alphabets' look-alikes (`AP` typed in Latin for
    // the store's Cyrillic `АР`), as the rep's search asks it.
    reference_commands("link3", &OrderReference::Number("AP-10530".into()), &mut b);
    assert_eq!(
        b.get("link3").unwrap().params["filter"],
        json!({"accountNumber": ["AP-10530", "АР-10530"]})
    );
}

#[test]
fn a_property_reference_lists_property_values_first() {
    let mut b = Batch::new();
    reference_commands(
        "link0",
        &OrderReference::PropertyIsDeal {
            code: "DEAL_ID".into(),
            deal_id: 410,
        },
        &mut b,
    );
    assert_eq!(b.names(), vec!["link0_values", "link0", "link0_order"]);
    let values = b.get("link0_values").unwrap();
    assert_eq!(values.method, "sale.propertyvalue.list");
    assert_eq!(
        values.params["filter"],
        json!({"=code": "DEAL_ID", "=value": "410"})
    );
    let ids = &b.get("link0").unwrap().params["filter"]["@id"];
    assert_eq!(ids.as_array().unwrap().len(), 50);
    assert_eq!(ids[1], "$result[link0_values][propertyValues][1][orderId]");
}

#[test]
fn an_order_number_typed_by_the_rep_is_trimmed_of_hash_and_spaces() {
    let b = order_number_batch("  #165 ").unwrap();
    assert_eq!(
        b.get("found").unwrap().params["filter"],
        json!({"=%accountNumber": "165"}),
        "LIKE without wildcards: any letter case"
    );
    assert_eq!(
        b.get("found_id").unwrap().params["filter"],
        json!({"id": 165}),
        "a number may be the order's ID too"
    );
    let b = order_number_batch("№A-17b").unwrap();
    assert_eq!(
        b.get("found").unwrap().params["filter"],
        json!({"=%accountNumber": "A_17%b"}),
        "the tab writes numbers as №…"
    );
    let b = order_number_batch("A-19").unwrap();
    assert!(
        b.get("found_id").is_none(),
        "a number with letters is no ID"
    );
    // Its look-alike letters in the other alphabet are asked too, in the same request.
    assert_eq!(found_commands(&b), ["found", "found1"]);
    assert_eq!(
        b.get("found1").unwrap().params["filter"],
        json!({"=%accountNumber": "А_19"}),
        "Cyrillic А"
    );
    assert!(found_commands(&order_number_batch("165").unwrap()) == ["found"]);
    // The buyers of what was found, in the same request: their phones, e-mails and names.
    let buyers = &b.get(BUYERS).expect("the buyers").params;
    assert_eq!(
        buyers["filter"]["code"],
        json!(["PHONE", "EMAIL", "FIO", "NAME", "LAST_NAME"])
    );
    assert!(
        buyers["filter"]["orderId"][0]
            .as_str()
            .is_some_and(|r| r.starts_with("$result[found][orders][0]")),
        "{buyers}"
    );
    assert!(b.fits_one_request());
    assert!(order_number_batch(" # ").is_none());
    // Pasted with a zero-width space: still order 205.
    let b = order_number_batch("\u{200B}205").unwrap();
    assert_eq!(
        b.get("found_id").unwrap().params["filter"],
        json!({"id": 205})
    );
}

#[test]
fn a_found_order_is_the_typed_one_in_any_letter_case_and_nothing_else() {
    let o = order(17, json!({"accountNumber": "A-17b"}), vec![]);
    assert!(same_order_number(&o, "a-17B"));
    assert!(same_order_number(&o, " №A-17b "));
    // Typed on a Russian keyboard, the look-alike letters are Cyrillic: the same number.
    assert!(same_order_number(&o, "А-17в"), "Cyrillic А and в");
    // `_` is a LIKE wildcard in the store: what else it matched is dropped here.
    assert!(!same_order_number(&o, "A_17b"));
    assert!(!same_order_number(&o, "A-17"));
    // Its parts parted otherwise, as a customer reads it out: the same number.
    assert!(same_order_number(&o, "A 17b"));
    assert!(same_order_number(&o, "a/17-b"));
    assert!(!same_order_number(&o, "A 17 c"));
}

#[test]
fn an_order_number_typed_with_other_separators_is_asked_with_any_in_their_place() {
    let b = order_number_batch("CE 1006").unwrap();
    assert_eq!(
        b.get("found").unwrap().params["filter"],
        json!({"=%accountNumber": "CE_1006"})
    );
    assert_eq!(
        b.get("found1").unwrap().params["filter"],
        json!({"=%accountNumber": "СЕ_1006"}),
        "and in Cyrillic look-alikes"
    );
    // Typed without its hyphen: anything between its letters and digits.
    let b = order_number_batch("а506").unwrap();
    assert_eq!(
        b.get("found").unwrap().params["filter"],
        json!({"=%accountNumber": "а%506"})
    );
    let o = order(506, json!({"accountNumber": "А-506"}), vec![]);
    assert!(same_order_number(&o, "а506"));
    assert!(!same_order_number(&o, "а5066"));
}

#[test]
fn the_default_choice_is_the_newest_order_not_canceled() {
    let orders = vec![
        order(5, json!({}), vec![]),
        order(9, json!({"canceled": "Y"}), vec![]),
        order(7, json!({}), vec![]),
    ];
    assert_eq!(default_choice(&orders), 2);
    let all_canceled = vec![
        order(5, json!({"canceled": "Y"}), vec![]),
        order(6, json!({"canceled": "Y"}), vec![]),
    ];
    assert_eq!(default_choice(&all_canceled), 1);
    assert_eq!(default_choice(&[]), 0);
}

#[test]
fn the_first_rule_that_found_orders_wins_and_several_make_a_selector() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": "404", "ORIGINATOR_ID": "3", "ORIGIN_ID": "9"}),
    );
    let candidates = link_candidates(&d, &all_rules());
    let found = vec![
        vec![],
        vec![order(9, json!({}), vec![])],
        vec![order(30, json!({}), vec![]), order(31, json!({}), vec![])],
    ];
    let linked = resolve_link(&candidates, &found, None).unwrap();
    assert_eq!(linked.rule_index, 2);
    assert_eq!(linked.reference, OrderReference::Id(9));
    assert_eq!(linked.chosen_order().unwrap().id, 9);
    assert!(!linked.is_ambiguous());

    let several = resolve_link(&candidates[3..], &found[2..], None).unwrap();
    assert!(several.is_ambiguous());
    assert_eq!(several.chosen_order().unwrap().id, 31);
    let picked = resolve_link(&candidates[3..], &found[2..], Some(30)).unwrap();
    assert_eq!(picked.chosen_order().unwrap().id, 30);
    let gone = resolve_link(&candidates[3..], &found[2..], Some(99)).unwrap();
    assert_eq!(
        gone.chosen_order().unwrap().id,
        31,
        "a picked order no longer found falls back"
    );
}

#[test]
fn a_later_rule_that_finds_another_order_is_reported_as_a_conflict() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": "17", "ORIGINATOR_ID": "3", "ORIGIN_ID": "18"}),
    );
    let candidates = link_candidates(&d, &all_rules()[..3]);
    let a17 = order(17, json!({"accountNumber": "A-17"}), vec![]);
    let a18 = order(18, json!({"accountNumber": "A-18"}), vec![]);
    let linked = resolve_link(&candidates, &[vec![a17.clone()], vec![a18]], None).unwrap();
    assert_eq!(linked.chosen_order().unwrap().id, 17, "the first rule wins");
    assert_eq!(linked.conflicts, vec![(2, "A-18".to_owned())]);
    let agree = resolve_link(&candidates, &[vec![a17.clone()], vec![a17]], None).unwrap();
    assert!(agree.conflicts.is_empty(), "both rules name the same order");
}

#[test]
fn nothing_found_by_any_rule_is_no_link() {
    let d = deal(410, json!({}));
    let candidates = link_candidates(&d, &all_rules());
    assert!(resolve_link(&candidates, &[vec![], vec![]], None).is_none());
    assert!(resolve_link(&[], &[], None).is_none());
}

#[test]
fn linking_writes_the_first_rule_that_lives_in_the_deal() {
    let o = order(9, json!({"accountNumber": "A-165"}), vec![]);
    let by_number = vec![
        LinkRule::OrderXmlId,
        LinkRule::UserField {
            field: "UF_CRM_NUMBER".into(),
            holds: OrderKey::Number,
        },
    ];
    let call = link_write(&by_number, &blank(), &o).unwrap();
    assert_eq!(call.method, "crm.deal.update");
    assert_eq!(
        call.params,
        json!({"id": 410, "fields": {"UF_CRM_NUMBER": "A-165"}})
    );
    let by_id = vec![LinkRule::UserField {
        field: "UF_CRM_ORDER".into(),
        holds: OrderKey::Id,
    }];
    assert_eq!(
        link_write(&by_id, &blank(), &o).unwrap().params["fields"],
        json!({"UF_CRM_ORDER": "9"})
    );
    let origin = vec![LinkRule::OriginId {
        originator_id: Some("3".into()),
    }];
    assert_eq!(
        link_write(&origin, &blank(), &o).unwrap().params["fields"],
        json!({"ORIGIN_ID": "9", "ORIGINATOR_ID": "3"})
    );
    let plain_origin = vec![LinkRule::OriginId {
        originator_id: None,
    }];
    assert_eq!(
        link_write(&plain_origin, &blank(), &o).unwrap().params["fields"],
        json!({"ORIGIN_ID": "9"})
    );
    let store_only = vec![
        LinkRule::OrderXmlId,
        LinkRule::OrderProperty {
            code: "DEAL_ID".into(),
        },
    ];
    assert!(link_write(&store_only, &blank(), &o).is_none());
}

#[test]
fn link_fields_that_hold_something_are_reported_with_what_they_hold() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": " 99999 ", "UF_CRM_NUMBER": "A-77/2026",
        "ORIGINATOR_ID": "3", "ORIGIN_ID": "abc"}),
    );
    assert_eq!(
        unresolved_links(&d, &all_rules()),
        vec![
            UnresolvedLink::Field {
                field: "UF_CRM_ORDER".into(),
                holds: OrderKey::Id,
                value: "99999".into()
            },
            UnresolvedLink::Field {
                field: "UF_CRM_NUMBER".into(),
                holds: OrderKey::Number,
                value: "A-77/2026".into()
            },
            UnresolvedLink::OriginId {
                value: "abc".into()
            },
        ],
        "an ID field with a non-number is reported too; the order-side rules hold nothing in the deal"
    );
}

#[test]
fn empty_zero_or_foreign_link_fields_are_not_reported() {
    let d = deal(
        410,
        json!({"UF_CRM_ORDER": "0", "UF_CRM_NUMBER": "  ", "ORIGINATOR_ID": "4",
        "ORIGIN_ID": "9"}),
    );
    assert!(
        unresolved_links(&d, &all_rules()).is_empty(),
        "zero, blank, and an ORIGIN_ID written by another connector"
    );
}

#[test]
fn a_rule_naming_a_field_the_deal_does_not_have_is_reported_as_missing() {
    // The portal gives every user field of a deal, empty ones as null: an absent key is a field
    // the portal does not have.
    let d = deal(410, json!({"UF_CRM_NUMBER": null}));
    assert_eq!(
        unresolved_links(&d, &all_rules()),
        vec![UnresolvedLink::MissingField {
            field: "UF_CRM_ORDER".into()
        }],
        "the declared, empty field is not reported"
    );
}

#[test]
fn a_link_written_to_the_deal_meanwhile_is_noticed_and_one_taken_away_is_not() {
    let rules = all_rules();
    let open = deal(410, json!({"UF_CRM_NUMBER": " 999 ", "ORIGIN_ID": "0"}));
    let before = recorded_links(&open, &rules);
    assert_eq!(
        before,
        vec![None, Some("999".into()), None],
        "the deal-side rules only: ID field, number field, ORIGIN_ID"
    );
    let same = deal(410, json!({"UF_CRM_NUMBER": "999"}));
    assert_eq!(
        written_meanwhile(&before, &recorded_links(&same, &rules)),
        None
    );
    let linked = deal(410, json!({"UF_CRM_ORDER": "202", "UF_CRM_NUMBER": "999"}));
    assert_eq!(
        written_meanwhile(&before, &recorded_links(&linked, &rules)),
        Some("202".into())
    );
    let cleared = deal(410, json!({}));
    assert_eq!(
        written_meanwhile(&before, &recorded_links(&cleared, &rules)),
        None
    );
}

#[test]
fn another_integrations_origin_id_is_never_overwritten() {
    let o = order(9, json!({"accountNumber": "A-165"}), vec![]);
    let origin = |source: Option<&str>| LinkRule::OriginId {
        originator_id: source.map(str::to_owned),
    };
    let imported = deal(
        410,
        json!({"ORIGINATOR_ID": "1C_EXCHANGE", "ORIGIN_ID": "DOC-777"}),
    );
    for rule in [origin(None), origin(Some("3"))] {
        assert!(link_write(std::slice::from_ref(&rule), &imported, &o).is_none());
        assert_eq!(
            origin_taken_by(&imported, &[rule]).as_deref(),
            Some("1C_EXCHANGE / DOC-777")
        );
    }
    // A deal field rule after it writes instead.
    let with_field = vec![
        origin(Some("3")),
        LinkRule::UserField {
            field: "UF_CRM_ORDER".into(),
            holds: OrderKey::Id,
        },
    ];
    assert_eq!(
        link_write(&with_field, &imported, &o).unwrap().params["fields"],
        json!({"UF_CRM_ORDER": "9"})
    );
    // The connector's own (stale) ORIGIN_ID is its to replace; an empty one is free.
    let stale = deal(410, json!({"ORIGINATOR_ID": "3", "ORIGIN_ID": "404"}));
    assert!(link_write(&[origin(Some("3"))], &stale, &o).is_some());
    assert!(link_write(&[origin(None)], &blank(), &o).is_some());
    assert!(origin_taken_by(&blank(), &[origin(None)]).is_none());
}

#[test]
fn a_deal_read_after_a_lost_answer_tells_whether_the_link_landed() {
    let o = order(9, json!({"accountNumber": "A-165"}), vec![]);
    let by_field = vec![LinkRule::UserField {
        field: "UF_CRM_ORDER".into(),
        holds: OrderKey::Number,
    }];
    let write = link_write(&by_field, &blank(), &o).unwrap();
    assert!(holds_write(
        &deal(410, json!({"UF_CRM_ORDER": " A-165 "})),
        &write
    ));
    assert!(!holds_write(
        &deal(410, json!({"UF_CRM_ORDER": "A-16"})),
        &write
    ));
    assert!(!holds_write(&blank(), &write));
    let origin = vec![LinkRule::OriginId {
        originator_id: Some("3".into()),
    }];
    let write = link_write(&origin, &blank(), &o).unwrap();
    assert!(holds_write(
        &deal(410, json!({"ORIGIN_ID": "9", "ORIGINATOR_ID": "3"})),
        &write
    ));
    assert!(
        !holds_write(&deal(410, json!({"ORIGIN_ID": "9"})), &write),
        "every field it sets"
    );
}

#[test]
fn an_order_a_list_returned_counts_only_if_it_is_the_one_the_rule_names() {
    use crate::model::contacts::search::PropertyHit;
    let hit = |order_id: u64, value: &str| PropertyHit {
        order_id,
        code: "DEAL_ID".into(),
        value: Some(value.into()),
    };
    let ours = order(41, json!({"accountNumber": "A-41", "xmlId": "410"}), vec![]);
    // A `$result` slot past the end of the property values, read by the store as ID 1.
    let stray = order(1, json!({"accountNumber": "1"}), vec![]);
    let by_property = OrderReference::PropertyIsDeal {
        code: "deal_id".into(),
        deal_id: 410,
    };
    let hits = [hit(41, " 410 "), hit(7, "4100")];
    assert!(answers_reference(&by_property, &ours, &hits));
    assert!(!answers_reference(&by_property, &stray, &hits));
    assert!(!answers_reference(
        &by_property,
        &order(7, json!({}), vec![]),
        &hits
    ));
    assert!(answers_reference(&OrderReference::Id(41), &ours, &[]));
    assert!(!answers_reference(&OrderReference::Id(41), &stray, &[]));
    assert!(answers_reference(
        &OrderReference::Number("a-41".into()),
        &ours,
        &[]
    ));
    assert!(answers_reference(
        &OrderReference::XmlIdIsDeal(410),
        &ours,
        &[]
    ));
    assert!(!answers_reference(
        &OrderReference::XmlIdIsDeal(410),
        &stray,
        &[]
    ));
}

#[test]
fn a_number_in_one_alphabet_names_its_own_order_before_a_look_alike() {
    use super::fixtures::order;
    let latin = order(531, json!({"accountNumber": "AP-10530"}), vec![]);
    let cyrillic = order(530, json!({"accountNumber": "АР-10530"}), vec![]);
    let reference = OrderReference::Number("ap-10530".into());
    let ids = |orders: Vec<bitrix_rest::models::sale::Order>| -> Vec<u64> {
        orders.iter().map(|o| o.id).collect()
    };
    // Both answer the reference; the one written as the field holds it (any case) is the deal's.
    assert!(answers_reference(&reference, &cyrillic, &[]));
    assert_eq!(
        ids(as_written(
            &reference,
            vec![cyrillic.clone(), latin.clone()]
        )),
        [531]
    );
    // Without it, the look-alike stands for it.
    assert_eq!(ids(as_written(&reference, vec![cyrillic.clone()])), [530]);
    // Other references are left alone.
    assert_eq!(
        ids(as_written(&OrderReference::Id(530), vec![cyrillic, latin])),
        [530, 531]
    );
}
