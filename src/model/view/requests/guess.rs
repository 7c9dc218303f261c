//! The store batch of the previous open of a deal, remembered in the browser, so that the next
//! open can send its store batch *alongside* the portal's instead of after it.
//!
//! The store batch is built from the portal's answer (the deal's link fields, its products'
//! XML_IDs), so it cannot be known before that answer — but it rarely changes between two opens
//! of the same deal. The remembered batch is sent at once; when the portal's answer yields the
//! same batch, its answers are used: they are fresh answers to exactly the question this open
//! would have asked. When the batch differs (rows or link changed), the new one is sent after
//! the portal's answer, as without a guess, and the guessed answers are dropped.

use serde_json::{Value, json};

use crate::model::call::{Batch, Call};

/// The methods a store plan calls; a remembered batch that names any other is not sent.
const STORE_METHODS: &[&str] = &[
    "catalog.catalog.list",
    "catalog.measure.list",
    "catalog.price.list",
    "catalog.product.list",
    "catalog.product.offer.list",
    "catalog.store.list",
    "catalog.storeproduct.list",
    "sale.order.get",
    "sale.order.list",
    "sale.propertyvalue.list",
    "sale.status.list",
    "sale.statusLang.list",
];

/// `batch` as text to remember: `[[name, method, params], …]`.
pub fn remember_batch(batch: &Batch) -> String {
    let commands: Vec<Value> = batch
        .commands
        .iter()
        .map(|c| json!([c.name, c.call.method, c.call.params]))
        .collect();
    Value::Array(commands).to_string()
}

/// The batch remembered as `text`; `None` when it is not a store batch written by
/// [`remember_batch`].
pub fn recall_batch(text: &str) -> Option<Batch> {
    let value: Value = serde_json::from_str(text).ok()?;
    let mut batch = Batch::new();
    for command in value.as_array()? {
        let [name, method, params] = command.as_array()?.as_slice() else {
            return None;
        };
        let method = STORE_METHODS
            .iter()
            .find(|m| Some(**m) == method.as_str())?;
        if !params.is_object() {
            return None;
        }
        batch.push(name.as_str()?, Call::new(method, params.clone()));
    }
    (!batch.is_empty()).then_some(batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_batch() -> Batch {
        let mut batch = Batch::new();
        batch.push(
            "link0",
            Call::new(
                "sale.order.list",
                json!({"filter": {"id": 112}, "select": ["id"]}),
            ),
        );
        batch.push(
            "stock0",
            Call::new(
                "catalog.storeproduct.list",
                json!({"filter": {"@productId": ["$result[link0][orders][0][id]"]}}),
            ),
        );
        batch
    }

    #[test]
    fn a_remembered_store_batch_is_recalled_equal() {
        let batch = store_batch();
        assert_eq!(recall_batch(&remember_batch(&batch)), Some(batch));
    }

    #[test]
    fn anything_but_a_remembered_store_batch_is_not_recalled() {
        for text in [
            "",
            "not json",
            "{}",
            "[]",
            r#"[["a", "crm.deal.delete", {"id": 1}]]"#,
            r#"[["a", "sale.order.list"]]"#,
            r#"[["a", "sale.order.list", [1]]]"#,
            r#"[[1, "sale.order.list", {}]]"#,
        ] {
            assert_eq!(recall_batch(text), None, "{text}");
        }
    }
}
