//! Batch: encoding, splitting above 50 commands, references, halt, per-command errors.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use bitrix_rest::models::crm::{Deal, ProductRow};
use bitrix_rest::{Batch, BatchResults, Client, ErrorKind, ManualClock, methods::deals};
use common::{Scripted, Sent, ok, resource};
use serde_json::{Value, json};

const HOOK: &str = "http://127.0.0.1:9/rest/1/secret/";

/// One `cmd[...]` entry of a batch request: name, method, decoded params.
type SentCommand = (String, String, Vec<(String, String)>);

/// The `cmd[...]` entries of a batch request, in order.
fn commands(sent: &Sent) -> Vec<SentCommand> {
    sent.pairs()
        .into_iter()
        .filter_map(|(k, v)| {
            let name = k.strip_prefix("cmd[")?.strip_suffix(']')?.to_owned();
            let (method, query) = v.split_once('?').unwrap_or((&v, ""));
            Some((name, method.to_owned(), common::form_pairs(query)))
        })
        .collect()
}

/// A server that runs `crm.deal.get` by echoing the id as the deal, and resolves
/// `$result[name][ID]` references within one request as Bitrix does.
fn deal_server(clock: &ManualClock) -> Scripted {
    Scripted::new(clock, |sent| {
        let mut results = serde_json::Map::new();
        for (name, method, params) in commands(sent) {
            let id = params
                .iter()
                .find(|(k, _)| k == "id")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let id = match id.strip_prefix("$result[") {
                Some(rest) => {
                    let target = rest.split(']').next().unwrap();
                    results[target]["ID"].as_str().unwrap_or("").to_owned()
                }
                None => id,
            };
            let value = match method.as_str() {
                "crm.deal.get" => json!({"ID": id, "TITLE": format!("Deal {id}")}),
                _ => {
                    json!([{"ID": "1", "OWNER_ID": id, "PRODUCT_NAME": "Чайник", "PRICE": "10.00", "QUANTITY": "1"}])
                }
            };
            results.insert(name, value);
        }
        ok(
            &json!({"result": {"result": results, "result_error": [], "result_total": [],
            "result_next": [], "result_time": []}, "time": {}})
            .to_string(),
        )
    })
}

fn client(t: &Scripted, clock: &ManualClock) -> Client<Scripted, ManualClock> {
    Client::builder()
        .transport(t.clone())
        .clock(clock.clone())
        .webhook(HOOK)
        .unwrap()
}

#[tokio::test]
async fn batch_commands_are_double_encoded_method_query_strings() {
    let clock = ManualClock::new();
    let t = deal_server(&clock);
    let mut batch = Batch::new();
    let deal = batch.push("deal", deals::get(410)).unwrap();
    let rows = batch
        .add::<Vec<ProductRow>>(
            "rows",
            "crm.deal.productrows.get",
            json!({"id": deal.reference(&["ID"])}),
        )
        .unwrap();
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    let sent = &t.sent()[0];
    assert_eq!(sent.url, "http://127.0.0.1:9/rest/1/secret/batch.json");
    assert_eq!(
        sent.body,
        "halt=0&cmd[deal]=crm.deal.get%3Fid%3D410\
         &cmd[rows]=crm.deal.productrows.get%3Fid%3D%2524result%255Bdeal%255D%255BID%255D"
    );
    assert_eq!(results.get(&deal).unwrap().title, "Deal 410");
    assert_eq!(results.get(&rows).unwrap()[0].owner_id, Some(410));
    assert_eq!(results.requests(), 1);
}

#[tokio::test]
async fn sixty_commands_go_as_two_requests_in_order() {
    let clock = ManualClock::new();
    let t = deal_server(&clock);
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..60)
        .map(|i| {
            batch
                .add::<Deal>(&format!("d{i}"), "crm.deal.get", json!({"id": 1000 + i}))
                .unwrap()
        })
        .collect();
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    let sent = t.sent();
    assert_eq!(sent.len(), 2);
    let names = |s: &Sent| {
        commands(s)
            .into_iter()
            .map(|(n, _, _)| n)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&sent[0]),
        (0..50).map(|i| format!("d{i}")).collect::<Vec<_>>()
    );
    assert_eq!(
        names(&sent[1]),
        (50..60).map(|i| format!("d{i}")).collect::<Vec<_>>()
    );
    for (i, h) in handles.iter().enumerate() {
        assert_eq!(results.get(h).unwrap().id, 1000 + i as u64);
    }
    assert_eq!(results.requests(), 2);
}

