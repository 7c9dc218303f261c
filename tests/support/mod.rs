//! The harness shared by the end-to-end tests (`tests/e2e.rs`) and the bench (`tests/bench.rs`):
//! a sandbox on free ports serving the built widget, headless Chromium through ChromeDriver,
//! DOM reads and waits, data sets and app options.

pub mod browser;
pub mod closed_port;
pub mod options;
pub mod page;
pub mod rest;
pub mod seeds;
pub mod stand;
pub mod timeline;
pub mod visibility;
pub mod webdriver;
