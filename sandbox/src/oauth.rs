//! `GET /oauth/token/?grant_type=refresh_token&refresh_token=…` on the portal origin,
//! answering as oauth.bitrix.info does, so native clients can refresh.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde_json::json;

use crate::rest::handler::json_response;
use crate::rest::params::parse_form;
use crate::state::AppState;

pub async fn token(State(state): State<Arc<AppState>>, RawQuery(query): RawQuery) -> Response {
    let mut params = serde_json::Map::new();
    parse_form(query.as_deref().unwrap_or(""), &mut params);
    let text = |name: &str| {
        params
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    if text("grant_type") != "refresh_token" {
        return json_response(
            400,
            &json!({"error": "invalid_request", "error_description": "Only grant_type=refresh_token is supported"}),
        );
    }
    match state.tokens.refresh(&text("refresh_token")) {
        Some((user, token)) => {
            let expires = crate::clock::unix_now() as u64 + token.expires_in;
            json_response(
                200,
                &json!({
                    "access_token": token.access_token,
                    "expires": expires,
                    "expires_in": token.expires_in,
                    "scope": "app",
                    "domain": "oauth.bitrix.info",
                    "server_endpoint": "https://oauth.bitrix.info/rest/",
                    "status": "L",
                    "client_endpoint": format!("{}/rest/", state.urls.portal),
                    "member_id": state.member_id,
                    "user_id": user,
                    "refresh_token": token.refresh_token
                }),
            )
        }
        None => json_response(
            400,
            &json!({"error": "invalid_grant", "error_description": "Invalid refresh token"}),
        ),
    }
}
