//! Writes the portal part of a data set: users, pipelines and stages, user fields, contacts,
//! the CRM catalogue and deals with their rows.

use std::collections::{BTreeSet, HashMap};

use rusqlite::types::Value as Sql;
use rusqlite::{Transaction, params};

use super::catalogs::{self, ProductKinds};
use super::defaults::{self, normalize_email, normalize_phone, stage_id};
use super::format::{PortalProductSeed, PortalSeed};
use super::row_prices::{RowPrices, round2};
use crate::clock;
use crate::db::bulk::{Bulk, int, text, yes_no};

pub fn insert(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    users(tx, portal)?;
    pipelines(tx, portal)?;
    let mut field = tx.prepare("INSERT INTO deal_user_fields (name, type, label_ru, label_en, multiple, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for (i, f) in portal.deal_user_fields.iter().enumerate() {
        let kind = f.kind.clone().unwrap_or_else(|| "string".into());
        field.execute(params![
            f.name,
            kind,
            f.label.ru(),
            f.label.en(),
            f.multiple,
            100 + i as i64 * 10
        ])?;
    }
    contacts(tx, portal)?;
    products(tx, portal)?;
    deals(tx, portal)
}

fn users(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    let users = if portal.users.is_empty() {
        defaults::users()
    } else {
        portal.users.clone()
    };
    let mut stmt = tx.prepare("INSERT INTO users (id, name, last_name, email, admin, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for u in &users {
        stmt.execute(params![
            u.id,
            u.name,
            u.last_name,
            u.email,
            u.admin,
            u.position.clone().unwrap_or_default()
        ])?;
    }
    Ok(())
}

fn pipelines(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    let pipelines = if portal.pipelines.is_empty() {
        defaults::pipelines()
    } else {
        portal.pipelines.clone()
    };
    let mut pipe = tx.prepare("INSERT INTO pipelines (id, name, sort) VALUES (?1, ?2, ?3)")?;
    let mut stage = tx.prepare(
        "INSERT INTO stages (entity_id, status_id, name, sort, semantics, color, category_id, system) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for p in &pipelines {
        pipe.execute(params![
            p.id,
            p.name,
            p.sort.unwrap_or(100 + p.id as i64 * 100)
        ])?;
        let entity = if p.id == 0 {
            "DEAL_STAGE".to_string()
        } else {
            format!("DEAL_STAGE_{}", p.id)
        };
        let category = if p.id == 0 { None } else { Some(p.id) };
        for (i, s) in p.stages.iter().enumerate() {
            let semantics = s.semantics.clone().filter(|s| s != "P");
            let system = if i == 0 || semantics.is_some() {
                "Y"
            } else {
                "N"
            };
            stage.execute(params![
                entity,
                stage_id(p.id, &s.id),
                s.name,
                s.sort.unwrap_or((i as i64 + 1) * 10),
                semantics,
                s.color.clone().unwrap_or_else(|| "#39A8EF".into()),
                category,
                system
            ])?;
        }
    }
    Ok(())
}

fn contacts(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    let now = clock::now_text();
    let mut contact = Bulk::new(
        tx,
        "INSERT INTO contacts (id, name, second_name, last_name, comments, assigned_by_id, date_create, date_modify) VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?)",
    );
    let mut comm = Bulk::new(
        tx,
        "INSERT INTO contact_comms (contact_id, kind, value, value_type, normalized) VALUES",
        "(?, ?, ?, ?, ?)",
    );
    for c in &portal.contacts {
        contact.push([
            int(Some(c.id)),
            Sql::Text(c.name.clone()),
            text(c.second_name.clone()),
            text(c.last_name.clone()),
            text(c.comments.clone()),
            int(Some(c.assigned_by.unwrap_or(1))),
            Sql::Text(now.clone()),
            Sql::Text(now.clone()),
        ])?;
        let phones = c
            .phones
            .iter()
            .map(|p| ("PHONE", p, normalize_phone(p.value())));
        let emails = c
            .emails
            .iter()
            .map(|e| ("EMAIL", e, normalize_email(e.value())));
        for (kind, value, normalized) in phones.chain(emails) {
            comm.push([
                int(Some(c.id)),
                Sql::Text(kind.into()),
                Sql::Text(value.value().into()),
                Sql::Text(value.value_type().into()),
                Sql::Text(normalized),
            ])?;
        }
    }
    contact.finish()?;
    comm.finish()
}

