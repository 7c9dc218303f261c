//! The list methods of `sale.*` and `catalog.*`: the page under a named key
//! (`{"orders": […]}`), with `total` and `next` beside it.

use rusqlite::Connection;
use serde_json::{Value, json};

use crate::query::{self, Entity};
use crate::rest::{Params, Reply, RestError, ordered, param};

/// A list call of `entity` with the caller's `select`, `filter`, `order` (else
/// `default_order`) and `start`; the records under `wrapper`.
pub fn wrapped_list(
    conn: &Connection,
    params: &Params,
    entity: &Entity,
    wrapper: &str,
    default_order: Option<Value>,
) -> Result<Reply, RestError> {
    let order = ordered(params, "order").or(default_order);
    let page = query::list(
        conn,
        entity,
        param(params, "select"),
        param(params, "filter"),
        order.as_ref(),
        param(params, "start"),
    )?;
    let rows: Vec<Value> = page
        .rows
        .into_iter()
        .map(|(_, row)| Value::Object(row))
        .collect();
    Ok(Reply::page(json!({ wrapper: rows }), page.total, page.next))
}
