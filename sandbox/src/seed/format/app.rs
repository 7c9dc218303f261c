//! The app part of a data set: installed or not, options, scopes, placements.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppSeed {
    /// Installed: `setInstallFinish` already happened.
    #[serde(default = "yes")]
    pub installed: bool,
    /// App options (name → any JSON value); placeholders like `${STORE_WEBHOOK_URL}` allowed.
    #[serde(default)]
    pub options: BTreeMap<String, Value>,
    /// User options: user ID (as text) → name → value.
    #[serde(default)]
    pub user_options: BTreeMap<String, BTreeMap<String, Value>>,
    /// Default: `crm`, `catalog`, `placement`, `user_brief`.
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// Default when installed: the deal tab bound to `${WIDGET_URL}/index.html`.
    #[serde(default)]
    pub placements: Option<Vec<PlacementSeed>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlacementSeed {
    pub placement: String,
    pub handler: String,
    #[serde(default)]
    pub title: Option<String>,
}
