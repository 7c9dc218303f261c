use serde_json::json;

use bitrix_rest::models::{
    catalog::{Measure, Product, StoreStock, Warehouse},
    crm::{Contact, Deal, ProductRow, Status},
    sale::{Order, StatusLang},
};

use crate::model::link::{
    LinkedOrder, OrderReference, UnresolvedLink, link_candidates, resolve_link,
};
use crate::model::mapping::{PipelineMapping, StatusStage};
use crate::model::matching::{MatchedBy, Unmatched};
use crate::model::reconcile::{Difference, DifferenceKind};
use crate::model::settings::{LinkRule, OrderKey, Settings};
use crate::model::shared_link::LinkProbe;
use crate::model::variants::VariantPair;
use crate::model::view::{DealInputs, DealView, StoreAnswer, StoreSide, StoreState};

use super::fixtures::{
    basket, contact, d, deal, from, order, product, reserved, row, stage, status_lang, stock,
    warehouse,
};

pub(super) struct World {
    pub(super) deal: Deal,
    pub(super) rows: Vec<ProductRow>,
    pub(super) contact: Option<Contact>,
    pub(super) portal: Vec<Product>,
    pub(super) stages: Vec<Status>,
    pub(super) settings: Settings,
    pub(super) link: Option<LinkedOrder>,
    pub(super) order: Option<Order>,
    pub(super) names: Vec<StatusLang>,
    pub(super) warehouses: Vec<Warehouse>,
    pub(super) store: Vec<Product>,
    /// The variations among the order's basket products.
    pub(super) basket_variations: Vec<Product>,
    pub(super) stock: Vec<StoreStock>,
    /// The store's units of measure.
    pub(super) measures: Vec<Measure>,
    /// Deals the portal listed as holding the same link, by rule index.
    pub(super) same_link: Vec<(LinkProbe, Vec<Deal>)>,
    /// The portal's catalogue did not answer.
    pub(super) catalogue_unread: bool,
}

pub(super) fn world() -> World {
    let settings = Settings {
        link_rules: vec![LinkRule::UserField {
            field: "UF_CRM_ORDER".into(),
            holds: OrderKey::Id,
        }],
        stage_mapping: crate::model::mapping::StageMapping {
            pipelines: vec![PipelineMapping {
                category_id: 0,
                pairs: vec![
                    StatusStage {
                        status_id: "N".into(),
                        stage_id: "NEW".into(),
                    },
                    StatusStage {
                        status_id: "P".into(),
                        stage_id: "PREPARATION".into(),
                    },
                ],
            }],
        },
        warehouses: vec![],
        ..Settings::default()
    };
    let deal = deal(
        410,
        json!({"UF_CRM_ORDER": "9", "OPPORTUNITY": "1300", "STAGE_ID": "NEW", "CONTACT_ID": "84"}),
    );
    let mut rows = vec![
        row(1, "Чайник", "2", "500"),
        row(2, "Чашка", "3", "100"),
        row(3, "Сборка", "1", "0"),
    ];
    for (i, r) in rows.iter_mut().enumerate() {
        r.id = Some(100 + i as u64);
    }
    let mut o = order(
        9,
        json!({"accountNumber": "165", "price": 1300, "statusId": "P", "payed": "Y",
        "dateInsert": "2024-08-01T10:00:00+03:00"}),
        vec![
            reserved(basket(501, 70, Some("A"), "2", "500"), &[(1, "2")]),
            basket(502, 71, Some("B"), "2", "100"),
        ],
    );
    o.payments = from(json!([{"id": 1, "paySystemName": "Карта", "sum": 1300, "paid": "Y"}]));
    o.shipments = from(
        json!([{"id": 1, "deliveryName": "Курьер", "priceDelivery": 300, "system": "N"},
        {"id": 2, "deliveryName": "Системная", "system": "Y"}]),
    );
    o.property_values = from(
        json!([{"code": "FIO", "value": "Анна Петрова"}, {"code": "PHONE", "value": "8 916 123-45-67"}]),
    );
    let candidates = link_candidates(&deal, &settings.link_rules);
    let link = resolve_link(&candidates, &[vec![o.clone()]], None);
    World {
        deal,
        rows,
        contact: Some(contact(84, "Анна", &["+79161234567"], &[])),
        portal: vec![
            product(1, "Чайник", Some("A"), json!({})),
            product(2, "Чашка", Some("B"), json!({})),
        ],
        stages: vec![
            stage(0, "NEW", "Новая", 10, None),
            stage(0, "PREPARATION", "Подготовка", 20, None),
        ],
        settings,
        link,
        order: Some(o),
        names: vec![
            status_lang("P", "ru", "Оплачен"),
            status_lang("P", "en", "Paid"),
        ],
        warehouses: vec![warehouse(1, "Москва"), warehouse(2, "Казань")],
        store: vec![
            product(70, "Чайник электрический", Some("A"), json!({})),
            product(71, "Чашка", Some("B"), json!({})),
        ],
        basket_variations: vec![],
        stock: vec![
            stock(70, 1, "3", "2"),
            stock(70, 2, "0", "0"),
            stock(71, 2, "1.5", "0"),
            stock(999, 1, "100", "0"),
        ],
        measures: vec![],
        same_link: vec![],
        catalogue_unread: false,
    }
}

pub(super) fn build(w: &World, side: fn(&World) -> StoreSide<'_>) -> DealView {
    DealView::build(DealInputs {
        deal: &w.deal,
        rows: &w.rows,
        contact: w.contact.as_ref(),
        portal_products: &w.portal,
        catalogue_unread: w.catalogue_unread,
        stages: &w.stages,
        same_link: &w.same_link,
        settings: &w.settings,
        lang: "ru",
        store: side(w),
    })
}

