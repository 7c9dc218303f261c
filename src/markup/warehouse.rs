//! A warehouse column's heading and what a warehouse's figures warn about, the same in the deal
//! tab and the lookup.

use crate::i18n::{Lang, fill};
use crate::markup::format::Fmt;
use crate::model::stock::{WarehouseColumn, WarehouseStock};

/// Its title, or "Warehouse N" when the store no longer names it; marked when the store lists
/// it as inactive.
pub fn warehouse_title(column: &WarehouseColumn, lang: Lang) -> String {
    let t = lang.lookup();
    let title = if column.title.is_empty() {
        fill(t.warehouse_fallback, &[&column.id.to_string()])
    } else {
        column.title.clone()
    };
    if column.active {
        title
    } else {
        fill(t.warehouse_inactive, &[&title])
    }
}

/// Why a warehouse's figures need a look, when they do: more reserved than on hand.
pub fn over_reserved_note(w: &WarehouseStock, fmt: Fmt) -> Option<String> {
    w.over_reserved().then(|| {
        fill(
            fmt.lang.deal().over_reserved,
            &[&fmt.qty(w.reserved), &fmt.qty(w.amount)],
        )
    })
}
