//! `sale.order.list`, `.get` (with basket, payments, shipments, properties), `.update`.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, Transaction, params_from_iter};
use serde_json::{Map, Value, json};

use super::{basket, entities, missing};
use crate::methods::wrapped_list::wrapped_list;
use crate::query::{self, number};
use crate::rest::{Ctx, Params, Reply, RestError, as_id, as_text, as_yes_no, param};
use crate::{clock, stock};

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    wrapped_list(&conn, params, &entities::order(), "orders", None)
}

pub fn not_found() -> RestError {
    RestError::numeric(200_540_400_001, "order does not exist")
}

pub fn get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param(params, "id")).ok_or_else(|| missing("id"))?;
    let conn = ctx.state.db.lock();
    let order = full(&conn, id)?.ok_or_else(not_found)?;
    Ok(Reply::new(json!({ "order": order })))
}

/// The order with everything `sale.order.get` nests in it.
pub fn full(conn: &Connection, id: u64) -> Result<Option<Value>, RestError> {
    let Some(mut order) = query::get(conn, &entities::order(), id as i64)? else {
        return Ok(None);
    };
    let items = basket::items_of_order(conn, id)?;
    order.insert(
        "shipments".into(),
        Value::Array(shipments(conn, id, &items)?),
    );
    order.insert("basketItems".into(), Value::Array(items));
    order.insert("payments".into(), Value::Array(payments(conn, id)?));
    order.insert("propertyValues".into(), Value::Array(properties(conn, id)?));
    order.insert("clients".into(), json!([]));
    order.insert("tradeBindings".into(), json!([]));
    order.insert(
        "requisiteLink".into(),
        json!({"bankDetailId": 0, "mcBankDetailId": 0, "mcRequisiteId": 0, "requisiteId": 0}),
    );
    Ok(Some(Value::Object(order)))
}

