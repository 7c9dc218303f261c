//! `sale.basketitem.*`. Every change recomputes the order's price, bumps its `dateUpdate`
//! and moves the reserve of an open order.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Map, Value, json};

use super::{entities, missing};
use crate::methods::wrapped_list::wrapped_list;
use crate::query::{self, number};
use crate::rest::{Ctx, Params, Reply, RestError, as_f64, as_id, as_text, as_yes_no, param};
use crate::{clock, rng, stock};

pub fn not_found() -> RestError {
    RestError::numeric(200_140_400_001, "basket item does not exist")
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    wrapped_list(&conn, params, &entities::basket_item(), "basketItems", None)
}

pub fn get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param(params, "id")).ok_or_else(|| missing("id"))?;
    let conn = ctx.state.db.lock();
    let item = item(&conn, id, false)?.ok_or_else(not_found)?;
    Ok(Reply::new(json!({ "basketItem": item })))
}

/// One basket item with its properties and reservations. `as_in_order`: IDs as text, as
/// `sale.order.get` writes them.
pub fn item(conn: &Connection, id: u64, as_in_order: bool) -> Result<Option<Value>, RestError> {
    let Some(mut item) = query::get(conn, &entities::basket_item(), id as i64)? else {
        return Ok(None);
    };
    let product_xml = item
        .get("productXmlId")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let catalog_xml = item
        .get("catalogXmlId")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let properties = if item.get("productId").and_then(Value::as_u64).unwrap_or(0) > 0 {
        json!([
            {"basketId": id, "code": "CATALOG.XML_ID", "id": id * 2, "name": "Catalog XML_ID", "sort": 100, "value": catalog_xml, "xmlId": format!("bx_cp_{id}")},
            {"basketId": id, "code": "PRODUCT.XML_ID", "id": id * 2 + 1, "name": "Product XML_ID", "sort": 100, "value": product_xml, "xmlId": format!("bx_pp_{id}")}
        ])
    } else {
        json!([])
    };
    item.insert("properties".into(), properties);
    item.insert("reservations".into(), Value::Array(reservations(conn, id)?));
    if as_in_order {
        item.insert("id".into(), json!(id.to_string()));
        if let Some(order) = item.get("orderId").and_then(Value::as_u64) {
            item.insert("orderId".into(), json!(order.to_string()));
        }
        item.insert("module".into(), json!("catalog"));
        item.insert(
            "productProviderClass".into(),
            json!("\\Bitrix\\Catalog\\Product\\CatalogProvider"),
        );
        item.insert("lid".into(), json!("s1"));
        item.insert("notes".into(), json!("BASE"));
        item.insert("priceTypeId".into(), json!(1));
    }
    Ok(Some(Value::Object(item)))
}

