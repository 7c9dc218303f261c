//! What a deal open costs: exactly one `batch` request to each system, no CORS preflight; from
//! the second open of a deal on, both sent at once.

use std::collections::BTreeMap;

use bitrix_sandbox::Stats;
use serde_json::json;

use super::own_seed::{mini_options, mini_stand};
use crate::support::options::dev_options_polling;
use crate::support::page::tid;
use crate::support::rest;
use crate::support::stand::{Setup, Stand, User};
use crate::support::timeline;

/// REST calls per method of one origin.
fn methods(stats: &Stats, origin: &str) -> BTreeMap<String, u64> {
    stats.methods.get(origin).cloned().unwrap_or_default()
}

fn assert_one_batch_each(stats: &Stats, what: &str) {
    let one_batch = BTreeMap::from([("batch".to_owned(), 1)]);
    assert_eq!(
        methods(stats, "portal"),
        one_batch,
        "{what}: portal calls {stats:?}"
    );
    assert_eq!(
        methods(stats, "store"),
        one_batch,
        "{what}: store calls {stats:?}"
    );
    assert_eq!(stats.requests.get("portal"), Some(&1), "{what}: {stats:?}");
    assert_eq!(stats.requests.get("store"), Some(&1), "{what}: {stats:?}");
    assert!(
        stats.preflights.values().all(|n| *n == 0),
        "{what}: CORS preflights {:?}",
        stats.preflights
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_deal_open_costs_one_batch_per_system_and_no_preflight() {
    // Live checks far apart, so only the open is counted.
    let stand = Stand::start(
        "a_deal_open_costs_one_batch_per_system_and_no_preflight",
        Setup::demo(dev_options_polling(300)),
    );
    for deal in [9, 1, 13] {
        stand.sandbox.reset_stats();
        stand.open_deal_ready(deal, User::Rep);
        assert_one_batch_each(&stand.sandbox.stats(), &format!("demo deal {deal}"));
    }
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn own_seed_deal_open_costs_one_batch_per_system_and_no_preflight() {
    let stand = mini_stand(
        "own_seed_deal_open_costs_one_batch_per_system_and_no_preflight",
        mini_options(300),
    );
    for deal in [1, 3] {
        stand.sandbox.reset_stats();
        stand.open_deal_ready(deal, User::Rep);
        assert_one_batch_each(&stand.sandbox.stats(), &format!("deal {deal}"));
    }
}

/// When the frame's first store request left and when the portal's last answer came in (ms
/// since the frame's navigation).
fn store_sent_and_portal_answered(stand: &Stand) -> (f64, f64) {
    let store = stand.sandbox.urls().store.clone();
    let t = timeline::open_timeline(&stand.browser, &store);
    let at = |key: &str| t[key].as_f64().unwrap_or(f64::NAN);
    (at("storeStart"), at("portalEnd"))
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_second_open_asks_both_systems_at_once_and_a_changed_deal_is_asked_again() {
    let stand = Stand::start(
        "a_second_open_asks_both_systems_at_once_and_a_changed_deal_is_asked_again",
        Setup::demo(dev_options_polling(300)),
    );
    stand.open_deal_ready(1, User::Rep);
    let rows = stand.count(&tid("deal-row"));
    assert!(rows >= 2, "demo deal 1 has several rows");

    stand.sandbox.reset_stats();
    stand.open_deal_ready(1, User::Rep);
    assert_one_batch_each(&stand.sandbox.stats(), "the second open");
    let (store_sent, portal_answered) = store_sent_and_portal_answered(&stand);
    assert!(
        store_sent < portal_answered,
        "the store batch left at {store_sent} ms, before the portal answered at {portal_answered} ms"
    );
    assert_eq!(stand.count(&tid("deal-row")), rows);

    // Another user removes a row: the remembered store batch no longer fits the deal, so the
    // tab asks the store again and shows the deal as it is now.
    let current = rest::portal(&stand.sandbox, "crm.deal.productrows.get", &[("id", "1")]);
    let kept: Vec<serde_json::Value> = current.as_array().expect("rows")[1..]
        .iter()
        .map(|r| {
            json!({"PRODUCT_ID": r["PRODUCT_ID"], "PRICE": r["PRICE"], "QUANTITY": r["QUANTITY"]})
        })
        .collect();
    stand
        .sandbox
        .edit_deal_rows(1, serde_json::Value::Array(kept))
        .expect("rows replaced");
    stand.sandbox.reset_stats();
    stand.open_deal_ready(1, User::Rep);
    assert_eq!(stand.count(&tid("deal-row")), rows - 1);
    let stats = stand.sandbox.stats();
    assert_eq!(stats.requests.get("portal"), Some(&1), "{stats:?}");
    assert_eq!(
        stats.requests.get("store"),
        Some(&2),
        "the guess, then the batch the deal needs: {stats:?}"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_tab_asks_each_of_its_files_once_with_the_apps_version() {
    let stand = Stand::start(
        "the_tab_asks_each_of_its_files_once_with_the_apps_version",
        Setup::demo(dev_options_polling(300)),
    );
    stand.open_deal_ready(9, User::Rep);
    let names = stand.js(
        "return performance.getEntriesByType('resource').map(e => e.name)\
           .concat([location.href]);",
        vec![],
    );
    let files: Vec<String> = names
        .as_array()
        .expect("resource names")
        .iter()
        .filter_map(|n| n.as_str())
        .filter(|n| !n.contains("/rest/"))
        .filter_map(|n| n.rsplit('/').next().map(str::to_owned))
        .filter(|n| n.starts_with("storelink") || n.starts_with("boot"))
        .collect();
    for file in [
        "storelink.js",
        "storelink_bg.wasm",
        "storelink.css",
        "boot.js",
    ] {
        let asked: Vec<&String> = files.iter().filter(|f| f.starts_with(file)).collect();
        assert_eq!(asked.len(), 1, "{file} asked once: {files:?}");
        assert!(
            asked[0].starts_with(&format!("{file}?v=")),
            "{file} is asked with the version: {files:?}"
        );
    }
}
