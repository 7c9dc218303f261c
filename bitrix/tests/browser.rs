//! The wasm build in headless Chromium against `bitrix-sandbox` on other origins: calls go
//! cross-origin without a CORS preflight, and a cancelled call is aborted.
//!
//! The sandbox URLs come from `SANDBOX_URLS_JSON` at compile time (the JSON the sandbox writes
//! with `--urls-file`); `tests/wasm/run.sh` sets it. Without it every test says so and passes
//! nothing: it returns early after logging why.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use bitrix_rest::{Batch, Cancel, Client, ErrorKind, HttpRequest, ListQuery, Token, Transport};
use bitrix_rest::{FetchTransport, methods};
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The sandbox URLs, or `None` (with a message) when the suite was built without them.
fn urls() -> Option<Value> {
    match option_env!("SANDBOX_URLS_JSON") {
        Some(text) => Some(serde_json::from_str(text).expect("SANDBOX_URLS_JSON is JSON")),
        None => {
            console_log!(
                "SKIPPED: SANDBOX_URLS_JSON was not set at build time; run bitrix/tests/wasm/run.sh"
            );
            None
        }
    }
}

fn url(urls: &Value, key: &str) -> String {
    urls[key]
        .as_str()
        .expect("a URL")
        .trim_end_matches('/')
        .to_owned()
}

/// A POST to the sandbox control API (`/_sandbox/...` on the portal origin).
async fn control(urls: &Value, path: &str, body: Value) -> Value {
    let response = FetchTransport::default()
        .post(HttpRequest {
            url: &format!("{}/_sandbox/{path}", url(urls, "portal")),
            body: body.to_string(),
            cancel: None,
        })
        .await
        .expect("the control API answers");
    serde_json::from_str(&response.body).expect("the control API answers JSON")
}

/// A plain cross-origin GET of the sandbox statistics.
async fn stats(urls: &Value) -> Value {
    let window = web_sys::window().expect("a window");
    let promise = window.fetch_with_str(&format!("{}/_sandbox/stats", url(urls, "portal")));
    let response: web_sys::Response = JsFuture::from(promise).await.unwrap().dyn_into().unwrap();
    let text = JsFuture::from(response.text().unwrap()).await.unwrap();
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

fn preflights(stats: &Value) -> u64 {
    stats["preflights"]
        .as_object()
        .map_or(0, |m| m.values().filter_map(Value::as_u64).sum())
}

#[wasm_bindgen_test]
async fn cross_origin_calls_succeed_without_a_preflight() {
    let Some(urls) = urls() else { return };
    assert_ne!(
        web_sys::window().unwrap().location().origin().unwrap(),
        url(&urls, "store"),
        "the test page must be on another origin"
    );
    control(&urls, "stats/reset", json!({})).await;

    let store = Client::webhook(urls["store_webhook"].as_str().unwrap()).unwrap();
    let orders = store.orders().list(&ListQuery::new()).await.unwrap();
    let order = store.orders().get(orders[0].id).await.unwrap();
    assert!(!order.basket_items.is_empty());
    let mut batch = Batch::new();
    let stock = batch
        .push(
            "stock",
            methods::store_products::of_products(&[order.basket_items[0].product_id as u64]),
        )
        .unwrap();
    let warehouses = batch
        .push("warehouses", methods::warehouses::list(&ListQuery::new()))
        .unwrap();
    let results = store.run_batch(batch).await.unwrap();
    results.get(&stock).unwrap();
    assert!(!results.get(&warehouses).unwrap().is_empty());

    let token = control(&urls, "token", json!({"user_id": 1})).await;
    let portal = Client::builder()
        .oauth_without_refresh(
            &format!("{}/rest/", url(&urls, "portal")),
            Token::new(
                token["access_token"].as_str().unwrap(),
                Duration::from_secs(3600),
            ),
        )
        .unwrap();
    let deals = portal.deals().list(&ListQuery::new()).await.unwrap();
    let deal = portal.deals().get(deals[0].id).await.unwrap();
    assert_eq!(deal.id, deals[0].id);
    assert_eq!(portal.users().current().await.unwrap().id, 1);

    let seen = stats(&urls).await;
    assert_eq!(
        preflights(&seen),
        0,
        "preflights seen: {}",
        seen["preflights"]
    );
    assert!(
        seen["requests"]["store"].as_u64().unwrap_or(0) >= 3,
        "{seen}"
    );
    assert!(
        seen["requests"]["portal"].as_u64().unwrap_or(0) >= 3,
        "{seen}"
    );
}

#[wasm_bindgen_test]
async fn a_cancelled_call_is_aborted_and_says_so() {
    let Some(urls) = urls() else { return };
    control(&urls, "latency", json!({"ms": 3000})).await;
    let cancel = Cancel::new();
    let store = Client::webhook(urls["store_webhook"].as_str().unwrap())
        .unwrap()
        .with_cancel(cancel.clone());
    let call = store.warehouses().list();
    let canceller = async {
        gloo_timers::future::sleep(Duration::from_millis(100)).await;
        cancel.cancel();
    };
    let started = js_sys::Date::now();
    let (result, ()) = futures::join!(call, canceller);
    let elapsed = js_sys::Date::now() - started;
    control(&urls, "latency", json!({"ms": 0})).await;
    assert_eq!(result.unwrap_err().kind, ErrorKind::Cancelled);
    console_log!("cancelled after {elapsed} ms (the server would have answered after 3000 ms)");
}
