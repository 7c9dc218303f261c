//! The store batch of the last open of each deal, remembered in this browser (`localStorage`)
//! so that the next open sends it alongside the portal's batch
//! (see [`crate::model::view::requests::guess`]). It holds IDs, XML_IDs and filters only, for
//! the [`KEPT`] deals opened last.

use super::browser_storage::storage;
use crate::model::call::Batch;
use crate::model::view::requests::guess::{recall_batch, remember_batch};

const PREFIX: &str = "storelink.store-batch.";

/// The keys of the remembered batches, oldest first (space-separated).
const INDEX: &str = "storelink.store-batches";

/// How many deals' batches are kept: a rep who opens deal after deal does not fill the
/// browser's storage.
const KEPT: usize = 50;

fn key(portal: &str, deal_id: u64) -> String {
    format!("{PREFIX}{portal}.{deal_id}")
}

/// The store batch of the last open of `deal_id` on portal `portal` (its member ID).
pub fn recall(portal: &str, deal_id: u64) -> Option<Batch> {
    recall_batch(&storage()?.get_item(&key(portal, deal_id)).ok()??)
}

/// Remembers `batch` for `deal_id`, forgetting the oldest beyond [`KEPT`]; a browser that
/// refuses storage just forgets it.
pub fn remember(portal: &str, deal_id: u64, batch: &Batch) {
    let Some(s) = storage() else { return };
    let this = key(portal, deal_id);
    let index = s.get_item(INDEX).ok().flatten().unwrap_or_default();
    let mut keys: Vec<&str> = index
        .split(' ')
        .filter(|k| !k.is_empty() && *k != this)
        .collect();
    keys.push(&this);
    let excess = keys.len().saturating_sub(KEPT);
    for old in keys.drain(..excess) {
        let _ = s.remove_item(old);
    }
    let _ = s.set_item(INDEX, &keys.join(" "));
    let _ = s.set_item(&this, &remember_batch(batch));
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    use super::*;
    use crate::model::call::Call;

    wasm_bindgen_test_configure!(run_in_browser);

    fn batch(order: u64) -> Batch {
        let mut b = Batch::new();
        b.push(
            "link0",
            Call::new("sale.order.list", json!({"filter": {"id": order}})),
        );
        b
    }

    #[wasm_bindgen_test]
    fn the_store_batch_of_each_deal_is_recalled_and_only_the_latest_deals_are_kept() {
        let portal = "test-store-guess";
        for deal in 1..=(KEPT as u64 + 1) {
            remember(portal, deal, &batch(100 + deal));
        }
        remember(portal, 2, &batch(7));
        assert_eq!(recall(portal, 1), None, "the oldest deal is forgotten");
        assert_eq!(
            recall(portal, 2),
            Some(batch(7)),
            "the newest batch of deal 2"
        );
        assert_eq!(recall(portal, 3), Some(batch(103)));
        assert_eq!(recall("another-portal", 3), None);
        assert_eq!(
            recall(portal, KEPT as u64 + 1),
            Some(batch(100 + KEPT as u64 + 1))
        );
    }
}
