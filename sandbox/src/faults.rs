//! Injected trouble: latency on every REST call, and failures of matching methods.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::config::FaultKind;
use crate::rng::Rng;
use crate::state::Side;

/// A failure rate for methods matching a pattern (`crm.deal.*`, `*`, `sale.order.get`). A
/// pattern starting with `portal:` or `store:` (`portal:catalog.*`) fails only that side's
/// calls.
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

    /// The fault to inject for a request calling these methods, if the dice say so
    /// ([`FaultKind::Denied`] is rolled per method: see [`Faults::denies`]).
    pub fn roll(&self, side: Side, methods: &[String]) -> Option<FaultKind> {
        let list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        list.iter()
            .filter(|f| f.kind != FaultKind::Denied)
            .filter(|f| methods.iter().any(|m| applies(&f.method, side, m)))
            .find(|f| hit(&mut rng, f.rate))
            .map(|f| f.kind)
    }

    /// True when a [`FaultKind::Denied`] fault refuses this one call (a request's method, or
    /// one command of a batch), if the dice say so.
    pub fn denies(&self, side: Side, method: &str) -> bool {
        let list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        list.iter()
            .filter(|f| f.kind == FaultKind::Denied && applies(&f.method, side, method))
            .any(|f| hit(&mut rng, f.rate))
    }
}

/// One throw of the dice for a fault with this rate (0..=1).
fn hit(rng: &mut Rng, rate: f64) -> bool {
    let dice = (rng.next_u64() % 1_000_000) as f64 / 1_000_000.0;
    dice < rate
}

/// A fault's pattern, with its optional `portal:` / `store:` side, against one call.
fn applies(pattern: &str, side: Side, method: &str) -> bool {
    match pattern.split_once(':') {
        Some((only, rest)) => only.eq_ignore_ascii_case(side.name()) && matches(rest, method),
        None => matches(pattern, method),
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

    #[test]
    fn a_side_prefix_limits_a_pattern_to_that_side() {
        use crate::state::Side;
        assert!(super::applies(
            "portal:catalog.*",
            Side::Portal,
            "catalog.product.list"
        ));
        assert!(!super::applies(
            "portal:catalog.*",
            Side::Store,
            "catalog.product.list"
        ));
        assert!(super::applies(
            "Store:sale.*",
            Side::Store,
            "sale.order.get"
        ));
        assert!(super::applies(
            "catalog.*",
            Side::Store,
            "catalog.product.list"
        ));
    }
}
