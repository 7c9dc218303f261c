//! The settings form: what the admin types and picks, turned into [`Settings`] with every
//! problem at once, so nothing is saved half-way.
//!
//! Free text stays text until it is saved (an ID box holding `12a` is a problem, not a silent
//! default). The webhook box starts with the saved webhook masked: left alone it keeps the
//! saved one, edited it replaces it, emptied it disconnects the store.

mod edits;
mod rows;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_edits;

pub use edits::LinkKind;
pub use rows::{MappingRow, WarehouseRow, mapping_rows, warehouse_rows};

use super::rules::{LinkRule, PropertyPair, property_key};
use super::validate::{Problem, SettingsField, SettingsProblem, webhook_from_input};
use super::{MAX_POLL_SECS, MIN_POLL_SECS, SETTINGS_VERSION, Settings};
use crate::model::mapping::StageMapping;
use crate::model::webhook::StoreWebhook;

/// The webhook box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookInput {
    /// What the box shows: the saved webhook masked until the admin edits it.
    pub text: String,
    /// True once the admin changed the text.
    pub edited: bool,
}

impl WebhookInput {
    /// The box for a saved webhook (masked) or none (empty).
    pub fn shown(saved: Option<&StoreWebhook>) -> WebhookInput {
        WebhookInput {
            text: saved.map(StoreWebhook::masked).unwrap_or_default(),
            edited: false,
        }
    }

    /// The box after the admin typed `text`.
    pub fn typed(text: &str) -> WebhookInput {
        WebhookInput {
            text: text.to_owned(),
            edited: true,
        }
    }

    /// The webhook to save: the saved one while untouched, else what was typed (blank: none).
    pub fn value(
        &self,
        saved: Option<&StoreWebhook>,
    ) -> Result<Option<StoreWebhook>, SettingsProblem> {
        if self.edited {
            webhook_from_input(&self.text)
        } else {
            Ok(saved.cloned())
        }
    }

    /// What is wrong with the typed text, as the admin types (nothing while untouched or blank).
    pub fn problem(&self) -> Option<SettingsProblem> {
        if !self.edited {
            return None;
        }
        webhook_from_input(&self.text).err()
    }

    /// True when saving would disconnect the saved store (the box was emptied).
    pub fn disconnects(&self, saved: Option<&StoreWebhook>) -> bool {
        self.edited && self.text.trim().is_empty() && saved.is_some()
    }

    /// The webhook "Check connection" should try: the saved or typed one; a blank box is a
    /// [`Problem::Missing`].
    pub fn to_check(&self, saved: Option<&StoreWebhook>) -> Result<StoreWebhook, SettingsProblem> {
        self.value(saved)?.ok_or(SettingsProblem {
            field: SettingsField::StoreWebhook,
            problem: Problem::Missing,
        })
    }
}

/// How products match, as the settings page offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// By XML_ID only.
    XmlId,
    /// By XML_ID, then by a property on each side.
    XmlIdThenProperty,
    /// By a property on each side alone (XML_IDs are not shared codes).
    PropertyAlone,
}

impl Matching {
    /// Every choice, in the order offered.
    pub const ALL: [Matching; 3] = [
        Matching::XmlId,
        Matching::XmlIdThenProperty,
        Matching::PropertyAlone,
    ];

    /// Its value in the page's list.
    pub fn code(self) -> &'static str {
        match self {
            Matching::XmlId => "xml-id",
            Matching::XmlIdThenProperty => "property",
            Matching::PropertyAlone => "property-alone",
        }
    }

    /// The choice with `code`.
    pub fn of_code(code: &str) -> Option<Matching> {
        Matching::ALL.into_iter().find(|m| m.code() == code)
    }

    /// True when a property pair is asked for.
    pub fn uses_property(self) -> bool {
        self != Matching::XmlId
    }
}

/// Everything on the settings page, as edited.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsForm {
    /// The webhook box.
    pub webhook: WebhookInput,
    /// The store catalogue's information block, as typed or picked.
    pub store_iblock: String,
    /// The portal catalogue's information block, as typed or picked.
    pub portal_iblock: String,
    /// The link rules in order of preference.
    pub link_rules: Vec<LinkRule>,
    /// How products match: by XML_ID, and/or by the property pair below.
    pub matching: Matching,
    /// The portal-side property key (`property45`).
    pub portal_property: String,
    /// The store-side property key (`property101`).
    pub store_property: String,
    /// The store property holding the article (`property105`), blank for none.
    pub article_property: String,
    /// The property of the store's catalogue of variations holding a variation's article,
    /// blank for none.
    pub variation_article_property: String,
    /// The store price type, as typed.
    pub price_type: String,
    /// The status ↔ stage mapping, as edited.
    pub stage_mapping: StageMapping,
    /// Pipelines whose mapping was proposed by name matching and is not saved yet.
    pub proposed: Vec<i64>,
    /// The warehouses to show, in the store's order; empty = all.
    pub warehouses: Vec<u64>,
    /// The polling interval in seconds, as typed.
    pub poll: String,
}

