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
#[path = "stock_plan_tests.rs"]
mod tests;
