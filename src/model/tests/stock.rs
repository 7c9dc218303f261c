use serde_json::json;

use crate::model::stock::{
    OwnReserve, WarehouseColumn, product_stock, rows_stock, shown_warehouses,
};

use super::fixtures::{basket, d, order, reserved, stock, warehouse};

#[test]
fn free_stock_is_amount_minus_reserved_never_below_zero_per_warehouse_and_in_total() {
    let records = vec![
        stock(7, 1, "54", "2"),
        stock(7, 2, "3", "5"),
        stock(8, 1, "100", "0"),
    ];
    let s = product_stock(7, &records, &[1, 2], &OwnReserve::default());
    let free: Vec<_> = s
        .warehouses
        .iter()
        .map(|w| (w.warehouse_id, w.free))
        .collect();
    assert_eq!(free, vec![(1, d("52")), (2, d("0"))]);
    assert_eq!(s.total_free, d("52"));
    assert_eq!(s.available, d("52"));
}

#[test]
fn a_missing_stock_record_is_zero_not_an_error() {
    let s = product_stock(
        7,
        &[stock(7, 1, "4", "0")],
        &[1, 2, 3],
        &OwnReserve::default(),
    );
    assert_eq!(s.warehouses.len(), 3);
    assert_eq!(s.warehouses[2].amount, d("0"));
    assert_eq!(s.warehouses[2].free, d("0"));
    assert_eq!(s.total_free, d("4"));
    assert_eq!(
        product_stock(9, &[], &[1], &OwnReserve::default()).available,
        d("0")
    );
}

#[test]
fn only_the_shown_warehouses_count() {
    let records = vec![stock(7, 1, "5", "0"), stock(7, 2, "10", "0")];
    let s = product_stock(7, &records, &[2], &OwnReserve::default());
    assert_eq!(s.total_free, d("10"));
    assert_eq!(s.warehouses.len(), 1);
}

#[test]
fn the_deals_own_reserve_is_available_to_the_deal() {
    let o = order(
        9,
        json!({}),
        vec![reserved(
            basket(1, 7, None, "3", "10"),
            &[(1, "2"), (2, "1")],
        )],
    );
    let own = OwnReserve::of_order(Some(&o));
    let records = vec![stock(7, 1, "5", "4"), stock(7, 2, "1", "1")];
    let s = product_stock(7, &records, &[1, 2], &own);
    let w: Vec<_> = s
        .warehouses
        .iter()
        .map(|w| (w.free, w.own_reserve, w.available))
        .collect();
    assert_eq!(w, vec![(d("1"), d("2"), d("3")), (d("0"), d("1"), d("1"))]);
    assert_eq!(s.total_free, d("1"));
    assert_eq!(s.available, d("4"));
    // Warehouse 1: 5 on hand, 4 reserved, 2 of them by the deal's order: 2 held for others.
    assert_eq!(s.held_for_others(), d("2"));
}

#[test]
fn stock_on_the_shelf_that_other_orders_hold_is_told_apart_from_none() {
    // 2 on hand, both reserved by others; 3 on hand, 5 reserved (over-reserved): all held.
    let records = vec![stock(7, 1, "2", "2"), stock(7, 2, "3", "5")];
    let s = product_stock(7, &records, &[1, 2], &OwnReserve::default());
    assert_eq!(s.available, d("0"));
    assert_eq!(s.held_for_others(), d("5"));
    // Nothing on hand: nothing held.
    let none = product_stock(7, &[stock(7, 1, "0", "1")], &[1], &OwnReserve::default());
    assert_eq!(none.held_for_others(), d("0"));
}

#[test]
fn the_own_orders_reserve_in_a_warehouse_not_shown_is_still_available_to_the_deal() {
    // The order holds 2 in warehouse 1 and 1 in warehouse 3; only warehouses 1 and 2 are shown.
    let o = order(
        9,
        json!({}),
        vec![reserved(
            basket(1, 7, None, "3", "10"),
            &[(1, "2"), (3, "1")],
        )],
    );
    let own = OwnReserve::of_order(Some(&o));
    let records = vec![stock(7, 1, "2", "2"), stock(7, 2, "0", "0")];
    let s = product_stock(7, &records, &[1, 2], &own);
    assert_eq!(s.total_free, d("0"), "nothing free in the shown warehouses");
    assert_eq!(s.reserved_elsewhere, d("1"));
    assert_eq!(
        s.available,
        d("3"),
        "2 held in warehouse 1, 1 in warehouse 3"
    );
    let rows = rows_stock(&[(Some(7), d("3"))], &records, &[1, 2], &own);
    assert_eq!(
        rows[0].as_ref().unwrap().shortage,
        None,
        "the order has it all"
    );
    // Shown everywhere, nothing is elsewhere.
    assert_eq!(
        product_stock(7, &records, &[1, 2, 3], &own).reserved_elsewhere,
        d("0")
    );
}

#[test]
fn a_canceled_or_shipped_orders_reserve_does_not_count() {
    let item = || reserved(basket(1, 7, None, "3", "10"), &[(1, "3")]);
    let canceled = order(9, json!({"canceled": "Y"}), vec![item()]);
    let shipped = order(9, json!({"deducted": "Y"}), vec![item()]);
    assert!(OwnReserve::of_order(Some(&canceled)).is_empty());
    assert!(OwnReserve::of_order(Some(&shipped)).is_empty());
    assert!(OwnReserve::of_order(None).is_empty());
    let records = vec![stock(7, 1, "5", "5")];
    let s = product_stock(7, &records, &[1], &OwnReserve::of_order(Some(&canceled)));
    assert_eq!(s.available, d("0"));
}

