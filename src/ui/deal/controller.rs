//! Loads the deal tab and keeps it live: the first load, retries, the rep's order choice, and a
//! cheap check every few seconds while the tab is visible.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bitrix_rest::{Cancel, ErrorKind};
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::state::{Loaded, TabAction, TabState};
use super::{preference, store_guess};
use crate::fetch::deal::{OpenContext, open_deal};
use crate::fetch::live::check;
use crate::model::view::requests::OpenHints;
use crate::session::{Session, StoreAccess};

/// Why a load runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    /// The first load, or the rep asked again after a failure.
    Open,
    /// A live check saw a change: mark what changed.
    Live,
    /// The rep picked another order among several.
    Prefer(u64),
}

/// How long changed values stay marked after a live update.
const MARK_MS: u32 = 2_500;

/// The tab's controller: returns the callback that (re)loads it.
#[hook]
pub fn use_deal_controller(
    session: Rc<Session>,
    deal_id: u64,
    state: UseReducerHandle<TabState>,
) -> Callback<LoadKind> {
    let generation = use_mut_ref(|| 0_u32);
    let hints = use_mut_ref(OpenHints::default);
    let cancel = use_memo((), |_| Cancel::new());
    {
        let cancel = cancel.clone();
        // Requests still in flight when the tab goes away are aborted.
        use_effect_with((), move |_| move || cancel.cancel());
    }
    let reload = {
        let state = state.clone();
        let session = session.clone();
        let cancel = (*cancel).clone();
        use_callback((), move |kind: LoadKind, _| {
            *generation.borrow_mut() += 1;
            let this = *generation.borrow();
            state.dispatch(TabAction::Start { generation: this });
            if let LoadKind::Prefer(order) = kind {
                preference::remember(deal_id, order);
            }
            let (state, session, hints, cancel) = (
                state.clone(),
                session.clone(),
                hints.clone(),
                cancel.clone(),
            );
            spawn_local(async move {
                let portal = session.portal.with_cancel(cancel.clone());
                let store = match &session.store {
                    StoreAccess::Ready(c) => Some(c.with_cancel(cancel.clone())),
                    StoreAccess::NotConfigured => None,
                };
                let known = hints.borrow().clone();
                let member = session.init.member_id.as_str();
                // The first open in this frame plans as the first open of the next frame will:
                // only it sends the remembered store batch and remembers its own. Later loads
                // plan with what this frame learned, and happen because something changed.
                let first = known == OpenHints::default();
                let guess = first
                    .then(|| store_guess::recall(member, deal_id))
                    .flatten();
                let ctx = OpenContext {
                    portal: &portal,
                    store: store.as_ref(),
                    settings: &session.settings,
                    lang: session.lang.code(),
                    preferred_order: preference::recall(deal_id),
                    hints: &known,
                    guess: guess.as_ref(),
                };
                match open_deal(ctx, deal_id).await {
                    Ok(data) => {
                        *hints.borrow_mut() = data.hints();
                        if let Some(batch) = data.store_batch.as_ref().filter(|_| first) {
                            store_guess::remember(member, deal_id, batch);
                        }
                        let view = data.view(&session.settings, session.lang.code());
                        let loaded = Loaded {
                            data: Rc::new(data),
                            view: Rc::new(view),
                        };
                        let mark = kind == LoadKind::Live;
                        state.dispatch(TabAction::Done {
                            generation: this,
                            loaded,
                            mark,
                        });
                        if mark {
                            let state = state.clone();
                            Timeout::new(MARK_MS, move || state.dispatch(TabAction::ClearMarks))
                                .forget();
                        }
                    }
                    Err(e) if e.kind == ErrorKind::Cancelled => {}
                    Err(error) => state.dispatch(TabAction::Failed {
                        generation: this,
                        error,
                    }),
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(deal_id, move |_| reload.emit(LoadKind::Open));
    }
    use_live_checks(
        session,
        state.loaded.clone(),
        reload.clone(),
        (*cancel).clone(),
    );
    reload
}

/// Every `poll_interval` seconds, while the page is visible and nothing is loading, asks both
/// systems whether anything changed; on a change, reloads and marks it.
#[hook]
fn use_live_checks(
    session: Rc<Session>,
    loaded: Option<Loaded>,
    reload: Callback<LoadKind>,
    cancel: Cancel,
) {
    let latest = use_mut_ref(|| None::<Loaded>);
    *latest.borrow_mut() = loaded;
    let seconds = session.settings.poll_interval();
    use_effect_with(seconds, move |seconds| {
        let in_flight = Rc::new(Cell::new(false));
        let interval = Interval::new(seconds.saturating_mul(1000), move || {
            let Some(current) = latest.borrow().clone() else {
                return;
            };
            if in_flight.get() || page_hidden() {
                return; // a hidden tab makes no requests
            }
            in_flight.set(true);
            let (session, reload, in_flight, cancel) = (
                session.clone(),
                reload.clone(),
                in_flight.clone(),
                cancel.clone(),
            );
            spawn_local(async move {
                let portal = session.portal.with_cancel(cancel.clone());
                let store = match &session.store {
                    StoreAccess::Ready(c) => Some(c.with_cancel(cancel)),
                    StoreAccess::NotConfigured => None,
                };
                let changed = check(&portal, store.as_ref(), &current.data, &current.view).await;
                in_flight.set(false);
                if changed.is_ok_and(|c| c.any()) {
                    reload.emit(LoadKind::Live);
                }
            });
        });
        let keep = RefCell::new(Some(interval));
        move || drop(keep.borrow_mut().take())
    });
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
