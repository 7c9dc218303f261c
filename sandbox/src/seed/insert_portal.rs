//! Writes the portal part of a data set.

use rusqlite::{Transaction, params};

use super::defaults::{self, normalize_email, normalize_phone, stage_id};
use super::format::{PortalProductSeed, PortalSeed, RowSeed};
use crate::clock;

pub fn insert(tx: &Transaction, portal: &PortalSeed) -> rusqlite::Result<()> {
    let now = clock::now_text();
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

    let mut contact = tx.prepare(
        "INSERT INTO contacts (id, name, second_name, last_name, comments, assigned_by_id, date_create, date_modify) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?;
    let mut comm = tx.prepare("INSERT INTO contact_comms (contact_id, kind, value, value_type, normalized) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for c in &portal.contacts {
        contact.execute(params![
            c.id,
            c.name,
            c.second_name,
            c.last_name,
            c.comments,
            c.assigned_by.unwrap_or(1),
            now
        ])?;
        for phone in &c.phones {
            comm.execute(params![
                c.id,
                "PHONE",
                phone.value(),
                phone.value_type(),
                normalize_phone(phone.value())
            ])?;
        }
        for email in &c.emails {
            comm.execute(params![
                c.id,
                "EMAIL",
                email.value(),
                email.value_type(),
                normalize_email(email.value())
            ])?;
        }
    }

    let iblock = portal.catalog_iblock_id.unwrap_or(defaults::PORTAL_IBLOCK);
    let mut product = tx.prepare(
        "INSERT INTO products (side, id, iblock_id, name, xml_id, article, active, date_create, timestamp_x) VALUES ('portal', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?;
    let mut price = tx.prepare("INSERT INTO prices (side, product_id, price, currency, timestamp_x) VALUES ('portal', ?1, ?2, ?3, ?4)")?;
    for p in &portal.products {
        let active = if p.active.unwrap_or(true) { "Y" } else { "N" };
        product.execute(params![
            p.id, iblock, p.name, p.xml_id, p.article, active, now
        ])?;
        price.execute(params![
            p.id,
            p.price,
            p.currency.clone().unwrap_or_else(|| "RUB".into()),
            now
        ])?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('portal_iblock', ?1)",
        [iblock.to_string()],
    )?;

    let mut deal = tx.prepare(
        "INSERT INTO deals (id, title, type_id, stage_id, category_id, currency_id, opportunity, is_manual_opportunity,
            contact_id, assigned_by_id, created_by_id, modify_by_id, date_create, date_modify, begindate, closed,
            comments, source_id, originator_id, origin_id, uf)
         VALUES (?1, ?2, 'SALE', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?9, ?10, ?11, ?10, ?12, ?13, 'STORE', ?14, ?15, ?16)",
    )?;
    let mut row = tx.prepare(
        "INSERT INTO deal_rows (deal_id, product_id, product_name, price, price_exclusive, price_netto, price_brutto,
            quantity, discount_type_id, discount_rate, discount_sum, tax_rate, tax_included, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 2, ?9, ?10, ?11, 'Y', ?12)",
    )?;
    let closed_stages: std::collections::BTreeSet<String> = {
        let mut q = tx.prepare("SELECT status_id FROM stages WHERE semantics IN ('S', 'F')")?;
        q.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?
    };
    let catalog: std::collections::HashMap<u64, &PortalProductSeed> =
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
        let uf = serde_json::to_string(&d.uf).unwrap_or_else(|_| "{}".into());
        deal.execute(params![
            d.id,
            d.title,
            stage_id,
            d.pipeline,
            d.currency.clone().unwrap_or_else(|| "RUB".into()),
            round2(d.opportunity.unwrap_or(sum)),
            if d.opportunity.is_some() { "Y" } else { "N" },
            d.contact_id,
            d.assigned_by.unwrap_or(1),
            created,
            modified,
            if closed_stages.contains(&stage_id) {
                "Y"
            } else {
                "N"
            },
            d.comments,
            d.originator_id,
            d.origin_id,
            uf
        ])?;
        for (i, r) in rows.iter().enumerate() {
            row.execute(params![
                d.id,
                r.product_id,
                r.name,
                r.price,
                r.exclusive,
                r.netto,
                r.brutto,
                r.quantity,
                r.discount_rate,
                r.discount_sum,
                r.tax_rate,
                (i as i64 + 1) * 10
            ])?;
        }
    }
    Ok(())
}

/// The prices of a product row, derived as Bitrix24 does from the final price, the discount
/// percentage and the (included) tax rate.
pub struct RowPrices {
    pub product_id: u64,
    pub name: String,
    pub price: f64,
    pub exclusive: f64,
    pub netto: f64,
    pub brutto: f64,
    pub quantity: f64,
    pub discount_rate: f64,
    pub discount_sum: f64,
    pub tax_rate: Option<f64>,
}

impl RowPrices {
    fn of(
        row: &RowSeed,
        catalog: &std::collections::HashMap<u64, &PortalProductSeed>,
    ) -> RowPrices {
        let product = catalog.get(&row.product_id);
        let name = row
            .name
            .clone()
            .or_else(|| product.map(|p| p.name.clone()))
            .unwrap_or_default();
        // Without a price the catalogue price is the price before the discount.
        let discount = row.discount_rate.unwrap_or(0.0);
        let price = row
            .price
            .or_else(|| product.map(|p| p.price * (1.0 - discount / 100.0)))
            .unwrap_or(0.0);
        RowPrices::compute(
            row.product_id,
            name,
            price,
            row.quantity,
            row.discount_rate.unwrap_or(0.0),
            row.tax_rate,
        )
    }

    pub fn compute(
        product_id: u64,
        name: String,
        price: f64,
        quantity: f64,
        discount_rate: f64,
        tax_rate: Option<f64>,
    ) -> RowPrices {
        let tax = 1.0 + tax_rate.unwrap_or(0.0) / 100.0;
        let exclusive = price / tax;
        let netto = if discount_rate < 100.0 {
            exclusive / (1.0 - discount_rate / 100.0)
        } else {
            exclusive
        };
        RowPrices {
            product_id,
            name,
            price: round2(price),
            exclusive: round2(exclusive),
            netto: round2(netto),
            brutto: round2(netto * tax),
            quantity,
            discount_rate,
            discount_sum: round2(netto - exclusive),
            tax_rate,
        }
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