pub(super) fn answered(w: &World) -> StoreSide<'_> {
    StoreSide::Answered(StoreAnswer {
        link: w.link.as_ref(),
        order: w.order.as_ref(),
        statuses: &[],
        status_names: &w.names,
        warehouses: &w.warehouses,
        measures: &w.measures,
        products: &w.store,
        basket_variations: &w.basket_variations,
        stock: &w.stock,
    })
}

#[test]
fn a_linked_deal_shows_its_order_card() {
    let w = world();
    let v = build(&w, answered);
    assert_eq!(v.store, StoreState::Linked);
    let card = v.order.as_ref().unwrap();
    assert_eq!((card.id, card.number.as_str()), (9, "165"));
    assert_eq!(card.status_name.as_deref(), Some("Оплачен"));
    assert!(card.paid && !card.canceled && !card.shipped);
    assert_eq!(card.paid_sum, d("1300"), "the payments marked paid");
    assert_eq!(card.payments, vec!["Карта"]);
    assert_eq!(card.deliveries, vec!["Курьер"]);
    assert_eq!((card.total, card.delivery_price), (d("1300"), d("300")));
    assert_eq!(card.buyer.name.as_deref(), Some("Анна Петрова"));
    assert_eq!(card.linked_by.0, 0);
    assert_eq!(card.reference, OrderReference::Id(9));
    assert!(v.choices.is_empty());
    assert!(v.unresolved.is_empty(), "the field's order was found");
    assert_eq!(v.deal.stage_name.as_deref(), Some("Новая"));
    assert_eq!(v.deal.contact.as_ref().unwrap().name, "Анна");
}

#[test]
fn rows_carry_their_store_product_order_values_and_stock() {
    let w = world();
    let v = build(&w, answered);
    assert_eq!(
        v.warehouses
            .iter()
            .map(|c| (c.id, c.title.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, "Москва"), (2, "Казань")]
    );
    let kettle = &v.rows[0];
    assert_eq!(kettle.xml_id.as_deref(), Some("A"));
    assert_eq!(kettle.store_product_id, Some(70));
    assert_eq!(kettle.store_name.as_deref(), Some("Чайник электрический"));
    assert_eq!(kettle.matched_by, Some(MatchedBy::XmlId));
    assert_eq!(
        (kettle.order_quantity, kettle.order_price),
        (Some(d("2")), Some(d("500")))
    );
    let s = kettle.stock.as_ref().unwrap();
    assert_eq!(s.product.total_free, d("1"));
    assert_eq!(
        s.available,
        d("3"),
        "free 1 + 2 reserved by this deal's order"
    );
    assert_eq!(kettle.shortage(), None);
    let cups = &v.rows[1];
    assert_eq!(cups.stock.as_ref().unwrap().available, d("1.5"));
    assert_eq!(cups.shortage(), Some(d("1.5")));
    let assembly = &v.rows[2];
    assert!(assembly.is_unmatched());
    assert!(assembly.stock.is_none());
}

#[test]
fn a_shipped_orders_lines_need_no_stock_beyond_what_the_deal_asks_more() {
    let mut w = world();
    w.order.as_mut().unwrap().deducted = true;
    let v = build(&w, answered);
    let (kettle, cups, assembly) = (&v.rows[0], &v.rows[1], &v.rows[2]);
    assert!(kettle.shipped && cups.shipped && !assembly.shipped);
    assert_eq!(kettle.shortage(), None, "2 asked, 2 shipped");
    assert_eq!(
        cups.shortage(),
        None,
        "3 asked, 2 shipped: 1 more needed, 1.5 available"
    );
    w.rows[1].quantity = d("5");
    let v = build(&w, answered);
    assert_eq!(
        v.rows[1].shortage(),
        Some(d("1.5")),
        "3 more needed, 1.5 available"
    );
}

#[test]
fn an_order_line_named_as_a_row_never_looked_for_is_not_shown_as_the_orders_alone() {
    let mut w = world();
    // "Сборка" (product 3) is no product the portal listed; the order has a line so named.
    let mut assembly = basket(503, 73, None, "1", "0");
    assembly.name = "Сборка".into();
    let mut other = basket(504, 74, Some("Z"), "1", "10");
    other.name = "Фильтр".into();
    w.order
        .as_mut()
        .unwrap()
        .basket_items
        .extend([assembly, other]);
    let v = build(&w, answered);
    let order_only: Vec<&str> = v
        .rows
        .iter()
        .filter(|r| r.order_only)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(order_only, vec!["Фильтр"]);
    assert_eq!(v.uncompared.len(), 1);
}

#[test]
fn a_deal_line_named_as_the_orders_delivery_is_marked_as_it() {
    let mut w = world();
    w.order.as_mut().unwrap().shipments = from(json!([
        {"id": 5, "deliveryName": "Курьер", "priceDelivery": 300, "system": "N"},
    ]));
    w.rows.push(row(0, "Доставка курьером", "1", "300"));
    let v = build(&w, answered);
    let flags: Vec<bool> = v.rows.iter().map(|r| r.delivery).collect();
    assert_eq!(flags, vec![false, false, false, true]);
    // Without an order to deliver, it is a line like any other.
    w.order.as_mut().unwrap().shipments = Vec::new();
    assert!(build(&w, answered).rows.iter().all(|r| !r.delivery));
}

