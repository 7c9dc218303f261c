//! Pages of the portal: the deal list, the deal card hosting the app, the app's own page,
//! and the server side of the frame protocol.

mod deal_card;
mod deal_list;
pub mod frame;
mod html;
mod i18n;
mod marketplace;

pub use deal_card::deal_card;
pub use deal_list::deal_list;
pub use marketplace::app_page;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const PORTAL_JS: &str = include_str!("../assets/portal.js");
const PORTAL_CSS: &str = include_str!("../assets/portal.css");

pub async fn script() -> Response {
    asset(PORTAL_JS, "text/javascript; charset=utf-8")
}

pub async fn style() -> Response {
    asset(PORTAL_CSS, "text/css; charset=utf-8")
}

fn asset(body: &'static str, mime: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    response
}
