//! Keeps the deal tab live: every `poll_interval` seconds, while the page is visible and no
//! check or load is under way, asks both systems whether anything changed; on a change, reloads
//! and marks it. While the store's part or the portal's product catalogue could not be loaded,
//! the check is a reload: the tab comes back by itself once they answer again. So does a first
//! load that failed.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use wasm_bindgen_futures::spawn_local;

use super::{DealTab, LoadKind};
use crate::fetch::live::check;
use crate::fetch::store_side::StoreData;
use crate::session::StoreAccess;

/// Starts the checks; they stop with the tab.
pub fn start(tab: &Rc<DealTab>) {
    let seconds = tab.session.settings.poll_interval();
    let in_flight = Rc::new(Cell::new(false));
    let me = Rc::downgrade(tab);
    let interval = Interval::new(seconds.saturating_mul(1000), move || {
        let Some(tab) = me.upgrade() else { return };
        // A first load that failed is tried again, quietly, until it works.
        let failed = tab.state.borrow().failed_to_open();
        if failed && !page_hidden() {
            tab.load(LoadKind::Recover);
            return;
        }
        let Some(current) = tab.state.borrow().loaded.clone() else {
            return;
        };
        if in_flight.get() || tab.state.borrow().busy || page_hidden() {
            return; // a hidden tab makes no requests
        }
        // (Only a configured store can have failed.)
        let unread = matches!(current.data.store, StoreData::Unavailable(_))
            || current.data.catalogue_error.is_some();
        if unread {
            tab.load(LoadKind::Live);
            return;
        }
        in_flight.set(true);
        let in_flight = in_flight.clone();
        spawn_local(async move {
            let session = &tab.session;
            let portal = session.portal.with_cancel(tab.cancel.clone());
            let store = match &session.store {
                StoreAccess::Ready(c) => Some(c.with_cancel(tab.cancel.clone())),
                StoreAccess::NotConfigured => None,
            };
            let rules = &session.settings.link_rules;
            let changed = check(&portal, store.as_ref(), &current.data, &current.view, rules).await;
            in_flight.set(false);
            if changed.is_ok_and(|c| c.any()) {
                tab.load(LoadKind::Live);
            }
        });
    });
    *tab.live.borrow_mut() = Some(interval);
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
