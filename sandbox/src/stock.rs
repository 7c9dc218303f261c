//! Reserves: an open order (neither canceled nor shipped) reserves its basket at its
//! warehouse, as much as is available there. Stock figures are kept in step in the same
//! transaction as the write that moved them.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::clock;

/// Recomputes `store_products.quantity_reserved` and the product's `quantity` (available),
/// `quantityReserved` and `available` from amounts and reservations. `None`: every product.
pub fn refresh(tx: &Transaction, product: Option<u64>) -> rusqlite::Result<()> {
    // Two spellings of each statement: `?1 IS NULL OR id = ?1` would keep SQLite from using
    // the index, and a single product is refreshed after every basket change.
    let (store_filter, product_filter) = match product {
        Some(_) => ("product_id = ?1", "side = 'store' AND id = ?1"),
        None => ("?1 IS NULL", "side = 'store' AND ?1 IS NULL"),
    };
    tx.prepare_cached(&format!(
        "UPDATE store_products SET quantity_reserved = reserve_extra + COALESCE((SELECT SUM(r.quantity) FROM reservations r
            WHERE r.product_id = store_products.product_id AND r.store_id = store_products.store_id), 0)
         WHERE {store_filter}"
    ))?
    .execute([product])?;
    tx.prepare_cached(&format!(
        "UPDATE products SET
            quantity_reserved = COALESCE((SELECT SUM(sp.quantity_reserved) FROM store_products sp WHERE sp.product_id = products.id), 0),
            quantity = COALESCE((SELECT SUM(sp.amount - sp.quantity_reserved) FROM store_products sp WHERE sp.product_id = products.id), 0)
         WHERE {product_filter}"
    ))?
    .execute([product])?;
    tx.prepare_cached(&format!(
        "UPDATE products SET available = CASE WHEN quantity > 0 OR can_buy_zero = 'Y' OR quantity_trace = 'N' THEN 'Y' ELSE 'N' END
         WHERE {product_filter}"
    ))?
    .execute([product])?;
    Ok(())
}

/// Makes the reservations of an order's basket match the order: reserved at its warehouse
/// while open, released when canceled or shipped.
pub fn sync_order(tx: &Transaction, order_id: u64) -> rusqlite::Result<()> {
    let Some((canceled, deducted, store_id)) = tx
        .prepare_cached("SELECT canceled, deducted, store_id FROM orders WHERE id = ?1")?
        .query_row([order_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u64>(2)?,
            ))
        })
        .optional()?
    else {
        return Ok(());
    };
    let open = canceled == "N" && deducted == "N";
    let items: Vec<(u64, u64, f64)> = {
        let mut q = tx.prepare_cached("SELECT id, product_id, quantity FROM basket_items WHERE order_id = ?1 ORDER BY sort, id")?;
        q.query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    for (basket_id, product_id, quantity) in items {
        sync_item(tx, basket_id, product_id, quantity, store_id, open)?;
    }
    Ok(())
}

fn sync_item(
    tx: &Transaction,
    basket_id: u64,
    product_id: u64,
    quantity: f64,
    store_id: u64,
    open: bool,
) -> rusqlite::Result<()> {
    let existing: Option<(u64, u64, f64, u64)> = tx
        .prepare_cached(
            "SELECT id, product_id, quantity, store_id FROM reservations WHERE basket_id = ?1",
        )?
        .query_row([basket_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let target = if open && product_id > 0 {
        let own = match existing {
            Some((_, p, q, s)) if p == product_id && s == store_id => q,
            _ => 0.0,
        };
        let free: f64 = tx.prepare_cached("SELECT amount - quantity_reserved FROM store_products WHERE product_id = ?1 AND store_id = ?2")?.query_row(
                params![product_id, store_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0.0);
        quantity.min((free + own).max(0.0))
    } else {
        0.0
    };
    match existing {
        Some((id, old_product, _, _)) if target <= 0.0 => {
            tx.prepare_cached("DELETE FROM reservations WHERE id = ?1")?
                .execute([id])?;
            refresh(tx, Some(old_product))?;
        }
        Some((id, old_product, old_quantity, old_store))
            if old_product != product_id || old_quantity != target || old_store != store_id =>
        {
            tx.prepare_cached("UPDATE reservations SET product_id = ?2, store_id = ?3, quantity = ?4 WHERE id = ?1")?.execute(
                params![id, product_id, store_id, target],
            )?;
            if old_product != product_id {
                refresh(tx, Some(old_product))?;
            }
        }
        Some(_) => {}
        None if target > 0.0 => {
            let now = clock::now();
            tx.prepare_cached("INSERT INTO reservations (basket_id, product_id, store_id, quantity, date_reserve, date_reserve_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(
                params![basket_id, product_id, store_id, target, clock::format(now), clock::format(now + chrono::Duration::days(3))],
            )?;
        }
        None => {}
    }
    if product_id > 0 {
        refresh(tx, Some(product_id))?;
    }
    Ok(())
}

/// Removes the reservation of a basket item that is being deleted.
pub fn release_item(tx: &Transaction, basket_id: u64) -> rusqlite::Result<()> {
    let product: Option<u64> = tx
        .prepare_cached("SELECT product_id FROM reservations WHERE basket_id = ?1")?
        .query_row([basket_id], |r| r.get(0))
        .optional()?;
    tx.prepare_cached("DELETE FROM reservations WHERE basket_id = ?1")?
        .execute([basket_id])?;
    if let Some(product) = product {
        refresh(tx, Some(product))?;
    }
    Ok(())
}

/// An order's total: the basket plus the delivery of its shipments that are not canceled.
const ORDER_PRICE: &str = "ROUND(
      COALESCE((SELECT SUM(b.price * b.quantity) FROM basket_items b WHERE b.order_id = orders.id), 0)
    + COALESCE((SELECT SUM(s.price_delivery) FROM shipments s WHERE s.order_id = orders.id AND s.canceled = 'N'), 0), 2)";

/// Recomputes one order's total.
pub fn recompute_order_price(tx: &Transaction, order_id: u64) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE orders SET price = {ORDER_PRICE} WHERE id = ?1"
    ))?
    .execute([order_id])?;
    Ok(())
}

/// Recomputes every order's total (after a data set is loaded).
pub fn recompute_all_order_prices(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute(&format!("UPDATE orders SET price = {ORDER_PRICE}"), [])?;
    Ok(())
}
