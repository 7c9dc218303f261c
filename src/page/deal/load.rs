//! Loading the deal tab: the first open, retries, the rep's order choice and live reloads.

use std::rc::Rc;

use bitrix_rest::{Client, ErrorKind, RetryPolicy};
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::spawn_local;

use super::{DealTab, preference, store_guess, warehouse_count};
use crate::fetch::deal::{DealData, OpenContext, open_deal};
use crate::fetch::store_side::StoreData;
use crate::i18n::errors::System;
use crate::markup::deal::state::{HeldUp, Loaded, TabAction};
use crate::model::link::same_link_fields;
use crate::model::view::requests::OpenHints;

/// Why a load runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    /// The first load, or the rep asked again after a failure.
    Open,
    /// A live check saw a change: mark what changed.
    Live,
    /// The rep picked another order among several.
    Prefer(u64),
    /// The live check tries again after a failed first load.
    Recover,
    /// The rep linked the deal to an order: loaded as at open, and said once shown.
    Linked,
}

/// How long changed values stay marked after a live update.
const MARK_MS: u32 = 2_500;

/// How long a load may take before the tab says it is waiting (a slow portal or a rate-limit
/// pause inside the client).
const SLOW_MS: u32 = 1_500;

impl DealTab {
    /// What holds this tab's requests up now, if anything: a system that asked to slow down
    /// (first), or one whose call waits to try again after a failure.
    fn held_up(&self) -> Option<HeldUp> {
        let store = self.session.store.client();
        let portal = &self.session.portal;
        if portal.is_limited() {
            Some(HeldUp::Limit(System::Portal))
        } else if store.is_some_and(Client::is_limited) {
            Some(HeldUp::Limit(System::Store))
        } else if portal.is_retrying() {
            Some(HeldUp::Retry(System::Portal))
        } else if store.is_some_and(Client::is_retrying) {
            Some(HeldUp::Retry(System::Store))
        } else {
            None
        }
    }

    /// (Re)loads the deal; only the newest load's answer is shown.
    pub fn load(&self, kind: LoadKind) {
        self.load_retrying(kind, None);
    }

    /// [`DealTab::load`] whose requests retry by `retry` rather than the clients' policy.
    pub fn load_retrying(&self, kind: LoadKind, retry: Option<RetryPolicy>) {
        let generation = self.state.borrow().generation + 1;
        let chosen = match kind {
            LoadKind::Prefer(order) => Some(order),
            _ => None,
        };
        self.apply(match kind {
            LoadKind::Recover => TabAction::Recover { generation },
            _ => TabAction::Start { generation, chosen },
        });
        if let LoadKind::Prefer(order) = kind {
            preference::remember(&self.session.init.member_id, self.deal_id, order);
        }
        // Said once the load is slow, and again while it lasts, naming a system that limits
        // the requests; ignored once this load is over or a newer one started.
        let me = self.weak();
        *self.slow_timer.borrow_mut() = Some(Interval::new(SLOW_MS, move || {
            if let Some(tab) = me.upgrade() {
                let held = tab.held_up();
                tab.apply(TabAction::Slow { generation, held });
                tab.show_fresher(generation);
            }
        }));
        let me = self.weak();
        spawn_local(async move {
            let Some(tab) = me.upgrade() else { return };
            let outcome = tab.fetch(generation, retry).await;
            if tab.state.borrow().generation == generation {
                tab.slow_timer.borrow_mut().take();
                tab.fresher.borrow_mut().take();
            }
            match outcome {
                Ok(loaded) => {
                    tab.confirmed.set(js_sys::Date::now());
                    let mark = kind == LoadKind::Live;
                    let store_answered = matches!(loaded.data.store, StoreData::Answered(_));
                    tab.apply(TabAction::Done {
                        generation,
                        loaded,
                        mark,
                    });
                    if kind == LoadKind::Linked {
                        tab.apply(TabAction::Linked { generation });
                    }
                    if store_answered {
                        tab.store_answers();
                    }
                    if mark {
                        // The lookup's open results show stock too.
                        if let Some(lookup) = tab.lookup.borrow().as_ref() {
                            lookup.refresh();
                        }
                        tab.clear_marks_later();
                    }
                }
                Err(e) if e.kind == ErrorKind::Cancelled => {}
                Err(error) => tab.apply(TabAction::Failed { generation, error }),
            }
        });
    }

