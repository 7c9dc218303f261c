use serde_json::json;

use bitrix_rest::models::{crm::Deal, crm::ProductRow, sale::Order};

use crate::model::mapping::{PipelineMapping, StageMapping, StatusStage};
use crate::model::matching::{MatchInput, match_products};
use crate::model::reconcile::{
    Difference, DifferenceKind, ReconcileInput, UncomparedRow, delivery_price, delivery_rows,
    differences, uncompared_rows,
};
use crate::model::unit::Unit;

use super::fixtures::{basket, d, deal, from, order, product, row, stage};

fn mapping() -> StageMapping {
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(s, t)| StatusStage {
                status_id: (*s).into(),
                stage_id: (*t).into(),
            })
            .collect()
    };
    StageMapping {
        pipelines: vec![
            PipelineMapping {
                category_id: 0,
                pairs: pairs(&[("N", "NEW"), ("P", "PREPARATION"), ("A", "PREPARATION")]),
            },
            PipelineMapping {
                category_id: 1,
                pairs: pairs(&[("F", "C1:WON"), ("N", "C1:NEW")]),
            },
        ],
    }
}

fn run(deal: &Deal, rows: &[ProductRow], order: &Order) -> Vec<Difference> {
    let portal = vec![
        product(1, "Чайник", Some("A"), json!({})),
        product(2, "Чашка", Some("B"), json!({})),
        product(3, "Блюдце", Some("C"), json!({})),
        product(4, "Доставка по городу", Some("crm-delivery"), json!({})),
    ];
    let m = match_products(MatchInput {
        rows,
        portal_products: &portal,
        store_products: &[],
        basket: &order.basket_items,
        property: None,
    });
    differences(ReconcileInput {
        deal,
        rows,
        order,
        matching: &m,
        mapping: &mapping(),
        stages: &stages(),
    })
}

/// The default pipeline's stages and pipeline 1's, with their outcomes.
fn stages() -> Vec<bitrix_rest::models::crm::Status> {
    vec![
        stage(0, "NEW", "New", 10, None),
        stage(0, "PREPARATION", "Preparation", 20, None),
        stage(0, "WON", "Won", 60, Some("S")),
        stage(0, "LOSE", "Lost", 70, Some("F")),
        stage(0, "APOLOGY", "Analysis of failure", 80, Some("F")),
        stage(1, "C1:NEW", "New", 10, None),
        stage(1, "C1:TALK", "Negotiation", 30, None),
        stage(1, "C1:WON", "Done", 60, Some("S")),
    ]
}

fn kinds(list: &[Difference]) -> Vec<&'static str> {
    list.iter().map(|d| d.kind().as_str()).collect()
}

fn with_delivery(mut o: Order, price: &str) -> Order {
    o.shipments = from(json!([
        {"id": 1, "deliveryName": "Курьер", "priceDelivery": price.parse::<f64>().unwrap(), "system": "N"},
        {"id": 2, "deliveryName": "", "priceDelivery": 999, "system": "Y"},
        {"id": 3, "deliveryName": "Почта", "priceDelivery": 50, "canceled": "Y"}
    ]));
    o
}

#[test]
fn kinds_have_the_markups_data_kind_strings() {
    let all = [
        (DifferenceKind::Sum, "sum"),
        (DifferenceKind::Status, "status"),
        (DifferenceKind::MissingInOrder, "missing-in-order"),
        (DifferenceKind::MissingInDeal, "missing-in-deal"),
        (DifferenceKind::Quantity, "quantity"),
        (DifferenceKind::Price, "price"),
    ];
    for (kind, text) in all {
        assert_eq!(kind.as_str(), text);
    }
}

#[test]
fn a_deal_equal_to_its_order_has_no_differences() {
    let dl = deal(410, json!({"OPPORTUNITY": "1176.00", "STAGE_ID": "NEW"}));
    let rows = vec![row(1, "Чайник", "2", "588.00")];
    let o = order(
        9,
        json!({"price": 1176, "statusId": "N"}),
        vec![basket(1, 70, Some("A"), "2", "588")],
    );
    assert!(run(&dl, &rows, &o).is_empty());
}

#[test]
fn the_deal_sum_may_equal_the_total_with_or_without_delivery() {
    let o = with_delivery(
        order(
            9,
            json!({"price": 1476}),
            vec![basket(1, 70, Some("A"), "2", "588")],
        ),
        "300",
    );
    assert_eq!(
        delivery_price(&o),
        d("300"),
        "system and canceled shipments do not count"
    );
    let rows = vec![row(1, "Чайник", "2", "588")];
    for equal in ["1476", "1176.00", "1476.000"] {
        let dl = deal(410, json!({"OPPORTUNITY": equal}));
        assert!(run(&dl, &rows, &o).is_empty(), "{equal}");
    }
    let dl = deal(410, json!({"OPPORTUNITY": "1200"}));
    assert_eq!(
        run(&dl, &rows, &o),
        vec![Difference::Sum {
            deal: d("1200"),
            deal_currency: "RUB".into(),
            order_total: d("1476"),
            order_delivery: d("300"),
            delivery_in_deal: false,
            order_currency: "RUB".into(),
            rounding: false,
        }]
    );
}

