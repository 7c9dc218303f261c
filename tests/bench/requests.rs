//! HTTP requests per deal open, by system, with 5, 50 and 200 product rows: counted by the
//! sandbox (REST calls, CORS preflights, commands inside batches) and by the browser (every
//! request with its body, to find one made twice).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::report::{Budget, Figure};
use crate::support::browser::Browser;
use crate::support::options::{dev_options, with_settings};
use crate::support::seeds::{ORDER_FIELD, SeedFile, rows_shop};
use crate::support::stand::{Setup, Stand, User};

pub const ROWS: &[usize] = &[5, 50, 200];

/// The REST requests the browser sent to `origins`: (method, URL, body) and how often.
fn sent_requests(browser: &Browser, origins: &[&str]) -> BTreeMap<(String, String, String), usize> {
    let mut sent = BTreeMap::new();
    for event in browser.network_log().unwrap_or_default() {
        if event["method"] != "Network.requestWillBeSent" {
            continue;
        }
        let request = &event["params"]["request"];
        let url = request["url"].as_str().unwrap_or_default();
        if !origins.iter().any(|o| url.starts_with(o)) || !url.contains("/rest/") {
            continue;
        }
        let key = (
            request["method"].as_str().unwrap_or_default().to_owned(),
            url.to_owned(),
            request["postData"].as_str().unwrap_or_default().to_owned(),
        );
        *sent.entry(key).or_insert(0) += 1;
    }
    sent
}

fn options() -> Value {
    with_settings(
        dev_options(),
        json!({
            "linkRules": [{"kind": "user-field", "field": ORDER_FIELD, "holds": "id"}],
            "pollIntervalSecs": 300
        }),
    )
}

pub fn measure() -> Vec<Figure> {
    let mut figures = Vec::new();
    for &rows in ROWS {
        let seed = SeedFile::write(&format!("bench-rows-{rows}"), &rows_shop(rows));
        let mut setup = Setup::own_seed(seed, options());
        setup.performance_log = true;
        let stand = Stand::start(&format!("bench_requests_{rows}_rows"), setup);
        let urls = stand.sandbox.urls().clone();
        // A first open warms the browser's cache of the app's files and leaves the store batch
        // to send alongside the portal's next time; the second is measured.
        stand.open_deal_ready(1, User::Rep);
        let _ = stand.browser.network_log();
        stand.sandbox.reset_stats();
        stand.open_deal_ready(1, User::Rep);
        assert_eq!(
            stand.count("[data-testid=\"deal-row\"]"),
            rows,
            "every row is shown"
        );
        let stats = stand.sandbox.stats();
        let sent = sent_requests(&stand.browser, &[&urls.portal, &urls.store]);
        let repeated: usize = sent.values().map(|n| n - 1).sum();
        let per_system = if rows <= 50 {
            Budget::AtMost(1.0)
        } else {
            Budget::None
        };
        for origin in ["portal", "store"] {
            let requests = stats.requests.get(origin).copied().unwrap_or(0) as f64;
            figures.push(
                Figure::new(
                    "requests",
                    format!("{rows} rows: {origin} requests"),
                    requests,
                    "req",
                )
                .budget(per_system),
            );
            let commands: u64 = stats
                .batched
                .get(origin)
                .map(|m| m.values().sum())
                .unwrap_or(0);
            figures.push(Figure::new(
                "requests",
                format!("{rows} rows: {origin} commands inside batches"),
                commands as f64,
                "cmd",
            ));
        }
        let seen: usize = sent.values().sum();
        let counted: u64 = ["portal", "store"]
            .iter()
            .map(|o| stats.requests.get(*o).copied().unwrap_or(0))
            .sum();
        assert_eq!(
            seen as u64, counted,
            "the browser's log holds every REST request the sandbox counted"
        );
        let preflights: u64 = stats.preflights.values().sum();
        figures.push(
            Figure::new(
                "requests",
                format!("{rows} rows: CORS preflights"),
                preflights as f64,
                "req",
            )
            .budget(Budget::AtMost(0.0)),
        );
        figures.push(
            Figure::new(
                "requests",
                format!("{rows} rows: requests sent twice"),
                repeated as f64,
                "req",
            )
            .budget(Budget::AtMost(0.0)),
        );
    }
    figures
}
