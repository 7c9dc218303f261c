//! Checks of the store part: unique IDs, known warehouses, products and statuses of the
//! right type.

use std::collections::{BTreeMap, BTreeSet};

use super::Problems;
use crate::seed::defaults;
use crate::seed::format::SeedData;

pub(super) fn check(seed: &SeedData, p: &mut Problems) {
    let store = &seed.store;
    let iblock = store.iblock_id.unwrap_or(defaults::STORE_IBLOCK);
    if store.offers_iblock_id == Some(iblock) {
        p.add(
            "store.offersIblockId".into(),
            format!("{iblock} is the catalogue's own iblock"),
        );
    }
    let mut warehouses = BTreeSet::new();
    for (i, w) in store.warehouses.iter().enumerate() {
        p.id(&mut warehouses, w.id, || {
            format!("store.warehouses[{i}].id")
        });
    }
    let mut products = BTreeSet::new();
    let mut named = BTreeMap::new();
    for (i, product) in store.products.iter().enumerate() {
        let at = format!("store.products[{i}]");
        p.id(&mut products, product.id, || format!("{at}.id"));
        p.amount(|| format!("{at}.price"), Some(product.price));
        p.amount(|| format!("{at}.purchasingPrice"), product.purchasing_price);
        p.unit(&at, product.measure_code, &product.measure_name);
        measure_names(
            p,
            &mut named,
            &at,
            product.measure_code,
            &product.measure_name,
        );
        let mut stocked = BTreeSet::new();
        for (j, stock) in product.stock.iter().enumerate() {
            if !warehouses.contains(&stock.warehouse) {
                p.add(
                    format!("{at}.stock[{j}].warehouse"),
                    format!("warehouse {} is not in store.warehouses", stock.warehouse),
                );
            }
            if !stocked.insert(stock.warehouse) {
                p.add(
                    format!("{at}.stock[{j}].warehouse"),
                    format!("warehouse {} listed twice", stock.warehouse),
                );
            }
            p.amount(|| format!("{at}.stock[{j}].amount"), Some(stock.amount));
            p.amount(|| format!("{at}.stock[{j}].reserved"), Some(stock.reserved));
        }
    }
    let kinds: Vec<(u64, Option<u64>)> = store
        .products
        .iter()
        .map(|x| (x.id, x.variation_of))
        .collect();
    p.variations("store.products", &kinds, store.offers_iblock_id);
    let mut statuses = BTreeMap::new();
    for (i, status) in store.statuses.iter().enumerate() {
        let kind = status.kind.clone().unwrap_or_else(|| "O".into());
        if kind != "O" && kind != "D" {
            p.add(
                format!("store.statuses[{i}].type"),
                format!("{kind:?} must be O or D"),
            );
        }
        if statuses.insert(status.id.clone(), kind).is_some() {
            p.add(
                format!("store.statuses[{i}].id"),
                format!("duplicate status {}", status.id),
            );
        }
    }
    if store.statuses.is_empty() {
        for s in defaults::statuses() {
            statuses.insert(s.id, s.kind.unwrap_or_default());
        }
    }
    if !store.orders.is_empty() && store.warehouses.is_empty() {
        p.add(
            "store.warehouses".into(),
            "orders need at least one warehouse",
        );
    }
    let prices: BTreeMap<u64, f64> = store.products.iter().map(|x| (x.id, x.price)).collect();
    let mut seen = BTreeSet::new();
    let mut basket_ids = BTreeSet::new();
    for (i, order) in store.orders.iter().enumerate() {
        let at = format!("store.orders[{i}]");
        p.id(&mut seen, order.id, || format!("{at}.id"));
        if statuses.get(&order.status).map(String::as_str) != Some("O") {
            p.add(
                format!("{at}.status"),
                format!(
                    "{:?} is not an order status (type O) in store.statuses",
                    order.status
                ),
            );
        }
        if let Some(w) = order.warehouse
            && !warehouses.contains(&w)
        {
            p.add(
                format!("{at}.warehouse"),
                format!("warehouse {w} is not in store.warehouses"),
            );
        }
        p.date(format!("{at}.dateInsert"), &order.date_insert);
        p.date(format!("{at}.dateUpdate"), &order.date_update);
        for (j, item) in order.basket.iter().enumerate() {
            let at = format!("{at}.basket[{j}]");
            if let Some(id) = item.id {
                p.id(&mut basket_ids, id, || format!("{at}.id"));
            }
            if item.product_id != 0 && !products.contains(&item.product_id) {
                p.add(
                    format!("{at}.productId"),
                    format!("product {} is not in store.products", item.product_id),
                );
            }
            if item.product_id == 0 && (item.name.is_none() || item.price.is_none()) {
                p.add(
                    at.clone(),
                    "a position without productId needs name and price",
                );
            }
            p.amount(|| format!("{at}.price"), item.price);
            p.quantity(|| format!("{at}.quantity"), item.quantity);
            p.unit(&at, item.measure_code, &item.measure_name);
        }
        p.total(
            || format!("{at}.basket"),
            order.basket.iter().map(|item| {
                let listed = prices.get(&item.product_id).copied();
                item.price.or(listed).unwrap_or(0.0) * item.quantity
            }),
        );
        for (j, payment) in order.payments.iter().flatten().enumerate() {
            p.amount(|| format!("{at}.payments[{j}].sum"), payment.sum);
        }
        for (j, shipment) in order.shipments.iter().flatten().enumerate() {
            p.amount(|| format!("{at}.shipments[{j}].price"), shipment.price);
            if let Some(status) = &shipment.status
                && statuses.get(status).map(String::as_str) != Some("D")
            {
                p.add(
                    format!("{at}.shipments[{j}].status"),
                    format!("{status:?} is not a delivery status (type D)"),
                );
            }
        }
    }
}

/// A product's unit that the store's installed measures lack becomes a measure of its own,
/// titled by its `measureName`: the name must not be blank, and every product naming that
/// code must name it alike (the store keeps one measure per code). `named`: each such code's
/// name and where it was first given.
fn measure_names(
    p: &mut Problems,
    named: &mut BTreeMap<u64, (String, String)>,
    at: &str,
    code: Option<u64>,
    name: &Option<String>,
) {
    let (Some(code), Some(name)) = (code, name) else {
        return;
    };
    if name.trim().is_empty() {
        p.add(format!("{at}.measureName"), "must not be blank");
        return;
    }
    if defaults::INSTALLED_MEASURES.iter().any(|m| m.1 == code) {
        return;
    }
    match named.get(&code) {
        Some((first, first_at)) if first != name => p.add(
            format!("{at}.measureName"),
            format!(
                "{name:?}, but {first_at} names unit {code} {first:?} (the store keeps one measure per code)"
            ),
        ),
        Some(_) => {}
        None => {
            named.insert(code, (name.clone(), at.to_owned()));
        }
    }
}
