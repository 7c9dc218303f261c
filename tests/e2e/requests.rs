//! What a deal open costs: exactly one `batch` request to each system, no CORS preflight.

use std::collections::BTreeMap;

use bitrix_sandbox::Stats;

use super::own_seed::{mini_options, mini_stand};
use crate::support::options::dev_options_polling;
use crate::support::stand::{Setup, Stand, User};

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
