//! What any widget has without `bitrix-rest`: wasm-bindgen, futures, serde_json parsing a JSON
//! text into a `Value` and into a typed struct (with the error formatting that brings).
//! Included by both size probes, so their difference is the client alone.

use wasm_bindgen::prelude::*;

#[derive(serde::Deserialize)]
struct Row {
    title: String,
    sum: f64,
    items: Vec<u64>,
}

/// Parses a JSON text and returns a field, so serde_json stays in the binary.
#[wasm_bindgen]
pub async fn baseline(body: String) -> String {
    let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let row = match serde_json::from_value::<Row>(value["result"].clone()) {
        Ok(r) => format!("{} {} {}", r.title, r.sum, r.items.len()),
        Err(e) => e.to_string(),
    };
    futures::future::ready(format!("{row} {}", value["result"]["TITLE"])).await
}
