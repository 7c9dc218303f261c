#![cfg(not(target_arch = "wasm32"))]
//! A deal open through the REST clients against the sandbox, natively: what each system is
//! asked, in how many requests, and what the view shows for the demo data's cases.

use std::time::Duration;

#[path = "support/closed_port.rs"]
mod closed_port;
use closed_port::ClosedPort;

use bitrix_rest::{Client, Token};
use bitrix_sandbox::{Sandbox, SandboxConfig};
use storelink::fetch::deal::{DealData, OpenContext, open_deal};
use storelink::fetch::store_side::StoreData;
use storelink::model::call::Batch;
use storelink::model::reconcile::DifferenceKind;
use storelink::model::settings::Settings;
use storelink::model::view::requests::OpenHints;
use storelink::model::view::{DealView, StoreState};

struct Setup {
    sandbox: Sandbox,
    portal: Client,
    store: Client,
    settings: Settings,
}

/// The demo data, StoreLink configured as `dev/app-options.json` says.
fn setup() -> Setup {
    let sandbox = Sandbox::start(SandboxConfig::default()).expect("sandbox starts");
    let urls = sandbox.urls().clone();
    let token = sandbox.issue_token(1);
    let portal = Client::builder()
        .oauth_without_refresh(
            &format!("{}/rest/", urls.portal),
            Token::new(token.access_token, Duration::from_secs(token.expires_in)),
        )
        .expect("portal client");
    let store = Client::webhook(&urls.store_webhook).expect("store client");
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/dev/app-options.json"))
            .expect("dev/app-options.json")
            .replace("${STORE_WEBHOOK_URL}", &urls.store_webhook);
    let options: serde_json::Value = serde_json::from_str(&text).expect("options are JSON");
    let settings = Settings::from_value(&options["settings"]).expect("settings read");
    assert!(settings.has_store(), "the dev settings configure the store");
    Setup {
        sandbox,
        portal,
        store,
        settings,
    }
}

/// A first open's context in Russian, through `portal` and `store`, sending `guess` alongside.
fn context<'a>(
    s: &'a Setup,
    portal: &'a Client,
    store: Option<&'a Client>,
    hints: &'a OpenHints,
    guess: Option<&'a Batch>,
) -> OpenContext<'a> {
    OpenContext {
        portal,
        store,
        settings: &s.settings,
        lang: "ru",
        preferred_order: None,
        hints,
        guess,
    }
}

async fn open(s: &Setup, deal_id: u64, store: Option<&Client>) -> (DealData, DealView) {
    open_guessing(s, deal_id, store, None).await
}

/// An open that sends `guess` (a store batch) alongside the portal's batch.
async fn open_guessing(
    s: &Setup,
    deal_id: u64,
    store: Option<&Client>,
    guess: Option<&Batch>,
) -> (DealData, DealView) {
    let hints = OpenHints::default();
    let ctx = context(s, &s.portal, store, &hints, guess);
    let partial = std::cell::RefCell::new(None);
    let data = open_deal(ctx, deal_id, &|crm: &DealData| {
        *partial.borrow_mut() = Some(crm.clone())
    })
    .await
    .expect("the deal opens");
    // With a store, the portal's part was handed over first, the store's part pending.
    match partial.into_inner() {
        Some(crm) => {
            assert!(store.is_some(), "a partial only while a store is awaited");
            assert_eq!(crm.store, StoreData::Pending);
            assert_eq!(
                (crm.deal.id, crm.rows.len()),
                (data.deal.id, data.rows.len())
            );
        }
        None => assert!(store.is_none(), "the CRM part comes first"),
    }
    let view = data.view(&s.settings, "ru");
    (data, view)
}

#[tokio::test]
async fn a_deal_open_is_one_batch_per_system_without_preflight() {
    let s = setup();
    s.sandbox.reset_stats();
    let (data, view) = open(&s, 1, Some(&s.store)).await;
    assert_eq!(data.requests, (1, 1));
    let stats = s.sandbox.stats();
    let requests = |origin: &str| stats.requests.get(origin).copied().unwrap_or(0);
    let batches = |origin: &str| {
        stats
            .methods
            .get(origin)
            .and_then(|m| m.get("batch"))
            .copied()
            .unwrap_or(0)
    };
    assert_eq!((requests("portal"), requests("store")), (1, 1), "{stats:?}");
    assert_eq!((batches("portal"), batches("store")), (1, 1), "{stats:?}");
    assert_eq!(stats.preflights.values().sum::<u64>(), 0);
    assert_eq!(view.store, StoreState::Linked);
    assert_eq!(view.order.as_ref().map(|o| o.number.as_str()), Some("101"));
}

