//! What the settings page loads, one request per system, and what the answers mean for it.
//!
//! - The portal batch: the deal fields (to pick the user field holding the order), the deal
//!   pipelines with the stages of each, and the CRM catalogues. Stages are listed per pipeline
//!   (`crm.status.list` pages hold 50 rows), so the batch reads the default pipeline's stages
//!   and those of the first [`STAGE_SLOTS`] pipelines of the list through `$result` references
//!   (`DEAL_STAGE_$result[pipelines][categories][i][id]`). A slot past the end of the list, or
//!   the default pipeline's slot (`DEAL_STAGE_0`), names no list and reads nothing. Portals with
//!   more pipelines get the rest in a second request ([`missing_stages_batch`]).
//! - The store batch: the connection check ([`connection_check_batch`]) and the order-status
//!   names in the rep's language and in English (the fallback).

use std::collections::BTreeMap;

use bitrix_rest::Error;
use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::models::crm::{Category, Deal, FieldInfo, Status};
use bitrix_rest::models::sale::{SaleStatus, StatusLang};
use serde_json::json;

use super::check::{Catalog, ConnectionReport, connection_check_batch, product_catalogs};
use super::failure::RestFailure;
use super::rules::is_user_field_code;
use crate::model::app_admin::AppAdmin;
use crate::model::call::{Batch, Call, result_ref};
use crate::model::mapping::prefill::{NamedStatus, named_statuses};
use crate::model::mapping::stage_entity_id;

/// Pipelines whose stages the portal batch reads by reference.
pub const STAGE_SLOTS: usize = 9;

/// The portal batch's deal fields command (`crm.deal.fields`).
pub const FIELDS: &str = "fields";
/// The portal batch's pipelines command (`crm.category.list`, result key `categories`).
pub const PIPELINES: &str = "pipelines";
/// The portal batch's command for the default pipeline's stages.
pub const DEFAULT_STAGES: &str = "stages";
/// The catalogues command of either batch (`catalog.catalog.list`, result key `catalogs`).
pub const CATALOGS: &str = "catalogs";
/// The recent deals that carry an `ORIGIN_ID`, to tell which sources fill it.
pub const ORIGINS: &str = "origins";
/// The portal batch's current user (`user.current`): the administrator reps will be told to
/// ask once these settings are saved.
pub const ME: &str = "me";
/// The store batch's warehouses command (`catalog.store.list`, result key `stores`).
pub const WAREHOUSES: &str = "warehouses";
/// The store batch's order statuses command (`sale.status.list`, result key `statuses`).
pub const STATUSES: &str = "statuses";
/// The store batch's status names in the rep's language (`statusLangs`).
pub const NAMES: &str = "names";
/// The store batch's status names in English, when the rep's language is another.
pub const NAMES_EN: &str = "names_en";

/// The name of the stage command for the pipeline at `index` in the pipelines list.
pub fn stage_slot(index: usize) -> String {
    format!("stages_{index}")
}

fn stage_list(entity: &str) -> Call {
    Call::new(
        "crm.status.list",
        json!({"filter": {"ENTITY_ID": entity}, "order": {"SORT": "ASC"}}),
    )
}

/// The portal batch: fields, pipelines, stages of the default pipeline and of the first
/// [`STAGE_SLOTS`] pipelines, catalogues.
pub fn portal_batch() -> Batch {
    let mut batch = Batch::new();
    batch.push(FIELDS, Call::new("crm.deal.fields", json!({})));
    batch.push(
        PIPELINES,
        Call::new("crm.category.list", json!({"entityTypeId": 2})),
    );
    batch.push(DEFAULT_STAGES, stage_list(&stage_entity_id(0)));
    for i in 0..STAGE_SLOTS {
        let id = result_ref(PIPELINES, &["categories", &i.to_string(), "id"]);
        batch.push(stage_slot(i), stage_list(&format!("DEAL_STAGE_{id}")));
    }
    batch.push(CATALOGS, Call::new("catalog.catalog.list", json!({})));
    batch.push(
        ORIGINS,
        Call::new(
            "crm.deal.list",
            json!({"filter": {"!ORIGIN_ID": ""}, "select": ["ID", "ORIGIN_ID", "ORIGINATOR_ID"],
                   "order": {"ID": "DESC"}, "start": -1}),
        ),
    );
    batch.push(ME, Call::new("user.current", json!({})));
    batch
}