fn payments(conn: &Connection, order: u64) -> Result<Vec<Value>, RestError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, account_number, sum, currency, paid, date_paid, pay_system_id, pay_system_name, date_bill, xml_id
         FROM payments WHERE order_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([order], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "orderId": order, "accountNumber": r.get::<_, String>(1)?,
                "sum": number(r.get(2)?), "currency": r.get::<_, String>(3)?, "paid": r.get::<_, String>(4)?,
                "datePaid": r.get::<_, Option<String>>(5)?, "paySystemId": r.get::<_, i64>(6)?,
                "paySystemName": r.get::<_, String>(7)?, "paySystemIsCash": "N", "dateBill": r.get::<_, String>(8)?,
                "xmlId": r.get::<_, String>(9)?, "isReturn": "N", "marked": "N", "comments": "", "companyId": 0,
                "externalPayment": "N", "id1c": "", "priceCod": "0", "psStatus": "", "psSum": null,
                "responsibleId": null, "updated1c": "N", "version1c": ""
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn shipments(conn: &Connection, order: u64, items: &[Value]) -> Result<Vec<Value>, RestError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, account_number, delivery_id, delivery_name, price_delivery, status_id, deducted, allow_delivery,
                canceled, currency, date_insert, tracking_number, xml_id
         FROM shipments WHERE order_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt
        .query_map([order], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "orderId": order, "accountNumber": r.get::<_, String>(1)?,
                "deliveryId": r.get::<_, i64>(2)?, "deliveryName": r.get::<_, String>(3)?,
                "priceDelivery": number(r.get(4)?), "basePriceDelivery": number(r.get(4)?), "customPriceDelivery": "N",
                "statusId": r.get::<_, String>(5)?, "statusXmlId": "", "deducted": r.get::<_, String>(6)?,
                "allowDelivery": r.get::<_, String>(7)?, "canceled": r.get::<_, String>(8)?,
                "currency": r.get::<_, String>(9)?, "dateInsert": r.get::<_, String>(10)?,
                "trackingNumber": r.get::<_, String>(11)?, "xmlId": r.get::<_, String>(12)?,
                "system": "N", "marked": "N", "comments": "", "companyId": 0, "discountPrice": 0,
                "externalDelivery": "N", "id1c": "", "responsibleId": null, "updated1c": "N", "version1c": ""
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(Value::Object(first)) = rows.first_mut() {
        let shipment_id = first.get("id").cloned().unwrap_or(Value::Null);
        let shipment_items: Vec<Value> = items
            .iter()
            .map(|item| {
                let reserved: f64 = item["reservations"]
                    .as_array()
                    .map(|r| r.iter().filter_map(|x| x["quantity"].as_f64()).sum())
                    .unwrap_or(0.0);
                let basket_id: u64 = item["id"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                json!({
                    "id": basket_id * 10 + 1, "basketId": basket_id, "orderDeliveryId": shipment_id,
                    "quantity": item["quantity"], "reservedQuantity": number(reserved),
                    "dateInsert": item["dateInsert"], "xmlId": format!("bx_si_{basket_id}")
                })
            })
            .collect();
        first.insert("shipmentItems".into(), Value::Array(shipment_items));
    }
    for row in rows.iter_mut().skip(1) {
        if let Value::Object(map) = row {
            map.insert("shipmentItems".into(), json!([]));
        }
    }
    Ok(rows)
}

fn properties(conn: &Connection, order: u64) -> Result<Vec<Value>, RestError> {
    let mut stmt = conn.prepare_cached("SELECT id, order_props_id, code, name, value FROM property_values WHERE order_id = ?1 ORDER BY order_props_id, id")?;
    let rows = stmt
        .query_map([order], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "orderPropsId": r.get::<_, i64>(1)?, "code": r.get::<_, String>(2)?,
                "name": r.get::<_, String>(3)?, "value": r.get::<_, Option<String>>(4)?, "orderPropsXmlId": null
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn update(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param(params, "id")).ok_or_else(|| missing("id"))?;
    let fields = param(params, "fields")
        .and_then(Value::as_object)
        .cloned()
        .ok_or_else(|| missing("fields"))?;
    ctx.state.db.write(|tx| update_fields(tx, id, &fields))?;
    let conn = ctx.state.db.lock();
    let order = full(&conn, id)?.ok_or_else(not_found)?;
    Ok(Reply::new(json!({ "order": order })))
}

/// Applies order fields, moves the reserve when the order is canceled, restored or shipped,
/// and bumps `dateUpdate`. Also used by the control API's "edit by another user".
pub fn update_fields(
    tx: &Transaction,
    id: u64,
    fields: &Map<String, Value>,
) -> Result<(), RestError> {
    let previous: Option<String> = tx
        .query_row("SELECT date_update FROM orders WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(previous) = previous else {
        return Err(not_found());
    };
    let now = clock::now_text();
    let mut sets: Vec<String> = vec![];
    let mut binds: Vec<Sql> = vec![];
    let mut reserve_moves = false;
    for (name, value) in fields {
        let text = as_text(value);
        match name.as_str() {
            "statusId" => {
                let status = text.unwrap_or_default();
                let known: bool = tx.query_row(
                    "SELECT COUNT(*) FROM sale_statuses WHERE id = ?1 AND type = 'O'",
                    [&status],
                    |r| r.get::<_, i64>(0),
                )? > 0;
                if !known {
                    return Err(RestError::numeric(
                        0,
                        format!("Status '{status}' does not exist"),
                    ));
                }
                sets.push("status_id = ?".into());
                binds.push(Sql::Text(status));
                sets.push("date_status = ?".into());
                binds.push(Sql::Text(now.clone()));
            }
            "canceled" | "deducted" | "marked" => {
                let flag = as_yes_no(value)
                    .ok_or_else(|| RestError::numeric(0, format!("Field {name} must be Y or N")))?;
                sets.push(format!("{name} = ?"));
                binds.push(Sql::Text(flag.into()));
                if name == "canceled" {
                    sets.push("date_canceled = ?".into());
                    binds.push(if flag == "Y" {
                        Sql::Text(now.clone())
                    } else {
                        Sql::Null
                    });
                }
                reserve_moves |= name != "marked";
            }
            "reasonCanceled" | "comments" | "userDescription" | "xmlId" => {
                let column = match name.as_str() {
                    "reasonCanceled" => "reason_canceled",
                    "userDescription" => "user_description",
                    "xmlId" => "xml_id",
                    _ => "comments",
                };
                sets.push(format!("{column} = ?"));
                binds.push(Sql::Text(text.unwrap_or_default()));
            }
            "responsibleId" => {
                sets.push("responsible_id = ?".into());
                binds.push(
                    as_id(Some(value))
                        .map(|v| Sql::Integer(v as i64))
                        .unwrap_or(Sql::Null),
                );
            }
            _ => {}
        }
    }
    sets.push("date_update = ?".into());
    binds.push(Sql::Text(clock::bumped(Some(&previous))));
    sets.push("version = version + 1".into());
    binds.push(Sql::Integer(id as i64));
    tx.execute(
        &format!("UPDATE orders SET {} WHERE id = ?", sets.join(", ")),
        params_from_iter(binds.iter()),
    )?;
    if reserve_moves {
        stock::sync_order(tx, id)?;
    }
    Ok(())
}
