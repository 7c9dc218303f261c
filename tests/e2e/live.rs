//! Live updates: while the tab is open, what another user changes in the CRM or the store
//! shows within the polling interval, marked for a moment, without reloading the page; a
//! hidden tab makes no requests.

use std::time::{Duration, Instant};

use bitrix_sandbox::FaultKind;
use serde_json::json;

use super::own_seed::{mini_options, mini_stand};
use crate::support::page::tid;
use crate::support::rest;
use crate::support::seeds::ORDER_FIELD;
use crate::support::stand::{Stand, User};

/// The tab's live checks run every 3 s in these tests.
const POLL_SECS: u64 = 3;

/// How long a change may take to show: a polling interval, then the reload of both sides. The
/// margin is for a busy test machine; the time it really took is printed.
fn change_deadline() -> Duration {
    Duration::from_secs(POLL_SECS + 12)
}

/// How long a failing system may take to be said: two failed checks (the first on fresh data
/// is not said), the second after the pace's doubled spacing and its spread.
fn failure_deadline() -> Duration {
    Duration::from_secs(POLL_SECS * 4 + 15)
}

/// Marks the frame's document, so a later check can tell it was updated in place.
fn mark_document(stand: &Stand) {
    stand.js("window.__storelinkE2eMark = 'kept';", vec![]);
}

fn document_kept(stand: &Stand) -> bool {
    stand.js("return window.__storelinkE2eMark === 'kept';", vec![]) == json!(true)
}

/// Waits for `what` to show after a change made at `since`; prints how long it took.
fn wait_change<T>(
    stand: &Stand,
    what: &str,
    since: Instant,
    probe: impl FnMut(&crate::support::browser::Browser) -> Option<T>,
) -> T {
    let found = stand.wait_within(what, change_deadline(), probe);
    eprintln!(
        "live: {what} showed {:.1} s after the change",
        since.elapsed().as_secs_f64()
    );
    found
}

/// REST requests to both systems since the sandbox's counts were last reset.
/// Where the first element matching `css` starts, in CSS pixels from the top of the page.
fn top_of(stand: &Stand, css: &str) -> f64 {
    stand
        .js(
            "const e = document.querySelector(arguments[0]); \
             return e ? e.getBoundingClientRect().top + window.scrollY : null;",
            vec![json!(css)],
        )
        .as_f64()
        .unwrap_or_else(|| panic!("{css} is on the page"))
}

