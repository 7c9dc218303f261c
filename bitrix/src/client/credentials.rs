//! The credentials of a client and the OAuth token's life: proactive and reactive refresh.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use crate::auth::{RefreshHook, Token, WebhookUrl};
use crate::encode;
use crate::error::{Error, ErrorKind};
use crate::platform::lock;

pub(crate) enum Credentials {
    Webhook(WebhookUrl),
    OAuth(OAuth),
}

pub(crate) struct OAuth {
    /// `https://portal/rest/`.
    pub(crate) endpoint: String,
    pub(crate) slot: Mutex<TokenSlot>,
    pub(crate) refresh: Option<RefreshHook>,
    /// Held while a refresh runs, so concurrent failures refresh once.
    pub(crate) refreshing: futures::lock::Mutex<()>,
    /// Refresh this long before the token expires.
    pub(crate) margin: Duration,
}

pub(crate) struct TokenSlot {
    pub(crate) token: Token,
    /// Bumped on every refresh, so a caller can tell whether its token is still current.
    pub(crate) generation: u64,
    pub(crate) expires_at: Option<Duration>,
}

/// What one attempt sends: the URL, the auth part of the body, and the token generation.
pub(crate) struct Target {
    pub(crate) url: String,
    pub(crate) auth: Option<String>,
    pub(crate) generation: u64,
}

impl Credentials {
    #[inline(never)]
    pub(crate) fn target(&self, method: &str) -> Target {
        match self {
            Credentials::Webhook(hook) => Target {
                url: hook.method_url(method),
                auth: None,
                generation: 0,
            },
            Credentials::OAuth(o) => {
                let slot = lock(&o.slot);
                Target {
                    url: format!("{}{method}.json", o.endpoint),
                    auth: Some(format!("auth={}", encode::component(slot.token.secret()))),
                    generation: slot.generation,
                }
            }
        }
    }

    /// Removes every secret this client knows from `text`.
    #[inline(never)]
    pub(crate) fn redact(&self, text: &str) -> String {
        match self {
            Credentials::Webhook(hook) => hook.redact(text),
            Credentials::OAuth(o) => {
                let token = lock(&o.slot).token.secret().to_owned();
                if token.is_empty() {
                    text.to_owned()
                } else {
                    text.replace(&token, "***")
                }
            }
        }
    }

    pub(crate) fn oauth(&self) -> Option<&OAuth> {
        match self {
            Credentials::OAuth(o) => Some(o),
            Credentials::Webhook(_) => None,
        }
    }
}

impl OAuth {
    /// True when the token expires within the margin at `now` (and can be refreshed). A token
    /// that lives less than four margins is refreshed in the last quarter of its life, not
    /// before every call.
    pub(crate) fn due(&self, now: Duration) -> Option<u64> {
        self.refresh.as_ref()?;
        let slot = lock(&self.slot);
        let expires_at = slot.expires_at?;
        let margin = slot
            .token
            .expires_in
            .map_or(self.margin, |life| self.margin.min(life / 4));
        (now.saturating_add(margin) >= expires_at).then_some(slot.generation)
    }

    /// Refreshes the token unless another caller already replaced generation `seen`.
    pub(crate) async fn refresh_after(
        &self,
        seen: u64,
        now: impl Fn() -> Duration,
        method: &str,
    ) -> Result<(), Error> {
        let _one_at_a_time = self.refreshing.lock().await;
        if lock(&self.slot).generation != seen {
            return Ok(());
        }
        let Some(hook) = &self.refresh else {
            return Err(Error::new(
                ErrorKind::Auth,
                method,
                "the access token expired and no refresh hook is set",
            ));
        };
        let token = hook().await.map_err(|e| {
            let mut e = Error::new(
                ErrorKind::Auth,
                method,
                format!("the access token could not be refreshed: {}", e.description),
            );
            e.status = None;
            e
        })?;
        let mut slot = lock(&self.slot);
        slot.expires_at = token.expires_in.map(|d| now().saturating_add(d));
        slot.token = token;
        slot.generation += 1;
        Ok(())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Webhook(hook) => f.debug_tuple("Webhook").field(hook).finish(),
            Credentials::OAuth(o) => f
                .debug_struct("OAuth")
                .field("endpoint", &o.endpoint)
                .field("token", &"***")
                .field("refresh", &o.refresh.is_some())
                .finish(),
        }
    }
}
