//! Writes the store's orders: each with its basket, shipments, payments and properties.
//! Order totals are computed afterwards by `stock::recompute_all_order_prices`.

use std::collections::BTreeMap;

use rusqlite::Transaction;
use rusqlite::types::Value as Sql;

use super::defaults;
use super::format::{OrderSeed, PaymentSeed, ShipmentSeed, StoreProductSeed, StoreSeed};
use crate::clock;
use crate::db::bulk::{Bulk, int, text, yes_no};

/// The ID of every basket item, order by order: the data set's own, or the next unused one.
pub fn basket_ids(store: &StoreSeed) -> Vec<Vec<u64>> {
    let mut next = store
        .orders
        .iter()
        .flat_map(|o| o.basket.iter().filter_map(|b| b.id))
        .max()
        .unwrap_or(0)
        + 1;
    store
        .orders
        .iter()
        .map(|o| {
            o.basket
                .iter()
                .map(|b| {
                    b.id.unwrap_or_else(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        })
        .collect()
}

/// The buffered inserts of every table an order fills.
struct Writers<'c> {
    order: Bulk<'c>,
    item: Bulk<'c>,
    shipment: Bulk<'c>,
    payment: Bulk<'c>,
    property: Bulk<'c>,
}

pub fn insert(
    tx: &Transaction,
    store: &StoreSeed,
    basket_ids: &[Vec<u64>],
) -> rusqlite::Result<()> {
    let products: BTreeMap<u64, &StoreProductSeed> =
        store.products.iter().map(|p| (p.id, p)).collect();
    let first_warehouse = store.warehouses.first().map(|w| w.id).unwrap_or(1);
    let mut w = Writers {
        order: Bulk::new(
            tx,
            "INSERT INTO orders (id, account_number, status_id, date_status, user_id, currency, payed, date_payed,
                canceled, date_canceled, deducted, date_insert, date_update, comments, xml_id, responsible_id, store_id) VALUES",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
        ),
        item: Bulk::new(
            tx,
            "INSERT INTO basket_items (id, order_id, product_id, name, price, base_price, currency, quantity, xml_id,
                product_xml_id, catalog_xml_id, sort, vat_rate, date_insert, date_update, measure_code, measure_name) VALUES",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.2, ?, ?, ?, ?)",
        ),
        shipment: Bulk::new(
            tx,
            "INSERT INTO shipments (order_id, account_number, delivery_id, delivery_name, price_delivery, status_id,
                deducted, allow_delivery, currency, date_insert, xml_id) VALUES",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ),
        payment: Bulk::new(
            tx,
            "INSERT INTO payments (order_id, account_number, sum, currency, paid, date_paid, pay_system_id,
                pay_system_name, date_bill, xml_id) VALUES",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ),
        property: Bulk::new(
            tx,
            "INSERT INTO property_values (order_id, order_props_id, code, name, value) VALUES",
            "(?, ?, ?, ?, ?)",
        ),
    };
    let now = clock::now_text();
    let no_ids = vec![];
    for (i, o) in store.orders.iter().enumerate() {
        let ids = basket_ids.get(i).unwrap_or(&no_ids);
        order(&mut w, o, ids, &products, first_warehouse, &now)?;
    }
    w.order.finish()?;
    w.item.finish()?;
    w.shipment.finish()?;
    w.payment.finish()?;
    w.property.finish()
}

