//! Writes the store part of a data set.

use std::collections::BTreeMap;

use rusqlite::{Transaction, params};

use super::defaults;
use super::format::{Label, StoreSeed};
use crate::{clock, stock};

pub fn insert(tx: &Transaction, store: &StoreSeed) -> rusqlite::Result<()> {
    let now = clock::now_text();
    let iblock = store.iblock_id.unwrap_or(defaults::STORE_IBLOCK);
    let article = store
        .article_property_id
        .unwrap_or(defaults::ARTICLE_PROPERTY);
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('store_iblock', ?1)",
        [iblock.to_string()],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('article_property', ?1)",
        [article.to_string()],
    )?;

    let mut warehouse = tx.prepare(
        "INSERT INTO stores (id, title, active, address, sort, code, xml_id, is_default, date_create, date_modify)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?;
    for (i, w) in store.warehouses.iter().enumerate() {
        warehouse.execute(params![
            w.id,
            w.title,
            if w.active.unwrap_or(true) { "Y" } else { "N" },
            w.address.clone().unwrap_or_default(),
            w.sort.unwrap_or(100 + i as i64 * 10),
            format!("store{}", w.id),
            format!("store-{}", w.id),
            if i == 0 { "Y" } else { "N" },
            now
        ])?;
    }

    let mut product = tx.prepare(
        "INSERT INTO products (side, id, iblock_id, name, code, xml_id, article, active, purchasing_price, purchasing_currency, date_create, timestamp_x)
         VALUES ('store', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?;
    let mut price = tx.prepare("INSERT INTO prices (side, product_id, price, currency, timestamp_x) VALUES ('store', ?1, ?2, ?3, ?4)")?;
    let mut stock_row = tx.prepare("INSERT INTO store_products (product_id, store_id, amount, reserve_extra) VALUES (?1, ?2, ?3, ?4)")?;
    for p in &store.products {
        let currency = p.currency.clone().unwrap_or_else(|| "RUB".into());
        product.execute(params![
            p.id,
            iblock,
            p.name,
            format!("product-{}", p.id),
            p.xml_id,
            p.article,
            if p.active.unwrap_or(true) { "Y" } else { "N" },
            p.purchasing_price,
            p.purchasing_price.map(|_| currency.clone()),
            now
        ])?;
        price.execute(params![p.id, p.price, currency, now])?;
        for s in &p.stock {
            stock_row.execute(params![p.id, s.warehouse, s.amount, s.reserved])?;
        }
    }

    let statuses = if store.statuses.is_empty() {
        defaults::statuses()
    } else {
        store.statuses.clone()
    };
    let mut status = tx.prepare("INSERT INTO sale_statuses (id, type, sort, color, notify, xml_id) VALUES (?1, ?2, ?3, ?4, 'Y', NULL)")?;
    let mut lang = tx.prepare(
        "INSERT INTO sale_status_langs (status_id, lid, name, description) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, s) in statuses.iter().enumerate() {
        let kind = s.kind.clone().unwrap_or_else(|| "O".into());
        status.execute(params![
            s.id,
            kind,
            s.sort.unwrap_or((i as i64 + 1) * 10),
            s.color
        ])?;
        let empty = Label::One(String::new());
        let descriptions = s.descriptions.as_ref().unwrap_or(&empty);
        lang.execute(params![s.id, "ru", s.names.ru(), descriptions.ru()])?;
        lang.execute(params![s.id, "en", s.names.en(), descriptions.en()])?;
    }

    insert_orders(tx, store)?;
    reserve_open_orders(tx)?;
    stock::refresh(tx, None)
}

/// The reservations of every open order at once, oldest order first, each reserving what is
/// still free at its warehouse — what `stock::sync_order` does order by order, in one pass.
fn reserve_open_orders(tx: &Transaction) -> rusqlite::Result<()> {
    let mut free: std::collections::HashMap<(u64, u64), f64> = std::collections::HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT product_id, store_id, amount - reserve_extra FROM store_products")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        for row in rows {
            let (key, amount) = row?;
            free.insert(key, amount);
        }
    }
    let items: Vec<(u64, u64, u64, f64)> = {
        let mut stmt = tx.prepare(
            "SELECT b.id, b.product_id, o.store_id, b.quantity FROM basket_items b JOIN orders o ON o.id = b.order_id
             WHERE o.canceled = 'N' AND o.deducted = 'N' AND b.product_id > 0 ORDER BY o.id, b.sort, b.id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?
    };
    let now = clock::now();
    let (reserved_at, ends_at) = (
        clock::format(now),
        clock::format(now + chrono::Duration::days(3)),
    );
    let mut insert = tx.prepare(
        "INSERT INTO reservations (basket_id, product_id, store_id, quantity, date_reserve, date_reserve_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (basket, product, store, quantity) in items {
        let available = free.entry((product, store)).or_insert(0.0);
        let reserve = quantity.min(available.max(0.0));
        if reserve > 0.0 {
            *available -= reserve;
            insert.execute(params![
                basket,
                product,
                store,
                reserve,
                reserved_at,
                ends_at
            ])?;
        }
    }
    Ok(())
}

fn insert_orders(tx: &Transaction, store: &StoreSeed) -> rusqlite::Result<()> {
    let now = clock::now_text();
    let products: BTreeMap<u64, _> = store.products.iter().map(|p| (p.id, p)).collect();
    let first_warehouse = store.warehouses.first().map(|w| w.id).unwrap_or(1);
    let mut order = tx.prepare(
        "INSERT INTO orders (id, account_number, status_id, date_status, user_id, currency, payed, date_payed, canceled,
            date_canceled, deducted, date_insert, date_update, comments, xml_id, responsible_id, store_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1, ?16)",
    )?;
    let mut item = tx.prepare(
        "INSERT INTO basket_items (id, order_id, product_id, name, price, base_price, currency, quantity, xml_id,
            product_xml_id, catalog_xml_id, sort, vat_rate, date_insert, date_update)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0.2, ?12, ?12)",
    )?;
    let mut payment = tx.prepare(
        "INSERT INTO payments (order_id, account_number, sum, currency, paid, date_paid, pay_system_id, pay_system_name, date_bill, xml_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut shipment = tx.prepare(
        "INSERT INTO shipments (order_id, account_number, delivery_id, delivery_name, price_delivery, status_id, deducted,
            allow_delivery, currency, date_insert, xml_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut property = tx.prepare("INSERT INTO property_values (order_id, order_props_id, code, name, value) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let yn = |b: bool| if b { "Y" } else { "N" };
    let mut next_basket_id = store
        .orders
        .iter()
        .flat_map(|o| o.basket.iter().filter_map(|b| b.id))
        .max()
        .unwrap_or(0)
        + 1;
    for o in &store.orders {
        let inserted = o
            .date_insert
            .as_deref()
            .and_then(clock::normalize)
            .unwrap_or_else(|| now.clone());
        let updated = o
            .date_update
            .as_deref()
            .and_then(clock::normalize)
            .unwrap_or_else(|| inserted.clone());
        let account = o.account_number.clone().unwrap_or_else(|| o.id.to_string());
        let currency = o.currency.clone().unwrap_or_else(|| "RUB".into());
        order.execute(params![
            o.id,
            account,
            o.status,
            updated,
            o.user_id.unwrap_or(1),
            currency,
            yn(o.paid),
            o.paid.then(|| updated.clone()),
            yn(o.canceled),
            o.canceled.then(|| updated.clone()),
            yn(o.deducted),
            inserted,
            updated,
            o.comments.clone().unwrap_or_default(),
            o.xml_id
                .clone()
                .unwrap_or_else(|| format!("bx_{:013x}", o.id * 7919 + 0x6349_8bf7)),
            o.warehouse.unwrap_or(first_warehouse)
        ])?;
        let mut basket_total = 0.0;
        for (i, b) in o.basket.iter().enumerate() {
            let product = products.get(&b.product_id);
            let id = b.id.unwrap_or_else(|| {
                next_basket_id += 1;
                next_basket_id - 1
            });
            let price = b.price.or_else(|| product.map(|p| p.price)).unwrap_or(0.0);
            basket_total += price * b.quantity;
            let product_xml = product.and_then(|p| p.xml_id.clone()).unwrap_or_default();
            item.execute(params![
                id,
                o.id,
                b.product_id,
                b.name
                    .clone()
                    .or_else(|| product.map(|p| p.name.clone()))
                    .unwrap_or_default(),
                price,
                currency,
                b.quantity,
                b.xml_id
                    .clone()
                    .unwrap_or_else(|| format!("bx_{:013x}", id * 104_729 + 0x65df_52a9)),
                product_xml,
                if b.product_id > 0 {
                    "storelink-sandbox-catalog"
                } else {
                    ""
                },
                (i as i64 + 1) * 100,
                inserted
            ])?;
        }
        let shipments = o.shipments.clone().unwrap_or_else(|| {
            vec![super::format::ShipmentSeed {
                delivery: None,
                price: None,
                status: None,
            }]
        });
        let delivery_total: f64 = shipments.iter().map(|s| s.price.unwrap_or(0.0)).sum();
        for (i, s) in shipments.iter().enumerate() {
            let status = s
                .status
                .clone()
                .unwrap_or_else(|| (if o.deducted { "DF" } else { "DN" }).to_string());
            shipment.execute(params![
                o.id,
                format!("{account}/{}", i + 2),
                i as i64 + 1,
                s.delivery
                    .clone()
                    .unwrap_or_else(|| "Курьерская доставка".into()),
                s.price.unwrap_or(0.0),
                status,
                yn(o.deducted),
                yn(o.paid || o.deducted),
                currency,
                inserted,
                format!("bx_ship_{}_{}", o.id, i)
            ])?;
        }
        let total = basket_total + delivery_total;
        let payments = o.payments.clone().unwrap_or_else(|| {
            vec![super::format::PaymentSeed {
                sum: None,
                paid: None,
                pay_system: None,
            }]
        });
        for (i, p) in payments.iter().enumerate() {
            let paid = p.paid.unwrap_or(o.paid);
            payment.execute(params![
                o.id,
                format!(
                    "{account}/1{}",
                    if i > 0 {
                        format!("-{i}")
                    } else {
                        String::new()
                    }
                ),
                p.sum.unwrap_or(total),
                currency,
                yn(paid),
                paid.then(|| updated.clone()),
                i as i64 + 1,
                p.pay_system
                    .clone()
                    .unwrap_or_else(|| "Банковская карта".into()),
                inserted,
                format!("bx_pay_{}_{}", o.id, i)
            ])?;
        }
        let mut extra_id = 20;
        for (code, value) in &o.properties {
            let known = defaults::ORDER_PROPERTIES
                .iter()
                .find(|(c, _, _)| c == code);
            let (name, id) = match known {
                Some((_, name, id)) => (name.to_string(), *id),
                None => {
                    extra_id += 1;
                    (code.clone(), extra_id)
                }
            };
            property.execute(params![o.id, id, code, name, value])?;
        }
        stock::recompute_order_price(tx, o.id)?;
    }
    Ok(())
}
