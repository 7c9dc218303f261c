//! The settings page: an admin connects the store, saves, and finds the settings again (and in
//! effect on a deal); a rep is told who to ask.

use serde_json::{Value, json};

use crate::support::page::tid;
use crate::support::rest::as_app;
use crate::support::stand::{Setup, Stand, User};

/// The settings form finished loading.
fn wait_settings_ready(stand: &Stand) {
    stand.wait_css(&format!("{}[data-state=\"ready\"]", tid("settings")));
}

/// Presses Save and waits for what saving did: `settings-saved` or `settings-error`.
fn save(stand: &Stand) -> crate::support::page::Shown {
    stand.click(&tid("settings-save"));
    stand.wait_for("the save's outcome", |b| {
        b.first(&format!(
            "{}, {}",
            tid("settings-saved"),
            tid("settings-error")
        ))
    })
}

/// Presses Save and checks that the settings went to the portal.
fn save_and_see_it_saved(stand: &Stand) {
    let outcome = save(stand);
    assert_eq!(
        outcome.attr("data-testid"),
        Some("settings-saved"),
        "{outcome:?}"
    );
    assert!(stand.frame_log().iter().any(|l| l == "setAppOption ok"));
}

/// The value of the input with this test ID.
fn input_value(stand: &Stand, testid: &str) -> String {
    stand
        .js(
            "const el = document.querySelector(arguments[0]); return el ? el.value : null;",
            vec![json!(tid(testid))],
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn admin_connects_the_store_saves_and_reads_the_settings_back() {
    // Installed, nothing configured yet.
    let stand = Stand::start(
        "admin_connects_the_store_saves_and_reads_the_settings_back",
        Setup::demo(json!({})),
    );
    let webhook = stand.sandbox.urls().store_webhook.clone();
    stand.open_app_page(User::Admin);
    // An admin without a store connection starts in the settings, told what to do first.
    wait_settings_ready(&stand);
    assert_eq!(
        stand.attr("#storelink", "aria-busy"),
        None,
        "the page is not busy"
    );
    let first = stand.wait_css(&tid("settings-first-steps"));
    assert!(first.text.contains("вебхук"), "{}", first.text);

    stand.fill(&tid("settings-webhook"), &webhook);
    stand.click(&tid("settings-check"));
    let check = stand.wait_for("the connection check", |b| {
        let result = b.first(&tid("settings-check-result"))?;
        matches!(result.attr("data-state"), Some("ok" | "failed" | "refused")).then_some(result)
    });
    assert_eq!(check.attr("data-state"), Some("ok"), "{check:?}");
    assert_eq!(
        check.attr("data-warehouses"),
        Some("3"),
        "the demo store has 3 warehouses"
    );
    assert!(
        check.attr("data-statuses").is_some_and(|s| s != "0"),
        "{check:?}"
    );

    // The catalogues' information blocks: the store's (2) and the portal's (25).
    stand.fill(&tid("settings-store-iblock"), "2");
    stand.fill(&tid("settings-portal-iblock"), "25");
    stand.fill(&tid("settings-poll"), "7");
    // Only warehouse 1 on the tab.
    assert_eq!(
        stand.count(&tid("settings-warehouses-every")),
        0,
        "none ticked yet"
    );
    stand.click(&tid("settings-warehouse-1"));
    // The ORIGIN_ID rule names the demo store connector's source, which the page offers.
    stand.click(&format!(
        "{}[data-originator=\"3\"]",
        tid("settings-link-source-0")
    ));
    // A look at the lookup and back keeps the unsaved edits.
    stand.click(&tid("tab-lookup"));
    stand.wait_css("#sl-tab-lookup-panel:not([hidden])");
    stand.click(&tid("tab-settings"));
    assert_eq!(input_value(&stand, "settings-poll"), "7");
    assert_eq!(input_value(&stand, "settings-store-iblock"), "2");
    save_and_see_it_saved(&stand);
    stand.enter_app_frame();
    assert_eq!(
        stand.count(&tid("settings-saved-unconnected")),
        0,
        "a store is connected"
    );
    // The admin who saved is the one reps are told to ask.
    stand.wait_for("the administrator named to reps", |_| {
        let named = as_app(&stand.sandbox, 1, "app.option.get", &[("option", "admin")]);
        let named: Value = serde_json::from_str(named.as_str()?).ok()?;
        (named == json!({"id": 1, "name": "Ольга Администраторова"})).then_some(())
    });

    // Read back: a fresh page gets the saved settings from the portal.
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    assert_eq!(input_value(&stand, "settings-poll"), "7");
    assert_eq!(input_value(&stand, "settings-store-iblock"), "2");
    assert_eq!(input_value(&stand, "settings-portal-iblock"), "25");
    assert_eq!(ticked_warehouses(&stand), ["settings-warehouse-1"]);
    // With each catalogue its catalogue of variations, which the admin never picks.
    let saved = crate::support::rest::stored_settings(&stand.sandbox);
    assert_eq!(saved["storeVariationsIblockId"], json!(3), "{saved}");
    assert_eq!(saved["portalVariationsIblockId"], json!(26), "{saved}");
    assert_eq!(
        stand.count(&tid("settings-first-steps")),
        0,
        "connected now"
    );
    let shown = input_value(&stand, "settings-webhook");
    assert!(!shown.is_empty(), "the saved webhook is shown");
    assert!(
        !shown.contains("store-webhook-secret"),
        "the secret is masked: {shown}"
    );

    // In effect: a deal linked the connector's way shows its order, with warehouse 1 only.
    let number = crate::support::rest::order(&stand.sandbox, 101)["accountNumber"].clone();
    stand.open_deal_ready(1, User::Rep);
    assert_eq!(
        stand
            .attr(&tid("order-number"), "data-value")
            .map(serde_json::Value::from),
        Some(number)
    );
    assert_eq!(stand.count("th[data-warehouse-id]"), 1);
    assert_eq!(stand.count("th[data-warehouse-id=\"1\"]"), 1);

    // One press unticks them all: every active warehouse again.
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    stand.click(&tid("settings-warehouses-every"));
    stand.wait_gone(&tid("settings-warehouses-every"));
    assert!(ticked_warehouses(&stand).is_empty());
    save_and_see_it_saved(&stand);
    stand.open_deal_ready(1, User::Rep);
    assert_eq!(stand.count("th[data-warehouse-id]"), 3);

    // Disconnected, the page says so when it opens again, not "StoreLink is installed".
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    // A blank box disconnects (a space: clearing alone sends the page no input).
    stand.fill(&tid("settings-webhook"), " ");
    save_and_see_it_saved(&stand);
    stand.open_app_page(User::Admin);
    wait_settings_ready(&stand);
    let said = stand.wait_css(&tid("settings-disconnected"));
    assert!(said.text.contains("отключён"), "{}", said.text);
    assert_eq!(stand.count(&tid("settings-first-steps")), 0);
}

/// The test IDs of the ticked warehouse boxes.
fn ticked_warehouses(stand: &Stand) -> Vec<String> {
    stand
        .read("input[data-testid^=\"settings-warehouse-\"]:checked")
        .iter()
        .filter_map(|s| s.attr("data-testid").map(str::to_owned))
        .collect()
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_rep_cannot_open_the_settings_and_is_told_who_to_ask() {
    let stand = Stand::start(
        "a_rep_cannot_open_the_settings_and_is_told_who_to_ask",
        Setup::demo(json!({"admin": {"id": 1, "name": "Ольга Администраторова"}})),
    );
    let named = "Администратор StoreLink: Ольга Администраторова.";
    stand.open_app_page(User::Rep);
    stand.wait_css(&tid("app-page"));
    stand.click(&tid("tab-settings"));
    let notice = stand.wait_css(&tid("settings-admin-only"));
    assert!(notice.text.contains(named), "{notice:?}");
    assert_eq!(stand.count(&tid("settings")), 0);
    assert_eq!(stand.count(&tid("settings-save")), 0);
    // The lookup, with no store connection, names the administrator too.
    stand.click(&tid("tab-lookup"));
    let lookup = stand.wait_css(&tid("stock-not-configured"));
    assert!(lookup.text.contains(named), "{lookup:?}");
    // The rep's deal tab without a store connection says to ask the administrator.
    stand.open_deal_ready(9, User::Rep);
    let notice = stand.wait_css(&tid("store-not-configured"));
    assert!(notice.text.contains(named), "{notice:?}");
    assert_eq!(
        stand.count(&format!("{} button", tid("store-not-configured"))),
        0,
        "{notice:?}"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_new_store_webhook_is_checked_before_it_is_saved() {
    let stand = Stand::start(
        "a_new_store_webhook_is_checked_before_it_is_saved",
        Setup::demo(crate::support::options::dev_options()),
    );
    let webhook = stand.sandbox.urls().store_webhook.clone();
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    let check_state = |stand: &Stand| stand.attr(&tid("settings-check-result"), "data-state");
    assert_eq!(
        check_state(&stand).as_deref(),
        Some("ok"),
        "the saved webhook answers"
    );

    // Another address: the old "The store answers" no longer applies to it.
    let wrong = webhook.replace("store-webhook-secret", "wrong-secret-123");
    assert_ne!(wrong, webhook);
    stand.fill(&tid("settings-webhook"), &wrong);
    assert_eq!(check_state(&stand).as_deref(), Some("idle"));
    // Save checks it first, and the store refuses it: nothing is saved.
    let outcome = save(&stand);
    assert_eq!(
        outcome.attr("data-kind"),
        Some("webhook-check-failed"),
        "{outcome:?}"
    );
    assert!(
        !stand
            .frame_log()
            .iter()
            .any(|l| l.starts_with("setAppOption")),
        "nothing was sent: {:?}",
        stand.frame_log()
    );
    stand.enter_app_frame();
    assert_ne!(check_state(&stand).as_deref(), Some("ok"));

    // The right address: Save checks it and saves.
    stand.fill(&tid("settings-webhook"), &webhook);
    save_and_see_it_saved(&stand);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_keyboard_focus_follows_a_rule_that_moves_or_goes_away() {
    let stand = Stand::start(
        "the_keyboard_focus_follows_a_rule_that_moves_or_goes_away",
        Setup::demo(crate::support::options::dev_options()),
    );
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    let focused = |stand: &Stand| {
        stand
            .js(
                "return document.activeElement ? document.activeElement.id : '';",
                vec![],
            )
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let kind =
        |stand: &Stand, i: usize| stand.attr(&tid(&format!("settings-link-rule-{i}")), "data-kind");
    let (first, second) = (kind(&stand, 0), kind(&stand, 1));
    assert!(
        first.is_some() && second.is_some() && first != second,
        "two rules"
    );
    // Rule 1 moves down: it is rule 2 now, the last, so focus lands on its "Up".
    stand.click(&tid("settings-link-down-0"));
    stand.wait_for("the focus on the moved rule", |_| {
        (focused(&stand) == "settings-link-up-1").then_some(())
    });
    assert_eq!(kind(&stand, 1), first);
    // It goes away: focus moves to the remaining rule's "Remove", not to the page.
    stand.click(&tid("settings-link-remove-1"));
    stand.wait_for("the focus on the remaining rule", |_| {
        (focused(&stand) == "settings-link-remove-0").then_some(())
    });
    assert_eq!(kind(&stand, 0), second);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn settings_saved_from_the_tabs_slider_are_in_effect_when_it_closes() {
    // Installed, nothing configured, and a check only every 5 minutes: only the slider's
    // closing can bring the new settings in within the test.
    let stand = Stand::start(
        "settings_saved_from_the_tabs_slider_are_in_effect_when_it_closes",
        Setup::demo(json!({"settings": {"pollIntervalSecs": 300}})),
    );
    let webhook = stand.sandbox.urls().store_webhook.clone();
    stand.open_deal(1, User::Admin);
    let notice = tid("store-not-configured");
    stand.click(&format!("{notice} [data-on-click=\"open-settings\"]"));

    // The app page opens in a slider over the deal; the admin connects the store there.
    stand.enter_slider_app_frame();
    wait_settings_ready(&stand);
    stand.fill(&tid("settings-webhook"), &webhook);
    stand.fill(&tid("settings-store-iblock"), "2");
    stand.fill(&tid("settings-portal-iblock"), "25");
    stand.click(&format!(
        "{}[data-originator=\"3\"]",
        tid("settings-link-source-0")
    ));
    let saved = save(&stand);
    assert_eq!(
        saved.attr("data-testid"),
        Some("settings-saved"),
        "{saved:?}"
    );
    assert!(
        saved.text.contains("при следующей проверке"),
        "{}",
        saved.text
    );

    // Closing the slider: the tab underneath looks again and shows the order.
    stand.leave_app_frame();
    stand.click(".b24-slider-close");
    stand.enter_app_frame();
    let number = crate::support::rest::order(&stand.sandbox, 101)["accountNumber"].clone();
    stand.wait_for("the order behind the deal", |b| {
        (b.attr(&tid("order-number"), "data-value")
            .map(serde_json::Value::from)
            == Some(number.clone()))
        .then_some(())
    });
    assert_eq!(stand.count(&notice), 0);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_tab_names_the_linking_deal_field_by_the_label_the_admin_saw() {
    // Installed by hand with the field's code only (settings written another way, or by an
    // older version); the admin saves the settings once.
    let mut options = crate::support::options::dev_options();
    if let Some(settings) = options["settings"].as_object_mut() {
        settings.remove("fieldLabels");
    }
    let stand = Stand::start(
        "the_tab_names_the_linking_deal_field_by_the_label_the_admin_saw",
        Setup::demo(options),
    );
    stand.open_deal_ready(10, User::Rep);
    let before = stand.text(&tid("order-linked-by")).unwrap_or_default();
    assert!(before.contains("UF_CRM_STORE_ORDER"), "{before}");
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    save_and_see_it_saved(&stand);
    stand.open_deal_ready(10, User::Rep);
    let after = stand.text(&tid("order-linked-by")).unwrap_or_default();
    assert_eq!(after, "Связан по полю сделки «Номер заказа в магазине»");
}

/// The settings page of a stand, open and ready, and a way to read the saved settings.
fn settings_page(stand: &Stand) -> impl Fn() -> Value + '_ {
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(stand);
    || crate::support::rest::stored_settings(&stand.sandbox)
}

/// Another admin saves `settings` with `changes`, as if from their own settings page; returns
/// what they saved.
fn another_admin_saves(stand: &Stand, mut settings: Value, changes: &[(&str, Value)]) -> Value {
    for (key, value) in changes {
        settings[*key] = value.clone();
    }
    stand
        .sandbox
        .set_app_option("settings", settings.clone())
        .expect("another admin's save");
    settings
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_save_keeps_what_another_admin_saved_meanwhile_in_other_parts() {
    let stand = Stand::start(
        "a_save_keeps_what_another_admin_saved_meanwhile_in_other_parts",
        Setup::demo(crate::support::options::dev_options()),
    );
    let get = settings_page(&stand);

    // While the page is open another admin saves a 45 s interval.
    another_admin_saves(&stand, get(), &[("pollIntervalSecs", json!(45))]);

    // This admin picks a warehouse and saves: both changes are saved, and the page says so.
    stand.click(&tid("settings-warehouse-1"));
    let outcome = save(&stand);
    assert_eq!(
        outcome.attr("data-testid"),
        Some("settings-saved"),
        "{outcome:?}"
    );
    let kept = stand
        .text(&tid("settings-saved-theirs"))
        .unwrap_or_default();
    assert!(
        kept.contains("другой администратор") && kept.contains("«Интервал проверки изменений"),
        "{kept}"
    );
    let saved = get();
    assert_eq!(saved["pollIntervalSecs"], json!(45), "{saved}");
    assert_eq!(saved["warehouses"], json!([1]), "{saved}");
    assert_eq!(input_value(&stand, "settings-poll"), "45");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_save_over_a_part_another_admin_changed_meanwhile_waits_for_a_second_press() {
    let stand = Stand::start(
        "a_save_over_a_part_another_admin_changed_meanwhile_waits_for_a_second_press",
        Setup::demo(crate::support::options::dev_options()),
    );
    let get = settings_page(&stand);

    // While the page is open another admin saves a 45 s interval and one warehouse.
    let changes = [("pollIntervalSecs", json!(45)), ("warehouses", json!([2]))];
    let theirs = another_admin_saves(&stand, get(), &changes);

    // This admin changes the interval too and saves: nothing is saved, the clash is named.
    stand.fill(&tid("settings-poll"), "7");
    let outcome = save(&stand);
    assert_eq!(outcome.attr("data-kind"), Some("conflict"), "{outcome:?}");
    assert!(
        outcome
            .text
            .contains("изменил то же, что и вы: «Интервал проверки изменений"),
        "{}",
        outcome.text
    );
    assert_eq!(get(), theirs, "nothing was overwritten");

    // The form keeps this admin's interval and shows their warehouse; a second press saves
    // both.
    assert_eq!(input_value(&stand, "settings-poll"), "7");
    assert_eq!(ticked_warehouses(&stand), ["settings-warehouse-2"]);
    let outcome = save(&stand);
    assert_eq!(
        outcome.attr("data-testid"),
        Some("settings-saved"),
        "{outcome:?}"
    );
    assert_eq!(
        stand.count(&tid("settings-saved-theirs")),
        0,
        "nothing new of theirs"
    );
    let saved = get();
    assert_eq!(saved["pollIntervalSecs"], json!(7), "{saved}");
    assert_eq!(saved["warehouses"], json!([2]), "{saved}");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn settings_saved_without_a_store_say_the_tabs_will_show_only_the_deal() {
    let stand = Stand::start(
        "settings_saved_without_a_store_say_the_tabs_will_show_only_the_deal",
        Setup::demo(json!({})),
    );
    stand.open_app_page(User::Admin);
    wait_settings_ready(&stand);
    // Nothing of the store; only what a save needs (the demo deals' ORIGIN_ID source).
    stand.click(&format!(
        "{}[data-originator=\"3\"]",
        tid("settings-link-source-0")
    ));
    save_and_see_it_saved(&stand);
    stand.enter_app_frame();
    let warning = stand.wait_css(&tid("settings-saved-unconnected"));
    assert!(warning.text.contains("вебхук"), "{}", warning.text);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_price_type_no_store_product_has_is_saved_with_a_warning() {
    let stand = Stand::start(
        "a_price_type_no_store_product_has_is_saved_with_a_warning",
        Setup::demo(crate::support::options::dev_options()),
    );
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    let warning = tid("settings-price-type-unused");

    stand.fill(&tid("settings-price-type"), "99");
    save_and_see_it_saved(&stand);
    stand.enter_app_frame();
    let shown = stand.wait_css(&warning);
    assert!(shown.text.contains("99"), "{}", shown.text);

    // The base price type has prices: saved, and no warning.
    stand.fill(&tid("settings-price-type"), "1");
    save_and_see_it_saved(&stand);
    stand.enter_app_frame();
    assert_eq!(stand.count(&warning), 0);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_origin_id_rule_offers_the_sources_the_portals_deals_show() {
    let stand = Stand::start(
        "the_origin_id_rule_offers_the_sources_the_portals_deals_show",
        Setup::demo(crate::support::options::with_settings(
            crate::support::options::dev_options(),
            json!({"linkRules": [{"kind": "origin-id"}]}),
        )),
    );
    // Two deals from the 1C exchange, one from the store's connector.
    for (id, source, origin) in [
        ("2", "1C_EXCHANGE", "DOC-1"),
        ("3", "1C_EXCHANGE", "DOC-2"),
        ("4", "shop", "101"),
    ] {
        crate::support::rest::portal(
            &stand.sandbox,
            "crm.deal.update",
            &[
                ("id", id),
                ("fields[ORIGINATOR_ID]", source),
                ("fields[ORIGIN_ID]", origin),
            ],
        );
    }
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    let sources: Vec<String> = stand
        .read(&tid("settings-link-source-0"))
        .iter()
        .filter_map(|b| b.attr("data-originator").map(str::to_owned))
        .collect();
    // (The demo's own connector, "3", fills most.)
    let at = |name: &str| sources.iter().position(|s| s == name);
    assert!(
        at("3") < at("1C_EXCHANGE") && at("1C_EXCHANGE") < at("shop") && at("shop").is_some(),
        "the most frequent first: {sources:?}"
    );
    // Saved as it is (any source), another integration's deals would link to store orders.
    let refused = save(&stand);
    assert_eq!(refused.attr("data-kind"), Some("invalid"), "{refused:?}");
    let said = stand.text(&tid("settings")).unwrap_or_default();
    assert!(said.contains("1C_EXCHANGE"), "names the sources: {said}");
    stand.click(&format!(
        "{}[data-originator=\"shop\"]",
        tid("settings-link-source-0")
    ));
    assert_eq!(input_value(&stand, "settings-link-originator-0"), "shop");
    save_and_see_it_saved(&stand);
    let saved = crate::support::rest::stored_settings(&stand.sandbox);
    assert_eq!(
        saved["linkRules"],
        json!([{"kind": "origin-id", "originatorId": "shop"}]),
        "{saved}"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn an_article_property_the_store_does_not_have_is_refused_and_nothing_is_saved() {
    let stand = Stand::start(
        "an_article_property_the_store_does_not_have_is_refused_and_nothing_is_saved",
        Setup::demo(crate::support::options::dev_options()),
    );
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    // A typo: the store's article property is 105.
    stand.fill(&tid("settings-article"), "property999");
    let outcome = save(&stand);
    assert_eq!(outcome.attr("data-kind"), Some("invalid"), "{outcome:?}");
    let said = stand.text("[data-testid=\"settings\"]").unwrap_or_default();
    assert!(said.contains("property999"), "the field says why: {said}");
    // The keyboard is taken to the field, which reads its problem out.
    stand.wait_for("the focus on the refused field", |b| {
        (b.focused_testid().as_deref() == Some("settings-article")).then_some(())
    });
    let saved = crate::support::rest::stored_settings(&stand.sandbox);
    assert_eq!(saved["articleProperty"], json!("property105"), "{saved}");

    // The right one saves.
    stand.fill(&tid("settings-article"), "property105");
    save_and_see_it_saved(&stand);
    stand.enter_app_frame();

    // The variations have properties of their own: the products' article is not theirs.
    stand.fill(&tid("settings-variation-article"), "property105");
    let outcome = save(&stand);
    assert_eq!(outcome.attr("data-kind"), Some("invalid"), "{outcome:?}");
    let said = stand.text("[data-testid=\"settings\"]").unwrap_or_default();
    assert!(
        said.contains("property105") && said.contains("торговых предложений"),
        "the field names the variations' catalogue: {said}"
    );
    let saved = crate::support::rest::stored_settings(&stand.sandbox);
    assert_eq!(
        saved["variationArticleProperty"],
        json!("property121"),
        "{saved}"
    );
    // A new one the store cannot be asked about (it fails) is not saved either.
    stand.sandbox.set_fault(
        "store:catalog.product.offer.*",
        1.0,
        bitrix_sandbox::FaultKind::ServerError,
    );
    stand.fill(&tid("settings-variation-article"), "property998");
    let outcome = save(&stand);
    assert_eq!(outcome.attr("data-kind"), Some("invalid"), "{outcome:?}");
    let said = stand.text("[data-testid=\"settings\"]").unwrap_or_default();
    assert!(said.contains("не удалось проверить"), "{said}");
    assert_eq!(
        stand
            .attr(&tid("settings-check-result"), "data-state")
            .as_deref(),
        Some("failed"),
        "the connection line no longer says the store answers"
    );
    stand.sandbox.clear_faults();
    stand.fill(&tid("settings-variation-article"), "property121");
    save_and_see_it_saved(&stand);
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_mapping_save_would_refuse_is_said_at_once_and_refused_until_mended() {
    // The saved mapping sends status S to a stage the general pipeline no longer has.
    let mut options = crate::support::options::dev_options();
    let mut mapping = options["settings"]["stageMapping"].clone();
    for pair in mapping["pipelines"][0]["pairs"]
        .as_array_mut()
        .expect("pipeline 0's pairs")
    {
        if pair["statusId"] == json!("S") {
            pair["stageId"] = json!("UC_DELETED");
        }
    }
    // And, in pipeline 1, status P to two stages (an old save, or another tool's).
    mapping["pipelines"][1]["pairs"]
        .as_array_mut()
        .expect("pipeline 1's pairs")
        .push(json!({"statusId": "P", "stageId": "C1:EXECUTING"}));
    options = crate::support::options::with_settings(options, json!({ "stageMapping": mapping }));
    let stand = Stand::start(
        "a_mapping_save_would_refuse_is_said_at_once_and_refused_until_mended",
        Setup::demo(options),
    );
    stand.open_app_page(User::Admin);
    stand.click(&tid("tab-settings"));
    wait_settings_ready(&stand);
    // Said as the page opens, under the pipeline's table.
    let said = stand.wait_css("#settings-mapping-0-problems");
    assert!(
        said.text.contains("UC_DELETED") && said.text.contains("больше нет в воронке"),
        "{}",
        said.text
    );
    let twice = stand.wait_css("#settings-mapping-1-problems");
    assert!(
        twice
            .text
            .contains("Статус P сопоставлен двум стадиям: выберите одну."),
        "{}",
        twice.text
    );
    // Saving is refused, and nothing is saved.
    let outcome = save(&stand);
    assert_eq!(outcome.attr("data-kind"), Some("invalid"), "{outcome:?}");
    // Both problems are still said, and the keyboard is taken to the first row one is about.
    let said = stand
        .text("#settings-mapping-0-problems")
        .unwrap_or_default();
    assert!(said.contains("UC_DELETED"), "{said}");
    let said = stand
        .text("#settings-mapping-1-problems")
        .unwrap_or_default();
    assert!(said.contains("Статус P"), "{said}");
    stand.wait_for("the focus on the deleted stage's row", |b| {
        let focused = b.js(
            "return document.activeElement ? document.activeElement.id : null;",
            vec![],
        );
        (focused == json!("settings-mapping-0-S")).then_some(())
    });
    let saved = crate::support::rest::stored_settings(&stand.sandbox);
    assert!(saved.to_string().contains("UC_DELETED"), "{saved}");
    // Left uncompared, and P given one stage, it saves.
    stand.select_value("#settings-mapping-0-S", "");
    stand.select_value("#settings-mapping-1-P", "C1:PREPARATION");
    save_and_see_it_saved(&stand);
    let saved = crate::support::rest::stored_settings(&stand.sandbox);
    assert!(!saved.to_string().contains("UC_DELETED"), "{saved}");
    let p_pairs: Vec<&Value> = saved["stageMapping"]["pipelines"]
        .as_array()
        .expect("pipelines")
        .iter()
        .filter(|p| p["categoryId"] == json!(1))
        .flat_map(|p| p["pairs"].as_array().expect("pairs"))
        .filter(|pair| pair["statusId"] == json!("P"))
        .collect();
    assert_eq!(
        p_pairs,
        [&json!({"statusId": "P", "stageId": "C1:PREPARATION"})],
        "{saved}"
    );
}
