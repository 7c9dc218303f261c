//! Product variations (sizes, colours): a deal row holding a variation of a CRM product finds
//! the store's variation by XML_ID and shows its stock; the lookup finds variations too, by
//! their own article as well.

use serde_json::{Value, json};

use crate::support::options::{dev_options_polling, with_settings};
use crate::support::page::tid;
use crate::support::seeds::SeedFile;
use crate::support::stand::{Setup, Stand, User};

/// A T-shirt in two sizes on both sides (variations of one product), and a mug without any;
/// deal 1 asks for 3 of size M and a mug, deal 2 for the T-shirt with no size chosen.
fn shirts() -> Value {
    let product = |id: u64, name: &str, xml: &str, parent: Option<u64>, stock: u64| {
        json!({"id": id, "name": name, "xmlId": xml, "price": 900, "variationOf": parent,
               "stock": [{"warehouse": 1, "amount": stock}]})
    };
    let crm = |id: u64, name: &str, xml: &str, parent: Option<u64>| json!({"id": id, "name": name, "xmlId": xml, "price": 900, "variationOf": parent});
    json!({
        "portal": {
            "products": [
                crm(101, "Футболка", "tee", None),
                crm(102, "Футболка, размер S", "tee#s", Some(101)),
                crm(103, "Футболка, размер M", "tee#m", Some(101)),
                crm(104, "Кружка", "mug", None)
            ],
            "deals": [{"id": 1, "title": "Футболки", "stage": "NEW", "rows": [
                {"productId": 103, "price": 900, "quantity": 3},
                {"productId": 104, "price": 900, "quantity": 1}
            ]}, {"id": 2, "title": "Футболка без размера", "stage": "NEW", "rows": [
                {"productId": 101, "price": 900, "quantity": 1}
            ]}]
        },
        "store": {
            "warehouses": [{"id": 1, "title": "Склад"}],
            "products": [
                product(1, "Футболка", "tee", None, 0),
                product(2, "Футболка, размер S", "tee#s", Some(1), 4),
                product(3, "Футболка, размер M", "tee#m", Some(1), 7),
                product(4, "Кружка", "mug", None, 2)
            ]
        }
    })
}

/// Types `text` into the lookup and waits for `count` results: their XML_IDs, in order.
fn look_up(stand: &Stand, text: &str, count: usize) -> Vec<String> {
    stand.replace_text(&tid("stock-search"), text);
    stand.wait_for(&format!("{count} results for {text:?}"), |b| {
        let found: Vec<String> = b
            .read(&tid("stock-result"))
            .iter()
            .filter_map(|r| r.attr("data-xml-id").map(str::to_owned))
            .collect();
        (found.len() == count).then_some(found)
    })
}

