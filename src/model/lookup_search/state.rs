//! The lookup box's state and how each event changes it.
//!
//! - Every change of the text is an *edit* with its own number. The UI waits [`DEBOUNCE_MS`]
//!   after an edit, then reports [`LookupEvent::Paused`] with that number; a pause of an older
//!   edit is ignored, so only the rep's last keystroke starts a search.
//! - A search gets the next *sequence number*; only the answer carrying the number of the
//!   search awaited is taken, so a slow answer to an older query never replaces a newer one.
//!   The UI cancels the request of a search that is no longer awaited.
//! - The same query as the one awaited, or as the one on screen, is not asked again.
//! - While a search runs, the previous answer stays on screen (the UI marks it as updating).
//!   A text too short to search clears it; Escape first closes an opened result's details,
//!   then clears everything.
//! - Arrow keys move the highlight through the results and stop at either end; Enter (or a
//!   click) opens or closes the highlighted result's details (a single result's without
//!   choosing it); Enter with nothing highlighted, or after the text changed, searches at once.

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::{Error, ErrorKind};

use super::answer::LookupAnswer;
use crate::model::lookup::{LookupHit, LookupQuery};

/// How long the rep's typing must pause before a search starts, in milliseconds.
pub const DEBOUNCE_MS: u32 = 350;

/// A search whose answer is awaited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Its sequence number.
    pub seq: u64,
    /// What is asked.
    pub query: LookupQuery,
    /// A quiet refresh of the results on screen: they stay, with the highlighted and the
    /// opened one, until the answer replaces them; a failed refresh leaves them.
    pub refresh: bool,
    /// Why the answer is late, once it is (said in the status line).
    pub waiting: Option<Waiting>,
}

/// Why a search's answer is late.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// The store is slow to answer.
    Slow,
    /// The store asked to slow down: the request waits and is tried again.
    Limited,
    /// The store failed to answer (a server error, no answer): the request is tried again.
    Retrying,
}

/// What the results area shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Shown {
    /// Nothing asked yet, or the text was cleared or is too short.
    #[default]
    Nothing,
    /// The answer to a query (it may have no results).
    Answer(LookupAnswer),
    /// The last search failed.
    Failed {
        /// What was asked.
        query: LookupQuery,
        /// Why it failed.
        error: Error,
    },
}

/// Something the rep did, or the UI observed.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupEvent {
    /// The text is now this.
    Typed(String),
    /// The pause after edit number `n` has passed.
    Paused(u64),
    /// Search the current text now (Retry).
    SearchNow,
    /// The answer to search number `seq`.
    Answered(u64, Result<LookupAnswer, Error>),
    /// Arrow down.
    Next,
    /// Arrow up.
    Previous,
    /// Enter.
    Enter,
    /// A click on result `i`.
    Pick(usize),
    /// The clear button: everything goes.
    Clear,
    /// Escape: an opened result's details close; with none open, everything goes.
    Escape,
    /// Stock may have changed (the deal tab saw it): the results on screen are asked again.
    Refresh,
    /// The store answered the deal tab: a search that failed is tried again.
    StoreAnswers,
    /// Search number `seq` is still awaited, for this reason.
    Late(u64, Waiting),
}

/// The lookup box.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LookupState {
    /// The text in the box.
    pub text: String,
    /// The number of the last edit.
    pub edit: u64,
    /// The number of the last search started.
    pub seq: u64,
    /// The search awaited, if any.
    pub searching: Option<Search>,
    /// What the results area shows.
    pub shown: Shown,
    /// The highlighted result.
    pub active: Option<usize>,
    /// The result whose details are open.
    pub expanded: Option<usize>,
    /// The store's warehouses, once an answer listed them.
    pub warehouses: Option<Vec<Warehouse>>,
}

impl LookupState {
    /// A state that already knows the store's warehouses (the deal view read them).
    pub fn with_warehouses(warehouses: Option<Vec<Warehouse>>) -> LookupState {
        LookupState {
            warehouses,
            ..LookupState::default()
        }
    }

    /// The results on screen.
    pub fn hits(&self) -> &[LookupHit] {
        match &self.shown {
            Shown::Answer(answer) => &answer.hits,
            _ => &[],
        }
    }

    /// The query the box holds, when it is long enough to search.
    pub fn query(&self) -> Option<LookupQuery> {
        LookupQuery::parse(&self.text)
    }

    /// A search the rep waits for is under way (a quiet refresh is not shown as one).
    pub fn is_searching(&self) -> bool {
        self.searching.as_ref().is_some_and(|s| !s.refresh)
    }

    /// The result Enter opens: the highlighted one (or the only one) while the box holds the
    /// text its answer is for. Once the rep has typed something else, Enter searches that instead (the old
    /// results stay on screen meanwhile, but they are no longer what the rep asks about).
    pub fn enter_target(&self) -> Option<usize> {
        let current = match &self.shown {
            Shown::Answer(answer) => Some(&answer.query) == self.query().as_ref(),
            _ => false,
        };
        // A single result needs no choosing: Enter opens it.
        let single = (self.hits().len() == 1).then_some(0);
        self.active.or(single).filter(|_| current)
    }

