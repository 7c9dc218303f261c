//! "Check connection" in the settings: one store batch that proves the webhook works and
//! reports what the store has (warehouses, order statuses, product catalogues).

use bitrix_rest::models::{catalog::Warehouse, sale::SaleStatus};
use bitrix_rest::value::lenient;
use serde::Deserialize;
use serde_json::json;

use crate::model::call::{Batch, Call};
use crate::model::catalog_query::warehouse_list_call;

/// A product catalogue of the store or portal (`catalog.catalog.list` → `{catalogs}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// The catalogue's information block: what `iblockId` filters take.
    #[serde(deserialize_with = "lenient::id")]
    pub iblock_id: u64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// For a catalogue of variations (offers): the catalogue of their parent products.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub product_iblock_id: Option<u64>,
    /// For a product catalogue: its catalogue of variations, when the list had one (see
    /// [`product_catalogs`]).
    #[serde(skip)]
    pub variations_iblock_id: Option<u64>,
}

/// Product catalogues only, each with its catalogue of variations; the catalogues of
/// variations themselves are left out.
pub fn product_catalogs(catalogs: &[Catalog]) -> Vec<Catalog> {
    catalogs
        .iter()
        .filter(|c| c.product_iblock_id.is_none())
        .map(|c| Catalog {
            variations_iblock_id: catalogs
                .iter()
                .find(|v| v.product_iblock_id == Some(c.iblock_id))
                .map(|v| v.iblock_id),
            ..c.clone()
        })
        .collect()
}

/// The check batch: `warehouses` (`catalog.store.list`), `statuses` (`sale.status.list`, order
/// statuses) and `catalogs` (`catalog.catalog.list`). Any command failing names what is wrong.
pub fn connection_check_batch() -> Batch {
    let mut batch = Batch::new();
    // In the tab's order (sort, then ID), so the page lists them as the tab shows them.
    batch.push("warehouses", warehouse_list_call(0));
    batch.push(
        "statuses",
        Call::new("sale.status.list", json!({"filter": {"type": "O"}})),
    );
    batch.push("catalogs", Call::new("catalog.catalog.list", json!({})));
    batch
}

/// What the check found, for the settings page to report (and to offer choices from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionReport {
    /// Warehouses (active ones).
    pub active_warehouses: usize,
    /// Order statuses.
    pub statuses: usize,
    /// Product catalogues (variation catalogues left out), to pick the store's `iblockId`.
    pub catalogs: Vec<Catalog>,
}

impl ConnectionReport {
    /// The report of the check batch's answers.
    pub fn of(
        warehouses: &[Warehouse],
        statuses: &[SaleStatus],
        catalogs: &[Catalog],
    ) -> ConnectionReport {
        ConnectionReport {
            active_warehouses: warehouses.iter().filter(|w| w.active).count(),
            statuses: statuses
                .iter()
                .filter(|s| s.kind.is_empty() || s.kind.eq_ignore_ascii_case("O"))
                .count(),
            catalogs: product_catalogs(catalogs),
        }
    }

    /// The catalogue to preselect: the only product catalogue, when there is exactly one.
    pub fn single_catalog(&self) -> Option<u64> {
        match self.catalogs.as_slice() {
            [only] => Some(only.iblock_id),
            _ => None,
        }
    }
}