/// A source that fills deals' `ORIGIN_ID` (their `ORIGINATOR_ID`), and how many of the recent
/// deals it filled: the `ORIGIN_ID` rule's source is picked from these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginSource {
    pub originator: String,
    pub deals: usize,
}

/// An `ORIGIN_ID` rule naming no source, on a portal whose deals get `ORIGIN_ID`s from named
/// sources: any of those integrations' deals would be linked to the store's order with the
/// same ID. Refused at save (on a portal with no such deals, "any source" is the store's).
pub fn origin_rule_problems(
    rules: &[crate::model::settings::LinkRule],
    sources: &[OriginSource],
) -> Vec<crate::model::settings::SettingsProblem> {
    use crate::model::settings::{LinkRule, Problem, SettingsField, SettingsProblem};
    if sources.is_empty() {
        return Vec::new();
    }
    let named: Vec<String> = sources
        .iter()
        .map(|s| format!("{} ({})", s.originator, s.deals))
        .collect();
    rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| {
            matches!(
                rule,
                LinkRule::OriginId {
                    originator_id: None
                }
            )
        })
        .map(|(i, _)| SettingsProblem {
            field: SettingsField::LinkRule(i),
            problem: Problem::OriginSourceNeeded {
                sources: named.join(", "),
            },
        })
        .collect()
}

/// The sources among `deals` (answers to [`ORIGINS`]), the most frequent first; deals with an
/// `ORIGIN_ID` from no named source are not a source to pick.
pub fn origin_sources(deals: &[Deal]) -> Vec<OriginSource> {
    let mut out: Vec<OriginSource> = Vec::new();
    let named = deals
        .iter()
        .filter(|d| crate::model::link::filled(d.origin_id.as_deref()).is_some());
    for originator in named.filter_map(|d| d.originator_id.as_deref().map(str::trim)) {
        if originator.is_empty() {
            continue;
        }
        match out.iter_mut().find(|s| s.originator == originator) {
            Some(known) => known.deals += 1,
            None => out.push(OriginSource {
                originator: originator.to_owned(),
                deals: 1,
            }),
        }
    }
    out.sort_by(|a, b| {
        b.deals
            .cmp(&a.deals)
            .then_with(|| a.originator.cmp(&b.originator))
    });
    out
}

/// The stage lists the portal batch could not cover: pipelines past the slots (the default
/// pipeline's stages are always read). Empty when there are none.
pub fn missing_stages_batch(pipelines: &[Category]) -> Batch {
    let mut batch = Batch::new();
    for (i, pipeline) in pipelines.iter().enumerate().skip(STAGE_SLOTS) {
        if pipeline.id != 0 {
            let id = i64::try_from(pipeline.id).unwrap_or(i64::MAX);
            batch.push(stage_slot(i), stage_list(&stage_entity_id(id)));
        }
    }
    batch
}

/// The store batch: the connection check and the status names in `lang` (and in English).
pub fn store_batch(lang: &str) -> Batch {
    let mut batch = connection_check_batch();
    let names = |lid: &str| {
        Call::new(
            "sale.statusLang.list",
            json!({"filter": {"lid": lid}, "select": ["statusId", "lid", "name"]}),
        )
    };
    batch.push(NAMES, names(lang));
    if !lang.eq_ignore_ascii_case("en") {
        batch.push(NAMES_EN, names("en"));
    }
    batch
}

/// A deal user field the link can use, shown by its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFieldChoice {
    /// `UF_CRM_…`
    pub code: String,
    /// Its label (the code when it has none).
    pub label: String,
}