#[tokio::test]
async fn a_reference_across_requests_is_resolved_by_the_client_and_reported() {
    let clock = ManualClock::new();
    let t = deal_server(&clock);
    let mut batch = Batch::new();
    let first = batch.push("first", deals::get(7)).unwrap();
    for i in 0..55 {
        batch
            .add::<Deal>(&format!("f{i}"), "crm.deal.get", json!({"id": i}))
            .unwrap();
    }
    let rows = batch
        .add::<Vec<ProductRow>>(
            "rows",
            "crm.deal.productrows.get",
            json!({"id": first.reference(&["ID"])}),
        )
        .unwrap();
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    assert_eq!(results.resolved_locally(), ["rows".to_owned()]);
    let second = commands(&t.sent()[1]);
    let (_, _, params) = second.iter().find(|(n, _, _)| n == "rows").unwrap();
    assert_eq!(params, &[("id".to_owned(), "7".to_owned())]);
    assert_eq!(results.get(&rows).unwrap()[0].owner_id, Some(7));
}

#[tokio::test]
async fn a_reference_past_an_earlier_requests_short_list_stays_as_written() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |sent| {
        let mut results = serde_json::Map::new();
        for (name, _, _) in commands(sent) {
            let value = if name == "list" {
                json!([{"ID": "5"}])
            } else {
                json!({"ID": "1"})
            };
            results.insert(name, value);
        }
        ok(&json!({"result": {"result": results, "result_error": {}}, "time": {}}).to_string())
    });
    let mut batch = Batch::new();
    batch
        .add::<Value>("list", "crm.deal.list", json!({}))
        .unwrap();
    for i in 0..50 {
        batch
            .add::<Value>(&format!("f{i}"), "crm.deal.get", json!({"id": i}))
            .unwrap();
    }
    let later = batch
        .add::<Value>(
            "later",
            "crm.deal.list",
            json!({"filter": {"ID": ["$result[list][0][ID]", "$result[list][1][ID]"]}}),
        )
        .unwrap();
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    assert!(results.get(&later).is_ok(), "sent, not failed");
    let second = commands(&t.sent()[1]);
    let (_, _, params) = second.iter().find(|(n, _, _)| n == "later").unwrap();
    let values: Vec<&str> = params.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(values, ["5", "$result[list][1][ID]"], "{params:?}");
}

#[tokio::test]
async fn a_reference_to_a_failed_command_in_an_earlier_request_fails_that_command_only() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |sent| {
        let mut results = serde_json::Map::new();
        let mut errors = serde_json::Map::new();
        for (name, _, _) in commands(sent) {
            if name == "first" {
                errors.insert(name, json!({"error": "", "error_description": "Not found"}));
            } else {
                results.insert(name, json!({"ID": "1"}));
            }
        }
        ok(&json!({"result": {"result": results, "result_error": errors}, "time": {}}).to_string())
    });
    let mut batch = Batch::new();
    let first = batch.push("first", deals::get(7)).unwrap();
    for i in 0..50 {
        batch
            .add::<Value>(&format!("f{i}"), "crm.deal.get", json!({"id": i}))
            .unwrap();
    }
    let dependent = batch
        .add::<Value>(
            "dep",
            "crm.deal.get",
            json!({"id": first.reference(&["ID"])}),
        )
        .unwrap();
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    assert_eq!(results.get(&first).unwrap_err().kind, ErrorKind::NotFound);
    let e = results.get(&dependent).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    assert!(
        e.description.contains("$result[first][ID]"),
        "{}",
        e.description
    );
    assert!(results.raw("f49").unwrap().is_ok());
}

#[tokio::test]
async fn halt_stops_the_requests_after_a_failure() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |sent| {
        let cmds = commands(sent);
        let mut results = serde_json::Map::new();
        let mut errors = serde_json::Map::new();
        for (name, _, _) in cmds {
            if name == "d10" {
                errors.insert(
                    name,
                    json!({"error": "ACCESS_DENIED", "error_description": "Access denied"}),
                );
                break;
            }
            results.insert(name, json!({"ID": "1"}));
        }
        ok(&json!({"result": {"result": results, "result_error": errors}, "time": {}}).to_string())
    });
    let mut batch = Batch::new().halt(true);
    for i in 0..70 {
        batch
            .add::<Value>(&format!("d{i}"), "crm.deal.get", json!({"id": i}))
            .unwrap();
    }
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    assert_eq!(t.sent().len(), 1);
    assert!(t.sent()[0].body.starts_with("halt=1&"));
    let kind = |n: &str| {
        results
            .raw(n)
            .unwrap()
            .as_ref()
            .map(|_| ())
            .map_err(|e| e.kind)
    };
    assert_eq!(kind("d9"), Ok(()));
    assert_eq!(kind("d10"), Err(ErrorKind::Access));
    assert_eq!(kind("d11"), Err(ErrorKind::Halted));
    assert_eq!(kind("d69"), Err(ErrorKind::Halted));
}

