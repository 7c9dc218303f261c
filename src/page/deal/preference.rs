//! The order a rep picked among several the link rule found, remembered per portal and deal in
//! this browser (`localStorage`), so the next open shows the same one. The widget's address is
//! the same for every portal it is installed on: deal 9 of one portal is not deal 9 of another.

use super::browser_storage::storage;

const PREFIX: &str = "storelink.order-choice.";

fn key(portal: &str, deal_id: u64) -> String {
    format!("{PREFIX}{portal}.{deal_id}")
}

/// The remembered order for `deal_id` on portal `portal` (its member ID).
pub fn recall(portal: &str, deal_id: u64) -> Option<u64> {
    storage()?
        .get_item(&key(portal, deal_id))
        .ok()??
        .parse()
        .ok()
}

/// Remembers `order_id` for `deal_id` on portal `portal`; a browser that refuses storage just
/// forgets it.
pub fn remember(portal: &str, deal_id: u64, order_id: u64) {
    if let Some(s) = storage() {
        let _ = s.set_item(&key(portal, deal_id), &order_id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_choice_on_one_portal_is_not_the_same_deals_choice_on_another() {
        remember("portal-a", 9, 501);
        assert_eq!(recall("portal-a", 9), Some(501));
        assert_eq!(recall("portal-b", 9), None);
        remember("portal-b", 9, 777);
        assert_eq!(recall("portal-a", 9), Some(501));
        assert_eq!(recall("portal-b", 9), Some(777));
    }
}