/// The deal user fields (`UF_CRM_*` only) by label, from `crm.deal.fields`.
pub fn user_field_choices(fields: &BTreeMap<String, FieldInfo>) -> Vec<UserFieldChoice> {
    let mut out: Vec<UserFieldChoice> = fields
        .iter()
        .filter(|(code, _)| is_user_field_code(code))
        .map(|(code, info)| {
            let label = info.label().trim();
            UserFieldChoice {
                code: code.clone(),
                label: if label.is_empty() {
                    code.clone()
                } else {
                    label.to_owned()
                },
            }
        })
        .collect();
    out.sort_by(|a, b| (a.label.to_lowercase(), &a.code).cmp(&(b.label.to_lowercase(), &b.code)));
    out
}

/// What the portal batch gave the page; each part fails on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalChoices {
    /// The deal user fields.
    pub user_fields: Result<Vec<UserFieldChoice>, RestFailure>,
    /// The deal pipelines by sort; a failure here or in their stages fails the mapping.
    pub pipelines: Result<Vec<Category>, RestFailure>,
    /// The stages of every pipeline read.
    pub stages: Vec<Status>,
    /// The portal's product catalogues (variation catalogues left out).
    pub catalogs: Result<Vec<Catalog>, RestFailure>,
    /// Who fills the recent deals' `ORIGIN_ID` (empty when none do, or it could not be read).
    pub origin_sources: Vec<OriginSource>,
    /// The administrator on this page (none when the portal did not say).
    pub me: Option<AppAdmin>,
}

impl PortalChoices {
    /// The choices from each command's outcome (`stages`: every stage command's).
    pub fn of(
        fields: Result<BTreeMap<String, FieldInfo>, Error>,
        pipelines: Result<Vec<Category>, Error>,
        stages: Vec<Result<Vec<Status>, Error>>,
        catalogs: Result<Vec<Catalog>, Error>,
    ) -> PortalChoices {
        let mut all_stages: Vec<Status> = Vec::new();
        let mut stage_failure = None;
        for outcome in stages {
            match outcome {
                Ok(list) => all_stages.extend(list),
                Err(e) => stage_failure = stage_failure.or(Some(RestFailure::of(&e))),
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        all_stages.retain(|s| seen.insert((s.entity_id.clone(), s.status_id.clone())));
        let pipelines = match (pipelines, stage_failure) {
            (Err(e), _) => Err(RestFailure::of(&e)),
            (Ok(_), Some(failure)) => Err(failure),
            (Ok(mut list), None) => {
                list.sort_by_key(|p| (p.sort, p.id));
                Ok(list)
            }
        };
        PortalChoices {
            user_fields: fields
                .map(|f| user_field_choices(&f))
                .map_err(|e| RestFailure::of(&e)),
            pipelines,
            stages: all_stages,
            catalogs: catalogs
                .map(|list| product_catalogs(&list))
                .map_err(|e| RestFailure::of(&e)),
            origin_sources: Vec::new(),
            me: None,
        }
    }
}

/// What the store batch found: the check's report and the lists the page offers.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreFindings {
    /// What "Check connection" reports.
    pub report: ConnectionReport,
    /// Every warehouse, in the store's order (the batch asks for it by sort).
    pub warehouses: Vec<Warehouse>,
    /// The order statuses by sort, named in the rep's language.
    pub statuses: Vec<NamedStatus>,
    /// Why the catalogues could not be listed (the admin then types the ID).
    pub catalogs_failure: Option<RestFailure>,
}

/// The findings of the store batch, or why the store cannot be used: the warehouses' or the
/// statuses' failure (in that order). A failed catalogue list or names list is not fatal.
pub fn store_findings(
    warehouses: Result<Vec<Warehouse>, Error>,
    statuses: Result<Vec<SaleStatus>, Error>,
    catalogs: Result<Vec<Catalog>, Error>,
    names: &[StatusLang],
    lang: &str,
) -> Result<StoreFindings, RestFailure> {
    let warehouses = warehouses.map_err(|e| RestFailure::of(&e))?;
    let statuses = statuses.map_err(|e| RestFailure::of(&e))?;
    let (catalogs, catalogs_failure) = match catalogs {
        Ok(list) => (list, None),
        Err(e) => (Vec::new(), Some(RestFailure::of(&e))),
    };
    Ok(StoreFindings {
        report: ConnectionReport::of(&warehouses, &statuses, &catalogs),
        statuses: named_statuses(&statuses, names, lang),
        warehouses,
        catalogs_failure,
    })
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
