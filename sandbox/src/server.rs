//! The three origins' routers.

use std::sync::Arc;

use axum::Router;
use axum::response::{Html, Redirect};
use axum::routing::{any, get, post};

use crate::pages;
use crate::rest::handler::{SideState, rest};
use crate::state::{AppState, Side};
use crate::{control, oauth, widget};

pub fn widget_router(state: Arc<AppState>) -> Router {
    Router::new().fallback(widget::serve).with_state(state)
}

fn rest_router(state: Arc<AppState>, side: Side) -> Router {
    Router::new()
        .route("/rest", any(rest))
        .route("/rest/", any(rest))
        .route("/rest/{*path}", any(rest))
        .with_state(SideState { state, side })
}

pub fn portal_router(state: Arc<AppState>) -> Router {
    let pages = Router::new()
        .route("/", get(|| async { Redirect::to("/crm/deal/") }))
        .route("/crm/deal/", get(pages::deal_list))
        .route("/crm/deal", get(pages::deal_list))
        .route("/crm/deal/details/{id}/", get(pages::deal_card))
        .route("/crm/deal/details/{id}", get(pages::deal_card))
        .route("/marketplace/app/storelink/", get(pages::app_page))
        .route("/marketplace/app/storelink", get(pages::app_page))
        .route("/_portal/frame/{key}", post(pages::frame::command))
        .route("/_assets/portal.js", get(pages::script))
        .route("/_assets/portal.css", get(pages::style))
        .route("/oauth/token/", get(oauth::token))
        .route("/oauth/token", get(oauth::token))
        .nest("/_sandbox", control::router())
        .with_state(state.clone());
    pages.merge(rest_router(state, Side::Portal))
}

pub fn store_router(state: Arc<AppState>) -> Router {
    let front = Router::new().route(
        "/",
        get(|| async { Html("<!doctype html><meta charset=utf-8><title>1C-Bitrix</title><p>1C-Bitrix: Site Manager (sandbox). REST through the inbound webhook.</p>") }),
    );
    front.merge(rest_router(state, Side::Store))
}
