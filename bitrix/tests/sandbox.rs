//! The client against `bitrix-sandbox` (a local portal and store over real HTTP).

#![cfg(not(target_arch = "wasm32"))]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bitrix_rest::methods::{self, duplicates::Communication};
use bitrix_rest::models::catalog::Product;
use bitrix_rest::oauth::OAuthServer;
use bitrix_rest::{Batch, Client, ErrorKind, ListQuery, RateLimit, RetryPolicy, Token};
use bitrix_sandbox::{BucketConfig, FaultKind, Sandbox, SandboxConfig};
use futures::TryStreamExt;
use serde_json::json;

fn start() -> Sandbox {
    Sandbox::start(SandboxConfig::default()).expect("the sandbox starts")
}

fn store(sandbox: &Sandbox) -> Client {
    Client::webhook(&sandbox.urls().store_webhook).unwrap()
}

fn portal_hook(sandbox: &Sandbox, retry: RetryPolicy) -> Client {
    Client::builder()
        .retry(retry)
        .webhook(&sandbox.urls().portal_webhook)
        .unwrap()
}

fn count(
    map: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>,
    origin: &str,
    method: &str,
) -> u64 {
    map.get(origin)
        .and_then(|m| m.get(method))
        .copied()
        .unwrap_or(0)
}

