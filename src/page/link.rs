//! Linking a deal to an order in the browser: looks for the buyer's orders, searches by
//! number and writes the link, keeping [`LinkState`] for the deal tab to render.

use std::cell::RefCell;
use std::rc::Rc;

use bitrix_rest::models::crm::{Contact, Deal};
use bitrix_rest::models::sale::Order;
use bitrix_rest::{Access, Cancel, Client, Error, ErrorKind, RetryPolicy};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

use super::dom::{AUTOFOCUS, Action};
use crate::fetch::answers::run;
use crate::fetch::link::{
    LinkFailure, candidate_orders, orders_by_number, orders_linked_elsewhere, write_link,
};
use crate::i18n::errors::{System, asks_admin, describe};
use crate::i18n::fill;
use crate::markup::Markup;
use crate::markup::link::{
    self as markup, ContactSearch, Found, KnownBuyer, LinkState, LinkStep, NotLinked, offered,
    with_buyers,
};
use crate::model::call::Batch;
use crate::model::contacts::search::{CandidateSearch, buyer_name_in, buyer_of};
use crate::model::contacts::{MatchedOn, has_any_means};
use crate::model::link::{UnresolvedLink, recorded_links, written_meanwhile};
use crate::model::settings::Settings;
use crate::model::view::poll::{changed_settings, settings_call};
use crate::model::view::requests::deal_get_call;
use crate::session::Session;

/// The linking panel of a deal without a linked order.
pub struct LinkPanel {
    state: RefCell<LinkState>,
    session: Rc<Session>,
    deal_id: u64,
    /// The deal as the tab loaded it: what its link fields held then.
    deal_at_open: Deal,
    /// The deal's contact, whom an order found by number is compared with.
    contact: Option<Contact>,
    /// Asks the deal tab to render again.
    changed: Rc<dyn Fn()>,
    /// Tells the deal tab the link is written.
    linked: Rc<dyn Fn()>,
    /// Starts the tab again with settings an admin saved meanwhile (found when linking).
    settings_changed: Rc<dyn Fn(Settings)>,
    /// Aborts the requests in flight when the panel goes away.
    cancel: Cancel,
}

impl LinkPanel {
    /// Starts looking for the buyer's orders at once.
    pub fn new(
        session: Rc<Session>,
        deal: &Deal,
        contact: Option<Contact>,
        changed: Rc<dyn Fn()>,
        linked: Rc<dyn Fn()>,
        settings_changed: Rc<dyn Fn(Settings)>,
    ) -> Rc<LinkPanel> {
        let search = contact.as_ref().and_then(CandidateSearch::for_contact);
        let looks_for = match (&contact, &search) {
            (None, _) => ContactSearch::NoContact,
            (Some(c), None) if has_any_means(c) => ContactSearch::NoUsableMeans,
            (Some(_), None) => ContactSearch::NothingToSearchBy,
            (Some(_), Some(_)) => ContactSearch::ByPhoneOrEmail,
        };
        let panel = Rc::new(LinkPanel {
            state: RefCell::new(LinkState::new(looks_for)),
            session,
            deal_id: deal.id,
            deal_at_open: deal.clone(),
            contact: contact.clone(),
            settings_changed,
            changed,
            linked,
            cancel: Cancel::new(),
        });
        if let (Some(search), Some(store)) = (search, panel.store()) {
            panel.state.borrow_mut().candidates = Found::Searching;
            let (weak, portal) = (Rc::downgrade(&panel), panel.portal());
            let (session, deal_id) = (panel.session.clone(), panel.deal_id);
            spawn_local(async move {
                let mut more = false;
                let found = match candidate_orders(&store, &search).await {
                    Ok((found, capped)) => {
                        more = capped;
                        let mut orders = Vec::with_capacity(found.len());
                        let mut ons = Vec::with_capacity(found.len());
                        for c in found {
                            orders.push(c.order);
                            ons.push(c.on);
                        }
                        offer(&session, (&portal, &store), deal_id, orders, &ons).await
                    }
                    Err(e) => failed(&e, &session),
                };
                if let Some(panel) = weak.upgrade() {
                    let mut state = panel.state.borrow_mut();
                    state.candidates = found;
                    state.candidates_more = more;
                    drop(state);
                    (panel.changed)();
                }
            });
        }
        panel
    }