#[test]
fn a_partly_shipped_order_frees_only_the_lines_its_shipped_shipments_carry() {
    let mut w = world();
    w.order.as_mut().unwrap().shipments = from(json!([
        {"id": 1, "system": "Y", "deducted": "N"},
        {"id": 5, "deliveryName": "Курьер", "deducted": "Y",
            "shipmentItems": [{"basketId": 502, "quantity": 2}]},
        {"id": 6, "deliveryName": "Курьер", "deducted": "N",
            "shipmentItems": [{"basketId": 501, "quantity": 2}]},
    ]));
    let v = build(&w, answered);
    let card = v.order.as_ref().unwrap();
    assert!(card.partly_shipped && !card.shipped);
    let (kettle, cups) = (&v.rows[0], &v.rows[1]);
    assert!(cups.shipped && !kettle.shipped);
    assert_eq!(
        cups.shortage(),
        None,
        "3 asked, 2 shipped: 1 more needed, 1.5 available"
    );
    assert_eq!(
        kettle.stock.as_ref().unwrap().available,
        d("3"),
        "the unshipped line still holds its reserve for the deal"
    );
    assert_eq!(kettle.shortage(), None);
}

#[test]
fn differences_are_computed_for_a_linked_order() {
    let w = world();
    let v = build(&w, answered);
    let kinds: Vec<_> = v.differences.iter().map(|d| d.kind()).collect();
    assert_eq!(
        kinds,
        vec![DifferenceKind::Status, DifferenceKind::Quantity]
    );
    // "Сборка" (product 3) is no product the portal listed: never looked for, so not compared
    // rather than said missing from the order.
    let uncompared: Vec<(usize, bool)> = v
        .uncompared
        .iter()
        .map(|u| (u.row, u.code_unread))
        .collect();
    assert_eq!(uncompared, vec![(2, true)]);
}

#[test]
fn without_the_portal_catalogue_rows_are_unchecked_and_not_called_missing() {
    let mut w = world();
    w.portal.clear();
    w.catalogue_unread = true;
    let view = build(&w, answered);
    let why: Vec<_> = view.rows.iter().map(|r| r.unmatched).collect();
    assert_eq!(why, [Some(Unmatched::NotListed); 3]);
    let kinds: Vec<_> = view.differences.iter().map(|d| d.kind()).collect();
    // The sum and the stage are still compared; products are not.
    assert_eq!(kinds, [DifferenceKind::Status]);
}

#[test]
fn an_order_status_the_settings_map_to_no_stage_is_said_to_be_not_compared() {
    let mut w = world();
    assert_eq!(
        build(&w, answered).unmapped_status,
        None,
        "P maps to a stage"
    );
    w.order.as_mut().unwrap().status_id = "DN".into();
    let v = build(&w, answered);
    assert_eq!(v.unmapped_status.as_deref(), Some("DN"));
    assert!(
        v.differences
            .iter()
            .all(|d| d.kind() != DifferenceKind::Status),
        "and no status difference is made up"
    );
    // A status mapped to a stage the portal no longer has is not compared either.
    let pairs = &mut w.settings.stage_mapping.pipelines[0].pairs;
    pairs.push(StatusStage {
        status_id: "DN".into(),
        stage_id: "EXECUTING".into(),
    });
    let v = build(&w, answered);
    assert_eq!(
        v.unmapped_status.as_deref(),
        Some("DN"),
        "EXECUTING is gone"
    );
    assert!(
        v.differences
            .iter()
            .all(|d| d.kind() != DifferenceKind::Status)
    );
    // A canceled order is compared by its cancellation, whatever its status.
    w.order.as_mut().unwrap().canceled = true;
    assert_eq!(build(&w, answered).unmapped_status, None);
    // Without a linked order there is nothing to compare.
    assert_eq!(build(&w, |_| StoreSide::Unavailable).unmapped_status, None);
}

#[test]
fn a_deal_ahead_of_its_order_on_a_stage_no_status_maps_to_says_only_lagging_was_checked() {
    let mut w = world();
    w.stages.push(stage(0, "DELIVERY", "Доставка", 30, None));
    w.stages.push(stage(0, "LOSE", "Провал", 40, Some("F")));
    // The order is new (N maps to NEW); the deal went on to a stage no status maps to.
    w.order.as_mut().unwrap().status_id = "N".into();
    w.deal.stage_id = "DELIVERY".into();
    let v = build(&w, answered);
    assert_eq!(v.unmapped_stage.as_deref(), Some("DELIVERY"));
    assert!(
        v.differences
            .iter()
            .all(|d| d.kind() != DifferenceKind::Status)
    );
    // Behind its order (P maps to PREPARATION, after NEW) such a stage is a difference.
    w.order.as_mut().unwrap().status_id = "P".into();
    w.stages.push(stage(0, "QUOTE", "Расчёт", 15, None));
    w.deal.stage_id = "QUOTE".into();
    let v = build(&w, answered);
    assert_eq!(v.unmapped_stage, None);
    assert!(
        v.differences
            .iter()
            .any(|d| d.kind() == DifferenceKind::Status)
    );
    // A stage some status maps to, and the mapped stage itself, are compared in full.
    w.deal.stage_id = "PREPARATION".into();
    assert_eq!(build(&w, answered).unmapped_stage, None);
    // A lost deal is compared by that, with no note on either side.
    w.deal.stage_id = "LOSE".into();
    w.order.as_mut().unwrap().status_id = "DN".into();
    let v = build(&w, answered);
    assert_eq!((v.unmapped_stage, v.unmapped_status), (None, None));
    assert!(
        v.differences
            .iter()
            .any(|d| matches!(d, crate::model::reconcile::Difference::Lost { .. }))
    );
}

