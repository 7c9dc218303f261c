//! Building a client: transport, clock, limits, retries, credentials.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::credentials::{Credentials, OAuth, TokenSlot};
use super::{Client, Shared};
use crate::auth::{Token, WebhookUrl};
use crate::clock::{Clock, DefaultClock};
use crate::error::{Error, ErrorKind};
use crate::limiter::{LeakyBucket, RateLimit};
use crate::platform::{MaybeSend, MaybeSync};
use crate::retry::RetryPolicy;
use crate::transport::{DefaultTransport, Transport};

/// Configures a [`Client`]. Start with [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use bitrix_rest::{Client, ManualClock, RateLimit, RetryPolicy, Token};
/// let portal = Client::builder()
///     .clock(ManualClock::new())
///     .rate_limit(RateLimit::ENTERPRISE)
///     .retry(RetryPolicy::NONE)
///     .oauth_without_refresh("https://portal.example/rest/", Token::new("t", Duration::from_secs(3600)))
///     .unwrap();
/// # drop(portal);
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder<T = DefaultTransport, C = DefaultClock> {
    transport: T,
    clock: C,
    rate_limit: RateLimit,
    retry: RetryPolicy,
    refresh_margin: Duration,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            transport: DefaultTransport::default(),
            clock: DefaultClock::default(),
            rate_limit: RateLimit::default(),
            retry: RetryPolicy::default(),
            refresh_margin: Duration::from_secs(60),
        }
    }
}

impl<T: Transport, C: Clock> ClientBuilder<T, C> {
    /// Uses this transport.
    ///
    /// ```
    /// let b = bitrix_rest::Client::builder().transport(bitrix_rest::DefaultTransport::default());
    /// # drop(b);
    /// ```
    pub fn transport<T2: Transport>(self, transport: T2) -> ClientBuilder<T2, C> {
        ClientBuilder {
            transport,
            clock: self.clock,
            rate_limit: self.rate_limit,
            retry: self.retry,
            refresh_margin: self.refresh_margin,
        }
    }

    /// Uses this clock (e.g. a [`ManualClock`](crate::ManualClock) in tests).
    ///
    /// ```
    /// let b = bitrix_rest::Client::builder().clock(bitrix_rest::ManualClock::new());
    /// # drop(b);
    /// ```
    pub fn clock<C2: Clock>(self, clock: C2) -> ClientBuilder<T, C2> {
        ClientBuilder {
            transport: self.transport,
            clock,
            rate_limit: self.rate_limit,
            retry: self.retry,
            refresh_margin: self.refresh_margin,
        }
    }

    /// The server's request limit to stay under (default: burst 50, 2 per second).
    ///
    /// ```
    /// let b = bitrix_rest::Client::builder().rate_limit(bitrix_rest::RateLimit::ENTERPRISE);
    /// # drop(b);
    /// ```
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = limit;
        self
    }

    /// How failed calls are retried (default: [`RetryPolicy::default`]).
    ///
    /// ```
    /// let b = bitrix_rest::Client::builder().retry(bitrix_rest::RetryPolicy::NONE);
    /// # drop(b);
    /// ```
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Refresh an OAuth token this long before it expires (default 60 s).
    ///
    /// ```
    /// let b = bitrix_rest::Client::builder().refresh_margin(std::time::Duration::from_secs(300));
    /// # drop(b);
    /// ```
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// A client of an inbound webhook `https://HOST/rest/USER_ID/SECRET/`.
    ///
    /// ```
    /// let store = bitrix_rest::Client::builder().webhook("https://shop.example/rest/1/k3y/").unwrap();
    /// # drop(store);
    /// ```
    pub fn webhook(self, url: &str) -> Result<Client<T, C>, Error> {
        Ok(self.build(Credentials::Webhook(WebhookUrl::parse(url)?)))
    }

    /// A client with an OAuth token and a hook that fetches a new one: called once when the
    /// server says the token expired (then the call is repeated once), and before the token
    /// expires. Concurrent calls share one refresh.
    ///
    /// `endpoint` is the portal's REST address, `https://DOMAIN/rest/`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use bitrix_rest::{Client, Token};
    /// let portal = Client::builder().oauth(
    ///     "https://portal.example/rest/",
    ///     Token::new("first", Duration::from_secs(3600)),
    ///     || async { Ok(Token::new("second", Duration::from_secs(3600))) },
    /// );
    /// assert!(portal.is_ok());
    /// ```
    pub fn oauth<F, Fut>(
        self,
        endpoint: &str,
        token: Token,
        refresh: F,
    ) -> Result<Client<T, C>, Error>
    where
        F: Fn() -> Fut + MaybeSend + MaybeSync + 'static,
        Fut: Future<Output = Result<Token, Error>> + MaybeSend + 'static,
    {
        self.oauth_with(endpoint, token, Some(Box::new(move || Box::pin(refresh()))))
    }

    /// A client with an OAuth token that is never refreshed (tools, short scripts).
    ///
    /// ```
    /// use std::time::Duration;
    /// let portal = bitrix_rest::Client::builder()
    ///     .oauth_without_refresh("https://portal.example/rest/", bitrix_rest::Token::new("t", Duration::from_secs(3600)))
    ///     .unwrap();
    /// # drop(portal);
    /// ```
    pub fn oauth_without_refresh(
        self,
        endpoint: &str,
        token: Token,
    ) -> Result<Client<T, C>, Error> {
        self.oauth_with(endpoint, token, None)
    }

    fn oauth_with(
        self,
        endpoint: &str,
        token: Token,
        refresh: Option<crate::auth::RefreshHook>,
    ) -> Result<Client<T, C>, Error> {
        let endpoint = rest_endpoint(endpoint)?;
        let expires_at = token.expires_in.map(|d| self.clock.now().saturating_add(d));
        let margin = self.refresh_margin;
        Ok(self.build(Credentials::OAuth(OAuth {
            endpoint,
            slot: std::sync::Mutex::new(TokenSlot {
                token,
                generation: 0,
                expires_at,
            }),
            refresh,
            refreshing: futures::lock::Mutex::new(()),
            margin,
        })))
    }

    fn build(self, credentials: Credentials) -> Client<T, C> {
        Client {
            shared: Arc::new(Shared {
                transport: self.transport,
                clock: self.clock,
                credentials,
                bucket: Mutex::new(LeakyBucket::new(self.rate_limit)),
                retry: self.retry,
                limited: std::sync::atomic::AtomicBool::new(false),
                retrying: std::sync::atomic::AtomicU32::new(0),
                slow_downs: std::sync::atomic::AtomicU32::new(0),
            }),
            cancel: None,
            retry: None,
        }
    }
}

/// Checks a REST endpoint (`https://DOMAIN/rest/`) and gives it a trailing slash.
fn rest_endpoint(endpoint: &str) -> Result<String, Error> {
    let e = endpoint.trim();
    let (scheme, rest) = e.split_once("://").unwrap_or(("", e));
    let host = rest.split('/').next().unwrap_or_default();
    let loopback = {
        let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
        name == "localhost" || name.starts_with("127.") || host.starts_with("[::1]")
    };
    let ok = !host.is_empty()
        && (scheme.eq_ignore_ascii_case("https")
            || (scheme.eq_ignore_ascii_case("http") && loopback));
    if !ok {
        return Err(Error::new(
            ErrorKind::Usage,
            "oauth",
            format!("not a REST endpoint: {endpoint:?}; expected https://DOMAIN/rest/"),
        ));
    }
    Ok(if e.ends_with('/') {
        e.to_owned()
    } else {
        format!("{e}/")
    })
}
