//! Records about the app itself: placements and the current user.

use serde::{Deserialize, Serialize};

use crate::value::lenient;

/// A handler bound to a placement (`placement.get`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementBinding {
    #[serde(deserialize_with = "lenient::string")]
    pub placement: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub handler: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
}

/// The user the token belongs to (`user.current`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct User {
    #[serde(rename = "ID", deserialize_with = "lenient::id")]
    pub id: u64,
    #[serde(rename = "NAME", default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(rename = "LAST_NAME", default, deserialize_with = "lenient::string")]
    pub last_name: String,
    #[serde(rename = "EMAIL", default, deserialize_with = "lenient::opt_string")]
    pub email: Option<String>,
}
