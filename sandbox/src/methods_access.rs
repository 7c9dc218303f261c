//! Writes "by another user" for the control API, through the same code the REST methods use.

use serde_json::Value;

use crate::db::Db;
use crate::methods::edits;
use crate::rest::RestError;

/// The user the edits are made as: someone else than the app's user.
const OTHER_USER: u64 = 1;

pub fn edit_deal(db: &Db, id: u64, fields: &Value) -> Result<(), RestError> {
    let fields = fields.as_object().cloned().unwrap_or_default();
    db.write(|tx| {
        if !edits::deal_exists(tx, id)? {
            return Err(RestError::crm(format!("deal {id} not found")));
        }
        edits::deal_fields(tx, id, &fields, OTHER_USER)
    })
}

pub fn edit_deal_rows(db: &Db, id: u64, rows: &Value) -> Result<(), RestError> {
    let rows = rows
        .as_array()
        .cloned()
        .ok_or_else(|| RestError::crm("rows must be a list"))?;
    db.write(|tx| {
        if !edits::deal_exists(tx, id)? {
            return Err(RestError::crm(format!("deal {id} not found")));
        }
        edits::deal_rows(tx, id, &rows)
    })
}

pub fn edit_order(db: &Db, id: u64, fields: &Value) -> Result<(), RestError> {
    let fields = fields.as_object().cloned().unwrap_or_default();
    db.write(|tx| edits::order_fields(tx, id, &fields))
}

pub fn edit_basket_item(db: &Db, id: u64, fields: &Value) -> Result<(), RestError> {
    let fields = fields.as_object().cloned().unwrap_or_default();
    db.write(|tx| edits::basket_item(tx, id, &fields))
}

/// Stores one option of the app, as the frame's `setAppOption` does (and as an admin saving the
/// settings in another window would).
pub fn set_app_option(db: &Db, name: &str, value: &Value) -> rusqlite::Result<()> {
    db.write(|tx| {
        let mut options = app_options(tx)?;
        options.insert(name.to_string(), value.clone());
        let updated = tx.execute(
            "UPDATE app_state SET options = ?1 WHERE code = 'storelink'",
            [Value::Object(options).to_string()],
        )?;
        // An app that was never installed has no options to set.
        if updated == 0 {
            return Err(rusqlite::Error::QueryReturnedNoRows);
        }
        Ok(())
    })
}

/// The app's options as stored (none when it is not installed).
pub fn app_options(
    conn: &rusqlite::Connection,
) -> rusqlite::Result<serde_json::Map<String, Value>> {
    use rusqlite::OptionalExtension;
    let stored: Option<String> = conn
        .query_row(
            "SELECT options FROM app_state WHERE code = 'storelink'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(stored
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}