#[test]
fn a_sum_apart_with_the_deals_own_delivery_row_is_compared_with_the_delivery_only() {
    // The deal holds the goods, a consultation (500) and its own delivery row: its sum is the
    // order's total plus 500, with the delivery on both sides.
    let o = with_delivery(
        order(
            9,
            json!({"price": 1476}),
            vec![basket(1, 70, Some("A"), "2", "588")],
        ),
        "300",
    );
    let dl = deal(410, json!({"OPPORTUNITY": "1976"}));
    let rows = vec![
        row(1, "Чайник", "2", "588"),
        row(0, "Консультация", "1", "500"),
        row(0, "Доставка по Москве", "1", "300"),
    ];
    let diffs = run(&dl, &rows, &o);
    assert!(
        diffs.iter().any(|d| matches!(
            d,
            Difference::Sum {
                delivery_in_deal: true,
                ..
            }
        )),
        "{diffs:?}"
    );
}

#[test]
fn a_sum_apart_by_a_hundredth_a_line_with_nothing_else_different_is_rounding() {
    // The store keeps 33,3333: three of them total 100,00; the deal's three at 33,33 are 99,99.
    let o = order(
        9,
        json!({"price": 100}),
        vec![basket(1, 70, Some("A"), "3", "33.3333")],
    );
    let rows = vec![row(1, "Чайник", "3", "33.33")];
    let rounding = |sum: &str| {
        let dl = deal(410, json!({ "OPPORTUNITY": sum }));
        run(&dl, &rows, &o)
            .iter()
            .map(|d| matches!(d, Difference::Sum { rounding: true, .. }))
            .collect::<Vec<_>>()
    };
    assert_eq!(rounding("99.99"), [true]);
    assert_eq!(rounding("99.50"), [false], "more than a hundredth a line");
}

#[test]
fn a_sum_apart_by_rounding_beside_a_quantity_told_in_another_unit_is_still_rounding() {
    // 1 250,5 m at 2,49: 3 113,745, which the CRM rounds up and the store down.
    let dl = deal(410, json!({"OPPORTUNITY": "3113.75"}));
    let mut cable: bitrix_rest::models::sale::BasketItem = from(
        json!({"id": 7, "productId": 70, "name": "Кабель", "price": 2.49, "quantity": 1250.5,
        "currency": "RUB", "productXmlId": "A", "measureName": "м", "measureCode": "006"}),
    );
    cable.order_id = Some(9);
    let o = order(9, json!({"price": 3113.74}), vec![cable]);
    // The deal's row in pieces (the CRM's default): the same number in another unit.
    let in_pieces = |quantity: &str| {
        let mut r = row(1, "Кабель", quantity, "2.49");
        r.measure_code = Some(796);
        r.measure_name = "шт".into();
        r
    };
    let diffs = run(&dl, &[in_pieces("1250.5")], &o);
    assert_eq!(kinds(&diffs), vec!["sum", "quantity"], "{diffs:?}");
    assert!(
        matches!(diffs[0], Difference::Sum { rounding: true, .. }),
        "{diffs:?}"
    );
    // Another number is no rounding.
    let diffs = run(&dl, &[in_pieces("1250")], &o);
    assert!(
        matches!(
            diffs[0],
            Difference::Sum {
                rounding: false,
                ..
            }
        ),
        "{diffs:?}"
    );
}

#[test]
fn different_currencies_are_a_sum_difference_even_with_equal_numbers() {
    let dl = deal(410, json!({"OPPORTUNITY": "100", "CURRENCY_ID": "USD"}));
    let o = order(9, json!({"price": 100, "currency": "RUB"}), vec![]);
    assert_eq!(kinds(&run(&dl, &[], &o)), vec!["sum"]);
}

#[test]
fn a_stage_other_than_the_mapped_one_is_a_status_difference() {
    let dl = deal(410, json!({"STAGE_ID": "NEW"}));
    let o = order(9, json!({"statusId": "P"}), vec![]);
    assert_eq!(
        run(&dl, &[], &o),
        vec![Difference::Status {
            stage_id: "NEW".into(),
            status_id: "P".into(),
            expected_stage_id: "PREPARATION".into()
        }]
    );
    let same_stage_other_status = order(9, json!({"statusId": "A"}), vec![]);
    let dl = deal(410, json!({"STAGE_ID": "PREPARATION"}));
    assert!(run(&dl, &[], &same_stage_other_status).is_empty());
}

#[test]
fn a_status_written_with_two_stages_agrees_with_either() {
    // Settings written other than through the settings page (which refuses this).
    let mut twice = mapping();
    twice.pipelines[0].pairs.push(StatusStage {
        status_id: "N".into(),
        stage_id: "PREPARATION".into(),
    });
    let o = order(9, json!({"statusId": "N"}), vec![]);
    for stage in ["NEW", "PREPARATION"] {
        let dl = deal(410, json!({ "STAGE_ID": stage }));
        let found = differences(ReconcileInput {
            deal: &dl,
            rows: &[],
            order: &o,
            matching: &match_products(MatchInput {
                rows: &[],
                portal_products: &[],
                store_products: &[],
                basket: &o.basket_items,
                property: None,
            }),
            mapping: &twice,
            stages: &stages(),
        });
        assert!(found.is_empty(), "{stage}: {found:?}");
    }
}

