//! `/_sandbox/...` on the portal origin: the control API over HTTP (JSON, readable from any
//! origin).

pub mod ops;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::{BucketConfig, FaultKind, Seed};
use crate::error::SandboxError;
use crate::faults::Fault;
use crate::state::AppState;

type Shared = State<Arc<AppState>>;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/urls", get(urls))
        .route("/stats", get(stats))
        .route("/stats/reset", post(reset_stats))
        .route("/token", post(token))
        .route("/tokens/expire", post(expire))
        .route("/latency", post(latency))
        .route("/faults", get(faults).post(add_fault).delete(clear_faults))
        .route("/faults/clear", post(clear_faults))
        .route("/rate-limit", post(rate_limit))
        .route("/reset", post(reset))
        .route("/seed", post(load_seed))
        .route("/edit/deal/{id}", post(edit_deal))
        .route("/edit/deal/{id}/rows", post(edit_rows))
        .route("/edit/order/{id}", post(edit_order))
        .route("/edit/basket/{id}", post(edit_basket))
        .route("/edit/app-option", post(edit_app_option))
        .fallback(not_found)
        .layer(axum::middleware::map_response(cors))
}

/// Any origin may read and drive the control API (browser tests run on the widget origin).
async fn cors(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, DELETE, OPTIONS"),
    );
    response
}

async fn not_found(method: Method) -> Response {
    if method == Method::OPTIONS {
        return StatusCode::NO_CONTENT.into_response();
    }
    reply(StatusCode::NOT_FOUND, json!({"error": "not found"}))
}

fn reply(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn ok() -> Response {
    reply(StatusCode::OK, json!({"ok": true}))
}

fn failed(e: SandboxError) -> Response {
    reply(StatusCode::BAD_REQUEST, json!({"error": e.to_string()}))
}

fn body_json(body: &Bytes) -> Value {
    if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(body).unwrap_or(Value::Null)
    }
}

async fn urls(State(s): Shared) -> Response {
    reply(
        StatusCode::OK,
        serde_json::to_value(&s.urls).unwrap_or(Value::Null),
    )
}

async fn stats(State(s): Shared) -> Response {
    reply(
        StatusCode::OK,
        serde_json::to_value(s.stats.snapshot()).unwrap_or(Value::Null),
    )
}

async fn reset_stats(State(s): Shared) -> Response {
    s.stats.reset();
    ok()
}

async fn token(State(s): Shared, body: Bytes) -> Response {
    let user = body_json(&body)
        .get("user_id")
        .and_then(Value::as_u64)
        .unwrap_or(1);
    reply(
        StatusCode::OK,
        serde_json::to_value(s.tokens.issue(user)).unwrap_or(Value::Null),
    )
}

async fn expire(State(s): Shared) -> Response {
    s.tokens.expire_all();
    ok()
}

async fn latency(State(s): Shared, body: Bytes) -> Response {
    s.faults.set_latency(
        body_json(&body)
            .get("ms")
            .and_then(Value::as_u64)
            .unwrap_or(0),
    );
    ok()
}

async fn faults(State(s): Shared) -> Response {
    reply(
        StatusCode::OK,
        serde_json::to_value(s.faults.list()).unwrap_or(Value::Null),
    )
}

#[derive(Deserialize)]
struct FaultRequest {
    method: String,
    rate: f64,
    kind: FaultKind,
}

async fn add_fault(State(s): Shared, body: Bytes) -> Response {
    match serde_json::from_slice::<FaultRequest>(&body) {
        Ok(f) => {
            s.faults.add(Fault {
                method: f.method,
                rate: f.rate,
                kind: f.kind,
            });
            ok()
        }
        Err(e) => reply(
            StatusCode::BAD_REQUEST,
            json!({"error": format!("expected {{method, rate, kind: \"500\"|\"503\"|\"timeout\"}}: {e}")}),
        ),
    }
}

async fn clear_faults(State(s): Shared) -> Response {
    s.faults.clear();
    ok()
}

async fn rate_limit(State(s): Shared, body: Bytes) -> Response {
    let config: Option<BucketConfig> = serde_json::from_slice(&body).ok();
    s.portal_bucket.configure(config);
    s.store_bucket.configure(config);
    ok()
}

/// `{"seed": "demo" | "large" | "/path/file.json"}`
async fn reset(State(s): Shared, body: Bytes) -> Response {
    let seed = body_json(&body)
        .get("seed")
        .and_then(Value::as_str)
        .map(Seed::parse)
        .unwrap_or(Seed::Demo);
    match tokio::task::block_in_place(|| ops::reset(&s, &seed)) {
        Ok(()) => ok(),
        Err(e) => failed(e),
    }
}

/// The body is a data set in the JSON seed format.
async fn load_seed(State(s): Shared, body: Bytes) -> Response {
    let seed = Seed::Json(String::from_utf8_lossy(&body).into_owned());
    match tokio::task::block_in_place(|| ops::reset(&s, &seed)) {
        Ok(()) => ok(),
        Err(e) => failed(e),
    }
}

async fn edit_deal(State(s): Shared, Path(id): Path<u64>, body: Bytes) -> Response {
    done(ops::deal(&s, id, &body_json(&body)))
}

async fn edit_rows(State(s): Shared, Path(id): Path<u64>, body: Bytes) -> Response {
    let body = body_json(&body);
    let rows = body.get("rows").cloned().unwrap_or(body);
    done(ops::deal_rows(&s, id, &rows))
}

async fn edit_order(State(s): Shared, Path(id): Path<u64>, body: Bytes) -> Response {
    done(ops::order(&s, id, &body_json(&body)))
}

/// `{"name": "settings", "value": {...}}`: an admin saved an app option elsewhere.
async fn edit_app_option(State(s): Shared, body: Bytes) -> Response {
    let body = body_json(&body);
    let name = body.get("name").and_then(Value::as_str).unwrap_or_default();
    let value = body.get("value").cloned().unwrap_or(Value::Null);
    done(ops::app_option(&s, name, &value))
}

async fn edit_basket(State(s): Shared, Path(id): Path<u64>, body: Bytes) -> Response {
    done(ops::basket_item(&s, id, &body_json(&body)))
}

fn done(result: Result<(), SandboxError>) -> Response {
    match result {
        Ok(()) => ok(),
        Err(e) => failed(e),
    }
}
