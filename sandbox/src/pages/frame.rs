//! The parent side of the frame protocol, server half: the page's script relays the app's
//! commands here (`POST /_portal/frame/<session>`) and posts the answer back to the app.
//! `resizeWindow`, `openPath`, `setTitle` and `reloadWindow` are answered in the page itself.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::methods_access::set_app_option;
use crate::rest::handler::json_response;
use crate::rng;
use crate::state::AppState;

/// One app frame open in a page.
#[derive(Debug, Clone)]
pub struct FrameSession {
    pub user_id: u64,
    pub lang: String,
    pub placement: String,
    pub placement_options: Value,
    pub install: bool,
}

const MAX_SESSIONS: usize = 5000;

/// Registers a frame; returns its session key.
pub fn open(state: &AppState, session: FrameSession) -> String {
    let key = rng::secret(16);
    let mut frames = state.frames.lock().unwrap_or_else(|p| p.into_inner());
    if frames.len() >= MAX_SESSIONS {
        frames.clear();
    }
    frames.insert(key.clone(), session);
    key
}

#[derive(Debug, Deserialize)]
pub struct Command {
    pub command: String,
    #[serde(default)]
    pub params: Value,
}

pub async fn command(
    State(state): State<Arc<AppState>>,
    Path(key): Path<String>,
    Json(command): Json<Command>,
) -> Response {
    let session = state
        .frames
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&key)
        .cloned();
    let Some(session) = session else {
        return json_response(
            404,
            &json!({"error": "FRAME_NOT_FOUND", "error_description": "Reload the page"}),
        );
    };
    let answer = tokio::task::block_in_place(|| answer(&state, &session, &command))
        .unwrap_or_else(|e| json!({"error": "ERROR", "error_description": e.to_string()}));
    json_response(200, &answer)
}

fn error(code: &str, description: &str) -> Value {
    json!({"error": code, "error_description": description})
}

/// What the parent answers to one command.
pub fn answer(
    state: &AppState,
    session: &FrameSession,
    command: &Command,
) -> rusqlite::Result<Value> {
    let conn = state.db.lock();
    let is_admin: bool = conn
        .query_row(
            "SELECT admin FROM users WHERE id = ?1",
            [session.user_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false);
    drop(conn);
    match command.command.as_str() {
        "getInitData" => {
            let token = state.tokens.issue(session.user_id);
            let conn = state.db.lock();
            let (installed, options): (bool, String) = conn
                .query_row(
                    "SELECT installed, options FROM app_state WHERE code = 'storelink'",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .unwrap_or((false, "{}".into()));
            let app_options: Map<String, Value> =
                serde_json::from_str(&options).unwrap_or_default();
            let mut user_options = Map::new();
            let mut stmt = conn.prepare_cached(
                "SELECT name, value FROM user_options WHERE user_id = ?1 ORDER BY name",
            )?;
            for row in stmt.query_map([session.user_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })? {
                let (name, value) = row?;
                user_options.insert(
                    name,
                    serde_json::from_str(&value).unwrap_or(Value::String(value)),
                );
            }
            Ok(json!({
                "LANG": session.lang,
                "DOMAIN": state.portal_domain(),
                "PROTOCOL": 0,
                "PATH": "/rest",
                "AUTH_ID": token.access_token,
                "AUTH_EXPIRES": token.expires_in,
                "REFRESH_ID": token.refresh_token,
                "MEMBER_ID": state.member_id,
                "FIRST_RUN": !installed,
                "IS_ADMIN": is_admin,
                "INSTALL": session.install,
                "USER_OPTIONS": php_object(user_options),
                "APP_OPTIONS": php_object(app_options),
                "PLACEMENT": session.placement,
                "PLACEMENT_OPTIONS": session.placement_options,
            }))
        }
        "refreshAuth" => {
            let token = state.tokens.issue(session.user_id);
            Ok(
                json!({"AUTH_ID": token.access_token, "AUTH_EXPIRES": token.expires_in, "REFRESH_ID": token.refresh_token, "MEMBER_ID": state.member_id}),
            )
        }
        "setAppOption" => {
            if !is_admin {
                return Ok(error(
                    "ACCESS_DENIED",
                    "Only an administrator may change app options",
                ));
            }
            let Some(name) = command.params.get("name").and_then(Value::as_str) else {
                return Ok(error("ERROR_ARGUMENT", "name is required"));
            };
            // The portal's page posts the value with `BX.ajax`, form-encoded, and stores what
            // PHP received: texts only, without nulls and empty lists.
            let value = command.params.get("value").and_then(form_encoded);
            let value = value.unwrap_or(Value::String(String::new()));
            set_app_option(&state.db, name, &value)?;
            // It answers with every option of the app as stored.
            let options = crate::methods_access::app_options(&state.db.lock())?;
            Ok(Value::Object(options))
        }
        "setUserOption" => {
            let Some(name) = command.params.get("name").and_then(Value::as_str) else {
                return Ok(error("ERROR_ARGUMENT", "name is required"));
            };
            let value = command.params.get("value").cloned().unwrap_or(Value::Null);
            state.db.write(|tx| {
                tx.execute(
                    "INSERT OR REPLACE INTO user_options (user_id, name, value) VALUES (?1, ?2, ?3)",
                    params![session.user_id, name, value.to_string()],
                )?;
                Ok::<(), rusqlite::Error>(())
            })?;
            Ok(json!(true))
        }
        "setInstallFinish" => {
            if !is_admin {
                return Ok(error(
                    "ACCESS_DENIED",
                    "Only an administrator may install apps",
                ));
            }
            state.db.write(|tx| {
                tx.execute(
                    "UPDATE app_state SET installed = 1 WHERE code = 'storelink'",
                    [],
                )?;
                Ok::<(), rusqlite::Error>(())
            })?;
            Ok(json!(true))
        }
        other => Ok(error(
            "UNKNOWN_COMMAND",
            &format!("Unknown command: {other}"),
        )),
    }
}

/// An empty PHP array is written as `[]`, a filled one as an object.
fn php_object(map: Map<String, Value>) -> Value {
    if map.is_empty() {
        json!([])
    } else {
        Value::Object(map)
    }
}

/// `value` as PHP receives it from `BX.ajax`'s form encoding: numbers and booleans become texts
/// (`true` → `"true"`), `null` and empty lists or objects are not sent at all (`None`).
fn form_encoded(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(Value::String(b.to_string())),
        Value::Number(n) => Some(Value::String(n.to_string())),
        Value::String(_) => Some(value.clone()),
        Value::Array(items) => {
            let sent: Vec<Value> = items.iter().filter_map(form_encoded).collect();
            (!sent.is_empty()).then_some(Value::Array(sent))
        }
        Value::Object(map) => {
            let sent: serde_json::Map<String, Value> = map
                .iter()
                .filter_map(|(k, v)| form_encoded(v).map(|v| (k.clone(), v)))
                .collect();
            (!sent.is_empty()).then_some(Value::Object(sent))
        }
    }
}