#[test]
fn an_own_reserve_larger_than_the_warehouse_holds_is_capped() {
    let o = order(
        9,
        json!({}),
        vec![reserved(basket(1, 7, None, "9", "10"), &[(1, "9")])],
    );
    let own = OwnReserve::of_order(Some(&o));
    let over_reserved = product_stock(7, &[stock(7, 1, "2", "5")], &[1], &own);
    assert_eq!(over_reserved.available, d("2"), "never more than on hand");
    let under = product_stock(7, &[stock(7, 1, "10", "1")], &[1], &own);
    assert_eq!(
        under.available,
        d("10"),
        "own reserve counted up to the warehouse's reserve"
    );
}

#[test]
fn shortage_is_requested_minus_available_when_positive() {
    let records = vec![stock(7, 1, "3", "0"), stock(8, 1, "10", "0")];
    let out = rows_stock(
        &[(Some(7), d("5")), (Some(8), d("2")), (None, d("4"))],
        &records,
        &[1],
        &OwnReserve::default(),
    );
    assert_eq!(out[0].as_ref().unwrap().shortage, Some(d("2")));
    assert_eq!(out[1].as_ref().unwrap().shortage, None);
    assert!(out[2].is_none(), "unmatched rows have no stock figures");
}

#[test]
fn fractional_quantities_are_exact() {
    let records = vec![stock(7, 1, "2.5", "0.75")];
    let out = rows_stock(
        &[(Some(7), d("2.000"))],
        &records,
        &[1],
        &OwnReserve::default(),
    );
    let r = out[0].as_ref().unwrap();
    assert_eq!(r.available, d("1.75"));
    assert_eq!(r.shortage, Some(d("0.25")));
}

#[test]
fn rows_of_the_same_product_share_its_stock_in_order() {
    let records = vec![stock(7, 1, "4", "0")];
    let out = rows_stock(
        &[(Some(7), d("3")), (Some(7), d("3"))],
        &records,
        &[1],
        &OwnReserve::default(),
    );
    assert_eq!(out[0].as_ref().unwrap().available, d("4"));
    assert_eq!(out[0].as_ref().unwrap().shortage, None);
    assert_eq!(out[1].as_ref().unwrap().available, d("1"));
    assert_eq!(out[1].as_ref().unwrap().shortage, Some(d("2")));
}

#[test]
fn equal_quantities_of_different_scales_are_no_shortage() {
    let out = rows_stock(
        &[(Some(7), d("2.00"))],
        &[stock(7, 1, "2", "0")],
        &[1],
        &OwnReserve::default(),
    );
    assert_eq!(out[0].as_ref().unwrap().shortage, None);
}

#[test]
fn shown_warehouses_follow_settings_else_all_active_by_sort() {
    let mut closed = warehouse(4, "Closed");
    closed.active = false;
    let list = vec![
        warehouse(3, "C"),
        warehouse(1, "A"),
        closed,
        warehouse(2, "B"),
    ];
    assert_eq!(shown_warehouses(&[], &list), vec![1, 2, 3]);
    assert_eq!(
        shown_warehouses(&[3, 1, 9], &list),
        vec![3, 1],
        "a warehouse the store no longer has is dropped"
    );
    assert_eq!(
        shown_warehouses(&[3, 9], &[]),
        vec![3, 9],
        "without the store's list the settings are taken as they are"
    );
    assert_eq!(
        shown_warehouses(&[4, 2], &list),
        vec![2],
        "a warehouse the store closed is not counted, ticked or not"
    );
    assert_eq!(
        shown_warehouses(&[4, 9], &list),
        vec![1, 2, 3],
        "none of the chosen left: every active one"
    );
}

#[test]
fn the_same_record_fetched_twice_counts_once() {
    let record = stock(7, 1, "18", "0");
    let s = product_stock(7, &[record.clone(), record], &[1], &OwnReserve::default());
    assert_eq!(s.total_free, d("18"));
    assert_eq!(s.available, d("18"));
}

#[test]
fn a_warehouse_column_carries_its_trimmed_title_and_whether_it_is_active() {
    let mut closed = warehouse(3, " Закрытый склад ");
    closed.active = false;
    let all = [warehouse(1, "Москва"), closed];
    assert_eq!(
        WarehouseColumn::of(3, &all),
        WarehouseColumn {
            id: 3,
            title: "Закрытый склад".into(),
            active: false,
        }
    );
    assert!(WarehouseColumn::of(1, &all).active);
    let gone = WarehouseColumn::of(9, &all);
    assert!(gone.title.is_empty() && gone.active, "unknown: no mark");
}

#[test]
fn warehouses_with_one_title_are_told_apart_by_their_ids() {
    let all = [
        warehouse(1, "Склад"),
        warehouse(2, "Москва"),
        warehouse(3, " склад "),
        warehouse(7, "   "),
        warehouse(8, ""),
    ];
    let title = |id| WarehouseColumn::of(id, &all).title;
    assert_eq!(title(1), "Склад (ID 1)");
    assert_eq!(title(3), "склад (ID 3)");
    assert_eq!(title(2), "Москва");
    assert_eq!(title(7), "", "blank stays blank for the fallback name");
    let rows = crate::model::settings::form::warehouse_rows(&all, &[]);
    assert_eq!(rows[0].title.as_deref(), Some("Склад (ID 1)"));
}

#[test]
fn only_a_later_row_of_the_same_product_is_marked_as_after_the_rows_above() {
    let records = vec![stock(70, 1, "5", "0"), stock(80, 1, "5", "0")];
    let rows = [(Some(70), d("2")), (Some(80), d("1")), (Some(70), d("1"))];
    let marked: Vec<bool> = rows_stock(&rows, &records, &[], &OwnReserve::default())
        .into_iter()
        .map(|s| s.unwrap().after_earlier_rows)
        .collect();
    assert_eq!(marked, [false, false, true]);
}
