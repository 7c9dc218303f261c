//! The JSON data-set format (documented in `sandbox/README.md`). Every section is optional;
//! what is missing gets a sensible default (two users, the general pipeline, the usual statuses).

mod app;
mod portal;
mod store;

pub use app::*;
pub use portal::*;
pub use store::*;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedData {
    #[serde(default)]
    pub portal: PortalSeed,
    #[serde(default)]
    pub store: StoreSeed,
    #[serde(default)]
    pub app: Option<AppSeed>,
}

/// A text in both languages, or one text for both.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    untagged,
    expecting = "give one text, or {\"ru\": \"…\", \"en\": \"…\"} with both languages"
)]
pub enum Label {
    Both { ru: String, en: String },
    One(String),
}

impl Label {
    pub fn ru(&self) -> &str {
        match self {
            Label::Both { ru, .. } => ru,
            Label::One(text) => text,
        }
    }
    pub fn en(&self) -> &str {
        match self {
            Label::Both { en, .. } => en,
            Label::One(text) => text,
        }
    }
}
