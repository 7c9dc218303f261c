//! Test doubles: a scripted transport that records what it was sent, and form decoding.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bitrix_rest::{Clock, HttpRequest, HttpResponse, ManualClock, Transport, TransportError};

/// One request as the transport saw it.
#[derive(Debug, Clone)]
pub struct Sent {
    pub url: String,
    pub body: String,
    /// The test clock's time when it was sent.
    pub at: Duration,
}

impl Sent {
    /// The decoded form pairs, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        form_pairs(&self.body)
    }

    /// The first value of a key.
    pub fn param(&self, key: &str) -> Option<String> {
        self.pairs()
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

type Responder = dyn Fn(&Sent) -> Result<HttpResponse, TransportError> + Send + Sync;

/// A transport that answers from a responder and records every request.
#[derive(Clone)]
pub struct Scripted {
    clock: ManualClock,
    sent: Arc<Mutex<Vec<Sent>>>,
    responder: Arc<Responder>,
}

impl Scripted {
    /// Answers with `respond(request)`.
    pub fn new(
        clock: &ManualClock,
        respond: impl Fn(&Sent) -> Result<HttpResponse, TransportError> + Send + Sync + 'static,
    ) -> Scripted {
        Scripted {
            clock: clock.clone(),
            sent: Arc::default(),
            responder: Arc::new(respond),
        }
    }

    /// Answers with these replies in order, then fails the test's expectations loudly.
    pub fn queue(
        clock: &ManualClock,
        replies: Vec<Result<HttpResponse, TransportError>>,
    ) -> Scripted {
        let replies = Mutex::new(VecDeque::from(replies));
        Scripted::new(clock, move |_| {
            replies
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| Err(TransportError::Network("no more scripted replies".into())))
        })
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    async fn post(&self, request: HttpRequest<'_>) -> Result<HttpResponse, TransportError> {
        let sent = Sent {
            url: request.url.to_owned(),
            body: request.body,
            at: self.clock.now(),
        };
        self.sent.lock().unwrap().push(sent.clone());
        // Let other tasks run between send and answer, as a real network would.
        tokio::task::yield_now().await;
        (self.responder)(&sent)
    }
}

/// A webhook client of `hook` over `transport` and `clock` that does not try a failed call
/// again.
pub fn client_without_retries(
    transport: &Scripted,
    clock: &ManualClock,
    hook: &str,
) -> bitrix_rest::Client<Scripted, ManualClock> {
    bitrix_rest::Client::builder()
        .transport(transport.clone())
        .clock(clock.clone())
        .retry(bitrix_rest::RetryPolicy::NONE)
        .webhook(hook)
        .unwrap()
}

pub fn ok(body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status: 200,
        body: body.to_owned(),
    })
}

pub fn status(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status,
        body: body.to_owned(),
    })
}

pub fn resource(name: &str) -> String {
    let path = format!("{}/tests/resources/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Decodes `application/x-www-form-urlencoded` into pairs.
pub fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}
