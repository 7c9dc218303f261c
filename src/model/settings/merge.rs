//! Two admins saving the settings: what this page changed since it read them, merged into what
//! another admin saved meanwhile. A part only one of them changed comes from that one; a part
//! both changed, to different values, is a clash this admin decides.

use super::validate::SettingsField;
use super::{FieldLabel, Settings};
use crate::model::mapping::StageMapping;

/// This page's edits merged into another admin's save.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// Their settings with every part this page changed taken from this page (a clashing part
    /// too: it is this page's value, to be saved once the admin confirms).
    pub settings: Settings,
    /// The parts taken from their save: they changed them, this page did not.
    pub theirs: Vec<SettingsField>,
    /// The parts both changed, to different values.
    pub clashes: Vec<SettingsField>,
}

/// Merges `mine` (this page's settings, edited from `base`) into `theirs` (saved meanwhile).
pub fn merge(base: &Settings, mine: &Settings, theirs: &Settings) -> Merge {
    let mut parts = Parts {
        base,
        mine,
        theirs,
        taken: Vec::new(),
        clashes: Vec::new(),
    };
    let pick = |from_mine: bool| if from_mine { mine } else { theirs };
    let store_webhook = pick(parts.mine_wins(SettingsField::StoreWebhook, |s| &s.store_webhook));
    // A catalogue's variations go with the catalogue.
    let store = pick(parts.mine_wins(SettingsField::StoreIblock, |s| &s.store_iblock_id));
    let portal = pick(parts.mine_wins(SettingsField::PortalIblock, |s| &s.portal_iblock_id));
    let rules = pick(parts.mine_wins(SettingsField::LinkRules, |s| &s.link_rules));
    let property =
        pick(parts.mine_wins(SettingsField::ProductPropertyStore, |s| &s.product_property));
    let article = pick(parts.mine_wins(SettingsField::ArticleProperty, |s| &s.article_property));
    let variation_article = pick(
        parts.mine_wins(SettingsField::VariationArticleProperty, |s| {
            &s.variation_article_property
        }),
    );
    let price = pick(parts.mine_wins(SettingsField::PriceType, |s| &s.price_type_id));
    let stage_mapping = parts.stage_mapping();
    let warehouses = pick(parts.mine_wins(SettingsField::Warehouses, |s| &s.warehouses));
    let poll = pick(parts.mine_wins(SettingsField::PollInterval, |s| &s.poll_interval_secs));
    // The labels of both saves, this page's first: the rules kept name fields from either.
    let mut field_labels = mine.field_labels.clone();
    field_labels.extend(
        theirs
            .field_labels
            .iter()
            .filter(|l| FieldLabel::of(&mine.field_labels, &l.field).is_none())
            .cloned(),
    );
    Merge {
        settings: Settings {
            version: mine.version.max(theirs.version),
            store_webhook: store_webhook.store_webhook.clone(),
            store_iblock_id: store.store_iblock_id,
            store_variations_iblock_id: store.store_variations_iblock_id,
            portal_iblock_id: portal.portal_iblock_id,
            portal_variations_iblock_id: portal.portal_variations_iblock_id,
            link_rules: rules.link_rules.clone(),
            product_property: property.product_property.clone(),
            article_property: article.article_property.clone(),
            variation_article_property: variation_article.variation_article_property.clone(),
            price_type_id: price.price_type_id,
            stage_mapping,
            warehouses: warehouses.warehouses.clone(),
            poll_interval_secs: poll.poll_interval_secs,
            field_labels,
        },
        theirs: parts.taken,
        clashes: parts.clashes,
    }
}

/// The three versions, and what comparing them part by part found so far.
struct Parts<'a> {
    base: &'a Settings,
    mine: &'a Settings,
    theirs: &'a Settings,
    taken: Vec<SettingsField>,
    clashes: Vec<SettingsField>,
}