    /// True while a link is being written.
    pub fn is_linking(&self) -> bool {
        self.state.borrow().linking.is_some()
    }

    /// Writes the panel (the deal tab calls this inside its own markup, with what the deal's
    /// link fields hold that names no order, and whether the tab is loading).
    pub fn write(&self, m: &mut Markup, unresolved: &[UnresolvedLink], loading: bool) {
        markup::write(
            m,
            &self.state.borrow(),
            unresolved,
            &self.session.settings.field_labels,
            self.session.audience(),
            loading,
        );
    }

    /// The order number typed in the panel.
    pub fn typed_number(&self) -> String {
        self.state.borrow().number.clone()
    }

    /// Puts back a number typed before the tab started again (new settings).
    pub fn resume_number(&self, number: String) {
        self.state.borrow_mut().number = number;
    }

    /// Handles an action of the panel (names starting with `link-`); false for any other.
    pub fn handle(self: &Rc<Self>, action: &Action) -> bool {
        match action.name.as_str() {
            // Typing only keeps the text: the field is not rendered again under the caret.
            "link-number" => self.state.borrow_mut().number = action.value(),
            "link-number-key" => {
                if action.key() == "Enter" {
                    // The field sits in a form: Enter must not submit (reload) the page.
                    action.event.prevent_default();
                    // Enter held down searches once, not once a repeat.
                    if action.repeated() {
                        return true;
                    }
                    self.state.borrow_mut().number = action.value();
                    self.search();
                }
            }
            "link-search" => {
                action.event.prevent_default();
                self.search();
            }
            "link-order" | "link-order-anyway" => {
                if let Some(id) = action.number() {
                    // Which list the pressed "Link" is in: an order may be in both.
                    let list = action
                        .element
                        .closest("li[data-testid]")
                        .ok()
                        .flatten()
                        .and_then(|li| li.get_attribute("data-testid"));
                    self.state.borrow_mut().pressed_in = list;
                    self.link(id, action.name == "link-order-anyway");
                }
            }
            "link-cancel" => {
                if self.state.borrow_mut().cancel_confirm() {
                    (self.changed)();
                }
            }
            "link-confirm-key" => {
                // Enter held down on "Link" would answer the question that "Link" asked with
                // its repeats: an answer takes a key pressed anew.
                if action.key() == "Enter" && action.repeated() {
                    action.event.prevent_default();
                } else if action.key() == "Escape" && self.state.borrow_mut().cancel_confirm() {
                    (self.changed)();
                }
            }
            _ => return false,
        }
        true
    }

    /// The store's client bound to this panel's lifetime, when the store is configured.
    fn store(&self) -> Option<Client> {
        self.session
            .store
            .client()
            .map(|c| c.with_cancel(self.cancel.clone()))
    }

    fn portal(&self) -> Client {
        self.session.portal.with_cancel(self.cancel.clone())
    }

    /// Searches the store for the typed order number.
    fn search(self: &Rc<Self>) {
        let Some(store) = self.store() else {
            return;
        };
        let begun = self.state.borrow_mut().begin_search();
        // Shown either way: the search's progress, or why there is none.
        (self.changed)();
        let Some((search, wanted)) = begun else {
            return;
        };
        let (weak, portal) = (Rc::downgrade(self), self.portal());
        let (session, deal_id) = (self.session.clone(), self.deal_id);
        let contact = self.contact.clone();
        spawn_local(async move {
            let found = match orders_by_number(&store, &wanted).await {
                Ok((orders, _)) if orders.is_empty() => Found::Nothing(wanted),
                Ok((orders, buyers)) => {
                    // Whose each order is: the contact's (said as the candidates are), another
                    // buyer's, or unknown (no phone or e-mail to tell by): the link asks first
                    // unless it is the contact's.
                    let known: Vec<KnownBuyer> = orders
                        .iter()
                        .map(|o| KnownBuyer {
                            order_id: o.id,
                            is: buyer_of(contact.as_ref(), o.id, &buyers),
                            name: buyer_name_in(o.id, &buyers),
                        })
                        .collect();
                    let found = offer(&session, (&portal, &store), deal_id, orders, &[]).await;
                    with_buyers(found, &known)
                }
                Err(e) => failed(&e, &session),
            };
            if let Some(panel) = weak.upgrade() {
                let shown = panel.state.borrow_mut().end_search(search, found);
                if shown {
                    (panel.changed)();
                }
            }
        });
    }

