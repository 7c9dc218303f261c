//! The deal tab's state: what is shown, what failed, what just changed.

use std::rc::Rc;

use bitrix_rest::Error;

use crate::fetch::deal::DealData;
use crate::fetch::store_side::StoreData;
use crate::i18n::errors::System;
use crate::model::view::DealView;
use crate::model::view::changes::{ViewChanges, changes};

/// Fetched data and the view built from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub data: Rc<DealData>,
    pub view: Rc<DealView>,
}

/// Everything the tab renders from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TabState {
    /// The last good data; kept on screen when a refresh fails.
    pub loaded: Option<Loaded>,
    /// Why the last load failed.
    pub error: Option<Error>,
    /// A load is under way.
    pub busy: bool,
    /// The load has been busy long enough to say the tab is waiting.
    pub slow: bool,
    /// What holds the slow load's requests up, when something does: calls wait to try again.
    pub held: Option<HeldUp>,
    /// The load under way has Bitrix24's part and awaits the store's: shown once the load is
    /// slow and nothing was shown before.
    pub partial: Option<Loaded>,
    /// The order the rep just picked among several, shown as chosen while it loads.
    pub chosen: Option<u64>,
    /// What the last live update changed, marked for a moment.
    pub marks: ViewChanges,
    /// Counts loads, so a stale answer never replaces a newer one.
    pub generation: u32,
    /// The last live check could not ask one of the systems: what is on screen may be out
    /// of date. Cleared by a check or a load that answers.
    pub unchecked: Option<Unchecked>,
    /// While a reload shows Bitrix24's fresh part with the store's part waiting (the deal now
    /// links another order): the last view whose store part was complete, which the store's
    /// answer is compared with (not with the waiting one, where every store figure is new).
    pub store_from: Option<Loaded>,
    /// What is on screen came in after the rep linked the deal to its order: the status line
    /// says so (until the next load).
    pub linked: bool,
}

/// A live check that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Unchecked {
    /// The system that did not answer.
    pub system: System,
    /// How it failed.
    pub error: Error,
    /// When what is on screen was last known current: the rep's local time, `HH:MM`.
    pub as_of: String,
    /// Not said yet: the first failure while what is on screen is fresh (a store that fails
    /// every other check would show and hide the notice each time, moving the card).
    pub quiet: bool,
}

/// Why a slow load's calls wait to try again, and on which system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldUp {
    /// The system asked to slow down (`QUERY_LIMIT_EXCEEDED`).
    Limit(System),
    /// The system failed to answer (a server error, no answer).
    Retry(System),
}

/// What happens to the tab.
pub enum TabAction {
    /// Load number `generation` starts (for the order the rep `chosen`, if any); only its
    /// answer is taken.
    Start {
        generation: u32,
        chosen: Option<u64>,
    },
    /// Load number `generation` starts by itself after a failed first load: the failure
    /// stays on screen until an answer replaces it (no skeleton flashing on every try).
    Recover { generation: u32 },
    /// The load under way is slow (said again while it lasts, with who limits it now).
    Slow {
        generation: u32,
        held: Option<HeldUp>,
    },
    /// The load under way has Bitrix24's part (the store's is pending).
    Partial { generation: u32, loaded: Loaded },
    /// A reload of `generation` that the store holds up has Bitrix24's fresh part: shown
    /// with the store's part on screen, the changes marked (the store's follow at `Done`).
    Fresher { generation: u32, loaded: Loaded },
    /// A load of `generation` finished.
    Done {
        generation: u32,
        loaded: Loaded,
        mark: bool,
    },
    /// A load of `generation` failed.
    Failed { generation: u32, error: Error },
    /// Load `generation`, which followed a link the rep wrote, is on screen.
    Linked { generation: u32 },
    /// The marks have been seen long enough.
    ClearMarks,
    /// A live check failed (see [`Unchecked`]).
    CheckFailed(Unchecked),
    /// A live check answered: what is on screen is current.
    CheckPassed,
}