fn rest_calls(stand: &Stand) -> u64 {
    let stats = stand.sandbox.stats();
    ["portal", "store"]
        .iter()
        .map(|o| stats.requests.get(*o).copied().unwrap_or(0))
        .sum()
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn crm_and_store_edits_by_others_show_within_the_polling_interval() {
    let stand = mini_stand(
        "crm_and_store_edits_by_others_show_within_the_polling_interval",
        mini_options(POLL_SECS as u32),
    );
    stand.open_deal_ready(1, User::Rep);
    mark_document(&stand);
    let kinds = |b: &crate::support::browser::Browser| -> Vec<String> {
        b.read(&tid("difference"))
            .iter()
            .filter_map(|d| d.attr("data-kind").map(str::to_owned))
            .collect()
    };
    assert!(kinds(&stand).contains(&"status".to_owned()));

    // The CRM: another user moves the deal to the stage the order's status maps to.
    let since = Instant::now();
    stand
        .sandbox
        .edit_deal(1, json!({"STAGE_ID": "EXECUTING"}))
        .expect("edit the deal");
    wait_change(&stand, "the deal's new stage", since, |b| {
        let stage = b.text(&tid("deal-stage"))?;
        (stage == "В работе" && !kinds(b).contains(&"status".to_owned())).then_some(())
    });

    // The store: the order is completed; the status name changes and is marked.
    let order_top = top_of(&stand, ".sl-order-card");
    let since = Instant::now();
    stand
        .sandbox
        .edit_order(501, json!({"statusId": "F"}))
        .expect("edit the order");
    let marked = wait_change(&stand, "the order's new status", since, |b| {
        (b.attr(&tid("order-status"), "data-status-id").as_deref() == Some("F")).then(|| {
            b.attr(&format!("dd:has(> {})", tid("order-status")), "class")
                .unwrap_or_default()
        })
    });
    assert_eq!(
        stand.text(&tid("order-status")).as_deref(),
        Some("Выполнен")
    );
    assert!(
        marked.contains("sl-changed"),
        "the change is marked: class={marked:?}"
    );
    // …and announced for those who do not see the highlight.
    let said = stand.text(&tid("tab-status")).unwrap_or_default();
    assert!(
        said.contains("Обновлено") && said.contains("заказ"),
        "the status line says so, naming the order: {said:?}"
    );
    // Its line was kept while empty: saying so moved nothing below it.
    assert_eq!(top_of(&stand, ".sl-order-card"), order_top);

    // A basket item: the order now has 5 of the coffee, like the deal; the quantity
    // difference goes away and the own reserve follows.
    let since = Instant::now();
    stand
        .sandbox
        .edit_basket_item(9001, json!({"quantity": 5}))
        .expect("edit the basket");
    wait_change(&stand, "the basket's new quantity", since, |b| {
        (!kinds(b).contains(&"quantity".to_owned())).then_some(())
    });
    let cell = stand
        .seen_text(&format!(
            "{}[data-xml-id=\"mini-brazil\"] td[data-warehouse-id=\"1\"]",
            tid("deal-row")
        ))
        .unwrap_or_default();
    assert_eq!(
        cell, "5 +5",
        "10 in warehouse 1, 5 of them now reserved by the order"
    );

    assert!(
        document_kept(&stand),
        "updated in place, not by reloading the page"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_hidden_tab_does_not_poll_and_a_visible_one_does() {
    let stand = mini_stand(
        "a_hidden_tab_does_not_poll_and_a_visible_one_does",
        mini_options(POLL_SECS as u32),
    );
    stand.open_deal_ready(1, User::Rep);

    // Visible: polls arrive.
    stand.sandbox.reset_stats();
    stand.wait_within("a live check of the visible tab", change_deadline(), |_| {
        (rest_calls(&stand) > 0).then_some(())
    });

    // Hidden: nothing for three polling intervals.
    stand.leave_app_frame();
    crate::support::visibility::hide(&stand.browser);
    stand.enter_app_frame();
    assert_eq!(
        stand.js("return document.visibilityState;", vec![]),
        json!("hidden")
    );
    stand.sandbox.reset_stats();
    let quiet = Instant::now();
    while quiet.elapsed() < Duration::from_secs(3 * POLL_SECS) {
        assert_eq!(
            rest_calls(&stand),
            0,
            "a hidden tab polled after {:?}",
            quiet.elapsed()
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // Visible again: polling resumes.
    stand.leave_app_frame();
    crate::support::visibility::show(&stand.browser);
    stand.wait_within(
        "a live check after the tab is shown again",
        change_deadline(),
        |_| (rest_calls(&stand) > 0).then_some(()),
    );

    // A rep flicking between windows right after a check: no check per flick (one check is
    // a request to each system).
    stand.sandbox.reset_stats();
    for _ in 0..10 {
        crate::support::visibility::hide(&stand.browser);
        crate::support::visibility::show(&stand.browser);
    }
    let flicked = rest_calls(&stand);
    assert!(flicked <= 4, "{flicked} requests for 10 flicks");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn settings_an_admin_saves_elsewhere_reach_an_open_tab_at_its_next_check() {
    let stand = mini_stand(
        "settings_an_admin_saves_elsewhere_reach_an_open_tab_at_its_next_check",
        mini_options(POLL_SECS as u32),
    );
    stand.open_deal_ready(1, User::Rep);
    mark_document(&stand);
    assert_eq!(stand.count("th[data-warehouse-id]"), 2);

    // An admin shows warehouse 1 only, saving in another window.
    let mut settings = rest::stored_settings(&stand.sandbox);
    settings["warehouses"] = json!([1]);
    let since = Instant::now();
    stand
        .sandbox
        .set_app_option("settings", settings)
        .expect("save the settings");
    wait_change(&stand, "the new choice of warehouses", since, |b| {
        (b.count("th[data-warehouse-id]") == 1).then_some(())
    });
    assert_eq!(stand.count("th[data-warehouse-id=\"1\"]"), 1);
    assert!(document_kept(&stand), "in place, not by reloading the page");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_check_that_fails_says_what_is_shown_may_be_out_of_date_until_one_answers() {
    let stand = mini_stand(
        "a_check_that_fails_says_what_is_shown_may_be_out_of_date_until_one_answers",
        mini_options(POLL_SECS as u32),
    );
    stand.open_deal_ready(1, User::Rep);
    let as_of = |text: &str| {
        let at = text.find("по состоянию на ")? + "по состоянию на ".len();
        let time: String = text[at..].chars().take(5).collect();
        (time.len() == 5 && time.as_bytes()[2] == b':').then_some(time)
    };

    // Bitrix24 fails every check: the deal stays, and the tab says it may be out of date.
    stand
        .sandbox
        .set_fault("portal:*", 1.0, FaultKind::ServerError);
    let text = stand.wait_within("the failed check said", failure_deadline(), |b| {
        b.text(&tid("check-failed"))
    });
    eprintln!("Bitrix24 failing its checks, the rep reads: {text}");
    assert!(
        text.contains("Не удалось проверить изменения в Битрикс24")
            && text.contains("Битрикс24 ответил ошибкой сервера.")
            && text.contains("если ошибка не пройдёт, сообщите администратору"),
        "{text}"
    );
    assert!(as_of(&text).is_some(), "names the time: {text}");
    assert_eq!(stand.count(&tid("order-number")), 1, "the data stays");
    stand.sandbox.clear_faults();
    stand.wait_gone(&tid("check-failed"));

    // The store refuses to read stock (its webhook lost the catalogue's rights): stock it
    // cannot re-read is not taken for gone, and the tab says the figures may be old.
    stand
        .sandbox
        .set_fault("store:catalog.storeproduct.*", 1.0, FaultKind::Denied);
    let text = stand.wait_within("the failed stock check said", failure_deadline(), |b| {
        b.text(&tid("check-failed"))
    });
    eprintln!("stock unreadable, the rep reads: {text}");
    assert!(
        text.contains("Не удалось проверить изменения в магазине")
            && text.contains("Заказ и остатки"),
        "{text}"
    );
    assert!(stand.count(&tid("row-available")) > 0, "the stock stays");
    stand.sandbox.clear_faults();
    stand.wait_gone(&tid("check-failed"));
}

/// Deal 1 open as the rep; the store stops answering (a request waits until StoreLink gives it
/// up after 25 s); a colleague saves `fields` with the stage moved to EXECUTING. Returns once
/// the tab shows the new stage, within the usual deadline.
fn deal_edited_while_the_store_hangs(name: &str, mut fields: serde_json::Value) -> Stand {
    let stand = mini_stand(name, mini_options(POLL_SECS as u32));
    stand.open_deal_ready(1, User::Rep);
    assert_eq!(stand.count(&tid("order-number")), 1);
    stand.sandbox.set_fault("store:*", 1.0, FaultKind::Timeout);
    let since = Instant::now();
    fields["STAGE_ID"] = json!("EXECUTING");
    stand.sandbox.edit_deal(1, fields).expect("edit the deal");
    wait_change(&stand, "the deal's new stage", since, |b| {
        (b.text(&tid("deal-stage")).as_deref() == Some("В работе")).then_some(())
    });
    stand
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_deal_change_shows_while_the_store_hangs() {
    let stand =
        deal_edited_while_the_store_hangs("a_deal_change_shows_while_the_store_hangs", json!({}));
    assert_eq!(stand.count(&tid("order-number")), 1, "the order stays");
    stand.sandbox.clear_faults();
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_deal_whose_link_changes_while_the_store_hangs_no_longer_shows_the_old_order() {
    // A colleague empties the link field as they move the stage.
    let stand = deal_edited_while_the_store_hangs(
        "a_deal_whose_link_changes_while_the_store_hangs_no_longer_shows_the_old_order",
        json!({ ORDER_FIELD: "" }),
    );
    // Order 501 is no longer the deal's: it is not shown as linked while the store is waited for.
    assert_eq!(
        stand.count(&tid("order-number")),
        0,
        "the old order is gone"
    );
    assert_eq!(
        stand.count(&tid("difference")),
        0,
        "nothing compared with it"
    );
    stand.sandbox.clear_faults();
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_colleagues_edit_of_the_deals_contact_shows_within_the_polling_interval() {
    let stand = mini_stand(
        "a_colleagues_edit_of_the_deals_contact_shows_within_the_polling_interval",
        mini_options(POLL_SECS as u32),
    );
    stand.open_deal_ready(1, User::Rep);
    let shown = |b: &crate::support::browser::Browser| b.text(".sl-deal-top").unwrap_or_default();
    assert!(shown(&stand).contains("Анна"), "{}", shown(&stand));
    // A colleague renames contact 2 and gives her another phone (the deal is not touched).
    let since = Instant::now();
    crate::support::rest::portal(
        &stand.sandbox,
        "crm.contact.update",
        &[
            ("id", "2"),
            ("fields[NAME]", "Мария"),
            ("fields[PHONE][0][VALUE]", "+79990000000"),
        ],
    );
    wait_change(&stand, "the contact's new name and phone", since, |b| {
        let text = shown(b);
        (text.contains("Мария") && text.contains("999")).then_some(())
    });
    // Marked as changed, as the status line says.
    let marked = stand.text(".sl-deal-card .sl-changed").unwrap_or_default();
    assert!(marked.contains("Мария"), "marked: {marked:?}");
    // Only her e-mail changes: marked too.
    stand.wait_gone(".sl-deal-card .sl-changed");
    let since = Instant::now();
    crate::support::rest::portal(
        &stand.sandbox,
        "crm.contact.update",
        &[("id", "2"), ("fields[EMAIL][0][VALUE]", "maria@example.ru")],
    );
    wait_change(&stand, "the contact's new e-mail", since, |b| {
        shown(b).contains("maria@example.ru").then_some(())
    });
    let marked = stand.text(".sl-deal-card .sl-changed").unwrap_or_default();
    assert!(marked.contains("maria@example.ru"), "marked: {marked:?}");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_tab_behind_another_tab_of_the_deal_card_does_not_poll_and_checks_when_shown() {
    let stand = mini_stand(
        "a_tab_behind_another_tab_of_the_deal_card_does_not_poll_and_checks_when_shown",
        mini_options(POLL_SECS as u32),
    );
    stand.open_deal_ready(1, User::Rep);
    // The rep switches to the card's main tab: the frame stays, hidden.
    stand.leave_app_frame();
    stand.click(".b24-tab[data-tab=\"main\"]");
    stand.sandbox.reset_stats();
    let quiet = Instant::now();
    while quiet.elapsed() < Duration::from_secs(3 * POLL_SECS) {
        assert_eq!(rest_calls(&stand), 0, "polled behind the main tab");
        std::thread::sleep(Duration::from_millis(200));
    }
    // Meanwhile the order moved on; back on the Store tab it shows at once.
    stand
        .sandbox
        .edit_order(501, json!({"statusId": "F"}))
        .expect("edit the order");
    stand.click(".b24-tab[data-tab^=\"app_\"]");
    stand.enter_app_frame();
    stand.wait_within("the order's new status", Duration::from_secs(2), |b| {
        (b.attr(&tid("order-status"), "data-status-id").as_deref() == Some("F")).then_some(())
    });
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_tab_checks_at_once_when_the_browser_is_back_online() {
    // Checks every 300 s: only coming back online can show the change within the test.
    let stand = mini_stand(
        "a_tab_checks_at_once_when_the_browser_is_back_online",
        mini_options(300),
    );
    stand.open_deal_ready(1, User::Rep);
    let network = |offline: bool| {
        stand
            .browser
            .driver
            .cdp(
                "Network.emulateNetworkConditions",
                json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
            )
            .expect("network emulation");
    };
    stand
        .browser
        .driver
        .cdp("Network.enable", json!({}))
        .expect("network domain");
    network(true);
    // Meanwhile a colleague moves the deal on.
    stand
        .sandbox
        .edit_deal(1, json!({"STAGE_ID": "EXECUTING"}))
        .expect("edit the deal");
    network(false);
    stand.wait_for("the stage changed while offline", |b| {
        (b.text(&tid("deal-stage")).as_deref() == Some("В работе")).then_some(())
    });
}
