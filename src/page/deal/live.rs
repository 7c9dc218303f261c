//! Keeps the deal tab live: every `poll_interval` seconds (less often while a system asks to
//! slow down or fails: [`crate::model::pace`]), while the page is visible (and the deal card
//! shows the tab) and no check or load is under way (and at once when it is shown again), asks
//! both systems whether anything changed; on a change, reloads and marks it. A check that
//! fails says so, with the time what is on screen dates from, until one answers (and a tab
//! checks at once when the browser comes back online). While the store's part or the
//! portal's product catalogue could not be loaded, the check is a reload: the tab comes back
//! by itself once they answer again. So does a first load that failed. Settings an admin
//! saved meanwhile start the tab again with them — asked before each such reload too, since a
//! failure is often what the admin mended.

use std::rc::Rc;

use bitrix_rest::{Client, Error, ErrorKind, RetryPolicy};
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use wasm_bindgen_futures::spawn_local;

use super::on_screen::OnScreen;
use super::{DealTab, LoadKind};
use crate::fetch::deal::DealData;
use crate::fetch::live::{Changed, check, saved_settings};
use crate::fetch::store_side::StoreData;
use crate::i18n::errors::System;
use crate::i18n::moment;
use crate::markup::deal::state::{TabAction, Unchecked};
use crate::model::pace::Outcome;

/// Checks, and loads after a failure, run again by themselves: one retry each, not the
/// three a rep's own action gets (a failing portal is asked less; see [`tick`]).
const BACKGROUND_RETRY: RetryPolicy = RetryPolicy {
    max_retries: 1,
    base_delay: std::time::Duration::from_secs(1),
    max_delay: std::time::Duration::from_secs(1),
};

/// Starts the checks; they stop with the tab.
pub fn start(tab: &Rc<DealTab>) {
    let seconds = tab.session.settings.poll_interval();
    let me = Rc::downgrade(tab);
    let interval = Interval::new(seconds.saturating_mul(1000), move || {
        if let Some(tab) = me.upgrade() {
            tick(&tab);
        }
    });
    *tab.live.borrow_mut() = Some(interval);
    // A tab shown again checks at once rather than at the next tick, unless what it shows was
    // confirmed within half an interval: a rep flicking between windows makes no storm.
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let me = Rc::downgrade(tab);
        let fresh_for = f64::from(seconds.saturating_mul(1000)) / 2.0;
        let shown = EventListener::new(&document, "visibilitychange", move |_| {
            if let Some(tab) = me.upgrade() {
                check_if_stale(&tab, fresh_for);
            }
        });
        tab.listeners.borrow_mut().push(shown);
        // The browser is online again after an outage: what is on screen may be old, so
        // check now rather than at the next tick (after failures, up to 45 s away).
        if let Some(window) = web_sys::window() {
            let me = Rc::downgrade(tab);
            let online = EventListener::new(&window, "online", move |_| {
                if let Some(tab) = me.upgrade() {
                    check_now(&tab);
                }
            });
            tab.listeners.borrow_mut().push(online);
        }
        // The deal card shows the tab again.
        let me = Rc::downgrade(tab);
        let watch = OnScreen::watch(&tab.root, move |shown| {
            if let Some(tab) = me.upgrade()
                && shown
            {
                check_if_stale(&tab, fresh_for);
            }
        });
        *tab.on_screen.borrow_mut() = Some(watch);
    }
}

/// The interval's tick: what the last check met sets the pace ([`crate::model::pace`]),
/// which says whether this tick checks.
fn tick(tab: &Rc<DealTab>) {
    if let Some(before) = tab.awaited.get()
        && !tab.checking.get()
        && !tab.state.borrow().busy
    {
        tab.awaited.set(None);
        let outcome = if failing(tab) && !refused_for_load(tab) {
            Outcome::Failed
        } else if slow_downs(tab) > before {
            Outcome::SlowDown
        } else {
            Outcome::Clean
        };
        tab.pace.borrow_mut().met(outcome, js_sys::Math::random());
    }
    // The rep's own search or link goes first: the check waits for the next tick.
    if rep_busy(tab) {
        return;
    }
    if tab.awaited.get().is_none() && tab.pace.borrow_mut().tick() {
        let before = slow_downs(tab);
        if check_now(tab) {
            tab.awaited.set(Some(before));
        }
    }
}

/// The rep's lookup or link panel has a request under way in this tab.
fn rep_busy(tab: &DealTab) -> bool {
    let searching = tab
        .lookup
        .borrow()
        .as_ref()
        .is_some_and(|l| l.is_searching());
    let linking = tab.link.borrow().as_ref().is_some_and(|(_, p)| p.is_busy());
    searching || linking
}

/// The tab shows no current data: its first load, a check, or its store's part failed.
fn failing(tab: &DealTab) -> bool {
    let state = tab.state.borrow();
    let unread = state.loaded.as_ref().is_some_and(|l| unread(&l.data));
    state.failed_to_open() || state.unchecked.is_some() || unread
}

