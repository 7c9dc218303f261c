//! Lists: every page through `start`/`next`, and the fast `>ID` / `start=-1` export.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use bitrix_rest::{
    Client, ErrorKind, ListQuery, ManualClock,
    methods::{deals, orders},
};
use common::{Scripted, ok};
use futures::TryStreamExt;
use serde_json::json;

const HOOK: &str = "http://127.0.0.1:9/rest/1/secret/";

fn client(t: &Scripted, clock: &ManualClock) -> Client<Scripted, ManualClock> {
    Client::builder()
        .transport(t.clone())
        .clock(clock.clone())
        .webhook(HOOK)
        .unwrap()
}

/// 120 deals served 50 per page, as Bitrix pages them.
fn paged_server(clock: &ManualClock) -> Scripted {
    Scripted::new(clock, |sent| {
        let start: usize = sent.param("start").unwrap().parse().unwrap();
        let rows: Vec<_> = (start..(start + 50).min(120))
            .map(|i| json!({"ID": (i + 1).to_string(), "TITLE": format!("Deal {}", i + 1)}))
            .collect();
        let mut body = json!({"result": rows, "total": 120, "time": {}});
        if start + 50 < 120 {
            body["next"] = json!(start + 50);
        }
        ok(&body.to_string())
    })
}

#[tokio::test]
async fn list_all_reads_every_page_following_next() {
    let clock = ManualClock::new();
    let t = paged_server(&clock);
    let all = client(&t, &clock)
        .list_all(deals::list(&ListQuery::new().select(["ID", "TITLE"])))
        .await
        .unwrap();
    assert_eq!(all.len(), 120);
    assert_eq!(all[119].id, 120);
    let starts: Vec<_> = t.sent().iter().map(|s| s.param("start").unwrap()).collect();
    assert_eq!(starts, ["0", "50", "100"]);
}

#[tokio::test]
async fn pages_stream_one_page_at_a_time() {
    let clock = ManualClock::new();
    let t = paged_server(&clock);
    let c = client(&t, &clock);
    let pages = c.pages(deals::list(&ListQuery::new()));
    futures::pin_mut!(pages);
    let first = pages.try_next().await.unwrap().unwrap();
    assert_eq!(
        (first.len(), t.sent().len()),
        (50, 1),
        "the second page is not fetched yet"
    );
    let rest: Vec<_> = pages.try_collect().await.unwrap();
    assert_eq!(rest.iter().map(Vec::len).collect::<Vec<_>>(), [50, 20]);
}

#[tokio::test]
async fn a_next_that_does_not_advance_is_an_error_not_a_loop() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |_| {
        ok(r#"{"result":[{"ID":"1"}],"next":0,"total":9}"#)
    });
    let e = client(&t, &clock)
        .list_all(deals::list(&ListQuery::new()))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(t.sent().len(), 1);
}

#[tokio::test]
async fn fast_mode_filters_past_the_last_id_without_counting() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |sent| {
        assert_eq!(sent.param("start").as_deref(), Some("-1"));
        assert_eq!(sent.param("order[id]").as_deref(), Some("ASC"));
        assert_eq!(sent.param("filter[statusId]").as_deref(), Some("N"));
        let after: u64 = sent.param("filter[>id]").unwrap().parse().unwrap();
        let orders: Vec<_> = (after + 1..=120.min(after + 50))
            .map(|id| json!({"id": id, "accountNumber": id.to_string(), "statusId": "N"}))
            .collect();
        ok(&json!({"result": {"orders": orders}, "total": 0, "time": {}}).to_string())
    });
    let c = client(&t, &clock);
    let pages = c.fast_pages(
        orders::list(&ListQuery::new().filter("statusId", "N")),
        "id",
    );
    let pages: Vec<_> = pages.try_collect().await.unwrap();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [50, 50, 20]);
    assert_eq!(pages[2][19].id, 120);
    let afters: Vec<_> = t
        .sent()
        .iter()
        .map(|s| s.param("filter[>id]").unwrap())
        .collect();
    assert_eq!(afters, ["0", "50", "100"]);
}

#[tokio::test]
async fn fast_mode_stops_after_an_exactly_full_last_page_with_an_empty_one() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |sent| {
        let after: u64 = sent.param("filter[>ID]").unwrap().parse().unwrap();
        let rows: Vec<_> = (after + 1..=100.min(after + 50))
            .map(|id| json!({"ID": id.to_string()}))
            .collect();
        ok(&json!({"result": rows, "total": 0}).to_string())
    });
    let c = client(&t, &clock);
    let pages: Vec<_> = c
        .fast_pages(deals::list(&ListQuery::new()), "ID")
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [50, 50, 0]);
}