    /// Clears the marks of a live update once they have been seen.
    fn clear_marks_later(&self) {
        let me = self.weak();
        *self.marks_timer.borrow_mut() = Some(Timeout::new(MARK_MS, move || {
            if let Some(tab) = me.upgrade() {
                tab.apply(TabAction::ClearMarks);
            }
        }));
    }

    /// A slow reload shows Bitrix24's fresh part beside the store's part on screen (the deal's
    /// stage or sum another user changed need not wait for a slow store) — unless the deal now
    /// links another order, or none: then the store's part waits for the store.
    fn show_fresher(&self, generation: u32) {
        let Some((of, crm)) = self.fresher.borrow_mut().take() else {
            return;
        };
        let rules = &self.session.settings.link_rules;
        let store = match &self.state.borrow().loaded {
            // Another order in the deal's link fields: the order on screen is no longer its
            // own, so the store's part waits for the store's answer.
            Some(shown)
                if of == generation && !same_link_fields(&shown.data.deal, &crm.deal, rules) =>
            {
                StoreData::Pending
            }
            Some(shown) if of == generation => shown.data.store.clone(),
            _ => return,
        };
        let data = DealData {
            store,
            ..(*crm).clone()
        };
        let view = data.view(&self.session.settings, self.session.lang.code());
        self.apply(TabAction::Fresher {
            generation,
            loaded: Loaded {
                data: Rc::new(data),
                view: Rc::new(view),
            },
        });
        self.clear_marks_later();
    }

    /// The store answered: the lookup tries a search that failed again.
    pub fn store_answers(&self) {
        if let Some(lookup) = self.lookup.borrow().as_ref() {
            lookup.store_answers();
        }
    }

    /// The portal's and the store's clients for this tab's requests (stopped with it), retrying
    /// by `retry` when given.
    pub fn clients(&self, retry: Option<RetryPolicy>) -> (Client, Option<Client>) {
        let bind = |c: &Client| {
            let c = c.with_cancel(self.cancel.clone());
            match retry {
                Some(retry) => c.with_retry(retry),
                None => c,
            }
        };
        let store = self.session.store.client().map(bind);
        (bind(&self.session.portal), store)
    }

    /// Asks both systems for the deal, planned with what this frame learned so far. The CRM
    /// part, once in, is handed to the tab state (shown if the store keeps the load slow).
    async fn fetch(
        self: &Rc<Self>,
        generation: u32,
        retry: Option<RetryPolicy>,
    ) -> Result<Loaded, bitrix_rest::Error> {
        let session = &self.session;
        let (portal, store) = self.clients(retry);
        let mut known = self.hints.borrow().clone();
        let member = session.init.member_id.as_str();
        // The first open in this frame plans as the first open of the next frame will: only
        // it sends the remembered store batch and remembers its own. Later loads plan with
        // what this frame learned, and happen because something changed.
        let first = known == OpenHints::default();
        if first {
            known.warehouse_count = self.remembered_warehouses;
        }
        let guess = first
            .then(|| store_guess::recall(member, self.deal_id))
            .flatten();
        let ctx = OpenContext {
            portal: &portal,
            store: store.as_ref(),
            settings: &session.settings,
            lang: session.lang.code(),
            preferred_order: preference::recall(member, self.deal_id),
            hints: &known,
            guess: guess.as_ref(),
        };
        let settings = &session.settings;
        let lang = session.lang.code();
        let crm_ready = |crm: &DealData| {
            // A reload keeps its data on screen: Bitrix24's part waits, unbuilt, in case the
            // store keeps the reload slow (see `show_fresher`).
            if !self.state.borrow().wants_partial() {
                *self.fresher.borrow_mut() = Some((generation, Rc::new(crm.clone())));
                return;
            }
            let view = crm.view(settings, lang);
            self.apply(TabAction::Partial {
                generation,
                loaded: Loaded {
                    data: Rc::new(crm.clone()),
                    view: Rc::new(view),
                },
            });
        };
        let data = open_deal(ctx, self.deal_id, &crm_ready).await?;
        let hints = data.hints();
        if let Some(count) = hints.warehouse_count {
            warehouse_count::remember(member, count);
        }
        *self.hints.borrow_mut() = hints;
        if let Some(batch) = data.store_batch.as_ref().filter(|_| first) {
            store_guess::remember(member, self.deal_id, batch);
        }
        let view = data.view(&session.settings, session.lang.code());
        Ok(Loaded {
            data: Rc::new(data),
            view: Rc::new(view),
        })
    }
}
