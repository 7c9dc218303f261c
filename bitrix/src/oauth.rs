//! Native only: refreshing an OAuth token at the authorization server
//! (`https://oauth.bitrix.info/oauth/token/`). Never in a browser: it needs the app's
//! client secret. In the widget, the frame's `refreshAuth` is the refresh hook instead.

use std::time::Duration;

use serde::Deserialize;

use crate::auth::Token;
use crate::envelope::rest_code;
use crate::error::{Error, ErrorKind};

/// What the authorization server grants: a new access token, the refresh token to use next
/// time (refresh tokens are single-use), and where the portal's REST API is.
///
/// ```
/// let grant = bitrix_rest::oauth::Grant::parse(200, r#"{"access_token":"a1","expires_in":3600,
///     "refresh_token":"r2","client_endpoint":"https://x.bitrix24.com/rest/","member_id":"m"}"#).unwrap();
/// assert_eq!(grant.token.secret(), "a1");
/// assert_eq!(grant.refresh_token, "r2");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Grant {
    /// The new access token.
    pub token: Token,
    /// The refresh token for the next refresh.
    pub refresh_token: String,
    /// The portal's REST address, `https://DOMAIN/rest/`.
    pub client_endpoint: String,
    /// The portal's unique ID.
    pub member_id: String,
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grant")
            .field("token", &self.token)
            .field("refresh_token", &"***")
            .field("client_endpoint", &self.client_endpoint)
            .field("member_id", &self.member_id)
            .finish()
    }
}

#[derive(Deserialize)]
struct Wire {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: String,
    #[serde(default)]
    client_endpoint: String,
    #[serde(default)]
    member_id: String,
}

impl Grant {
    /// Reads the server's answer: a grant, or an error of kind
    /// [`Auth`](ErrorKind::Auth) (`invalid_grant`, `expired_token`, …).
    ///
    /// ```
    /// let e = bitrix_rest::oauth::Grant::parse(400, r#"{"error":"invalid_grant","error_description":"Invalid refresh token"}"#).unwrap_err();
    /// assert_eq!(e.kind, bitrix_rest::ErrorKind::Auth);
    /// ```
    pub fn parse(status: u16, body: &str) -> Result<Grant, Error> {
        let value: serde_json::Value = serde_json::from_str(body).map_err(|e| {
            Error::new(
                ErrorKind::Malformed,
                "oauth",
                format!("the token answer is not JSON ({e})"),
            )
            .with_status(status)
        })?;
        if let Some(code) = value.get("error") {
            let description = value
                .get("error_description")
                .and_then(|d| d.as_str())
                .unwrap_or_default()
                .to_owned();
            let mut e = Error::from_rest("oauth", status, rest_code(code), description);
            e.kind = ErrorKind::Auth;
            return Err(e);
        }
        let wire: Wire =
            crate::envelope::decode_result("oauth", None, value, crate::command::serde_decoder)?;
        Ok(Grant {
            token: match wire.expires_in {
                Some(s) => Token::new(wire.access_token, Duration::from_secs(s)),
                None => Token::without_expiry(wire.access_token),
            },
            refresh_token: wire.refresh_token,
            client_endpoint: wire.client_endpoint,
            member_id: wire.member_id,
        })
    }
}

/// An authorization server and the app's credentials.
///
/// ```no_run
/// # async fn run() -> Result<(), bitrix_rest::Error> {
/// use bitrix_rest::oauth::OAuthServer;
/// let server = OAuthServer::new("https://oauth.bitrix.info/oauth/token/", "app.1234", "secret");
/// let grant = server.refresh("4f9k4jpmg13usmybzuqknt2v9fh0q6rl").await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct OAuthServer {
    token_url: String,
    client_id: String,
    client_secret: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for OAuthServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthServer")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

impl OAuthServer {
    /// The token endpoint (`…/oauth/token/`) with the app's ID and secret.
    ///
    /// ```
    /// let s = bitrix_rest::oauth::OAuthServer::new("https://oauth.bitrix.info/oauth/token/", "app.1", "secret");
    /// assert!(!format!("{s:?}").contains("secret\""));
    /// ```
    pub fn new(token_url: &str, client_id: &str, client_secret: &str) -> OAuthServer {
        OAuthServer {
            token_url: token_url.to_owned(),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// Trades a refresh token for a new grant
    /// (`GET token_url?grant_type=refresh_token&client_id=…&client_secret=…&refresh_token=…`).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), bitrix_rest::Error> {
    /// let server = bitrix_rest::oauth::OAuthServer::new("https://oauth.bitrix.info/oauth/token/", "app.1", "secret");
    /// let grant = server.refresh("stored refresh token").await?;
    /// // Store grant.refresh_token: refresh tokens are single-use.
    /// # Ok(()) }
    /// ```
    pub async fn refresh(&self, refresh_token: &str) -> Result<Grant, Error> {
        let query = [
            ("grant_type", "refresh_token"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.as_str()),
            ("refresh_token", refresh_token),
        ]
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::encode::component(v)))
        .collect::<Vec<_>>()
        .join("&");
        let separator = if self.token_url.contains('?') {
            '&'
        } else {
            '?'
        };
        let url = format!("{}{separator}{query}", self.token_url);
        let failed = |e: reqwest::Error| {
            Error::new(
                ErrorKind::Network,
                "oauth",
                format!("the token request failed ({})", e.without_url()),
            )
        };
        let response = self.http.get(url).send().await.map_err(failed)?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(failed)?;
        Grant::parse(status, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_grant_is_an_auth_error() {
        let e = Grant::parse(
            400,
            r#"{"error":"invalid_grant","error_description":"Invalid refresh token"}"#,
        )
        .unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::Auth, Some(400)));
        assert!(Grant::parse(200, "<html>").is_err());
        assert!(Grant::parse(200, r#"{"expires_in":3600}"#).is_err());
    }

    #[test]
    fn debug_hides_the_tokens_and_the_secret() {
        let grant = Grant::parse(
            200,
            r#"{"access_token":"acc355","refresh_token":"r3fr35h"}"#,
        )
        .unwrap();
        let server = OAuthServer::new("https://o.example/oauth/token/", "app", "cl13nt53cr3t");
        let text = format!("{grant:?} {server:?}");
        for secret in ["acc355", "r3fr35h", "cl13nt53cr3t"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}
