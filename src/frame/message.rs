//! The text of the Bitrix24 frame protocol, without any browser API.
//!
//! The app (child) posts `COMMAND:JSON_PARAMS:CALLBACK_ID:APP_SID` to the portal (parent), with
//! the params part left out when there are none (`getInitData:cb1:SID`); the parent answers
//! `CALLBACK_ID:JSON_RESULT`. JSON params may themselves contain `:`, which is why the parent
//! reads the command from the front and the callback and SID from the back.

/// Where the app runs, read from the iframe's `window.name` = `DOMAIN|PROTOCOL|APP_SID`.
#[derive(Clone, PartialEq, Eq)]
pub struct FrameName {
    /// The portal's host (and port, unless it is the default one).
    pub domain: String,
    /// True for HTTPS (`PROTOCOL` 1).
    pub https: bool,
    /// The app session ID the parent expects back on every message.
    pub app_sid: String,
}

impl std::fmt::Debug for FrameName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The session ID is not a secret, but it need not be in logs either.
        f.debug_struct("FrameName")
            .field("domain", &self.domain)
            .field("https", &self.https)
            .finish_non_exhaustive()
    }
}

impl FrameName {
    /// Reads `DOMAIN|PROTOCOL|APP_SID`; `None` when the page is not inside a Bitrix24 frame.
    pub fn parse(window_name: &str) -> Option<FrameName> {
        let mut parts = window_name.split('|');
        let domain = parts.next()?.trim();
        let protocol = parts.next()?.trim();
        let app_sid = parts.next()?.trim();
        let valid_domain = !domain.is_empty()
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if parts.next().is_some() || !valid_domain || app_sid.is_empty() {
            return None;
        }
        let https = match protocol {
            "1" => true,
            "0" => false,
            _ => return None,
        };
        let domain = domain
            .strip_suffix(if https { ":443" } else { ":80" })
            .unwrap_or(domain);
        Some(FrameName {
            domain: domain.to_owned(),
            https,
            app_sid: app_sid.to_owned(),
        })
    }

    /// The portal's origin, the only one messages are sent to and accepted from.
    pub fn portal_origin(&self) -> String {
        format!(
            "{}://{}",
            if self.https { "https" } else { "http" },
            self.domain
        )
    }
}

/// The message that asks the parent to run `command`.
pub fn encode_command(
    command: &str,
    params: Option<&serde_json::Value>,
    callback_id: &str,
    app_sid: &str,
) -> String {
    match params {
        Some(p) => format!("{command}:{p}:{callback_id}:{app_sid}"),
        None => format!("{command}:{callback_id}:{app_sid}"),
    }
}

/// The parent's answer split into its callback ID and its JSON text.
/// `None` for messages that are not answers (no `:` or an empty callback ID).
pub fn decode_reply(data: &str) -> Option<(&str, &str)> {
    let (id, json) = data.split_once(':')?;
    if id.is_empty() {
        return None;
    }
    Some((id, json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_name_gives_portal_origin_and_session() {
        let f = FrameName::parse("b24-demo.bitrix24.ru|1|abc123").unwrap();
        assert_eq!(f.portal_origin(), "https://b24-demo.bitrix24.ru");
        assert_eq!(f.app_sid, "abc123");
        let local = FrameName::parse("127.0.0.1:8081|0|x").unwrap();
        assert_eq!(local.portal_origin(), "http://127.0.0.1:8081");
    }

    #[test]
    fn default_ports_are_dropped_from_the_origin() {
        let f = FrameName::parse("portal.example:443|1|s").unwrap();
        assert_eq!(f.portal_origin(), "https://portal.example");
    }

    #[test]
    fn a_page_outside_bitrix24_has_no_frame_name() {
        for name in [
            "",
            "storelink",
            "a|1",
            "a|2|s",
            "a|1|",
            "bad host|1|s",
            "a/b|1|s",
            "a|1|s|x",
        ] {
            assert!(FrameName::parse(name).is_none(), "{name:?} parsed");
        }
    }

    #[test]
    fn commands_without_params_have_three_parts() {
        assert_eq!(
            encode_command("getInitData", None, "cb1", "SID"),
            "getInitData:cb1:SID"
        );
        let p = serde_json::json!({"name": "settings", "value": {"url": "https://x:1/"}});
        let msg = encode_command("setAppOption", Some(&p), "cb2", "SID");
        assert!(msg.starts_with("setAppOption:{"));
        assert!(msg.ends_with("}:cb2:SID"));
    }

    #[test]
    fn replies_split_at_the_first_colon_only() {
        assert_eq!(
            decode_reply(r#"cb7:{"AUTH_ID":"a:b"}"#),
            Some(("cb7", r#"{"AUTH_ID":"a:b"}"#))
        );
        assert_eq!(decode_reply("no-colon"), None);
        assert_eq!(decode_reply(":x"), None);
    }

    #[test]
    fn debug_output_leaves_out_the_session() {
        let f = FrameName::parse("p.example|1|secret-sid").unwrap();
        assert!(!format!("{f:?}").contains("secret-sid"));
    }
}
