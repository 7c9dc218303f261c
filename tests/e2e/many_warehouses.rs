//! A store with more warehouses than a first open plans for: every row still shows the stock
//! the store has, in its first complete view, at the cost of one more store request, once per
//! browser.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::options::dev_options_polling;
use crate::support::page::tid;
use crate::support::seeds::SeedFile;
use crate::support::stand::{Setup, Stand, User};

/// A store of `warehouses` warehouses (`inactive` switched off) and `products` products, each
/// with a record in every warehouse holding `amount(product, warehouse)`; deal 1 asks for one
/// of each, with no order linked.
fn warehouses_seed(
    warehouses: u64,
    inactive: Option<u64>,
    products: u64,
    amount: impl Fn(u64, u64) -> u64,
) -> Value {
    let list: Vec<Value> = (1..=warehouses)
        .map(|w| json!({"id": w, "title": format!("Склад {w}"), "active": Some(w) != inactive}))
        .collect();
    let store_products: Vec<Value> = (1..=products)
        .map(|i| {
            let stock: Vec<Value> = (1..=warehouses)
                .map(|w| json!({"warehouse": w, "amount": amount(i, w)}))
                .collect();
            json!({"id": i, "name": format!("Товар {i}"), "xmlId": format!("wh-{i}"), "price": 100,
                   "stock": stock})
        })
        .collect();
    let portal_products: Vec<Value> = (1..=products)
        .map(|i| json!({"id": 100 + i, "name": format!("Товар {i}"), "xmlId": format!("wh-{i}"), "price": 100}))
        .collect();
    let rows: Vec<Value> = (1..=products)
        .map(|i| json!({"productId": 100 + i, "price": 100, "quantity": 1}))
        .collect();
    json!({
        "portal": {
            "products": portal_products,
            "deals": [{"id": 1, "title": format!("{warehouses} складов"), "stage": "NEW", "rows": rows}]
        },
        "store": {"warehouses": list, "products": store_products}
    })
}

/// Eleven warehouses; twelve products with stock only in the last (`10 + i` of product `i`).
fn eleven_warehouses() -> Value {
    warehouses_seed(11, None, 12, |i, w| if w == 11 { 10 + i } else { 0 })
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn stock_in_the_eleventh_warehouse_shows_on_the_first_complete_view() {
    let stand = Stand::start(
        "stock_in_the_eleventh_warehouse_shows_on_the_first_complete_view",
        Setup::own_seed(
            SeedFile::write("eleven-warehouses", &eleven_warehouses()),
            dev_options_polling(300),
        ),
    );
    stand.sandbox.reset_stats();
    stand.open_deal_ready(1, User::Rep);
    for i in 1..=12 {
        let row = format!("{}[data-xml-id=\"wh-{i}\"]", tid("deal-row"));
        assert_eq!(
            stand
                .attr(&format!("{row} {}", tid("row-available")), "data-value")
                .as_deref(),
            Some((10 + i).to_string().as_str()),
            "row {i}"
        );
        assert_eq!(stand.count(&format!("{row} {}", tid("row-shortage"))), 0);
    }
    let stats = stand.sandbox.stats();
    assert_eq!(
        stats.requests.get("store"),
        Some(&2),
        "the stock asked again, sized for 11 warehouses: {stats:?}"
    );

    // The browser remembers the count: the next open sizes its stock commands by it.
    stand.sandbox.reset_stats();
    stand.open_deal_ready(1, User::Rep);
    let stats = stand.sandbox.stats();
    assert_eq!(stats.requests.get("store"), Some(&1), "{stats:?}");
    assert_eq!(
        stand
            .attr(
                &format!(
                    "{}[data-xml-id=\"wh-12\"] {}",
                    tid("deal-row"),
                    tid("row-available")
                ),
                "data-value"
            )
            .as_deref(),
        Some("22")
    );
}

/// Sixty warehouses, the 58th inactive; three products with stock in the 55th (`20 + i` of
/// product `i`) and 7 in the inactive one.
fn sixty_warehouses() -> Value {
    warehouses_seed(60, Some(58), 3, |i, w| match w {
        55 => 20 + i,
        58 => 7,
        _ => 0,
    })
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_store_with_more_warehouses_than_a_page_shows_them_all_and_an_idle_tab_only_checks() {
    let poll_secs = 2;
    let stand = Stand::start(
        "a_store_with_more_warehouses_than_a_page_shows_them_all_and_an_idle_tab_only_checks",
        Setup::own_seed(
            SeedFile::write("sixty-warehouses", &sixty_warehouses()),
            dev_options_polling(poll_secs),
        ),
    );
    stand.open_deal_ready(1, User::Rep);
    assert_eq!(
        stand.count("th[data-warehouse-id]"),
        59,
        "every active warehouse, past the first page of 50"
    );
    for i in 1..=3 {
        let row = format!("{}[data-xml-id=\"wh-{i}\"]", tid("deal-row"));
        assert_eq!(
            stand
                .attr(&format!("{row} {}", tid("row-available")), "data-value")
                .as_deref(),
            Some((20 + i).to_string().as_str()),
            "row {i}: the stock in warehouse 55"
        );
        assert_eq!(
            stand
                .text(&format!("{row} td[data-warehouse-id=\"55\"]"))
                .as_deref(),
            Some((20 + i).to_string().as_str())
        );
    }

    // The inactive warehouse's stock, read at the open but not shown, is no change: the tab's
    // checks do not reload the deal.
    stand.sandbox.reset_stats();
    stand.wait_within(
        "three live checks of the store",
        Duration::from_secs(3 * u64::from(poll_secs) + 15),
        |_| {
            let stats = stand.sandbox.stats();
            (stats.requests.get("store").copied().unwrap_or(0) >= 3).then_some(stats)
        },
    );
    let stats = stand.sandbox.stats();
    let portal = stats.batched.get("portal").cloned().unwrap_or_default();
    assert_eq!(portal.get("crm.deal.get"), None, "no reload: {stats:?}");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_settings_list_more_warehouses_than_a_page_in_the_order_the_tab_shows_them() {
    // Sixty warehouses whose sort runs against their IDs, in pairs: 60 and 59 first (same
    // sort, so by ID), 1 and 2 last.
    let mut seed = sixty_warehouses();
    for w in seed["store"]["warehouses"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        let id = w["id"].as_i64().unwrap_or_default();
        w["sort"] = json!(1000 - (id + 1) / 2 * 10);
    }
    let stand = Stand::start(
        "the_settings_list_more_warehouses_than_a_page_in_the_order_the_tab_shows_them",
        Setup::own_seed(
            SeedFile::write("sixty-sorted-warehouses", &seed),
            dev_options_polling(300),
        ),
    );
    stand.open_deal_ready(1, User::Rep);
    let in_the_tab: Vec<String> = stand
        .read("th[data-warehouse-id]")
        .iter()
        .filter_map(|th| th.attr("data-warehouse-id").map(str::to_owned))
        .collect();
    assert_eq!(in_the_tab.len(), 59, "{in_the_tab:?}");
    assert_eq!(in_the_tab[..3], ["59", "60", "57"]);

    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    stand.wait_css(&format!("{}[data-state=\"ready\"]", tid("settings")));
    let in_the_settings: Vec<String> = stand
        .read("input[data-testid^=\"settings-warehouse-\"]")
        .iter()
        .filter_map(|i| i.attr("data-testid"))
        .filter_map(|t| t.strip_prefix("settings-warehouse-").map(str::to_owned))
        .filter(|id| id != "58")
        .collect();
    assert_eq!(in_the_settings, in_the_tab);
}