/// The last check failed because a system asked to slow down: a slow-down, not a failure (the
/// pace comes back slowly, as every other tab's does).
fn refused_for_load(tab: &DealTab) -> bool {
    let state = tab.state.borrow();
    state
        .unchecked
        .as_ref()
        .is_some_and(|u| u.error.kind == ErrorKind::RateLimit)
}

/// How many times either system asked this tab's clients to slow down so far.
fn slow_downs(tab: &DealTab) -> u32 {
    let store = tab.session.store.client().map_or(0, Client::slow_downs);
    tab.session.portal.slow_downs().saturating_add(store)
}

/// The store's part or the portal's product catalogue could not be loaded (only a configured
/// store can have failed): the tab loads again rather than checks.
fn unread(data: &DealData) -> bool {
    matches!(data.store, StoreData::Unavailable(_)) || data.catalogue_error.is_some()
}

/// A tab the rep sees again checks now, unless what it shows was confirmed within `fresh_for`
/// milliseconds.
fn check_if_stale(tab: &Rc<DealTab>, fresh_for: f64) {
    if !page_hidden(tab) && js_sys::Date::now() - tab.confirmed.get() >= fresh_for {
        check_now(tab);
    }
}

/// One check, now (the interval's tick; the settings slider the tab opened has closed); false
/// when none started (one is under way, the tab is hidden or loading).
pub fn check_now(tab: &Rc<DealTab>) -> bool {
    if tab.checking.get() {
        return false; // one check at a time
    }
    // A first load that failed is tried again, quietly, until it works.
    let failed = tab.state.borrow().failed_to_open();
    if failed && !page_hidden(tab) {
        load_with_saved_settings(tab, LoadKind::Recover);
        return true;
    }
    let Some(current) = tab.state.borrow().loaded.clone() else {
        return false;
    };
    if tab.state.borrow().busy || page_hidden(tab) {
        return false; // a hidden tab makes no requests
    }
    if unread(&current.data) {
        load_with_saved_settings(tab, LoadKind::Live);
        return true;
    }
    tab.checking.set(true);
    let round = tab.checks.get();
    tab.checks.set(round.wrapping_add(1));
    let tab = tab.clone();
    spawn_local(async move {
        let session = &tab.session;
        let (portal, store) = tab.clients(Some(BACKGROUND_RETRY));
        let changed = check(
            &portal,
            store.as_ref(),
            &current.data,
            &current.view,
            &session.settings,
            round,
        )
        .await;
        tab.checking.set(false);
        match changed {
            Ok(Changed {
                settings: Some(settings),
                ..
            }) => (tab.settings_changed)(settings),
            Ok(changed) if changed.any() => tab.load(LoadKind::Live),
            Ok(Changed {
                store_failure: Some(error),
                ..
            }) => tab.check_failed(System::Store, error),
            Ok(_) => {
                tab.confirmed.set(js_sys::Date::now());
                tab.apply(TabAction::CheckPassed);
                tab.store_answers();
            }
            Err(e) if e.kind == ErrorKind::Cancelled => {}
            Err(error) => tab.check_failed(System::Portal, error),
        }
    });
    true
}

impl DealTab {
    /// Says that a check of `system` failed, and since when the data may be out of date.
    fn check_failed(&self, system: System, error: Error) {
        let day = |d: &js_sys::Date| (d.get_full_year(), d.get_month() as usize + 1, d.get_date());
        let confirmed = self.confirmed.get();
        let (at, now) = (js_sys::Date::new(&confirmed.into()), js_sys::Date::new_0());
        let as_of = moment(
            self.session.lang,
            day(&at),
            (at.get_hours(), at.get_minutes()),
            day(&now),
        );
        // A first failure while what is on screen is fresh (confirmed within two intervals)
        // is not said yet: one more failed check says it.
        let interval_ms = f64::from(self.session.settings.poll_interval()) * 1000.0;
        let fresh = now.get_time() - confirmed < 2.0 * interval_ms;
        self.apply(TabAction::CheckFailed(Unchecked {
            system,
            error,
            as_of,
            quiet: fresh,
        }));
    }
}

/// Loads again, and asks meanwhile whether an admin saved new settings (say, mended the
/// store's webhook the tab failed on): then the tab starts again with those.
pub fn load_with_saved_settings(tab: &Rc<DealTab>, kind: LoadKind) {
    tab.load_retrying(kind, Some(BACKGROUND_RETRY));
    tab.checking.set(true);
    let tab = tab.clone();
    spawn_local(async move {
        let (portal, _) = tab.clients(Some(BACKGROUND_RETRY));
        let saved = saved_settings(&portal, &tab.session.settings).await;
        tab.checking.set(false);
        if let Some(settings) = saved {
            (tab.settings_changed)(settings);
        }
    });
}

/// The rep cannot see the tab: the browser hides the page, or the deal card shows another of
/// its tabs ([`super::on_screen`]).
fn page_hidden(tab: &DealTab) -> bool {
    let hidden = web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.hidden());
    hidden
        || tab
            .on_screen
            .borrow()
            .as_ref()
            .is_some_and(|o| !o.is_shown())
}
