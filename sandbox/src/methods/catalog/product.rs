//! `catalog.product.list` / `.get`, and `catalog.product.offer.list` for variations (trade
//! offers, in the catalogue of variations, with their product in `parentId`): `iblockId` is
//! required in the filter and `id` + `iblockId` in the select; the article is a property read
//! as `property<ID>`, whose ID differs between the product catalogue and the catalogue of
//! variations (each information block has properties of its own).

use rusqlite::Connection;
use serde_json::{Value, json};

use crate::db;
use crate::methods::wrapped_list::wrapped_list;
use crate::query::{self, Dialect, Entity, Field, Kind, ORM_NO_IN_OPS};
use crate::rest::{Ctx, Params, Reply, RestError, as_id, param};
use crate::seed::defaults;
use crate::state::Side;

/// Which products a method lists.
#[derive(Clone, Copy, PartialEq)]
enum Kinds {
    All,
    Variations,
}

/// `in_variations`: the catalogue listed is a catalogue of variations (its article property is
/// its own).
fn entity(
    conn: &Connection,
    side: Side,
    kinds: Kinds,
    in_variations: bool,
) -> Result<Entity, RestError> {
    use Kind::*;
    let (key, default) = match in_variations {
        true => ("offers_article_property", defaults::OFFERS_ARTICLE_PROPERTY),
        false => ("article_property", defaults::ARTICLE_PROPERTY),
    };
    let article = db::meta(conn, key)?.unwrap_or_else(|| default.to_string());
    let mut fields = vec![
        Field::new("id", "products.id", Int),
        Field::new("iblockId", "iblock_id", Int),
        Field::new("name", "name", Text).folded("name_folded"),
        Field::new("active", "active", Char),
        Field::new("available", "available", Char),
        Field::new("bundle", "'N'", Char),
        Field::new("canBuyZero", "can_buy_zero", Char),
        Field::new("code", "code", Text),
        Field::new("createdBy", "1", Int),
        Field::new("dateCreate", "date_create", Date),
        Field::new("iblockSectionId", "section_id", Int),
        Field::new("measure", "measure", Int),
        Field::new("modifiedBy", "1", Int),
        Field::new("purchasingCurrency", "purchasing_currency", Text),
        Field::new("purchasingPrice", "purchasing_price", Float),
        Field::new("quantity", "quantity", Float),
        Field::new("quantityReserved", "quantity_reserved", Float),
        Field::new("quantityTrace", "quantity_trace", Char),
        Field::new("sort", "sort", Int),
        Field::new("timestampX", "timestamp_x", Date),
        Field::new("type", "type", Int),
        Field::new("vatIncluded", "vat_included", Char),
        Field::new("weight", "weight", Float),
        Field::new("xmlId", "xml_id", Text).folded("xml_id_folded"),
    ];
    fields.push(
        Field::new(&format!("property{article}"), "article", Property).folded("article_folded"),
    );
    let mut base = format!("side = '{}'", side.name());
    if kinds == Kinds::Variations {
        fields.push(Field::new("parentId", "parent_id", Property));
        base.push_str(" AND type = 4");
    }
    Ok(Entity {
        from: "products".into(),
        base_where: Some(base),
        id_sql: "products.id".into(),
        fields,
        ops: ORM_NO_IN_OPS,
        dialect: Dialect::Orm,
        default_uf: false,
    })
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    list_of(ctx, params, Kinds::All, "products")
}

/// `catalog.product.offer.list`: the variations of the catalogue of variations named by
/// `iblockId`, as `{"offers": [...]}`.
pub fn offer_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    list_of(ctx, params, Kinds::Variations, "offers")
}

fn list_of(ctx: &Ctx, params: &Params, kinds: Kinds, key: &str) -> Result<Reply, RestError> {
    let select = param(params, "select");
    let names: Vec<&str> = match select {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::Object(map)) => map.values().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !names.contains(&"id") || !names.contains(&"iblockId") {
        return Err(RestError::numeric(
            0,
            "Required select fields: id, iblockId",
        ));
    }
    let filter = param(params, "filter").and_then(Value::as_object);
    let Some(iblock) = filter.and_then(|f| f.get("iblockId").or_else(|| f.get("=iblockId"))) else {
        return Err(RestError::numeric(0, "Required filter fields: iblockId"));
    };
    let conn = ctx.state.db.lock();
    let in_variations = kinds == Kinds::Variations
        || as_id(Some(iblock))
            .is_some_and(|id| is_variations_catalog(&conn, ctx.caller.side, id).unwrap_or(false));
    let entity = entity(&conn, ctx.caller.side, kinds, in_variations)?;
    wrapped_list(&conn, params, &entity, key, None)
}

pub fn get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param(params, "id"))
        .ok_or_else(|| RestError::numeric(100, "Could not find value for parameter {id}"))?;
    let conn = ctx.state.db.lock();
    let variation = conn
        .query_row(
            "SELECT type = 4 FROM products WHERE side = ?1 AND id = ?2",
            rusqlite::params![ctx.caller.side.name(), id as i64],
            |r| r.get::<_, bool>(0),
        )
        .unwrap_or(false);
    let entity = entity(&conn, ctx.caller.side, Kinds::All, variation)?;
    let product = query::get(&conn, &entity, id as i64)?
        .ok_or_else(|| RestError::numeric(0, "Product is not exists"))?;
    Ok(Reply::new(json!({ "product": product })))
}

/// Whether information block `iblock` of `side` is a catalogue of variations (it names the
/// product catalogue it belongs to).
fn is_variations_catalog(conn: &Connection, side: Side, iblock: u64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM catalogs WHERE side = ?1 AND iblock_id = ?2 AND product_iblock_id IS NOT NULL)",
        rusqlite::params![side.name(), iblock as i64],
        |r| r.get(0),
    )
}
