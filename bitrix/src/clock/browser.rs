use std::time::Duration;

use super::Clock;

/// The browser clock: `Date.now()` and `setTimeout` (through `gloo-timers`).
///
/// ```no_run
/// use bitrix_rest::{BrowserClock, Clock};
/// let now = BrowserClock::default().now();
/// # drop(now);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> Duration {
        // Date.now() is wall time in ms; it can step, so keep it from going negative.
        Duration::from_millis(js_sys::Date::now().max(0.0) as u64)
    }

    async fn sleep(&self, duration: Duration) {
        gloo_timers::future::sleep(duration).await;
    }
}
