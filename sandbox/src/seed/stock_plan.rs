//! What the open orders of a data set reserve, and the stock figures that follow, computed
//! before anything is written — by the rules `crate::stock` applies on every write: oldest
//! order first, each basket item reserves what is still free at its order's warehouse.
//! The load then writes final figures instead of correcting them afterwards.

use std::collections::HashMap;

use rusqlite::Transaction;
use rusqlite::types::Value as Sql;

use super::format::{StoreProductSeed, StoreSeed};
use crate::clock;
use crate::db::bulk::{Bulk, int};

/// One reservation of a basket item at a warehouse.
#[derive(Debug, Clone, PartialEq)]
pub struct Reservation {
    pub basket_id: u64,
    pub product_id: u64,
    pub store_id: u64,
    pub quantity: f64,
}

/// A store product's figures as `catalog.product.*` shows them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProductStock {
    /// Free to sell: amount minus reserves, over every warehouse.
    pub quantity: f64,
    pub reserved: f64,
    pub available: bool,
}

#[derive(Debug, Default)]
pub struct StockPlan {
    pub reservations: Vec<Reservation>,
    /// Reserved per (product, warehouse): the data set's own reserve plus the orders'.
    reserved: HashMap<(u64, u64), f64>,
}

impl StockPlan {
    /// The plan of `store`, whose basket items have the IDs `basket_ids` (order by order).
    pub fn of(store: &StoreSeed, basket_ids: &[Vec<u64>]) -> StockPlan {
        let mut free: HashMap<(u64, u64), f64> = HashMap::new();
        for p in &store.products {
            for s in &p.stock {
                free.insert((p.id, s.warehouse), s.amount - s.reserved);
            }
        }
        let first_warehouse = store.warehouses.first().map(|w| w.id).unwrap_or(1);
        let mut by_id: Vec<usize> = (0..store.orders.len()).collect();
        by_id.sort_by_key(|&i| store.orders[i].id);
        let mut reservations = vec![];
        for i in by_id {
            let order = &store.orders[i];
            if order.canceled || order.deducted {
                continue;
            }
            let warehouse = order.warehouse.unwrap_or(first_warehouse);
            let ids = basket_ids.get(i).map(Vec::as_slice).unwrap_or_default();
            for (item, &basket_id) in order.basket.iter().zip(ids) {
                if item.product_id == 0 {
                    continue;
                }
                let left = free.entry((item.product_id, warehouse)).or_insert(0.0);
                let quantity = item.quantity.min(left.max(0.0));
                if quantity > 0.0 {
                    *left -= quantity;
                    reservations.push(Reservation {
                        basket_id,
                        product_id: item.product_id,
                        store_id: warehouse,
                        quantity,
                    });
                }
            }
        }
        // As `stock::refresh` sums them: the orders' reserves first, then the extra one.
        let mut by_orders: HashMap<(u64, u64), f64> = HashMap::new();
        for r in &reservations {
            *by_orders.entry((r.product_id, r.store_id)).or_insert(0.0) += r.quantity;
        }
        let mut reserved = HashMap::new();
        for p in &store.products {
            for s in &p.stock {
                let orders = by_orders.get(&(p.id, s.warehouse)).copied().unwrap_or(0.0);
                reserved.insert((p.id, s.warehouse), s.reserved + orders);
            }
        }
        StockPlan {
            reservations,
            reserved,
        }
    }

    /// `quantityReserved` of one product at one warehouse.
    pub fn reserved_at(&self, product: u64, warehouse: u64) -> f64 {
        self.reserved
            .get(&(product, warehouse))
            .copied()
            .unwrap_or(0.0)
    }

    /// The product's totals over its warehouses (in warehouse order, as SQL sums them).
    pub fn product(&self, product: &StoreProductSeed) -> ProductStock {
        let mut stock: Vec<_> = product.stock.iter().collect();
        stock.sort_by_key(|s| s.warehouse);
        let (mut quantity, mut reserved) = (0.0, 0.0);
        for s in stock {
            let here = self.reserved_at(product.id, s.warehouse);
            reserved += here;
            quantity += s.amount - here;
        }
        ProductStock {
            quantity,
            reserved,
            available: quantity > 0.0,
        }
    }

    /// Writes the reservations, made now and held for three days.
    pub fn insert_reservations(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let now = clock::now();
        let (reserved_at, ends_at) = (
            clock::format(now),
            clock::format(now + chrono::Duration::days(3)),
        );
        let mut insert = Bulk::new(
            tx,
            "INSERT INTO reservations (basket_id, product_id, store_id, quantity, date_reserve, date_reserve_end) VALUES",
            "(?, ?, ?, ?, ?, ?)",
        );
        for r in &self.reservations {
            insert.push([
                int(Some(r.basket_id)),
                int(Some(r.product_id)),
                int(Some(r.store_id)),
                Sql::Real(r.quantity),
                Sql::Text(reserved_at.clone()),
                Sql::Text(ends_at.clone()),
            ])?;
        }
        insert.finish()
    }
}

#[cfg(test)]
mod tests {
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
            serde_json::from_value(serde_json::json!({"id": id, "status": "N", "basket": []}))
                .unwrap();
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
}
