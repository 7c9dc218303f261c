//! The order a rep picked among several the link rule found, remembered per deal in this
//! browser (`localStorage`), so the next open shows the same one.

use super::browser_storage::storage;

const PREFIX: &str = "storelink.order-choice.";

/// The remembered order for `deal_id`.
pub fn recall(deal_id: u64) -> Option<u64> {
    storage()?
        .get_item(&format!("{PREFIX}{deal_id}"))
        .ok()??
        .parse()
        .ok()
}

/// Remembers `order_id` for `deal_id`; a browser that refuses storage just forgets it.
pub fn remember(deal_id: u64, order_id: u64) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}{deal_id}"), &order_id.to_string());
    }
}
