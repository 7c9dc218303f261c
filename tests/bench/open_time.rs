//! Time from the iframe's navigation to the complete view (`data-state="ready"`), at sandbox
//! latency 0 and 100 ms per REST request: the first open in a fresh browser, then the median
//! and slowest of warm opens, and where the median open's time went.

use super::bundle::{BUDGET_BYTES, gzip_len};
use super::probe;
use super::report::{Budget, Figure, median};
use crate::support::options::dev_options_polling;
use crate::support::stand::{Setup, Stand, User, dist_dir};
use crate::support::timeline;

/// Warm opens per latency.
const WARM_OPENS: usize = 7;
/// A demo deal linked by the user field, with a few rows.
const DEAL: u64 = 9;

/// One open: the probe's `ready` and the frame's timeline.
fn open(stand: &Stand) -> (f64, serde_json::Value) {
    stand.open_deal_ready(DEAL, User::Rep);
    let ready = stand.wait_for("the probe's ready time", |b| {
        probe::read(b)["ready"].as_f64()
    });
    let store = stand.sandbox.urls().store.clone();
    (ready, timeline::open_timeline(&stand.browser, &store))
}

/// What a deal tab really fetched from the app's origin in a fresh browser, gzip-sized from
/// `dist/`.
fn downloaded(stand: &Stand) -> Vec<Figure> {
    stand.open_deal_ready(DEAL, User::Rep);
    let files = probe::files_from(&stand.browser, &stand.sandbox.urls().widget);
    let dist = dist_dir();
    let total: usize = files
        .iter()
        .filter_map(|f| std::fs::read(dist.join(f)).ok())
        .map(|bytes| gzip_len(&bytes))
        .sum();
    let admin = files
        .iter()
        .filter(|f| f.starts_with("storelink_admin"))
        .count();
    vec![
        Figure::new(
            "open",
            format!(
                "deal tab fetched {} files ({}), gzip",
                files.len(),
                files.join(" ")
            ),
            total as f64,
            "B",
        )
        .budget(Budget::AtMost(BUDGET_BYTES)),
        Figure::new(
            "open",
            "deal tab fetched admin-bundle files",
            admin as f64,
            "file",
        )
        .budget(Budget::AtMost(0.0)),
    ]
}

pub fn measure() -> Vec<Figure> {
    let mut figures = Vec::new();
    let stand = Stand::start("bench_open_time", Setup::demo(dev_options_polling(300)));
    probe::install(&stand.browser);
    figures.extend(downloaded(&stand));
    for latency in [0_u64, 100] {
        stand.sandbox.set_latency(latency);
        let (cold, _) = open(&stand);
        if latency == 0 {
            figures.push(Figure::new(
                "open",
                "first open in a fresh browser, latency 0 ms",
                cold,
                "ms",
            ));
        }
        let mut samples = Vec::new();
        let mut timelines = Vec::new();
        for _ in 0..WARM_OPENS {
            let (ready, timeline) = open(&stand);
            samples.push(ready);
            timelines.push((ready, timeline));
        }
        let mid = median(&samples);
        let budget = if latency == 100 {
            Budget::Under(450.0)
        } else {
            Budget::None
        };
        figures.push(
            Figure::new(
                "open",
                format!("navigation → ready, latency {latency} ms, median"),
                mid,
                "ms",
            )
            .budget(budget),
        );
        figures.push(Figure::new(
            "open",
            format!("navigation → ready, latency {latency} ms, slowest of {WARM_OPENS}"),
            samples.iter().copied().fold(0.0, f64::max),
            "ms",
        ));
        // Both systems at once: on a repeat open the store's batch leaves before the portal's
        // answer is in (at latency 0 the portal may answer before the store's request starts).
        let waited = timelines
            .iter()
            .filter(
                |(_, t)| match (t["storeStart"].as_f64(), t["portalEnd"].as_f64()) {
                    (Some(store), Some(portal)) => store >= portal,
                    _ => true,
                },
            )
            .count();
        figures.push(
            Figure::new(
                "open",
                format!("opens whose store batch waited for the portal, latency {latency} ms"),
                waited as f64,
                "open",
            )
            .budget(if latency == 100 {
                Budget::AtMost(0.0)
            } else {
                Budget::None
            }),
        );
        timelines.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, t)) = timelines.get(timelines.len() / 2) {
            for (key, label) in [
                ("html", "html loaded"),
                ("wasm", "wasm loaded"),
                ("restStart", "first REST request sent"),
                ("storeStart", "store batch sent"),
                ("portalEnd", "portal's answer in"),
                ("restEnd", "last REST answer in"),
            ] {
                if let Some(at) = t[key].as_f64() {
                    figures.push(Figure::new(
                        "open",
                        format!("  median open, latency {latency} ms: {label} at"),
                        at.round(),
                        "ms",
                    ));
                }
            }
        }
    }
    stand.sandbox.set_latency(0);
    figures
}