fn reservations(conn: &Connection, basket_id: u64) -> Result<Vec<Value>, RestError> {
    let mut stmt = conn.prepare_cached("SELECT id, store_id, quantity, date_reserve, date_reserve_end FROM reservations WHERE basket_id = ?1 ORDER BY id")?;
    let rows = stmt
        .query_map([basket_id], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "basketId": basket_id, "storeId": r.get::<_, i64>(1)?,
                "quantity": number(r.get(2)?), "dateReserve": r.get::<_, String>(3)?,
                "dateReserveEnd": r.get::<_, String>(4)?, "reservedBy": null
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The basket of an order as `sale.order.get` nests it.
pub fn items_of_order(conn: &Connection, order: u64) -> Result<Vec<Value>, RestError> {
    let ids: Vec<u64> = {
        let mut stmt = conn
            .prepare_cached("SELECT id FROM basket_items WHERE order_id = ?1 ORDER BY sort, id")?;
        stmt.query_map([order], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let mut out = vec![];
    for id in ids {
        if let Some(item) = item(conn, id, true)? {
            out.push(item);
        }
    }
    Ok(out)
}

fn fields(params: &Params) -> Result<Map<String, Value>, RestError> {
    param(params, "fields")
        .and_then(Value::as_object)
        .cloned()
        .ok_or_else(|| missing("fields"))
}

pub fn add(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let fields = fields(params)?;
    let id = ctx.state.db.write(|tx| add_item(tx, &fields))?;
    let conn = ctx.state.db.lock();
    let item = item(&conn, id, false)?.ok_or_else(not_found)?;
    Ok(Reply::page(json!({ "basketItem": item }), Some(1), None))
}

fn add_item(tx: &Transaction, fields: &Map<String, Value>) -> Result<u64, RestError> {
    let order = as_id(fields.get("orderId"))
        .ok_or_else(|| RestError::numeric(200_140_400_008, "Required fields: fields[ORDER_ID]"))?;
    let order_currency: String = tx
        .query_row("SELECT currency FROM orders WHERE id = ?1", [order], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| RestError::numeric(200_140_400_009, "Order not found"))?;
    let currency = fields
        .get("currency")
        .and_then(as_text)
        .ok_or_else(|| RestError::numeric(100, "Required fields: fields[CURRENCY]"))?;
    if currency != order_currency {
        return Err(RestError::numeric(
            200_140_400_011,
            "Currency must be the currency of the order",
        ));
    }
    let quantity = fields
        .get("quantity")
        .and_then(as_f64)
        .ok_or_else(|| RestError::numeric(100, "Required fields: fields[QUANTITY]"))?;
    if quantity <= 0.0 {
        return Err(RestError::numeric(
            200_140_400_007,
            "basket item is not saved - bad data",
        ));
    }
    let product = fields
        .get("productId")
        .and_then(|v| as_id(Some(v)))
        .unwrap_or(0);
    let catalog: Option<(String, Option<String>, f64, String)> = if product > 0 {
        let found = tx
            .query_row(
                "SELECT p.name, p.xml_id, COALESCE((SELECT price FROM prices WHERE side = 'store' AND product_id = p.id LIMIT 1), 0), p.active
                 FROM products p WHERE p.side = 'store' AND p.id = ?1",
                [product],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        match found {
            Some(p) if p.3 == "Y" => Some(p),
            _ => {
                return Err(RestError::numeric(
                    200_140_400_007,
                    "basket item is not saved - bad data",
                ));
            }
        }
    } else {
        None
    };
    let name = fields
        .get("name")
        .and_then(as_text)
        .or_else(|| catalog.as_ref().map(|c| c.0.clone()))
        .unwrap_or_default();
    let catalog_price = catalog.as_ref().map(|c| c.2);
    let price = fields
        .get("price")
        .and_then(as_f64)
        .or(catalog_price)
        .unwrap_or(0.0);
    let base_price = fields.get("basePrice").and_then(as_f64).unwrap_or(price);
    let custom = fields.get("customPrice").and_then(as_yes_no).unwrap_or(
        if catalog_price.is_some_and(|c| c != price) || catalog.is_none() {
            "Y"
        } else {
            "N"
        },
    );
    let xml_id = fields
        .get("xmlId")
        .and_then(as_text)
        .unwrap_or_else(|| format!("bx_{}", rng::secret(7)));
    let sort: i64 = match fields.get("sort").and_then(as_f64) {
        Some(s) => s as i64,
        None => tx.query_row(
            "SELECT COALESCE(MAX(sort), 0) + 100 FROM basket_items WHERE order_id = ?1",
            [order],
            |r| r.get(0),
        )?,
    };
    let now = clock::now_text();
    tx.execute(
        "INSERT INTO basket_items (order_id, product_id, name, price, base_price, discount_price, currency, quantity, custom_price,
            xml_id, product_xml_id, catalog_xml_id, sort, vat_rate, date_insert, date_update)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0.2, ?14, ?14)",
        params![
            order, product, name, price, base_price, (base_price - price).max(0.0), currency, quantity, custom, xml_id,
            catalog.as_ref().and_then(|c| c.1.clone()).unwrap_or_default(),
            if product > 0 { "storelink-sandbox-catalog" } else { "" },
            sort, now
        ],
    )?;
    let id = tx.last_insert_rowid() as u64;
    order_changed(tx, order)?;
    Ok(id)
}

pub fn update(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param(params, "id")).ok_or_else(|| missing("id"))?;
    let fields = fields(params)?;
    ctx.state.db.write(|tx| update_item(tx, id, &fields))?;
    let conn = ctx.state.db.lock();
    let item = item(&conn, id, false)?.ok_or_else(not_found)?;
    Ok(Reply::page(json!({ "basketItem": item }), Some(1), None))
}

/// Changes a basket item. Also used by the control API's "edit by another user".
pub fn update_item(
    tx: &Transaction,
    id: u64,
    fields: &Map<String, Value>,
) -> Result<(), RestError> {
    let (order, currency, previous): (u64, String, String) = tx
        .query_row(
            "SELECT b.order_id, o.currency, b.date_update FROM basket_items b JOIN orders o ON o.id = b.order_id WHERE b.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(not_found)?;
    if let Some(c) = fields.get("currency").and_then(as_text)
        && c != currency
    {
        return Err(RestError::numeric(
            200_140_400_011,
            "Currency must match the order's currency",
        ));
    }
    let set = |column: &str, value: rusqlite::types::Value| {
        tx.execute(
            &format!("UPDATE basket_items SET {column} = ?2 WHERE id = ?1"),
            params![id, value],
        )
    };
    use rusqlite::types::Value as Sql;
    for (name, value) in fields {
        match name.as_str() {
            "quantity" => {
                let q = as_f64(value)
                    .filter(|q| *q > 0.0)
                    .ok_or_else(|| RestError::numeric(0, "Quantity must be greater than 0"))?;
                set("quantity", Sql::Real(q))?;
            }
            "price" | "basePrice" | "discountPrice" => {
                let column = match name.as_str() {
                    "price" => "price",
                    "basePrice" => "base_price",
                    _ => "discount_price",
                };
                let v = as_f64(value).ok_or_else(|| {
                    RestError::numeric(0, format!("Field {name} must be a number"))
                })?;
                set(column, Sql::Real(v))?;
            }
            "name" | "xmlId" | "measureName" => {
                let column = match name.as_str() {
                    "name" => "name",
                    "xmlId" => "xml_id",
                    _ => "measure_name",
                };
                set(column, Sql::Text(as_text(value).unwrap_or_default()))?;
            }
            "customPrice" => {
                set(
                    "custom_price",
                    Sql::Text(as_yes_no(value).unwrap_or("N").into()),
                )?;
            }
            "sort" => {
                set("sort", Sql::Integer(as_f64(value).unwrap_or(100.0) as i64))?;
            }
            _ => {}
        }
    }
    set("date_update", Sql::Text(clock::bumped(Some(&previous))))?;
    order_changed(tx, order)?;
    Ok(())
}

pub fn delete(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param(params, "id")).ok_or_else(|| missing("id"))?;
    ctx.state.db.write(|tx| {
        let order: u64 = tx
            .query_row(
                "SELECT order_id FROM basket_items WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(not_found)?;
        stock::release_item(tx, id)?;
        tx.execute("DELETE FROM basket_items WHERE id = ?1", [id])?;
        order_changed(tx, order)
    })?;
    Ok(Reply::new(json!(true)))
}

/// After a basket change: the order's price, `dateUpdate` and reserve follow.
fn order_changed(tx: &Transaction, order: u64) -> Result<(), RestError> {
    stock::recompute_order_price(tx, order)?;
    let previous: String = tx.query_row(
        "SELECT date_update FROM orders WHERE id = ?1",
        [order],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE orders SET date_update = ?2, version = version + 1 WHERE id = ?1",
        params![order, clock::bumped(Some(&previous))],
    )?;
    stock::sync_order(tx, order)?;
    Ok(())
}
