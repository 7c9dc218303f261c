//! Size probe with the client: the baseline (`size/baseline_body.rs`, included) plus what a widget does with `bitrix-rest` (a
//! webhook client and an OAuth client with refresh, typed deal/rows/order reads, a batch with
//! a reference, a list of stock, cancellation). See `benches/wasm-size.sh`.

#[cfg(target_arch = "wasm32")]
#[path = "size/baseline_body.rs"]
mod baseline;

#[cfg(target_arch = "wasm32")]
mod probe {
    use bitrix_rest::{Batch, Cancel, Client, ListQuery, Token, methods};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub async fn probe(body: String) -> String {
        let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let Ok(store) = Client::webhook(value["hook"].as_str().unwrap_or_default()) else {
            return "bad hook".into();
        };
        let store = store.with_cancel(Cancel::new());
        let portal = Client::builder().oauth(
            value["portal"].as_str().unwrap_or_default(),
            Token::new("t", std::time::Duration::from_secs(3600)),
            || async { Ok(Token::new("u", std::time::Duration::from_secs(3600))) },
        );
        let Ok(portal) = portal else {
            return "bad portal".into();
        };
        let mut batch = Batch::new();
        let (Ok(deal), Ok(rows)) = (
            batch.push("deal", methods::deals::get(1)),
            batch.push("rows", methods::deals::product_rows(1)),
        ) else {
            return "bad batch".into();
        };
        let mut out = String::new();
        if let Ok(results) = portal.run_batch(batch).await
            && let (Ok(d), Ok(r)) = (results.get(&deal), results.get(&rows))
        {
            out.push_str(&format!("{} {}", d.title, r.len()));
        }
        if let Ok(order) = store.orders().get(9).await {
            out.push_str(&order.account_number);
        }
        let query = ListQuery::new().filter("productId", vec![1, 2]);
        match store.store_products().list(&query).await {
            Ok(stock) => out.push_str(&stock.len().to_string()),
            Err(e) => out.push_str(&e.to_string()),
        }
        out
    }
}
