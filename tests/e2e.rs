//! End-to-end tests: the built widget (`dist/`) in headless Chromium against the sandbox, as an
//! admin and a sales rep see it in Bitrix24. Each test starts its own sandbox and browser.
//!
//! They need `./build.sh build` first and Chromium with ChromeDriver, so they are ignored by a
//! plain `cargo test`; `./build.sh test` runs them:
//! `cargo test -p storelink --test e2e -- --include-ignored --test-threads=1`.
#![cfg(not(target_arch = "wasm32"))]

// Each test binary uses its own part of the harness.
#[allow(dead_code)]
mod support;

mod e2e {
    mod deal_tab;
    mod frame;
    mod install;
    mod live;
    mod lookup;
    mod many_warehouses;
    mod own_seed;
    mod requests;
    mod settings;
    mod store_down;
    mod variations;
}
