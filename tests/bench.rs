//! The widget's bench: the built `dist/` in headless Chromium against the sandbox. Prints a
//! table with each budget (PASS/OVER; budgets are not asserted) and writes it as JSON to
//! `target/bench.json`. Run by `./build.sh bench`:
//! `cargo test --release -p storelink --test bench -- --include-ignored --nocapture --test-threads=1`.
#![cfg(not(target_arch = "wasm32"))]

// Each test binary uses its own part of the harness.
#[allow(dead_code)]
mod support;

mod bench {
    pub mod bundle;
    pub mod idle;
    pub mod lookup;
    pub mod open_time;
    pub mod probe;
    pub mod report;
    pub mod requests;
}

use std::panic::{AssertUnwindSafe, catch_unwind};

use bench::report::{Figure, Report};

/// Runs one section; a section that fails is reported and the others still run.
/// `STORELINK_BENCH=lookup,open` runs only the sections named.
fn section(report: &mut Report, name: &'static str, run: impl FnOnce() -> Vec<Figure>) {
    if let Ok(only) = std::env::var("STORELINK_BENCH")
        && !only.split(',').any(|s| s.trim() == name)
    {
        return;
    }
    eprintln!("bench: {name}…");
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(figures) => report.figures.extend(figures),
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panicked".into());
            report.failures.push((name, why));
        }
    }
}

#[test]
#[ignore = "needs dist/ and Chromium: run ./build.sh bench"]
fn widget_in_chromium_against_the_sandbox() {
    let mut report = Report::default();
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        report.notes.push(format!(
            "machine: {cores} cores, load average at the start {} (timings on a busy machine run slow)",
            load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
        ));
    }
    section(&mut report, "bundle", bench::bundle::measure);
    section(&mut report, "requests", bench::requests::measure);
    section(&mut report, "open", bench::open_time::measure);
    section(&mut report, "lookup", bench::lookup::measure);
    section(&mut report, "idle", bench::idle::measure);
    report.notes.push(
        "open: ms from the iframe's navigation start to data-state=\"ready\" (Performance API in the frame); \
         lookup: ms from the end of the last keystroke's debounce to the answer on screen"
            .into(),
    );
    println!(
        "\nStoreLink bench (headless Chromium against the sandbox)\n{}",
        report.table()
    );
    let path = support::stand::target_path("bench.json");
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text = serde_json::to_string_pretty(&report.json()).unwrap_or_default();
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("written to {}", path.display());
}
