//! Edits of the form that follow rules: link rules by kind and order, a pipeline's mapping
//! table, the warehouse checkboxes, and the catalogues the loads found.

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::models::crm::{Category, Status};

use super::SettingsForm;
use super::rows::mapping_rows;
use crate::model::mapping::prefill::{NamedStatus, pipeline_stages, prefill_pipeline};
use crate::model::mapping::{PipelineMapping, StatusStage};
use crate::model::settings::rules::{LinkRule, OrderKey};

/// The kinds of link rule, as the kind picker offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A deal user field holds the order.
    UserField,
    /// The deal's `ORIGIN_ID` is the order ID.
    OriginId,
    /// The order's `xmlId` holds the deal ID.
    OrderXmlId,
    /// An order property holds the deal ID.
    OrderProperty,
}

impl LinkKind {
    /// Every kind, in the picker's order.
    pub const ALL: [LinkKind; 4] = [
        LinkKind::UserField,
        LinkKind::OriginId,
        LinkKind::OrderXmlId,
        LinkKind::OrderProperty,
    ];

    /// The kind of a rule.
    pub fn of(rule: &LinkRule) -> LinkKind {
        match rule {
            LinkRule::UserField { .. } => LinkKind::UserField,
            LinkRule::OriginId { .. } => LinkKind::OriginId,
            LinkRule::OrderXmlId => LinkKind::OrderXmlId,
            LinkRule::OrderProperty { .. } => LinkKind::OrderProperty,
        }
    }

    /// Its stable code (as stored in the settings' `kind`).
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::UserField => "user-field",
            LinkKind::OriginId => "origin-id",
            LinkKind::OrderXmlId => "order-xml-id",
            LinkKind::OrderProperty => "order-property",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// A new rule of this kind, its details still to fill in.
    pub fn new_rule(self) -> LinkRule {
        match self {
            LinkKind::UserField => LinkRule::UserField {
                field: String::new(),
                holds: OrderKey::Id,
            },
            LinkKind::OriginId => LinkRule::OriginId {
                originator_id: None,
            },
            LinkKind::OrderXmlId => LinkRule::OrderXmlId,
            LinkKind::OrderProperty => LinkRule::OrderProperty {
                code: String::new(),
            },
        }
    }
}

impl SettingsForm {
    /// Adds a rule at the end: of the first kind not used yet, else a user field rule.
    pub fn add_rule(&mut self) {
        let used: Vec<LinkKind> = self.link_rules.iter().map(LinkKind::of).collect();
        let kind = LinkKind::ALL
            .into_iter()
            .find(|k| !used.contains(k))
            .unwrap_or(LinkKind::UserField);
        self.link_rules.push(kind.new_rule());
    }

    /// Changes the kind of rule `index` (its details start over); same kind: nothing changes.
    pub fn set_rule_kind(&mut self, index: usize, kind: LinkKind) {
        if let Some(rule) = self.link_rules.get_mut(index)
            && LinkKind::of(rule) != kind
        {
            *rule = kind.new_rule();
        }
    }

    /// Replaces rule `index`.
    pub fn set_rule(&mut self, index: usize, rule: LinkRule) {
        if let Some(slot) = self.link_rules.get_mut(index) {
            *slot = rule;
        }
    }

    /// Moves rule `index` one place up (earlier, preferred) or down.
    pub fn move_rule(&mut self, index: usize, up: bool) {
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        };
        if let Some(other) = other
            && index < self.link_rules.len()
            && other < self.link_rules.len()
        {
            self.link_rules.swap(index, other);
        }
    }

    /// Removes rule `index`.
    pub fn remove_rule(&mut self, index: usize) {
        if index < self.link_rules.len() {
            self.link_rules.remove(index);
        }
    }

    /// Proposes a mapping, by names, for every pipeline that has none, once the store's
    /// statuses and the pipeline's stages are known; remembers which were proposed.
    pub fn propose_mappings(
        &mut self,
        pipelines: &[Category],
        statuses: &[NamedStatus],
        stages: &[Status],
    ) {
        if statuses.is_empty() {
            return;
        }
        for pipeline in pipelines {
            let Ok(id) = i64::try_from(pipeline.id) else {
                continue;
            };
            if self.stage_mapping.pipeline(id).is_some() || pipeline_stages(id, stages).is_empty() {
                continue;
            }
            let proposal = prefill_pipeline(id, statuses, stages);
            // A table the names filled nothing in is not called a proposal.
            if !proposal.pairs.is_empty() {
                self.proposed.push(id);
            }
            self.stage_mapping.set_pipeline(proposal);
        }
    }

    /// Maps `status_id` to `stage_id` (or unmaps it) in pipeline `category_id`. The pairs are
    /// kept in the table's order (the store's status order), one per status.
    pub fn set_stage(
        &mut self,
        category_id: i64,
        statuses: &[NamedStatus],
        status_id: &str,
        stage_id: Option<&str>,
    ) {
        let rows = mapping_rows(statuses, self.stage_mapping.pipeline(category_id));
        let pairs = rows
            .into_iter()
            .filter_map(|row| {
                let stage = if row.status_id == status_id {
                    stage_id.map(str::to_owned)
                } else {
                    row.stage_id
                };
                stage.map(|stage_id| StatusStage {
                    status_id: row.status_id,
                    stage_id,
                })
            })
            .collect();
        self.stage_mapping
            .set_pipeline(PipelineMapping { category_id, pairs });
    }

    /// Shows or hides warehouse `id`; the chosen ones stay in the store's order (then those
    /// the store no longer lists, as they were).
    pub fn set_warehouse(&mut self, id: u64, shown: bool, warehouses: &[Warehouse]) {
        let chosen = |w: u64| {
            if w == id {
                shown
            } else {
                self.warehouses.contains(&w)
            }
        };
        let known: Vec<u64> = warehouses
            .iter()
            .map(|w| w.id)
            .filter(|w| chosen(*w))
            .collect();
        let unknown = self
            .warehouses
            .iter()
            .copied()
            .filter(|w| *w != id && !warehouses.iter().any(|k| k.id == *w));
        let mut next = known;
        next.extend(unknown);
        if shown && !next.contains(&id) {
            next.push(id);
        }
        self.warehouses = next;
    }

    /// Fills the catalogue boxes that are still empty with the only catalogue found.
    pub fn prefill_catalogs(&mut self, store: Option<u64>, portal: Option<u64>) {
        for (text, found) in [
            (&mut self.store_iblock, store),
            (&mut self.portal_iblock, portal),
        ] {
            if let Some(id) = found
                && text.trim().is_empty()
            {
                *text = id.to_string();
            }
        }
    }
}
