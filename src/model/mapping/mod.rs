//! The order-status ↔ deal-stage mapping, per pipeline.
//!
//! A pipeline's mapping is a list of pairs (store status → deal stage). Several statuses may
//! map to one stage; a status maps to at most one stage per pipeline (settings validation
//! refuses duplicates). Looking up a stage's status returns the first pair naming that stage,
//! so the order of the pairs says which status a stage stands for. A status or stage that is
//! not in the pipeline's list is unmapped: it never moves the other side and produces no
//! difference.
//!
//! [`prefill`](crate::model::mapping::prefill) proposes a mapping by matching names; [`names`](crate::model::mapping::names) normalises names for it.

pub mod names;
pub mod prefill;

use serde::{Deserialize, Serialize};

/// One pair of the mapping: this store order status goes with this deal stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusStage {
    /// The store's order status ID (`N`, `P`, `F`, …).
    pub status_id: String,
    /// The deal stage as a deal's `STAGE_ID` holds it (`NEW`, `C1:WON`, …).
    pub stage_id: String,
}

/// The mapping of one pipeline (deal category).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PipelineMapping {
    /// The pipeline; 0 is the default one.
    pub category_id: i64,
    /// The pairs, in priority order.
    pub pairs: Vec<StatusStage>,
}

impl PipelineMapping {
    /// The stage an order status maps to.
    pub fn stage_for(&self, status_id: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|p| p.status_id == status_id)
            .map(|p| p.stage_id.as_str())
    }

    /// The status a deal stage maps to: the first pair naming the stage.
    pub fn status_for(&self, stage_id: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|p| p.stage_id == stage_id)
            .map(|p| p.status_id.as_str())
    }
}

/// The mapping of every configured pipeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StageMapping {
    /// One entry per pipeline; a pipeline without an entry maps nothing.
    pub pipelines: Vec<PipelineMapping>,
}

impl StageMapping {
    /// The mapping of one pipeline.
    pub fn pipeline(&self, category_id: i64) -> Option<&PipelineMapping> {
        self.pipelines.iter().find(|p| p.category_id == category_id)
    }

    /// The stage of pipeline `category_id` that order status `status_id` maps to.
    pub fn stage_for(&self, category_id: i64, status_id: &str) -> Option<&str> {
        self.pipeline(category_id)?.stage_for(status_id)
    }

    /// Whether a pair of pipeline `category_id` puts status `status_id` with stage `stage_id`
    /// (settings written other than through the settings page may map a status to several
    /// stages: each of them agrees with it).
    pub fn pairs(&self, category_id: i64, status_id: &str, stage_id: &str) -> bool {
        self.pipeline(category_id).is_some_and(|p| {
            p.pairs
                .iter()
                .any(|pair| pair.status_id == status_id && pair.stage_id == stage_id)
        })
    }

    /// The order status that stage `stage_id` of pipeline `category_id` maps to.
    pub fn status_for(&self, category_id: i64, stage_id: &str) -> Option<&str> {
        self.pipeline(category_id)?.status_for(stage_id)
    }

    /// Replaces (or adds) the mapping of one pipeline.
    pub fn set_pipeline(&mut self, mapping: PipelineMapping) {
        match self
            .pipelines
            .iter_mut()
            .find(|p| p.category_id == mapping.category_id)
        {
            Some(existing) => *existing = mapping,
            None => self.pipelines.push(mapping),
        }
    }
}

/// The `ENTITY_ID` of a pipeline's stages in `crm.status.list`: `DEAL_STAGE` for the default
/// pipeline (0), `DEAL_STAGE_<id>` for the others.
pub fn stage_entity_id(category_id: i64) -> String {
    if category_id == 0 {
        "DEAL_STAGE".to_owned()
    } else {
        format!("DEAL_STAGE_{category_id}")
    }
}
