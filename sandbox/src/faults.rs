//! Injected trouble: latency on every REST call, and failures of matching methods.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::config::FaultKind;
use crate::rng::Rng;

/// A failure rate for methods matching a pattern (`crm.deal.*`, `*`, `sale.order.get`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    pub method: String,
    pub rate: f64,
    pub kind: FaultKind,
}

#[derive(Debug)]
pub struct Faults {
    latency_ms: Mutex<u64>,
    list: Mutex<Vec<Fault>>,
    rng: Mutex<Rng>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency_ms: Mutex::new(0),
            list: Mutex::new(vec![]),
            rng: Mutex::new(Rng::new(crate::clock::unix_now() as u64)),
        }
    }
}

impl Faults {
    pub fn latency_ms(&self) -> u64 {
        *self.latency_ms.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_latency(&self, ms: u64) {
        *self.latency_ms.lock().unwrap_or_else(|p| p.into_inner()) = ms;
    }

    pub fn add(&self, fault: Fault) {
        let mut list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|f| !f.method.eq_ignore_ascii_case(&fault.method));
        list.push(fault);
    }

    pub fn clear(&self) {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    pub fn list(&self) -> Vec<Fault> {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The fault to inject for a request calling these methods, if the dice say so.
    pub fn roll(&self, methods: &[String]) -> Option<FaultKind> {
        let list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        for fault in list.iter() {
            if methods.iter().any(|m| matches(&fault.method, m)) {
                let dice = (rng.next_u64() % 1_000_000) as f64 / 1_000_000.0;
                if dice < fault.rate {
                    return Some(fault.kind);
                }
            }
        }
        None
    }
}

/// Glob match with `*`, ignoring case.
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let mut rest = name.as_str();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_match_with_stars_ignoring_case() {
        assert!(super::matches("crm.deal.*", "crm.deal.get"));
        assert!(super::matches("*", "batch"));
        assert!(super::matches("SALE.ORDER.GET", "sale.order.get"));
        assert!(!super::matches("crm.deal.*", "crm.contact.get"));
        assert!(super::matches("*.get", "sale.order.get"));
    }
}
