//! Installing StoreLink from the portal's app page, as the admin and as a rep.

use crate::support::page::tid;
use crate::support::rest;
use crate::support::stand::{Setup, Stand, User};

/// The handlers bound to the deal card's tab (`placement.get` with the app's token).
fn bound_tabs(stand: &Stand) -> Vec<String> {
    let bound = rest::as_app(&stand.sandbox, 1, "placement.get", &[]);
    bound
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["placement"] == "CRM_DEAL_DETAIL_TAB")
        .filter_map(|b| b["handler"].as_str().map(str::to_owned))
        .collect()
}

/// Binds the deal card's tab to `handler` (another address of the app), as the app.
fn bind_tab_at(stand: &Stand, handler: &str) {
    rest::as_app(
        &stand.sandbox,
        1,
        "placement.bind",
        &[
            ("PLACEMENT", "CRM_DEAL_DETAIL_TAB"),
            ("HANDLER", handler),
            ("TITLE", "Магазин"),
        ],
    );
}

/// Waits until the portal, told the installation is finished, shows the app's own page.
fn wait_app_page_after_install(stand: &Stand) {
    stand.wait_for("the app page after installation", |b| {
        b.driver.leave_frames().ok()?;
        let frame = b
            .driver
            .find(".b24-tab-body:not([hidden]) iframe.b24-app-frame")
            .ok()?;
        let src = b
            .driver
            .execute("return arguments[0].src;", vec![frame.as_arg()])
            .ok()?;
        src.as_str()?.contains("PLACEMENT=DEFAULT").then_some(())
    });
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn admin_installs_from_the_app_page_and_the_tab_opens_on_a_deal_with_its_id() {
    let stand = Stand::start(
        "admin_installs_from_the_app_page_and_the_tab_opens_on_a_deal_with_its_id",
        Setup::not_installed(),
    );
    // Before installation a deal card has no StoreLink tab.
    stand.goto(&stand.portal_page("/crm/deal/details/9/", User::Admin));
    stand.wait_css("#deal-title");
    assert_eq!(stand.count(".b24-tab[data-tab^=\"app_\"]"), 0);
    assert!(bound_tabs(&stand).is_empty());

    // The portal opens the installer; once it calls setInstallFinish the portal reloads its
    // page with the app's own page (the installer's "done" may show only for a moment).
    stand.goto(&stand.portal_page("/marketplace/app/storelink/", User::Admin));
    wait_app_page_after_install(&stand);
    stand.enter_app_frame();
    stand.wait_css(&tid("app-page"));

    let handlers = bound_tabs(&stand);
    assert_eq!(handlers.len(), 1, "{handlers:?}");
    assert!(
        handlers[0].starts_with(&stand.sandbox.urls().widget),
        "{handlers:?}"
    );
    assert!(handlers[0].ends_with("/index.html"), "{handlers:?}");
    // Titles and descriptions in both languages, as the manifest declares them (with
    // `LANG_ALL` the portal reads descriptions only there).
    let bound = rest::as_app(&stand.sandbox, 1, "placement.get", &[]);
    let langs = &bound[0]["langAll"];
    assert_eq!(langs["en"]["TITLE"], "Store", "{bound}");
    assert_eq!(
        langs["ru"]["DESCRIPTION"], "Заказ интернет-магазина и остатки товаров сделки",
        "{bound}"
    );
    assert!(
        langs["en"]["DESCRIPTION"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );

    // The tab is on the deal card with the manifest's title, and shows the deal it was given.
    stand.goto(&stand.portal_page_in("/crm/deal/details/9/", User::Admin, "en"));
    let tab = stand.wait_css(".b24-tab[data-tab^=\"app_\"]");
    assert_eq!(tab.text, "Store");
    stand.click(".b24-tab[data-tab^=\"app_\"]");
    stand.enter_app_frame();
    let state = stand.wait_deal_loaded();
    assert_eq!(
        stand.attr(&tid("deal-tab"), "data-deal-id").as_deref(),
        Some("9")
    );
    // No store connection yet: the admin is sent to the settings.
    assert_eq!(state, "ready");
    stand.wait_css(&tid("store-not-configured"));
    assert_eq!(
        stand.count(&tid("admin-named")),
        0,
        "not told of themselves"
    );

    // The installing admin is the one a rep is told to ask, by name.
    let named = rest::as_app(&stand.sandbox, 1, "app.option.get", &[("option", "admin")]);
    let named: serde_json::Value =
        serde_json::from_str(named.as_str().unwrap_or_default()).expect("the option is JSON");
    assert_eq!(named["id"], 1, "{named}");
    assert_eq!(named["name"], "Ольга Администраторова", "{named}");
    stand.open_deal_ready(9, User::Rep);
    let notice = stand.wait_css(&tid("store-not-configured"));
    let line = stand.wait_css(&tid("admin-named"));
    assert_eq!(
        line.text,
        "Администратор StoreLink: Ольга Администраторова."
    );
    assert!(notice.text.contains(&line.text), "{notice:?}");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_rep_cannot_install_and_nothing_is_bound() {
    let stand = Stand::start(
        "a_rep_cannot_install_and_nothing_is_bound",
        Setup::not_installed(),
    );
    stand.open_app_page(User::Rep);
    let installer = stand.wait_css(&format!("{}[data-state=\"error\"]", tid("install")));
    assert!(!installer.text.is_empty());
    assert!(bound_tabs(&stand).is_empty());
    // The portal still offers the installer: nothing was finished.
    stand.goto(&stand.portal_page("/marketplace/app/storelink/", User::Rep));
    let src = stand
        .attr("iframe.b24-app-frame", "src")
        .unwrap_or_default();
    assert!(src.contains("install.html"), "{src}");
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn a_failed_installation_says_why_in_the_admins_language_and_can_be_tried_again() {
    let stand = Stand::start(
        "a_failed_installation_says_why_in_the_admins_language_and_can_be_tried_again",
        Setup::not_installed(),
    );
    stand.sandbox.set_fault(
        "placement.bind",
        1.0,
        bitrix_sandbox::FaultKind::ServerError,
    );
    stand.goto(&stand.portal_page_in("/marketplace/app/storelink/", User::Admin, "ru"));
    stand.enter_app_frame();
    let failed = stand.wait_css(&tid("install-failed"));
    assert!(
        failed.text.contains("HTTP 500") && !failed.text.contains("Internal server error"),
        "the status, not the server's English text: {}",
        failed.text
    );
    assert!(
        !failed.text.contains("may have been applied") && !failed.text.contains("могло"),
        "a rolled-back bind is not \"maybe applied\": {}",
        failed.text
    );
    assert!(bound_tabs(&stand).is_empty(), "nothing half-done");

    // The portal works again: "Try again" installs.
    stand.sandbox.clear_faults();
    stand.click(&tid("install-retry"));
    stand.wait_for("the tab bound", |_| {
        (bound_tabs(&stand).len() == 1).then_some(())
    });
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn installing_again_at_a_new_address_leaves_one_tab_not_a_dead_second_one() {
    let stand = Stand::start(
        "installing_again_at_a_new_address_leaves_one_tab_not_a_dead_second_one",
        Setup::not_installed(),
    );
    // The app was hosted elsewhere before: the portal still holds that binding.
    let old = "https://old-host.example/storelink/index.html";
    bind_tab_at(&stand, old);
    assert_eq!(bound_tabs(&stand), [old]);

    stand.goto(&stand.portal_page("/marketplace/app/storelink/", User::Admin));
    wait_app_page_after_install(&stand);
    let handlers = bound_tabs(&stand);
    assert_eq!(handlers.len(), 1, "{handlers:?}");
    assert!(
        handlers[0].starts_with(&stand.sandbox.urls().widget),
        "{handlers:?}"
    );
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_app_page_tells_an_admin_the_store_tab_is_missing_or_doubled_and_mends_it() {
    let stand = Stand::start(
        "the_app_page_tells_an_admin_the_store_tab_is_missing_or_doubled_and_mends_it",
        Setup::demo(crate::support::options::dev_options()),
    );
    let app_page = |user: User| {
        stand.goto(&stand.portal_page("/marketplace/app/storelink/", user));
        stand.enter_app_frame();
        stand.wait_css(&tid("app-page"));
    };
    let state = || {
        stand
            .wait_css(&tid("tab-binding"))
            .attr("data-state")
            .map(str::to_owned)
    };
    app_page(User::Admin);
    assert_eq!(state().as_deref(), Some("fine"));
    let ours = bound_tabs(&stand);
    assert_eq!(ours.len(), 1, "{ours:?}");

    // Someone removed the tab's binding: reps have no Store tab.
    rest::as_app(
        &stand.sandbox,
        1,
        "placement.unbind",
        &[("PLACEMENT", "CRM_DEAL_DETAIL_TAB"), ("HANDLER", &ours[0])],
    );
    assert!(bound_tabs(&stand).is_empty());
    app_page(User::Admin);
    assert_eq!(state().as_deref(), Some("gaps"));
    let said = stand.text(&tid("tab-binding")).unwrap_or_default();
    assert!(said.contains("нет в карточках"), "{said}");
    stand.click(&tid("tab-binding-mend"));
    stand.wait_css(&format!("{}[data-state=\"mended\"]", tid("tab-binding")));
    assert_eq!(bound_tabs(&stand), ours);

    // A binding to an old address is left beside it: two tabs, one dead.
    let old = "https://old-host.example/storelink/index.html";
    bind_tab_at(&stand, old);
    app_page(User::Admin);
    assert_eq!(state().as_deref(), Some("gaps"));
    let said = stand.text(&tid("tab-binding")).unwrap_or_default();
    assert!(said.contains("две вкладки"), "{said}");
    stand.click(&tid("tab-binding-mend"));
    stand.wait_css(&format!("{}[data-state=\"mended\"]", tid("tab-binding")));
    assert_eq!(bound_tabs(&stand), ours);

    // Mending that fails says why and offers to look again.
    rest::as_app(
        &stand.sandbox,
        1,
        "placement.unbind",
        &[("PLACEMENT", "CRM_DEAL_DETAIL_TAB"), ("HANDLER", &ours[0])],
    );
    app_page(User::Admin);
    assert_eq!(state().as_deref(), Some("gaps"));
    stand.sandbox.set_fault(
        "portal:placement.bind",
        1.0,
        bitrix_sandbox::FaultKind::Denied,
    );
    stand.click(&tid("tab-binding-mend"));
    stand.wait_css(&format!("{}[data-state=\"failed\"]", tid("tab-binding")));
    stand.sandbox.clear_faults();
    stand.click(&tid("tab-binding-check"));
    stand.wait_css(&format!("{}[data-state=\"gaps\"]", tid("tab-binding")));
    stand.click(&tid("tab-binding-mend"));
    stand.wait_css(&format!("{}[data-state=\"mended\"]", tid("tab-binding")));
    assert_eq!(bound_tabs(&stand), ours);

    // Reps are not asked.
    rest::as_app(
        &stand.sandbox,
        1,
        "placement.unbind",
        &[("PLACEMENT", "CRM_DEAL_DETAIL_TAB"), ("HANDLER", &ours[0])],
    );
    app_page(User::Rep);
    stand.wait_css(&tid("stock-search"));
    assert_eq!(stand.count(&tid("tab-binding")), 0);

    // A portal that cannot say which tabs are bound: nothing is claimed, fine or not.
    stand
        .sandbox
        .set_fault("portal:placement.*", 1.0, bitrix_sandbox::FaultKind::Denied);
    app_page(User::Admin);
    assert_eq!(state().as_deref(), Some("unknown"));
}
