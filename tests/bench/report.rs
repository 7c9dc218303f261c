//! The bench's figures: printed as a table with each budget and its verdict, and written as
//! JSON to `target/bench.json`. Budgets are reported, never asserted.

use std::fmt::Write as _;

use serde_json::{Value, json};

/// How a figure compares with its budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Budget {
    /// No budget: the figure is information.
    None,
    /// At most this much.
    AtMost(f64),
    /// Less than this.
    Under(f64),
}

impl Budget {
    fn holds(self, value: f64) -> Option<bool> {
        match self {
            Budget::None => None,
            Budget::AtMost(limit) => Some(value <= limit),
            Budget::Under(limit) => Some(value < limit),
        }
    }

    fn describe(self, unit: &str) -> String {
        match self {
            Budget::None => String::new(),
            Budget::AtMost(limit) => format!("≤ {} {unit}", number(limit)),
            Budget::Under(limit) => format!("< {} {unit}", number(limit)),
        }
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e12 {
        format!("{}", value as i64)
    } else {
        format!("{value:.1}")
    }
}

/// One measured figure.
#[derive(Debug, Clone)]
pub struct Figure {
    pub section: &'static str,
    pub measure: String,
    pub value: f64,
    pub unit: &'static str,
    pub budget: Budget,
}

impl Figure {
    pub fn new(
        section: &'static str,
        measure: impl Into<String>,
        value: f64,
        unit: &'static str,
    ) -> Figure {
        Figure {
            section,
            measure: measure.into(),
            value,
            unit,
            budget: Budget::None,
        }
    }

    pub fn budget(mut self, budget: Budget) -> Figure {
        self.budget = budget;
        self
    }

    fn verdict(&self) -> &'static str {
        match self.budget.holds(self.value) {
            None => "",
            Some(true) => "PASS",
            Some(false) => "OVER",
        }
    }
}

/// What one section produced: its figures, or why it could not finish.
#[derive(Debug, Default)]
pub struct Report {
    pub figures: Vec<Figure>,
    pub failures: Vec<(&'static str, String)>,
    pub notes: Vec<String>,
}

impl Report {
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<10} {:<58} {:>12} {:<6} {:<16} verdict",
            "section", "measure", "value", "unit", "budget"
        );
        let _ = writeln!(out, "{}", "-".repeat(112));
        for f in &self.figures {
            let _ = writeln!(
                out,
                "{:<10} {:<58} {:>12} {:<6} {:<16} {}",
                f.section,
                f.measure,
                number(f.value),
                f.unit,
                f.budget.describe(f.unit),
                f.verdict()
            );
        }
        for (section, why) in &self.failures {
            let _ = writeln!(out, "{section:<10} FAILED: {why}");
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        out
    }

    pub fn json(&self) -> Value {
        let figures: Vec<Value> = self
            .figures
            .iter()
            .map(|f| {
                let (kind, limit) = match f.budget {
                    Budget::None => (Value::Null, Value::Null),
                    Budget::AtMost(l) => (json!("at-most"), json!(l)),
                    Budget::Under(l) => (json!("under"), json!(l)),
                };
                json!({
                    "section": f.section, "measure": f.measure, "value": f.value, "unit": f.unit,
                    "budget": {"kind": kind, "limit": limit},
                    "verdict": if f.verdict().is_empty() { Value::Null } else { json!(f.verdict()) },
                })
            })
            .collect();
        let failures: Vec<Value> = self
            .failures
            .iter()
            .map(|(s, why)| json!({"section": s, "error": why}))
            .collect();
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        json!({"generatedAtUnix": unix, "figures": figures, "failures": failures, "notes": self.notes})
    }
}

/// The median of some samples (0 for none).
pub fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
