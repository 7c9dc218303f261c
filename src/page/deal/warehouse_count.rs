//! How many warehouses the store had at the last open on this portal, remembered in this
//! browser (`localStorage`): the first open of the next deal sizes its stock commands by it, so
//! a store with many warehouses needs no second stock request.

use super::browser_storage::storage;

const PREFIX: &str = "storelink.warehouse-count.";

/// The remembered count for portal `portal` (its member ID).
pub fn recall(portal: &str) -> Option<usize> {
    storage()?
        .get_item(&format!("{PREFIX}{portal}"))
        .ok()??
        .parse()
        .ok()
        .filter(|n| *n > 0)
}

/// Remembers `count` for `portal`; a browser that refuses storage just forgets it.
pub fn remember(portal: &str, count: usize) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}{portal}"), &count.to_string());
    }
}