#[test]
fn an_unmapped_status_or_stage_is_no_status_difference() {
    let unmapped_status = order(9, json!({"statusId": "X"}), vec![]);
    assert!(
        run(
            &deal(410, json!({"STAGE_ID": "NEW"})),
            &[],
            &unmapped_status
        )
        .is_empty()
    );
    let o = order(9, json!({"statusId": "P"}), vec![]);
    assert!(run(&deal(410, json!({"STAGE_ID": "EXECUTING"})), &[], &o).is_empty());
}

#[test]
fn a_deal_on_a_stage_no_status_maps_to_is_compared_only_when_its_order_went_further() {
    // Pipeline 1 maps F to C1:WON and N to C1:NEW; C1:TALK, between them, has no status.
    let dl = deal(410, json!({"STAGE_ID": "C1:TALK", "CATEGORY_ID": 1}));
    assert_eq!(
        run(&dl, &[], &order(9, json!({"statusId": "F"}), vec![])),
        vec![Difference::Status {
            stage_id: "C1:TALK".into(),
            status_id: "F".into(),
            expected_stage_id: "C1:WON".into()
        }],
        "a completed order behind a deal still in negotiation"
    );
    assert!(
        run(&dl, &[], &order(9, json!({"statusId": "N"}), vec![])).is_empty(),
        "a deal gone past its new order's stage"
    );
}

#[test]
fn a_canceled_order_is_a_status_difference_while_its_deal_is_not_lost() {
    let canceled = order(9, json!({"statusId": "N", "canceled": "Y"}), vec![]);
    for stage_id in ["NEW", "WON"] {
        // Status N maps to NEW: the status alone would agree with a deal at NEW.
        assert_eq!(
            run(&deal(410, json!({"STAGE_ID": stage_id})), &[], &canceled),
            vec![Difference::Canceled {
                stage_id: stage_id.into()
            }]
        );
    }
    // A lost deal agrees with a canceled order, whatever the order's status maps to.
    assert!(run(&deal(410, json!({"STAGE_ID": "LOSE"})), &[], &canceled).is_empty());
    // A stage StoreLink does not know has no outcome to compare.
    assert!(run(&deal(410, json!({"STAGE_ID": "C9:ODD"})), &[], &canceled).is_empty());
}

#[test]
fn a_lost_deal_whose_order_goes_on_is_a_status_difference() {
    let going_on = order(9, json!({"statusId": "P"}), vec![]);
    assert_eq!(
        run(&deal(410, json!({"STAGE_ID": "APOLOGY"})), &[], &going_on),
        vec![Difference::Lost {
            stage_id: "APOLOGY".into(),
            status_id: "P".into()
        }]
    );
    // An unmapped status is no excuse: the deal is lost and the order is not canceled.
    let unmapped = order(9, json!({"statusId": "X"}), vec![]);
    assert_eq!(
        kinds(&run(
            &deal(410, json!({"STAGE_ID": "LOSE"})),
            &[],
            &unmapped
        )),
        vec!["status"]
    );
}

