//! The leaky bucket: each request pours one unit in, the bucket drains at a steady rate,
//! and a request that would overflow it is refused.

use std::sync::Mutex;
use std::time::Instant;

use crate::config::BucketConfig;

#[derive(Debug)]
pub struct Bucket {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    config: Option<BucketConfig>,
    level: f64,
    last: Instant,
}

impl Bucket {
    pub fn new(config: Option<BucketConfig>) -> Bucket {
        Bucket {
            state: Mutex::new(State {
                config,
                level: 0.0,
                last: Instant::now(),
            }),
        }
    }

    pub fn configure(&self, config: Option<BucketConfig>) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.config = config;
        s.level = 0.0;
        s.last = Instant::now();
    }

    /// True if the request may pass (and is counted).
    pub fn admit(&self) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let Some(config) = s.config else { return true };
        let now = Instant::now();
        let drained = now.duration_since(s.last).as_secs_f64() * config.drain_per_sec;
        s.level = (s.level - drained).max(0.0);
        s.last = now;
        if s.level + 1.0 > f64::from(config.burst) {
            return false;
        }
        s.level += 1.0;
        true
    }
}
