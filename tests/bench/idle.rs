//! Idle cost of an open deal tab: REST requests per minute while it is visible, while it is
//! hidden (the window minimized), and while Bitrix24 fails (its tries thin out), each
//! observed over a window and scaled to a minute.

use std::time::{Duration, Instant};

use bitrix_sandbox::FaultKind;

use super::report::{Budget, Figure};
use crate::support::options::dev_options;
use crate::support::stand::{Setup, Stand, User};
use crate::support::visibility;

/// How long each state is observed.
const WINDOW: Duration = Duration::from_secs(30);
/// How long a failing Bitrix24 is observed: long enough for the tries to thin out.
const FAILING_WINDOW: Duration = Duration::from_secs(60);

fn poll_secs() -> f64 {
    dev_options()["settings"]["pollIntervalSecs"]
        .as_f64()
        .unwrap_or(10.0)
}

fn rest_requests(stand: &Stand) -> u64 {
    let stats = stand.sandbox.stats();
    ["portal", "store"]
        .iter()
        .map(|o| stats.requests.get(*o).copied().unwrap_or(0))
        .sum()
}

/// REST requests per minute over [`WINDOW`], starting now.
fn per_minute(stand: &Stand) -> f64 {
    stand.sandbox.reset_stats();
    let start = Instant::now();
    // Observing the quiet (or the polling) needs the whole window to pass.
    std::thread::sleep(WINDOW);
    rest_requests(stand) as f64 * 60.0 / start.elapsed().as_secs_f64()
}

pub fn measure() -> Vec<Figure> {
    let poll = poll_secs();
    let stand = Stand::start("bench_idle", Setup::demo(dev_options()));
    stand.open_deal_ready(9, User::Rep);
    let visible = per_minute(&stand);
    stand.leave_app_frame();
    visibility::hide(&stand.browser);
    let hidden = per_minute(&stand);
    visibility::show(&stand.browser);
    // Bitrix24 answers every request with HTTP 500 from now on: the visible tab's checks
    // fail, and it asks the portal again less and less often.
    stand
        .sandbox
        .set_fault("portal:*", 1.0, FaultKind::ServerError);
    stand.sandbox.reset_stats();
    let start = Instant::now();
    std::thread::sleep(FAILING_WINDOW);
    let asked = stand
        .sandbox
        .stats()
        .requests
        .get("portal")
        .copied()
        .unwrap_or(0);
    let failing = asked as f64 * 60.0 / start.elapsed().as_secs_f64();
    stand.sandbox.clear_faults();
    vec![
        Figure::new(
            "idle",
            format!("tab visible, polling every {poll} s: REST requests per minute"),
            (visible * 10.0).round() / 10.0,
            "req",
        )
        .budget(Budget::AtMost(2.0 * (60.0 / poll).ceil())),
        Figure::new(
            "idle",
            "tab hidden: REST requests per minute",
            hidden,
            "req",
        )
        .budget(Budget::AtMost(0.0)),
        // A healthy tab asks the portal once a tick; a failing one less, and fewer and fewer.
        Figure::new(
            "idle",
            format!(
                "Bitrix24 failing (HTTP 500), first {} s: portal requests per minute",
                FAILING_WINDOW.as_secs()
            ),
            (failing * 10.0).round() / 10.0,
            "req",
        )
        .budget(Budget::Under((60.0 / poll).ceil())),
    ]
}
