//! The quick stock lookup on the app page: by name (several words in any order), article and
//! XML_ID as the rep types, with free stock per warehouse; keys; nothing found; one store
//! request per search.

use super::own_seed::{mini_options, mini_stand};
use crate::support::browser::Browser;
use crate::support::options::dev_options_polling;
use crate::support::page::{Shown, tid};
use crate::support::stand::{Setup, Stand, User};
use serde_json::{Value, json};

const ARROW_DOWN: &str = "\u{E015}";

/// Types `text` into the lookup (after what is there) and waits for the answer to it.
fn search(stand: &Stand, text: &str) -> (String, Vec<Shown>) {
    stand.replace_text(&tid("stock-search"), text);
    let state = stand.wait_for(
        &format!("the lookup's answer to {text:?}"),
        |b: &Browser| {
            let lookup = b.first(&tid("stock-lookup"))?;
            let state = lookup.attr("data-state")?;
            (matches!(state, "ready" | "empty" | "error")
                && lookup.attr("data-query") == Some(text))
            .then(|| state.to_owned())
        },
    );
    (state, stand.read(&tid("stock-result")))
}

fn xml_ids(results: &[Shown]) -> Vec<&str> {
    results
        .iter()
        .filter_map(|r| r.attr("data-xml-id"))
        .collect()
}

/// The mini shop with six "Аэропресс модель N" (names that sort before the others) whose XML_ID
/// and article `codes(n)` gives, and a pu-erh tea whose XML_ID and article `puer` gives.
fn shop_of_aeropresses(codes: impl Fn(u64) -> (String, String), puer: (&str, &str)) -> Value {
    let mut seed = crate::support::seeds::mini_shop();
    let products = seed["store"]["products"]
        .as_array_mut()
        .expect("store products");
    for n in 1..=6 {
        let (xml_id, article) = codes(n);
        products.push(
            json!({"id": 20 + n, "name": format!("Аэропресс модель {n}"),
            "xmlId": xml_id, "article": article, "price": 100,
            "stock": [{"warehouse": 1, "amount": 1, "reserved": 0}]}),
        );
    }
    products.push(json!({"id": 30, "name": "Чай пуэр, блин 357 г",
        "xmlId": puer.0, "article": puer.1, "price": 900,
        "stock": [{"warehouse": 1, "amount": 4, "reserved": 0}]}));
    seed
}

