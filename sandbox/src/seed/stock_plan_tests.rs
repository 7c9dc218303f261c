//! The plan on a small store, and on the demo checked against the write paths.

use super::*;
use crate::seed::format::{BasketSeed, OrderSeed, StockSeed, WarehouseSeed};

fn product(id: u64, stock: &[(u64, f64, f64)]) -> StoreProductSeed {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": format!("p{id}"), "price": 1,
        "stock": stock.iter().map(|(w, a, r)| serde_json::to_value(StockSeed { warehouse: *w, amount: *a, reserved: *r }).unwrap()).collect::<Vec<_>>()
    }))
    .unwrap()
}

fn order(id: u64, warehouse: u64, canceled: bool, basket: &[(u64, f64)]) -> OrderSeed {
    let mut order: OrderSeed =
        serde_json::from_value(serde_json::json!({"id": id, "status": "N", "basket": []})).unwrap();
    order.warehouse = Some(warehouse);
    order.canceled = canceled;
    order.basket = basket
        .iter()
        .map(|(p, q)| BasketSeed {
            id: None,
            product_id: *p,
            name: None,
            price: None,
            quantity: *q,
            xml_id: None,
            measure_code: None,
            measure_name: None,
        })
        .collect();
    order
}

#[test]
fn older_orders_reserve_first_and_canceled_ones_not_at_all() {
    let store = StoreSeed {
        warehouses: vec![WarehouseSeed {
            id: 1,
            title: "w".into(),
            address: None,
            active: None,
            sort: None,
        }],
        products: vec![product(1, &[(1, 5.0, 1.0), (2, 3.0, 0.0)])],
        // Listed newest first: order 7 is older and reserves first.
        orders: vec![
            order(9, 1, false, &[(1, 3.0)]),
            order(7, 1, false, &[(1, 2.0), (0, 1.0)]),
            order(8, 1, true, &[(1, 1.0)]),
        ],
        ..StoreSeed::default()
    };
    let ids = vec![vec![30], vec![10, 11], vec![20]];
    let plan = StockPlan::of(&store, &ids);
    assert_eq!(
        plan.reservations,
        [
            Reservation {
                basket_id: 10,
                product_id: 1,
                store_id: 1,
                quantity: 2.0
            },
            Reservation {
                basket_id: 30,
                product_id: 1,
                store_id: 1,
                quantity: 2.0
            },
        ],
        "5 in stock, 1 reserved elsewhere: order 7 takes 2, order 9 the 2 left"
    );
    assert_eq!(plan.reserved_at(1, 1), 5.0);
    assert_eq!(
        plan.product(&store.products[0]),
        ProductStock {
            quantity: 3.0,
            reserved: 5.0,
            available: true
        }
    );
}

/// Everything the stock figures depend on, as text rows.
fn snapshot(conn: &rusqlite::Connection) -> Vec<String> {
    let mut out = vec![];
    for sql in [
        "SELECT basket_id, product_id, store_id, quantity FROM reservations ORDER BY basket_id",
        "SELECT product_id, store_id, amount, quantity_reserved FROM store_products ORDER BY 1, 2",
        "SELECT id, quantity, quantity_reserved, available FROM products WHERE side = 'store' ORDER BY id",
        "SELECT id, price FROM orders ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let values: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{sql}: {}", values.join(" ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn seeded_stock_is_what_the_write_paths_would_keep() {
    let urls = crate::config::Urls {
        widget: "http://w".into(),
        portal: "http://p".into(),
        store: "http://s".into(),
        store_webhook: "http://s/rest/1/x/".into(),
        portal_webhook: "http://p/rest/1/y/".into(),
    };
    let data = crate::seed::build(&crate::config::Seed::Demo).unwrap();
    let db = crate::db::Db::open(None).unwrap();
    crate::seed::load(&db, &data, &urls, None).unwrap();
    let seeded = snapshot(&db.lock());
    assert!(seeded.iter().any(|r| r.contains("FROM reservations")));
    db.write(|tx| {
        for order in &data.store.orders {
            crate::stock::sync_order(tx, order.id)?;
            crate::stock::recompute_order_price(tx, order.id)?;
        }
        crate::stock::refresh(tx, None)
    })
    .unwrap();
    assert_eq!(snapshot(&db.lock()), seeded);
}
