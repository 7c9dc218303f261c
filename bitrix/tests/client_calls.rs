//! The call pipeline against a scripted transport and a manual clock: wire format, retries,
//! the limiter's schedule, token refresh, secrets, cancellation, malformed bodies.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bitrix_rest::{
    Access, Cancel, Client, ErrorKind, ManualClock, RateLimit, Token, TransportError,
};
use common::{Scripted, ok, status};
use serde_json::json;

const HOOK: &str = "http://127.0.0.1:9/rest/1/s3cr3tw3bh00k/";

fn webhook(transport: &Scripted, clock: &ManualClock) -> Client<Scripted, ManualClock> {
    Client::builder()
        .transport(transport.clone())
        .clock(clock.clone())
        .webhook(HOOK)
        .unwrap()
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

#[tokio::test]
async fn webhook_call_posts_a_form_to_the_method_url_without_auth() {
    let clock = ManualClock::new();
    let t = Scripted::queue(&clock, vec![ok(&common::resource("crm_deal_get.json"))]);
    let deal = webhook(&t, &clock).deals().get(410).await.unwrap();
    assert_eq!(deal.title, "New Deal #1");
    let sent = t.sent();
    assert_eq!(
        sent[0].url,
        "http://127.0.0.1:9/rest/1/s3cr3tw3bh00k/crm.deal.get.json"
    );
    assert_eq!(sent[0].body, "id=410");
}

#[tokio::test]
async fn oauth_call_sends_the_token_as_the_auth_parameter() {
    let clock = ManualClock::new();
    let t = Scripted::queue(&clock, vec![ok(r#"{"result":{"ID":"1","NAME":"Анна"}}"#)]);
    let portal = Client::builder()
        .transport(t.clone())
        .clock(clock.clone())
        .oauth_without_refresh(
            "http://localhost:8/rest",
            Token::new("tok&en", secs(3600.0)),
        )
        .unwrap();
    let me = portal.users().current().await.unwrap();
    assert_eq!(me.name, "Анна");
    assert_eq!(t.sent()[0].url, "http://localhost:8/rest/user.current.json");
    assert_eq!(t.sent()[0].body, "auth=tok%26en");
}

#[tokio::test]
async fn a_read_is_retried_on_server_errors_with_growing_delays() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![
            status(
                500,
                r#"{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}"#,
            ),
            Err(TransportError::Network("connection reset".into())),
            ok(r#"{"result":{"ID":"410"}}"#),
        ],
    );
    let deal = webhook(&t, &clock).deals().get(410).await.unwrap();
    assert_eq!(deal.id, 410);
    assert_eq!(t.sent().len(), 3);
    assert_eq!(clock.sleeps(), vec![secs(1.0), secs(2.0)]);
}

#[tokio::test]
async fn a_clone_with_its_own_retry_policy_retries_by_it_and_the_original_keeps_its_own() {
    let clock = ManualClock::new();
    let failing = || {
        status(
            500,
            r#"{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}"#,
        )
    };
    let t = Scripted::queue(
        &clock,
        vec![
            failing(),
            failing(),
            failing(),
            ok(r#"{"result":{"ID":"410"}}"#),
        ],
    );
    let client = webhook(&t, &clock);
    let once = bitrix_rest::RetryPolicy {
        max_retries: 1,
        ..bitrix_rest::RetryPolicy::default()
    };
    let e = client.with_retry(once).deals().get(410).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Server);
    assert_eq!(t.sent().len(), 2, "the first try and one retry");
    let deal = client.deals().get(410).await.unwrap();
    assert_eq!(deal.id, 410, "the original retried past the third failure");
    assert_eq!(t.sent().len(), 4);
}

#[tokio::test]
async fn a_write_that_fails_on_the_server_is_not_repeated_and_may_have_been_applied() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![status(
            500,
            r#"{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}"#,
        )],
    );
    let e = webhook(&t, &clock)
        .deals()
        .update(410, json!({"TITLE": "x"}))
        .await
        .unwrap_err();
    assert_eq!(t.sent().len(), 1);
    assert_eq!(e.kind, ErrorKind::Server);
    assert!(e.maybe_applied);
    assert!(
        e.to_string().contains("may or may not have been applied"),
        "{e}"
    );
}

#[tokio::test]
async fn a_write_lost_in_transport_is_not_repeated() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![Err(TransportError::Network("timed out".into()))],
    );
    let e = webhook(&t, &clock)
        .call("sale.basketitem.add", json!({"fields": {"orderId": 9}}))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.maybe_applied, t.sent().len()),
        (ErrorKind::Network, true, 1)
    );
}

