//! The deal tab's state: what is shown, what failed, what just changed.

use std::rc::Rc;

use bitrix_rest::Error;
use yew::prelude::*;

use crate::fetch::deal::DealData;
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
    /// What the last live update changed, marked for a moment.
    pub marks: Rc<ViewChanges>,
    /// Counts loads, so a stale answer never replaces a newer one.
    pub generation: u32,
}

/// What happens to the tab.
pub enum TabAction {
    /// Load number `generation` starts; only its answer is taken.
    Start { generation: u32 },
    /// A load of `generation` finished.
    Done {
        generation: u32,
        loaded: Loaded,
        mark: bool,
    },
    /// A load of `generation` failed.
    Failed { generation: u32, error: Error },
    /// The marks have been seen long enough.
    ClearMarks,
}

impl Reducible for TabState {
    type Action = TabAction;

    fn reduce(self: Rc<Self>, action: TabAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            TabAction::Start { generation } => {
                next.busy = true;
                next.generation = generation;
            }
            TabAction::Done {
                generation,
                loaded,
                mark,
            } => {
                if generation != self.generation {
                    return self;
                }
                next.marks = Rc::new(match (&self.loaded, mark) {
                    (Some(before), true) => changes(&before.view, &loaded.view),
                    _ => ViewChanges::default(),
                });
                next.loaded = Some(loaded);
                next.error = None;
                next.busy = false;
            }
            TabAction::Failed { generation, error } => {
                if generation != self.generation {
                    return self;
                }
                next.error = Some(error);
                next.busy = false;
            }
            TabAction::ClearMarks => {
                if self.marks.is_empty() {
                    return self;
                }
                next.marks = Rc::default();
            }
        }
        Rc::new(next)
    }
}

/// `data-state` of the tab root.
pub fn state_name(state: &TabState) -> &'static str {
    match (&state.loaded, &state.error) {
        (Some(_), _) => "ready",
        (None, Some(_)) => "error",
        (None, None) => "loading",
    }
}
