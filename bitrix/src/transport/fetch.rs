//! The browser transport: `fetch` with an `AbortController`, no custom headers, no preflight.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestInit, RequestMode, Response};

use super::{FORM_CONTENT_TYPE, HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] over the browser's `fetch` (in a window or a worker).
///
/// Requests are CORS "simple" requests: `POST` with only
/// `Content-Type: application/x-www-form-urlencoded`, no credentials, so the browser sends no
/// preflight. A request whose [`Cancel`](crate::Cancel) fires is aborted with an
/// `AbortController`, so the browser drops the connection.
///
/// ```no_run
/// let client = bitrix_rest::Client::builder()
///     .transport(bitrix_rest::FetchTransport::default())
///     .webhook("https://shop.example/rest/1/secret/");
/// ```
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    _private: (),
}

impl Transport for FetchTransport {
    async fn post(&self, request: HttpRequest<'_>) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().map_err(js_error)?;
        let _registration = request.cancel.map(|cancel| {
            let controller = controller.clone();
            cancel.on_cancel(move || controller.abort())
        });
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_mode(RequestMode::Cors);
        init.set_body(&JsValue::from_str(&request.body));
        init.set_signal(Some(&controller.signal()));
        let req = Request::new_with_str_and_init(request.url, &init).map_err(js_error)?;
        req.headers()
            .set("Content-Type", FORM_CONTENT_TYPE)
            .map_err(js_error)?;
        let fetched = JsFuture::from(global_fetch(&req)?).await;
        let response: Response = match fetched {
            Ok(r) => r.dyn_into().map_err(js_error)?,
            Err(_) if request.cancel.is_some_and(|c| c.is_cancelled()) => {
                return Err(TransportError::Cancelled);
            }
            Err(e) => return Err(js_error(e)),
        };
        let status = response.status();
        let text = match JsFuture::from(response.text().map_err(js_error)?).await {
            Ok(t) => t,
            Err(_) if request.cancel.is_some_and(|c| c.is_cancelled()) => {
                return Err(TransportError::Cancelled);
            }
            Err(e) => return Err(js_error(e)),
        };
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
