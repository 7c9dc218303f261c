//! The browser transport: `fetch` with an `AbortController`, no custom headers, no preflight.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestInit, RequestMode, Response};

use super::{FORM_CONTENT_TYPE, HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] over the browser's `fetch` (in a window or a worker).
///
/// Requests are CORS "simple" requests: `POST` with only
/// `Content-Type: application/x-www-form-urlencoded`, no credentials, so the browser sends no
/// preflight. A request whose [`Cancel`](crate::Cancel) fires is aborted with an
/// `AbortController`, so the browser drops the connection; so is a request left unanswered
/// past the time limit (25 s unless [`FetchTransport::with_timeout`] says otherwise).
///
/// ```no_run
/// let client = bitrix_rest::Client::builder()
///     .transport(bitrix_rest::FetchTransport::default())
///     .webhook("https://shop.example/rest/1/secret/");
/// ```
#[derive(Clone, Debug)]
pub struct FetchTransport {
    /// How long a request may go unanswered before it is abandoned
    /// ([`TransportError::TimedOut`]).
    timeout_secs: u32,
}

impl Default for FetchTransport {
    /// Requests wait at most 25 s: a Bitrix REST call that has not answered by then is stuck
    /// (the server cuts its own requests off at 60 s), and a person should hear so.
    fn default() -> Self {
        FetchTransport { timeout_secs: 25 }
    }
}

impl FetchTransport {
    /// A transport whose requests are abandoned after `secs` seconds without an answer.
    pub fn with_timeout(secs: u32) -> FetchTransport {
        FetchTransport {
            timeout_secs: secs.max(1),
        }
    }
}

impl Transport for FetchTransport {
    async fn post(&self, request: HttpRequest<'_>) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().map_err(js_error)?;
        let _registration = request.cancel.map(|cancel| {
            let controller = controller.clone();
            cancel.on_cancel(move || controller.abort())
        });
        // Past the time limit the request is aborted; the flag tells it from a cancel.
        let timed_out = Rc::new(Cell::new(false));
        let _limit = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            gloo_timers::callback::Timeout::new(self.timeout_secs.saturating_mul(1000), move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let failed = |e: JsValue| {
            if timed_out.get() {
                TransportError::TimedOut(self.timeout_secs)
            } else if request.cancel.is_some_and(|c| c.is_cancelled()) {
                TransportError::Cancelled
            } else {
                js_error(e)
            }
        };
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_mode(RequestMode::Cors);
        init.set_body(&JsValue::from_str(&request.body));
        init.set_signal(Some(&controller.signal()));
        let req = Request::new_with_str_and_init(request.url, &init).map_err(js_error)?;
        req.headers()
            .set("Content-Type", FORM_CONTENT_TYPE)
            .map_err(js_error)?;
        let response: Response = JsFuture::from(global_fetch(&req)?)
            .await
            .map_err(failed)?
            .dyn_into()
            .map_err(js_error)?;
        let status = response.status();
        let text = JsFuture::from(response.text().map_err(js_error)?)
            .await
            .map_err(failed)?;
        Ok(HttpResponse {
            status,
            body: text.as_string().unwrap_or_default(),
        })
    }
}

/// Calls `fetch` on the window, or on the worker scope inside a worker.
fn global_fetch(req: &Request) -> Result<js_sys::Promise, TransportError> {
    let global = js_sys::global();
    if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        return Ok(window.fetch_with_request(req));
    }
    if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        return Ok(worker.fetch_with_request(req));
    }
    Err(TransportError::Network(
        "no fetch: neither a window nor a worker".to_owned(),
    ))
}

/// A JS exception as text. `fetch` rejects with a `TypeError` ("Failed to fetch") that names
/// no URL, so a webhook secret cannot leak through it.
fn js_error(e: JsValue) -> TransportError {
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "a browser error".to_owned());
    TransportError::Network(text)
}
