//! The deal tab on the demo data: the linked order's card, products with stock, differences,
//! a shortage and an unmatched row, compared with what the sandbox holds over REST.

use crate::support::options::dev_options_polling;
use crate::support::page::tid;
use crate::support::rest;
use crate::support::stand::{Setup, Stand, User};

fn demo(name: &str) -> Stand {
    Stand::start(name, Setup::demo(dev_options_polling(60)))
}

/// `1176.00` → `1176`, `1176.50` → `1176.5`: how the markup writes plain numbers.
fn plain(number: f64) -> String {
    let text = format!("{number:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn demo_linked_order_shows_its_number_status_name_and_total() {
    let stand = demo("demo_linked_order_shows_its_number_status_name_and_total");
    let order = rest::order(&stand.sandbox, 109);
    stand.open_deal_ready(9, User::Rep);
    // Loaded, the page's container is no longer busy: assistive technology reads the tab.
    assert_eq!(stand.attr("#storelink", "aria-busy"), None);

    assert_eq!(
        stand.attr(&tid("deal-tab"), "data-deal-id").as_deref(),
        Some("9")
    );
    let number = order["accountNumber"].as_str().expect("accountNumber");
    assert_eq!(
        stand.attr(&tid("order-number"), "data-value").as_deref(),
        Some(number)
    );
    assert!(
        stand
            .text(&tid("order-number"))
            .unwrap_or_default()
            .contains(number)
    );
    let status = order["statusId"].as_str().expect("statusId");
    assert_eq!(
        stand.text(&tid("order-status")),
        Some(rest::status_name(&stand.sandbox, status, "ru"))
    );
    let total = order["price"].as_f64().expect("price");
    assert_eq!(
        stand.attr(&tid("order-total"), "data-value"),
        Some(plain(total))
    );

    let deal_rows = rest::portal(&stand.sandbox, "crm.deal.productrows.get", &[("id", "9")]);
    let shown = stand.read(&tid("deal-row"));
    assert_eq!(shown.len(), deal_rows.as_array().map_or(0, Vec::len));
    for row in &shown {
        assert!(
            row.attr("data-xml-id").is_some_and(|x| !x.is_empty()),
            "{row:?}"
        );
    }
    let available = stand.read(&tid("row-available"));
    assert_eq!(
        available.len(),
        shown.len(),
        "every matched row shows its stock"
    );
    for a in &available {
        let value: f64 = a
            .attr("data-value")
            .and_then(|v| v.parse().ok())
            .expect("a number");
        assert_eq!(a.text, plain(value));
    }
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn demo_order_status_is_named_in_the_reps_language() {
    let stand = demo("demo_order_status_is_named_in_the_reps_language");
    let status = rest::order(&stand.sandbox, 116)["statusId"]
        .as_str()
        .expect("statusId")
        .to_owned();
    assert_eq!(stand.open_deal_in(16, User::Rep, "en"), "ready");
    assert_eq!(
        stand.text(&tid("order-status")),
        Some(rest::status_name(&stand.sandbox, &status, "en"))
    );
    assert_eq!(stand.count(&tid("order-paid")), 1, "order 116 is paid");
    assert_eq!(
        stand.js("return document.documentElement.lang;", vec![]),
        "en",
        "the page says its language to screen readers"
    );
}

/// The kinds of the differences shown.
fn difference_kinds(stand: &Stand) -> Vec<String> {
    stand
        .read(&tid("difference"))
        .iter()
        .filter_map(|d| d.attr("data-kind").map(str::to_owned))
        .collect()
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn demo_cases_show_differences_a_shortage_an_unmatched_row_and_order_states() {
    let stand = demo("demo_cases_show_differences_a_shortage_an_unmatched_row_and_order_states");

    // Deal 10's sum is 1 500 above its order's.
    stand.open_deal_ready(10, User::Rep);
    assert!(
        difference_kinds(&stand).contains(&"sum".to_owned()),
        "{:?}",
        difference_kinds(&stand)
    );

    // Deal 11 has a CRM-only product: unmatched, and missing in the order.
    stand.open_deal_ready(11, User::Rep);
    assert_eq!(stand.count(&tid("row-unmatched")), 1);
    assert!(difference_kinds(&stand).contains(&"missing-in-order".to_owned()));

    // Order 112 has a store-only product the deal lacks.
    stand.open_deal_ready(12, User::Rep);
    assert!(difference_kinds(&stand).contains(&"missing-in-deal".to_owned()));

    // Deal 13 wants 40 of a product with at most 5 in stock: missing = 40 − available.
    stand.open_deal_ready(13, User::Rep);
    let available: f64 = stand
        .attr(&tid("row-available"), "data-value")
        .and_then(|v| v.parse().ok())
        .expect("the row's available stock");
    assert!(available <= 5.0, "{available}");
    let missing = stand
        .attr(&tid("row-shortage"), "data-value")
        .expect("a shortage");
    assert_eq!(missing, plain(40.0 - available));

    // Order 115 is shipped and paid; order 123 canceled.
    stand.open_deal_ready(15, User::Rep);
    assert_eq!(stand.count(&tid("order-shipped")), 1);
    assert_eq!(stand.count(&tid("order-paid")), 1);
    stand.open_deal_ready(23, User::Rep);
    assert_eq!(stand.count(&tid("order-canceled")), 1);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn demo_deal_without_order_links_the_buyers_order_and_says_another_deal_has_it() {
    let stand = demo("demo_deal_without_order_links_the_buyers_order_and_says_another_deal_has_it");
    stand.open_deal_ready(21, User::Rep);
    stand.wait_css(&tid("link-panel"));
    // Deal 21's contact bought order 105 (same phone and e-mail).
    let candidate = format!("{}[data-order-id=\"105\"]", tid("link-candidate"));
    stand.wait_css(&candidate);
    // Order 105 is deal 5's (the connector's ORIGIN_ID): the list says so before anything is
    // written.
    let elsewhere = format!("{candidate} {}[data-deal-id=\"5\"]", tid("link-elsewhere"));
    stand.wait_css(&elsewhere);
    let title = rest::deal(&stand.sandbox, 5)["TITLE"]
        .as_str()
        .expect("deal 5's title")
        .to_owned();
    let said = stand.text(&elsewhere).unwrap_or_default();
    assert!(said.contains(&title), "{said:?} names deal 5 «{title}»");
    // Linking it here too asks first; the rep confirms.
    stand.click(&format!("{candidate} {}", tid("link-button")));
    stand.wait_css(&format!("{candidate} {}", tid("link-confirm")));
    stand.click(&format!("{candidate} {}", tid("link-anyway")));
    let number = rest::order(&stand.sandbox, 105)["accountNumber"]
        .as_str()
        .expect("number")
        .to_owned();
    stand.wait_for("the linked order's card", |b| {
        (b.attr(&tid("order-number"), "data-value").as_deref() == Some(number.as_str()))
            .then_some(())
    });
    // The status line says it, for those who do not see the card change.
    stand.wait_for("the link said in the status line", |b| {
        let said = b.text(&tid("tab-status")).unwrap_or_default();
        said.contains(&number).then_some(())
    });
    // The keyboard goes on from the order's heading, not from the portal's top.
    let focused = stand.js(
        "const a = document.activeElement;
         return [a.tagName, a.closest('.sl-order-card') !== null];",
        vec![],
    );
    assert_eq!(focused, serde_json::json!(["H2", true]), "the focus");
    let deal = rest::deal(&stand.sandbox, 21);
    assert_eq!(
        deal["UF_CRM_STORE_ORDER"],
        serde_json::json!("105"),
        "{deal}"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn on_a_phone_wide_card_only_the_products_table_scrolls_sideways() {
    let stand = demo("on_a_phone_wide_card_only_the_products_table_scrolls_sideways");
    // Deal 1's rows carry "+N" and their screen-reader sentences.
    stand.open_deal_ready(1, User::Rep);
    assert!(stand.count(&tid("own-reserve-legend")) > 0);
    stand.leave_app_frame();
    stand.js(
        "const frame = Array.from(document.querySelectorAll('iframe')).find((f) => f.offsetWidth > 0);
         frame.style.width = '360px';
         frame.style.maxWidth = '360px';",
        vec![],
    );
    stand.enter_app_frame();
    let widths = stand.wait_for("the frame at 360 px", |b| {
        let w = b.js(
            "const html = document.documentElement;
             return [window.innerWidth, html.clientWidth, html.scrollWidth];",
            vec![],
        );
        let (inner, client, scroll) = (w[0].as_i64()?, w[1].as_i64()?, w[2].as_i64()?);
        // The width inside the scrollbar's kept place (`scrollbar-gutter`), if any.
        (inner == 360).then_some((client, scroll))
    });
    let (client, scroll) = widths;
    assert!(
        scroll <= client,
        "the page itself does not scroll sideways: {scroll} px wide in {client} px"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_phone_wide_frame_shows_a_rows_shortage_without_scrolling_sideways() {
    let stand = demo("a_phone_wide_frame_shows_a_rows_shortage_without_scrolling_sideways");
    // Where the shortage badges are on screen: displayed ones, each with whether it lies
    // inside the table's visible box.
    let badges = |stand: &Stand| {
        stand.js(
            "const wrap = document.querySelector('.sl-table-wrap').getBoundingClientRect();
             return Array.from(document.querySelectorAll('.sl-rows .sl-badge-alert'))
               .filter(b => b.offsetParent !== null)
               .map(b => { const r = b.getBoundingClientRect();
                 return [b.closest('td').className, r.left >= wrap.left && r.right <= wrap.right]; });",
            vec![],
        )
    };
    stand.open_deal_ready(13, User::Rep);
    assert_eq!(
        badges(&stand),
        serde_json::json!([["sl-col-state", true]]),
        "wide: the state column"
    );
    // A frame about 370 px wide (the portal's menu takes the rest of the window).
    stand
        .driver
        .set_window_size(640, 1000)
        .expect("a narrow window");
    stand.open_deal_ready(13, User::Rep);
    assert_eq!(
        badges(&stand),
        serde_json::json!([["", true]]),
        "narrow: under the product's name, in view"
    );
    assert_eq!(stand.count(&tid("row-shortage")), 1, "one badge for tools");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn an_order_found_by_number_whose_buyer_is_not_the_contact_asks_before_it_is_linked() {
    let stand =
        demo("an_order_found_by_number_whose_buyer_is_not_the_contact_asks_before_it_is_linked");
    stand.open_deal_ready(21, User::Rep);
    stand.wait_css(&tid("link-panel"));
    // Order 110 is another buyer's (deal 10's contact), not deal 21's contact.
    let number = rest::order(&stand.sandbox, 110)["accountNumber"]
        .as_str()
        .expect("number")
        .to_owned();
    stand.type_into(&tid("link-number"), &number);
    stand.click(&tid("link-find"));
    let result = format!("{}[data-order-id=\"110\"]", tid("link-result"));
    let badge = stand.wait_css(&format!("{result} {}", tid("link-foreign-buyer")));
    // The badge names that buyer, as the store names them.
    let names = rest::store(
        &stand.sandbox,
        "sale.propertyvalue.list",
        &[("filter[orderId]", "110"), ("filter[code]", "FIO")],
    );
    let name = names["propertyValues"][0]["value"]
        .as_str()
        .expect("order 110's buyer has a name");
    assert_eq!(badge.text, format!("Покупатель {name} — не контакт сделки"));
    stand.click(&format!("{result} {}", tid("link-button")));
    stand.wait_css(&format!("{result} {}", tid("link-confirm")));
    // Nothing is written before the rep says yes.
    let deal = rest::deal(&stand.sandbox, 21);
    assert_ne!(
        deal["UF_CRM_STORE_ORDER"],
        serde_json::json!("110"),
        "{deal}"
    );
    // The buyer's own order (105) says who it is and links without the question.
    stand.replace_text(&tid("link-number"), "105");
    stand.click(&tid("link-find"));
    let own = format!("{}[data-order-id=\"105\"]", tid("link-result"));
    stand.wait_css(&own);
    assert_eq!(
        stand.count(&format!("{own} {}", tid("link-foreign-buyer"))),
        0
    );
}
