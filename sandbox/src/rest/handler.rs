//! The HTTP side of REST: `/rest/METHOD[.json]` (OAuth) and `/rest/USER/SECRET/METHOD[.json]`
//! (webhook), on both origins, every answer with the module's CORS headers.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method as HttpMethod, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::caller::{self, Credentials};
use super::envelope::{self, Timer};
use super::{Ctx, RestError, batch, params, registry};
use crate::config::FaultKind;
use crate::state::{AppState, Side};

#[derive(Clone)]
pub struct SideState {
    pub state: Arc<AppState>,
    pub side: Side,
}

/// A JSON answer with the REST module's CORS headers.
pub fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("origin, content-type, accept"),
    );
    response
}

pub fn error_response(error: &RestError) -> Response {
    json_response(error.status, &error.body())
}

/// `crm.deal.get.json` → method; `1/secret/crm.deal.get` → webhook and method.
fn split_path(path: &str) -> (Option<(u64, &str)>, String) {
    let path = path.trim_matches('/');
    let parts: Vec<&str> = path.split('/').collect();
    let (hook, method) = match parts.as_slice() {
        [user, secret, method] => (user.parse().ok().map(|u| (u, *secret)), *method),
        [method] => (None, *method),
        _ => (None, ""),
    };
    let method = method
        .strip_suffix(".json")
        .or_else(|| method.strip_suffix(".xml"))
        .unwrap_or(method);
    (hook, method.to_ascii_lowercase())
}

pub async fn rest(
    State(server): State<SideState>,
    method: HttpMethod,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let SideState { state, side } = server;
    let origin = side.name();
    state.stats.request(origin);
    if method == HttpMethod::OPTIONS {
        // No special handling: a preflight is an ordinary (usually unauthenticated) call.
        state.stats.preflight(origin);
    }
    let timer = Timer::start();
    let path = uri.path().strip_prefix("/rest").unwrap_or("");
    let (hook, name) = split_path(path);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let params = params::collect(uri.query(), content_type, &body).unwrap_or_default();

    let latency = state.faults.latency_ms();
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let credentials = match hook {
        Some((user_id, secret)) => Credentials::Webhook { user_id, secret },
        None => Credentials::Params,
    };
    let caller = match tokio::task::block_in_place(|| {
        caller::identify(&state, side, credentials, &params)
    }) {
        Ok(caller) => caller,
        Err(e) => return error_response(&e),
    };
    if !state.bucket(side).admit() {
        state.stats.rejected(origin);
        return error_response(&RestError::query_limit());
    }
    let mut called = vec![name.clone()];
    if name == "batch" {
        called.extend(
            batch::commands(&params)
                .iter()
                .map(|(_, c)| batch::method_of(c)),
        );
    }
    match state.faults.roll(side, &called) {
        Some(FaultKind::ServerError) => return error_response(&RestError::internal()),
        Some(FaultKind::Overloaded) => {
            state.stats.rejected(origin);
            return error_response(&RestError::query_limit());
        }
        Some(FaultKind::Timeout) => {
            let mut stopping = state.stopping.clone();
            state.held.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(60)) => {}
                _ = stopping.wait_for(|s| *s) => {}
            }
            state.held.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            return json_response(
                504,
                &serde_json::json!({"error": "GATEWAY_TIMEOUT", "error_description": "The request was cut off after 60 s"}),
            );
        }
        Some(FaultKind::Denied) | None => {}
    }
    if name != "batch" && state.faults.denies(side, &name) {
        return error_response(&RestError::refused_by_module(&name));
    }
    if name.is_empty() {
        return error_response(&RestError::method_not_found());
    }
    state.stats.method(origin, &name);
    let ctx = Ctx {
        state: &state,
        caller: &caller,
    };
    // Calls hold the database for micro- to milliseconds: run them in place.
    let outcome = if name == "batch" {
        batch::run(&ctx, &params, &|m| state.stats.batched(origin, m))
    } else {
        registry::call(&ctx, &name, &params)
    };
    match outcome {
        Ok(reply) => json_response(200, &envelope::success(reply, &timer)),
        Err(e) => error_response(&e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_name_the_method_and_the_webhook() {
        assert_eq!(
            super::split_path("/crm.deal.get.json"),
            (None, "crm.deal.get".into())
        );
        assert_eq!(
            super::split_path("/CRM.Deal.Get"),
            (None, "crm.deal.get".into())
        );
        assert_eq!(
            super::split_path("/1/abc/sale.order.get.json"),
            (Some((1, "abc")), "sale.order.get".into())
        );
    }
}
