//! The app's settings, stored by the widget as one app option (`settings`, a JSON object) so a
//! save is atomic.
//!
//! Loading is lenient: every field has a default, and a field that is missing or has the wrong
//! shape takes its default, so older or partial JSON still loads (a link rule of an unknown
//! kind is skipped). Saving goes through [`Settings::validate`](crate::model::settings::Settings::validate): the UI saves nothing while it
//! returns problems.
//!
//! Versions: `version` 1 is the first format; JSON without `version` is read as version 1. A
//! newer version is read field by field like any other (what is understood is kept).

pub mod check;
pub mod failure;
pub mod form;
pub mod load;
pub mod merge;
mod read;
mod rules;
mod validate;

pub use rules::{
    LinkRule, OrderKey, PropertyPair, default_link_rules, is_property_code, is_property_key,
    is_user_field_code, xml_ids_compared,
};
pub use validate::{
    Problem, SettingsField, SettingsProblem, gone_stage_problems, mapping_problems,
    webhook_from_input,
};

use serde::Serialize;
use serde_json::{Map, Value};

use super::mapping::StageMapping;
use super::webhook::StoreWebhook;

/// The app option the settings are stored under.
pub const SETTINGS_OPTION: &str = "settings";
/// The format version this build writes.
pub const SETTINGS_VERSION: u32 = 1;
/// The polling interval when none is set, in seconds.
pub const DEFAULT_POLL_SECS: u32 = 10;
/// The shortest polling interval accepted, in seconds.
pub const MIN_POLL_SECS: u32 = 3;
/// The longest polling interval accepted, in seconds.
pub const MAX_POLL_SECS: u32 = 300;
/// The store's base price type (`catalogGroupId`) when none is set.
pub const DEFAULT_PRICE_TYPE: u64 = 1;

/// Why stored settings could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The text is not JSON.
    #[error("settings are not JSON")]
    NotJson,
    /// The JSON is not an object.
    #[error("settings are not a JSON object")]
    NotAnObject,
}

/// Everything an admin configures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The format version ([`SETTINGS_VERSION`] when written by this build).
    pub version: u32,
    /// The store's inbound webhook; `None` until configured.
    pub store_webhook: Option<StoreWebhook>,
    /// The store catalogue's information block (`iblockId`, required by `catalog.product.list`).
    pub store_iblock_id: Option<u64>,
    /// The portal catalogue's information block, to read the XML_IDs of the deal's products.
    pub portal_iblock_id: Option<u64>,
    /// The store's catalogue of variations (trade offers) of its products, when it has one:
    /// found from `catalog.catalog.list` when the settings are saved.
    pub store_variations_iblock_id: Option<u64>,
    /// The portal's catalogue of variations, likewise.
    pub portal_variations_iblock_id: Option<u64>,
    /// How deals link to orders, in order of preference.
    pub link_rules: Vec<LinkRule>,
    /// The property compared when XML_IDs do not match; `None` = XML_ID only.
    pub product_property: Option<PropertyPair>,
    /// The store product property that holds the article, for the stock lookup (`property<ID>`).
    pub article_property: Option<String>,
    /// The property of the store's catalogue of variations that holds a variation's own article
    /// (a size's, as 1C exports it): that catalogue has properties of its own.
    pub variation_article_property: Option<String>,
    /// The store price type shown (`catalogGroupId`).
    pub price_type_id: u64,
    /// The order-status ↔ deal-stage mapping per pipeline.
    pub stage_mapping: StageMapping,
    /// The warehouses to show, by ID, in this order; empty = all active warehouses.
    pub warehouses: Vec<u64>,
    /// How often the open tab checks both sides for changes, in seconds.
    pub poll_interval_secs: u32,
    /// The labels of the deal fields the link rules name, as the admin saw them when saving
    /// (the tab says "linked by the deal field «Order on the site»", not its code).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub field_labels: Vec<FieldLabel>,
}

/// A deal field's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldLabel {
    /// `UF_CRM_…`
    pub field: String,
    /// What the portal calls it.
    pub label: String,
}

impl FieldLabel {
    /// The label of `field` among `labels`, when there is one.
    pub fn of<'a>(labels: &'a [FieldLabel], field: &str) -> Option<&'a str> {
        labels
            .iter()
            .find(|l| l.field == field)
            .map(|l| l.label.as_str())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            store_webhook: None,
            store_iblock_id: None,
            portal_iblock_id: None,
            store_variations_iblock_id: None,
            portal_variations_iblock_id: None,
            link_rules: default_link_rules(),
            product_property: None,
            article_property: None,
            variation_article_property: None,
            price_type_id: DEFAULT_PRICE_TYPE,
            stage_mapping: StageMapping::default(),
            warehouses: Vec::new(),
            poll_interval_secs: DEFAULT_POLL_SECS,
            field_labels: Vec::new(),
        }
    }
}

