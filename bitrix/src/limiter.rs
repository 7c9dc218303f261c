//! The client-side leaky bucket that keeps a client under the server's request limit.
//!
//! Bitrix counts requests per portal in a bucket that drains `drain` requests per second and
//! refuses (HTTP 503 `QUERY_LIMIT_EXCEEDED`) once more than `burst` are in it. The client
//! keeps its own copy of that bucket and delays a request until it fits, so a UI that fires
//! many calls at once never earns a 503. Every clone of a client shares one bucket.

use std::time::Duration;

/// The server's limit: `burst` requests at once, then `drain` per second.
///
/// ```
/// use bitrix_rest::RateLimit;
/// assert_eq!(RateLimit::default(), RateLimit { burst: 50, drain_per_sec: 2.0 });
/// assert_eq!(RateLimit::ENTERPRISE.burst, 250);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// How many requests may go at once (the bucket's size).
    pub burst: u32,
    /// How many requests per second drain from the bucket.
    pub drain_per_sec: f64,
}

impl RateLimit {
    /// Bitrix24 cloud, all plans but Enterprise: 50, then 2 per second.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::RateLimit::STANDARD.burst, 50);
    /// ```
    pub const STANDARD: RateLimit = RateLimit {
        burst: 50,
        drain_per_sec: 2.0,
    };
    /// Bitrix24 cloud Enterprise: 250, then 5 per second.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::RateLimit::ENTERPRISE.drain_per_sec, 5.0);
    /// ```
    pub const ENTERPRISE: RateLimit = RateLimit {
        burst: 250,
        drain_per_sec: 5.0,
    };
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit::STANDARD
    }
}

/// A leaky bucket with reservations: each request is given the moment it may start, and the
/// bucket counts it from then, so concurrent callers queue in order.
///
/// Internally a "theoretical arrival time" (GCRA): `empty_at` is when the bucket would be empty
/// if nothing else arrived.
///
/// ```
/// use std::time::Duration;
/// use bitrix_rest::{LeakyBucket, RateLimit};
/// let mut bucket = LeakyBucket::new(RateLimit { burst: 2, drain_per_sec: 1.0 });
/// let now = Duration::ZERO;
/// assert_eq!(bucket.reserve(now), Duration::ZERO);
/// assert_eq!(bucket.reserve(now), Duration::ZERO);
/// assert_eq!(bucket.reserve(now), Duration::from_secs(1));
/// assert_eq!(bucket.reserve(now), Duration::from_secs(2));
/// ```
#[derive(Debug, Clone)]
pub struct LeakyBucket {
    /// Time for one request to drain.
    interval: Duration,
    /// How long a full bucket takes to drain, less one request: the burst tolerance.
    tolerance: Duration,
    /// When the bucket would be empty.
    empty_at: Duration,
}

impl LeakyBucket {
    /// An empty bucket for this limit. A burst of 0 counts as 1; a drain at or below zero (or
    /// not a number) as one request per hour.
    ///
    /// ```
    /// let b = bitrix_rest::LeakyBucket::new(bitrix_rest::RateLimit::default());
    /// # drop(b);
    /// ```
    pub fn new(limit: RateLimit) -> LeakyBucket {
        let drain = if limit.drain_per_sec.is_finite() && limit.drain_per_sec > 0.0 {
            limit.drain_per_sec
        } else {
            1.0 / 3600.0
        };
        // Whole nanoseconds, without `from_secs_f64` (its panics pull float formatting into wasm).
        let interval = Duration::from_nanos((1e9 / drain).min(3.6e12) as u64);
        let tolerance = interval
            .checked_mul(limit.burst.max(1) - 1)
            .unwrap_or(Duration::MAX);
        LeakyBucket {
            interval,
            tolerance,
            empty_at: Duration::ZERO,
        }
    }

    /// Reserves room for one request arriving at `now`; returns how long it must wait.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut b = bitrix_rest::LeakyBucket::new(bitrix_rest::RateLimit { burst: 1, drain_per_sec: 2.0 });
    /// assert_eq!(b.reserve(Duration::ZERO), Duration::ZERO);
    /// assert_eq!(b.reserve(Duration::from_millis(100)), Duration::from_millis(400));
    /// ```
    pub fn reserve(&mut self, now: Duration) -> Duration {
        let allowed_at = self.empty_at.saturating_sub(self.tolerance).max(now);
        self.empty_at = self.empty_at.max(allowed_at).saturating_add(self.interval);
        allowed_at - now
    }

    /// Records that the server said its bucket is full at `now` (a 503 `QUERY_LIMIT_EXCEEDED`):
    /// the next request waits at least one drain interval, and later ones queue behind it.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut b = bitrix_rest::LeakyBucket::new(bitrix_rest::RateLimit { burst: 50, drain_per_sec: 2.0 });
    /// b.fill(Duration::ZERO);
    /// assert_eq!(b.reserve(Duration::ZERO), Duration::from_millis(500));
    /// ```
    pub fn fill(&mut self, now: Duration) {
        self.empty_at = self.empty_at.max(
            now.saturating_add(self.tolerance)
                .saturating_add(self.interval),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn default_limit_lets_50_go_at_once_then_one_every_half_second() {
        let mut b = LeakyBucket::new(RateLimit::default());
        let waits: Vec<Duration> = (0..53).map(|_| b.reserve(Duration::ZERO)).collect();
        assert!(waits[..50].iter().all(|w| w.is_zero()));
        assert_eq!(&waits[50..], &[ms(500), ms(1000), ms(1500)]);
    }

    #[test]
    fn the_bucket_drains_while_idle() {
        let mut b = LeakyBucket::new(RateLimit {
            burst: 3,
            drain_per_sec: 2.0,
        });
        for _ in 0..3 {
            assert_eq!(b.reserve(Duration::ZERO), Duration::ZERO);
        }
        assert_eq!(b.reserve(Duration::ZERO), ms(500));
        // Two seconds later four requests have drained: room for three again.
        let later = Duration::from_secs(2) + ms(500);
        for _ in 0..3 {
            assert_eq!(b.reserve(later), Duration::ZERO);
        }
        assert_eq!(b.reserve(later), ms(500));
    }

    #[test]
    fn a_steady_rate_at_the_drain_never_waits() {
        let mut b = LeakyBucket::new(RateLimit {
            burst: 1,
            drain_per_sec: 2.0,
        });
        for i in 0..20 {
            assert_eq!(b.reserve(ms(500 * i)), Duration::ZERO, "request {i}");
        }
    }

    #[test]
    fn a_server_refusal_makes_the_next_request_wait_one_interval() {
        let mut b = LeakyBucket::new(RateLimit {
            burst: 10,
            drain_per_sec: 5.0,
        });
        assert_eq!(b.reserve(Duration::ZERO), Duration::ZERO);
        b.fill(ms(100));
        assert_eq!(b.reserve(ms(100)), ms(200));
        assert_eq!(b.reserve(ms(100)), ms(400));
    }

    #[test]
    fn nonsense_limits_do_not_panic() {
        for limit in [
            RateLimit {
                burst: 0,
                drain_per_sec: 0.0,
            },
            RateLimit {
                burst: u32::MAX,
                drain_per_sec: f64::NAN,
            },
            RateLimit {
                burst: 1,
                drain_per_sec: -1.0,
            },
        ] {
            let mut b = LeakyBucket::new(limit);
            b.reserve(Duration::ZERO);
            b.reserve(Duration::ZERO);
        }
    }
}
