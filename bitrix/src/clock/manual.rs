use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Clock;
use crate::platform::lock;

/// A clock for tests: time stands still until advanced, and `sleep` advances it at once by the
/// requested amount, recording each sleep. A client on this clock runs its whole schedule
/// (limiter waits, backoff) instantly, and the test reads the schedule from [`sleeps`].
///
/// [`sleeps`]: ManualClock::sleeps
///
/// ```
/// use std::time::Duration;
/// use bitrix_rest::{Clock, ManualClock};
/// # futures::executor::block_on(async {
/// let clock = ManualClock::new();
/// clock.advance(Duration::from_millis(500));
/// clock.sleep(Duration::from_secs(1)).await;
/// assert_eq!(clock.now(), Duration::from_millis(1500));
/// assert_eq!(clock.sleeps(), vec![Duration::from_secs(1)]);
/// # });
/// ```
#[derive(Clone, Debug, Default)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug, Default)]
struct ManualState {
    now: Duration,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock at zero with no sleeps recorded.
    ///
    /// ```
    /// use bitrix_rest::Clock;
    /// assert_eq!(bitrix_rest::ManualClock::new().now(), std::time::Duration::ZERO);
    /// ```
    pub fn new() -> ManualClock {
        ManualClock::default()
    }

    /// Moves time forward without recording a sleep.
    ///
    /// ```
    /// use bitrix_rest::Clock;
    /// let c = bitrix_rest::ManualClock::new();
    /// c.advance(std::time::Duration::from_secs(2));
    /// assert_eq!(c.now().as_secs(), 2);
    /// ```
    pub fn advance(&self, by: Duration) {
        lock(&self.state).now += by;
    }

    /// Every non-zero sleep requested so far, in order.
    ///
    /// ```
    /// assert!(bitrix_rest::ManualClock::new().sleeps().is_empty());
    /// ```
    pub fn sleeps(&self) -> Vec<Duration> {
        lock(&self.state).sleeps.clone()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        lock(&self.state).now
    }

    async fn sleep(&self, duration: Duration) {
        if duration.is_zero() {
            return;
        }
        let mut s = lock(&self.state);
        s.now += duration;
        s.sleeps.push(duration);
    }
}
