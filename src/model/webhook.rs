//! The store's inbound webhook URL: `https://host[:port]/rest/<user id>/<secret>/`.
//!
//! Parsing tolerates what admins paste (a method or query after the secret, missing trailing
//! slash, spaces) and normalises to the base URL. Plain `http` is accepted only for loopback
//! hosts (`127.0.0.1`, `localhost`, `[::1]`), as the store refuses webhooks over HTTP otherwise.
//! The secret never appears in `Debug` output; [`StoreWebhook::masked`](crate::model::webhook::StoreWebhook::masked) is the form to display.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Shortest and longest secret accepted (Bitrix issues 16 characters).
pub const SECRET_LEN: std::ops::RangeInclusive<usize> = 8..=64;

/// Why a text is not a usable webhook URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// Nothing was entered.
    #[error("empty")]
    Empty,
    /// It is not an `http(s)://host/...` URL.
    #[error("not a URL")]
    NotAUrl,
    /// `http` to a host that is not loopback (`https` is required).
    #[error("https required")]
    HttpsRequired,
    /// A scheme other than `http`/`https`.
    #[error("unsupported scheme")]
    UnsupportedScheme,
    /// The host is empty or has characters a host cannot have.
    #[error("bad host")]
    BadHost,
    /// The port is not a number from 1 to 65535.
    #[error("bad port")]
    BadPort,
    /// Credentials (`user:password@`) before the host.
    #[error("credentials in URL")]
    CredentialsInUrl,
    /// The path is not `/rest/<user id>/<secret>/…`.
    #[error("not a webhook path")]
    NotAWebhookPath,
    /// The user ID is not a positive number.
    #[error("bad user id")]
    BadUserId,
    /// The secret is too short, too long or has characters other than letters, digits, `-`
    /// and `_`.
    #[error("bad secret")]
    BadSecret,
}

/// A validated inbound webhook of the store.
#[derive(Clone, PartialEq, Eq)]
pub struct StoreWebhook {
    /// `https://host[:port]`, lower-case host, default port dropped.
    origin: String,
    user_id: u64,
    secret: String,
}

impl StoreWebhook {
    /// Parses and normalises what an admin pasted.
    ///
    /// ```
    /// use storelink::model::webhook::StoreWebhook;
    /// let hook = StoreWebhook::parse(" https://Shop.example/rest/7/abcdef0123456789/sale.order.list ").unwrap();
    /// assert_eq!(hook.base_url(), "https://shop.example/rest/7/abcdef0123456789/");
    /// assert_eq!(hook.masked(), "https://shop.example/rest/7/••••••89/");
    /// ```
    pub fn parse(input: &str) -> Result<StoreWebhook, WebhookError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(WebhookError::Empty);
        }
        let (scheme, rest) = text.split_once("://").ok_or(WebhookError::NotAUrl)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(WebhookError::UnsupportedScheme);
        }
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(WebhookError::CredentialsInUrl);
        }
        let (host, port) = split_host_port(authority)?;
        if scheme == "http" && !is_loopback(&host) {
            return Err(WebhookError::HttpsRequired);
        }
        let default_port = if scheme == "https" { 443 } else { 80 };
        let origin = match port {
            Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
            _ => format!("{scheme}://{host}"),
        };
        let (user_id, secret) = parse_path(path)?;
        Ok(StoreWebhook {
            origin,
            user_id,
            secret,
        })
    }

    /// The base URL the REST client appends `METHOD.json` to, e.g.
    /// `https://shop.example/rest/7/<secret>/`. Secret: never log it.
    pub fn base_url(&self) -> String {
        format!("{}/rest/{}/{}/", self.origin, self.user_id, self.secret)
    }

    /// `scheme://host[:port]`: the only origin the secret may be sent to.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The origin as people write it, for messages: a national domain in its own letters
    /// (`https://магазин.рф`, where [`StoreWebhook::origin`] has `xn--80aairftm.xn--p1ai`).
    pub fn origin_as_written(&self) -> String {
        let (scheme, rest) = self.origin.split_once("://").unwrap_or(("", &self.origin));
        // An IPv6 address (`[::1]:8080`) has no letters to show otherwise.
        if rest.starts_with('[') {
            return self.origin.clone();
        }
        let (host, port) = match rest.split_once(':') {
            Some((host, port)) => (host, format!(":{port}")),
            None => (rest, String::new()),
        };
        let host = crate::model::punycode::unicode_host(host);
        format!("{scheme}://{host}{port}")
    }

    /// The store user the webhook belongs to.
    pub fn user_id(&self) -> u64 {
        self.user_id
    }

    /// True when the webhook goes over plain `http` (loopback only).
    pub fn is_plain_http(&self) -> bool {
        self.origin.starts_with("http://")
    }

    /// The URL for display: the secret replaced by bullets except its last two characters,
    /// e.g. `https://shop.example/rest/7/••••••3f/`.
    pub fn masked(&self) -> String {
        let tail: String = {
            let chars: Vec<char> = self.secret.chars().collect();
            chars[chars.len().saturating_sub(2)..].iter().collect()
        };
        format!("{}/rest/{}/••••••{}/", self.origin, self.user_id, tail)
    }
}

impl fmt::Debug for StoreWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StoreWebhook").field(&self.masked()).finish()
    }
}

impl Serialize for StoreWebhook {
    /// Stored as its base URL (app options are readable by admins only).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.base_url())
    }
}

impl<'de> Deserialize<'de> for StoreWebhook {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // The error names the problem only, never the text (which holds the secret).
        StoreWebhook::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// True for the hosts plain `http` is allowed to.
pub fn is_loopback(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

fn split_host_port(authority: &str) -> Result<(String, Option<u16>), WebhookError> {
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let end = inner.find(']').ok_or(WebhookError::BadHost)?;
        let host = &authority[..end + 2];
        let after = &inner[end + 1..];
        match after.strip_prefix(':') {
            Some(p) => (host, Some(p)),
            None if after.is_empty() => (host, None),
            None => return Err(WebhookError::BadHost),
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    // A national domain (`магазин.рф`) is written as the network knows it (`xn--…`).
    let host = if host.is_ascii() {
        host.to_ascii_lowercase()
    } else {
        crate::model::punycode::ascii_host(host).ok_or(WebhookError::BadHost)?
    };
    let host_ok = !host.is_empty()
        && if host.starts_with('[') {
            host.len() > 2
                && host[1..host.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        } else {
            host.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
                && !host.starts_with('.')
                && !host.starts_with('-')
        };
    if !host_ok {
        return Err(WebhookError::BadHost);
    }
    let port = match port {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => return Err(WebhookError::BadPort),
        },
    };
    Ok((host, port))
}

fn parse_path(path: &str) -> Result<(u64, String), WebhookError> {
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    if parts.next() != Some("rest") {
        return Err(WebhookError::NotAWebhookPath);
    }
    let user = parts.next().ok_or(WebhookError::NotAWebhookPath)?;
    let user_id = match user.parse::<u64>() {
        Ok(n) if n > 0 && user.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => return Err(WebhookError::BadUserId),
    };
    let secret = parts.next().ok_or(WebhookError::NotAWebhookPath)?;
    if !SECRET_LEN.contains(&secret.len())
        || !secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(WebhookError::BadSecret);
    }
    Ok((user_id, secret.to_owned()))
}
