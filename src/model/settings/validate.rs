//! Validation of settings before they are saved: every problem, each naming its field and
//! reason, so the UI can say all of them at once and save nothing half-way.

use std::collections::BTreeSet;

use super::rules::{LinkRule, is_property_code, is_property_key, is_user_field_code};
use super::{MAX_POLL_SECS, MIN_POLL_SECS, Settings};
use crate::model::mapping::StageMapping;
use crate::model::mapping::prefill::pipeline_stages;
use crate::model::webhook::WebhookError;
use bitrix_rest::models::crm::Status;

/// Which setting a problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsField {
    /// The store's webhook URL.
    StoreWebhook,
    /// The store catalogue's information block.
    StoreIblock,
    /// The portal catalogue's information block.
    PortalIblock,
    /// The list of link rules as a whole.
    LinkRules,
    /// One link rule, by its position (0-based).
    LinkRule(usize),
    /// The portal-side key of the matching property.
    ProductPropertyPortal,
    /// The store-side key of the matching property.
    ProductPropertyStore,
    /// The article property.
    ArticleProperty,
    /// The article property of the catalogue of variations.
    VariationArticleProperty,
    /// The price type.
    PriceType,
    /// The status mapping of one pipeline.
    StageMapping {
        /// The pipeline.
        category_id: i64,
    },
    /// The warehouses to show.
    Warehouses,
    /// The polling interval.
    PollInterval,
}

/// What is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Required and not set.
    Missing,
    /// The webhook URL is not usable, and why.
    Webhook(WebhookError),
    /// Not a deal user field code (`UF_CRM_…`).
    NotAUserField,
    /// Not a product property key (`property<ID>`).
    NotAPropertyKey,
    /// The store's catalogue has no such property (it refused to list it).
    UnknownStoreProperty {
        /// The key, `property<ID>`.
        key: String,
    },
    /// A property named anew could not be checked: the store did not answer.
    PropertyUnchecked {
        /// The key, `property<ID>`.
        key: String,
    },
    /// A variation's property is named, but the store's catalogue has no catalogue of
    /// variations.
    NoVariations,
    /// Not an order property code.
    NotAPropertyCode,
    /// The originator ID is set but blank.
    BlankOriginator,
    /// An `ORIGIN_ID` rule names no source while the portal's deals have several.
    OriginSourceNeeded {
        /// The sources found, with their deal counts: `1c (3), ozon (2)`.
        sources: String,
    },
    /// The same rule appears twice; the position of the first one.
    DuplicateRule {
        /// Position of the earlier identical rule.
        first: usize,
    },
    /// The same status is mapped twice in one pipeline.
    DuplicateStatus {
        /// The status.
        status_id: String,
    },
    /// A pair of the mapping has an empty status or stage.
    EmptyPair,
    /// A stage of another pipeline (`C2:…` in pipeline 1).
    StageOfOtherPipeline {
        /// The stage.
        stage_id: String,
    },
    /// A stage of this pipeline that the portal no longer has (deleted since it was mapped).
    StageGone {
        /// The stage.
        stage_id: String,
    },
    /// The same pipeline has two mapping tables.
    DuplicatePipeline,
    /// The same warehouse is listed twice.
    DuplicateWarehouse {
        /// The warehouse.
        id: u64,
    },
    /// An ID of 0.
    ZeroId,
    /// A number outside the allowed range.
    OutOfRange {
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
}

/// One problem: the field and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    /// Which setting.
    pub field: SettingsField,
    /// What is wrong.
    pub problem: Problem,
}