    /// The result at [`LookupState::enter_target`].
    pub fn enter_hit(&self) -> Option<&LookupHit> {
        self.enter_target().and_then(|i| self.hits().get(i))
    }

    /// Applies one event.
    pub fn apply(&mut self, event: LookupEvent) {
        match event {
            LookupEvent::Typed(text) => self.typed(text),
            LookupEvent::Paused(edit) if edit == self.edit => self.search(false),
            LookupEvent::Paused(_) => {}
            LookupEvent::SearchNow => self.search(true),
            LookupEvent::Refresh => self.refresh(),
            LookupEvent::StoreAnswers => {
                let failed = matches!(&self.shown, Shown::Failed { query, .. }
                    if Some(query) == self.query().as_ref());
                if failed && self.searching.is_none() {
                    self.search(true);
                }
            }
            LookupEvent::Answered(seq, outcome) => self.answered(seq, outcome),
            LookupEvent::Late(seq, why) => {
                if let Some(search) = self.searching.as_mut().filter(|s| s.seq == seq) {
                    search.waiting = Some(why);
                }
            }
            LookupEvent::Next => self.step(true),
            LookupEvent::Previous => self.step(false),
            LookupEvent::Enter => match self.enter_target() {
                Some(i) => {
                    self.active = Some(i);
                    self.toggle(i);
                }
                // The answer on screen is asked again (stock moves while the rep talks; its
                // highlight and details stay); another text is searched at once.
                None => {
                    self.refresh();
                    self.search(false);
                }
            },
            LookupEvent::Pick(i) if i < self.hits().len() => {
                self.active = Some(i);
                self.toggle(i);
            }
            LookupEvent::Pick(_) => {}
            LookupEvent::Escape if self.expanded.is_some() => self.expanded = None,
            LookupEvent::Clear | LookupEvent::Escape => {
                self.text.clear();
                self.edit += 1;
                self.clear_results();
            }
        }
    }

    fn typed(&mut self, text: String) {
        if text == self.text {
            return;
        }
        self.text = text;
        self.edit += 1;
        if self.query().is_none() {
            self.clear_results();
        }
    }

    fn clear_results(&mut self) {
        self.searching = None;
        self.shown = Shown::Nothing;
        self.active = None;
        self.expanded = None;
    }

    /// Starts a search of the current text, unless it is already awaited or (when not
    /// `again`) already on screen.
    fn search(&mut self, again: bool) {
        let Some(query) = self.query() else {
            return;
        };
        if self.searching.as_ref().is_some_and(|s| s.query == query) {
            return;
        }
        let on_screen = match &self.shown {
            Shown::Answer(answer) => answer.query == query,
            _ => false,
        };
        if on_screen && !again && self.searching.is_none() {
            return;
        }
        self.seq += 1;
        self.searching = Some(Search {
            seq: self.seq,
            query,
            refresh: false,
            waiting: None,
        });
    }

    /// Asks again for the answer on screen, unless a search is under way.
    fn refresh(&mut self) {
        let Shown::Answer(answer) = &self.shown else {
            return;
        };
        if self.searching.is_some() || Some(&answer.query) != self.query().as_ref() {
            return;
        }
        self.seq += 1;
        self.searching = Some(Search {
            seq: self.seq,
            query: answer.query.clone(),
            refresh: true,
            waiting: None,
        });
    }

    fn answered(&mut self, seq: u64, outcome: Result<LookupAnswer, Error>) {
        let Some(search) = self.searching.take_if(|s| s.seq == seq) else {
            return;
        };
        if search.refresh {
            // The same products keep their highlight and opened details; a failure keeps
            // the results.
            let Ok(mut answer) = outcome else { return };
            let id_at = |i: Option<usize>| i.and_then(|i| self.hits().get(i)).map(|h| h.product.id);
            let (active, expanded) = (id_at(self.active), id_at(self.expanded));
            let index_of = |id: Option<u64>| {
                id.and_then(|id| answer.hits.iter().position(|h| h.product.id == id))
            };
            self.active = index_of(active);
            self.expanded = index_of(expanded);
            if let Some(list) = answer.warehouses.take() {
                self.warehouses = Some(list);
            }
            self.shown = Shown::Answer(answer);
            return;
        }
        self.active = None;
        self.expanded = None;
        self.shown = match outcome {
            Ok(mut answer) => {
                if let Some(list) = answer.warehouses.take() {
                    self.warehouses = Some(list);
                }
                Shown::Answer(answer)
            }
            // Only a search no longer awaited is cancelled; should one still arrive, the
            // search is simply over.
            Err(error) if error.kind == ErrorKind::Cancelled => return,
            Err(error) => Shown::Failed {
                query: search.query,
                error,
            },
        };
    }

    fn step(&mut self, forward: bool) {
        let count = self.hits().len();
        if count == 0 {
            return;
        }
        self.active = Some(match (self.active, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1).min(count - 1),
            (Some(i), false) => i.saturating_sub(1),
        });
    }

    fn toggle(&mut self, i: usize) {
        self.expanded = if self.expanded == Some(i) {
            None
        } else {
            Some(i)
        };
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
