use std::time::{Duration, Instant};

use super::Clock;

/// The native clock: `Instant` and `tokio::time::sleep` (needs a tokio runtime with time).
///
/// ```
/// use bitrix_rest::{Clock, TokioClock};
/// let clock = TokioClock::default();
/// let a = clock.now();
/// assert!(clock.now() >= a);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct TokioClock {
    origin: Instant,
}

impl Default for TokioClock {
    fn default() -> Self {
        TokioClock {
            origin: Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}
