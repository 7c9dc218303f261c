//! `placement.bind`, `.unbind`, `.list`, `.get` (app context; binding is for admins).

use rusqlite::params;
use serde_json::{Value, json};

use crate::rest::{Ctx, Params, Reply, RestError, as_text, param_ci};

/// The placements a CRM app with these scopes may use.
const KNOWN: &[&str] = &[
    "CRM_DEAL_DETAIL_TAB",
    "CRM_DEAL_DETAIL_TOOLBAR",
    "CRM_DEAL_LIST_TOOLBAR",
    "CRM_DEAL_LIST_MENU",
    "CRM_DEAL_DETAIL_ACTIVITY",
    "CRM_CONTACT_DETAIL_TAB",
    "CRM_CONTACT_LIST_MENU",
    "LEFT_MENU",
    "DEFAULT",
];

fn text(params: &Params, name: &str) -> Option<String> {
    param_ci(params, name)
        .and_then(as_text)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub fn bind(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let placement = text(params, "PLACEMENT")
        .ok_or_else(|| RestError::argument("PLACEMENT", "Argument 'PLACEMENT' is null or empty"))?
        .to_ascii_uppercase();
    let handler = text(params, "HANDLER")
        .ok_or_else(|| RestError::argument("HANDLER", "Argument 'HANDLER' is null or empty"))?;
    if !KNOWN.contains(&placement.as_str()) {
        return Err(RestError::new(
            400,
            "ERROR_PLACEMENT_NOT_FOUND",
            "Placement not found",
        ));
    }
    let title = text(params, "TITLE").unwrap_or_default();
    let description = text(params, "DESCRIPTION").unwrap_or_default();
    let lang_all = param_ci(params, "LANG_ALL")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let options = param_ci(params, "OPTIONS")
        .cloned()
        .unwrap_or_else(|| json!([]));
    ctx.state.db.write(|tx| {
        let bound: i64 = tx.query_row("SELECT COUNT(*) FROM placements WHERE placement = ?1 AND handler = ?2", params![placement, handler], |r| r.get(0))?;
        if bound > 0 {
            // As Bitrix24 answers it: the placement table's own error, passed on as ERROR_CORE.
            return Err(RestError::new(400, "ERROR_CORE", "Unable to set placement handler: Handler already binded"));
        }
        tx.execute(
            "INSERT INTO placements (placement, handler, title, description, lang_all, options) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![placement, handler, title, description, lang_all.to_string(), options.to_string()],
        )?;
        Ok(())
    })?;
    Ok(Reply::new(json!(true)))
}

pub fn unbind(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let placement = text(params, "PLACEMENT")
        .ok_or_else(|| RestError::argument("PLACEMENT", "Argument 'PLACEMENT' is null or empty"))?
        .to_ascii_uppercase();
    let handler = text(params, "HANDLER");
    let removed = ctx.state.db.write(|tx| {
        let n = match &handler {
            Some(h) => tx.execute(
                "DELETE FROM placements WHERE placement = ?1 AND handler = ?2",
                params![placement, h],
            )?,
            None => tx.execute(
                "DELETE FROM placements WHERE placement = ?1",
                params![placement],
            )?,
        };
        Ok::<usize, RestError>(n)
    })?;
    // The method counts each handler once when found and once more when removed.
    Ok(Reply::new(json!({ "count": removed * 2 })))
}

pub fn list(_ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    Ok(Reply::new(json!(KNOWN)))
}

pub fn get(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    let mut stmt = conn.prepare_cached("SELECT placement, user_id, handler, options, title, description, lang_all FROM placements ORDER BY id")?;
    let rows: Vec<Value> = stmt
        .query_map([], |r| {
            Ok(json!({
                "placement": r.get::<_, String>(0)?, "userId": r.get::<_, i64>(1)?, "handler": r.get::<_, String>(2)?,
                "options": serde_json::from_str::<Value>(&r.get::<_, String>(3)?).unwrap_or(json!([])),
                "title": r.get::<_, String>(4)?, "description": r.get::<_, String>(5)?,
                "langAll": serde_json::from_str::<Value>(&r.get::<_, String>(6)?).unwrap_or(json!([]))
            }))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Reply::new(Value::Array(rows)))
}