#[test]
fn a_lost_deal_agrees_with_an_order_whose_status_maps_to_a_lost_stage() {
    let mut mapping = mapping();
    mapping.pipelines[0]
        .pairs
        .push(crate::model::mapping::StatusStage {
            status_id: "D".into(),
            stage_id: "LOSE".into(),
        });
    let dl = deal(410, json!({"STAGE_ID": "APOLOGY"}));
    let o = order(9, json!({"statusId": "D"}), vec![]);
    let m = match_products(MatchInput {
        rows: &[],
        portal_products: &[],
        store_products: &[],
        basket: &[],
        property: None,
    });
    let found = differences(ReconcileInput {
        deal: &dl,
        rows: &[],
        order: &o,
        matching: &m,
        mapping: &mapping,
        stages: &stages(),
    });
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_status_mapped_in_another_pipeline_only_is_no_difference() {
    let dl = deal(410, json!({"STAGE_ID": "C2:NEW", "CATEGORY_ID": "2"}));
    assert!(run(&dl, &[], &order(9, json!({"statusId": "F"}), vec![])).is_empty());
    let in_pipeline_one = deal(410, json!({"STAGE_ID": "C1:NEW", "CATEGORY_ID": "1"}));
    assert_eq!(
        kinds(&run(
            &in_pipeline_one,
            &[],
            &order(9, json!({"statusId": "F"}), vec![])
        )),
        vec!["status"]
    );
}

#[test]
fn products_on_one_side_only_are_reported_with_their_values() {
    let dl = deal(410, json!({"OPPORTUNITY": "150"}));
    let rows = vec![row(1, "Чайник", "1", "100"), row(0, "Сборка", "1", "50")];
    let o = order(
        9,
        json!({"price": 150}),
        vec![
            basket(1, 70, Some("A"), "1", "100"),
            basket(2, 80, Some("Z"), "1", "50"),
        ],
    );
    let diffs = run(&dl, &rows, &o);
    assert_eq!(
        diffs,
        vec![
            Difference::MissingInOrder {
                row: 1,
                name: "Сборка".into(),
                xml_id: None,
                quantity: d("1"),
                unit: Unit::default(),
                price: d("50"),
                // A free-text line: missing from the order, not from the catalogue.
                unmatched: false
            },
            Difference::MissingInDeal {
                basket_item_id: 2,
                name: "Item 2".into(),
                xml_id: Some("Z".into()),
                quantity: d("1"),
                unit: Unit::default(),
                price: d("50")
            },
        ]
    );
}

#[test]
fn a_product_never_looked_for_is_not_said_missing_on_either_side() {
    // Row 1: a CRM product without a code; row 2: one Bitrix24 did not list (its code unread).
    // The order holds a line named as row 1 (its product has no code either) and another
    // product no row names.
    let portal = vec![
        product(1, "Чайник", Some("A"), json!({})),
        product(5, "Прокладка 8,5 мм", None, json!({})),
    ];
    let rows = vec![
        row(1, "Чайник", "1", "100"),
        row(5, "Прокладка 8,5 мм", "10", "6.5"),
        row(6, "Фильтр", "2", "40"),
    ];
    let mut gasket = basket(2, 80, None, "10", "6.5");
    gasket.name = " прокладка 8,5 ММ ".into();
    let o = order(
        9,
        json!({"price": 245}),
        vec![
            basket(1, 70, Some("A"), "1", "100"),
            gasket,
            basket(3, 90, Some("Z"), "1", "80"),
        ],
    );
    let dl = deal(410, json!({"OPPORTUNITY": "245"}));
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &[],
        basket: &o.basket_items,
        property: None,
    });
    let diffs = differences(ReconcileInput {
        deal: &dl,
        rows: &rows,
        order: &o,
        matching: &m,
        mapping: &mapping(),
        stages: &stages(),
    });
    // Only the line no row names is a fact: "in the order but not in the deal".
    assert_eq!(kinds(&diffs), vec!["missing-in-deal"]);
    assert!(matches!(
        diffs[0],
        Difference::MissingInDeal {
            basket_item_id: 3,
            ..
        }
    ));
    let (uncompared, named_alike) = uncompared_rows(&rows, &m, &o, &delivery_rows(&rows, &m, &o));
    assert_eq!(
        uncompared,
        vec![
            UncomparedRow {
                row: 1,
                name: "Прокладка 8,5 мм".into(),
                quantity: d("10"),
                unit: Unit::default(),
                code_unread: false,
            },
            UncomparedRow {
                row: 2,
                name: "Фильтр".into(),
                quantity: d("2"),
                unit: Unit::default(),
                code_unread: true,
            },
        ]
    );
    assert_eq!(
        named_alike,
        vec![2],
        "the order's line named as the row without a code"
    );
}

#[test]
fn an_empty_basket_makes_every_row_missing_in_the_order() {
    let dl = deal(410, json!({"OPPORTUNITY": "0"}));
    let rows = vec![row(1, "Чайник", "1", "100"), row(2, "Чашка", "1", "10")];
    let diffs = run(&dl, &rows, &order(9, json!({"price": 0}), vec![]));
    assert_eq!(kinds(&diffs), vec!["missing-in-order", "missing-in-order"]);
    assert!(matches!(
        diffs[0],
        Difference::MissingInOrder {
            unmatched: true,
            ..
        }
    ));
}

#[test]
fn quantity_and_price_differences_of_a_matched_product_carry_both_values() {
    let dl = deal(410, json!({"OPPORTUNITY": "300"}));
    let rows = vec![
        row(1, "Чайник", "3", "100"),
        row(2, "Чашка", "1.5", "10.004"),
    ];
    let o = order(
        9,
        json!({"price": 300}),
        vec![
            basket(1, 70, Some("A"), "2", "100"),
            basket(2, 80, Some("B"), "1.5", "12"),
        ],
    );
    assert_eq!(
        run(&dl, &rows, &o),
        vec![
            Difference::Quantity {
                row: 0,
                basket_item_id: 1,
                name: "Чайник".into(),
                deal: d("3"),
                order: d("2"),
                unit: Unit::default(),
                order_unit: Unit::default(),
            },
            Difference::Price {
                row: 1,
                basket_item_id: 2,
                name: "Чашка".into(),
                deal: d("10.004"),
                deal_currency: "RUB".into(),
                order: d("12"),
                order_currency: "RUB".into(),
                per: None,
                units: None,
            },
        ]
    );
}

#[test]
fn equal_values_with_different_scales_are_no_difference() {
    let dl = deal(410, json!({"OPPORTUNITY": "20.10"}));
    let rows = vec![row(1, "Чайник", "2.000", "10.050")];
    let o = order(
        9,
        json!({"price": 20.1}),
        vec![basket(1, 70, Some("A"), "2", "10.05")],
    );
    assert!(run(&dl, &rows, &o).is_empty());
}

