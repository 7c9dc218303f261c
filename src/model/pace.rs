//! How often an open tab checks for changes. Every rep's open tab asks Bitrix24 and the store
//! once an interval, and the portal's allowance (2 requests a second) is shared by the whole
//! sales floor and every other integration; no tab can see the others. So each tab keeps its
//! own pace from what the systems tell it:
//!
//! - **Asked to slow down** (an answer was `QUERY_LIMIT_EXCEEDED`, even one a retry got past):
//!   the spacing of checks doubles, up to half a minute, and comes back one halving at a time
//!   after [`CALM_CHECKS`] checks without such an answer (a check that got no answer for it
//!   counts the same). Every tab on the floor does the same, so
//!   together they fall under the limit, and none starves while the others go on.
//! - **Failing** (no answer, a server error): the spacing doubles too, up to half a minute,
//!   and is back to every tick at the first check that passes.
//!
//! After either, the first wait is stretched by a random part of itself, so tabs that failed
//! together do not all ask again in the same moment. A tab shown again, and the rep's Retry,
//! check at once whatever the pace.

/// The widest spacing of checks, in seconds.
pub const WIDEST_SECS: u32 = 30;
/// Checks in a row without a "slow down" before the spacing halves.
pub const CALM_CHECKS: u32 = 6;

/// What a check met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Both systems answered, neither asked to slow down.
    Clean,
    /// A system asked to slow down (the check may still have got its answer).
    SlowDown,
    /// A system did not answer, or failed.
    Failed,
}

/// A tab's pace, counted in ticks of its polling interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pace {
    /// Ticks between checks (1: every tick).
    every: u32,
    /// Ticks to wait before the next check.
    wait: u32,
    /// Ticks since the last check.
    since: u32,
    /// The widest spacing, in ticks.
    widest: u32,
    /// The spacing is wide because a system asked to slow down (it narrows slowly).
    slowed: bool,
    /// Checks in a row without a "slow down".
    calm: u32,
}

impl Pace {
    /// Every tick of an interval of `interval_secs`.
    pub fn new(interval_secs: u32) -> Pace {
        Pace {
            every: 1,
            wait: 1,
            since: 0,
            widest: (WIDEST_SECS / interval_secs.max(1)).max(1),
            slowed: false,
            calm: 0,
        }
    }

    /// A tick of the interval: true when it is time to check.
    pub fn tick(&mut self) -> bool {
        self.since = self.since.saturating_add(1);
        if self.since < self.wait {
            return false;
        }
        self.since = 0;
        self.wait = self.every;
        true
    }

    /// What the last check met; `spread` (0 to 1, random) stretches the first wait after a
    /// slow-down or failure by up to half of it.
    pub fn met(&mut self, outcome: Outcome, spread: f64) {
        match outcome {
            Outcome::Clean if self.slowed => {
                self.calm += 1;
                if self.calm >= CALM_CHECKS {
                    self.calm = 0;
                    self.every = (self.every / 2).max(1);
                    self.slowed = self.every > 1;
                    self.wait = self.every;
                }
            }
            Outcome::Clean => {
                self.every = 1;
                self.wait = 1;
            }
            Outcome::SlowDown | Outcome::Failed => {
                self.slowed |= outcome == Outcome::SlowDown;
                self.calm = 0;
                self.every = (self.every * 2).min(self.widest);
                let extra = (f64::from(self.every) / 2.0 * spread.clamp(0.0, 1.0)) as u32;
                self.wait = self.every + extra;
                self.since = 0;
            }
        }
    }

    /// Ticks between checks now.
    pub fn every(&self) -> u32 {
        self.every
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ticks (from 1) on which a pace checks, over `ticks` ticks.
    fn checks(pace: &mut Pace, ticks: u32) -> Vec<u32> {
        (1..=ticks).filter(|_| pace.tick()).collect()
    }

    #[test]
    fn a_healthy_tab_checks_every_tick() {
        let mut pace = Pace::new(10);
        assert_eq!(checks(&mut pace, 4), [1, 2, 3, 4]);
    }

    #[test]
    fn failures_double_the_spacing_up_to_half_a_minute_and_a_pass_restores_it() {
        let mut pace = Pace::new(10);
        let mut spacing = Vec::new();
        for _ in 0..5 {
            pace.met(Outcome::Failed, 0.0);
            spacing.push(pace.every());
        }
        assert_eq!(spacing, [2, 3, 3, 3, 3], "at most 30 s at a 10 s interval");
        assert_eq!(checks(&mut pace, 7), [3, 6]);
        pace.met(Outcome::Clean, 0.0);
        assert_eq!(checks(&mut pace, 3), [1, 2, 3]);
        // At 3 s the widest spacing is ten ticks; at 90 s every tick.
        let mut short = Pace::new(3);
        (0..9).for_each(|_| short.met(Outcome::Failed, 0.0));
        assert_eq!(short.every(), 10);
        let mut long = Pace::new(90);
        long.met(Outcome::Failed, 0.0);
        assert_eq!(long.every(), 1);
    }

    #[test]
    fn a_slow_down_narrows_again_one_halving_per_calm_run() {
        let mut pace = Pace::new(3);
        pace.met(Outcome::SlowDown, 0.0);
        pace.met(Outcome::SlowDown, 0.0);
        assert_eq!(pace.every(), 4);
        (1..CALM_CHECKS).for_each(|_| pace.met(Outcome::Clean, 0.0));
        assert_eq!(pace.every(), 4, "not yet calm");
        pace.met(Outcome::Clean, 0.0);
        assert_eq!(pace.every(), 2);
        (0..CALM_CHECKS).for_each(|_| pace.met(Outcome::Clean, 0.0));
        assert_eq!(pace.every(), 1);
        // A slow-down in the middle of a calm run starts it again.
        pace.met(Outcome::SlowDown, 0.0);
        pace.met(Outcome::Clean, 0.0);
        pace.met(Outcome::SlowDown, 0.0);
        assert_eq!(pace.every(), 4);
    }

    #[test]
    fn the_first_wait_after_a_failure_is_spread() {
        let mut early = Pace::new(3);
        early.met(Outcome::Failed, 0.0);
        early.met(Outcome::Failed, 0.0);
        let mut late = early.clone();
        early.met(Outcome::Failed, 0.0);
        late.met(Outcome::Failed, 0.99);
        assert_eq!(checks(&mut early, 16), [8, 16]);
        assert_eq!(
            checks(&mut late, 16),
            [11],
            "eight ticks and up to half of them more"
        );
    }
}
