//! What the portal answers to `getInitData` and `refreshAuth`.

use bitrix_rest::value::{DecodeError, Fields, FromValue};
use serde_json::{Map, Value};

/// The app's starting context inside Bitrix24.
#[derive(Clone, PartialEq)]
pub struct InitData {
    /// The portal user's language (`ru`, `en`, …).
    pub lang: String,
    pub domain: String,
    /// `1` for HTTPS.
    pub https: bool,
    /// The REST path, `/rest`.
    pub path: String,
    pub auth: Auth,
    pub member_id: String,
    pub is_admin: bool,
    /// True when the page was opened to install the app.
    pub install: bool,
    pub first_run: bool,
    /// `CRM_DEAL_DETAIL_TAB`, `DEFAULT` (the app's own page), …
    pub placement: String,
    pub placement_options: Map<String, Value>,
    /// Options shared by all users, written by admins.
    pub app_options: Map<String, Value>,
    /// Options of this user.
    pub user_options: Map<String, Value>,
}

/// An OAuth access token as the frame hands it out.
#[derive(Clone, PartialEq)]
pub struct Auth {
    pub access_token: String,
    /// Lifetime in seconds from now.
    pub expires_in: i64,
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
            Value::String(s) => s.trim().parse().ok(),
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// An app option, decoding a value the portal kept as a JSON string.
    pub fn app_option(&self, name: &str) -> Option<Value> {
        decode_option(self.app_options.get(name)?)
    }
}

/// Option values may come back as the JSON they were saved as or as a string holding it.
pub fn decode_option(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => {
            Some(serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())))
        }
        other => Some(other.clone()),
    }
}

/// An options map that PHP sends as `[]` when empty, or as a JSON string.
fn options(v: Option<&Value>) -> Map<String, Value> {
    let parsed;
    let v = match v {
        Some(Value::String(s)) => {
            parsed = serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
            &parsed
        }
        Some(other) => other,
        None => &Value::Null,
    };
    match v {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    }
}

impl FromValue for Auth {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let auth = Auth {
            access_token: f.string("AUTH_ID"),
            expires_in: f.int_or_zero("AUTH_EXPIRES"),
            refresh_token: f.string("REFRESH_ID"),
        };
        f.finish(auth)
    }
}

impl FromValue for InitData {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let data = InitData {
            lang: f.string("LANG"),
            domain: f.string("DOMAIN"),
            https: f.yes_no("PROTOCOL"),
            path: f.string("PATH"),
            auth: Auth::from_value(v)?,
            member_id: f.string("MEMBER_ID"),
            is_admin: f.yes_no("IS_ADMIN"),
            install: f.yes_no("INSTALL"),
            first_run: f.yes_no("FIRST_RUN"),
            placement: f.string("PLACEMENT"),
            placement_options: options(v.get("PLACEMENT_OPTIONS")),
            app_options: options(v.get("APP_OPTIONS")),
            user_options: options(v.get("USER_OPTIONS")),
        };
        f.finish(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<InitData, DecodeError> {
        InitData::from_value(&serde_json::from_str(json).expect("test JSON"))
    }

    #[test]
    fn init_data_of_a_deal_tab_gives_the_deal_and_the_token() {
        let d = parse(
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
        let d = parse(r#"{"PLACEMENT_OPTIONS":"{\"ID\":\"12\"}","IS_ADMIN":"N"}"#).unwrap();
        assert_eq!(d.deal_id(), Some(12));
        assert!(!d.is_admin);
    }

    #[test]
    fn tokens_never_reach_debug_output() {
        let d = parse(r#"{"AUTH_ID":"secret-token","REFRESH_ID":"secret-refresh"}"#).unwrap();
        let text = format!("{d:?} {:?}", d.auth);
        assert!(!text.contains("secret"));
    }
}