#[test]
fn the_same_free_text_line_on_both_sides_is_no_difference() {
    let dl = deal(410, json!({"OPPORTUNITY": "105"}));
    let rows = vec![row(1, "Чайник", "1", "100"), row(0, "Упаковка", "1", "5")];
    let mut wrapping = basket(2, 0, None, "1", "5");
    wrapping.name = "Упаковка".into();
    let o = order(
        9,
        json!({"price": 105}),
        vec![basket(1, 70, Some("A"), "1", "100"), wrapping],
    );
    assert!(run(&dl, &rows, &o).is_empty());
    // A different price on the same line is a price difference, not "missing" twice.
    let mut dearer = o.clone();
    dearer.basket_items[1].price = d("7");
    assert_eq!(kinds(&run(&dl, &rows, &dearer)), vec!["price"]);
}

#[test]
fn quantity_differences_carry_the_deal_rows_unit_and_order_lines_their_own() {
    let dl = deal(410, json!({"OPPORTUNITY": "300"}));
    let mut nails = row(1, "Гвозди", "2.5", "100");
    nails.measure_name = "кг".into();
    nails.measure_code = Some(166);
    let mut cable: bitrix_rest::models::sale::BasketItem = from(
        json!({"id": 7, "productId": 90, "name": "Кабель", "price": 10, "quantity": 12,
        "currency": "RUB", "productXmlId": "Z", "measureName": "м", "measureCode": "006"}),
    );
    cable.order_id = Some(9);
    let o = order(
        9,
        json!({"price": 300}),
        vec![basket(1, 70, Some("A"), "1", "100"), cable],
    );
    let diffs = run(&dl, &[nails], &o);
    let kg = Unit {
        name: "кг".into(),
        code: Some(166),
    };
    assert!(
        diffs
            .iter()
            .any(|d| matches!(d, Difference::Quantity { unit, .. } if *unit == kg)),
        "{diffs:?}"
    );
    let metres = Unit {
        name: "м".into(),
        code: Some(6),
    };
    assert!(
        diffs
            .iter()
            .any(|d| matches!(d, Difference::MissingInDeal { unit, .. } if *unit == metres)),
        "{diffs:?}"
    );
}

#[test]
fn the_same_amount_in_units_that_convert_is_no_difference() {
    let dl = deal(410, json!({"OPPORTUNITY": "500"}));
    // Half a kilo at 1 000 a kilo in the deal; 500 grams at 1 a gram in the order.
    let mut coffee = row(1, "Кофе", "0.5", "1000");
    coffee.measure_name = "кг".into();
    coffee.measure_code = Some(166);
    let line = |qty: f64, price: f64| {
        let mut it: bitrix_rest::models::sale::BasketItem = from(json!({"id": 1, "productId": 70,
            "name": "Кофе", "price": price, "quantity": qty, "currency": "RUB",
            "productXmlId": "A", "measureName": "г", "measureCode": "163"}));
        it.order_id = Some(9);
        order(9, json!({"price": 500}), vec![it])
    };
    let rows = [coffee];
    assert_eq!(run(&dl, &rows, &line(500.0, 1.0)), vec![]);
    assert_eq!(kinds(&run(&dl, &rows, &line(400.0, 1.0))), vec!["quantity"]);
    assert_eq!(kinds(&run(&dl, &rows, &line(500.0, 1.2))), vec!["price"]);
    // Records naming their units without codes convert alike.
    let mut named = rows[0].clone();
    named.measure_code = None;
    let mut grams = line(500.0, 1.0);
    grams.basket_items[0].measure_code = None;
    assert_eq!(run(&dl, &[named.clone()], &grams), vec![]);
    named.measure_name = "шт".into();
    assert_eq!(
        kinds(&run(&dl, &[named], &grams)),
        vec!["quantity", "price"]
    );
}

#[test]
fn a_product_in_two_deal_rows_and_one_order_line_is_compared_in_total() {
    let dl = deal(410, json!({"OPPORTUNITY": "300"}));
    let rows = vec![row(1, "Чайник", "1", "100"), row(1, "Чайник", "2", "100")];
    let same = order(
        9,
        json!({"price": 300}),
        vec![basket(1, 70, Some("A"), "3", "100")],
    );
    assert_eq!(run(&dl, &rows, &same), vec![], "1 + 2 = 3: nothing differs");

    let more = order(
        9,
        json!({"price": 300}),
        vec![basket(1, 70, Some("A"), "4", "100")],
    );
    assert_eq!(
        run(&dl, &rows, &more),
        vec![Difference::Quantity {
            row: 0,
            basket_item_id: 1,
            name: "Чайник".into(),
            deal: d("3"),
            order: d("4"),
            unit: Unit::default(),
            order_unit: Unit::default(),
        }],
        "one difference of the totals, nothing missing"
    );
}

#[test]
fn a_product_in_two_order_lines_and_one_deal_row_is_compared_in_total() {
    let dl = deal(410, json!({"OPPORTUNITY": "300"}));
    let rows = vec![row(1, "Чайник", "3", "100")];
    let split = |second: &str| {
        order(
            9,
            json!({"price": 300}),
            vec![
                basket(1, 70, Some("A"), "1", "100"),
                basket(2, 70, Some("A"), second, "100"),
            ],
        )
    };
    assert_eq!(run(&dl, &rows, &split("2")), vec![]);
    assert_eq!(
        kinds(&run(&dl, &rows, &split("1"))),
        vec!["quantity"],
        "3 against 1 + 1, and the second line is not 'only in the order'"
    );
}

