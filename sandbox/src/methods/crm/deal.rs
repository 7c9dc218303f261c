//! `crm.deal.get`, `.list`, `.add`, `.update`.

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde_json::{Map, Value, json};

use super::deal_entity::{self, user_fields};
use crate::clock;
use crate::query;
use crate::rest::{
    Ctx, Params, Reply, RestError, as_f64, as_id, as_text, as_yes_no, fields_of, ordered, param_ci,
};

pub fn get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param_ci(params, "id"))
        .ok_or_else(|| RestError::crm("ID is not defined or invalid."))?;
    let conn = ctx.state.db.lock();
    let entity = deal_entity::cached(ctx.state, &conn)?;
    let deal = query::get(&conn, &entity, id as i64)?.ok_or_else(RestError::crm_not_found)?;
    Ok(Reply::new(Value::Object(deal)))
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    let entity = deal_entity::cached(ctx.state, &conn)?;
    let page = query::list(
        &conn,
        &entity,
        param_ci(params, "select"),
        param_ci(params, "filter"),
        ordered(params, "order").as_ref(),
        param_ci(params, "start"),
    )?;
    let rows = page
        .rows
        .into_iter()
        .map(|(_, row)| Value::Object(row))
        .collect();
    Ok(Reply::page(Value::Array(rows), page.total, page.next))
}

pub fn add(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let fields = fields_of(params).cloned().unwrap_or_default();
    let now = clock::now_text();
    let user = ctx.caller.user_id;
    let id = ctx.state.db.write(|tx| {
        let category = fields.iter().find(|(k, _)| k.eq_ignore_ascii_case("CATEGORY_ID")).and_then(|(_, v)| as_id(Some(v))).unwrap_or(0);
        let first_stage: Option<String> = tx
            .query_row(
                "SELECT status_id FROM stages WHERE (category_id = ?1) OR (?1 = 0 AND category_id IS NULL) ORDER BY sort LIMIT 1",
                [category],
                |r| r.get(0),
            )
            .optional()?;
        let stage = first_stage.ok_or_else(|| RestError::crm(format!("Category {category} is not found")))?;
        tx.execute(
            "INSERT INTO deals (title, stage_id, category_id, assigned_by_id, created_by_id, modify_by_id, date_create, date_modify, begindate)
             VALUES ('', ?1, ?2, ?3, ?3, ?3, ?4, ?4, ?4)",
            rusqlite::params![stage, category, user, now],
        )?;
        let id = tx.last_insert_rowid() as u64;
        write_fields(tx, id, &fields, user, true)?;
        let title_empty: bool = tx.query_row("SELECT title = '' FROM deals WHERE id = ?1", [id], |r| r.get(0))?;
        if title_empty {
            tx.execute("UPDATE deals SET title = ?2 WHERE id = ?1", rusqlite::params![id, format!("Сделка #{id}")])?;
        }
        Ok::<u64, RestError>(id)
    })?;
    Ok(Reply::new(json!(id)))
}

pub fn update(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param_ci(params, "id"))
        .ok_or_else(|| RestError::crm("ID is not defined or invalid."))?;
    let fields = fields_of(params).cloned().unwrap_or_default();
    let user = ctx.caller.user_id;
    ctx.state.db.write(|tx| {
        let exists: bool = tx.query_row("SELECT COUNT(*) FROM deals WHERE id = ?1", [id], |r| {
            r.get::<_, i64>(0)
        })? > 0;
        if !exists {
            return Err(RestError::crm_not_found());
        }
        write_fields(tx, id, &fields, user, false)
    })?;
    Ok(Reply::new(json!(true)))
}

/// Writable fields: name → column and how the value is read.
const WRITABLE: &[(&str, &str, Kind)] = &[
    ("TITLE", "title", Kind::Text),
    ("TYPE_ID", "type_id", Kind::Text),
    ("PROBABILITY", "probability", Kind::Int),
    ("CURRENCY_ID", "currency_id", Kind::Text),
    ("OPPORTUNITY", "opportunity", Kind::Money),
    ("IS_MANUAL_OPPORTUNITY", "is_manual_opportunity", Kind::Flag),
    ("TAX_VALUE", "tax_value", Kind::Money),
    ("COMPANY_ID", "company_id", Kind::Int),
    ("CONTACT_ID", "contact_id", Kind::Int),
    ("BEGINDATE", "begindate", Kind::Date),
    ("CLOSEDATE", "closedate", Kind::Date),
    ("ASSIGNED_BY_ID", "assigned_by_id", Kind::Int),
    ("OPENED", "opened", Kind::Flag),
    ("COMMENTS", "comments", Kind::Text),
    ("SOURCE_ID", "source_id", Kind::Text),
    ("SOURCE_DESCRIPTION", "source_description", Kind::Text),
    ("ORIGINATOR_ID", "originator_id", Kind::Text),
    ("ORIGIN_ID", "origin_id", Kind::Text),
];

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Money,
    Flag,
    Date,
}

