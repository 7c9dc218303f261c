//! What the sandbox holds, read over REST through its inbound webhooks (the portal admin's and
//! the store's), independently of the widget.

use bitrix_sandbox::Sandbox;
use serde_json::Value;

fn call(base: &str, method: &str, query: &[(&str, &str)]) -> Value {
    let url = format!("{base}{method}.json");
    let http = reqwest::blocking::Client::new();
    let response = http
        .get(&url)
        .query(query)
        .send()
        .unwrap_or_else(|e| panic!("{method}: {e}"));
    let text = response.text().unwrap_or_else(|e| panic!("{method}: {e}"));
    let answer: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method}: {e}: {text}"));
    if let Some(error) = answer.get("error") {
        panic!("{method}: {error} {}", answer["error_description"]);
    }
    answer["result"].clone()
}

/// A portal method through the admin's webhook; its `result`.
pub fn portal(sandbox: &Sandbox, method: &str, query: &[(&str, &str)]) -> Value {
    call(&sandbox.urls().portal_webhook, method, query)
}

/// A store method through the store's webhook; its `result`.
pub fn store(sandbox: &Sandbox, method: &str, query: &[(&str, &str)]) -> Value {
    call(&sandbox.urls().store_webhook, method, query)
}

/// A portal method with an OAuth token of the app for `user_id` (placement methods refuse
/// webhooks); its `result`.
pub fn as_app(sandbox: &Sandbox, user_id: u64, method: &str, query: &[(&str, &str)]) -> Value {
    let token = sandbox.issue_token(user_id);
    let mut query = query.to_vec();
    query.push(("auth", &token.access_token));
    call(&format!("{}/rest/", sandbox.urls().portal), method, &query)
}

/// The settings as the portal keeps them (`app.option.get`), read as JSON: StoreLink saves them
/// as one JSON text; the demo's installed options hold an object.
pub fn stored_settings(sandbox: &Sandbox) -> Value {
    match as_app(sandbox, 1, "app.option.get", &[("option", "settings")]) {
        Value::String(text) => serde_json::from_str(&text).expect("the stored settings are JSON"),
        other => other,
    }
}

/// `crm.deal.get`: the deal's fields.
pub fn deal(sandbox: &Sandbox, id: u64) -> Value {
    portal(sandbox, "crm.deal.get", &[("id", &id.to_string())])
}

/// `sale.order.get`: the order with basket, payments and shipments.
pub fn order(sandbox: &Sandbox, id: u64) -> Value {
    store(sandbox, "sale.order.get", &[("id", &id.to_string())])["order"].clone()
}

/// The name of an order status in `lang` (`sale.statusLang.list`).
pub fn status_name(sandbox: &Sandbox, status_id: &str, lang: &str) -> String {
    let answer = store(
        sandbox,
        "sale.statusLang.list",
        &[("filter[statusId]", status_id), ("filter[lid]", lang)],
    );
    answer["statusLangs"]
        .as_array()
        .and_then(|l| l.first())
        .and_then(|s| s["name"].as_str())
        .unwrap_or_else(|| panic!("no {lang} name for status {status_id}: {answer}"))
        .to_owned()
}