#[test]
fn a_product_in_rows_of_kg_and_g_is_added_up_in_one_unit_on_each_side() {
    let dl = deal(410, json!({"OPPORTUNITY": "352"}));
    let in_unit = |mut r: ProductRow, code: u64, name: &str| {
        r.measure_code = Some(code);
        r.measure_name = name.into();
        r
    };
    // Apples: 1 kg + 0,5 kg + a 700 g top-up in the deal, 2,2 kg in the order.
    let rows = vec![
        in_unit(row(1, "Яблоки", "1", "160"), 166, "кг"),
        in_unit(row(1, "Яблоки", "0.5", "160"), 166, "кг"),
        in_unit(row(1, "Яблоки", "700", "0.16"), 163, "г"),
    ];
    let mut o = order(
        9,
        json!({"price": 352}),
        vec![basket(1, 70, Some("A"), "2.2", "160")],
    );
    o.basket_items[0].measure_code = Some(166);
    o.basket_items[0].measure_name = Some("кг".into());
    let diffs = run(&dl, &rows, &o);
    assert!(
        !kinds(&diffs).contains(&"quantity"),
        "2,2 kg on both sides: {diffs:?}"
    );
    // The order in two lines, 2 kg and 200 g: still 2,2 kg.
    o.basket_items[0].quantity = d("2");
    let mut grams = basket(2, 70, Some("A"), "200", "0.16");
    grams.measure_code = Some(163);
    grams.measure_name = Some("г".into());
    o.basket_items.push(grams);
    let diffs = run(&dl, &rows, &o);
    assert!(!kinds(&diffs).contains(&"quantity"), "{diffs:?}");
    // A real difference is said in each side's first unit: 2,2 kg against 2,3 kg.
    o.basket_items[1].quantity = d("300");
    let diffs = run(&dl, &rows, &o);
    assert!(
        diffs.iter().any(|x| matches!(x,
            Difference::Quantity { deal, order, .. } if *deal == d("2.2") && *order == d("2.3"))),
        "{diffs:?}"
    );
}

#[test]
fn rows_of_one_product_in_units_that_do_not_add_up_are_not_compared_in_total() {
    let dl = deal(410, json!({"OPPORTUNITY": "0"}));
    let in_unit = |mut r: ProductRow, code: u64, name: &str| {
        r.measure_code = Some(code);
        r.measure_name = name.into();
        r
    };
    // 1 000 g, 0,5 kg and 2 pieces of strawberries: no total in one unit is true.
    let rows = vec![
        in_unit(row(1, "Клубника", "1000", "0.45"), 163, "г"),
        in_unit(row(1, "Клубника", "0.5", "450"), 166, "кг"),
        in_unit(row(1, "Клубника", "2", "100"), 796, "шт"),
    ];
    let mut it = basket(1, 70, Some("A"), "1.5", "450");
    (it.measure_code, it.measure_name) = (Some(166), Some("кг".into()));
    let diffs = run(&dl, &rows, &order(9, json!({"price": 0}), vec![it]));
    assert!(!kinds(&diffs).contains(&"quantity"), "{diffs:?}");
}

#[test]
fn a_price_per_kg_kept_per_g_to_kopecks_is_rounding_not_a_difference() {
    // Cheese at 899,90 ₽ a kg, sold by the g: the CRM keeps 0,90 ₽ a g; 500 g are 450,00
    // in the deal and 449,95 in the order.
    let mut cheese = row(1, "Сыр", "500", "0.90");
    (cheese.measure_code, cheese.measure_name) = (Some(163), "г".into());
    let dl = deal(410, json!({"OPPORTUNITY": "450"}));
    let mut it = basket(1, 70, Some("A"), "0.5", "899.90");
    (it.measure_code, it.measure_name) = (Some(166), Some("кг".into()));
    let o = order(9, json!({"price": 449.95}), vec![it]);
    let diffs = run(&dl, &[cheese.clone()], &o);
    assert!(
        matches!(diffs.as_slice(), [Difference::Sum { rounding: true, .. }]),
        "the sum differs by the rounding, and says so: {diffs:?}"
    );
    // 0,95 ₽ a g is a price of its own.
    cheese.price = d("0.95");
    let diffs = run(&dl, &[cheese], &o);
    assert!(kinds(&diffs).contains(&"price"), "{diffs:?}");
}

#[test]
fn prices_per_a_pack_and_per_a_piece_keep_each_sides_unit() {
    let mut sponges = row(1, "Губки", "2", "495");
    (sponges.measure_code, sponges.measure_name) = (Some(778), "упак".into());
    let dl = deal(410, json!({"OPPORTUNITY": "990"}));
    let mut it = basket(1, 70, Some("A"), "10", "99");
    (it.measure_code, it.measure_name) = (Some(796), Some("шт".into()));
    let diffs = run(&dl, &[sponges], &order(9, json!({"price": 990}), vec![it]));
    let units = diffs.iter().find_map(|d| match d {
        Difference::Price { units, per, .. } => Some((units.clone(), per.clone())),
        _ => None,
    });
    let Some((Some((ours, theirs)), None)) = units else {
        panic!("{diffs:?}")
    };
    assert_eq!((ours.code, theirs.code), (Some(778), Some(796)));
}

