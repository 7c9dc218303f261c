//! What the control API does, shared by the Rust API and `/_sandbox/...`.

use rusqlite::OptionalExtension;
use serde_json::{Map, Value};

use crate::config::{Seed, Urls};
use crate::db::Db;
use crate::error::SandboxError;
use crate::methods_access::{
    edit_basket_item, edit_deal, edit_deal_rows, edit_order, set_app_option,
};
use crate::rest::RestError;
use crate::seed;
use crate::state::AppState;

/// Replaces all data with a seed (the app installed again if it was configured so).
pub fn reset(state: &AppState, seed: &Seed) -> Result<(), SandboxError> {
    let data = seed::build(seed)?;
    seed::load(&state.db, &data, &state.urls, state.install_app.as_ref())?;
    *state.deal_entity.lock().unwrap_or_else(|p| p.into_inner()) = None;
    keep_store_webhook(&state.db, &state.urls)?;
    Ok(())
}

/// The store webhook printed on start stays valid whatever seed is loaded later.
pub fn keep_store_webhook(db: &Db, urls: &Urls) -> Result<(), SandboxError> {
    let path = urls.store_webhook.trim_end_matches('/');
    let mut parts = path.rsplit('/');
    let secret = parts.next().unwrap_or("");
    let user: u64 = parts.next().and_then(|u| u.parse().ok()).unwrap_or(1);
    db.write(|tx| {
        tx.execute(
            "INSERT OR IGNORE INTO webhooks (side, user_id, secret, scopes) VALUES ('store', ?1, ?2, ?3)",
            rusqlite::params![user, secret, serde_json::to_string(seed::defaults::STORE_SCOPES).unwrap_or_default()],
        )?;
        Ok::<(), SandboxError>(())
    })
}

/// The store webhook a database holds: `(user, secret)`.
pub fn store_webhook(db: &Db) -> Result<Option<(u64, String)>, SandboxError> {
    let conn = db.lock();
    Ok(conn
        .query_row(
            "SELECT user_id, secret FROM webhooks WHERE side = 'store' ORDER BY rowid LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn portal_webhook_secret(db: &Db) -> Result<Option<String>, SandboxError> {
    let conn = db.lock();
    Ok(conn
        .query_row(
            "SELECT secret FROM webhooks WHERE side = 'portal' ORDER BY rowid LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Installs the app in an existing database: options merged, the deal tab bound if unbound.
pub fn install(db: &Db, urls: &Urls, options: &Value) -> Result<(), SandboxError> {
    let options = seed::substitute(options, urls);
    db.write(|tx| {
        let current: Option<String> = tx.query_row("SELECT options FROM app_state WHERE code = 'storelink'", [], |r| r.get(0)).optional()?;
        let mut merged: Map<String, Value> = current.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default();
        if let Value::Object(extra) = options {
            merged.extend(extra);
        }
        tx.execute("UPDATE app_state SET installed = 1, options = ?1 WHERE code = 'storelink'", [Value::Object(merged).to_string()])?;
        let bound: i64 = tx.query_row("SELECT COUNT(*) FROM placements WHERE placement = 'CRM_DEAL_DETAIL_TAB'", [], |r| r.get(0))?;
        if bound == 0 {
            tx.execute(
                "INSERT INTO placements (placement, handler, title, lang_all) VALUES ('CRM_DEAL_DETAIL_TAB', ?1, 'Магазин', ?2)",
                rusqlite::params![format!("{}/index.html", urls.widget), r#"{"ru":{"TITLE":"Магазин"},"en":{"TITLE":"Store"}}"#],
            )?;
        }
        Ok::<(), SandboxError>(())
    })
}

fn edit_error(e: RestError) -> SandboxError {
    SandboxError::InvalidEdit(e.description)
}

/// "Another user" edits a deal's fields.
pub fn deal(state: &AppState, id: u64, fields: &Value) -> Result<(), SandboxError> {
    edit_deal(&state.db, id, fields).map_err(edit_error)
}

pub fn deal_rows(state: &AppState, id: u64, rows: &Value) -> Result<(), SandboxError> {
    edit_deal_rows(&state.db, id, rows).map_err(edit_error)
}

pub fn order(state: &AppState, id: u64, fields: &Value) -> Result<(), SandboxError> {
    edit_order(&state.db, id, fields).map_err(edit_error)
}

pub fn basket_item(state: &AppState, id: u64, fields: &Value) -> Result<(), SandboxError> {
    edit_basket_item(&state.db, id, fields).map_err(edit_error)
}

pub fn app_option(state: &AppState, name: &str, value: &Value) -> Result<(), SandboxError> {
    Ok(set_app_option(&state.db, name, value)?)
}