/// An order with more basket items than the batch planned slots for (it has grown since the
/// last open, which sized them) still shows the stock of every item: the rest is asked once the
/// order is known, in one more store request, and the view is the one a fresh open shows.
#[tokio::test]
async fn an_order_grown_past_the_planned_slots_shows_the_stock_of_every_item() {
    let s = setup();
    let (fresh, fresh_view) = open(&s, 12, Some(&s.store)).await;
    let StoreData::Answered(answered) = &fresh.store else {
        panic!("the store answers: {:?}", fresh.store);
    };
    let basket = answered
        .order
        .as_ref()
        .expect("order 112")
        .basket_items
        .len();
    assert!(basket > 1, "order 112 has several items");
    let hints = OpenHints {
        basket_count: Some(1),
        ..OpenHints::default()
    };
    let ctx = context(&s, &s.portal, Some(&s.store), &hints, None);
    let grown = open_deal(ctx, 12, &|_: &DealData| {})
        .await
        .expect("the deal opens");
    assert_eq!(
        grown.requests,
        (1, 2),
        "one more store request for the rest"
    );
    let view = grown.view(&s.settings, "ru");
    let stocks = |v: &DealView| -> Vec<_> { v.rows.iter().map(|r| r.stock.clone()).collect() };
    assert!(
        fresh_view.rows.iter().filter(|r| r.order_only).count() > 0,
        "order 112 has items the deal lacks"
    );
    assert_eq!(stocks(&view), stocks(&fresh_view));
    assert_eq!(
        view.rows.iter().map(|r| r.shortage()).collect::<Vec<_>>(),
        fresh_view
            .rows
            .iter()
            .map(|r| r.shortage())
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn stock_counts_the_own_orders_reserve_and_marks_a_shortage() {
    let s = setup();
    let (_, view) = open(&s, 13, Some(&s.store)).await;
    let row = &view.rows[0];
    let stock = row.stock.as_ref().expect("stock of a matched row");
    assert!(
        stock
            .product
            .warehouses
            .iter()
            .any(|w| !w.own_reserve.is_zero())
    );
    assert_eq!(row.shortage(), Some(row.quantity - stock.available));
}

#[tokio::test]
async fn a_crm_only_product_is_unmatched_and_the_sum_difference_names_delivery() {
    let s = setup();
    let (_, view) = open(&s, 11, Some(&s.store)).await;
    assert!(view.rows.iter().any(|r| r.is_unmatched()));
    let kinds: Vec<DifferenceKind> = view.differences.iter().map(|d| d.kind()).collect();
    assert!(kinds.contains(&DifferenceKind::Sum), "{kinds:?}");
    assert!(kinds.contains(&DifferenceKind::MissingInOrder), "{kinds:?}");
}

#[tokio::test]
async fn a_deal_without_an_order_is_offered_linking() {
    let s = setup();
    let (_, view) = open(&s, 21, Some(&s.store)).await;
    assert_eq!(view.store, StoreState::NotLinked);
    assert!(view.order.is_none());
}

#[tokio::test]
async fn an_unreachable_store_leaves_the_crm_part_whole() {
    let s = setup();
    let closed = ClosedPort::reserve();
    let store = Client::webhook(&closed.store_webhook()).expect("client");
    let (data, view) = open(&s, 1, Some(&store)).await;
    assert!(matches!(data.store, StoreData::Unavailable(_)));
    assert_eq!(view.store, StoreState::Unavailable);
    assert_eq!(view.rows.len(), data.rows.len());
    assert!(!view.deal.title.is_empty());
}

/// A deal of 300 rows, with a second link rule that finds no order for it, and every
/// warehouse shown: the store batch is several requests. Each goes with the commands it refers
/// to, so the stock of the rule that found nothing (its order command failed) cannot fail the
/// open, and the linked order's stock is all there.
#[tokio::test]
async fn a_store_batch_of_several_requests_survives_a_link_rule_that_found_nothing() {
    let mut s = setup();
    let mut options = s.settings.to_value();
    options["linkRules"]
        .as_array_mut()
        .expect("the dev settings' link rules")
        .push(serde_json::json!({"kind": "order-property", "code": "NO_SUCH_PROPERTY"}));
    options["warehouses"] = serde_json::json!([]);
    s.settings = Settings::from_value(&options).expect("settings read");
    let (small, small_view) = open(&s, 1, Some(&s.store)).await;
    assert_eq!(small_view.store, StoreState::Linked);
    let rows: Vec<serde_json::Value> = (0..300)
        .map(|i| {
            let row = &small.rows[i % small.rows.len()];
            serde_json::json!({
                "PRODUCT_ID": row.product_id,
                "PRICE": 10,
                "QUANTITY": 1,
            })
        })
        .collect();
    s.sandbox
        .edit_deal_rows(1, serde_json::Value::Array(rows))
        .expect("rows written");
    let (data, view) = open(&s, 1, Some(&s.store)).await;
    assert_eq!(view.store, StoreState::Linked, "{:?}", data.store.error());
    assert!(
        data.requests.1 > 1,
        "several store requests: {:?}",
        data.requests
    );
    assert_eq!(
        view.rows.len(),
        300 + small_view.rows.iter().filter(|r| r.order_only).count()
    );
    let stock = |v: &DealView| -> Vec<_> {
        v.rows
            .iter()
            .filter(|r| !r.order_only)
            .map(|r| r.stock.as_ref().map(|s| s.available))
            .collect()
    };
    let first = stock(&small_view);
    assert!(
        first.iter().all(Option::is_some),
        "every demo row has stock"
    );
    assert_eq!(stock(&view)[..first.len()], first[..]);
}

#[tokio::test]
async fn an_order_held_by_its_number_in_one_deal_and_its_id_in_anothers_origin_id_names_each() {
    let mut s = setup();
    // The rep's field holds the order's number; the store's connector writes its ID.
    let mut options = s.settings.to_value();
    options["linkRules"][0]["holds"] = serde_json::json!("number");
    s.settings = Settings::from_value(&options).expect("settings read");
    let (connectors, view) = open(&s, 1, Some(&s.store)).await;
    let order = view
        .order
        .as_ref()
        .expect("deal 1 is linked by the connector");
    assert_eq!(order.linked_by.0, 1, "by ORIGIN_ID");
    assert!(order.shared_with.is_empty(), "{:?}", order.shared_with);
    assert_eq!(
        connectors.requests.0, 2,
        "one more request asks by the order's number"
    );
    // A rep types the same order's number into deal 21's field.
    s.sandbox
        .edit_deal(21, serde_json::json!({"UF_CRM_STORE_ORDER": order.number}))
        .expect("deal 21 written");
    let (_, view) = open(&s, 1, Some(&s.store)).await;
    let shared: Vec<u64> = view
        .order
        .as_ref()
        .unwrap()
        .shared_with
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(shared, [21], "the connector's deal names the rep's");
    let (_, view) = open(&s, 21, Some(&s.store)).await;
    let order = view.order.as_ref().expect("deal 21 is linked by its field");
    assert_eq!(order.linked_by.0, 0);
    let shared: Vec<u64> = order.shared_with.iter().map(|d| d.id).collect();
    assert_eq!(shared, [1], "the rep's deal names the connector's");
}

fn store_batches(s: &Setup) -> u64 {
    let stats = s.sandbox.stats();
    stats
        .methods
        .get("store")
        .and_then(|m| m.get("batch"))
        .copied()
        .unwrap_or(0)
}

#[tokio::test]
async fn a_second_open_sends_the_last_store_batch_alongside_the_portals_and_uses_its_answers() {
    let s = setup();
    let (first, first_view) = open(&s, 1, Some(&s.store)).await;
    let guess = first
        .store_batch
        .clone()
        .expect("the open needed a store batch");
    s.sandbox.reset_stats();
    let (second, second_view) = open_guessing(&s, 1, Some(&s.store), Some(&guess)).await;
    assert_eq!(second.requests, (1, 1));
    assert_eq!(store_batches(&s), 1);
    assert_eq!(second.store_batch.as_ref(), Some(&guess));
    assert_eq!(second.store, first.store);
    assert_eq!(second_view, first_view);

    // Sent before the portal answered: with a portal that cannot answer, the store still
    // receives the guessed batch.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("its address").port()
    };
    let unreachable =
        Client::webhook(&format!("http://127.0.0.1:{closed}/rest/1/secret/")).expect("client");
    s.sandbox.reset_stats();
    let hints = OpenHints::default();
    let ctx = context(&s, &unreachable, Some(&s.store), &hints, Some(&guess));
    assert!(open_deal(ctx, 1, &|_| {}).await.is_err());
    assert_eq!(store_batches(&s), 1, "the guess went out without waiting");
}

#[tokio::test]
async fn a_guess_that_no_longer_fits_the_deal_is_replaced_by_the_batch_it_needs() {
    let s = setup();
    let (first, _) = open(&s, 1, Some(&s.store)).await;
    let guess = first.store_batch.clone().expect("a store batch");
    assert!(first.rows.len() >= 2, "deal 1 has several rows");
    let kept: Vec<serde_json::Value> = first.rows[1..]
        .iter()
        .map(|r| {
            serde_json::json!({
                "PRODUCT_ID": r.product_id,
                "PRICE": r.price.to_string(),
                "QUANTITY": r.quantity.to_string(),
            })
        })
        .collect();
    s.sandbox
        .edit_deal_rows(1, serde_json::Value::Array(kept))
        .expect("rows replaced");
    let (unguessed, unguessed_view) = open(&s, 1, Some(&s.store)).await;
    assert_ne!(unguessed.store_batch.as_ref(), Some(&guess));
    s.sandbox.reset_stats();
    let (guessed, guessed_view) = open_guessing(&s, 1, Some(&s.store), Some(&guess)).await;
    assert_eq!(
        guessed.requests,
        (1, 2),
        "the guess, then the batch the deal needs"
    );
    assert_eq!(store_batches(&s), 2);
    assert_eq!(guessed.store_batch, unguessed.store_batch);
    assert_eq!(guessed_view, unguessed_view);
}

/// A client of the sandbox's store, which from now answers every request with HTTP 500; the
/// client does not try again.
fn failing_store(s: &Setup) -> Client {
    s.sandbox
        .set_fault("store:*", 1.0, bitrix_sandbox::FaultKind::ServerError);
    Client::builder()
        .retry(bitrix_rest::RetryPolicy::NONE)
        .webhook(&s.sandbox.urls().store_webhook)
        .expect("client")
}

#[tokio::test]
async fn a_store_that_gave_no_answer_to_the_guess_is_not_asked_again_in_the_same_open() {
    let s = setup();
    let (first, _) = open(&s, 1, Some(&s.store)).await;
    // The guess of an earlier open that differs from what this one needs (another language
    // asks other status names, say).
    let mut guess = first.store_batch.clone().expect("a store batch");
    guess.push(
        "extra",
        storelink::model::call::Call::new("sale.status.list", serde_json::json!({})),
    );
    let failing = failing_store(&s);
    let (data, view) = open_guessing(&s, 1, Some(&failing), Some(&guess)).await;
    assert_eq!(view.store, StoreState::Unavailable);
    assert_eq!(data.requests.1, 1, "the guess alone: {:?}", data.requests);
}

#[tokio::test]
async fn a_planned_batch_stops_at_a_request_the_store_answered_nothing_of() {
    let s = setup();
    let mut batch = Batch::new();
    for i in 0..60 {
        batch.push(
            format!("order{i}"),
            storelink::model::call::Call::new("sale.order.get", serde_json::json!({"id": i + 1})),
        );
    }
    assert_eq!(batch.clone().into_requests().len(), 2);
    let failing = failing_store(&s);
    let answers = storelink::fetch::answers::run(&failing, &batch)
        .await
        .expect("a usable batch");
    assert_eq!(answers.requests(), 1, "the second would only fail again");
    let last = answers.reply("order59").expect_err("not answered");
    assert_eq!(last.status, Some(500));
    assert!(answers.unanswered(&batch).is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hanging_store_does_not_hold_back_the_deal() {
    let s = setup();
    // Every store request hangs (60 s); the guessed store batch goes out with the portal's.
    s.sandbox
        .set_fault("sale.*", 1.0, bitrix_sandbox::FaultKind::Timeout);
    let guess = {
        let mut b = Batch::new();
        b.push("order", storelink::model::link::order_get_call(101));
        b
    };
    let hints = OpenHints::default();
    let ctx = context(&s, &s.portal, Some(&s.store), &hints, Some(&guess));
    let ready = tokio::sync::Notify::new();
    let partial = std::cell::RefCell::new(None);
    let crm_ready = |crm: &DealData| {
        *partial.borrow_mut() = Some(crm.clone());
        ready.notify_one();
    };
    let open = open_deal(ctx, 1, &crm_ready);
    tokio::select! {
        _ = open => panic!("the open cannot finish while the store hangs"),
        _ = ready.notified() => {}
    }
    let crm = partial.into_inner().expect("the CRM part");
    assert_eq!(crm.store, StoreData::Pending);
    assert!(!crm.rows.is_empty());
    let view = crm.view(&s.settings, "ru");
    assert_eq!(view.store, StoreState::Pending);
    assert_eq!(view.rows.len(), crm.rows.len());
    assert!(view.order.is_none() && view.differences.is_empty());
}
