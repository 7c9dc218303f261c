//! A proposed mapping for a pipeline, by matching names, for the settings table to start from.
//!
//! The rules, applied to each order status in the store's sort order, first that applies wins:
//! 1. **Same name**: the first stage (by sort) whose name equals the status name after
//!    [`normalize_name`] (case, `ё`/`е`, punctuation and spaces ignored).
//! 2. **Completed → won**: a status with ID `F` (the store's built-in final status) or named
//!    like a completed order (`Выполнен`, `Завершён`, `Completed`, `Finished`, `Done`) maps to
//!    the pipeline's first won stage (semantics `S`).
//! 3. **Canceled → lost, only when names agree**: a status whose name says "canceled"
//!    (`отмен…`, `аннул…`, `cancel…`) maps to the first lost stage (semantics `F`) whose name
//!    says so too. A lost stage named e.g. "Проиграна" / "Lost" is never chosen.
//! 4. Otherwise the status stays unmapped.
//!
//! Only order statuses (type `O`) are considered; delivery statuses (`D`) never map.

use bitrix_rest::models::{
    crm::Status,
    sale::{SaleStatus, StatusLang},
};

use super::names::{names_alike, names_cancellation, names_completion, normalize_name};
use super::{PipelineMapping, StatusStage, stage_entity_id};

/// An order status with its name in the rep's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedStatus {
    /// The status ID (`N`, `P`, `F`, …).
    pub id: String,
    /// Its name (the ID itself when the store has no name for it).
    pub name: String,
}

/// The store's order statuses (type `O`, or no type) in sort order, each named in `lang`,
/// else in English, else in any language the store has, else by its ID.
pub fn named_statuses(
    statuses: &[SaleStatus],
    names: &[StatusLang],
    lang: &str,
) -> Vec<NamedStatus> {
    let mut order: Vec<&SaleStatus> = statuses
        .iter()
        .filter(|s| s.kind.is_empty() || s.kind.eq_ignore_ascii_case("O"))
        .collect();
    order.sort_by_key(|s| s.sort);
    order
        .into_iter()
        .map(|s| NamedStatus {
            id: s.id.clone(),
            name: status_name(&s.id, names, lang).unwrap_or(&s.id).to_owned(),
        })
        .collect()
}

/// The name of status `status_id` in `lang`, else in English, else in any language.
pub fn status_name<'a>(status_id: &str, names: &'a [StatusLang], lang: &str) -> Option<&'a str> {
    let of = |pred: &dyn Fn(&StatusLang) -> bool| {
        names
            .iter()
            .find(|n| n.status_id == status_id && !n.name.trim().is_empty() && pred(n))
            .map(|n| n.name.as_str())
    };
    of(&|n| n.lid.eq_ignore_ascii_case(lang))
        .or_else(|| of(&|n| n.lid.eq_ignore_ascii_case("en")))
        .or_else(|| of(&|_| true))
}

/// The stages of pipeline `category_id` among `stages` (any pipelines), in sort order.
pub fn pipeline_stages(category_id: i64, stages: &[Status]) -> Vec<&Status> {
    let entity = stage_entity_id(category_id);
    let mut own: Vec<&Status> = stages.iter().filter(|s| s.entity_id == entity).collect();
    own.sort_by_key(|s| s.sort);
    own
}

/// Each stage's ID and the name a choice shows: two stages of one name (in any letter case)
/// are told apart by their IDs («В работе (S5)», «в работе (S6)»).
pub fn stage_choices(stages: &[&Status]) -> Vec<(String, String)> {
    let names: Vec<String> = stages.iter().map(|s| normalize_name(&s.name)).collect();
    stages
        .iter()
        .zip(&names)
        .map(|(s, name)| {
            let twin = stages
                .iter()
                .zip(&names)
                .any(|(o, other)| o.status_id != s.status_id && other == name);
            let name = match twin {
                true => format!("{} ({})", s.name.trim(), s.status_id),
                false => s.name.clone(),
            };
            (s.status_id.clone(), name)
        })
        .collect()
}

/// Proposes the mapping of pipeline `category_id` (see the module doc for the rules).
pub fn prefill_pipeline(
    category_id: i64,
    statuses: &[NamedStatus],
    stages: &[Status],
) -> PipelineMapping {
    let stages = pipeline_stages(category_id, stages);
    let stage_names: Vec<String> = stages.iter().map(|s| normalize_name(&s.name)).collect();
    let won = stages
        .iter()
        .copied()
        .find(|s| s.semantics.as_deref() == Some("S"));
    let lost_canceled = stages
        .iter()
        .zip(&stage_names)
        .find(|(s, name)| s.is_lost() && names_cancellation(name))
        .map(|(s, _)| *s);

    let pairs = statuses
        .iter()
        .filter_map(|status| {
            let name = normalize_name(&status.name);
            // The same name first, else one that differs by its endings only.
            let same_name = stage_names
                .iter()
                .position(|n| !n.is_empty() && *n == name)
                .or_else(|| stage_names.iter().position(|n| names_alike(n, &name)))
                .map(|i| stages[i]);
            let completed = (status.id == "F" || names_completion(&name))
                .then_some(won)
                .flatten();
            let canceled = names_cancellation(&name).then_some(lost_canceled).flatten();
            same_name
                .or(completed)
                .or(canceled)
                .map(|stage| StatusStage {
                    status_id: status.id.clone(),
                    stage_id: stage.status_id.clone(),
                })
        })
        .collect();
    PipelineMapping { category_id, pairs }
}
