//! `/crm/deal/details/ID/`: the deal's title, stage and sum, and one tab per placement bound
//! to `CRM_DEAL_DETAIL_TAB`, hosting the app in an iframe.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use rusqlite::OptionalExtension;
use serde_json::{Value, json};

use super::frame::{self, FrameSession};
use super::html::{Viewer, escape, json_block, page};
use super::i18n::{Lang, money};
use crate::rng;
use crate::state::AppState;

struct Deal {
    title: String,
    stage: String,
    category: i64,
    opportunity: f64,
    currency: String,
    contact: Option<String>,
    responsible: Option<String>,
}

/// A bound placement: ID, handler, title in the viewer's language.
pub fn tabs(conn: &rusqlite::Connection, lang: Lang) -> Vec<(i64, String, String)> {
    let mut out = vec![];
    let Ok(mut stmt) = conn.prepare("SELECT id, handler, title, lang_all FROM placements WHERE placement = 'CRM_DEAL_DETAIL_TAB' ORDER BY id") else {
        return out;
    };
    let Ok(rows) = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    }) else {
        return out;
    };
    for (id, handler, title, lang_all) in rows.flatten() {
        let localized = serde_json::from_str::<Value>(&lang_all)
            .ok()
            .and_then(|v| {
                v.get(lang.code())
                    .and_then(|l| l.get("TITLE"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .filter(|t| !t.is_empty());
        out.push((id, handler, localized.unwrap_or(title)));
    }
    out
}

/// The app frame's `src`: the handler plus `DOMAIN`, `PROTOCOL`, `LANG`, `APP_SID`.
pub fn frame_src(handler: &str, domain: &str, lang: &str, sid: &str, extra: &str) -> String {
    let joiner = if handler.contains('?') { '&' } else { '?' };
    format!("{handler}{joiner}DOMAIN={domain}&PROTOCOL=0&LANG={lang}&APP_SID={sid}{extra}")
}

/// `http://127.0.0.1:8080` of `http://127.0.0.1:8080/index.html`.
pub fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after_scheme..].find('/') {
        Some(i) => url[..after_scheme + i].to_string(),
        None => url.to_string(),
    }
}

pub async fn deal_card(
    State(state): State<Arc<AppState>>,
    Path(id): Path<u64>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let conn = state.db.lock();
    let viewer = Viewer::from_query(&conn, &query);
    let l = viewer.lang;
    let deal = conn
        .query_row(
            "SELECT d.title, COALESCE(s.name, d.stage_id), d.category_id, d.opportunity, d.currency_id,
                    (SELECT TRIM(COALESCE(c.name, '') || ' ' || COALESCE(c.last_name, '')) FROM contacts c WHERE c.id = d.contact_id),
                    (SELECT u.name || ' ' || u.last_name FROM users u WHERE u.id = d.assigned_by_id)
             FROM deals d LEFT JOIN stages s ON s.status_id = d.stage_id WHERE d.id = ?1",
            [id],
            |r| Ok(Deal { title: r.get(0)?, stage: r.get(1)?, category: r.get(2)?, opportunity: r.get(3)?, currency: r.get(4)?, contact: r.get(5)?, responsible: r.get(6)? }),
        )
        .optional()
        .ok()
        .flatten();
    let Some(deal) = deal else {
        let body = format!("<div class=\"b24-card\"><p>{}</p></div>", l.t("not_found"));
        return (
            StatusCode::NOT_FOUND,
            Html(page(
                &viewer,
                l.t("not_found"),
                &format!("/crm/deal/details/{id}/"),
                &body,
            )),
        )
            .into_response();
    };
    let stages: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT status_id, name, semantics FROM stages WHERE (category_id = ?1) OR (?1 = 0 AND category_id IS NULL) ORDER BY sort")
        .and_then(|mut s| s.query_map([deal.category], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .unwrap_or_default();
    let current_stage: String = conn
        .query_row("SELECT stage_id FROM deals WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap_or_default();
    let rows: Vec<(String, f64, f64)> = conn
        .prepare("SELECT product_name, price, quantity FROM deal_rows WHERE deal_id = ?1 ORDER BY sort, id")
        .and_then(|mut s| s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .unwrap_or_default();
    let tabs = tabs(&conn, l);
    drop(conn);

    let mut stage_bar = String::from(r#"<div class="b24-stages">"#);
    let mut passed = true;
    for (status, name, semantics) in &stages {
        let is_current = *status == current_stage;
        let class = if is_current {
            "current"
        } else if passed && semantics.is_none() {
            "passed"
        } else {
            ""
        };
        if is_current {
            passed = false;
        }
        stage_bar.push_str(&format!(
            r#"<span class="b24-stage-step {class}" title="{0}">{0}</span>"#,
            escape(name)
        ));
    }
    stage_bar.push_str("</div>");

    let mut frames = vec![];
    let mut tab_heads = format!(
        r##"<a class="b24-tab active" data-tab="main" href="#main">{}</a>"##,
        l.t("general")
    );
    let mut tab_bodies = String::new();
    for (placement_id, handler, title) in &tabs {
        let sid = rng::secret(16);
        let key = frame::open(
            &state,
            FrameSession {
                user_id: viewer.user_id,
                lang: viewer.portal_lang.clone(),
                placement: "CRM_DEAL_DETAIL_TAB".into(),
                placement_options: json!({"ID": id.to_string()}),
                install: false,
            },
        );
        let tab = format!("app_{placement_id}");
        tab_heads.push_str(&format!(
            r##"<a class="b24-tab" data-tab="{tab}" href="#{tab}">{}</a>"##,
            escape(title)
        ));
        tab_bodies.push_str(&format!(
            r#"<section class="b24-tab-body app-tab" data-tab="{tab}" hidden></section>"#
        ));
        frames.push(json!({
            "tab": tab,
            "session": key,
            "sid": sid,
            "name": format!("{}|0|{}", state.portal_domain(), sid),
            "src": frame_src(handler, &state.portal_domain(), &viewer.portal_lang, &sid, ""),
            "origin": origin_of(handler),
        }));
    }
    // `&tab=storelink` (or `app`) opens the app's first tab; `&tab=app_3` or `#app_3` that one.
    let open_tab = match query.get("tab").map(String::as_str) {
        Some("app" | "storelink") => frames
            .first()
            .and_then(|f| f["tab"].as_str())
            .unwrap_or("main")
            .to_string(),
        Some(t) if frames.iter().any(|f| f["tab"] == t) => t.to_string(),
        _ => "main".into(),
    };
    let mut products = String::new();
    if rows.is_empty() {
        products.push_str(&format!("<p class=\"muted\">{}</p>", l.t("no_rows")));
    } else {
        products.push_str(&format!(
            "<table class=\"b24-grid\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            l.t("product"), l.t("price"), l.t("quantity"), l.t("sum")
        ));
        for (name, price, quantity) in &rows {
            products.push_str(&format!(
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(name),
                money(l, *price, &deal.currency),
                quantity,
                money(l, price * quantity, &deal.currency)
            ));
        }
        products.push_str("</tbody></table>");
    }
    let config = json!({"deal": id, "user": viewer.user_id, "lang": l.code(), "frames": frames, "openTab": open_tab, "keep": viewer.keep()});
    let body = format!(
        r#"<div class="b24-title-bar"><h1 id="deal-title">{title}</h1><span class="muted">{deal_word} #{id}</span></div>
{stage_bar}
<nav class="b24-tabs">{tab_heads}</nav>
<section class="b24-tab-body" data-tab="main">
  <div class="b24-columns">
    <div class="b24-card"><h2>{about}</h2>
      <dl class="b24-fields">
        <dt>{stage_word}</dt><dd id="deal-stage">{stage}</dd>
        <dt>{sum_word}</dt><dd id="deal-sum">{sum}</dd>
        <dt>{contact_word}</dt><dd>{contact}</dd>
        <dt>{responsible_word}</dt><dd>{responsible}</dd>
      </dl>
    </div>
    <div class="b24-card"><h2>{products_word}</h2>{products}</div>
  </div>
</section>
{tab_bodies}
<script type="application/json" id="b24-config">{config}</script>"#,
        title = escape(&deal.title),
        deal_word = l.t("deal"),
        about = l.t("about"),
        stage_word = l.t("stage"),
        stage = escape(&deal.stage),
        sum_word = l.t("sum"),
        sum = money(l, deal.opportunity, &deal.currency),
        contact_word = l.t("contact"),
        contact = escape(deal.contact.as_deref().unwrap_or("—")),
        responsible_word = l.t("responsible"),
        responsible = escape(deal.responsible.as_deref().unwrap_or("—")),
        products_word = l.t("products"),
        config = json_block(&config),
    );
    Html(page(
        &viewer,
        &deal.title,
        &format!("/crm/deal/details/{id}/"),
        &body,
    ))
    .into_response()
}
