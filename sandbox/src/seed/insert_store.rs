//! Writes the store part of a data set: the units of measure (`measures`), the catalogue with
//! prices and stock (with the reserves of the open orders already counted, see
//! `stock_plan`), statuses, then the orders (`insert_orders`) and their reservations.

use rusqlite::types::Value as Sql;
use rusqlite::{Transaction, params};

use super::catalogs::{self, ProductKinds};
use super::defaults;
use super::format::{Label, StoreSeed};
use super::insert_orders;
use super::measures::Measures;
use super::stock_plan::StockPlan;
use crate::clock;
use crate::db::bulk::{Bulk, int, text, yes_no};

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
    let offers_article = store
        .offers_article_property_id
        .unwrap_or(defaults::OFFERS_ARTICLE_PROPERTY);
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('article_property', ?1), ('offers_article_property', ?2)",
        [article.to_string(), offers_article.to_string()],
    )?;
    catalogs::insert(tx, &catalogs::store(store, iblock))?;

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

    let measures = Measures::of(store);
    measures.insert(tx)?;

    let basket_ids = insert_orders::basket_ids(store);
    let plan = StockPlan::of(store, &basket_ids);
    products(tx, store, iblock, &plan, &measures)?;

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

    insert_orders::insert(tx, store, &basket_ids)?;
    plan.insert_reservations(tx)
}

/// Products with their stock figures, prices, and stock per warehouse.
fn products(
    tx: &Transaction,
    store: &StoreSeed,
    iblock: u64,
    plan: &StockPlan,
    measures: &Measures,
) -> rusqlite::Result<()> {
    let now = clock::now_text();
    let mut product = Bulk::new(
        tx,
        "INSERT INTO products (side, id, iblock_id, type, parent_id, name, code, xml_id, article, active,
            purchasing_price, purchasing_currency, quantity, quantity_reserved, available, measure,
            date_create, timestamp_x) VALUES",
        "('store', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    let mut price = Bulk::new(
        tx,
        "INSERT INTO prices (side, product_id, price, currency, timestamp_x) VALUES",
        "('store', ?, ?, ?, ?)",
    );
    let mut stock_row = Bulk::new(
        tx,
        "INSERT INTO store_products (product_id, store_id, amount, reserve_extra, quantity_reserved) VALUES",
        "(?, ?, ?, ?, ?)",
    );
    let offers = catalogs::store(store, iblock).offers.map(|(id, ..)| id);
    let kinds = ProductKinds::of(store.products.iter().map(|p| (p.id, p.variation_of)));
    for p in &store.products {
        let currency = p.currency.clone().unwrap_or_else(|| "RUB".into());
        let figures = plan.product(p);
        let (iblock, kind) = kinds.place(p.id, p.variation_of, iblock, offers);
        product.push([
            int(Some(p.id)),
            int(Some(iblock)),
            int(Some(kind)),
            int(p.variation_of),
            Sql::Text(p.name.clone()),
            Sql::Text(format!("product-{}", p.id)),
            text(p.xml_id.clone()),
            text(p.article.clone()),
            yes_no(p.active.unwrap_or(true)),
            p.purchasing_price.map_or(Sql::Null, Sql::Real),
            text(p.purchasing_price.map(|_| currency.clone())),
            Sql::Real(figures.quantity),
            Sql::Real(figures.reserved),
            yes_no(figures.available),
            int(Some(measures.id_of(p.measure_code))),
            Sql::Text(now.clone()),
            Sql::Text(now.clone()),
        ])?;
        price.push([
            int(Some(p.id)),
            Sql::Real(p.price),
            Sql::Text(currency),
            Sql::Text(now.clone()),
        ])?;
        for s in &p.stock {
            stock_row.push([
                int(Some(p.id)),
                int(Some(s.warehouse)),
                Sql::Real(s.amount),
                Sql::Real(s.reserved),
                Sql::Real(plan.reserved_at(p.id, s.warehouse)),
            ])?;
        }
    }
    product.finish()?;
    price.finish()?;
    stock_row.finish()
}