fn products_query() -> ListQuery {
    ListQuery::new()
        .select(["id", "iblockId", "name", "xmlId"])
        .filter("iblockId", 2)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_of_more_than_120_rows_is_read_in_full_both_ways() {
    let sandbox = start();
    let store = store(&sandbox);
    let first = store
        .send_reply(methods::products::list(&products_query()))
        .await
        .unwrap();
    let total = first.total.expect("a total") as usize;
    assert!(total >= 120, "the demo store has {total} products");
    sandbox.reset_stats();
    let all: Vec<Product> = store
        .list_all(methods::products::list(&products_query()))
        .await
        .unwrap();
    assert_eq!(all.len(), total);
    let stats = sandbox.stats();
    assert_eq!(
        count(&stats.methods, "store", "catalog.product.list") as usize,
        total.div_ceil(50)
    );
    let fast: Vec<Vec<Product>> = store
        .fast_pages(methods::products::list(&products_query()), "id")
        .try_collect()
        .await
        .unwrap();
    let fast: Vec<u64> = fast.into_iter().flatten().map(|p| p.id).collect();
    let mut ids: Vec<u64> = all.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    assert_eq!(
        fast, ids,
        "the fast export yields every product once, by ID"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_60_command_batch_runs_as_two_requests() {
    let sandbox = start();
    let store = store(&sandbox);
    let ids: Vec<u64> = store
        .list_all(methods::products::list(&products_query()))
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .take(60)
        .collect();
    assert_eq!(ids.len(), 60);
    sandbox.reset_stats();
    let mut batch = Batch::new();
    let handles: Vec<_> = ids
        .iter()
        .map(|id| {
            batch
                .push(&format!("p{id}"), methods::products::get(*id))
                .unwrap()
        })
        .collect();
    let results = store.run_batch(batch).await.unwrap();
    for (id, handle) in ids.iter().zip(&handles) {
        assert_eq!(results.get(handle).unwrap().id, *id);
    }
    let stats = sandbox.stats();
    assert_eq!(count(&stats.methods, "store", "batch"), 2);
    assert_eq!(count(&stats.batched, "store", "catalog.product.get"), 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_200_reads_earns_no_503() {
    let sandbox = start();
    // A smaller, faster bucket than the cloud's keeps the test short; the client is told a
    // limit a little under the server's, as one should configure it.
    sandbox.set_rate_limit(Some(BucketConfig {
        burst: 20,
        drain_per_sec: 50.0,
    }));
    let store = Client::builder()
        .rate_limit(RateLimit {
            burst: 16,
            drain_per_sec: 40.0,
        })
        .webhook(&sandbox.urls().store_webhook)
        .unwrap();
    sandbox.reset_stats();
    let calls = (0..200).map(|_| store.warehouses().list());
    let results = futures::future::join_all(calls).await;
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    let stats = sandbox.stats();
    assert_eq!(stats.rejected_503.get("store").copied().unwrap_or(0), 0);
    assert_eq!(stats.requests.get("store").copied(), Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_refreshed_after_the_sandbox_expires_every_token() {
    let sandbox = start();
    let first = sandbox.issue_token(1);
    let oauth = OAuthServer::new(
        &format!("{}/oauth/token/", sandbox.urls().portal),
        "app",
        "secret",
    );
    let refresh_token = Arc::new(Mutex::new(first.refresh_token.clone()));
    let refreshes = Arc::new(AtomicUsize::new(0));
    let (rt, n) = (refresh_token.clone(), refreshes.clone());
    let portal = Client::builder()
        .oauth(
            &format!("{}/rest/", sandbox.urls().portal),
            Token::new(first.access_token, Duration::from_secs(first.expires_in)),
            move || {
                let (oauth, rt, n) = (oauth.clone(), rt.clone(), n.clone());
                async move {
                    n.fetch_add(1, Ordering::SeqCst);
                    let current = rt.lock().unwrap().clone();
                    let grant = oauth.refresh(&current).await?;
                    *rt.lock().unwrap() = grant.refresh_token.clone();
                    Ok(grant.token)
                }
            },
        )
        .unwrap();
    assert_eq!(portal.users().current().await.unwrap().id, 1);
    sandbox.expire_all_tokens();
    let again = portal.users().current().await.unwrap();
    assert_eq!(again.id, 1);
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    assert_ne!(*refresh_token.lock().unwrap(), first.refresh_token);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_fails_is_reported_clearly_and_not_repeated() {
    let sandbox = start();
    let quick = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
    };
    let portal = portal_hook(&sandbox, quick);
    let deal = portal
        .deals()
        .list(&ListQuery::new().select(["ID"]))
        .await
        .unwrap()[0]
        .id;
    sandbox.set_fault("crm.deal.update", 1.0, FaultKind::ServerError);
    sandbox.set_fault("crm.deal.get", 1.0, FaultKind::ServerError);
    sandbox.reset_stats();
    let e = portal
        .deals()
        .update(deal, json!({"TITLE": "Changed"}))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.maybe_applied, e.status),
        (ErrorKind::Server, true, Some(500))
    );
    assert_eq!(e.method, "crm.deal.update");
    assert!(
        e.to_string().contains("may or may not have been applied"),
        "{e}"
    );
    let requests = || sandbox.stats().requests.get("portal").copied().unwrap_or(0);
    assert_eq!(requests(), 1, "the write was sent once");
    let read = portal.deals().get(deal).await.unwrap_err();
    assert_eq!((read.kind, read.maybe_applied), (ErrorKind::Server, false));
    assert_eq!(requests(), 5, "the read was tried 4 times");
}

/// Every typed method reads what the sandbox (written from the docs) sends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_methods_read_the_sandbox_data() {
    let sandbox = start();
    let portal = portal_hook(&sandbox, RetryPolicy::default());
    let store = store(&sandbox);

    let deals = portal
        .list_all(methods::deals::list(&ListQuery::new()))
        .await
        .unwrap();
    assert!(!deals.is_empty());
    let deal = portal.deals().get(deals[0].id).await.unwrap();
    portal.deals().product_rows(deal.id).await.unwrap();
    assert!(
        portal
            .deals()
            .fields()
            .await
            .unwrap()
            .contains_key("STAGE_ID")
    );
    let stages = portal
        .statuses()
        .deal_stages(deal.category_id as u64)
        .await
        .unwrap();
    assert!(
        stages.iter().any(|s| s.status_id == deal.stage_id),
        "{} in {stages:?}",
        deal.stage_id
    );
    portal.categories().deal_pipelines().await.unwrap();
    let contacts = portal
        .contacts()
        .list(&ListQuery::new().select(["ID", "NAME", "LAST_NAME", "PHONE", "EMAIL"]))
        .await
        .unwrap();
    let with_phone = contacts
        .iter()
        .find(|c| !c.phone.is_empty())
        .expect("a contact with a phone");
    let found = portal
        .duplicates()
        .find_by_comm(
            Communication::Phone,
            &[with_phone.phone[0].value.as_str()],
            Some("CONTACT"),
        )
        .await
        .unwrap();
    assert!(found.contact.contains(&with_phone.id));
    assert!(portal.users().current().await.unwrap().id > 0);

    let orders = store
        .list_all(methods::orders::list(&ListQuery::new()))
        .await
        .unwrap();
    let order = store.orders().get(orders[0].id).await.unwrap();
    assert!(!order.basket_items.is_empty());
    let lines = store.basket_items().of_order(order.id).await.unwrap();
    assert_eq!(lines.len(), order.basket_items.len());
    assert!(!store.sale_statuses().list().await.unwrap().is_empty());
    assert!(!store.warehouses().list().await.unwrap().is_empty());
    let product_ids: Vec<u64> = lines.iter().map(|l| l.product_id as u64).collect();
    let stock = store
        .store_products()
        .list(&ListQuery::new().filter("productId", product_ids.clone()))
        .await
        .unwrap();
    assert!(stock.iter().all(|s| product_ids.contains(&s.product_id)));
    store
        .prices()
        .list(&ListQuery::new().filter("productId", product_ids))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_reference_is_resolved_by_the_server_within_one_request() {
    let sandbox = start();
    let portal = portal_hook(&sandbox, RetryPolicy::default());
    let some_deal = portal.deals().list(&ListQuery::new()).await.unwrap()[0].id;
    let mut batch = Batch::new();
    let deal = batch.push("deal", methods::deals::get(some_deal)).unwrap();
    let rows = batch
        .add::<Vec<bitrix_rest::models::crm::ProductRow>>(
            "rows",
            "crm.deal.productrows.get",
            json!({ "id": deal.reference(&["ID"]) }),
        )
        .unwrap();
    let results = portal.run_batch(batch).await.unwrap();
    let direct = portal.deals().product_rows(some_deal).await.unwrap();
    assert_eq!(results.get(&deal).unwrap().id, some_deal);
    assert_eq!(results.get(&rows).unwrap(), direct);
    assert!(results.resolved_locally().is_empty());
}
