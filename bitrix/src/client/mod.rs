//! The client: credentials, one shared limiter, retries and token refresh around a transport.

mod builder;
mod call;
mod credentials;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

pub use builder::ClientBuilder;

use crate::cancel::Cancel;
use crate::clock::{Clock, DefaultClock};
use crate::limiter::LeakyBucket;
use crate::retry::RetryPolicy;
use crate::transport::{DefaultTransport, Transport};
use credentials::Credentials;

/// A client of one Bitrix system (a Bitrix24 portal or a 1C-Bitrix store).
///
/// Cheap to clone: clones share the credentials, the token, the rate limiter and the
/// transport, so every component of a UI can hold one and the system still sees one
/// well-behaved caller.
///
/// ```no_run
/// # async fn run() -> Result<(), bitrix_rest::Error> {
/// use bitrix_rest::Client;
/// let store = Client::webhook("https://shop.example/rest/1/k3y5ecret/")?;
/// let order = store.orders().get(9).await?;
/// println!("order {} is {}", order.account_number, order.status_id);
/// let me = store.call("user.current", serde_json::json!({})).await?;
/// # Ok(()) }
/// ```
pub struct Client<T: Transport = DefaultTransport, C: Clock = DefaultClock> {
    shared: Arc<Shared<T, C>>,
    cancel: Option<Cancel>,
    /// This clone's retry policy, when it is not the client's.
    retry: Option<RetryPolicy>,
}

struct Shared<T, C> {
    transport: T,
    clock: C,
    credentials: Credentials,
    bucket: Mutex<LeakyBucket>,
    retry: RetryPolicy,
    /// The server's last answer was `QUERY_LIMIT_EXCEEDED` (a call waits to try again).
    limited: AtomicBool,
    /// How many calls failed otherwise (a server error, no answer) and are trying again.
    retrying: AtomicU32,
    /// How many `QUERY_LIMIT_EXCEEDED` answers came, retried ones included.
    slow_downs: AtomicU32,
}

impl<T: Transport, C: Clock> Clone for Client<T, C> {
    fn clone(&self) -> Self {
        Client {
            shared: Arc::clone(&self.shared),
            cancel: self.cancel.clone(),
            retry: self.retry,
        }
    }
}

impl<T: Transport, C: Clock> std::fmt::Debug for Client<T, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.shared.credentials)
            .field("retry", &self.shared.retry)
            .finish_non_exhaustive()
    }
}

impl<T: Transport, C: Clock> PartialEq for Client<T, C> {
    /// Two clients are equal when they share state (clones of one another), whatever their
    /// cancellation flags; handy for UI properties.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }
}

impl Client {
    /// A builder, to choose the transport, clock, rate limit and retry policy.
    ///
    /// ```
    /// use bitrix_rest::{Client, RateLimit};
    /// let store = Client::builder()
    ///     .rate_limit(RateLimit { burst: 10, drain_per_sec: 1.0 })
    ///     .webhook("https://shop.example/rest/1/k3y5ecret/")
    ///     .unwrap();
    /// # drop(store);
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client of an inbound webhook with the default transport, clock and limits.
    ///
    /// ```
    /// let store = bitrix_rest::Client::webhook("https://shop.example/rest/1/k3y5ecret/").unwrap();
    /// assert!(!format!("{store:?}").contains("k3y5ecret"));
    /// ```
    pub fn webhook(url: &str) -> Result<Client, crate::Error> {
        ClientBuilder::default().webhook(url)
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// A clone bound to `cancel`: once it is cancelled, every call made through this clone
    /// stops (waits end, requests are aborted) with [`ErrorKind::Cancelled`](crate::ErrorKind::Cancelled).
    /// The limiter and token stay shared with the original.
    ///
    /// ```
    /// use bitrix_rest::{Cancel, Client};
    /// let client = Client::webhook("https://shop.example/rest/1/k3y5ecret/").unwrap();
    /// let cancel = Cancel::new();
    /// let for_this_component = client.with_cancel(cancel.clone());
    /// assert_eq!(for_this_component, client);
    /// ```
    pub fn with_cancel(&self, cancel: Cancel) -> Client<T, C> {
        Client {
            cancel: Some(cancel),
            ..self.clone()
        }
    }

    /// A clone that retries by `retry` (say, a background check that will run again anyway
    /// retries less than what a person waits for). Limiter and token stay shared.
    ///
    /// ```
    /// use bitrix_rest::{Client, RetryPolicy};
    /// let client = Client::webhook("https://shop.example/rest/1/k3y5ecret/").unwrap();
    /// let quiet = client.with_retry(RetryPolicy { max_retries: 1, ..RetryPolicy::default() });
    /// assert_eq!(quiet.retry_policy().max_retries, 1);
    /// assert_eq!(client.retry_policy().max_retries, 3);
    /// ```
    pub fn with_retry(&self, retry: RetryPolicy) -> Client<T, C> {
        Client {
            retry: Some(retry),
            ..self.clone()
        }
    }

    /// The retry policy calls through this client follow.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry.unwrap_or(self.shared.retry)
    }

    /// The clock this client waits with (shared by its clones).
    ///
    /// ```
    /// use bitrix_rest::Clock;
    /// let client = bitrix_rest::Client::builder().clock(bitrix_rest::ManualClock::new())
    ///     .webhook("https://shop.example/rest/1/k3y/").unwrap();
    /// assert_eq!(client.clock().now(), std::time::Duration::ZERO);
    /// ```
    pub fn clock(&self) -> &C {
        &self.shared.clock
    }

    /// True while the server is limiting this client: its last answer was
    /// `QUERY_LIMIT_EXCEEDED`, and calls wait before they try again. A UI can say so instead
    /// of just "waiting".
    ///
    /// ```
    /// let client = bitrix_rest::Client::webhook("https://shop.example/rest/1/k3y/").unwrap();
    /// assert!(!client.is_limited());
    /// ```
    pub fn is_limited(&self) -> bool {
        self.shared.limited.load(Ordering::Relaxed)
    }

    /// True while a call of this client (or a clone) that failed other than by a request to
    /// slow down (a server error, no answer) is trying again, until it returns.
    ///
    /// ```
    /// let client = bitrix_rest::Client::webhook("https://shop.example/rest/1/k3y/").unwrap();
    /// assert!(!client.is_retrying());
    /// ```
    pub fn is_retrying(&self) -> bool {
        self.shared.retrying.load(Ordering::Relaxed) > 0
    }

    /// How many times the server asked this client (and its clones) to slow down
    /// (`QUERY_LIMIT_EXCEEDED`), counting answers a retry got past: a caller that compares the
    /// count before and after its calls learns it pushed against the limit even when they
    /// succeeded.
    ///
    /// ```
    /// let client = bitrix_rest::Client::webhook("https://shop.example/rest/1/k3y/").unwrap();
    /// assert_eq!(client.slow_downs(), 0);
    /// ```
    pub fn slow_downs(&self) -> u32 {
        self.shared.slow_downs.load(Ordering::Relaxed)
    }
}