#[test]
fn another_deal_holding_the_same_link_is_named_on_the_order_card() {
    let mut w = world();
    let probe = |source, target| LinkProbe { source, target };
    w.same_link = vec![(
        probe(0, 0),
        vec![
            deal(77, json!({"TITLE": "Дубль", "UF_CRM_ORDER": "9"})),
            deal(78, json!({"TITLE": "Другой заказ", "UF_CRM_ORDER": "10"})),
        ],
    )];
    let card = build(&w, answered).order.unwrap();
    assert_eq!(
        card.shared_with
            .iter()
            .map(|d| (d.id, d.title.as_str()))
            .collect::<Vec<_>>(),
        vec![(77, "Дубль")]
    );
    // Listed for a rule that did not link this order: not this order's deals.
    w.same_link[0].0 = probe(1, 1);
    assert!(build(&w, answered).order.unwrap().shared_with.is_empty());
}

#[test]
fn several_orders_found_by_the_rule_make_a_selector() {
    let mut w = world();
    let other = order(12, json!({"accountNumber": "170"}), vec![]);
    let candidates = link_candidates(&w.deal, &w.settings.link_rules);
    w.link = resolve_link(
        &candidates,
        &[vec![w.order.clone().unwrap(), other]],
        Some(9),
    );
    let v = build(&w, answered);
    assert_eq!(
        v.choices
            .iter()
            .map(|c| c.number.as_str())
            .collect::<Vec<_>>(),
        vec!["165", "170"]
    );
    assert_eq!(v.order.as_ref().unwrap().id, 9);
}

#[test]
fn an_unlinked_deal_still_shows_stock_without_own_reserve() {
    let mut w = world();
    w.link = None;
    let v = build(&w, answered);
    assert_eq!(v.store, StoreState::NotLinked);
    assert!(v.order.is_none() && v.differences.is_empty());
    assert_eq!(
        v.unresolved,
        vec![UnresolvedLink::Field {
            field: "UF_CRM_ORDER".into(),
            holds: OrderKey::Id,
            value: "9".into()
        }],
        "the field names order 9, which the store did not return"
    );
    let kettle = &v.rows[0];
    assert_eq!(kettle.basket_item_id, None);
    assert_eq!(kettle.stock.as_ref().unwrap().available, d("1"));
    assert_eq!(kettle.shortage(), Some(d("1")));
}

#[test]
fn without_the_store_the_crm_part_is_still_there() {
    let mut w = world();
    w.contact = None;
    for side in [
        (|_: &World| StoreSide::NotConfigured) as fn(&World) -> StoreSide<'_>,
        |_| StoreSide::Unavailable,
    ] {
        let v = build(&w, side);
        assert!(matches!(
            v.store,
            StoreState::NotConfigured | StoreState::Unavailable
        ));
        assert_eq!(v.rows.len(), 3);
        assert!(v.rows.iter().all(|r| r.stock.is_none()));
        assert!(v.warehouses.is_empty() && v.order.is_none());
        assert_eq!(v.deal.contact, None, "a deal without contact");
        assert_eq!(v.rows[0].xml_id.as_deref(), Some("A"));
    }
}

#[test]
fn a_canceled_orders_reserve_is_not_available_to_the_deal() {
    let mut w = world();
    if let Some(o) = w.order.as_mut() {
        o.canceled = true;
    }
    let v = build(&w, answered);
    assert_eq!(v.rows[0].stock.as_ref().unwrap().available, d("1"));
    assert_eq!(v.rows[0].shortage(), Some(d("1")));
}

#[test]
fn a_row_whose_store_product_is_switched_off_says_so() {
    let mut w = world();
    assert!(!build(&w, answered).rows[0].store_inactive);
    w.store[0].active = false;
    let v = build(&w, answered);
    assert!(v.rows[0].store_inactive, "the kettle is not for sale");
    assert!(!v.rows[1].store_inactive);
}

#[test]
fn a_row_holding_a_product_sold_in_sizes_is_marked_and_never_short() {
    let mut w = world();
    assert!(!build(&w, answered).rows[0].store_in_sizes);
    // The store's `type` 3: sold in variations, no stock of its own.
    w.store[0].other.insert("type".into(), serde_json::json!(3));
    let kettle = w.store[0].id;
    w.stock.retain(|r| r.product_id != kettle);
    let v = build(&w, answered);
    assert!(v.rows[0].store_in_sizes, "the kettle comes in sizes");
    assert_eq!(v.rows[0].shortage(), None);
    assert!(!v.rows[1].store_in_sizes);
    // One that has stock of its own is counted as any product.
    let mut own = world();
    own.store[1]
        .other
        .insert("type".into(), serde_json::json!(3));
    let v = build(&own, answered);
    let has_own = v.rows[1]
        .stock
        .as_ref()
        .is_some_and(|s| s.product.warehouses.iter().any(|w| !w.amount.is_zero()));
    assert!(has_own, "the world's second product has stock");
    assert!(!v.rows[1].store_in_sizes);
}

