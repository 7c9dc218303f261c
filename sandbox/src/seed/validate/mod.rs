//! Checks a data set before anything is written, naming the record and field that is wrong.

mod portal;
mod store;

use std::collections::BTreeSet;

use super::format::SeedData;
use crate::clock;

/// Every problem found, one line each: `store.orders[2].basket[0].productId: ...`.
pub fn check(seed: &SeedData) -> Result<(), String> {
    let mut problems = Problems::default();
    portal::check(seed, &mut problems);
    store::check(seed, &mut problems);
    check_app(seed, &mut problems);
    problems.into_result()
}

/// The largest price, sum or stock figure a seed may give.
const MAX_AMOUNT: f64 = 1e12;
/// The largest quantity of a deal row or an order position.
const MAX_QUANTITY: f64 = 1e9;
/// The largest sum of a deal's rows or an order's positions (`decimal(18,2)`).
const MAX_TOTAL: f64 = 1e15;

#[derive(Default)]
pub(super) struct Problems(Vec<String>);

impl Problems {
    pub(super) fn add(&mut self, at: String, what: impl Into<String>) {
        self.0.push(format!("{at}: {}", what.into()));
    }
    /// A record's ID: from 1 (Bitrix24 reads 0 as "none"), seen once.
    pub(super) fn id(&mut self, seen: &mut BTreeSet<u64>, id: u64, at: impl Fn() -> String) {
        if id == 0 {
            self.add(at(), "IDs start at 1 (0 means \"none\" in Bitrix24)");
        }
        self.unique(seen, id, at);
    }
    /// A price, sum or stock figure: not negative, and within what Bitrix24 keeps.
    pub(super) fn amount(&mut self, at: impl FnOnce() -> String, value: Option<f64>) {
        if let Some(v) = value
            && !(0.0..=MAX_AMOUNT).contains(&v)
        {
            self.add(
                at(),
                format!("{v} must be from 0 to {MAX_AMOUNT:e} (no negative sums)"),
            );
        }
    }
    /// A quantity: above 0, and within what Bitrix24 keeps.
    pub(super) fn quantity(&mut self, at: impl FnOnce() -> String, value: f64) {
        if !(value > 0.0 && value <= MAX_QUANTITY) {
            self.add(
                at(),
                format!("{value} must be above 0 and at most {MAX_QUANTITY:e}"),
            );
        }
    }
    /// A percentage (discount, tax rate).
    pub(super) fn percent(&mut self, at: impl FnOnce() -> String, value: Option<f64>) {
        if let Some(v) = value
            && !(0.0..=100.0).contains(&v)
        {
            self.add(at(), format!("{v} must be a percentage from 0 to 100"));
        }
    }
    /// The sum of a deal's rows or an order's positions, which Bitrix24 keeps as a decimal
    /// of 18 digits, 2 after the point.
    pub(super) fn total(&mut self, at: impl FnOnce() -> String, lines: impl Iterator<Item = f64>) {
        let total: f64 = lines.sum();
        if total > MAX_TOTAL {
            self.add(
                at(),
                format!("the lines come to {total:e}, more than Bitrix24 keeps ({MAX_TOTAL:e})"),
            );
        }
    }
    /// Records `id`; a second sighting is a problem at the place `at` names (built only then).
    pub(super) fn unique(
        &mut self,
        seen: &mut BTreeSet<u64>,
        id: u64,
        at: impl FnOnce() -> String,
    ) {
        if !seen.insert(id) {
            self.add(at(), format!("duplicate id {id}"));
        }
    }
    pub(super) fn date(&mut self, at: String, value: &Option<String>) {
        if let Some(text) = value
            && clock::normalize(text).is_none()
        {
            self.add(
                at,
                format!("{text:?} is not a date (use 2024-08-30T14:29:00+03:00)"),
            );
        }
    }
    /// A unit is given whole: its OKEI code and its name, or neither (pieces).
    pub(super) fn unit(&mut self, at: &str, code: Option<u64>, name: &Option<String>) {
        if code.is_some() != name.is_some() {
            self.add(
                at.to_owned(),
                "a unit needs both measureCode (its OKEI code, e.g. 166) and measureName (e.g. кг)",
            );
        }
    }
    /// Each `variationOf` names another product of the same list that is no variation itself,
    /// and the side has a catalogue of variations (`offersIblockId` is not 0).
    pub(super) fn variations(
        &mut self,
        list: &str,
        products: &[(u64, Option<u64>)],
        offers_iblock: Option<u64>,
    ) {
        for (i, (id, parent)) in products.iter().enumerate() {
            let Some(parent) = parent else { continue };
            let at = format!("{list}[{i}].variationOf");
            let parent_entry = products.iter().find(|(other, _)| other == parent);
            match parent_entry {
                _ if parent == id => self.add(at, "a product cannot be its own variation"),
                None => self.add(at, format!("product {parent} is not in {list}")),
                Some((_, Some(_))) => {
                    self.add(at, format!("product {parent} is a variation itself"))
                }
                Some(_) if offers_iblock == Some(0) => self.add(
                    at,
                    "variations need the catalogue of variations (offersIblockId is 0)",
                ),
                Some(_) => {}
            }
        }
    }
    pub(super) fn into_result(self) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0.join("\n"))
        }
    }
}

fn check_app(seed: &SeedData, p: &mut Problems) {
    let Some(app) = &seed.app else { return };
    for (i, placement) in app.placements.iter().flatten().enumerate() {
        if placement.placement.trim().is_empty() {
            p.add(
                format!("app.placements[{i}].placement"),
                "must not be empty",
            );
        }
        if placement.handler.trim().is_empty() {
            p.add(format!("app.placements[{i}].handler"), "must not be empty");
        }
    }
    for user in app.user_options.keys() {
        if user.parse::<u64>().is_err() {
            p.add(format!("app.userOptions.{user}"), "keys are user IDs");
        }
    }
}