impl Parts<'_> {
    /// True when the part `field` (read by `get`) comes from this page: it changed it. A part
    /// only they changed is noted as taken from them; one both changed differently, a clash.
    fn mine_wins<T: PartialEq>(
        &mut self,
        field: SettingsField,
        get: impl Fn(&Settings) -> &T,
    ) -> bool {
        let (base, mine, theirs) = (get(self.base), get(self.mine), get(self.theirs));
        self.note(field, base, mine, theirs)
    }

    fn note<T: PartialEq>(&mut self, field: SettingsField, base: &T, mine: &T, theirs: &T) -> bool {
        let mine_changed = mine != base;
        if theirs != base && theirs != mine {
            match mine_changed {
                true => self.clashes.push(field),
                false => self.taken.push(field),
            }
        }
        mine_changed
    }

    /// The mapping, pipeline by pipeline: each pipeline is a part of its own.
    fn stage_mapping(&mut self) -> StageMapping {
        let (base, mine, theirs) = (
            &self.base.stage_mapping,
            &self.mine.stage_mapping,
            &self.theirs.stage_mapping,
        );
        let mut categories: Vec<i64> = Vec::new();
        for pipeline in theirs.pipelines.iter().chain(&mine.pipelines) {
            if !categories.contains(&pipeline.category_id) {
                categories.push(pipeline.category_id);
            }
        }
        let pipelines = categories
            .into_iter()
            .filter_map(|category_id| {
                let field = SettingsField::StageMapping { category_id };
                let [b, m, t] = [base, mine, theirs].map(|s| s.pipeline(category_id));
                let from = if self.note(field, &b, &m, &t) { m } else { t };
                from.cloned()
            })
            .collect();
        StageMapping { pipelines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mapping::{PipelineMapping, StatusStage};
    use crate::model::settings::LinkRule;
    use crate::model::webhook::StoreWebhook;

    fn base() -> Settings {
        Settings {
            store_webhook: Some(
                StoreWebhook::parse("https://shop.example/rest/7/abcdef0123456789/").unwrap(),
            ),
            store_iblock_id: Some(2),
            store_variations_iblock_id: Some(3),
            portal_iblock_id: Some(25),
            stage_mapping: StageMapping {
                pipelines: vec![pipeline(0, "F", "WON"), pipeline(1, "F", "C1:WON")],
            },
            warehouses: vec![1, 2],
            ..Settings::default()
        }
    }

    fn pipeline(category_id: i64, status: &str, stage: &str) -> PipelineMapping {
        PipelineMapping {
            category_id,
            pairs: vec![StatusStage {
                status_id: status.into(),
                stage_id: stage.into(),
            }],
        }
    }

    #[test]
    fn parts_each_admin_changed_alone_are_all_kept() {
        let base = base();
        let mine = Settings {
            warehouses: vec![2],
            variation_article_property: Some("property121".into()),
            ..base.clone()
        };
        let theirs = Settings {
            poll_interval_secs: 45,
            article_property: Some("property105".into()),
            ..base.clone()
        };
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.settings.warehouses, vec![2]);
        assert_eq!(
            merged.settings.variation_article_property.as_deref(),
            Some("property121")
        );
        assert_eq!(merged.settings.poll_interval_secs, 45);
        assert_eq!(
            merged.settings.article_property.as_deref(),
            Some("property105")
        );
        assert_eq!(
            merged.theirs,
            vec![SettingsField::ArticleProperty, SettingsField::PollInterval]
        );
        assert!(merged.clashes.is_empty());
    }

    #[test]
    fn a_part_both_changed_differently_is_a_clash_holding_this_pages_value() {
        let base = base();
        let mine = Settings {
            poll_interval_secs: 7,
            ..base.clone()
        };
        let theirs = Settings {
            poll_interval_secs: 45,
            warehouses: vec![1],
            ..base.clone()
        };
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.clashes, vec![SettingsField::PollInterval]);
        assert_eq!(merged.settings.poll_interval_secs, 7);
        assert_eq!(
            merged.settings.warehouses,
            vec![1],
            "theirs, untouched here"
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_neither_a_clash_nor_theirs() {
        let base = base();
        let both = Settings {
            link_rules: vec![LinkRule::OrderXmlId],
            ..base.clone()
        };
        let merged = merge(&base, &both, &both);
        assert!(merged.clashes.is_empty() && merged.theirs.is_empty());
        assert_eq!(merged.settings, both);
    }

    #[test]
    fn stage_mappings_merge_pipeline_by_pipeline() {
        let base = base();
        let mine = Settings {
            stage_mapping: StageMapping {
                pipelines: vec![pipeline(0, "F", "LOSE"), pipeline(1, "F", "C1:WON")],
            },
            ..base.clone()
        };
        let theirs = Settings {
            stage_mapping: StageMapping {
                pipelines: vec![
                    pipeline(0, "F", "WON"),
                    pipeline(1, "P", "C1:WON"),
                    pipeline(2, "F", "C2:WON"),
                ],
            },
            ..base.clone()
        };
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(
            merged.settings.stage_mapping.pipelines,
            vec![
                pipeline(0, "F", "LOSE"),
                pipeline(1, "P", "C1:WON"),
                pipeline(2, "F", "C2:WON")
            ]
        );
        assert_eq!(
            merged.theirs,
            vec![
                SettingsField::StageMapping { category_id: 1 },
                SettingsField::StageMapping { category_id: 2 }
            ]
        );
        assert!(merged.clashes.is_empty());
    }

    #[test]
    fn a_catalogue_keeps_its_own_variations_from_the_side_it_comes_from() {
        let base = base();
        let mine = Settings {
            warehouses: vec![],
            ..base.clone()
        };
        let theirs = Settings {
            store_iblock_id: Some(7),
            store_variations_iblock_id: Some(8),
            ..base.clone()
        };
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.settings.store_iblock_id, Some(7));
        assert_eq!(merged.settings.store_variations_iblock_id, Some(8));
        assert_eq!(merged.settings.warehouses, Vec::<u64>::new());
    }

    #[test]
    fn field_labels_of_both_saves_are_kept_this_pages_first() {
        let label = |field: &str, label: &str| FieldLabel {
            field: field.into(),
            label: label.into(),
        };
        let base = base();
        let mine = Settings {
            field_labels: vec![label("UF_CRM_A", "Заказ")],
            ..base.clone()
        };
        let theirs = Settings {
            field_labels: vec![label("UF_CRM_A", "Order"), label("UF_CRM_B", "Site")],
            ..base.clone()
        };
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(
            merged.settings.field_labels,
            vec![label("UF_CRM_A", "Заказ"), label("UF_CRM_B", "Site")]
        );
    }
}