fn convert(kind: Kind, value: &Value) -> Sql {
    match kind {
        _ if value.is_null() => Sql::Null,
        Kind::Text => as_text(value).map(Sql::Text).unwrap_or(Sql::Null),
        Kind::Int => match as_f64(value) {
            Some(f) if f > 0.0 => Sql::Integer(f as i64),
            _ => Sql::Null,
        },
        Kind::Money => Sql::Real(
            query::money(as_f64(value).unwrap_or(0.0))
                .parse()
                .unwrap_or(0.0),
        ),
        Kind::Flag => Sql::Text(as_yes_no(value).unwrap_or("N").into()),
        Kind::Date => as_text(value)
            .and_then(|t| clock::normalize(&t))
            .map(Sql::Text)
            .unwrap_or(Sql::Null),
    }
}

/// Applies `fields` to deal `id` and bumps `DATE_MODIFY`. Also used by the control API's
/// "edit by another user".
pub fn write_fields(
    tx: &Transaction,
    id: u64,
    fields: &Map<String, Value>,
    user: u64,
    creating: bool,
) -> Result<(), RestError> {
    let mut sets: Vec<String> = vec![];
    let mut binds: Vec<Sql> = vec![];
    for (name, column, kind) in WRITABLE {
        if let Some((_, value)) = fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            sets.push(format!("{column} = ?"));
            binds.push(convert(*kind, value));
        }
    }
    if let Some(stage) = fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("STAGE_ID"))
        .and_then(|(_, v)| as_text(v))
    {
        let category: i64 =
            tx.query_row("SELECT category_id FROM deals WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        let semantics: Option<Option<String>> = tx
            .query_row(
                "SELECT semantics FROM stages WHERE status_id = ?1 AND ((category_id = ?2) OR (?2 = 0 AND category_id IS NULL))",
                rusqlite::params![stage, category],
                |r| r.get(0),
            )
            .optional()?;
        let Some(semantics) = semantics else {
            return Err(RestError::crm(format!(
                "Stage '{stage}' is not found in the deal's pipeline"
            )));
        };
        sets.push("stage_id = ?".into());
        binds.push(Sql::Text(stage));
        sets.push("closed = ?".into());
        binds.push(Sql::Text(if semantics.is_some() {
            "Y".into()
        } else {
            "N".into()
        }));
    }
    let mut uf_changed = false;
    let mut uf: Map<String, Value> = serde_json::from_str(&tx.query_row(
        "SELECT uf FROM deals WHERE id = ?1",
        [id],
        |r| r.get::<_, String>(0),
    )?)
    .unwrap_or_default();
    let declared: Vec<String> = user_fields(tx)?.into_iter().map(|(n, _, _)| n).collect();
    for (name, value) in fields {
        if let Some(known) = declared.iter().find(|d| d.eq_ignore_ascii_case(name)) {
            uf.insert(known.clone(), value.clone());
            uf_changed = true;
        }
    }
    if uf_changed {
        sets.push("uf = ?".into());
        binds.push(Sql::Text(Value::Object(uf).to_string()));
    }
    if sets.is_empty() && !creating {
        return Ok(());
    }
    let previous: String =
        tx.query_row("SELECT date_modify FROM deals WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    sets.push("date_modify = ?".into());
    binds.push(Sql::Text(if creating {
        previous
    } else {
        clock::bumped(Some(&previous))
    }));
    sets.push("modify_by_id = ?".into());
    binds.push(Sql::Integer(user as i64));
    binds.push(Sql::Integer(id as i64));
    tx.execute(
        &format!("UPDATE deals SET {} WHERE id = ?", sets.join(", ")),
        params_from_iter(binds.iter()),
    )?;
    Ok(())
}