    /// Shows the question before a link, and puts the focus on its answer: the rep just
    /// pressed that order's Link (a browser that does not focus a pressed button, as Safari,
    /// or a link checked at length, would otherwise leave the focus on the page).
    fn ask(&self) {
        (self.changed)();
        let answer = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("[data-testid=link-confirm] {AUTOFOCUS}"))
                    .ok()
                    .flatten()
            })
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(answer) = answer {
            answer.focus().ok();
        }
    }

    /// Writes the link to order `order_id` (after the rep's yes when another deal has it).
    fn link(self: &Rc<Self>, order_id: u64, confirmed: bool) {
        // A yes to "the buyer is someone else" is no yes to "another deal has it".
        let others_answered = confirmed && self.state.borrow().asks_about_others(order_id);
        let step = self.state.borrow_mut().begin_link(order_id, confirmed);
        let order = match step {
            None => return,
            Some(LinkStep::Confirm) => return self.ask(),
            Some(LinkStep::Write(order)) => *order,
        };
        (self.changed)();
        self.watch_limit();
        let (weak, portal, store) = (Rc::downgrade(self), self.portal(), self.store());
        let (session, deal_id) = (self.session.clone(), self.deal_id);
        let at_open = self.deal_at_open.clone();
        spawn_local(async move {
            // The link stops here, and the panel says why.
            let stop = |why: String| {
                if let Some(panel) = weak.upgrade() {
                    panel.state.borrow_mut().end_link(Err(why.into()));
                    (panel.changed)();
                }
            };
            // Bitrix24 asking to slow down has written nothing: the panel waits, then checks
            // the deal again before it writes (a retry of the write alone could overwrite what
            // someone linked meanwhile).
            let mut waited = 0;
            loop {
                // The deal and the saved settings, read again in one request. An admin may have
                // changed how deals link since the tab loaded: the link follows the rules now
                // saved. Someone may have linked this deal meanwhile (in another window): their
                // link is not overwritten. Bitrix24 not answering at all stops the link at once
                // (rather than waiting for the write to time out too); a part it refused does
                // not.
                let (now, fresh) =
                    match deal_and_settings(&portal, &session.settings, deal_id).await {
                        Ok(read) => read,
                        Err(e) => {
                            let why = describe(&e, System::Portal, session.lang);
                            return stop(fill(session.lang.deal().link_not_checked, &[&why]));
                        }
                    };
                let rules = &fresh.as_ref().unwrap_or(&session.settings).link_rules;
                let before = recorded_links(&at_open, rules);
                if let Some(now) = &now
                    && let Some(value) = written_meanwhile(&before, &recorded_links(now, rules))
                {
                    return stop(fill(
                        session.lang.deal().link_deal_linked_meanwhile,
                        &[&value],
                    ));
                }
                // Another deal may have linked the order since the panel listed it: asked again
                // unless the rep already agreed to that. A question no one answered asks the rep.
                if !others_answered && let Some(store) = &store {
                    let once = std::slice::from_ref(&order);
                    let asked = orders_linked_elsewhere(&portal, store, rules, deal_id, once).await;
                    let Some(panel) = weak.upgrade() else {
                        return;
                    };
                    match asked {
                        Ok(found) => {
                            if !found.is_empty() {
                                let others = found.into_iter().map(|(_, other)| other).collect();
                                panel.state.borrow_mut().linked_meanwhile(order.id, others);
                                return panel.ask();
                            }
                        }
                        Err((system, e)) => {
                            let lang = session.lang;
                            let why = fill(
                                lang.deal().link_elsewhere_unknown,
                                &[&describe(&e, system, lang)],
                            );
                            panel.state.borrow_mut().not_checked(order.id, why);
                            return panel.ask();
                        }
                    }
                }
                let deal = now.as_ref().unwrap_or(&at_open);
                let once = portal.with_retry(RetryPolicy::NONE);
                let written = write_link(&once, rules, deal, &order).await;
                if let Err(LinkFailure::Portal(e)) = &written
                    && let Some(wait) =
                        session
                            .portal
                            .retry_policy()
                            .delay(e, Access::Write, waited)
                {
                    waited += 1;
                    gloo_timers::future::TimeoutFuture::new(wait.as_millis() as u32).await;
                    continue;
                }
                let result = said(&session, written);
                let Some(panel) = weak.upgrade() else {
                    return;
                };
                let done = result.is_ok();
                panel.state.borrow_mut().end_link(result);
                match (done, fresh) {
                    // The tab starts again with the settings the link was written by.
                    (true, Some(settings)) => (panel.settings_changed)(settings),
                    (true, None) => (panel.linked)(),
                    (false, _) => (panel.changed)(),
                }
                return;
            }
        });
    }

    /// The rep's search or link is under way.
    pub fn is_busy(&self) -> bool {
        self.state.borrow().is_busy()
    }

    /// While a link is written, says each second whether Bitrix24 makes it wait (asks to slow
    /// down), so a slow link is not silent.
    fn watch_limit(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(1_000).await;
                let Some(panel) = weak.upgrade() else {
                    return;
                };
                let limited = panel.session.portal.is_limited();
                let changed = {
                    let mut state = panel.state.borrow_mut();
                    if state.linking.is_none() {
                        return;
                    }
                    let changed = state.waiting_limit != limited;
                    state.waiting_limit = limited;
                    changed
                };
                if changed {
                    (panel.changed)();
                }
            }
        });
    }
}