impl SettingsForm {
    /// The form showing saved settings.
    pub fn of(settings: &Settings) -> SettingsForm {
        let id = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
        let (portal_property, store_property) = settings
            .product_property
            .as_ref()
            .map(|p| (p.portal.clone(), p.store.clone()))
            .unwrap_or_default();
        SettingsForm {
            webhook: WebhookInput::shown(settings.store_webhook.as_ref()),
            store_iblock: id(settings.store_iblock_id),
            portal_iblock: id(settings.portal_iblock_id),
            link_rules: settings.link_rules.clone(),
            matching: match settings.product_property.as_ref() {
                None => Matching::XmlId,
                Some(pair) if pair.alone => Matching::PropertyAlone,
                Some(_) => Matching::XmlIdThenProperty,
            },
            portal_property,
            store_property,
            article_property: settings.article_property.clone().unwrap_or_default(),
            variation_article_property: settings
                .variation_article_property
                .clone()
                .unwrap_or_default(),
            price_type: settings.price_type_id.to_string(),
            stage_mapping: settings.stage_mapping.clone(),
            proposed: Vec::new(),
            warehouses: settings.warehouses.clone(),
            poll: settings.poll_interval_secs.to_string(),
        }
    }

    /// The settings to save, or every problem (text that is not a number, then
    /// [`Settings::validate`]'s problems for the other fields). `saved` gives the webhook kept
    /// while its box is untouched.
    pub fn to_settings(&self, saved: &Settings) -> Result<Settings, Vec<SettingsProblem>> {
        let mut problems: Vec<SettingsProblem> = Vec::new();
        let store_webhook = kept(
            self.webhook.value(saved.store_webhook.as_ref()),
            saved.store_webhook.clone(),
            &mut problems,
        );
        let store_iblock_id = kept(
            id_box(&self.store_iblock, SettingsField::StoreIblock),
            None,
            &mut problems,
        );
        let portal_iblock_id = kept(
            id_box(&self.portal_iblock, SettingsField::PortalIblock),
            None,
            &mut problems,
        );
        let price_type = id_box(&self.price_type, SettingsField::PriceType)
            .and_then(|id| id.ok_or_else(|| problem(SettingsField::PriceType, Problem::Missing)));
        let price_type_id = kept(price_type, saved.price_type_id, &mut problems);
        let poll_interval_secs = match self.poll.trim().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                problems.push(problem(
                    SettingsField::PollInterval,
                    Problem::OutOfRange {
                        min: MIN_POLL_SECS,
                        max: MAX_POLL_SECS,
                    },
                ));
                saved.poll_interval()
            }
        };
        let settings = Settings {
            version: SETTINGS_VERSION,
            store_webhook,
            // Kept while the catalogue stays; the page names them again from the catalogues it
            // read ([`Settings::with_variations`]).
            store_variations_iblock_id: saved
                .store_variations_iblock_id
                .filter(|_| store_iblock_id == saved.store_iblock_id),
            portal_variations_iblock_id: saved
                .portal_variations_iblock_id
                .filter(|_| portal_iblock_id == saved.portal_iblock_id),
            store_iblock_id,
            portal_iblock_id,
            link_rules: self.link_rules.iter().map(tidy_rule).collect(),
            product_property: self.matching.uses_property().then(|| PropertyPair {
                portal: property_key(&self.portal_property),
                store: property_key(&self.store_property),
                alone: self.matching == Matching::PropertyAlone,
            }),
            article_property: Some(property_key(&self.article_property)).filter(|p| !p.is_empty()),
            variation_article_property: Some(property_key(&self.variation_article_property))
                .filter(|p| !p.is_empty()),
            price_type_id,
            stage_mapping: self.stage_mapping.clone(),
            warehouses: self.warehouses.clone(),
            poll_interval_secs,
            // Kept until the save names them again from the portal's fields.
            field_labels: saved.field_labels.clone(),
        };
        let unreadable: Vec<SettingsField> = problems.iter().map(|p| p.field.clone()).collect();
        problems.extend(
            settings
                .validate()
                .into_iter()
                .filter(|p| !unreadable.contains(&p.field)),
        );
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(problems)
        }
    }
}

/// The value, or `fallback` with the problem noted.
fn kept<T>(
    value: Result<T, SettingsProblem>,
    fallback: T,
    problems: &mut Vec<SettingsProblem>,
) -> T {
    value.unwrap_or_else(|p| {
        problems.push(p);
        fallback
    })
}

fn problem(field: SettingsField, problem: Problem) -> SettingsProblem {
    SettingsProblem { field, problem }
}

/// An ID box: blank is none, a positive whole number is the ID, anything else a problem.
fn id_box(text: &str, field: SettingsField) -> Result<Option<u64>, SettingsProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u64>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(problem(field, Problem::ZeroId)),
    }
}

/// A rule as saved: codes trimmed, a blank originator meaning "any".
fn tidy_rule(rule: &LinkRule) -> LinkRule {
    match rule {
        LinkRule::UserField { field, holds } => LinkRule::UserField {
            field: field.trim().to_owned(),
            holds: *holds,
        },
        LinkRule::OriginId { originator_id } => LinkRule::OriginId {
            originator_id: originator_id
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned),
        },
        LinkRule::OrderXmlId => LinkRule::OrderXmlId,
        LinkRule::OrderProperty { code } => LinkRule::OrderProperty {
            code: code.trim().to_owned(),
        },
    }
}