#[test]
fn the_live_check_asks_who_else_holds_the_link_and_notices_a_change() {
    use crate::model::view::poll::{portal_poll_batch, shared_link_changed};
    let w = world();
    let v = build(&w, answered);
    let rules = &w.settings.link_rules;
    let batch = portal_poll_batch(&v, &w.deal, None, rules);
    assert_eq!(batch.names(), vec!["deal", "settings", "same_link0"]);
    assert_eq!(
        batch.get("same_link0").unwrap().params["filter"],
        json!({"!ID": 410, "UF_CRM_ORDER": "9", "!UF_CRM_ORDER": ""}),
        "the deal's own value, no reference: the poll has no crm.deal.get"
    );
    let other = deal(77, json!({"TITLE": "Дубль", "UF_CRM_ORDER": "9"}));
    assert!(!shared_link_changed(&v, &w.deal, rules, &[]));
    assert!(shared_link_changed(
        &v,
        &w.deal,
        rules,
        &[(
            LinkProbe {
                source: 0,
                target: 0
            },
            vec![other]
        )]
    ));
    // A deal without a linked order asks nothing more.
    let unlinked = build(&w, |_| StoreSide::Unavailable);
    assert_eq!(
        portal_poll_batch(&unlinked, &w.deal, None, rules).names(),
        vec!["deal", "settings"]
    );
}

#[test]
fn the_live_check_asks_a_rule_holding_the_orders_number_by_the_number_the_order_has() {
    use crate::model::view::poll::{portal_poll_batch, shared_link_changed};
    let mut w = world();
    w.settings.link_rules.push(LinkRule::UserField {
        field: "UF_CRM_NUMBER".into(),
        holds: OrderKey::Number,
    });
    let v = build(&w, answered);
    let order = v.order.as_ref().expect("linked by the ID in UF_CRM_ORDER");
    assert_eq!(order.linked_by.0, 0);
    let number = order.number.clone();
    let rules = w.settings.link_rules.clone();
    let cross = LinkProbe {
        source: 0,
        target: 1,
    };
    let batch = portal_poll_batch(&v, &w.deal, None, &rules);
    assert_eq!(
        batch.get(&cross.name()).expect("asked").params["filter"],
        json!({"!ID": 410, "UF_CRM_NUMBER": number, "!UF_CRM_NUMBER": ""})
    );
    let holder = deal(78, json!({"TITLE": "By number", "UF_CRM_NUMBER": number}));
    let answer = vec![(cross, vec![holder])];
    assert!(shared_link_changed(&v, &w.deal, &rules, &answer));
    // Once the open found it too, the same answer is no change.
    w.same_link = answer.clone();
    let v = build(&w, answered);
    let shared: Vec<u64> = v
        .order
        .as_ref()
        .unwrap()
        .shared_with
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(shared, [78]);
    assert!(!shared_link_changed(&v, &w.deal, &rules, &answer));
}

#[test]
fn the_live_check_asks_for_the_settings_and_notices_new_ones() {
    use crate::model::view::poll::{changed_settings, portal_poll_batch};
    let w = world();
    let v = build(&w, answered);
    let batch = portal_poll_batch(&v, &w.deal, None, &w.settings.link_rules);
    let asked = batch.get("settings").unwrap();
    assert_eq!(
        (asked.method, &asked.params),
        ("app.option.get", &json!({"option": "settings"}))
    );
    let saved = w.settings.to_value();
    assert_eq!(changed_settings(&w.settings, &saved), None, "the same");
    let mut other = w.settings.clone();
    other.poll_interval_secs = 42;
    assert_eq!(
        changed_settings(&w.settings, &other.to_value()),
        Some(other.clone())
    );
    // As text, as app options may come back: the same settings.
    let text = json!(other.to_value().to_string());
    assert_eq!(changed_settings(&other, &text), None);
    // None saved any more: the defaults.
    assert_eq!(
        changed_settings(&w.settings, &json!(null)),
        Some(Settings::default())
    );
    // An answer that is no settings at all changes nothing.
    assert_eq!(changed_settings(&w.settings, &json!([1, 2])), None);
}

#[test]
fn a_lost_deals_rows_are_never_short() {
    let mut w = world();
    w.order.as_mut().unwrap().canceled = true;
    assert_eq!(build(&w, answered).rows[0].shortage(), Some(d("1")));
    w.stages.push(stage(0, "LOSE", "Проиграна", 90, Some("F")));
    w.deal.stage_id = "LOSE".into();
    let v = build(&w, answered);
    assert_eq!(
        v.rows[0].shortage(),
        None,
        "nothing will leave the store for it"
    );
    assert_eq!(
        v.rows[0].stock.as_ref().unwrap().available,
        d("1"),
        "stock still shown"
    );
    assert!(v.deal.lost, "the tab says neither short nor in stock");
    assert!(!build(&world(), answered).deal.lost);
}

#[test]
fn the_order_card_says_when_the_buyer_is_not_the_deals_contact() {
    let mut w = world();
    assert!(
        !build(&w, answered).order.unwrap().other_buyer,
        "same phone"
    );
    w.contact = Some(contact(84, "Анна", &["+79990000000"], &[]));
    assert!(build(&w, answered).order.unwrap().other_buyer);
    w.contact = None;
    assert!(
        !build(&w, answered).order.unwrap().other_buyer,
        "no contact"
    );
}

