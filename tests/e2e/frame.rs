//! The app in and out of its frame: opened directly it explains itself; inside the portal the
//! iframe's height follows the content as it grows and shrinks.

use std::time::Duration;

use crate::support::browser::Browser;
use crate::support::options::dev_options_polling;
use crate::support::page::tid;
use crate::support::stand::{Setup, Stand, User};

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn opened_outside_bitrix24_the_page_explains_itself() {
    let stand = Stand::start(
        "opened_outside_bitrix24_the_page_explains_itself",
        Setup::demo(dev_options_polling(60)),
    );
    for page in ["index.html", "install.html"] {
        stand.goto(&format!("{}/{page}", stand.sandbox.urls().widget));
        let outside = stand.wait_css(&tid("outside"));
        assert!(
            outside.text.contains("StoreLink"),
            "{page}: {}",
            outside.text
        );
        assert!(
            outside.text.len() > 200,
            "{page} explains what it is and how to install it"
        );
        assert!(stand.count("h2") > 0, "{page}");
        assert_eq!(
            stand.attr("#storelink", "aria-busy"),
            None,
            "{page} is not busy"
        );
    }
    // In English when the browser asks for it through LANG.
    stand.goto(&format!(
        "{}/index.html?LANG=en",
        stand.sandbox.urls().widget
    ));
    let outside = stand.wait_css(&tid("outside"));
    assert!(
        outside.text.is_ascii() || outside.text.contains("Bitrix24"),
        "{}",
        outside.text
    );
}

/// The iframe's height in the portal page and the app's content height inside it.
fn heights(stand: &Stand) -> (i64, i64) {
    stand.leave_app_frame();
    let frame = stand
        .js(
            "const f = document.querySelector('.b24-tab-body:not([hidden]) iframe.b24-app-frame');
             return f ? Math.round(f.getBoundingClientRect().height) : -1;",
            vec![],
        )
        .as_i64()
        .unwrap_or(-1);
    stand.enter_app_frame();
    let content = stand
        .js(
            "const r = document.querySelector('.sl-root');
             return r ? Math.ceil(r.getBoundingClientRect().height) : -1;",
            vec![],
        )
        .as_i64()
        .unwrap_or(-1);
    (frame, content)
}

/// Waits until the iframe is as tall as the content (to the pixel) and that height satisfies
/// `wanted`; returns it.
fn wait_frame_fits(stand: &Stand, what: &str, wanted: impl Fn(i64) -> bool) -> i64 {
    let mut last = (0, 0);
    let found = stand
        .browser
        .wait_within(what, Duration::from_secs(15), |_: &Browser| {
            last = heights(stand);
            ((last.0 - last.1).abs() <= 1 && last.1 > 0 && wanted(last.0)).then_some(last.0)
        });
    eprintln!("{what}: frame {found}px, content {}px", last.1);
    found
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh test"]
fn the_frame_height_follows_the_content() {
    let stand = Stand::start(
        "the_frame_height_follows_the_content",
        Setup::demo(dev_options_polling(60)),
    );
    // The app page as the admin: the lookup is short, the settings long.
    stand.open_app_page(User::Admin);
    stand.wait_css(&tid("stock-search"));
    let short = wait_frame_fits(&stand, "the frame fits the lookup", |_| true);
    assert_ne!(short, 400, "still the portal's default height");

    stand.click(&tid("tab-settings"));
    stand.wait_css(&format!("{}[data-state=\"ready\"]", tid("settings")));
    let tall = wait_frame_fits(&stand, "the frame grows to the settings", |h| {
        h > short + 200
    });

    stand.click(&tid("tab-lookup"));
    stand.wait_css(&tid("stock-search"));
    let again = wait_frame_fits(&stand, "the frame shrinks to the lookup", |h| {
        h < tall - 200
    });
    assert!(
        (again - short).abs() <= 2,
        "back to the lookup's height: {again} vs {short}"
    );

    // A deal tab too: the frame holds the whole tab.
    stand.open_deal_ready(13, User::Rep);
    wait_frame_fits(&stand, "the frame fits the deal tab", |h| h > 300);
    let log = stand.frame_log();
    assert!(log.iter().any(|l| l == "resizeWindow ok"), "{log:?}");
}