impl Settings {
    /// Reads the stored option. Fails only when the text is not a JSON object; every field
    /// falls back to its default on its own.
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let value: Value = serde_json::from_str(text).map_err(|_| SettingsError::NotJson)?;
        Settings::from_value(&value)
    }

    /// Reads the option as the frame hands it over (already parsed). `null` gives the defaults;
    /// a JSON string holding an object is read too (app options may come back as text).
    pub fn from_value(value: &Value) -> Result<Settings, SettingsError> {
        match value {
            Value::Null => Ok(Settings::default()),
            Value::String(text) if text.trim().is_empty() => Ok(Settings::default()),
            Value::String(text) => Settings::from_json(text),
            Value::Object(map) => Ok(Settings::from_map(map)),
            _ => Err(SettingsError::NotAnObject),
        }
    }

    fn from_map(map: &Map<String, Value>) -> Settings {
        let d = Settings::default();
        let get = |key: &str| read::member(map, key);
        let link_rules = match get("linkRules").and_then(Value::as_array) {
            Some(items) => items.iter().filter_map(read::link_rule).collect(),
            None => d.link_rules,
        };
        Settings {
            version: get("version")
                .and_then(read::uint)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(d.version),
            store_webhook: get("storeWebhook")
                .and_then(Value::as_str)
                .and_then(|url| StoreWebhook::parse(url).ok()),
            store_iblock_id: get("storeIblockId")
                .and_then(read::uint)
                .filter(|id| *id > 0),
            portal_iblock_id: get("portalIblockId")
                .and_then(read::uint)
                .filter(|id| *id > 0),
            store_variations_iblock_id: get("storeVariationsIblockId")
                .and_then(read::uint)
                .filter(|id| *id > 0),
            portal_variations_iblock_id: get("portalVariationsIblockId")
                .and_then(read::uint)
                .filter(|id| *id > 0),
            link_rules,
            product_property: get("productProperty").and_then(read::property_pair),
            article_property: get("articleProperty")
                .and_then(read::text)
                .filter(|p| !p.is_empty()),
            variation_article_property: get("variationArticleProperty")
                .and_then(read::text)
                .filter(|p| !p.is_empty()),
            price_type_id: get("priceTypeId")
                .and_then(read::uint)
                .unwrap_or(d.price_type_id),
            stage_mapping: get("stageMapping")
                .and_then(read::stage_mapping)
                .unwrap_or_default(),
            warehouses: get("warehouses")
                .and_then(read::uint_list)
                .unwrap_or_default(),
            poll_interval_secs: get("pollIntervalSecs")
                .and_then(read::uint)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(d.poll_interval_secs),
            field_labels: get("fieldLabels")
                .and_then(Value::as_array)
                .map(|items| items.iter().filter_map(read::field_label).collect())
                .unwrap_or_default(),
        }
    }

    /// These settings with the catalogues of variations of their chosen catalogues, from the
    /// catalogues the page read on each side (`None`: not read, the kept value stays).
    pub fn with_variations(
        mut self,
        store: Option<&[check::Catalog]>,
        portal: Option<&[check::Catalog]>,
    ) -> Settings {
        let of = |list: &[check::Catalog], iblock: Option<u64>| {
            list.iter()
                .find(|c| Some(c.iblock_id) == iblock)
                .and_then(|c| c.variations_iblock_id)
        };
        if let Some(list) = store {
            self.store_variations_iblock_id = of(list, self.store_iblock_id);
        }
        if let Some(list) = portal {
            self.portal_variations_iblock_id = of(list, self.portal_iblock_id);
        }
        self
    }

    /// The problem of a variation's article property named for a store catalogue without a
    /// catalogue of variations (as [`Settings::with_variations`] found it).
    pub fn variation_article_unused(&self) -> Option<SettingsProblem> {
        (self.variation_article_property.is_some() && self.store_variations_iblock_id.is_none())
            .then_some(SettingsProblem {
                field: SettingsField::VariationArticleProperty,
                problem: Problem::NoVariations,
            })
    }

    /// The label of deal field `field`, when one was saved.
    pub fn field_label(&self, field: &str) -> Option<&str> {
        FieldLabel::of(&self.field_labels, field)
    }

    /// These settings with the labels of the deal fields their rules name, from `fields` (the
    /// portal's deal fields); a field without a label of its own gets none.
    pub fn with_field_labels(mut self, fields: &[load::UserFieldChoice]) -> Settings {
        self.field_labels = self
            .link_rules
            .iter()
            .filter_map(|rule| match rule {
                LinkRule::UserField { field, .. } => Some(field),
                _ => None,
            })
            .filter_map(|field| {
                let choice = fields.iter().find(|c| c.code == *field)?;
                let label = choice.label.trim();
                (!label.is_empty() && label != field).then(|| FieldLabel {
                    field: field.clone(),
                    label: label.to_owned(),
                })
            })
            .collect();
        self
    }

    /// The JSON object to store (with the current [`SETTINGS_VERSION`]).
    pub fn to_value(&self) -> Value {
        let mut out = self.clone();
        out.version = SETTINGS_VERSION;
        // Serializing plain data with string keys cannot fail.
        serde_json::to_value(&out).unwrap_or(Value::Null)
    }

    /// The polling interval, kept within [`MIN_POLL_SECS`]..=[`MAX_POLL_SECS`] whatever is
    /// stored.
    pub fn poll_interval(&self) -> u32 {
        self.poll_interval_secs.clamp(MIN_POLL_SECS, MAX_POLL_SECS)
    }

    /// True unless products match by the configured property alone.
    pub fn matches_by_xml_id(&self) -> bool {
        xml_ids_compared(self.product_property.as_ref())
    }

    /// True when the store connection is configured (webhook and catalogue).
    pub fn has_store(&self) -> bool {
        self.store_webhook.is_some() && self.store_iblock_id.is_some()
    }
}
