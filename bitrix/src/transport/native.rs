//! The native transport: reqwest (plain HTTP; HTTPS with the `rustls` feature).

use std::time::Duration;

use super::{FORM_CONTENT_TYPE, HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] over reqwest, for tools and tests. Cheap to clone (one connection pool).
///
/// ```no_run
/// # async fn run() -> Result<(), bitrix_rest::Error> {
/// use bitrix_rest::{Client, NativeTransport};
/// let transport = NativeTransport::with_timeout(std::time::Duration::from_secs(30));
/// let client = Client::builder().transport(transport).webhook("https://shop.example/rest/1/secret/")?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct NativeTransport {
    http: reqwest::Client,
}

impl Default for NativeTransport {
    /// A 75-second timeout: Bitrix cuts requests off after 60 s.
    fn default() -> Self {
        NativeTransport::with_timeout(Duration::from_secs(75))
    }
}

impl NativeTransport {
    /// A transport whose requests give up after `timeout`.
    ///
    /// ```
    /// let t = bitrix_rest::NativeTransport::with_timeout(std::time::Duration::from_secs(5));
    /// # drop(t);
    /// ```
    pub fn with_timeout(timeout: Duration) -> NativeTransport {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            // Building fails only when the TLS backend cannot start; fall back to defaults,
            // which then report the same problem on the first request instead of panicking.
            .unwrap_or_default();
        NativeTransport { http }
    }

    /// A transport over an existing reqwest client (its pool, proxy and TLS settings).
    ///
    /// ```
    /// let t = bitrix_rest::NativeTransport::from_client(reqwest::Client::new());
    /// # drop(t);
    /// ```
    pub fn from_client(http: reqwest::Client) -> NativeTransport {
        NativeTransport { http }
    }
}

impl Transport for NativeTransport {
    async fn post(&self, request: HttpRequest<'_>) -> Result<HttpResponse, TransportError> {
        let send = async {
            let response = self
                .http
                .post(request.url)
                .header("Content-Type", FORM_CONTENT_TYPE)
                .body(request.body)
                .send()
                .await
                .map_err(network)?;
            let status = response.status().as_u16();
            let body = response.text().await.map_err(network)?;
            Ok(HttpResponse { status, body })
        };
        match request.cancel {
            None => send.await,
            Some(cancel) => {
                let send = std::pin::pin!(send);
                let cancelled = std::pin::pin!(cancel.cancelled());
                match futures::future::select(send, cancelled).await {
                    futures::future::Either::Left((outcome, _)) => outcome,
                    futures::future::Either::Right(((), _)) => Err(TransportError::Cancelled),
                }
            }
        }
    }
}

/// A reqwest error as text without the URL (a webhook URL holds its secret).
fn network(e: reqwest::Error) -> TransportError {
    let what = if e.is_timeout() {
        "the request timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the response body could not be read"
    } else {
        "the request failed"
    };
    let e = e.without_url();
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    TransportError::Network(format!("{what} ({detail})"))
}