#[tokio::test]
async fn a_refused_write_is_not_marked_as_maybe_applied() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![status(
            403,
            r#"{"error":"ACCESS_DENIED","error_description":"Access denied"}"#,
        )],
    );
    let e = webhook(&t, &clock)
        .deals()
        .update(1, json!({}))
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.maybe_applied), (ErrorKind::Access, false));
}

#[tokio::test]
async fn query_limit_is_retried_even_for_writes_but_not_forever() {
    let clock = ManualClock::new();
    let busy = r#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#;
    let t = Scripted::queue(&clock, (0..5).map(|_| status(503, busy)).collect());
    let e = webhook(&t, &clock)
        .deals()
        .update(1, json!({}))
        .await
        .unwrap_err();
    assert_eq!(t.sent().len(), 4, "the first attempt and 3 retries");
    assert_eq!((e.kind, e.maybe_applied), (ErrorKind::RateLimit, false));
}

#[tokio::test]
async fn query_limit_then_success_returns_the_result() {
    let clock = ManualClock::new();
    let busy = r#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#;
    let t = Scripted::queue(&clock, vec![status(503, busy), ok(r#"{"result":true}"#)]);
    let client = webhook(&t, &clock);
    assert!(client.deals().update(1, json!({})).await.unwrap());
    // The backoff (1 s) covers the limiter's own half-second wait after a refusal.
    assert_eq!(t.sent()[1].at, secs(1.0));
    // The caller can still tell it was asked to slow down.
    assert_eq!(client.slow_downs(), 1);
}

#[tokio::test]
async fn the_client_says_it_is_limited_until_the_server_answers_again() {
    let clock = ManualClock::new();
    let busy = r#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#;
    let mut answers: Vec<_> = (0..4).map(|_| status(503, busy)).collect();
    answers.push(ok(r#"{"result":true}"#));
    let t = Scripted::queue(&clock, answers);
    let client = webhook(&t, &clock);
    assert!(!client.is_limited());
    client.deals().update(1, json!({})).await.unwrap_err();
    assert!(client.is_limited(), "refused by the limit");
    assert!(client.deals().update(1, json!({})).await.unwrap());
    assert!(!client.is_limited(), "answered again");
}

#[tokio::test]
async fn the_client_says_it_is_retrying_while_a_failed_call_waits_to_try_again() {
    let clock = ManualClock::new();
    let me: Arc<std::sync::OnceLock<Client<Scripted, ManualClock>>> = Arc::default();
    let sent = Arc::new(AtomicUsize::new(0));
    // Each request notes whether the client said it was retrying when it went out.
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let t = {
        let (me, sent, seen) = (me.clone(), sent.clone(), seen.clone());
        Scripted::new(&clock, move |_| {
            let retrying = me.get().is_some_and(|c| c.is_retrying());
            seen.lock().unwrap().push(retrying);
            let busy =
                r#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#;
            match sent.fetch_add(1, Ordering::SeqCst) {
                0 | 1 => status(
                    500,
                    r#"{"error":"INTERNAL_SERVER_ERROR","error_description":""}"#,
                ),
                2 => ok(r#"{"result":true}"#),
                3 => status(503, busy),
                _ => ok(r#"{"result":true}"#),
            }
        })
    };
    let client = webhook(&t, &clock);
    me.set(client.clone()).ok();
    assert!(!client.is_retrying());
    client.call("crm.deal.get", json!({"id": 1})).await.unwrap();
    assert!(!client.is_retrying(), "answered");
    // A request to slow down is said by `is_limited`, not as a retry.
    client.call("crm.deal.get", json!({"id": 1})).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), [false, true, true, false, false]);
}

#[tokio::test]
async fn the_limiter_lets_a_burst_through_then_spaces_requests_at_the_drain_rate() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |_| ok(r#"{"result":true}"#));
    let client = Client::builder()
        .transport(t.clone())
        .clock(clock.clone())
        .rate_limit(RateLimit {
            burst: 3,
            drain_per_sec: 2.0,
        })
        .webhook(HOOK)
        .unwrap();
    for _ in 0..6 {
        client.call("crm.deal.get", json!({"id": 1})).await.unwrap();
    }
    let at: Vec<Duration> = t.sent().iter().map(|s| s.at).collect();
    assert_eq!(at, [0.0, 0.0, 0.0, 0.5, 1.0, 1.5].map(secs));
}

#[tokio::test]
async fn clones_share_one_limiter() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |_| ok(r#"{"result":true}"#));
    let a = Client::builder()
        .transport(t.clone())
        .clock(clock.clone())
        .rate_limit(RateLimit {
            burst: 1,
            drain_per_sec: 1.0,
        })
        .webhook(HOOK)
        .unwrap();
    let b = a.with_cancel(Cancel::new());
    a.call("user.current", json!({})).await.unwrap();
    b.call("user.current", json!({})).await.unwrap();
    assert_eq!(t.sent()[1].at, secs(1.0));
}

fn refreshing_portal(
    t: &Scripted,
    clock: &ManualClock,
    expires_in: f64,
) -> (Client<Scripted, ManualClock>, Arc<AtomicUsize>) {
    let refreshes = Arc::new(AtomicUsize::new(0));
    let counter = refreshes.clone();
    let portal = Client::builder()
        .transport(t.clone())
        .clock(clock.clone())
        .oauth(
            "http://127.0.0.1:8/rest/",
            Token::new("old", secs(expires_in)),
            move || {
                let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                async move {
                    tokio::task::yield_now().await;
                    Ok(Token::new(format!("new{n}"), Duration::from_secs(3600)))
                }
            },
        )
        .unwrap();
    (portal, refreshes)
}

/// Answers `expired_token` to the old token and a result to any other.
fn expiring_server(clock: &ManualClock) -> Scripted {
    Scripted::new(clock, |sent| {
        if sent.param("auth").as_deref() == Some("old") {
            status(
                401,
                r#"{"error":"expired_token","error_description":"The access token provided has expired"}"#,
            )
        } else {
            ok(r#"{"result":{"ID":"1"}}"#)
        }
    })
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_repeated() {
    let clock = ManualClock::new();
    let t = expiring_server(&clock);
    let (portal, refreshes) = refreshing_portal(&t, &clock, 3600.0);
    portal.users().current().await.unwrap();
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    let tokens: Vec<_> = t.sent().iter().map(|s| s.param("auth").unwrap()).collect();
    assert_eq!(tokens, ["old", "new1"]);
}

#[tokio::test]
async fn concurrent_calls_with_an_expired_token_share_one_refresh() {
    let clock = ManualClock::new();
    let t = expiring_server(&clock);
    let (portal, refreshes) = refreshing_portal(&t, &clock, 3600.0);
    let calls = (0..5).map(|_| portal.users().current());
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_token_rejected_again_after_refresh_is_an_auth_error() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |_| {
        status(
            401,
            r#"{"error":"invalid_token","error_description":"The access token provided is invalid"}"#,
        )
    });
    let (portal, refreshes) = refreshing_portal(&t, &clock, 3600.0);
    let e = portal.users().current().await.unwrap_err();
    assert_eq!(
        (e.kind, refreshes.load(Ordering::SeqCst), t.sent().len()),
        (ErrorKind::Auth, 1, 2)
    );
}

#[tokio::test]
async fn a_token_about_to_expire_is_refreshed_before_the_call() {
    let clock = ManualClock::new();
    let t = expiring_server(&clock);
    let (portal, refreshes) = refreshing_portal(&t, &clock, 600.0);
    clock.advance(secs(550.0));
    portal.users().current().await.unwrap();
    assert_eq!(
        refreshes.load(Ordering::SeqCst),
        1,
        "50 s left, within the minute"
    );
    assert_eq!(t.sent().len(), 1, "no request with the old token");
    assert_eq!(t.sent()[0].param("auth").as_deref(), Some("new1"));
}

#[tokio::test]
async fn a_short_lived_token_is_refreshed_near_its_end_not_before_every_call() {
    let clock = ManualClock::new();
    let t = Scripted::new(&clock, |_| ok(r#"{"result":{"ID":"1"}}"#));
    let (portal, refreshes) = refreshing_portal(&t, &clock, 30.0);
    portal.users().current().await.unwrap();
    clock.advance(secs(20.0));
    portal.users().current().await.unwrap();
    assert_eq!(refreshes.load(Ordering::SeqCst), 0, "10 s of 30 left");
    clock.advance(secs(3.0));
    portal.users().current().await.unwrap();
    assert_eq!(
        refreshes.load(Ordering::SeqCst),
        1,
        "7 s left: the last quarter of its life"
    );
}

#[tokio::test]
async fn the_webhook_secret_never_appears_in_debug_display_or_errors() {
    let clock = ManualClock::new();
    // A transport and a server that both echo the URL back.
    let t = Scripted::new(&clock, |sent| {
        if sent.url.contains("user.current") {
            Err(TransportError::Network(format!(
                "error sending request for url ({})",
                sent.url
            )))
        } else {
            status(
                400,
                &format!(
                    r#"{{"error":"","error_description":"bad call to {}"}}"#,
                    sent.url
                ),
            )
        }
    });
    let client = webhook(&t, &clock);
    let network = client.call("user.current", json!({})).await.unwrap_err();
    let rest = client.call("crm.deal.add", json!({})).await.unwrap_err();
    let parse = bitrix_rest::WebhookUrl::parse("ftp://shop/rest/1/s3cr3tw3bh00k/").unwrap_err();
    let texts = [
        format!("{client:?}"),
        format!("{network} {network:?}"),
        format!("{rest} {rest:?}"),
        format!("{parse} {parse:?}"),
        bitrix_rest::WebhookUrl::parse(HOOK).unwrap().to_string(),
    ];
    for text in texts {
        assert!(!text.contains("s3cr3tw3bh00k"), "leaked: {text}");
    }
    assert!(
        network.description.contains("/rest/1/***/"),
        "{}",
        network.description
    );
}

#[tokio::test]
async fn a_cancelled_client_stops_with_cancelled_and_does_not_retry() {
    let clock = ManualClock::new();
    let cancel = Cancel::new();
    let on_send = cancel.clone();
    let t = Scripted::new(&clock, move |_| {
        on_send.cancel();
        Err(TransportError::Network("aborted".into()))
    });
    let client = webhook(&t, &clock).with_cancel(cancel.clone());
    let e = client
        .call("crm.deal.get", json!({"id": 1}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Cancelled);
    assert_eq!(t.sent().len(), 1);
    let again = client
        .call("crm.deal.get", json!({"id": 1}))
        .await
        .unwrap_err();
    assert_eq!((again.kind, t.sent().len()), (ErrorKind::Cancelled, 1));
}

#[tokio::test]
async fn malformed_bodies_are_errors_that_say_what_failed() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![
            ok("<html>maintenance</html>"),
            ok(r#"{"total":3}"#),
            ok(r#"{"result":{"ID":"410","OPPORTUNITY":{"oops":1}}}"#),
        ],
    );
    let client = common::client_without_retries(&t, &clock, HOOK);
    let not_json = client.call("crm.deal.get", json!({})).await.unwrap_err();
    assert_eq!(
        (not_json.kind, not_json.status),
        (ErrorKind::Malformed, Some(200))
    );
    assert!(
        not_json.description.contains("not JSON"),
        "{}",
        not_json.description
    );
    let no_result = client.call("crm.deal.get", json!({})).await.unwrap_err();
    assert!(
        no_result
            .description
            .contains("neither `result` nor `error`")
    );
    let bad_field = client.deals().get(410).await.unwrap_err();
    assert_eq!(bad_field.kind, ErrorKind::Malformed);
    assert!(
        bad_field.description.contains("OPPORTUNITY"),
        "{}",
        bad_field.description
    );
}

#[tokio::test]
async fn parameters_that_are_not_an_object_are_a_usage_error_and_nothing_is_sent() {
    let clock = ManualClock::new();
    let t = Scripted::queue(&clock, vec![]);
    let e = webhook(&t, &clock)
        .call("crm.deal.get", json!([1, 2]))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    let e = webhook(&t, &clock)
        .call("crm.deal.get?x=1", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    assert!(t.sent().is_empty());
}

#[tokio::test]
async fn access_can_be_overridden_per_call() {
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![status(502, "bad gateway"), ok(r#"{"result":1}"#)],
    );
    let reply = webhook(&t, &clock)
        .call_with("my.custom.compute", json!({}), Access::Read)
        .await
        .unwrap();
    assert_eq!(reply.result, 1);
    assert_eq!(t.sent().len(), 2);
}

#[test]
fn client_futures_are_send_natively() {
    fn send<T: Send>(_: &T) {}
    let client = Client::webhook(HOOK).unwrap();
    send(&client);
    send(&client.call("crm.deal.get", json!({})));
    send(&client.deals().get(1));
    send(&client.run_batch(bitrix_rest::Batch::new()));
}

#[tokio::test]
async fn binding_a_placement_bound_already_is_success_as_bitrix24_words_it() {
    use bitrix_rest::methods::placements::Binding;
    let clock = ManualClock::new();
    let t = Scripted::queue(
        &clock,
        vec![
            ok(r#"{"result":true}"#),
            status(
                400,
                r#"{"error":"ERROR_CORE","error_description":"Unable to set placement handler: Handler already binded"}"#,
            ),
            status(
                400,
                r#"{"error":"ERROR_CORE","error_description":"Internal error"}"#,
            ),
        ],
    );
    let client = webhook(&t, &clock);
    let tab = Binding::new("CRM_DEAL_DETAIL_TAB", "https://a.example/", "Store");
    assert!(client.placements().bind(&tab).await.unwrap(), "bound now");
    assert!(
        !client.placements().bind(&tab).await.unwrap(),
        "bound already"
    );
    let e = client.placements().bind(&tab).await.unwrap_err();
    assert_eq!(e.description, "Internal error", "another core error is one");
}