/// The app page as the rep, on `seed`, with the lookup shown.
fn lookup_page(name: &str, seed: &Value) -> Stand {
    let stand = Stand::start(
        name,
        Setup::own_seed(
            crate::support::seeds::SeedFile::write(name, seed),
            mini_options(60),
        ),
    );
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    stand
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn own_seed_lookup_finds_by_name_article_and_xml_id_with_stock_and_says_when_nothing_is_found() {
    let stand = mini_stand(
        "own_seed_lookup_finds_by_name_article_and_xml_id_with_stock_and_says_when_nothing_is_found",
        mini_options(60),
    );
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    // The app page is for the lookup: its box takes the keyboard at once.
    assert_eq!(stand.focused_testid().as_deref(), Some("stock-search"));

    stand.sandbox.reset_stats();
    let (state, results) = search(&stand, "Кофе");
    assert_eq!(state, "ready");
    let mut found = xml_ids(&results);
    found.sort();
    assert_eq!(found, ["mini-brazil", "mini-colombia"]);
    let store_calls = stand
        .sandbox
        .stats()
        .requests
        .get("store")
        .copied()
        .unwrap_or(0);
    assert_eq!(store_calls, 1, "one store request for one search");

    // Free stock in the warehouses chosen in the settings (1 and 2): Brazil 10 − 3 reserved
    // by order 501 in warehouse 1, 4 − 1 in warehouse 2; Colombia 50 − 6 reserved by orders.
    let brazil = results
        .iter()
        .find(|r| r.attr("data-xml-id") == Some("mini-brazil"))
        .expect("Brazil");
    let available = |xml: &str| {
        stand.text(&format!(
            "{}[data-xml-id=\"{xml}\"] {}",
            tid("stock-result"),
            tid("stock-available")
        ))
    };
    assert_eq!(
        available("mini-brazil").as_deref(),
        Some("10 шт"),
        "{brazil:?}"
    );
    assert_eq!(available("mini-colombia").as_deref(), Some("44 шт"));
    let warehouses: Vec<(String, String)> = stand
        .read(&format!(
            "{}[data-xml-id=\"mini-brazil\"] {}",
            tid("stock-result"),
            tid("stock-warehouse")
        ))
        .iter()
        .map(|w| {
            (
                w.attr("data-warehouse-id").unwrap_or_default().to_owned(),
                w.text.clone(),
            )
        })
        .collect();
    assert_eq!(warehouses.len(), 2, "{warehouses:?}");
    assert!(
        warehouses[0].0 == "1" && warehouses[0].1.ends_with('7'),
        "{warehouses:?}"
    );
    assert!(
        warehouses[1].0 == "2" && warehouses[1].1.ends_with('3'),
        "{warehouses:?}"
    );

    // Arrow keys move through the results.
    stand.type_into(&tid("stock-search"), ARROW_DOWN);
    stand.wait_css(&format!("{}[aria-selected=\"true\"]", tid("stock-result")));

    let (_, results) = search(&stand, "KF-006");
    assert_eq!(xml_ids(&results), ["mini-colombia"], "by article");
    let (_, results) = search(&stand, "mini-turka");
    assert_eq!(xml_ids(&results), ["mini-turka"], "by XML_ID");
    // The start of an article or XML_ID, in any case; the exact one first.
    let (_, results) = search(&stand, "kf-00");
    let mut found = xml_ids(&results);
    found.sort();
    assert_eq!(found, ["mini-brazil", "mini-colombia"], "by article prefix");
    let (_, results) = search(&stand, "MINI-T");
    assert_eq!(xml_ids(&results), ["mini-turka"], "by XML_ID prefix");
    let (_, results) = search(&stand, "mini-c");
    assert_eq!(xml_ids(&results), ["mini-colombia"]);
    // Several words each match somewhere in the name, in any order and case.
    let (_, results) = search(&stand, "бразилия КОФЕ");
    assert_eq!(xml_ids(&results), ["mini-brazil"], "words in any order");

    let (state, results) = search(&stand, "Самовар");
    assert_eq!(state, "empty");
    assert!(results.is_empty());
    let nothing = stand.wait_css(&tid("stock-nothing"));
    assert!(nothing.text.contains("Самовар"), "{}", nothing.text);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn demo_lookup_finds_products_with_stock() {
    let stand = Stand::start(
        "demo_lookup_finds_products_with_stock",
        Setup::demo(dev_options_polling(60)),
    );
    stand.open_app_page(User::Rep);
    let (state, results) = search(&stand, "кофе");
    assert_eq!(state, "ready");
    assert!(!results.is_empty());
    for r in &results {
        assert!(
            r.attr("data-xml-id").is_some_and(|x| !x.is_empty()),
            "{r:?}"
        );
    }
    let available = stand.read(&format!(
        "{} {}",
        tid("stock-result"),
        tid("stock-available")
    ));
    assert_eq!(available.len(), results.len());
    for a in &available {
        assert!(
            a.attr("data-value")
                .is_some_and(|v| v.parse::<f64>().is_ok()),
            "a number: {a:?}"
        );
    }
    let (state, _) = search(&stand, "zzzz-нет-такого");
    assert_eq!(state, "empty");
    stand.wait_css(&tid("stock-nothing"));
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn own_seed_lookup_in_the_deal_tab_finds_stock_with_one_store_request() {
    let stand = mini_stand(
        "own_seed_lookup_in_the_deal_tab_finds_stock_with_one_store_request",
        mini_options(300),
    );
    stand.open_deal_ready(1, User::Rep);
    stand.sandbox.reset_stats();
    let (state, results) = search(&stand, "Колумбия");
    assert_eq!(state, "ready");
    assert_eq!(xml_ids(&results), ["mini-colombia"]);
    assert_eq!(
        stand
            .text(&format!(
                "{} {}",
                tid("stock-result"),
                tid("stock-available")
            ))
            .as_deref(),
        Some("44 шт")
    );
    let stats = stand.sandbox.stats();
    assert_eq!(stats.requests.get("store"), Some(&1), "{stats:?}");
    assert_eq!(stats.requests.get("portal"), None, "{stats:?}");

    let (state, _) = search(&stand, "Самовар");
    assert_eq!(state, "empty");
    stand.wait_css(&tid("stock-nothing"));
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn open_results_in_the_deal_tab_follow_a_stock_change_the_tab_sees() {
    let stand = mini_stand(
        "open_results_in_the_deal_tab_follow_a_stock_change_the_tab_sees",
        mini_options(3),
    );
    stand.open_deal_ready(1, User::Rep);
    let (state, _) = search(&stand, "mini-brazil");
    assert_eq!(state, "ready");
    let available = format!(
        "{}[data-xml-id=\"mini-brazil\"] {}",
        tid("stock-result"),
        tid("stock-available")
    );
    assert_eq!(stand.text(&available).as_deref(), Some("10 шт"));
    // Order 501 now reserves 5 of the coffee in warehouse 1 instead of 3: 2 fewer free.
    stand
        .sandbox
        .edit_basket_item(9001, serde_json::json!({"quantity": 5}))
        .expect("edit the basket");
    stand.wait_for("the lookup's new free stock", |b: &Browser| {
        (b.text(&available).as_deref() == Some("8 шт")).then_some(())
    });
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_search_typed_in_the_tab_goes_on_when_an_admin_saves_other_settings() {
    let stand = mini_stand(
        "a_search_typed_in_the_tab_goes_on_when_an_admin_saves_other_settings",
        mini_options(3),
    );
    stand.open_deal_ready(1, User::Rep);
    let (state, _) = search(&stand, "mini-brazil");
    assert_eq!(state, "ready");
    // The tab is built again from the new settings: mark the old one to tell them apart.
    let marked = "document.querySelector('[data-testid=deal-tab]').dataset.old = 'yes';";
    stand.js(marked, vec![]);
    // An admin saves another interval.
    let mut settings = crate::support::rest::stored_settings(&stand.sandbox);
    settings["pollIntervalSecs"] = serde_json::json!(4);
    stand
        .sandbox
        .set_app_option("settings", settings)
        .expect("the admin's save");
    stand.wait_for("the tab with the new settings", |b: &Browser| {
        b.first(&format!("{}:not([data-old])", tid("deal-tab")))
            .map(drop)
    });
    // The search is there again, answered, with the focus in its box.
    let (state, results) = (
        stand.wait_for("the search again", |b: &Browser| {
            let lookup = b.first(&tid("stock-lookup"))?;
            (lookup.attr("data-query") == Some("mini-brazil")
                && lookup.attr("data-state") == Some("ready"))
            .then_some("ready")
        }),
        stand.read(&tid("stock-result")),
    );
    assert_eq!(state, "ready");
    assert_eq!(xml_ids(&results), ["mini-brazil"]);
    assert_eq!(stand.focused_testid().as_deref(), Some("stock-search"));
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_search_that_failed_in_the_deal_tab_is_answered_once_the_store_is_back() {
    let stand = mini_stand(
        "a_search_that_failed_in_the_deal_tab_is_answered_once_the_store_is_back",
        mini_options(3),
    );
    stand.open_deal_ready(1, User::Rep);
    stand
        .sandbox
        .set_fault("store:*", 1.0, bitrix_sandbox::FaultKind::ServerError);
    let (state, _) = search(&stand, "Кофе");
    assert_eq!(state, "error");
    // The store answers again: the tab's next check sees it, and the search is asked again
    // without the rep pressing Retry.
    stand.sandbox.clear_faults();
    let found = stand.wait_for("the search answered after all", |b: &Browser| {
        let lookup = b.first(&tid("stock-lookup"))?;
        (lookup.attr("data-state") == Some("ready") && lookup.attr("data-query") == Some("Кофе"))
            .then(|| b.read(&tid("stock-result")))
    });
    let mut found = xml_ids(&found)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    found.sort();
    assert_eq!(found, ["mini-brazil", "mini-colombia"]);
    assert_eq!(
        stand.js(
            "return document.querySelector('[data-testid=stock-search]').value;",
            vec![]
        ),
        serde_json::json!("Кофе"),
        "what the rep typed stays"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_colour_said_in_the_customers_form_finds_a_name_starting_with_it_and_a_crowded_one_is_not_denied()
 {
    let mut seed = crate::support::seeds::mini_shop();
    let products = seed["store"]["products"]
        .as_array_mut()
        .expect("store products");
    let item = |id: u64, name: &str, xml_id: &str| {
        json!({"id": id, "name": name, "xmlId": xml_id, "price": 500,
            "stock": [{"warehouse": 1, "amount": 2, "reserved": 0}]})
    };
    products.push(item(40, "Белая футболка", "tee-white"));
    products.push(item(41, "Футболка белая оверсайз", "tee-white-xl"));
    products.push(item(42, "Белгород, магнит", "magnet"));
    // Twelve names with a later word starting `сер` sort before the grey T-shirt.
    for n in 1..=12 {
        products.push(item(
            50 + n,
            &format!("Серьги серебряные {n:02}"),
            &format!("earrings-{n}"),
        ));
    }
    products.push(item(70, "Футболка, серый", "tee-grey"));
    let stand = lookup_page("forms", &seed);

    let (state, results) = search(&stand, "белую футболку");
    assert_eq!(state, "ready");
    assert_eq!(xml_ids(&results), ["tee-white", "tee-white-xl"]);

    // The grey T-shirt is there, past the store's first names: "type more", not "no such
    // product".
    let (state, results) = search(&stand, "серые");
    assert_eq!(state, "empty");
    assert!(results.is_empty());
    let notice = stand.wait_css(&tid("stock-nothing"));
    assert!(notice.text.contains("много товаров"), "{}", notice.text);
    assert!(!notice.text.contains("нет товара"), "{}", notice.text);
    let (_, results) = search(&stand, "серые футболки");
    assert_eq!(xml_ids(&results), ["tee-grey"]);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn an_article_holding_an_underscore_is_found_among_look_alikes() {
    // Six products whose articles differ from `P_357` only where the `_` is, all sorting first
    // by name: in a LIKE pattern `_` is any one character.
    let seed = shop_of_aeropresses(
        |n| (format!("lk-{n}"), format!("P{n}357")),
        ("mini-puer", "P_357"),
    );
    let stand = lookup_page(
        "an_article_holding_an_underscore_is_found_among_look_alikes",
        &seed,
    );
    let (state, results) = search(&stand, "P_357");
    assert_eq!(state, "ready");
    assert_eq!(xml_ids(&results), ["mini-puer"]);
    assert_eq!(
        stand.text(".sl-lookup-status").as_deref(),
        Some("Найдено: 1")
    );
}

/// On the app page of a shop where `article` belongs to `mini-code` and six look-alikes
/// (`look_alike(n)`) sort first by name, each of `typed` finds that product alone.
fn each_finds_the_article_alone(
    name: &str,
    article: &str,
    look_alike: impl Fn(u64) -> String,
    typed: &[&str],
) {
    let seed = shop_of_aeropresses(
        |n| (format!("lk-{n}"), look_alike(n)),
        ("mini-code", article),
    );
    let stand = lookup_page(name, &seed);
    for typed in typed {
        let (state, results) = search(&stand, typed);
        assert_eq!(state, "ready", "{typed}");
        assert_eq!(xml_ids(&results), ["mini-code"], "{typed}");
    }
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn an_isbn_is_found_typed_with_or_without_its_hyphens() {
    // Look-alikes: another digit among its digits, one more at the end. Scanned off the
    // barcode, typed as printed, typed with spaces.
    each_finds_the_article_alone(
        "an_isbn_is_found_typed_with_or_without_its_hyphens",
        "978-5-17-118366-2",
        |n| format!("97{n}8517118366{n}"),
        &["9785171183662", "978-5-17-118366-2", "978 5 17 118366 2"],
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_part_number_is_found_typed_without_its_separators_or_with_others() {
    // A filter printed `W 712/75`, six others of its series; a plug typed with the Cyrillic
    // look-alike letters and no hyphen.
    each_finds_the_article_alone(
        "a_part_number_is_found_typed_without_its_separators_or_with_others",
        "W 712/75",
        |n| format!("W 712/7{}", n + 5),
        &["W71275", "w 712/75", "W-712-75"],
    );
    each_finds_the_article_alone(
        "a_part_number_typed_with_look_alike_letters_and_no_separators",
        "BKR6E-11",
        |n| format!("BKR{n}E-1{n}"),
        &["ВКR6Е11", "bkr6e11"],
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_code_dictated_in_groups_of_letters_is_found() {
    each_finds_the_article_alone(
        "a_code_dictated_in_groups_of_letters_is_found",
        "GSK-85",
        |n| format!("GSK-{n}85"),
        &["GSK 85", "gsk85", "GSK-85"],
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_size_is_found_however_its_decimal_and_times_signs_and_letters_are_written() {
    let mut seed = crate::support::seeds::mini_shop();
    let products = seed["store"]["products"]
        .as_array_mut()
        .expect("store products");
    let names = [
        (41, "Саморез по дереву 4,2х75 чёрный"),
        (42, "Саморез 4.2x75 оцинкованный"),
        (43, "Саморез 4,2×75 жёлтый"),
        (44, "Саморез 4,2х65"),
        (45, "Болт DIN 933 M8x40"),
        (46, "Болт М8х40 DIN 933"),
        (47, "Болт DIN 933 M12x80, 18 40"),
    ];
    for (id, name) in names {
        products.push(
            json!({"id": id, "name": name, "xmlId": format!("size-{id}"),
            "price": 10, "stock": [{"warehouse": 1, "amount": 5, "reserved": 0}]}),
        );
    }
    let stand = lookup_page(
        "a_size_is_found_however_its_decimal_and_times_signs_and_letters_are_written",
        &seed,
    );
    for typed in ["саморез 4.2x75", "саморез 4,2х75", "4.2*75"] {
        let (state, results) = search(&stand, typed);
        assert_eq!(state, "ready", "{typed}");
        let mut found = xml_ids(&results);
        found.sort_unstable();
        assert_eq!(found, ["size-41", "size-42", "size-43"], "{typed}");
    }
    for typed in ["болт м8х40", "болт M8x40"] {
        let (state, results) = search(&stand, typed);
        assert_eq!(state, "ready", "{typed}");
        let mut found = xml_ids(&results);
        found.sort_unstable();
        assert_eq!(
            found,
            ["size-45", "size-46"],
            "{typed}: not the M12 holding 18 40"
        );
    }
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_product_whose_article_or_xml_id_is_typed_in_full_comes_first_among_longer_codes() {
    // Six products whose codes start with the one typed and whose names sort first: the code
    // lists' first entries by name are all longer codes.
    let seed = shop_of_aeropresses(
        |n| (format!("KZ-0111-{n}"), format!("P-357-{n}")),
        ("KZ-0111", "P-357"),
    );
    let stand = lookup_page(
        "a_product_whose_article_or_xml_id_is_typed_in_full_comes_first_among_longer_codes",
        &seed,
    );
    // `Р` and `К` typed in Cyrillic, as a Russian keyboard types what reads `P` and `K`.
    for typed in ["P-357", "KZ-0111", "Р-357", "КZ-0111"] {
        let (state, results) = search(&stand, typed);
        assert_eq!(state, "ready", "{typed}");
        assert_eq!(xml_ids(&results).first(), Some(&"KZ-0111"), "{typed}");
    }
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn arrow_keys_in_the_deal_tab_bring_the_highlighted_result_into_view() {
    let stand = mini_stand(
        "arrow_keys_in_the_deal_tab_bring_the_highlighted_result_into_view",
        mini_options(300),
    );
    stand.open_deal_ready(1, User::Rep);
    // A short window: the lookup sits under the deal's products, its results below the fold.
    stand
        .driver
        .set_window_size(1280, 520)
        .expect("a short window");
    let (state, results) = search(&stand, "Кофе");
    assert_eq!(state, "ready");
    assert!(results.len() > 1, "{results:?}");
    let search_box = stand.element(&tid("stock-search"));
    for _ in 0..results.len() {
        stand
            .driver
            .send_keys(&search_box, ARROW_DOWN)
            .expect("arrow down");
    }
    // Where the highlighted result ends inside the frame (as tall as its content) …
    let bottom = stand.js(
        "const id = document.querySelector(arguments[0]).getAttribute('aria-activedescendant');
         return document.getElementById(id).getBoundingClientRect().bottom;",
        vec![serde_json::json!(tid("stock-search"))],
    );
    let bottom = bottom.as_f64().expect("a highlighted result");
    // … and where the portal's page shows the frame.
    stand.leave_app_frame();
    let seen = stand.js(
        "const frame = Array.from(document.querySelectorAll('iframe'))
           .find(f => f.offsetParent !== null);
         return [frame.getBoundingClientRect().top, window.innerHeight];",
        vec![],
    );
    let (top, height) = (seen[0].as_f64().unwrap(), seen[1].as_f64().unwrap());
    assert!(
        top + bottom <= height + 1.0 && top + bottom > 0.0,
        "the last result ends at {} of a {height} px window",
        top + bottom
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_long_query_without_spaces_that_finds_nothing_keeps_the_page_from_scrolling_sideways() {
    let stand = mini_stand(
        "a_long_query_without_spaces_that_finds_nothing_keeps_the_page_from_scrolling_sideways",
        mini_options(300),
    );
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    // A pasted line of an order number run together, repeated in the "nothing found" notice.
    let long = "ЗАКАЗ-0001234567890".repeat(40);
    let (state, _) = search(&stand, &long);
    assert_eq!(state, "empty");
    let widths = stand.js(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
        vec![],
    );
    assert!(
        widths[0].as_f64() <= widths[1].as_f64(),
        "the page is wider than its frame: {widths}"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_search_the_store_asks_to_slow_down_says_it_waits_and_is_answered_once_it_may() {
    let stand = mini_stand(
        "a_search_the_store_asks_to_slow_down_says_it_waits_and_is_answered_once_it_may",
        mini_options(300),
    );
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    stand
        .sandbox
        .set_fault("store:batch", 1.0, bitrix_sandbox::FaultKind::Overloaded);
    stand.replace_text(&tid("stock-search"), "Колумбия");
    // While StoreLink waits to ask again, the status line says why instead of "Searching…".
    stand.wait_for("the status line to say the store asks to slow down", |b| {
        b.text(".sl-lookup-status")
            .filter(|t| t.starts_with("Магазин просит сбавить темп"))
    });
    stand.sandbox.clear_faults();
    stand.wait_for("the answer once the store takes requests again", |b| {
        let lookup = b.first(&tid("stock-lookup"))?;
        (lookup.attr("data-state") == Some("ready")).then_some(())
    });
    assert_eq!(
        stand.text(".sl-lookup-status").as_deref(),
        Some("Найдено: 1")
    );
}