#[test]
fn an_order_line_no_deal_row_has_is_listed_after_the_rows_with_its_stock() {
    let mut w = world();
    w.order
        .as_mut()
        .unwrap()
        .basket_items
        .push(basket(503, 72, Some("C"), "4", "50"));
    w.stock.push(stock(72, 1, "3", "0"));
    let v = build(&w, answered);
    assert_eq!(v.rows.len(), 4);
    assert!(v.rows[..3].iter().all(|r| !r.order_only));
    let line = &v.rows[3];
    assert!(line.order_only);
    assert_eq!(
        (line.index, line.basket_item_id, line.store_product_id),
        (3, Some(503), Some(72))
    );
    assert_eq!((line.quantity, line.order_quantity), (d("0"), Some(d("4"))));
    assert_eq!(line.shortage(), Some(d("1")), "4 ordered, 3 free");
    // It is still a difference: the deal lacks it.
    assert!(
        v.differences
            .iter()
            .any(|d| d.kind() == DifferenceKind::MissingInDeal)
    );
}

#[test]
fn a_second_order_line_of_a_deal_product_is_no_order_only_row() {
    let mut w = world();
    let basket_items = &mut w.order.as_mut().unwrap().basket_items;
    basket_items[0].quantity = d("1");
    basket_items.push(basket(503, 70, Some("A"), "1", "500"));
    let v = build(&w, answered);
    assert_eq!(v.rows.len(), 3, "the kettle's two lines are its one row");
    assert!(v.rows.iter().all(|r| !r.order_only));
    assert_eq!(
        v.rows[0].order_quantity, None,
        "compared in total, not against one line"
    );
    let about_the_kettle = |d: &Difference| match d {
        Difference::Quantity { name, .. } => name == "Чайник",
        Difference::MissingInDeal { xml_id, .. } => xml_id.as_deref() == Some("A"),
        _ => false,
    };
    assert!(
        !v.differences.iter().any(about_the_kettle),
        "2 = 1 + 1: {:?}",
        v.differences
    );
}

#[test]
fn the_live_check_watches_the_deals_contact_too() {
    use crate::model::view::poll::{contact_changed, portal_poll_batch};
    let w = world();
    let v = build(&w, answered);
    let anna = contact(84, "Анна", &["+79161234567"], &[]);
    let batch = portal_poll_batch(&v, &w.deal, Some(&anna), &w.settings.link_rules);
    assert_eq!(
        batch.get("contact").unwrap().params,
        json!({"filter": {"ID": 84}, "select": ["ID", "DATE_MODIFY"]})
    );
    let polled = |modified: &str| {
        let mut c = anna.clone();
        c.date_modify = modified.into();
        vec![c]
    };
    assert!(!contact_changed(Some(&anna), &polled(&anna.date_modify)));
    assert!(contact_changed(
        Some(&anna),
        &polled("2030-01-01T00:00:00+03:00")
    ));
    assert!(contact_changed(Some(&anna), &[]), "deleted or hidden");
    assert!(!contact_changed(None, &[]), "a deal without a contact");
}

/// The world's kettle row at `deal` (quantity, OKEI code, name) against its order line at
/// `line` (quantity, code, name), the line reserving `reserved` of it in warehouse 1, which
/// holds `amount` of it (in the store's unit, the line's).
fn kettle_in_units(
    deal: (&str, u64, &str),
    line: (&str, u64, &str),
    reserved_by_order: &str,
    amount: &str,
) -> World {
    let mut w = world();
    let row = &mut w.rows[0];
    row.quantity = d(deal.0);
    (row.measure_code, row.measure_name) = (Some(deal.1), deal.2.into());
    let mut item = reserved(
        basket(501, 70, Some("A"), line.0, "500"),
        &[(1, reserved_by_order)],
    );
    (item.measure_code, item.measure_name) = (Some(line.1), Some(line.2.into()));
    w.order.as_mut().unwrap().basket_items[0] = item;
    w.stock = vec![stock(70, 1, amount, reserved_by_order)];
    w
}

#[test]
fn a_row_in_grams_asks_the_stock_of_a_product_kept_in_kilograms_in_kilograms() {
    // 2 500 g against a line of 2,5 kg, which the order holds in reserve: nothing is short.
    let w = kettle_in_units(("2500", 163, "г"), ("2.5", 166, "кг"), "2.5", "2.5");
    let v = build(&w, answered);
    let kettle = &v.rows[0];
    assert!(kettle.stock_unit.is_some());
    assert_eq!(kettle.stock.as_ref().unwrap().available, d("2.5"));
    assert_eq!(kettle.shortage(), None);
}

#[test]
fn a_row_in_kilograms_is_short_in_grams_of_what_the_store_keeps_in_grams() {
    // 0,5 kg against a line of 500 g; the store had 300 g, all reserved by this order.
    let w = kettle_in_units(("0.5", 166, "кг"), ("500", 163, "г"), "300", "300");
    let v = build(&w, answered);
    let kettle = &v.rows[0];
    assert!(kettle.stock_unit.is_some());
    assert_eq!(kettle.stock.as_ref().unwrap().available, d("300"));
    assert_eq!(kettle.shortage(), Some(d("200")), "200 g are missing");
}

#[test]
fn a_row_in_a_unit_that_does_not_convert_asks_what_its_order_line_holds() {
    // 2 packs against a line of 20 pieces: the store counts pieces, 15 free.
    let w = kettle_in_units(("2", 778, "упак"), ("20", 796, "шт"), "0", "15");
    let v = build(&w, answered);
    let kettle = &v.rows[0];
    assert!(kettle.stock_unit.is_some());
    assert_eq!(kettle.shortage(), Some(d("5")), "5 pieces are missing");
}