#[test]
fn rows_of_one_product_at_one_wrong_price_say_it_once() {
    let dl = deal(410, json!({"OPPORTUNITY": "285"}));
    let rows = vec![row(1, "Чайник", "1", "95"), row(1, "Чайник", "2", "95")];
    let o = order(
        9,
        json!({"price": 300}),
        vec![basket(1, 70, Some("A"), "3", "100")],
    );
    let diffs = run(&dl, &rows, &o);
    assert_eq!(kinds(&diffs), vec!["sum", "price"], "{diffs:?}");
}

#[test]
fn a_repeated_row_keeps_its_own_price_check() {
    let dl = deal(410, json!({"OPPORTUNITY": "290"}));
    let rows = vec![row(1, "Чайник", "1", "100"), row(1, "Чайник", "2", "95")];
    let o = order(
        9,
        json!({"price": 290}),
        vec![basket(1, 70, Some("A"), "3", "100")],
    );
    let diffs = run(&dl, &rows, &o);
    assert_eq!(kinds(&diffs), vec!["price"], "{diffs:?}");
    assert!(matches!(diffs[0], Difference::Price { row: 1, .. }));
}

#[test]
fn a_product_twice_in_the_deal_and_not_in_the_order_is_missing_once_in_total() {
    let dl = deal(410, json!({"OPPORTUNITY": "0"}));
    let rows = vec![
        row(1, "Чайник", "1", "100"),
        row(2, "Чашка", "1", "10"),
        row(1, "Чайник", "2", "100"),
    ];
    let o = order(9, json!({"price": 0}), vec![]);
    let diffs = run(&dl, &rows, &o);
    assert_eq!(kinds(&diffs), vec!["missing-in-order", "missing-in-order"]);
    assert!(
        matches!(&diffs[0], Difference::MissingInOrder { row: 0, quantity, .. } if *quantity == d("3")),
        "{diffs:?}"
    );
}

#[test]
fn a_deal_and_an_order_in_two_currencies_differ_once_not_per_price() {
    let dl = deal(410, json!({"OPPORTUNITY": "3.00", "CURRENCY_ID": "USD"}));
    let rows = vec![row(1, "Чайник", "2", "1.5")];
    let o = order(
        9,
        json!({"price": 270, "currency": "RUB"}),
        vec![basket(1, 70, Some("A"), "3", "90")],
    );
    assert_eq!(
        kinds(&run(&dl, &rows, &o)),
        vec!["sum", "quantity"],
        "the currencies once; quantities still compared; prices not"
    );
}

#[test]
fn the_same_quantity_in_another_unit_is_a_difference_in_each_sides_unit() {
    let dl = deal(410, json!({"OPPORTUNITY": "300"}));
    let mut cable = row(1, "Чайник", "3000", "0.1");
    cable.measure_code = Some(796);
    cable.measure_name = "шт".into();
    let mut o = order(
        9,
        json!({"price": 300}),
        vec![basket(1, 70, Some("A"), "3000", "0.1")],
    );
    o.basket_items[0].measure_code = Some(6);
    o.basket_items[0].measure_name = Some("м".into());
    let rows = [cable];
    let diffs = run(&dl, &rows, &o);
    assert!(
        diffs.iter().any(|d| matches!(d,
            Difference::Quantity { unit, order_unit, .. }
                if unit.code == Some(796) && order_unit.code == Some(6))),
        "{diffs:?}"
    );
    // The same unit, named by code on one side only, is no difference.
    o.basket_items[0].measure_code = None;
    o.basket_items[0].measure_name = Some("ШТ".into());
    let same = run(&dl, &rows, &o);
    assert!(same.is_empty(), "{same:?}");
}

#[test]
fn a_free_text_row_named_as_a_delivery_is_the_orders_delivery_not_a_missing_product() {
    let o = with_delivery(
        order(
            9,
            json!({"price": 1476}),
            vec![basket(1, 70, Some("A"), "2", "588")],
        ),
        "300",
    );
    let dl = deal(410, json!({"OPPORTUNITY": "1476"}));
    let with_row = |name: &str, qty: &str, price: &str| {
        vec![row(1, "Чайник", "2", "588"), row(0, name, qty, price)]
    };
    let missing = |rows: &[ProductRow], order: &Order| {
        kinds(&run(&dl, rows, order)).contains(&"missing-in-order")
    };
    let rows = with_row("Доставка курьером", "1", "300");
    assert!(run(&dl, &rows, &o).is_empty(), "{:?}", run(&dl, &rows, &o));
    // At another price, or in two trips, or named by the order's delivery service, it is still
    // the delivery (the sum says what differs).
    assert!(!missing(&with_row("Доставка курьером", "1", "350"), &o));
    assert!(!missing(&with_row("Delivery", "2", "150"), &o));
    for name in [
        "Versandkosten",
        "Lieferung",
        "Postage & packing",
        "Carriage",
        "Freight",
    ] {
        assert!(!missing(&with_row(name, "1", "300"), &o), "{name}");
    }
    assert!(!missing(&with_row("Курьер по Москве", "1", "300"), &o));
    // A line that only costs what the delivery costs is not the delivery.
    assert!(missing(&with_row("Подарочная упаковка", "1", "300"), &o));
    // A delivery service from the CRM catalogue, which the store has no product for, too.
    let service = vec![
        row(1, "Чайник", "2", "588"),
        row(4, "Доставка по городу", "1", "300"),
    ];
    assert!(
        run(&dl, &service, &o).is_empty(),
        "{:?}",
        run(&dl, &service, &o)
    );
    // An order without a delivery lacks the deal's delivery.
    let without = order(
        9,
        json!({"price": 1176}),
        vec![basket(1, 70, Some("A"), "2", "588")],
    );
    assert!(missing(&rows, &without));
}