impl Settings {
    /// Every problem that keeps these settings from being saved; empty when they are valid.
    ///
    /// A store connection needs the webhook and both catalogue IDs; everything else has
    /// defaults. Settings with no webhook at all are valid (the app is simply not connected).
    pub fn validate(&self) -> Vec<SettingsProblem> {
        let mut out = Vec::new();
        let mut push =
            |field: SettingsField, problem: Problem| out.push(SettingsProblem { field, problem });
        if self.store_webhook.is_some() {
            if self.store_iblock_id.is_none() {
                push(SettingsField::StoreIblock, Problem::Missing);
            }
            if self.portal_iblock_id.is_none() {
                push(SettingsField::PortalIblock, Problem::Missing);
            }
        }
        if self.link_rules.is_empty() {
            push(SettingsField::LinkRules, Problem::Missing);
        }
        for (i, rule) in self.link_rules.iter().enumerate() {
            if let Some(first) = self.link_rules[..i].iter().position(|r| r == rule) {
                push(SettingsField::LinkRule(i), Problem::DuplicateRule { first });
            }
            match rule {
                LinkRule::UserField { field, .. } if !is_user_field_code(field) => {
                    push(SettingsField::LinkRule(i), Problem::NotAUserField)
                }
                LinkRule::OriginId {
                    originator_id: Some(o),
                } if o.trim().is_empty() => {
                    push(SettingsField::LinkRule(i), Problem::BlankOriginator)
                }
                LinkRule::OrderProperty { code } if !is_property_code(code) => {
                    push(SettingsField::LinkRule(i), Problem::NotAPropertyCode)
                }
                _ => {}
            }
        }
        // Every property named by key (`property<ID>`).
        let pair = self.product_property.as_ref();
        let keys = [
            (
                SettingsField::ProductPropertyPortal,
                pair.map(|p| p.portal.as_str()),
            ),
            (
                SettingsField::ProductPropertyStore,
                pair.map(|p| p.store.as_str()),
            ),
            (
                SettingsField::ArticleProperty,
                self.article_property.as_deref(),
            ),
            (
                SettingsField::VariationArticleProperty,
                self.variation_article_property.as_deref(),
            ),
        ];
        for (field, key) in keys {
            if key.is_some_and(|k| !is_property_key(k)) {
                push(field, Problem::NotAPropertyKey);
            }
        }
        if self.price_type_id == 0 {
            push(SettingsField::PriceType, Problem::ZeroId);
        }
        for found in mapping_problems(&self.stage_mapping) {
            push(found.field, found.problem);
        }
        let mut warehouses = BTreeSet::new();
        for &id in &self.warehouses {
            if id == 0 {
                push(SettingsField::Warehouses, Problem::ZeroId);
            } else if !warehouses.insert(id) {
                push(
                    SettingsField::Warehouses,
                    Problem::DuplicateWarehouse { id },
                );
            }
        }
        if !(MIN_POLL_SECS..=MAX_POLL_SECS).contains(&self.poll_interval_secs) {
            push(
                SettingsField::PollInterval,
                Problem::OutOfRange {
                    min: MIN_POLL_SECS,
                    max: MAX_POLL_SECS,
                },
            );
        }
        out
    }
}

/// True when a stage code belongs to the pipeline: `C<id>:…` for pipeline `id` > 0, no `C…:`
/// prefix for the default pipeline.
/// The problems of a status-to-stage mapping that need no portal to tell: a pipeline twice, a
/// status mapped twice, an empty pair, another pipeline's stage. Refused at save, and said
/// when the page opens.
pub fn mapping_problems(mapping: &StageMapping) -> Vec<SettingsProblem> {
    let mut out = Vec::new();
    let mut push =
        |field: SettingsField, problem: Problem| out.push(SettingsProblem { field, problem });
    let mut pipelines = BTreeSet::new();
    for pipeline in &mapping.pipelines {
        let field = || SettingsField::StageMapping {
            category_id: pipeline.category_id,
        };
        if !pipelines.insert(pipeline.category_id) {
            push(field(), Problem::DuplicatePipeline);
        }
        let mut seen = BTreeSet::new();
        for pair in &pipeline.pairs {
            if pair.status_id.trim().is_empty() || pair.stage_id.trim().is_empty() {
                push(field(), Problem::EmptyPair);
                continue;
            }
            if !seen.insert(pair.status_id.as_str()) {
                push(
                    field(),
                    Problem::DuplicateStatus {
                        status_id: pair.status_id.clone(),
                    },
                );
            }
            if !stage_in_pipeline(&pair.stage_id, pipeline.category_id) {
                push(
                    field(),
                    Problem::StageOfOtherPipeline {
                        stage_id: pair.stage_id.clone(),
                    },
                );
            }
        }
    }
    out
}

/// The mapping's pairs whose stage belongs to their pipeline but is no longer among the
/// portal's `stages` (deleted since it was mapped): refused at save, and said when the page
/// opens. A pipeline whose stages are not known is not judged.
pub fn gone_stage_problems(mapping: &StageMapping, stages: &[Status]) -> Vec<SettingsProblem> {
    let mut out = Vec::new();
    for pipeline in &mapping.pipelines {
        let own = pipeline_stages(pipeline.category_id, stages);
        if own.is_empty() {
            continue;
        }
        for pair in &pipeline.pairs {
            let gone = stage_in_pipeline(&pair.stage_id, pipeline.category_id)
                && !own.iter().any(|s| s.status_id == pair.stage_id);
            if gone {
                out.push(SettingsProblem {
                    field: SettingsField::StageMapping {
                        category_id: pipeline.category_id,
                    },
                    problem: Problem::StageGone {
                        stage_id: pair.stage_id.clone(),
                    },
                });
            }
        }
    }
    out
}

fn stage_in_pipeline(stage_id: &str, category_id: i64) -> bool {
    let prefix = stage_id
        .split_once(':')
        .and_then(|(p, _)| p.strip_prefix('C'))
        .and_then(|n| n.parse::<i64>().ok());
    match prefix {
        Some(id) => id == category_id,
        None => category_id == 0,
    }
}

/// Reads the webhook box of the settings form: blank means "no store connection" (`None`);
/// anything else must be a valid webhook URL.
pub fn webhook_from_input(
    text: &str,
) -> Result<Option<crate::model::webhook::StoreWebhook>, SettingsProblem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::model::webhook::StoreWebhook::parse(text)
        .map(Some)
        .map_err(|e| SettingsProblem {
            field: SettingsField::StoreWebhook,
            problem: Problem::Webhook(e),
        })
}