#[test]
fn a_top_up_in_grams_of_a_product_sold_by_the_kg_asks_its_stock_in_kg() {
    // Rows of 1 kg, 0,5 kg and 700 g; one order line of 2,2 kg, reserved; 10 kg on hand.
    let mut w = kettle_in_units(("1", 166, "кг"), ("2.2", 166, "кг"), "2.2", "10");
    let mut half = w.rows[0].clone();
    half.quantity = d("0.5");
    let mut grams = w.rows[0].clone();
    (grams.quantity, grams.measure_code, grams.measure_name) = (d("700"), Some(163), "г".into());
    half.id = Some(150);
    grams.id = Some(151);
    w.rows.insert(1, half);
    w.rows.insert(2, grams);
    let v = build(&w, answered);
    let top_up = &v.rows[2];
    let kg = top_up
        .stock_unit
        .as_ref()
        .expect("counted in the store's unit");
    assert_eq!(kg.code, Some(166));
    let stock = top_up.stock.as_ref().unwrap();
    assert_eq!(
        stock.available,
        d("8.5"),
        "10 kg less the 1,5 kg the rows above take"
    );
    assert_eq!(top_up.shortage(), None, "0,7 kg of 8,5");
    assert_eq!(v.rows[1].stock_unit, None, "a row in kg counts as it is");
}

/// The store's units as a fresh install has them (no symbols), and packs.
fn store_measures() -> Vec<Measure> {
    let measure = |id, code, symbol: Option<&str>| Measure {
        id,
        code: Some(code),
        symbol: symbol.map(str::to_owned),
    };
    vec![
        measure(3, 163, None),
        measure(4, 166, None),
        measure(5, 796, None),
        measure(6, 778, Some("упак")),
    ]
}

#[test]
fn a_row_without_an_order_line_asks_its_stock_in_its_products_unit() {
    // 300 g of nuts, no order yet; the store keeps them by the kg (measure 4): 3 kg free.
    let mut w = world();
    w.order = None;
    w.link = None;
    let nuts = &mut w.rows[0];
    (nuts.quantity, nuts.measure_code, nuts.measure_name) = (d("300"), Some(163), "г".into());
    w.store[0] = product(70, "Орехи", Some("A"), json!({"measure": 4}));
    w.stock = vec![stock(70, 1, "3", "0")];
    w.measures = store_measures();
    let v = build(&w, answered);
    let row = &v.rows[0];
    assert_eq!(row.stock_unit.as_ref().and_then(|u| u.code), Some(166));
    assert_eq!(row.stock.as_ref().unwrap().available, d("3"));
    assert_eq!(row.shortage(), None, "0,3 kg of 3 kg");
    // 3 500 g are short by 0,5 kg.
    w.rows[0].quantity = d("3500");
    let v = build(&w, answered);
    assert_eq!(v.rows[0].shortage(), Some(d("0.5")));
}

#[test]
fn a_products_unit_the_rows_does_not_convert_to_gives_no_verdict() {
    // 12 kg of bread in the deal, no order; the store keeps it in pieces (measure 5), 8 free:
    // neither "short 4 kg" nor "in stock", and the 8 are said in pieces.
    let mut w = world();
    w.order = None;
    w.link = None;
    let bread = &mut w.rows[0];
    (bread.quantity, bread.measure_code, bread.measure_name) = (d("12"), Some(166), "кг".into());
    w.store[0] = product(70, "Хлеб", Some("A"), json!({"measure": 5}));
    w.stock = vec![stock(70, 1, "8", "0")];
    w.measures = store_measures();
    let v = build(&w, answered);
    let row = &v.rows[0];
    assert!(row.units_apart);
    assert_eq!(row.shortage(), None);
    assert_eq!(row.stock_unit.as_ref().and_then(|u| u.code), Some(796));
    assert_eq!(row.stock.as_ref().unwrap().available, d("8"));
    // A second row of the bread, in pieces, sees the 8 whole: 5 of them are in stock.
    let mut pieces = w.rows[0].clone();
    (
        pieces.id,
        pieces.quantity,
        pieces.measure_code,
        pieces.measure_name,
    ) = (Some(160), d("5"), Some(796), "шт".into());
    w.rows.insert(1, pieces);
    let v = build(&w, answered);
    assert_eq!(v.rows[1].stock.as_ref().unwrap().available, d("8"));
    assert_eq!(v.rows[1].shortage(), None);
    w.rows.remove(1);
    // The same unit on both sides is as before.
    w.rows[0].measure_code = Some(796);
    w.rows[0].measure_name = "шт".into();
    let v = build(&w, answered);
    assert!(!v.rows[0].units_apart);
    assert_eq!(v.rows[0].shortage(), Some(d("4")));
    // A store that did not list its units changes nothing either.
    w.measures.clear();
    w.rows[0].measure_code = Some(166);
    let v = build(&w, answered);
    assert!(!v.rows[0].units_apart);
    assert_eq!(v.rows[0].stock_unit, None);
}

#[test]
fn with_an_order_line_the_lines_unit_decides_not_the_products() {
    // Packs in the deal, pieces in the order line: what the order holds is asked, as before.
    let mut w = kettle_in_units(("2", 778, "упак"), ("20", 796, "шт"), "0", "15");
    w.store[0] = product(70, "Губки", Some("A"), json!({"measure": 5}));
    w.measures = store_measures();
    let v = build(&w, answered);
    assert!(!v.rows[0].units_apart);
    assert_eq!(v.rows[0].shortage(), Some(d("5")));
}

#[test]
fn a_row_in_the_lines_own_unit_counts_as_before() {
    let w = kettle_in_units(("3", 796, "шт"), ("3", 796, "шт"), "2", "3");
    let v = build(&w, answered);
    assert_eq!(v.rows[0].stock_unit, None);
    assert_eq!(v.rows[0].shortage(), None, "3 asked: 1 free + 2 of its own");
}