/// The free stock the lookup shows for the product with this XML_ID.
fn free_in_lookup(stand: &Stand, xml_id: &str) -> Option<String> {
    stand.attr(
        &format!(
            "{}[data-xml-id=\"{xml_id}\"] {}",
            tid("stock-result"),
            tid("stock-available")
        ),
        "data-value",
    )
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_variation_in_the_deal_shows_the_stores_variation_and_its_stock() {
    let options = with_settings(
        dev_options_polling(300),
        json!({"linkRules": [{"kind": "user-field", "field": "UF_CRM_STORE_ORDER", "holds": "id"}]}),
    );
    let stand = Stand::start(
        "a_variation_in_the_deal_shows_the_stores_variation_and_its_stock",
        Setup::own_seed(SeedFile::write("shirts", &shirts()), options),
    );
    stand.sandbox.reset_stats();
    stand.open_deal_ready(1, User::Rep);
    let available = |xml: &str| {
        stand.attr(
            &format!(
                "{}[data-xml-id=\"{xml}\"] {}",
                tid("deal-row"),
                tid("row-available")
            ),
            "data-value",
        )
    };
    assert_eq!(
        available("tee#m").as_deref(),
        Some("7"),
        "size M: 7 in stock"
    );
    assert_eq!(available("mug").as_deref(), Some("2"));
    assert_eq!(
        stand.sandbox.stats().requests.get("store"),
        Some(&1),
        "variations come in the same store request"
    );

    // The lookup finds the sizes by name, with their stock.
    let sizes = look_up(&stand, "Футболка, размер", 2);
    assert_eq!(sizes, ["tee#m", "tee#s"]);
    assert_eq!(free_in_lookup(&stand, "tee#s").as_deref(), Some("4"));

    // The T-shirt itself, no size chosen: said to come in sizes, not short of one.
    stand.open_deal_ready(2, User::Rep);
    let row = format!("{}[data-xml-id=\"tee\"]", tid("deal-row"));
    stand.wait_css(&format!("{row} {}", tid("row-in-sizes")));
    assert_eq!(stand.count(&tid("row-shortage")), 0);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_product_found_by_its_article_brings_its_variations_and_their_stock() {
    // The article sits on the product (as 1C exports it); the sizes hold the stock.
    let mut seed = shirts();
    seed["store"]["products"][0]["article"] = json!("TS-1");
    let stand = Stand::start(
        "a_product_found_by_its_article_brings_its_variations_and_their_stock",
        Setup::own_seed(
            SeedFile::write("shirts-article", &seed),
            dev_options_polling(300),
        ),
    );
    stand.sandbox.reset_stats();
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    let found = look_up(&stand, "TS-1", 3);
    assert_eq!(found[0], "tee", "the product whose article was typed first");
    assert_eq!(free_in_lookup(&stand, "tee#s").as_deref(), Some("4"));
    assert_eq!(free_in_lookup(&stand, "tee#m").as_deref(), Some("7"));
    assert_eq!(
        stand.sandbox.stats().requests.get("store").copied(),
        Some(2),
        "the warehouses, then one request for the search"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_size_is_found_by_its_own_article() {
    // As 1C exports sizes: each its own article, in the catalogue of variations' property.
    let mut seed = shirts();
    seed["store"]["products"][0]["article"] = json!("TS-1");
    seed["store"]["products"][1]["article"] = json!("TS-1-S");
    seed["store"]["products"][2]["article"] = json!("TS-1-M");
    let stand = Stand::start(
        "a_size_is_found_by_its_own_article",
        Setup::own_seed(
            SeedFile::write("shirts-size-articles", &seed),
            dev_options_polling(300),
        ),
    );
    stand.sandbox.reset_stats();
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    let found = look_up(&stand, "ts-1-m", 1);
    assert_eq!(found, ["tee#m"], "the size whose own article was typed");
    assert_eq!(free_in_lookup(&stand, "tee#m").as_deref(), Some("7"));
    let shown = stand
        .text(&format!("{}[data-xml-id=\"tee#m\"]", tid("stock-result")))
        .unwrap_or_default();
    assert!(shown.contains("TS-1-M"), "its article is shown: {shown}");
    assert_eq!(
        stand.sandbox.stats().requests.get("store").copied(),
        Some(2),
        "the warehouses, then one request for the search"
    );
    // Found by its name, the product sold in sizes shows their stock together, sizes under it.
    let found = look_up(&stand, "Футболка", 3);
    assert_eq!(found, ["tee", "tee#m", "tee#s"]);
    assert_eq!(
        free_in_lookup(&stand, "tee").as_deref(),
        Some("11"),
        "4 + 7"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn an_order_holding_a_variant_of_the_deals_product_says_so_under_the_differences() {
    // Deal 2 holds the T-shirt with no size, its order size S; deal 3 size M, its order size S.
    let mut seed = shirts();
    seed["portal"]["dealUserFields"] =
        json!([{"name": "UF_CRM_STORE_ORDER", "type": "string", "label": "Заказ"}]);
    seed["portal"]["deals"][1]["uf"] = json!({"UF_CRM_STORE_ORDER": "1"});
    seed["portal"]["deals"].as_array_mut().expect("deals").push(
        json!({"id": 3, "title": "Футболка M, в заказе S", "stage": "NEW",
            "uf": {"UF_CRM_STORE_ORDER": "2"},
            "rows": [{"productId": 103, "price": 900, "quantity": 1}]}),
    );
    seed["store"]["orders"] = json!([
        {"id": 1, "status": "N", "basket": [{"id": 11, "productId": 2, "name": "Футболка, размер S", "price": 900, "quantity": 1}]},
        {"id": 2, "status": "N", "basket": [{"id": 21, "productId": 2, "name": "Футболка, размер S", "price": 900, "quantity": 1}]}
    ]);
    let options = with_settings(
        dev_options_polling(300),
        json!({"linkRules": [{"kind": "user-field", "field": "UF_CRM_STORE_ORDER", "holds": "id"}]}),
    );
    let name = "an_order_holding_a_variant_of_the_deals_product_says_so_under_the_differences";
    let stand = Stand::start(
        name,
        Setup::own_seed(SeedFile::write("variants", &seed), options),
    );
    stand.sandbox.reset_stats();
    stand.open_deal_ready(2, User::Rep);
    let note = stand.wait_css(&tid("variant-note"));
    assert_eq!(
        note.text,
        "«Футболка, размер S» в заказе — вариант товара «Футболка» из сделки: выберите в сделке этот вариант."
    );
    assert_eq!(
        stand.sandbox.stats().requests.get("store"),
        Some(&1),
        "the basket's variations come in the same store request"
    );
    stand.open_deal_ready(3, User::Rep);
    let note = stand.wait_css(&tid("variant-note"));
    assert!(
        note.text
            .starts_with("«Футболка, размер M» в сделке и «Футболка, размер S» в заказе"),
        "{}",
        note.text
    );
    assert_eq!(stand.count(&tid("variant-note")), 1);
}
