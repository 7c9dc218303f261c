use serde_json::json;

use crate::model::view::changes::{DealField, OrderField, RowField, RowKey, changes};
use crate::model::view::poll::{
    deal_changed, order_changed, portal_poll_call, stock_batch, store_poll_batch,
};

use crate::model::stock::WarehouseColumn;
use crate::model::view::ViewRow;

use super::fixtures::{d, row, stock};
use super::view::{answered, build, world};

#[test]
fn changes_name_the_fields_and_rows_that_moved() {
    let w = world();
    let before = build(&w, answered);
    assert!(changes(&before, &before).is_empty());
    let mut w2 = world();
    w2.deal.opportunity = d("1400");
    w2.rows[1].quantity = d("1");
    w2.rows.remove(2);
    let mut extra = row(0, "Упаковка", "1", "100");
    extra.id = Some(200);
    w2.rows.push(extra);
    if let Some(o) = w2.order.as_mut() {
        o.status_id = "N".into();
    }
    w2.stock[0] = stock(70, 1, "5", "2");
    let after = build(&w2, answered);
    let c = changes(&before, &after);
    assert_eq!(c.deal, vec![DealField::Sum]);
    assert_eq!(c.order, vec![OrderField::Status]);
    assert_eq!(
        c.row(RowKey::Id(100)),
        &[RowField::Warehouse(1), RowField::Available]
    );
    assert_eq!(
        c.row(RowKey::Id(101)),
        &[RowField::Quantity, RowField::Shortage]
    );
    assert_eq!(c.row(RowKey::Id(200)), &[RowField::Added]);
    assert_eq!(c.removed_rows, vec![RowKey::Id(102)]);
    assert!(c.differences);
}

#[test]
fn rows_saved_anew_with_new_ids_mark_only_what_differs() {
    let w = world();
    let before = build(&w, answered);
    // The CRM replaced the rows: every ID is new, only the cups' quantity changed.
    let mut w2 = world();
    for r in &mut w2.rows {
        r.id = r.id.map(|id| id + 1000);
    }
    w2.rows[1].quantity = d("1");
    let c = changes(&before, &build(&w2, answered));
    assert_eq!(
        c.row(RowKey::Id(1100)),
        &[] as &[RowField],
        "the kettle is the same"
    );
    assert_eq!(
        c.row(RowKey::Id(1101)),
        &[RowField::Quantity, RowField::Shortage]
    );
    assert_eq!(c.row(RowKey::Id(1102)), &[] as &[RowField]);
}

#[test]
fn two_rows_of_one_product_saved_anew_pair_in_order_and_stay_unmarked() {
    // The kettle on two rows at different prices; the CRM saves all rows anew, only the cups
    // changed.
    let with_second_kettle = || {
        let mut w = world();
        let mut second = w.rows[0].clone();
        second.id = Some(103);
        second.quantity = d("5");
        second.price = d("300");
        w.rows.insert(1, second);
        w
    };
    let before = build(&with_second_kettle(), answered);
    let mut w2 = with_second_kettle();
    for r in &mut w2.rows {
        r.id = r.id.map(|id| id + 1000);
    }
    w2.rows[2].quantity = d("1");
    let c = changes(&before, &build(&w2, answered));
    assert_eq!(
        c.row(RowKey::Id(1100)),
        &[] as &[RowField],
        "first kettle row"
    );
    assert_eq!(
        c.row(RowKey::Id(1103)),
        &[] as &[RowField],
        "second kettle row"
    );
    assert!(c.row(RowKey::Id(1101)).contains(&RowField::Quantity));

    // A new row of the kettle added before the others: the two there before keep their
    // quantity and price unmarked (what the new row takes of the stock and of the order's
    // line, shared in row order, does change what they show).
    let mut w3 = with_second_kettle();
    for r in &mut w3.rows {
        r.id = r.id.map(|id| id + 2000);
    }
    let mut added = w3.rows[0].clone();
    added.id = Some(2999);
    added.quantity = d("9");
    w3.rows.insert(0, added);
    let c = changes(&before, &build(&w3, answered));
    assert_eq!(c.row(RowKey::Id(2999)), &[RowField::Added]);
    for kept in [2100, 2103] {
        let marked = c.row(RowKey::Id(kept));
        assert!(
            !marked.contains(&RowField::Quantity)
                && !marked.contains(&RowField::Price)
                && !marked.contains(&RowField::Product),
            "{kept}: {marked:?}"
        );
    }
}

#[test]
fn another_linked_order_is_one_change() {
    let w = world();
    let before = build(&w, answered);
    let mut w2 = world();
    w2.link = None;
    let c = changes(&before, &build(&w2, answered));
    assert_eq!(c.order, vec![OrderField::Linked]);
}

#[test]
fn polling_checks_stamps_and_refreshes_stock_of_the_rows() {
    let w = world();
    let v = build(&w, answered);
    assert_eq!(
        portal_poll_call(410).params,
        json!({"filter": {"ID": 410}, "select": ["ID", "DATE_MODIFY"]})
    );
    let b = store_poll_batch(&v, 0).unwrap();
    assert_eq!(b.names(), vec!["order", "stock0"]);
    assert_eq!(b.get("order").unwrap().params["filter"], json!({"id": 9}));
    assert_eq!(
        b.get("stock0").unwrap().params["filter"],
        json!({"@productId": [70, 71], "@storeId": [1, 2]})
    );
    assert!(!deal_changed(&v, &w.deal));
    let mut moved = w.deal.clone();
    moved.date_modify = "2024-08-30T15:00:00+03:00".into();
    assert!(deal_changed(&v, &moved));
    let same = w.order.clone().unwrap();
    assert!(!order_changed(&v, std::slice::from_ref(&same)));
    let mut touched = same.clone();
    touched.date_update = "2024-09-01T00:00:00+03:00".into();
    assert!(order_changed(&v, &[touched]));
    assert!(order_changed(&v, &[]), "a vanished order is a change");
    assert_eq!(
        stock_batch(&[70], &[]).get("stock0").unwrap().params["filter"],
        json!({"@productId": [70]})
    );
}

#[test]
fn an_unlinked_view_without_matched_rows_has_nothing_to_poll_in_the_store() {
    let mut w = world();
    w.link = None;
    w.store.clear();
    w.portal.clear();
    assert!(store_poll_batch(&build(&w, answered), 0).is_none());
}

#[test]
fn a_large_deals_stock_is_checked_in_parts_one_request_each_covering_all_in_turn() {
    let mut v = build(&world(), answered);
    let template = v.rows[0].clone();
    v.rows = (1..=200)
        .map(|id| ViewRow {
            store_product_id: Some(id),
            ..template.clone()
        })
        .collect();
    // 50 warehouses: one product a command, 200 commands in all.
    v.warehouses = (1..=50)
        .map(|id| WarehouseColumn {
            id,
            title: format!("W{id}"),
            active: true,
        })
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for round in 0..5 {
        let b = store_poll_batch(&v, round).unwrap();
        assert!(b.fits_one_request(), "round {round}: {}", b.len());
        assert_eq!(b.names()[0], "order");
        seen.extend(b.names().into_iter().skip(1).map(str::to_owned));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 200, "every part within five checks");
}