/// The world's kettle row (store product 70) against an order line of store product 75 in its
/// place, named `line_name`; `basket_variations` are what the store listed of the basket's
/// variations.
fn kettle_against(line_name: &str, basket_variations: Vec<Product>) -> World {
    let mut w = world();
    let mut item = basket(501, 75, Some("A#RED"), "2", "500");
    item.name = line_name.into();
    w.order.as_mut().unwrap().basket_items[0] = item;
    w.basket_variations = basket_variations;
    w
}

#[test]
fn an_order_line_of_a_variant_of_the_deal_rows_product_is_said_to_be_one() {
    let red = product(
        75,
        "Чайник, красный",
        Some("A#RED"),
        json!({"parentId": 70}),
    );
    let w = kettle_against("Чайник, красный", vec![red]);
    let v = build(&w, answered);
    // Both missing, which is true; and one note pairing them.
    let kinds: Vec<&str> = v.differences.iter().map(|d| d.kind().as_str()).collect();
    assert!(
        kinds.contains(&"missing-in-order") && kinds.contains(&"missing-in-deal"),
        "{kinds:?}"
    );
    assert_eq!(
        v.variants,
        vec![VariantPair {
            deal_name: "Чайник".into(),
            order_names: vec!["Чайник, красный".into()],
            other_variant: false,
        }]
    );
}

#[test]
fn a_row_and_a_line_of_two_variants_of_one_product_are_said_to_be_variants() {
    // The deal's row is itself variant 74 of product 60; the order holds variant 75 of it.
    let mut w = kettle_against(
        "Чайник, красный",
        vec![product(
            75,
            "Чайник, красный",
            None,
            json!({"parentId": 60}),
        )],
    );
    w.store[0] = product(70, "Чайник, белый", Some("A"), json!({"parentId": 60}));
    let v = build(&w, answered);
    assert_eq!(v.variants.len(), 1, "{:?}", v.differences);
    assert!(v.variants[0].other_variant);
    // Another product's variant is no variant of the row's.
    let w = kettle_against(
        "Чашка, синяя",
        vec![product(75, "Чашка, синяя", None, json!({"parentId": 71}))],
    );
    assert!(build(&w, answered).variants.is_empty());
    // A line the store did not list as a variation says nothing.
    let w = kettle_against("Чайник, красный", vec![]);
    assert!(build(&w, answered).variants.is_empty());
}

#[test]
fn an_order_holding_two_variants_of_the_deal_rows_product_names_both_in_one_note() {
    let red = product(75, "Чайник, красный", None, json!({"parentId": 70}));
    let blue = product(76, "Чайник, синий", None, json!({"parentId": 70}));
    let mut w = kettle_against("Чайник, красный", vec![red, blue]);
    let mut second = basket(503, 76, None, "1", "500");
    second.name = "Чайник, синий".into();
    w.order.as_mut().unwrap().basket_items.push(second);
    let v = build(&w, answered);
    assert_eq!(
        v.variants,
        vec![VariantPair {
            deal_name: "Чайник".into(),
            order_names: vec!["Чайник, красный".into(), "Чайник, синий".into()],
            other_variant: false,
        }]
    );
    assert_eq!(
        crate::i18n::variant_sentence(&v.variants[0], crate::i18n::Lang::En),
        "\"Чайник, красный\", \"Чайник, синий\" in the order are variants of \"Чайник\" in the deal: choose those variants in the deal."
    );
}

#[test]
fn a_rows_store_article_is_read_from_the_property_the_settings_name() {
    let mut w = world();
    w.settings.article_property = Some("property105".into());
    w.store[0] = product(
        70,
        "Чайник электрический",
        Some("A"),
        json!({"property105": {"value": "KT-70", "valueId": 1}}),
    );
    let v = build(&w, answered);
    assert_eq!(v.rows[0].store_article.as_deref(), Some("KT-70"));
    assert_eq!(v.rows[1].store_article, None, "no article");
    // An order line's variation, from the basket's variations, by the variations' property.
    let red = product(
        75,
        "Чайник, красный",
        None,
        json!({"parentId": 70, "property121": {"value": "KT-70-R"}}),
    );
    let mut w = kettle_against("Чайник, красный", vec![red]);
    w.settings.variation_article_property = Some("property121".into());
    let v = build(&w, answered);
    let line = v
        .rows
        .iter()
        .find(|r| r.order_only)
        .expect("the order's line");
    assert_eq!(line.store_article.as_deref(), Some("KT-70-R"));
}

#[test]
fn a_deal_rows_variant_against_two_other_variants_in_the_order_names_both() {
    // The deal's row is variant 74 of product 60; the order holds its variants 75 and 76.
    let red = product(75, "Чайник, красный", None, json!({"parentId": 60}));
    let blue = product(76, "Чайник, синий", None, json!({"parentId": 60}));
    let mut w = kettle_against("Чайник, красный", vec![red, blue]);
    w.store[0] = product(70, "Чайник, белый", Some("A"), json!({"parentId": 60}));
    let mut second = basket(503, 76, None, "1", "500");
    second.name = "Чайник, синий".into();
    w.order.as_mut().unwrap().basket_items.push(second);
    let v = build(&w, answered);
    assert_eq!(v.variants.len(), 1, "{:?}", v.variants);
    assert!(v.variants[0].other_variant);
    assert_eq!(
        v.variants[0].order_names,
        vec!["Чайник, красный".to_owned(), "Чайник, синий".to_owned()]
    );
}