impl TabState {
    /// Applies `action`; false when nothing changed (a stale answer, marks already clear).
    pub fn apply(&mut self, action: TabAction) -> bool {
        match action {
            TabAction::Start { generation, chosen } => {
                // With nothing on screen, a retry starts over as a first open (skeleton, then
                // Bitrix24's part if the store is slow); a failure over data stays until the
                // answer.
                if self.loaded.is_none() {
                    self.error = None;
                }
                self.start(generation, chosen);
            }
            TabAction::Recover { generation } => self.start(generation, None),
            TabAction::Slow { generation, held } => {
                if generation != self.generation || !self.busy {
                    return false;
                }
                if self.slow && self.held == held {
                    return false;
                }
                self.slow = true;
                self.held = held;
            }
            TabAction::Partial { generation, loaded } => {
                if generation != self.generation || !self.wants_partial() {
                    return false;
                }
                self.partial = Some(loaded);
                // Shown once the load is slow; until then nothing on screen changes.
                return self.slow;
            }
            TabAction::Fresher { generation, loaded } => {
                let Some(before) = &self.loaded else {
                    return false;
                };
                if generation != self.generation || !self.busy {
                    return false;
                }
                self.marks = changes(&before.view, &loaded.view);
                let waits = matches!(loaded.data.store, StoreData::Pending);
                if waits && !matches!(before.data.store, StoreData::Pending) {
                    self.store_from = Some(before.clone());
                }
                self.loaded = Some(loaded);
            }
            TabAction::Done {
                generation,
                loaded,
                mark,
            } => {
                if generation != self.generation {
                    return false;
                }
                let before = self.store_from.take().or_else(|| self.loaded.clone());
                self.marks = match (before, mark) {
                    // The store's part read for the first time (it had failed) is new, not
                    // changed: only the deal's own changes are marked.
                    (Some(before), true)
                        if matches!(before.data.store, StoreData::Unavailable(_)) =>
                    {
                        ViewChanges {
                            deal: changes(&before.view, &loaded.view).deal,
                            ..ViewChanges::default()
                        }
                    }
                    (Some(before), true) => changes(&before.view, &loaded.view),
                    _ => ViewChanges::default(),
                };
                self.loaded = Some(loaded);
                self.error = None;
                self.unchecked = None;
                self.busy = false;
                self.slow = false;
                self.held = None;
                self.partial = None;
                self.chosen = None;
            }
            TabAction::Failed { generation, error } => {
                if generation != self.generation {
                    return false;
                }
                // A deal that is gone takes its order and stock off the screen with it.
                if deal_gone(&error) {
                    self.loaded = None;
                }
                self.error = Some(error);
                self.store_from = None;
                // The failed load says what failed; one notice is enough.
                self.unchecked = None;
                self.busy = false;
                self.slow = false;
                self.held = None;
                self.partial = None;
                self.chosen = None;
            }
            TabAction::Linked { generation } => {
                if generation != self.generation || self.busy {
                    return false;
                }
                self.linked = true;
            }
            TabAction::ClearMarks => {
                if self.marks.is_empty() {
                    return false;
                }
                self.marks = ViewChanges::default();
            }
            TabAction::CheckFailed(unchecked) => {
                // The time stays that of the last answer while the failures go on.
                let (as_of, quiet) = match &self.unchecked {
                    // Failing again: said.
                    Some(before) => (before.as_of.clone(), false),
                    None => (unchecked.as_of, unchecked.quiet),
                };
                let next = Some(Unchecked {
                    as_of,
                    quiet,
                    ..unchecked
                });
                if self.unchecked == next {
                    return false;
                }
                self.unchecked = next;
            }
            TabAction::CheckPassed => {
                if self.unchecked.take().is_none() {
                    return false;
                }
            }
        }
        true
    }

    fn start(&mut self, generation: u32, chosen: Option<u64>) {
        self.busy = true;
        self.linked = false;
        self.slow = false;
        self.held = None;
        self.partial = None;
        self.generation = generation;
        self.chosen = chosen;
    }

    /// True when nothing could be loaded and no load is under way: a time to try again (not
    /// for a deal that is gone: only the rep's Retry asks again).
    pub fn failed_to_open(&self) -> bool {
        self.loaded.is_none() && !self.busy && self.error.as_ref().is_some_and(|e| !deal_gone(e))
    }

    /// The deal was deleted, or the rep may no longer see it.
    pub fn deal_gone(&self) -> bool {
        self.error.as_ref().is_some_and(deal_gone)
    }

    /// Whether a load's partial answer (Bitrix24's part) could be shown: a load is under way
    /// and nothing is on screen yet. Otherwise the data on screen stays until the whole answer.
    pub fn wants_partial(&self) -> bool {
        self.busy && self.loaded.is_none()
    }

    /// `data-state` of the tab root.
    pub fn state_name(&self) -> &'static str {
        match (&self.loaded, &self.error) {
            (Some(_), _) => "ready",
            (None, Some(_)) => "error",
            (None, None) => "loading",
        }
    }
}

/// Whether a load failed because Bitrix24 has no such deal (deleted, or out of the rep's sight).
pub fn deal_gone(error: &Error) -> bool {
    error.kind == bitrix_rest::ErrorKind::NotFound && error.method == "crm.deal.get"
}
