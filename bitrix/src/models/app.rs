//! Records about the app itself: placements and the current user.

use serde::{Deserialize, Serialize};

use crate::value::lenient;

/// A handler bound to a placement (`placement.get`).
///
/// ```
/// let b: bitrix_rest::models::app::PlacementBinding = serde_json::from_str(
///     r#"{"placement":"CRM_DEAL_DETAIL_TAB","userId":0,"handler":"https://a.example/","options":[],"title":"Store"}"#).unwrap();
/// assert_eq!(b.title, "Store");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementBinding {
    /// The placement code (`CRM_DEAL_DETAIL_TAB`).
    #[serde(deserialize_with = "lenient::string")]
    pub placement: String,
    /// The URL opened in the placement's iframe.
    #[serde(default, deserialize_with = "lenient::string")]
    pub handler: String,
    /// The title.
    #[serde(default, deserialize_with = "lenient::string")]
    pub title: String,
    /// The description.
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
}

/// The user the token belongs to (`user.current`).
///
/// ```
/// let u: bitrix_rest::models::app::User = serde_json::from_str(r#"{"ID":"1","NAME":"John","LAST_NAME":"Doe","EMAIL":""}"#).unwrap();
/// assert_eq!((u.id, u.email), (1, None));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct User {
    /// The record's ID.
    #[serde(rename = "ID", deserialize_with = "lenient::id")]
    pub id: u64,
    /// The name.
    #[serde(rename = "NAME", default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The last name.
    #[serde(rename = "LAST_NAME", default, deserialize_with = "lenient::string")]
    pub last_name: String,
    /// E-mail addresses.
    #[serde(rename = "EMAIL", default, deserialize_with = "lenient::opt_string")]
    pub email: Option<String>,
}
