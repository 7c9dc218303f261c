//! Time for the limiter, backoff and token expiry: a monotonic `now` and a `sleep`.
//!
//! [`DefaultClock`] sleeps with tokio natively and with `gloo-timers` in the browser;
//! [`ManualClock`] never waits, so tests of schedules run instantly and deterministically.

use std::future::Future;
use std::time::Duration;

use crate::platform::{MaybeSend, MaybeSync};

#[cfg(target_arch = "wasm32")]
mod browser;
mod manual;
#[cfg(not(target_arch = "wasm32"))]
mod tokio_clock;

#[cfg(target_arch = "wasm32")]
pub use browser::BrowserClock;
pub use manual::ManualClock;
#[cfg(not(target_arch = "wasm32"))]
pub use tokio_clock::TokioClock;

/// The clock a [`Client`](crate::Client) uses unless told otherwise.
///
/// ```
/// let clock = bitrix_rest::DefaultClock::default();
/// # drop(clock);
/// ```
#[cfg(target_arch = "wasm32")]
pub type DefaultClock = BrowserClock;
/// The clock a [`Client`](crate::Client) uses unless told otherwise.
///
/// ```
/// let clock = bitrix_rest::DefaultClock::default();
/// # drop(clock);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub type DefaultClock = TokioClock;

/// A monotonic clock that can sleep.
///
/// ```
/// use std::time::Duration;
/// use bitrix_rest::{Clock, ManualClock};
/// # futures::executor::block_on(async {
/// let clock = ManualClock::new();
/// clock.sleep(Duration::from_secs(3)).await;
/// assert_eq!(clock.now(), Duration::from_secs(3));
/// # });
/// ```
pub trait Clock: Clone + MaybeSend + MaybeSync + 'static {
    /// Time elapsed since an arbitrary fixed origin; never goes backwards.
    fn now(&self) -> Duration;
    /// Completes after `duration`.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + MaybeSend;
}
