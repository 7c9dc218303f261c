//! A store with more warehouses than a first open plans for: every row still shows the stock
//! the store has, in its first complete view, at the cost of one more store request, once per
//! browser.

use serde_json::{Value, json};

use crate::support::options::dev_options_polling;
use crate::support::page::tid;
use crate::support::seeds::SeedFile;
use crate::support::stand::{Setup, Stand, User};

/// Eleven warehouses; twelve products, each with a record in every warehouse but stock only
/// in the last (`10 + i` of product `i`); deal 1 asks for one of each, with no order linked.
fn eleven_warehouses() -> Value {
    let warehouses: Vec<Value> = (1..=11)
        .map(|w| json!({"id": w, "title": format!("Склад {w}")}))
        .collect();
    let store_products: Vec<Value> = (1..=12)
        .map(|i| {
            let stock: Vec<Value> = (1..=11)
                .map(|w| json!({"warehouse": w, "amount": if w == 11 { 10 + i } else { 0 }}))
                .collect();
            json!({"id": i, "name": format!("Товар {i}"), "xmlId": format!("wh-{i}"), "price": 100,
                   "stock": stock})
        })
        .collect();
    let portal_products: Vec<Value> = (1..=12)
        .map(|i| json!({"id": 100 + i, "name": format!("Товар {i}"), "xmlId": format!("wh-{i}"), "price": 100}))
        .collect();
    let rows: Vec<Value> = (1..=12)
        .map(|i| json!({"productId": 100 + i, "price": 100, "quantity": 1}))
        .collect();
    json!({
        "portal": {
            "products": portal_products,
            "deals": [{"id": 1, "title": "Одиннадцать складов", "stage": "NEW", "rows": rows}]
        },
        "store": {"warehouses": warehouses, "products": store_products}
    })
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