fn products(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    let now = clock::now_text();
    let iblock = portal.catalog_iblock_id.unwrap_or(defaults::PORTAL_IBLOCK);
    let mut product = Bulk::new(
        tx,
        "INSERT INTO products (side, id, iblock_id, type, parent_id, name, xml_id, article, active, date_create,
            timestamp_x) VALUES",
        "('portal', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    let mut price = Bulk::new(
        tx,
        "INSERT INTO prices (side, product_id, price, currency, timestamp_x) VALUES",
        "('portal', ?, ?, ?, ?)",
    );
    let offers = catalogs::portal(portal, iblock).offers.map(|(id, ..)| id);
    let kinds = ProductKinds::of(portal.products.iter().map(|p| (p.id, p.variation_of)));
    for p in &portal.products {
        let (iblock, kind) = kinds.place(p.id, p.variation_of, iblock, offers);
        product.push([
            int(Some(p.id)),
            int(Some(iblock)),
            int(Some(kind)),
            int(p.variation_of),
            Sql::Text(p.name.clone()),
            text(p.xml_id.clone()),
            text(p.article.clone()),
            yes_no(p.active.unwrap_or(true)),
            Sql::Text(now.clone()),
            Sql::Text(now.clone()),
        ])?;
        price.push([
            int(Some(p.id)),
            Sql::Real(p.price),
            Sql::Text(p.currency.clone().unwrap_or_else(|| "RUB".into())),
            Sql::Text(now.clone()),
        ])?;
    }
    product.finish()?;
    price.finish()?;
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('portal_iblock', ?1)",
        [iblock.to_string()],
    )?;
    catalogs::insert(tx, &catalogs::portal(portal, iblock))
}

fn deals(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    let now = clock::now_text();
    let mut deal = Bulk::new(
        tx,
        "INSERT INTO deals (id, title, type_id, stage_id, category_id, currency_id, opportunity, is_manual_opportunity,
            contact_id, assigned_by_id, created_by_id, modify_by_id, date_create, date_modify, begindate, closed,
            comments, source_id, originator_id, origin_id, uf) VALUES",
        "(?, ?, 'SALE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STORE', ?, ?, ?)",
    );
    let mut row = Bulk::new(
        tx,
        "INSERT INTO deal_rows (deal_id, product_id, product_name, price, price_exclusive, price_netto, price_brutto,
            quantity, discount_type_id, discount_rate, discount_sum, tax_rate, tax_included, sort, measure_code,
            measure_name) VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?, 'Y', ?, ?, ?)",
    );
    let closed_stages: BTreeSet<String> = {
        let mut q = tx.prepare("SELECT status_id FROM stages WHERE semantics IN ('S', 'F')")?;
        q.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?
    };
    let catalog: HashMap<u64, &PortalProductSeed> =
        portal.products.iter().map(|p| (p.id, p)).collect();
    for d in &portal.deals {
        let stage_id = stage_id(d.pipeline, &d.stage);
        let rows: Vec<RowPrices> = d.rows.iter().map(|r| RowPrices::of(r, &catalog)).collect();
        let sum: f64 = rows.iter().map(|r| r.price * r.quantity).sum();
        let created = d
            .date_create
            .as_deref()
            .and_then(clock::normalize)
            .unwrap_or_else(|| now.clone());
        let modified = d
            .date_modify
            .as_deref()
            .and_then(clock::normalize)
            .unwrap_or_else(|| created.clone());
        let assigned = int(Some(d.assigned_by.unwrap_or(1)));
        let closed = closed_stages.contains(&stage_id);
        deal.push([
            int(Some(d.id)),
            Sql::Text(d.title.clone()),
            Sql::Text(stage_id),
            int(Some(d.pipeline)),
            Sql::Text(d.currency.clone().unwrap_or_else(|| "RUB".into())),
            Sql::Real(round2(d.opportunity.unwrap_or(sum))),
            yes_no(d.opportunity.is_some()),
            int(d.contact_id),
            assigned.clone(),
            assigned.clone(),
            assigned,
            Sql::Text(created.clone()),
            Sql::Text(modified),
            Sql::Text(created),
            yes_no(closed),
            text(d.comments.clone()),
            text(d.originator_id.clone()),
            text(d.origin_id.clone()),
            Sql::Text(serde_json::to_string(&d.uf).unwrap_or_else(|_| "{}".into())),
        ])?;
        for (i, (r, seed)) in rows.into_iter().zip(&d.rows).enumerate() {
            let (code, name) = defaults::unit(seed.measure_code, &seed.measure_name);
            row.push([
                int(Some(d.id)),
                int(Some(r.product_id)),
                Sql::Text(r.name),
                Sql::Real(r.price),
                Sql::Real(r.exclusive),
                Sql::Real(r.netto),
                Sql::Real(r.brutto),
                Sql::Real(r.quantity),
                Sql::Real(r.discount_rate),
                Sql::Real(r.discount_sum),
                r.tax_rate.map_or(Sql::Null, Sql::Real),
                Sql::Integer((i as i64 + 1) * 10),
                Sql::Integer(code as i64),
                Sql::Text(name),
            ])?;
        }
    }
    deal.finish()?;
    row.finish()
}
