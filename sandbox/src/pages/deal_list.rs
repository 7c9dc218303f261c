//! `/crm/deal/`: the deals, 50 a page, each linking to its card.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};

use super::html::{Viewer, escape, page};
use super::i18n::money;
use crate::state::AppState;

const PER_PAGE: i64 = 50;

/// ID, title, stage name, sum, currency, contact, modified.
type ListRow = (i64, String, String, f64, String, Option<String>, String);

pub async fn deal_list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let conn = state.db.lock();
    let viewer = Viewer::from_query(&conn, &query);
    let l = viewer.lang;
    let page_no: i64 = query
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p > 0)
        .unwrap_or(1);
    let total: i64 = conn
        .query_row("SELECT COUNT(*) FROM deals", [], |r| r.get(0))
        .unwrap_or(0);
    let rows: Vec<ListRow> = conn
        .prepare(
            "SELECT d.id, d.title, COALESCE(s.name, d.stage_id), d.opportunity, d.currency_id,
                    (SELECT TRIM(COALESCE(c.name, '') || ' ' || COALESCE(c.last_name, '')) FROM contacts c WHERE c.id = d.contact_id),
                    d.date_modify
             FROM deals d LEFT JOIN stages s ON s.status_id = d.stage_id
             ORDER BY d.id DESC LIMIT ?1 OFFSET ?2",
        )
        .and_then(|mut stmt| {
            stmt.query_map([PER_PAGE, (page_no - 1) * PER_PAGE], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
                .collect()
        })
        .unwrap_or_default();
    drop(conn);
    let mut body = format!(
        r#"<div class="b24-title-bar"><h1>{}</h1><span class="b24-counter">{total}</span></div>
<div class="b24-card"><table class="b24-grid" id="deal-list"><thead><tr><th>ID</th><th>{}</th><th>{}</th><th class="num">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        l.t("deals"),
        l.t("title"),
        l.t("stage"),
        l.t("sum"),
        l.t("contact"),
        l.t("modified"),
    );
    for (id, title, stage, sum, currency, contact, modified) in rows {
        body.push_str(&format!(
            r#"<tr><td>{id}</td><td><a class="deal-link" href="/crm/deal/details/{id}/?{keep}">{}</a></td><td><span class="b24-stage">{}</span></td><td class="num">{}</td><td>{}</td><td class="muted">{}</td></tr>"#,
            escape(&title),
            escape(&stage),
            money(l, sum, &currency),
            escape(contact.as_deref().unwrap_or("")),
            escape(&modified.replace('T', " ").chars().take(16).collect::<String>()),
            keep = viewer.keep()
        ));
    }
    body.push_str("</tbody></table>");
    let pages = (total + PER_PAGE - 1) / PER_PAGE;
    if pages > 1 {
        body.push_str(&format!(r#"<div class="b24-pager">{}: "#, l.t("page")));
        for p in 1..=pages {
            if p == page_no {
                body.push_str(&format!("<b>{p}</b> "));
            } else {
                body.push_str(&format!(
                    r#"<a href="/crm/deal/?{}&page={p}">{p}</a> "#,
                    viewer.keep()
                ));
            }
        }
        body.push_str("</div>");
    }
    body.push_str("</div>");
    Html(page(&viewer, l.t("deals"), "/crm/deal/", &body)).into_response()
}
