//! `/marketplace/app/storelink/`: the app's own page — `install.html` with `INSTALL=true`
//! until `setInstallFinish`, then `index.html` with `PLACEMENT=DEFAULT`. Opened by
//! `openApplication` it shows in a slider (`IFRAME=Y`) and hands the app the options it was
//! opened with (`PLACEMENT_OPTIONS`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use rusqlite::OptionalExtension;
use serde_json::{Value, json};

use super::deal_card::{frame_src, origin_of};
use super::frame::{self, FrameSession};
use super::html::{Viewer, json_block, page};
use crate::rng;
use crate::state::AppState;

pub async fn app_page(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let conn = state.db.lock();
    let viewer = Viewer::from_query(&conn, &query);
    let installed: bool = conn
        .query_row(
            "SELECT installed FROM app_state WHERE code = 'storelink'",
            [],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten()
        .unwrap_or(false);
    drop(conn);
    let l = viewer.lang;
    let sid = rng::secret(16);
    let key = frame::open(
        &state,
        FrameSession {
            user_id: viewer.user_id,
            lang: viewer.portal_lang.clone(),
            placement: "DEFAULT".into(),
            placement_options: placement_options(query.get("PLACEMENT_OPTIONS")),
            install: !installed,
        },
    );
    let widget = &state.urls.widget;
    let (file, extra) = if installed {
        ("index.html", "&PLACEMENT=DEFAULT")
    } else {
        ("install.html", "&INSTALL=true")
    };
    let handler = format!("{widget}/{file}");
    let frame = json!({
        "tab": "app",
        "session": key,
        "sid": sid,
        "name": format!("{}|0|{}", state.portal_domain(), sid),
        "src": frame_src(&handler, &state.portal_domain(), &viewer.portal_lang, &sid, extra),
        "origin": origin_of(&handler),
        "reloadOnInstall": !installed,
    });
    let config = json!({"frames": [frame], "openTab": "app", "keep": viewer.keep()});
    let heading = if installed {
        "StoreLink".to_string()
    } else {
        format!("StoreLink — {}", l.t("installing"))
    };
    let body = format!(
        r#"<div class="b24-title-bar"><h1>{heading}</h1></div>
<section class="b24-tab-body app-tab app-page" data-tab="app"></section>
<script type="application/json" id="b24-config">{}</script>"#,
        json_block(&config)
    );
    Html(page(
        &viewer,
        "StoreLink",
        "/marketplace/app/storelink/",
        &body,
    ))
    .into_response()
}

/// The options `openApplication` passed: an object with keys, else `[]` (an empty PHP array).
fn placement_options(text: Option<&String>) -> Value {
    match text.and_then(|t| serde_json::from_str::<Value>(t).ok()) {
        Some(Value::Object(map)) if !map.is_empty() => Value::Object(map),
        _ => json!([]),
    }
}
