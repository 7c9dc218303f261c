//! Who is calling: an OAuth token of the app, or an inbound webhook.

use rusqlite::OptionalExtension;
use serde_json::{Map, Value};

use super::RestError;
use crate::state::{AppState, Side};
use crate::tokens::TokenCheck;

#[derive(Debug, Clone)]
pub struct Caller {
    pub side: Side,
    pub user_id: u64,
    pub is_admin: bool,
    pub scopes: Vec<String>,
    /// Called with the app's OAuth token (needed by `placement.*`), not a webhook.
    pub app_context: bool,
}

/// Where the credentials of a request are.
pub enum Credentials<'a> {
    Webhook { user_id: u64, secret: &'a str },
    Params,
}

pub fn identify(
    state: &AppState,
    side: Side,
    credentials: Credentials<'_>,
    params: &Map<String, Value>,
) -> Result<Caller, RestError> {
    let conn = state.db.lock();
    match credentials {
        Credentials::Webhook { user_id, secret } => {
            let scopes: Option<String> = conn
                .query_row(
                    "SELECT scopes FROM webhooks WHERE side = ?1 AND user_id = ?2 AND secret = ?3",
                    rusqlite::params![side.name(), user_id, secret],
                    |r| r.get(0),
                )
                .optional()?;
            let scopes = scopes.ok_or_else(RestError::invalid_credentials)?;
            let is_admin = match side {
                Side::Portal => is_admin(&conn, user_id)?,
                Side::Store => true,
            };
            Ok(Caller {
                side,
                user_id,
                is_admin,
                scopes: serde_json::from_str(&scopes).unwrap_or_default(),
                app_context: false,
            })
        }
        Credentials::Params => {
            let token = params
                .get("auth")
                .or_else(|| params.get("access_token"))
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty());
            let Some(token) = token else {
                return Err(RestError::no_auth());
            };
            if side == Side::Store {
                // The store has no app installed: it knows no OAuth token.
                return Err(RestError::invalid_token());
            }
            match state.tokens.check(token) {
                TokenCheck::Valid(user_id) => {
                    let scopes: String = conn
                        .query_row(
                            "SELECT scopes FROM app_state WHERE code = 'storelink'",
                            [],
                            |r| r.get(0),
                        )
                        .optional()?
                        .unwrap_or_else(|| "[]".into());
                    Ok(Caller {
                        side,
                        user_id,
                        is_admin: is_admin(&conn, user_id)?,
                        scopes: serde_json::from_str(&scopes).unwrap_or_default(),
                        app_context: true,
                    })
                }
                TokenCheck::Expired => Err(RestError::expired()),
                TokenCheck::Unknown => Err(RestError::invalid_token()),
            }
        }
    }
}

fn is_admin(conn: &rusqlite::Connection, user_id: u64) -> Result<bool, RestError> {
    Ok(conn
        .query_row("SELECT admin FROM users WHERE id = ?1", [user_id], |r| {
            r.get::<_, bool>(0)
        })
        .optional()?
        .unwrap_or(false))
}
