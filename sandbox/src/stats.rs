//! Request counters, readable by tests and benchmarks.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// What the sandbox has seen since the last reset of the counters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// HTTP requests per origin: `widget` (files), `portal` and `store` (REST calls only).
    pub requests: BTreeMap<String, u64>,
    /// REST calls per origin and method name (lower case): `{"portal": {"batch": 1}}`.
    pub methods: BTreeMap<String, BTreeMap<String, u64>>,
    /// Commands run inside batches, per origin and method name.
    pub batched: BTreeMap<String, BTreeMap<String, u64>>,
    /// OPTIONS requests (CORS preflights) to REST URLs, per origin.
    pub preflights: BTreeMap<String, u64>,
    /// HTTP 503 answers sent (rate limit and injected faults), per origin.
    pub rejected_503: BTreeMap<String, u64>,
}

#[derive(Debug, Default)]
pub struct Counters(Mutex<Stats>);

impl Counters {
    fn with(&self, f: impl FnOnce(&mut Stats)) {
        let mut stats = self.0.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut stats);
    }

    pub fn request(&self, origin: &str) {
        self.with(|s| *s.requests.entry(origin.into()).or_default() += 1);
    }

    pub fn method(&self, origin: &str, method: &str) {
        self.with(|s| {
            *s.methods
                .entry(origin.into())
                .or_default()
                .entry(method.into())
                .or_default() += 1
        });
    }

    pub fn batched(&self, origin: &str, method: &str) {
        self.with(|s| {
            *s.batched
                .entry(origin.into())
                .or_default()
                .entry(method.into())
                .or_default() += 1
        });
    }

    pub fn preflight(&self, origin: &str) {
        self.with(|s| *s.preflights.entry(origin.into()).or_default() += 1);
    }

    pub fn rejected(&self, origin: &str) {
        self.with(|s| *s.rejected_503.entry(origin.into()).or_default() += 1);
    }

    pub fn snapshot(&self) -> Stats {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn reset(&self) {
        self.with(|s| *s = Stats::default());
    }
}
