//! The stock lookup on the large catalogue (10,000 products): time from the end of the last
//! keystroke's debounce to the results on screen, and requests per search, at sandbox latency
//! 0 and 100 ms.

use bitrix_sandbox::Seed;
use serde_json::json;
use storelink::model::lookup_search::DEBOUNCE_MS;

use super::probe;
use super::report::{Budget, Figure, median};
use crate::support::options::dev_options_polling;
use crate::support::page::tid;
use crate::support::rest;
use crate::support::stand::{Setup, Stand, User};

/// Queries a rep might type: words of product names and articles from the catalogue itself.
fn queries(stand: &Stand) -> Vec<String> {
    let answer = rest::store(
        &stand.sandbox,
        "catalog.product.list",
        &[
            ("filter[iblockId]", "2"),
            ("select[]", "id"),
            ("select[]", "name"),
            ("select[]", "iblockId"),
            ("select[]", "property105"),
        ],
    );
    let products = answer["products"].as_array().cloned().unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for p in products.iter().step_by(7) {
        if let Some(word) = p["name"]
            .as_str()
            .and_then(|n| n.split_whitespace().find(|w| w.chars().count() >= 4))
        {
            out.push(word.trim_matches(',').to_owned());
        }
        if let Some(article) = p["property105"]["value"].as_str() {
            out.push(article.to_owned());
        }
    }
    out.sort();
    out.dedup();
    out.truncate(8);
    assert!(!out.is_empty(), "no products to search for: {answer}");
    out
}

pub fn measure() -> Vec<Figure> {
    let mut setup = Setup::demo(dev_options_polling(300));
    setup.seed = Seed::Large;
    let stand = Stand::start("bench_lookup", setup);
    probe::install(&stand.browser);
    let queries = queries(&stand);
    let mut figures = Vec::new();
    for latency in [0_u64, 100] {
        stand.sandbox.set_latency(latency);
        stand.sandbox.reset_stats();
        stand.open_app_page(User::Rep);
        stand.wait_css(&tid("stock-search"));
        // The page reads the store's warehouses as it opens: that request is no search's.
        stand.wait_for("the page's read of the warehouses", |_| {
            let stats = stand.sandbox.stats();
            (stats.requests.get("store").copied().unwrap_or(0) >= 1).then_some(())
        });
        let mut times = Vec::new();
        let mut requests = Vec::new();
        let mut store_times = Vec::new();
        for query in &queries {
            stand.sandbox.reset_stats();
            stand.replace_text(&tid("stock-search"), query);
            let (typed, answered) = stand.wait_for(&format!("the answer to {query:?}"), |b| {
                let p = probe::read(b);
                let answer = p["answers"]
                    .as_array()?
                    .iter()
                    .find(|a| a["query"] == json!(query))?
                    .clone();
                Some((p["lastInput"].as_f64()?, answer["at"].as_f64()?))
            });
            times.push(answered - typed - f64::from(DEBOUNCE_MS));
            if let Some(request) = probe::last_rest_request(&stand.browser) {
                store_times.push(request);
            }
            requests.push(
                stand
                    .sandbox
                    .stats()
                    .requests
                    .get("store")
                    .copied()
                    .unwrap_or(0) as f64,
            );
        }
        figures.push(
            Figure::new(
                "lookup",
                format!(
                    "debounce → results, latency {latency} ms, median of {}",
                    times.len()
                ),
                median(&times),
                "ms",
            )
            .budget(if latency == 100 {
                Budget::Under(150.0)
            } else {
                Budget::None
            }),
        );
        figures.push(Figure::new(
            "lookup",
            format!("  of which the store's answer (request sent → answer in), latency {latency} ms, median"),
            median(&store_times),
            "ms",
        ));
        figures.push(Figure::new(
            "lookup",
            format!("debounce → results, latency {latency} ms, slowest"),
            times.iter().copied().fold(0.0, f64::max),
            "ms",
        ));
        figures.push(
            Figure::new(
                "lookup",
                format!("store requests per search, latency {latency} ms, most"),
                requests.iter().copied().fold(0.0, f64::max),
                "req",
            )
            .budget(Budget::AtMost(1.0)),
        );
    }
    stand.sandbox.set_latency(0);
    figures
}