#[tokio::test]
async fn a_failed_batch_request_gives_its_error_to_each_command() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![Err(bitrix_rest::TransportError::Network("reset".into()))],
    );
    let mut batch = Batch::new();
    let read = batch.push("deal", deals::get(1)).unwrap();
    let write = batch
        .push("upd", deals::update(1, json!({"TITLE": "x"})))
        .unwrap();
    let results = client(&t, &clock).run_batch(batch).await.unwrap();
    assert_eq!(t.sent().len(), 1, "a batch with a write is not retried");
    let (r, w) = (
        results.get(&read).unwrap_err(),
        results.get(&write).unwrap_err(),
    );
    assert_eq!(
        (r.kind, r.maybe_applied),
        (bitrix_rest::ErrorKind::Network, false)
    );
    assert_eq!(
        (w.kind, w.maybe_applied),
        (bitrix_rest::ErrorKind::Network, true)
    );
}

#[tokio::test]
async fn a_request_the_server_answered_nothing_of_stops_the_later_ones() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |_| {
        common::status(
            500,
            r#"{"error":"INTERNAL_SERVER_ERROR","error_description":""}"#,
        )
    });
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..60)
        .map(|i| {
            batch
                .add::<Deal>(&format!("d{i}"), "crm.deal.get", json!({"id": i}))
                .unwrap()
        })
        .collect();
    let client = common::client_without_retries(&t, &clock, HOOK);
    let results = client.run_batch(batch).await.unwrap();
    assert_eq!(
        t.sent().len(),
        1,
        "the second request would only fail again"
    );
    for h in [&handles[0], &handles[59]] {
        let e = results.get(h).unwrap_err();
        assert_eq!(
            (e.kind, e.status),
            (bitrix_rest::ErrorKind::Server, Some(500))
        );
    }
    assert_eq!(results.requests(), 1);
}

#[test]
fn per_command_errors_and_empty_sections_are_read() {
    let mut batch = Batch::new();
    let deal = batch
        .add::<Deal>("deal", "crm.deal.get", json!({"id": 410}))
        .unwrap();
    let rows = batch
        .add::<Vec<ProductRow>>("rows", "crm.deal.productrows.get", json!({"id": 410}))
        .unwrap();
    let missing = batch
        .add::<Deal>("missing", "crm.deal.get", json!({"id": 1}))
        .unwrap();
    let order = batch
        .add::<Value>("order", "sale.order.get", json!({"id": 1}))
        .unwrap();
    let results = BatchResults::from_reply(&batch, &resource("batch_with_errors.json")).unwrap();
    assert_eq!(
        results.get(&deal).unwrap().opportunity.to_string(),
        "1176.00"
    );
    assert!(results.get(&rows).unwrap().is_empty());
    let e = results.get(&missing).unwrap_err();
    assert_eq!(
        (e.kind, e.method.as_str(), e.status),
        (ErrorKind::NotFound, "crm.deal.get", None)
    );
    let e = results.get(&order).unwrap_err();
    assert_eq!(e.code, Some(bitrix_rest::RestCode::Numeric(200540400001)));
    assert_eq!(results.reply(&deal).unwrap().time.duration, Some(0.003));
}

#[test]
fn the_documented_linked_batch_reply_is_read() {
    let mut batch = Batch::new();
    let user = batch
        .add::<bitrix_rest::models::app::User>("get_user", "user.current", Value::Null)
        .unwrap();
    let dept = batch
        .add::<Vec<BTreeMap<String, Value>>>(
            "get_department",
            "department.get",
            json!({"ID": "$result[get_user][UF_DEPARTMENT][0]"}),
        )
        .unwrap();
    let results = BatchResults::from_reply(&batch, &resource("batch_linked.json")).unwrap();
    assert_eq!(results.get(&user).unwrap().name, "John");
    assert_eq!(results.get(&dept).unwrap()[0]["NAME"], "DEMO");
    assert_eq!(results.reply(&dept).unwrap().total, Some(1));
}