impl Drop for LinkPanel {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// The deal as Bitrix24 holds it now, and the settings when an admin saved other ones than
/// `current` (one request; a part that could not be read is `None`). Fails when the request
/// got no answer at all.
async fn deal_and_settings(
    portal: &Client,
    current: &Settings,
    deal_id: u64,
) -> Result<(Option<Deal>, Option<Settings>), Error> {
    let mut batch = Batch::new();
    batch.push("deal", deal_get_call(deal_id));
    batch.push("settings", settings_call());
    let answers = run(portal, &batch).await?;
    let deal = match answers.get::<Deal>("deal") {
        Ok(deal) => Some(deal),
        // No answer (a batch's failure reaches each command): writing would wait just as long.
        Err(e) if unanswered(&e) => return Err(e),
        Err(_) => None,
    };
    let settings = answers
        .reply("settings")
        .ok()
        .and_then(|r| changed_settings(current, &r.result));
    Ok((deal, settings))
}

/// Bitrix24 did not answer (down, overloaded, unreachable, or the tab stopped the request).
fn unanswered(e: &Error) -> bool {
    matches!(
        e.kind,
        ErrorKind::Network | ErrorKind::Server | ErrorKind::RateLimit | ErrorKind::Cancelled
    )
}

/// How a link's write went, in the rep's words.
fn said(session: &Session, written: Result<(), LinkFailure>) -> Result<(), NotLinked> {
    let (t, who) = (session.lang.deal(), session.audience());
    // An administrator is told what to change, a rep whom to ask.
    let (cannot_write, origin_taken) = match who.is_admin {
        true => (t.link_cannot_write_admin, t.link_origin_taken_admin),
        false => (t.link_cannot_write, t.link_origin_taken),
    };
    match written {
        Ok(()) => Ok(()),
        Err(LinkFailure::NoWritableRule) => Err(NotLinked::for_admin(cannot_write.to_owned())),
        Err(LinkFailure::OriginTaken(taken)) => {
            Err(NotLinked::for_admin(fill(origin_taken, &[&taken])))
        }
        Err(LinkFailure::Portal(e)) => Err(NotLinked {
            why: who.describe(&e, System::Portal),
            maybe_written: e.maybe_applied,
            asks_admin: asks_admin(&e, System::Portal),
        }),
    }
}

/// `orders` offered for linking, each with the other deal that already links to it (one
/// portal request); `ons`: how each was found by the contact.
async fn offer(
    session: &Session,
    (portal, store): (&Client, &Client),
    deal_id: u64,
    orders: Vec<Order>,
    ons: &[MatchedOn],
) -> Found {
    let rules = &session.settings.link_rules;
    match orders_linked_elsewhere(portal, store, rules, deal_id, &orders).await {
        Ok(elsewhere) => offered(orders, ons, elsewhere, None),
        Err((system, e)) => {
            let lang = session.lang;
            let why = describe(&e, system, lang);
            let unknown = fill(lang.deal().link_elsewhere_unknown, &[&why]);
            offered(orders, ons, Vec::new(), Some(unknown))
        }
    }
}

/// A failed store search, in the rep's words.
#[inline(never)]
fn failed(e: &Error, session: &Session) -> Found {
    Found::Failed(describe(e, System::Store, session.lang))
}
