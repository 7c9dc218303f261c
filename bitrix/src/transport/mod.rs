//! How a request travels: a form-encoded POST, answered with a status and a body.
//!
//! [`Transport`] is the only I/O of the client. The default transports are [`FetchTransport`]
//! in `wasm32` (the browser's `fetch`, with an `AbortController`) and [`NativeTransport`]
//! elsewhere (reqwest). Tests plug in their own.

use std::future::Future;

use crate::cancel::Cancel;
use crate::platform::{MaybeSend, MaybeSync};

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport;
#[cfg(not(target_arch = "wasm32"))]
pub use native::NativeTransport;

/// The transport a [`Client`](crate::Client) uses unless told otherwise.
///
/// ```
/// let t = bitrix_rest::DefaultTransport::default();
/// # drop(t);
/// ```
#[cfg(target_arch = "wasm32")]
pub type DefaultTransport = FetchTransport;
/// The transport a [`Client`](crate::Client) uses unless told otherwise.
///
/// ```
/// let t = bitrix_rest::DefaultTransport::default();
/// # drop(t);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub type DefaultTransport = NativeTransport;

/// The content type of every request: a CORS-safelisted value, so browsers send no preflight.
///
/// ```
/// assert_eq!(bitrix_rest::FORM_CONTENT_TYPE, "application/x-www-form-urlencoded");
/// ```
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// One HTTP request: `POST url` with a form-encoded `body` and no header other than
/// `Content-Type: application/x-www-form-urlencoded`.
///
/// ```
/// let r = bitrix_rest::HttpRequest { url: "https://x.bitrix24.com/rest/user.current.json", body: "auth=t".into(), cancel: None };
/// assert!(r.body.starts_with("auth="));
/// ```
#[derive(Debug, Clone)]
pub struct HttpRequest<'a> {
    /// The full URL (for a webhook it contains the secret: never log it).
    pub url: &'a str,
    /// The form-encoded body.
    pub body: String,
    /// When set, abort the request once this is cancelled.
    pub cancel: Option<&'a Cancel>,
}

/// What came back: the HTTP status and the body as text.
///
/// ```
/// let r = bitrix_rest::HttpResponse { status: 200, body: r#"{"result":true}"#.into() };
/// assert_eq!(r.status, 200);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// The body, decoded as UTF-8.
    pub body: String,
}

/// Why no response arrived.
///
/// ```
/// let e = bitrix_rest::TransportError::Network("connection refused".into());
/// assert_eq!(e.to_string(), "connection refused");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The request failed or timed out on the way (the text must not contain the URL).
    #[error("{0}")]
    Network(String),
    /// The request was aborted through its [`Cancel`].
    #[error("cancelled")]
    Cancelled,
    /// No answer came within the transport's time limit (`secs` seconds); the request was
    /// abandoned.
    #[error("no answer within {0} s")]
    TimedOut(u32),
}

/// The error code a call carries when its transport gave up waiting
/// ([`TransportError::TimedOut`]): kind [`Network`](crate::ErrorKind::Network), not retried
/// (the server is not answering; asking again only makes the person wait longer).
///
/// ```
/// assert_eq!(bitrix_rest::REQUEST_TIMEOUT, "REQUEST_TIMEOUT");
/// ```
pub const REQUEST_TIMEOUT: &str = "REQUEST_TIMEOUT";

/// Sends form-encoded POSTs. Implement it to plug in another HTTP stack or a test double.
///
/// The returned future is `Send` natively and need not be in `wasm32`.
///
/// ```
/// use bitrix_rest::{HttpRequest, HttpResponse, Transport, TransportError};
///
/// /// Answers every call with `true`.
/// #[derive(Clone)]
/// struct AlwaysTrue;
///
/// impl Transport for AlwaysTrue {
///     async fn post(&self, _request: HttpRequest<'_>) -> Result<HttpResponse, TransportError> {
///         Ok(HttpResponse { status: 200, body: r#"{"result":true}"#.into() })
///     }
/// }
/// ```
pub trait Transport: Clone + MaybeSend + MaybeSync + 'static {
    /// Sends `request` and returns the status and body, or why nothing came back.
    fn post(
        &self,
        request: HttpRequest<'_>,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + MaybeSend;
}