fn order(
    w: &mut Writers<'_>,
    o: &OrderSeed,
    basket_ids: &[u64],
    products: &BTreeMap<u64, &StoreProductSeed>,
    first_warehouse: u64,
    now: &str,
) -> rusqlite::Result<()> {
    let inserted = o
        .date_insert
        .as_deref()
        .and_then(clock::normalize)
        .unwrap_or_else(|| now.to_string());
    let updated = o
        .date_update
        .as_deref()
        .and_then(clock::normalize)
        .unwrap_or_else(|| inserted.clone());
    let account = o.account_number.clone().unwrap_or_else(|| o.id.to_string());
    let currency = o.currency.clone().unwrap_or_else(|| "RUB".into());
    let id = int(Some(o.id));
    w.order.push([
        id.clone(),
        Sql::Text(account.clone()),
        Sql::Text(o.status.clone()),
        Sql::Text(updated.clone()),
        int(Some(o.user_id.unwrap_or(1))),
        Sql::Text(currency.clone()),
        yes_no(o.paid),
        text(o.paid.then(|| updated.clone())),
        yes_no(o.canceled),
        text(o.canceled.then(|| updated.clone())),
        yes_no(o.deducted),
        Sql::Text(inserted.clone()),
        Sql::Text(updated.clone()),
        Sql::Text(o.comments.clone().unwrap_or_default()),
        Sql::Text(
            o.xml_id
                .clone()
                .unwrap_or_else(|| format!("bx_{:013x}", o.id * 7919 + 0x6349_8bf7)),
        ),
        int(Some(o.warehouse.unwrap_or(first_warehouse))),
    ])?;
    let mut basket_total = 0.0;
    for (i, (b, &basket_id)) in o.basket.iter().zip(basket_ids).enumerate() {
        let product = products.get(&b.product_id);
        let price = b.price.or_else(|| product.map(|p| p.price)).unwrap_or(0.0);
        basket_total += price * b.quantity;
        let name = b.name.clone().or_else(|| product.map(|p| p.name.clone()));
        // A line without a unit of its own takes its product's, as the catalogue fills a
        // basket item (both are given whole or not at all).
        let (code, unit_name) = match product {
            Some(p) if b.measure_code.is_none() => defaults::unit(p.measure_code, &p.measure_name),
            _ => defaults::unit(b.measure_code, &b.measure_name),
        };
        w.item.push([
            int(Some(basket_id)),
            id.clone(),
            int(Some(b.product_id)),
            Sql::Text(name.unwrap_or_default()),
            Sql::Real(price),
            Sql::Real(price),
            Sql::Text(currency.clone()),
            Sql::Real(b.quantity),
            Sql::Text(
                b.xml_id
                    .clone()
                    .unwrap_or_else(|| format!("bx_{:013x}", basket_id * 104_729 + 0x65df_52a9)),
            ),
            Sql::Text(product.and_then(|p| p.xml_id.clone()).unwrap_or_default()),
            Sql::Text(if b.product_id > 0 {
                "storelink-sandbox-catalog".into()
            } else {
                String::new()
            }),
            Sql::Integer((i as i64 + 1) * 100),
            Sql::Text(inserted.clone()),
            Sql::Text(inserted.clone()),
            Sql::Text(code.to_string()),
            Sql::Text(unit_name),
        ])?;
    }
    let shipments = o.shipments.clone().unwrap_or_else(|| {
        vec![ShipmentSeed {
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
        w.shipment.push([
            id.clone(),
            Sql::Text(format!("{account}/{}", i + 2)),
            Sql::Integer(i as i64 + 1),
            Sql::Text(
                s.delivery
                    .clone()
                    .unwrap_or_else(|| "Курьерская доставка".into()),
            ),
            Sql::Real(s.price.unwrap_or(0.0)),
            Sql::Text(status),
            yes_no(o.deducted),
            yes_no(o.paid || o.deducted),
            Sql::Text(currency.clone()),
            Sql::Text(inserted.clone()),
            Sql::Text(format!("bx_ship_{}_{}", o.id, i)),
        ])?;
    }
    let total = basket_total + delivery_total;
    let payments = o.payments.clone().unwrap_or_else(|| {
        vec![PaymentSeed {
            sum: None,
            paid: None,
            pay_system: None,
        }]
    });
    for (i, p) in payments.iter().enumerate() {
        let paid = p.paid.unwrap_or(o.paid);
        let suffix = if i > 0 {
            format!("-{i}")
        } else {
            String::new()
        };
        w.payment.push([
            id.clone(),
            Sql::Text(format!("{account}/1{suffix}")),
            Sql::Real(p.sum.unwrap_or(total)),
            Sql::Text(currency.clone()),
            yes_no(paid),
            text(paid.then(|| updated.clone())),
            Sql::Integer(i as i64 + 1),
            Sql::Text(
                p.pay_system
                    .clone()
                    .unwrap_or_else(|| "Банковская карта".into()),
            ),
            Sql::Text(inserted.clone()),
            Sql::Text(format!("bx_pay_{}_{}", o.id, i)),
        ])?;
    }
    let mut extra_id = 20;
    for (code, value) in &o.properties {
        let known = defaults::ORDER_PROPERTIES
            .iter()
            .find(|(c, _, _)| c == code);
        let (name, property_id) = match known {
            Some((_, name, property_id)) => (name.to_string(), *property_id),
            None => {
                extra_id += 1;
                (code.clone(), extra_id)
            }
        };
        w.property.push([
            id.clone(),
            int(Some(property_id)),
            Sql::Text(code.clone()),
            Sql::Text(name),
            Sql::Text(value.clone()),
        ])?;
    }
    Ok(())
}
