//! A warehouse column's heading, the same in the deal tab and the lookup.

use crate::i18n::{Lang, fill};
use crate::model::stock::WarehouseColumn;

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
