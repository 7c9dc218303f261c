//! Hiding and showing the page as when the rep switches to another browser tab or window.
//! Headless Chromium reports a minimized window's pages as hidden (`visibilitychange` fires,
//! `document.hidden` is true), and as visible again once the window is restored.

use super::browser::{Browser, WINDOW_SIZE};

/// The page (and the app frame inside it) becomes hidden.
pub fn hide(browser: &Browser) {
    browser
        .driver
        .minimize()
        .unwrap_or_else(|e| panic!("minimizing the window: {e}"));
    browser.wait_for("the page to be hidden", |b| {
        (b.js("return document.visibilityState;", vec![]) == "hidden").then_some(())
    });
}

/// The page becomes visible again.
pub fn show(browser: &Browser) {
    browser
        .driver
        .set_window_size(WINDOW_SIZE.0, WINDOW_SIZE.1)
        .unwrap_or_else(|e| panic!("restoring the window: {e}"));
    browser.wait_for("the page to be visible", |b| {
        (b.js("return document.visibilityState;", vec![]) == "visible").then_some(())
    });
}