#[test]
fn a_free_delivery_row_matches_an_orders_free_delivery() {
    let o = with_delivery(
        order(
            9,
            json!({"price": 1176}),
            vec![basket(1, 70, Some("A"), "2", "588")],
        ),
        "0",
    );
    let dl = deal(410, json!({"OPPORTUNITY": "1176"}));
    let rows = vec![row(1, "Чайник", "2", "588"), row(0, "Доставка", "1", "0")];
    assert!(run(&dl, &rows, &o).is_empty(), "{:?}", run(&dl, &rows, &o));
}

#[test]
fn a_row_zeroed_in_the_deal_that_the_order_lacks_is_no_difference() {
    let o = order(
        9,
        json!({"price": 1176}),
        vec![basket(1, 70, Some("A"), "2", "588")],
    );
    let dl = deal(410, json!({"OPPORTUNITY": "1176"}));
    let rows = vec![row(1, "Чайник", "2", "588"), row(2, "Чашка", "0", "120")];
    assert!(run(&dl, &rows, &o).is_empty(), "{:?}", run(&dl, &rows, &o));
}

#[test]
fn prices_per_units_that_convert_compare_per_the_larger_unit_at_two_decimals() {
    let dl = deal(410, json!({"OPPORTUNITY": "65.51"}));
    // 0,75 m at 87,35 a metre; 75 cm at 0,8735 a centimetre: one price (0,87 a cm at two
    // decimals would not be).
    let mut cable = row(1, "Кабель", "0.75", "87.35");
    cable.measure_name = "м".into();
    cable.measure_code = Some(6);
    let line = |qty: &str, price: &str, unit: (&str, &str)| {
        let mut it: bitrix_rest::models::sale::BasketItem = from(json!({"id": 1, "productId": 70,
            "name": "Кабель", "price": price, "quantity": qty, "currency": "RUB",
            "productXmlId": "A", "measureName": unit.0, "measureCode": unit.1}));
        it.order_id = Some(9);
        order(9, json!({"price": 65.51}), vec![it])
    };
    let rows = [cable];
    assert_eq!(
        run(&dl, &rows, &line("75", "0.8735", ("см", "004"))),
        vec![]
    );
    // A thousandfold price: said per the larger unit, both sides.
    let mut lacquer = row(1, "Лак", "4000", "799.99");
    lacquer.measure_name = "мл".into();
    lacquer.measure_code = Some(111);
    let found = run(&dl, &[lacquer], &line("4", "799.99", ("л", "112")));
    let price = found
        .iter()
        .find(|d| matches!(d, Difference::Price { .. }))
        .expect("a price difference");
    let Difference::Price {
        deal, order, per, ..
    } = price
    else {
        unreachable!()
    };
    assert_eq!((*deal, *order), (d("799990"), d("799.99")));
    assert_eq!(per.as_ref().map(|u| u.name.as_str()), Some("л"));

    // Both in centimetres: the deal keeps two decimals (0,87), the store 0,8735 — per metre
    // that is 87,00 against 87,35, not the same price: on 2 834 cm, 9,92 ₽.
    let mut short = row(1, "Кабель", "2834", "0.87");
    short.measure_name = "см".into();
    short.measure_code = Some(4);
    let found = run(
        &dl,
        &[short.clone()],
        &line("2834", "0.8735", ("см", "004")),
    );
    let per_metre = found.iter().find_map(|d| match d {
        Difference::Price {
            deal, order, per, ..
        } => Some((*deal, *order, per.as_ref().and_then(|u| u.code))),
        _ => None,
    });
    assert_eq!(per_metre, Some((d("87.00"), d("87.35"), Some(6))));
    // On 75 cm the same kopecks make 0,26 ₽: the CRM could not keep the price closer.
    short.quantity = d("75");
    let found = run(&dl, &[short], &line("75", "0.8735", ("см", "004")));
    assert!(
        !found.iter().any(|d| matches!(d, Difference::Price { .. })),
        "{found:?}"
    );
    // Both in metres: compared as they are, and no unit is named.
    let mut metres = row(1, "Кабель", "1", "87.35");
    metres.measure_name = "м".into();
    metres.measure_code = Some(6);
    let found = run(&dl, &[metres], &line("1", "87.30", ("м", "006")));
    assert!(
        found
            .iter()
            .any(|d| matches!(d, Difference::Price { per: None, .. }))
    );
}
