//! Credentials: an inbound webhook URL (whose secret is never shown) or an OAuth access token
//! with a refresh hook.

use std::fmt;
use std::time::Duration;

use crate::error::{Error, ErrorKind};
use crate::platform::BoxFuture;

/// An inbound webhook: `https://HOST/rest/USER_ID/SECRET/`. Its secret is never shown:
/// `Debug` and `Display` print `https://HOST/rest/USER_ID/***/`.
///
/// Plain `http://` is accepted only for loopback hosts (`localhost`, `127.0.0.1`, `[::1]`).
///
/// ```
/// use bitrix_rest::WebhookUrl;
/// let hook = WebhookUrl::parse("https://shop.example/rest/1/k3y5ecret/").unwrap();
/// assert_eq!(hook.to_string(), "https://shop.example/rest/1/***/");
/// assert_eq!(format!("{hook:?}"), "WebhookUrl(\"https://shop.example/rest/1/***/\")");
/// assert!(!format!("{hook:?}").contains("k3y5ecret"));
/// assert!(WebhookUrl::parse("http://shop.example/rest/1/k3y5ecret/").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookUrl {
    /// `https://HOST/rest/USER_ID/` (everything before the secret).
    base: String,
    secret: String,
}

impl WebhookUrl {
    /// Checks and splits a webhook URL. The error never contains the secret.
    ///
    /// ```
    /// let hook = bitrix_rest::WebhookUrl::parse("https://shop.example/rest/7/abc123/").unwrap();
    /// assert_eq!(hook.to_string(), "https://shop.example/rest/7/***/");
    /// assert!(bitrix_rest::WebhookUrl::parse("https://shop.example/rest/x/abc/").is_err());
    /// ```
    pub fn parse(url: &str) -> Result<WebhookUrl, Error> {
        let bad = |why: &str| {
            Error::new(
                ErrorKind::Usage,
                "webhook",
                format!("not a webhook URL ({why}); expected https://HOST/rest/USER_ID/SECRET/"),
            )
        };
        let url = url.trim();
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("no scheme"))?;
        let (host, path) = rest.split_once('/').ok_or_else(|| bad("no path"))?;
        if host.is_empty() || host.contains(['@', '?', '#', ' ']) {
            return Err(bad("bad host"));
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if is_loopback(host) => {}
            "http" => return Err(bad("HTTPS is required except for loopback hosts")),
            _ => return Err(bad("unknown scheme")),
        }
        let path = path.trim_end_matches('/');
        let mut parts = path.rsplitn(3, '/');
        let secret = parts.next().unwrap_or_default();
        let user = parts.next().unwrap_or_default();
        let prefix = parts.next().unwrap_or_default();
        if prefix != "rest" && !prefix.ends_with("/rest") {
            return Err(bad("the path must be /rest/USER_ID/SECRET/"));
        }
        if user.is_empty() || !user.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("USER_ID must be a number"));
        }
        if secret.is_empty()
            || !secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
        {
            return Err(bad("the secret must be letters, digits, -, _, . or ~"));
        }
        Ok(WebhookUrl {
            base: format!("{scheme}://{host}/{prefix}/{user}/"),
            secret: secret.to_owned(),
        })
    }

    /// The URL of a method: `…/rest/USER_ID/SECRET/METHOD.json`. It contains the secret:
    /// give it to a transport only.
    pub(crate) fn method_url(&self, method: &str) -> String {
        format!("{}{}/{method}.json", self.base, self.secret)
    }

    /// Replaces every occurrence of the secret in `text` by `***`.
    pub(crate) fn redact(&self, text: &str) -> String {
        text.replace(&self.secret, "***")
    }

    /// The origin (`https://HOST`), e.g. for a CSP or a log line.
    ///
    /// ```
    /// let hook = bitrix_rest::WebhookUrl::parse("https://shop.example/rest/1/abc/").unwrap();
    /// assert_eq!(hook.origin(), "https://shop.example");
    /// ```
    pub fn origin(&self) -> &str {
        let after_scheme = self.base.find("://").map_or(0, |i| i + 3);
        let end = self.base[after_scheme..]
            .find('/')
            .map_or(self.base.len(), |i| after_scheme + i);
        &self.base[..end]
    }
}

impl fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}***/", self.base)
    }
}

impl fmt::Debug for WebhookUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("WebhookUrl")
            .field(&self.to_string())
            .finish()
    }
}

fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost") || name == "::1" || name.starts_with("127.")
}

/// An OAuth access token and how long it lives. `Debug` hides the token.
///
/// ```
/// use std::time::Duration;
/// let token = bitrix_rest::Token::new("s1morf609228iwyjjpvfv6wsvuja4p8u", Duration::from_secs(3600));
/// assert_eq!(token.secret(), "s1morf609228iwyjjpvfv6wsvuja4p8u");
/// assert!(!format!("{token:?}").contains("s1morf"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    access: String,
    /// Lifetime from the moment it was received; `None` when unknown.
    pub expires_in: Option<Duration>,
}

impl Token {
    /// A token living `expires_in` from now (Bitrix: `AUTH_EXPIRES` / `expires_in`, 3600 s).
    ///
    /// ```
    /// let t = bitrix_rest::Token::new("abc", std::time::Duration::from_secs(3600));
    /// assert_eq!(t.expires_in, Some(std::time::Duration::from_secs(3600)));
    /// ```
    pub fn new(access: impl Into<String>, expires_in: Duration) -> Token {
        Token {
            access: access.into(),
            expires_in: Some(expires_in),
        }
    }

    /// A token whose lifetime is unknown: refreshed only when the server says it expired.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::Token::without_expiry("t").expires_in, None);
    /// ```
    pub fn without_expiry(access: impl Into<String>) -> Token {
        Token {
            access: access.into(),
            expires_in: None,
        }
    }

    /// The token itself, for the `auth` parameter.
    ///
    /// ```
    /// let t = bitrix_rest::Token::without_expiry("abc");
    /// assert_eq!(t.secret(), "abc");
    /// ```
    pub fn secret(&self) -> &str {
        &self.access
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access", &"***")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// The hook that fetches a new token: in the widget the frame's `refreshAuth`, natively a call
/// to the OAuth server.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type RefreshHook =
    Box<dyn Fn() -> BoxFuture<'static, Result<Token, Error>> + Send + Sync>;
#[cfg(target_arch = "wasm32")]
pub(crate) type RefreshHook = Box<dyn Fn() -> BoxFuture<'static, Result<Token, Error>>>;
