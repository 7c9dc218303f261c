//! `crm.duplicate.findbycomm`: contacts by phone or e-mail, compared as Bitrix24 normalizes
//! them (`8 (916) 123-45-67` finds `+79161234567`).

use serde_json::{Value, json};

use crate::rest::{Ctx, Params, Reply, RestError, as_text, param_ci};
use crate::seed::defaults::{normalize_email, normalize_phone};

pub fn find_by_comm(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let kind = param_ci(params, "type")
        .and_then(as_text)
        .unwrap_or_default()
        .to_ascii_uppercase();
    if kind.is_empty() {
        return Err(RestError::new(
            400,
            "Communication type is not defined",
            "Parameter 'type' is required.",
        ));
    }
    if kind != "PHONE" && kind != "EMAIL" {
        return Err(RestError::new(
            400,
            &format!("Communication type '{kind}' is not supported in current context"),
            "Parameter 'type' must be PHONE or EMAIL.",
        ));
    }
    let values: Vec<String> = match param_ci(params, "values") {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(Value::Object(map)) => map.values().filter_map(as_text).collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => vec![],
    };
    if values.is_empty() {
        return Err(RestError::new(
            400,
            "Communication values is not defined",
            "Parameter 'values' is required.",
        ));
    }
    if values.len() > 20 {
        return Err(RestError::new(
            400,
            "Too many communication values",
            "Parameter 'values' holds at most 20 values.",
        ));
    }
    let entity = param_ci(params, "entity_type")
        .and_then(as_text)
        .unwrap_or_default()
        .to_ascii_uppercase();
    if !entity.is_empty() && entity != "CONTACT" {
        // Only contacts exist in the sandbox: leads and companies never match.
        return Ok(Reply::new(json!([])));
    }
    let normalized: Vec<String> = values
        .iter()
        .map(|v| {
            if kind == "PHONE" {
                normalize_phone(v)
            } else {
                normalize_email(v)
            }
        })
        .filter(|v| !v.is_empty())
        .collect();
    let conn = ctx.state.db.lock();
    let sql = format!(
        "SELECT DISTINCT contact_id FROM contact_comms WHERE kind = ? AND normalized IN ({}) ORDER BY contact_id",
        vec!["?"; normalized.len().max(1)].join(", ")
    );
    let mut binds: Vec<String> = vec![kind];
    binds.extend(normalized);
    if binds.len() == 1 {
        binds.push(String::new());
    }
    let mut stmt = conn.prepare(&sql)?;
    let ids: Vec<i64> = stmt
        .query_map(rusqlite::params_from_iter(binds.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(Reply::new(json!([])));
    }
    Ok(Reply::new(json!({ "CONTACT": ids })))
}
