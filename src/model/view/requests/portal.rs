//! The portal batch of a deal open.

use bitrix_rest::models::{catalog::Product, crm::ProductRow};
use serde_json::json;

use super::OpenHints;
use crate::model::call::{Batch, Call, PAGE_SIZE, result_ref, slot_refs};
use crate::model::catalog_query::{product_list_call, variation_list_call};
use crate::model::settings::Settings;
use crate::model::shared_link::{LinkProbe, all_probes, same_link_call};
use crate::model::sorted::sort_dedup;

/// The portal batch and the names of its commands.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalPlan {
    /// What to send.
    pub batch: Batch,
    /// `crm.deal.get`.
    pub deal: String,
    /// `crm.deal.productrows.get`.
    pub rows: String,
    /// `crm.contact.get` (fails, harmlessly, for a deal without a contact).
    pub contact: String,
    /// `crm.status.list` commands (default pipeline, the deal's pipeline); empty when cached.
    pub stages: Vec<String>,
    /// `crm.category.list`, unless cached.
    pub pipelines: Option<String>,
    /// `catalog.product.list` commands for the rows' portal products.
    pub products: Vec<String>,
    /// `catalog.product.offer.list` commands for the rows that are product variations (when
    /// the catalogue has variations): the same slots, in the catalogue of variations.
    pub variations: Vec<String>,
    /// `crm.deal.list` commands for the other deals holding a link to the same order, by probe
    /// (rules recording the link in the deal only).
    pub same_link: Vec<(LinkProbe, String)>,
}

impl PortalPlan {
    /// The batch as HTTP requests (one up to 50 commands; see [`Batch::into_requests`]).
    pub fn requests(&self) -> Vec<Batch> {
        self.batch.clone().into_requests()
    }
}

fn round_up(n: usize) -> usize {
    n.max(1).div_ceil(PAGE_SIZE) * PAGE_SIZE
}

/// `crm.deal.get` of one deal.
pub fn deal_get_call(deal_id: u64) -> Call {
    Call::new("crm.deal.get", json!({ "id": deal_id }))
}

/// The portal batch of a deal open.
pub fn portal_plan(deal_id: u64, settings: &Settings, hints: &OpenHints) -> PortalPlan {
    let mut batch = Batch::new();
    batch.push("deal", deal_get_call(deal_id));
    batch.push(
        "rows",
        Call::new("crm.deal.productrows.get", json!({"id": deal_id})),
    );
    let contact_id = result_ref("deal", &["CONTACT_ID"]);
    batch.push(
        "contact",
        Call::new("crm.contact.get", json!({"id": contact_id})),
    );
    let mut stages = Vec::new();
    if !hints.stages_cached {
        let own = format!("DEAL_STAGE_{}", result_ref("deal", &["CATEGORY_ID"]));
        for (name, entity) in [("stages", "DEAL_STAGE".to_owned()), ("stages_deal", own)] {
            batch.push(
                name,
                Call::new(
                    "crm.status.list",
                    json!({"filter": {"ENTITY_ID": entity}, "order": {"SORT": "ASC"}}),
                ),
            );
            stages.push(name.to_owned());
        }
    }
    let pipelines = (!hints.pipelines_cached).then(|| {
        batch.push(
            "pipelines",
            Call::new("crm.category.list", json!({"entityTypeId": 2})),
        );
        "pipelines".to_owned()
    });
    let mut products = Vec::new();
    let mut variations = Vec::new();
    if let Some(iblock) = settings.portal_iblock_id {
        let extra: Vec<&str> = settings
            .product_property
            .as_ref()
            .map(|p| p.portal.as_str())
            .into_iter()
            .collect();
        let slots = slot_refs(
            "rows",
            &[],
            round_up(hints.row_count.unwrap_or(PAGE_SIZE)),
            "PRODUCT_ID",
        );
        for (i, chunk) in slots.chunks(PAGE_SIZE).enumerate() {
            let name = format!("products{i}");
            batch.push(
                name.clone(),
                product_list_call(iblock, json!({"id": chunk}), &extra, None),
            );
            products.push(name);
            if let Some(offers) = settings.portal_variations_iblock_id {
                let name = format!("variations{i}");
                batch.push(
                    name.clone(),
                    variation_list_call(offers, json!({"id": chunk}), &[], None),
                );
                variations.push(name);
            }
        }
    }
    let mut same_link = Vec::new();
    for probe in all_probes(&settings.link_rules) {
        if let Some(call) = same_link_call(deal_id, &settings.link_rules, probe) {
            let name = probe.name();
            batch.push(name.clone(), call);
            same_link.push((probe, name));
        }
    }
    PortalPlan {
        batch,
        deal: "deal".into(),
        rows: "rows".into(),
        contact: "contact".into(),
        stages,
        pipelines,
        products,
        variations,
        same_link,
    }
}

/// The portal products of rows the batch had no slot for (a deal with more rows than the
/// previous open): `catalog.product.list` commands `more0`, `more1`, … with their IDs, 50 each,
/// or `None` when nothing is missing. Asked only when every products command answered: a
/// failed one is not asked again in the same open.
pub fn missing_portal_products(
    settings: &Settings,
    rows: &[ProductRow],
    products: &[Product],
) -> Option<Batch> {
    let iblock = settings.portal_iblock_id?;
    let mut missing: Vec<u64> = rows
        .iter()
        .filter_map(|r| u64::try_from(r.product_id).ok())
        .filter(|id| *id > 0 && !products.iter().any(|p| p.id == *id))
        .collect();
    sort_dedup(&mut missing);
    if missing.is_empty() {
        return None;
    }
    let extra: Vec<&str> = settings
        .product_property
        .iter()
        .map(|p| p.portal.as_str())
        .collect();
    let mut batch = Batch::new();
    for (i, chunk) in missing.chunks(PAGE_SIZE).enumerate() {
        batch.push(
            format!("more{i}"),
            product_list_call(iblock, json!({ "id": chunk }), &extra, None),
        );
        if let Some(offers) = settings.portal_variations_iblock_id {
            batch.push(
                format!("more_variations{i}"),
                variation_list_call(offers, json!({ "id": chunk }), &[], None),
            );
        }
    }
    Some(batch)
}
