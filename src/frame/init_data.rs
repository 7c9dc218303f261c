//! What the portal answers to `getInitData` and `refreshAuth`.

use std::collections::BTreeMap;

use bitrix_rest::value::lenient;
use serde::{Deserialize, Deserializer};

/// The app's starting context inside Bitrix24.
#[derive(Clone, PartialEq, Deserialize)]
pub struct InitData {
    /// The portal user's language (`ru`, `en`, …).
    #[serde(rename = "LANG", default, deserialize_with = "lenient::string")]
    pub lang: String,
    #[serde(rename = "DOMAIN", default, deserialize_with = "lenient::string")]
    pub domain: String,
    /// `1` for HTTPS.
    #[serde(rename = "PROTOCOL", default, deserialize_with = "lenient::yes_no")]
    pub https: bool,
    /// The REST path, `/rest`.
    #[serde(rename = "PATH", default, deserialize_with = "lenient::string")]
    pub path: String,
    #[serde(flatten)]
    pub auth: Auth,
    #[serde(rename = "MEMBER_ID", default, deserialize_with = "lenient::string")]
    pub member_id: String,
    #[serde(rename = "IS_ADMIN", default, deserialize_with = "lenient::yes_no")]
    pub is_admin: bool,
    /// True when the page was opened to install the app.
    #[serde(rename = "INSTALL", default, deserialize_with = "lenient::yes_no")]
    pub install: bool,
    #[serde(rename = "FIRST_RUN", default, deserialize_with = "lenient::yes_no")]
    pub first_run: bool,
    /// `CRM_DEAL_DETAIL_TAB`, `DEFAULT` (the app's own page), …
    #[serde(rename = "PLACEMENT", default, deserialize_with = "lenient::string")]
    pub placement: String,
    #[serde(rename = "PLACEMENT_OPTIONS", default, deserialize_with = "options")]
    pub placement_options: BTreeMap<String, serde_json::Value>,
    /// Options shared by all users, written by admins.
    #[serde(rename = "APP_OPTIONS", default, deserialize_with = "options")]
    pub app_options: BTreeMap<String, serde_json::Value>,
    /// Options of this user.
    #[serde(rename = "USER_OPTIONS", default, deserialize_with = "options")]
    pub user_options: BTreeMap<String, serde_json::Value>,
}

/// An OAuth access token as the frame hands it out.
#[derive(Clone, PartialEq, Deserialize)]
pub struct Auth {
    #[serde(rename = "AUTH_ID", default, deserialize_with = "lenient::string")]
    pub access_token: String,
    /// Lifetime in seconds from now.
    #[serde(
        rename = "AUTH_EXPIRES",
        default,
        deserialize_with = "lenient::int_or_zero"
    )]
    pub expires_in: i64,
    #[serde(rename = "REFRESH_ID", default, deserialize_with = "lenient::string")]
    pub refresh_token: String,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for InitData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InitData")
            .field("lang", &self.lang)
            .field("domain", &self.domain)
            .field("is_admin", &self.is_admin)
            .field("placement", &self.placement)
            .field("placement_options", &self.placement_options)
            .finish_non_exhaustive()
    }
}

impl InitData {
    /// The deal the tab was opened for (`PLACEMENT_OPTIONS.ID`).
    pub fn deal_id(&self) -> Option<u64> {
        match self.placement_options.get("ID")? {
            serde_json::Value::String(s) => s.trim().parse().ok(),
            serde_json::Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// An app option, decoding a value the portal kept as a JSON string.
    pub fn app_option(&self, name: &str) -> Option<serde_json::Value> {
        decode_option(self.app_options.get(name)?)
    }
}

/// Option values may come back as the JSON they were saved as or as a string holding it.
pub fn decode_option(value: &serde_json::Value) -> Option<serde_json::Value> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        serde_json::Value::String(s) => {
            Some(serde_json::from_str(s).unwrap_or_else(|_| serde_json::Value::String(s.clone())))
        }
        other => Some(other.clone()),
    }
}

/// An options map that PHP sends as `[]` when empty, or as a JSON string.
fn options<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::Object(map) => map.into_iter().collect(),
        serde_json::Value::String(s) => serde_json::from_str(&s).unwrap_or_default(),
        _ => BTreeMap::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_data_of_a_deal_tab_gives_the_deal_and_the_token() {
        let d: InitData = serde_json::from_str(
            r#"{"LANG":"ru","DOMAIN":"b24.example","PROTOCOL":1,"PATH":"/rest",
            "AUTH_ID":"tok","AUTH_EXPIRES":3600,"REFRESH_ID":"ref","MEMBER_ID":"m",
            "FIRST_RUN":false,"IS_ADMIN":true,"INSTALL":false,"USER_OPTIONS":[],
            "APP_OPTIONS":{"settings":"{\"poll\":5}"},"PLACEMENT":"CRM_DEAL_DETAIL_TAB",
            "PLACEMENT_OPTIONS":{"ID":"8061"}}"#,
        )
        .unwrap();
        assert_eq!(d.deal_id(), Some(8061));
        assert_eq!(d.auth.expires_in, 3600);
        assert!(d.is_admin && d.https);
        assert_eq!(d.app_option("settings").unwrap()["poll"], 5);
        assert!(d.user_options.is_empty());
    }

    #[test]
    fn placement_options_as_a_json_string_still_give_the_deal() {
        let d: InitData =
            serde_json::from_str(r#"{"PLACEMENT_OPTIONS":"{\"ID\":\"12\"}","IS_ADMIN":"N"}"#)
                .unwrap();
        assert_eq!(d.deal_id(), Some(12));
        assert!(!d.is_admin);
    }

    #[test]
    fn tokens_never_reach_debug_output() {
        let d: InitData =
            serde_json::from_str(r#"{"AUTH_ID":"secret-token","REFRESH_ID":"secret-refresh"}"#)
                .unwrap();
        let text = format!("{d:?} {:?}", d.auth);
        assert!(!text.contains("secret"));
    }
}
