//! `crm.deal.productrows.get` and `.set` (which replaces every row).

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use crate::clock;
use crate::query::{money, number};
use crate::rest::{Ctx, Params, Reply, RestError, as_f64, as_id, as_text, as_yes_no, param_ci};
use crate::seed::{RowPrices, round2};

pub fn get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param_ci(params, "id"))
        .ok_or_else(|| RestError::crm("The parameter id is invalid or not defined."))?;
    let conn = ctx.state.db.lock();
    if !deal_exists(&conn, id)? {
        return Err(RestError::crm_not_found());
    }
    Ok(Reply::new(Value::Array(rows_of(&conn, id)?)))
}

pub fn deal_exists(conn: &Connection, id: u64) -> Result<bool, RestError> {
    Ok(conn
        .query_row("SELECT 1 FROM deals WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The rows of a deal as `crm.deal.productrows.get` writes them.
pub fn rows_of(conn: &Connection, deal: u64) -> Result<Vec<Value>, RestError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, deal_id, product_id, product_name, price, price_exclusive, price_netto, price_brutto, quantity,
                discount_type_id, discount_rate, discount_sum, tax_rate, tax_included, customized, measure_code,
                measure_name, sort, xml_id
         FROM deal_rows WHERE deal_id = ?1 ORDER BY sort, id",
    )?;
    let rows = stmt
        .query_map([deal], |r| {
            let price: f64 = r.get(4)?;
            Ok(json!({
                "ID": r.get::<_, i64>(0)?.to_string(),
                "OWNER_ID": r.get::<_, i64>(1)?.to_string(),
                "OWNER_TYPE": "D",
                "PRODUCT_ID": r.get::<_, i64>(2)?,
                "PRODUCT_NAME": r.get::<_, String>(3)?,
                "ORIGINAL_PRODUCT_NAME": r.get::<_, String>(3)?,
                "PRODUCT_DESCRIPTION": null,
                "PRICE": number(price),
                "PRICE_EXCLUSIVE": number(r.get(5)?),
                "PRICE_NETTO": number(r.get(6)?),
                "PRICE_BRUTTO": number(r.get(7)?),
                "PRICE_ACCOUNT": money(price),
                "QUANTITY": number(r.get(8)?),
                "DISCOUNT_TYPE_ID": r.get::<_, i64>(9)?,
                "DISCOUNT_RATE": number(r.get(10)?),
                "DISCOUNT_SUM": number(r.get(11)?),
                "TAX_RATE": r.get::<_, Option<f64>>(12)?.map(number),
                "TAX_INCLUDED": r.get::<_, String>(13)?,
                "CUSTOMIZED": r.get::<_, String>(14)?,
                "MEASURE_CODE": r.get::<_, i64>(15)?,
                "MEASURE_NAME": r.get::<_, String>(16)?,
                "SORT": r.get::<_, i64>(17)?,
                "XML_ID": r.get::<_, Option<String>>(18)?,
                "TYPE": 1,
                "STORE_ID": 0,
                "RESERVE_ID": null,
                "DATE_RESERVE_END": null,
                "RESERVE_QUANTITY": null
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn set(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param_ci(params, "id"))
        .ok_or_else(|| RestError::crm("The parameter id is invalid or not defined."))?;
    let rows = match param_ci(params, "rows") {
        Some(Value::Array(rows)) => rows.clone(),
        Some(Value::Object(map)) => map.values().cloned().collect(),
        // An empty PHP array arrives as an empty string in form encoding: no rows.
        Some(Value::String(s)) if s.is_empty() => vec![],
        _ => return Err(RestError::crm("The parameter rows must be array.")),
    };
    ctx.state.db.write(|tx| {
        if !deal_exists(tx, id)? {
            return Err(RestError::crm_not_found());
        }
        replace_rows(tx, id, &rows)
    })?;
    Ok(Reply::new(json!(true)))
}

/// Replaces the rows of deal `id`, recomputes `OPPORTUNITY` (unless set by hand) and bumps
/// `DATE_MODIFY`.
pub fn replace_rows(tx: &Transaction, id: u64, rows: &[Value]) -> Result<(), RestError> {
    let mut parsed = vec![];
    for (i, row) in rows.iter().enumerate() {
        let Some(row) = row.as_object() else {
            return Err(RestError::crm(format!("Row {i} is not an object.")));
        };
        let field = |name: &str| {
            row.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        };
        let product_id = field("PRODUCT_ID")
            .and_then(|v| as_id(Some(v)))
            .unwrap_or(0);
        let catalog_name: Option<String> = if product_id > 0 {
            let name = tx
                .query_row(
                    "SELECT name FROM products WHERE side = 'portal' AND id = ?1",
                    [product_id],
                    |r| r.get(0),
                )
                .optional()?;
            if name.is_none() {
                return Err(RestError::crm(format!(
                    "The product with ID {product_id} is not found."
                )));
            }
            name
        } else {
            None
        };
        let name = field("PRODUCT_NAME")
            .and_then(as_text)
            .filter(|n| !n.is_empty())
            .or(catalog_name)
            .unwrap_or_default();
        let price = field("PRICE").and_then(as_f64).unwrap_or(0.0);
        let quantity = field("QUANTITY").and_then(as_f64).unwrap_or(1.0);
        let tax_rate = field("TAX_RATE").and_then(as_f64);
        let tax_included = field("TAX_INCLUDED").and_then(as_yes_no).unwrap_or("Y");
        let discount_type = field("DISCOUNT_TYPE_ID")
            .and_then(as_f64)
            .map(|f| f as i64)
            .unwrap_or(2);
        let mut discount_rate = field("DISCOUNT_RATE").and_then(as_f64).unwrap_or(0.0);
        if discount_type == 1 && field("DISCOUNT_RATE").is_none() {
            let sum = field("DISCOUNT_SUM").and_then(as_f64).unwrap_or(0.0);
            let exclusive = price / (1.0 + tax_rate.unwrap_or(0.0) / 100.0);
            if exclusive + sum > 0.0 {
                discount_rate = round2(sum / (exclusive + sum) * 100.0);
            }
        }
        let prices = RowPrices::compute(product_id, name, price, quantity, discount_rate, tax_rate);
        let measure_code = field("MEASURE_CODE")
            .and_then(as_f64)
            .map(|f| f as i64)
            .unwrap_or(796);
        let measure_name = field("MEASURE_NAME")
            .and_then(as_text)
            .unwrap_or_else(|| "шт".into());
        let sort = field("SORT")
            .and_then(as_f64)
            .map(|f| f as i64)
            .unwrap_or((i as i64 + 1) * 10);
        let xml_id = field("XML_ID").and_then(as_text);
        parsed.push((
            prices,
            tax_included,
            discount_type,
            measure_code,
            measure_name,
            sort,
            xml_id,
        ));
    }
    tx.execute("DELETE FROM deal_rows WHERE deal_id = ?1", [id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO deal_rows (deal_id, product_id, product_name, price, price_exclusive, price_netto, price_brutto, quantity,
            discount_type_id, discount_rate, discount_sum, tax_rate, tax_included, measure_code, measure_name, sort, xml_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let mut sum = 0.0;
    for (p, tax_included, discount_type, measure_code, measure_name, sort, xml_id) in &parsed {
        sum += p.price * p.quantity;
        insert.execute(params![
            id,
            p.product_id,
            p.name,
            p.price,
            p.exclusive,
            p.netto,
            p.brutto,
            p.quantity,
            discount_type,
            p.discount_rate,
            p.discount_sum,
            p.tax_rate,
            tax_included,
            measure_code,
            measure_name,
            sort,
            xml_id
        ])?;
    }
    let previous: String =
        tx.query_row("SELECT date_modify FROM deals WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    tx.execute(
        "UPDATE deals SET date_modify = ?2, opportunity = CASE WHEN is_manual_opportunity = 'Y' THEN opportunity ELSE ?3 END WHERE id = ?1",
        params![id, clock::bumped(Some(&previous)), round2(sum)],
    )?;
    Ok(())
}
