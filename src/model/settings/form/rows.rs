//! The rows the settings tables show: a pipeline's mapping rows and the warehouse checkboxes,
//! including what the settings name but the store no longer lists (so it can be seen and
//! removed).

use bitrix_rest::models::catalog::Warehouse;

use crate::model::mapping::PipelineMapping;
use crate::model::mapping::prefill::NamedStatus;
use crate::model::stock::told_apart;

/// One row of a pipeline's mapping table: an order status and the stage it moves deals to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRow {
    /// The store's status ID.
    pub status_id: String,
    /// Its name; `None` for a status the mapping names but the store no longer has.
    pub name: Option<String>,
    /// The stage; `None` = unmapped (the stage is left alone).
    pub stage_id: Option<String>,
}

/// The rows of a pipeline's table: the store's statuses in its order, then statuses the
/// mapping names that the store does not list (so they can be seen and unmapped).
pub fn mapping_rows(
    statuses: &[NamedStatus],
    mapping: Option<&PipelineMapping>,
) -> Vec<MappingRow> {
    let stage = |id: &str| mapping.and_then(|m| m.stage_for(id)).map(str::to_owned);
    let mut rows: Vec<MappingRow> = statuses
        .iter()
        .map(|s| MappingRow {
            status_id: s.id.clone(),
            name: Some(s.name.clone()),
            stage_id: stage(&s.id),
        })
        .collect();
    for pair in mapping.map(|m| m.pairs.as_slice()).unwrap_or_default() {
        if !rows.iter().any(|r| r.status_id == pair.status_id) {
            rows.push(MappingRow {
                status_id: pair.status_id.clone(),
                name: None,
                stage_id: Some(pair.stage_id.clone()),
            });
        }
    }
    rows
}

/// One warehouse checkbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarehouseRow {
    /// The warehouse.
    pub id: u64,
    /// Its title; `None` for a chosen warehouse the store no longer lists.
    pub title: Option<String>,
    /// Whether the store marks it active.
    pub active: bool,
    /// Whether it is chosen.
    pub shown: bool,
}

/// The checkboxes: the store's warehouses in its order, then chosen ones it no longer lists.
pub fn warehouse_rows(warehouses: &[Warehouse], chosen: &[u64]) -> Vec<WarehouseRow> {
    let mut rows: Vec<WarehouseRow> = warehouses
        .iter()
        .map(|w| WarehouseRow {
            id: w.id,
            title: Some(told_apart(w, warehouses)),
            active: w.active,
            shown: chosen.contains(&w.id),
        })
        .collect();
    for &id in chosen {
        if !warehouses.iter().any(|w| w.id == id) {
            rows.push(WarehouseRow {
                id,
                title: None,
                active: false,
                shown: true,
            });
        }
    }
    rows
}
