//! Linking a deal to an order, as markup: a deal without a linked order sees the buyer's
//! orders found by the contact's phone and e-mail, a search by order number, and "Link" on
//! each order. [`LinkState`] is what the panel shows; its methods are the panel's state
//! changes, and [`crate::page`] runs the requests between them.
//!
//! Actions (all `link-`): `link-order` (click, the order ID as argument; an order another deal
//! links to asks first), `link-order-anyway` (click: link it all the same), `link-cancel`
//! (click: do not), `link-number`
//! (input in the number field), `link-number-key` (a key in it: Enter searches) and
//! `link-search` (the search button).

use bitrix_rest::models::sale::Order;

use super::Markup;
use super::format::Fmt;
use super::skeleton::bar;
use crate::i18n::{DealTexts, Lang, fill};
use crate::markup::deal::order::{number_with_id, order_id};
use crate::markup::notice::{Audience, ask_line};
use crate::model::contacts::MatchedOn;
use crate::model::contacts::search::BuyerIs;
use crate::model::link::UnresolvedLink;
use crate::model::linked_elsewhere::OtherDeal;
use crate::model::settings::{FieldLabel, OrderKey};

/// The `id` of the number field: the page keeps it focused across renders.
pub const NUMBER_ID: &str = "sl-link-number";
/// The ID of the sentence under that field when it was left empty.
const NUMBER_MISSING_ID: &str = "sl-link-number-missing";

/// What a search shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Found {
    /// Not started.
    #[default]
    Idle,
    Searching,
    /// The orders, and why it is unknown whether other deals link to them (when it is).
    Orders(Vec<Entry>, Option<String>),
    /// No order has this number.
    Nothing(String),
    /// The search failed: why.
    Failed(String),
}

/// An order offered for linking.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub order: Order,
    /// How it was found by the contact (`None`: by number).
    pub on: Option<MatchedOn>,
    /// The other deals that already link to it.
    pub elsewhere: Vec<OtherDeal>,
    /// Found by number, its buyer is not shown to be the deal's contact (another buyer, or
    /// nothing to tell by): the link asks first.
    pub buyer_doubt: Option<BuyerDoubt>,
    /// The buyer's name, when the order names one (said of another buyer).
    pub buyer: Option<String>,
}

/// Why the buyer of an order found by number may not be the deal's contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuyerDoubt {
    /// Another buyer: a phone or an e-mail to compare, and none is the contact's.
    Other,
    /// Nothing to tell by: no phone or e-mail to compare on one side.
    Unknown,
}

/// What is known of the buyer of an order found by number: who it is against the deal's
/// contact, and its name.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownBuyer {
    pub order_id: u64,
    pub is: BuyerIs,
    pub name: Option<String>,
}

/// `found` (orders found by number) with what their buyers are known to be.
pub fn with_buyers(mut found: Found, known: &[KnownBuyer]) -> Found {
    if let Found::Orders(entries, _) = &mut found {
        for entry in entries.iter_mut() {
            if let Some(buyer) = known.iter().find(|b| b.order_id == entry.order.id) {
                (entry.on, entry.buyer_doubt) = match buyer.is {
                    BuyerIs::Contact(on) => (Some(on), None),
                    BuyerIs::Other => (None, Some(BuyerDoubt::Other)),
                    BuyerIs::Unknown => (None, Some(BuyerDoubt::Unknown)),
                };
                entry.buyer = buyer.name.clone();
            }
        }
    }
    found
}

/// `orders` offered for linking: `ons[i]` is how order `i` was found by the contact (none for a
/// search by number), `elsewhere` the other deals already linked to them by order ID, and
/// `unknown` why that could not be checked. Among the contact's candidates, the orders no other
/// deal holds come first.
pub fn offered(
    orders: Vec<Order>,
    ons: &[MatchedOn],
    elsewhere: Vec<(u64, OtherDeal)>,
    unknown: Option<String>,
) -> Found {
    let mut entries = Vec::with_capacity(orders.len());
    for (i, order) in orders.into_iter().enumerate() {
        let others = elsewhere
            .iter()
            .filter(|(id, _)| *id == order.id)
            .map(|(_, other)| other.clone())
            .collect();
        entries.push(Entry {
            order,
            on: ons.get(i).copied(),
            elsewhere: others,
            buyer_doubt: None,
            buyer: None,
        });
    }
    // Candidates of the contact: the orders free to link first, those other deals hold after
    // them (in their order). Orders found by number keep theirs: the number typed first.
    if !ons.is_empty() {
        crate::model::sorted::sort_by_key(&mut entries, |e| !e.elsewhere.is_empty());
    }
    Found::Orders(entries, unknown)
}

/// What the deal's contact gives to look for the buyer's orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactSearch {
    /// The deal has no contact: no candidates are offered.
    #[default]
    NoContact,
    /// The contact has neither a phone nor an e-mail (the panel says so).
    NothingToSearchBy,
    /// The contact's phones and e-mails are none a buyer could have typed (`112`, a number
    /// of 16 digits, an address without `@`): the panel says so, as the card shows them.
    NoUsableMeans,
    /// The contact's phones and e-mails are searched for.
    ByPhoneOrEmail,
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkState {
    /// Whether the buyer's orders are looked for.
    pub contact: ContactSearch,
    /// The orders found by the contact's phone and e-mail.
    pub candidates: Found,
    /// The search by phone and e-mail may have left out older orders (a full page).
    pub candidates_more: bool,
    /// The orders found by number.
    pub by_number: Found,
    /// What is typed in the number field.
    pub number: String,
    /// The search by number whose answer is awaited (earlier answers are dropped).
    pub search: u32,
    /// The order whose link is being written.
    pub linking: Option<u64>,
    /// The last link that was not written: the order's number and why.
    pub link_error: Option<(String, NotLinked)>,
    /// An order another deal links to, whose "Link" asks the rep to confirm.
    pub confirming: Option<u64>,
    /// The list whose "Link" was pressed (its items' `data-testid`), when an order is in both
    /// the buyer's orders and the search by number: the question shows there only.
    pub pressed_in: Option<String>,
    /// The order whose confirmation the rep just canceled: its "Link" takes the focus back.
    pub refocus: Option<u64>,
    /// "Find" was pressed with nothing typed.
    pub number_missing: bool,
    /// While the link is written, Bitrix24 asks to slow down and the write waits.
    pub waiting_limit: bool,
    /// The number of the order the deal was just linked to, while the tab loads it (no other
    /// link is offered meanwhile).
    pub linked: Option<String>,
}

/// Why a link was not written, in the rep's words.
#[derive(Debug, Clone, PartialEq)]
pub struct NotLinked {
    /// The failure's sentence.
    pub why: String,
    /// The portal may have written it anyway (the answer was lost on the way back).
    pub maybe_written: bool,
    /// The sentence sends the rep to the administrator (who is then named).
    pub asks_admin: bool,
}

impl From<String> for NotLinked {
    fn from(why: String) -> NotLinked {
        NotLinked {
            why,
            maybe_written: false,
            asks_admin: false,
        }
    }
}

impl NotLinked {
    /// A reason only the administrator can mend (the link rules).
    pub fn for_admin(why: String) -> NotLinked {
        NotLinked {
            asks_admin: true,
            ..NotLinked::from(why)
        }
    }
}

/// What "Link" on an offered order leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkStep {
    /// The order is linked to another deal: the rep confirms first.
    Confirm,
    /// Write the link to this order.
    Write(Box<Order>),
}

impl LinkState {
    pub fn new(contact: ContactSearch) -> LinkState {
        LinkState {
            contact,
            ..LinkState::default()
        }
    }

    /// Starts a search by the typed number: its sequence number and the trimmed number, or
    /// `None` (nothing changes) when the field is blank.
    pub fn begin_search(&mut self) -> Option<(u32, String)> {
        let wanted = self.number.trim();
        self.number_missing = wanted.is_empty();
        if wanted.is_empty() {
            return None;
        }
        let wanted = wanted.to_owned();
        self.search = self.search.wrapping_add(1);
        self.by_number = Found::Searching;
        Some((self.search, wanted))
    }

    /// The answer of search `search`: shown unless a later search started. True when shown.
    pub fn end_search(&mut self, search: u32, found: Found) -> bool {
        if search != self.search {
            return false;
        }
        self.by_number = found;
        true
    }

    /// "Link" on the order `order_id` when it is offered and no link is being written: an
    /// order another deal links to asks to confirm first (`confirmed` is the rep's yes).
    pub fn begin_link(&mut self, order_id: u64, confirmed: bool) -> Option<LinkStep> {
        if self.link_closed() {
            return None;
        }
        let (entry, unchecked) = self.offered_entry(order_id)?;
        // Linked to another deal, or no one could tell: the rep says yes first.
        if (!entry.elsewhere.is_empty() || unchecked || entry.buyer_doubt.is_some()) && !confirmed {
            self.confirming = Some(order_id);
            return Some(LinkStep::Confirm);
        }
        let order = Box::new(entry.order.clone());
        self.waiting_limit = false;
        self.confirming = None;
        self.refocus = None;
        self.linking = Some(order_id);
        self.link_error = None;
        Some(LinkStep::Write(order))
    }

    /// A link is being written, or was just written: no other is offered now.
    fn link_closed(&self) -> bool {
        self.linking.is_some() || self.linked.is_some()
    }

    /// Whether linking order `order_id` asks about other deals: one holds it, or no one could
    /// tell (a question about its buyer alone does not).
    pub fn asks_about_others(&self, order_id: u64) -> bool {
        self.offered_entry(order_id)
            .is_some_and(|(entry, unchecked)| !entry.elsewhere.is_empty() || unchecked)
    }

    /// The rep does not link the order that asked to confirm; false when none asked.
    pub fn cancel_confirm(&mut self) -> bool {
        let Some(id) = self.confirming.take() else {
            return false;
        };
        self.refocus = Some(id);
        true
    }

    /// The rep's own requests are under way: a search, or a link being written.
    pub fn is_busy(&self) -> bool {
        self.linking.is_some()
            || [&self.candidates, &self.by_number]
                .iter()
                .any(|f| matches!(f, Found::Searching))
    }

    /// The link was written (`Ok`) or not (why).
    pub fn end_link(&mut self, result: Result<(), NotLinked>) {
        let number = self
            .linking
            .take()
            .and_then(|id| self.offered_order(id))
            .map(|o| o.account_number.clone())
            .unwrap_or_default();
        match result {
            Ok(()) => self.linked = Some(number),
            Err(why) => self.link_error = Some((number, why)),
        }
    }

    /// An order the panel lists, by ID.
    pub fn offered_order(&self, order_id: u64) -> Option<&Order> {
        self.offered_entry(order_id).map(|(e, _)| &e.order)
    }

    /// Other deals linked order `order_id` while the panel was open (found when "Link" was
    /// pressed): the order is marked so, and the rep confirms before it is linked here too.
    /// False when the order is no longer offered.
    pub fn linked_meanwhile(&mut self, order_id: u64, others: Vec<OtherDeal>) -> bool {
        let mut marked = false;
        for found in [&mut self.candidates, &mut self.by_number] {
            if let Found::Orders(entries, _) = found {
                for entry in entries.iter_mut().filter(|e| e.order.id == order_id) {
                    entry.elsewhere = others.clone();
                    marked = true;
                }
            }
        }
        self.linking = None;
        if marked {
            self.confirming = Some(order_id);
        }
        marked
    }

    /// The question whether another deal links order `order_id` got no answer (`why`): the
    /// rep is asked before it is linked.
    pub fn not_checked(&mut self, order_id: u64, why: String) {
        for found in [&mut self.candidates, &mut self.by_number] {
            if let Found::Orders(entries, unknown) = found
                && entries.iter().any(|e| e.order.id == order_id)
            {
                *unknown = Some(why.clone());
            }
        }
        self.linking = None;
        self.confirming = Some(order_id);
    }

    /// An offered order, and whether it is unknown that other deals link to it.
    fn offered_entry(&self, order_id: u64) -> Option<(&Entry, bool)> {
        for found in [&self.candidates, &self.by_number] {
            if let Found::Orders(entries, unknown) = found {
                for entry in entries {
                    if entry.order.id == order_id {
                        return Some((entry, unknown.is_some()));
                    }
                }
            }
        }
        None
    }
}

/// Writes the panel; `unresolved` is what the deal's link fields hold although the store has
/// no such order (the view's [`unresolved`](crate::model::view::DealView::unresolved)).
/// A link field is named by its label as the admin saw it (`labels`), else by its code. A
/// sentence that sends the rep to the administrator names `admin` after it, when known.
pub fn write(
    m: &mut Markup,
    state: &LinkState,
    unresolved: &[UnresolvedLink],
    labels: &[FieldLabel],
    who: Audience,
    loading: bool,
) {
    let lang = who.lang;
    let t = lang.deal();
    let named = who.ask();
    m.open_class("section", "sl-card sl-link-panel")
        .attr("data-testid", "link-panel");
    let title = match state.linked {
        Some(_) => t.link_title_linked,
        None => t.link_title,
    };
    m.leaf("h2", "", title);
    for link in unresolved {
        m.open_class("p", "sl-notice sl-notice-warning")
            .attr("data-testid", "link-unresolved")
            .text(&unresolved_text(link, labels, t, who.is_admin));
        if let (UnresolvedLink::MissingField { .. }, Some(named)) = (link, &named) {
            ask_line(m, named);
        }
        m.close("p");
    }
    let intro = match state.contact {
        ContactSearch::NoContact => t.link_none_found_no_contact,
        _ => t.link_none_found,
    };
    // Said while the link is written (a slow portal takes seconds), and read out, over the
    // introduction, which keeps its room: the list and the button just pressed stay put.
    m.open_class("div", "sl-link-intro");
    match state.link_closed() {
        true => m.open_class("p", "sl-muted sl-link-intro-kept"),
        false => m.open_class("p", "sl-muted"),
    };
    m.text(intro).close("p");
    if let Some(id) = state.linking {
        let number = state
            .offered_order(id)
            .map_or_else(|| id.to_string(), |o| o.account_number.clone());
        m.open_class("p", "sl-muted sl-link-intro-over")
            .attr("role", "status")
            .attr("data-testid", "link-progress")
            .text(&fill(t.link_in_progress, &[&number]));
        if state.waiting_limit {
            m.text(" ").text(t.waiting_limit_portal);
        }
        m.close("p");
    } else if let Some(number) = &state.linked {
        // Written: the order shows once the tab has loaded it; a load that failed says why
        // in the tab's own notice, and the link stays said.
        let template = match loading {
            true => t.link_done_loading,
            false => t.link_done,
        };
        m.open_class("p", "sl-muted sl-link-intro-over")
            .attr("role", "status")
            .attr("data-testid", "link-done")
            .text(&fill(template, &[number]))
            .close("p");
    }
    m.close("div");
    if let Some((number, failure)) = &state.link_error {
        // "Not linked" and "may have been applied" would contradict each other.
        let template = match failure.maybe_written {
            true => t.link_unsure,
            false => t.link_failed,
        };
        m.open_class("p", "sl-field-error")
            .attr("role", "alert")
            .attr("data-testid", "link-error")
            .text(&fill(template, &[number, &failure.why]));
        if let (true, Some(named)) = (failure.asks_admin, &named) {
            ask_line(m, named);
        }
        m.close("p");
    }
    let no_candidates = match state.contact {
        ContactSearch::NoContact => None,
        ContactSearch::NothingToSearchBy => Some(t.link_contact_no_means),
        ContactSearch::NoUsableMeans => Some(t.link_contact_unusable_means),
        ContactSearch::ByPhoneOrEmail => Some(t.link_no_candidates),
    };
    if let Some(none) = no_candidates {
        m.leaf("h3", "", t.link_candidates);
        list(m, &state.candidates, CANDIDATE, state, lang);
        let empty = match &state.candidates {
            Found::Orders(o, _) => o.is_empty(),
            Found::Idle => matches!(
                state.contact,
                ContactSearch::NothingToSearchBy | ContactSearch::NoUsableMeans
            ),
            _ => false,
        };
        if empty {
            m.open_class("p", "sl-muted")
                .attr("data-testid", "link-no-candidates")
                .text(none)
                .close("p");
        }
        if state.candidates_more {
            m.open_class("p", "sl-muted sl-small")
                .attr("data-testid", "link-candidates-more")
                .text(t.link_candidates_more)
                .close("p");
        }
    }
    m.open_class("form", "sl-link-search");
    m.open("label")
        .attr("for", NUMBER_ID)
        .text(t.link_by_number)
        .close("label");
    m.open_class("div", "sl-actions");
    m.open("input")
        .attr("id", NUMBER_ID)
        .attr("class", "sl-input sl-input-short")
        .attr("type", "search")
        .attr("placeholder", t.link_number_label)
        .attr("data-testid", "link-number")
        .attr_opt("aria-invalid", state.number_missing.then_some("true"))
        .attr_opt(
            "aria-describedby",
            state.number_missing.then_some(NUMBER_MISSING_ID),
        )
        .attr("value", &state.number)
        .on("input", "link-number", None)
        .on("key", "link-number-key", None)
        .void();
    m.open_class("button", "sl-btn")
        .attr("type", "submit")
        .attr("data-testid", "link-find")
        .on("click", "link-search", None)
        .text(t.link_find)
        .close("button");
    m.close("div");
    if state.number_missing {
        m.open_class("p", "sl-field-error")
            .attr("id", NUMBER_MISSING_ID)
            .attr("role", "alert")
            .attr("data-testid", "link-number-missing")
            .text(t.link_number_missing)
            .close("p");
    }
    m.close("form");
    list(m, &state.by_number, "link-result", state, lang);
    m.close("section");
}

/// What a link field holds that names no order, as a sentence.
fn unresolved_text(
    link: &UnresolvedLink,
    labels: &[FieldLabel],
    t: &DealTexts,
    is_admin: bool,
) -> String {
    let name = |field: &str| FieldLabel::of(labels, field).unwrap_or(field).to_owned();
    match link {
        UnresolvedLink::Field {
            field,
            holds: OrderKey::Id,
            value,
        } => fill(t.link_unresolved_id, &[&name(field), value]),
        UnresolvedLink::Field {
            field,
            holds: OrderKey::Number,
            value,
        } => fill(t.link_unresolved_number, &[&name(field), value]),
        UnresolvedLink::OriginId { value } => fill(t.link_unresolved_origin, &[value]),
        UnresolvedLink::MissingField { field } => {
            let text = match is_admin {
                true => t.link_missing_field_admin,
                false => t.link_missing_field,
            };
            fill(text, &[&name(field)])
        }
    }
}

/// The test ID of an order found by the deal contact's phone or e-mail.
const CANDIDATE: &str = "link-candidate";

/// "Searching…" after a spinner, announced.
fn searching(m: &mut Markup, t: &DealTexts) {
    m.open_class("div", "sl-progress").attr("role", "status");
    m.open_class("span", "sl-spinner")
        .attr("aria-hidden", "true")
        .close("span");
    m.text(t.link_searching).close("div");
}

/// A grey "Link" button, in a line that waits for its order.
fn button_placeholder(m: &mut Markup) {
    m.open_class("span", "sl-skel sl-skel-button")
        .attr("aria-hidden", "true")
        .close("span");
}

/// One search's outcome; its orders carry `testid`.
#[inline(never)]
fn list(m: &mut Markup, found: &Found, testid: &str, state: &LinkState, lang: Lang) {
    let t = lang.deal();
    match found {
        Found::Idle => {}
        // The buyer's orders: the progress and a second line where the first orders will be,
        // so the panel is as tall as with two found (what a buyer usually has).
        Found::Searching if testid == CANDIDATE => {
            m.open_class("ul", "sl-link-list");
            m.open("li");
            searching(m, t);
            button_placeholder(m);
            m.close("li");
            m.open("li").attr("aria-hidden", "true");
            bar(m, "m");
            button_placeholder(m);
            m.close("li").close("ul");
        }
        Found::Searching => searching(m, t),
        Found::Nothing(number) => {
            m.open_class("p", "sl-muted")
                .attr("data-testid", "link-not-found")
                .text(&fill(t.link_not_found, &[number]))
                .close("p");
        }
        Found::Failed(text) => {
            m.open_class("p", "sl-field-error")
                .attr("role", "alert")
                .text(text)
                .close("p");
        }
        Found::Orders(entries, unknown) => {
            m.open_class("ul", "sl-link-list");
            for entry in entries {
                let id = Some(entry.order.id);
                let shown = ItemState {
                    linking: state.link_closed(),
                    confirming: state.confirming == id
                        && state
                            .pressed_in
                            .as_deref()
                            .is_none_or(|list| list == testid),
                    refocus: state.refocus == id,
                    unchecked: unknown.is_some(),
                };
                item(m, entry, testid, shown, t, lang);
            }
            m.close("ul");
            if let Some(text) = unknown {
                m.open_class("p", "sl-muted")
                    .attr("role", "status")
                    .attr("data-testid", "link-elsewhere-unknown")
                    .text(text)
                    .close("p");
            }
        }
    }
}

/// How an offered order's "Link" shows.
#[derive(Clone, Copy)]
struct ItemState {
    /// A link is being written (any order's): every "Link" waits.
    linking: bool,
    /// This order asks the rep to confirm.
    confirming: bool,
    /// The rep just canceled this order's confirmation: its "Link" takes the focus back.
    refocus: bool,
    /// No one could tell whether other deals link the listed orders.
    unchecked: bool,
}

/// One offered order with its "Link" button.
#[inline(never)]
fn item(
    m: &mut Markup,
    entry: &Entry,
    testid: &str,
    ItemState {
        linking,
        confirming,
        refocus,
        unchecked,
    }: ItemState,
    t: &DealTexts,
    lang: Lang,
) {
    let order = &entry.order;
    let id = order.id.to_string();
    m.open("li")
        .attr("data-testid", testid)
        .attr("data-order-id", &id)
        .attr("data-number", &order.account_number);
    m.leaf(
        "span",
        "sl-strong",
        &fill(t.order_number, &[&order.account_number]),
    );
    order_id(m, t, order.id, &order.account_number);
    let fmt = Fmt::new(lang);
    m.open_class("span", "sl-muted")
        .text(" · ")
        .text(&fmt.date(&order.date_insert))
        .text(" · ")
        .text(&fmt.money(order.price, &order.currency))
        .close("span");
    if order.canceled {
        m.open_class("span", "sl-badge sl-badge-alert")
            .attr("data-testid", "link-canceled")
            .text(t.order_canceled)
            .close("span");
    } else {
        // An old order, paid and shipped, is told from today's at a glance.
        for (done, testid, text) in [
            (order.payed, "link-paid", t.order_paid),
            (order.deducted, "link-shipped", t.order_shipped),
        ] {
            if done {
                m.open_class("span", "sl-badge sl-badge-success")
                    .attr("data-testid", testid)
                    .text(text)
                    .close("span");
            }
        }
    }
    if let Some(on) = entry.on {
        let why = match on {
            MatchedOn::PhoneAndEmail => t.link_by_both,
            MatchedOn::Phone => t.link_by_phone,
            MatchedOn::Email => t.link_by_email,
        };
        m.leaf("span", "sl-badge", why);
    }
    for other in &entry.elsewhere {
        let other_id = other.id.to_string();
        m.open_class("span", "sl-badge sl-badge-warning")
            .attr("data-testid", "link-elsewhere")
            .attr("data-deal-id", &other_id)
            .text(&fill(t.link_elsewhere, &[&other.title, &other_id]))
            .close("span");
    }
    if let Some(doubt) = entry.buyer_doubt {
        let (named, unnamed) = match doubt {
            BuyerDoubt::Other => (t.link_foreign_buyer_named, t.link_foreign_buyer),
            BuyerDoubt::Unknown => (t.link_unknown_buyer_named, t.link_unknown_buyer),
        };
        let badge = match &entry.buyer {
            Some(name) => fill(named, &[name]),
            None => unnamed.to_owned(),
        };
        m.open_class("span", "sl-badge sl-badge-warning")
            .attr("data-testid", "link-foreign-buyer")
            .text(&badge)
            .close("span");
    }
    let question = match (entry.elsewhere.as_slice(), confirming) {
        ([other], true) => Some(fill(t.link_confirm, &[&other.title, &other.id.to_string()])),
        ([], true) if unchecked => Some(t.link_confirm_unchecked.to_owned()),
        ([], true) => entry.buyer_doubt.map(|doubt| match doubt {
            BuyerDoubt::Other => t.link_confirm_foreign.to_owned(),
            BuyerDoubt::Unknown => t.link_confirm_unknown_buyer.to_owned(),
        }),
        ([], _) | (_, false) => None,
        (others, true) => {
            let mut deals: Vec<String> = others
                .iter()
                .map(|o| fill(t.link_deal_named, &[&o.title, &o.id.to_string()]))
                .collect();
            // "A, B and C".
            let last = deals.pop().unwrap_or_default();
            let listed = format!("{} {} {last}", deals.join(", "), t.list_and);
            Some(fill(t.link_confirm_many, &[&listed]))
        }
    };
    // Held by another deal and bought by someone else: both are said.
    let question = question.map(|q| match (entry.buyer_doubt, entry.elsewhere.is_empty()) {
        (Some(BuyerDoubt::Other), false) => format!("{q} {}", t.link_confirm_also_foreign),
        (Some(BuyerDoubt::Unknown), false) => format!("{q} {}", t.link_confirm_also_unknown),
        _ => q,
    });
    match question {
        Some(question) => {
            // A question with its answers: read once as the dialog's description (an alert
            // would read the buttons too, then the focused one again).
            let said = format!("{testid}-question-{}", order.id);
            m.open_class("div", "sl-link-confirm")
                .attr("role", "alertdialog")
                .attr("aria-describedby", &said)
                .attr("data-testid", "link-confirm")
                // Esc answers "Cancel".
                .on("key", "link-confirm-key", None);
            m.open("p").attr("id", &said).text(&question).close("p");
            m.open_class("div", "sl-actions");
            Button {
                class: "sl-btn",
                testid: "link-anyway",
                click: ("link-order-anyway", Some(id.as_str())),
                disabled: linking,
                text: t.link_anyway,
                label: None,
                // Keyboard users land on the question's answer, not on the page.
                autofocus: true,
            }
            .write(m);
            Button {
                class: "sl-btn sl-btn-light",
                testid: "link-cancel",
                click: ("link-cancel", None),
                disabled: false,
                text: t.link_cancel,
                label: None,
                autofocus: false,
            }
            .write(m);
            m.close("div").close("div");
        }
        None => {
            let number = number_with_id(t, order.id, &order.account_number);
            let label = fill(t.link_button_label, &[&number]);
            Button {
                class: "sl-btn sl-btn-light",
                testid: "link-button",
                click: ("link-order", Some(id.as_str())),
                disabled: linking,
                text: t.link_button,
                // A screen reader hears which order each "Link" links.
                label: Some(&label),
                autofocus: refocus,
            }
            .write(m);
        }
    }
    m.close("li");
}

/// A `type="button"` that names `click` (the action and its argument) when clicked.
struct Button<'a> {
    class: &'a str,
    testid: &'a str,
    click: (&'a str, Option<&'a str>),
    disabled: bool,
    text: &'a str,
    /// An `aria-label` saying more than the text.
    label: Option<&'a str>,
    /// Takes the focus when the control that had it is gone (`data-autofocus`).
    autofocus: bool,
}

impl Button<'_> {
    fn write(&self, m: &mut Markup) {
        m.open_class("button", self.class)
            .attr("type", "button")
            .attr("data-testid", self.testid)
            // Not `disabled`: a disabled button drops the keyboard focus, and the focus should
            // stay on "Link" while it writes, then pass to the linked order's card.
            .attr_opt("aria-disabled", self.disabled.then_some("true"))
            .on("click", self.click.0, self.click.1)
            .attr_opt("aria-label", self.label)
            .flag("data-autofocus", self.autofocus)
            .text(self.text)
            .close("button");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rep reading, told `admin`'s name.
    fn rep(lang: Lang, admin: Option<&str>) -> Audience<'_> {
        Audience {
            lang,
            is_admin: false,
            admin,
        }
    }

    fn order(id: u64, number: &str) -> Order {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "accountNumber": number,
            "price": 1176,
            "currency": "RUB",
            "dateInsert": "2024-03-05T14:07:00+03:00",
        }))
        .unwrap()
    }

    fn html(state: &LinkState) -> String {
        html_with(state, &[])
    }

    fn known(order_id: u64, is: BuyerIs, name: Option<&str>) -> KnownBuyer {
        KnownBuyer {
            order_id,
            is,
            name: name.map(str::to_owned),
        }
    }

    fn html_with(state: &LinkState, unresolved: &[UnresolvedLink]) -> String {
        let labels = [FieldLabel {
            field: "UF_CRM_NUMBER".into(),
            label: "Order number in the store".into(),
        }];
        let mut m = Markup::new();
        write(
            &mut m,
            state,
            unresolved,
            &labels,
            rep(Lang::En, None),
            true,
        );
        m.finish()
    }

    /// The `<li>` of the order with this ID.
    fn item_of(html: &str, id: u64) -> &str {
        let at = html
            .find(&format!("data-order-id=\"{id}\""))
            .expect("order listed");
        let start = html[..at].rfind("<li").unwrap();
        let end = at + html[at..].find("</li>").unwrap();
        &html[start..end]
    }

    fn candidates() -> LinkState {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = offered(
            vec![order(105, "M-503"), order(106, "M-504")],
            &[MatchedOn::Phone, MatchedOn::PhoneAndEmail],
            vec![(
                106,
                OtherDeal {
                    id: 77,
                    title: "Spring <sale>".into(),
                },
            )],
            None,
        );
        state
    }

    #[test]
    fn candidates_are_listed_with_how_the_contact_found_them() {
        let html = html(&candidates());
        let t = Lang::En.deal();
        assert!(html.contains(t.link_candidates));
        let first = item_of(&html, 105);
        assert!(first.starts_with(
            r#"<li data-testid="link-candidate" data-order-id="105" data-number="M-503">"#
        ));
        assert!(first.contains(r#"<span class="sl-strong">Order #M-503</span>"#));
        assert!(first.contains(&format!(
            r#"<span class="sl-badge">{}</span>"#,
            t.link_by_phone
        )));
        assert!(first.contains("1,176"), "{first}");
        let second = item_of(&html, 106);
        assert!(second.contains(&format!(
            r#"<span class="sl-badge">{}</span>"#,
            t.link_by_both
        )));
        assert!(second.contains(r#"data-on-click="link-order" data-arg="106""#));
        assert!(html.contains(r#"<ul class="sl-link-list">"#));
        assert!(!html.contains("link-no-candidates"));
    }

    #[test]
    fn a_search_that_may_have_left_out_older_orders_says_where_to_find_them() {
        let mut state = candidates();
        assert!(!html(&state).contains("link-candidates-more"));
        state.candidates_more = true;
        let html_now = html(&state);
        assert!(
            html_now.contains(r#"data-testid="link-candidates-more">The newest orders are shown: at most 50 per phone and e-mail."#),
            "{html_now}"
        );
        assert!(html_now.find("link-candidates-more") < html_now.find("sl-link-search"));
    }

    #[test]
    fn a_canceled_order_among_the_candidates_says_so() {
        let mut canceled = order(107, "M-505");
        canceled.canceled = true;
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = offered(
            vec![order(105, "M-503"), canceled],
            &[MatchedOn::Phone, MatchedOn::Phone],
            Vec::new(),
            None,
        );
        let html = html(&state);
        assert!(!item_of(&html, 105).contains("link-canceled"));
        assert!(!item_of(&html, 105).contains("link-paid"));
        assert!(item_of(&html, 107).contains(
            r#"<span class="sl-badge sl-badge-alert" data-testid="link-canceled">Canceled</span>"#
        ));
    }

    #[test]
    fn a_paid_and_shipped_candidate_says_so_a_canceled_one_only_that() {
        let mut done = order(108, "M-506");
        (done.payed, done.deducted) = (true, true);
        let mut canceled = done.clone();
        (canceled.id, canceled.canceled) = (109, true);
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = offered(
            vec![done, canceled],
            &[MatchedOn::Phone, MatchedOn::Phone],
            Vec::new(),
            None,
        );
        let html = html(&state);
        assert!(item_of(&html, 108).contains(
            r#"<span class="sl-badge sl-badge-success" data-testid="link-paid">Paid</span><span class="sl-badge sl-badge-success" data-testid="link-shipped">Shipped</span>"#
        ));
        let canceled = item_of(&html, 109);
        assert!(canceled.contains("link-canceled") && !canceled.contains("link-paid"));
    }

    #[test]
    fn an_order_linked_to_another_deal_says_which() {
        let html = html(&candidates());
        assert!(!item_of(&html, 105).contains("link-elsewhere"));
        assert!(item_of(&html, 106).contains(
            r#"<span class="sl-badge sl-badge-warning" data-testid="link-elsewhere" data-deal-id="77">Already linked to the deal "Spring &lt;sale&gt;" (#77)</span>"#
        ), "{html}");
    }

    #[test]
    fn an_order_two_deals_hold_names_both_and_the_question_asks_about_both() {
        let deal = |id: u64, title: &str| OtherDeal {
            id,
            title: title.into(),
        };
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = offered(
            vec![order(105, "M-503")],
            &[MatchedOn::Phone],
            vec![(105, deal(6, "Shared A")), (105, deal(7, "Shared B"))],
            None,
        );
        let listed = html(&state);
        for id in ["6", "7"] {
            assert!(
                item_of(&listed, 105).contains(&format!(
                    r#"data-testid="link-elsewhere" data-deal-id="{id}""#
                )),
                "{listed}"
            );
        }
        assert_eq!(state.begin_link(105, false), Some(LinkStep::Confirm));
        let asked = html(&state);
        assert!(
            asked.contains(
                r#"This order is already linked to the deals "Shared A" (#6) and "Shared B" (#7); it stays linked to them."#
            ),
            "{asked}"
        );
    }

    #[test]
    fn an_order_found_by_number_whose_buyer_is_not_the_contact_asks_before_it_is_linked() {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        let found = offered(
            vec![order(105, "M-503"), order(106, "M-504")],
            &[],
            Vec::new(),
            None,
        );
        state.by_number = with_buyers(
            found,
            &[
                known(105, BuyerIs::Other, Some("Anna <b>Smith</b>")),
                known(106, BuyerIs::Contact(MatchedOn::Email), Some("Pyotr")),
            ],
        );
        // Its yes answers the buyer's question only: other deals are still asked at the write.
        assert!(!state.asks_about_others(105));
        let listed = html(&state);
        // A number that is not the order's ID shows the ID: typed "105", the rep sees which
        // order has that ID and which that number.
        assert!(
            item_of(&listed, 105).contains(
                r#"<span class="sl-strong">Order #M-503</span><span class="sl-muted sl-order-id" data-testid="order-id"> (ID 105)</span>"#
            ),
            "{listed}"
        );
        // The other buyer is named (as text), so the rep can tell who bought it.
        assert!(
            item_of(&listed, 105).contains(
                r#"data-testid="link-foreign-buyer">The buyer, Anna &lt;b&gt;Smith&lt;/b&gt;, is not the deal's contact</span>"#
            ),
            "{listed}"
        );
        assert!(
            !item_of(&listed, 106).contains("link-foreign-buyer"),
            "{listed}"
        );
        // The contact's own order links at once; the other buyer's asks first.
        assert_eq!(state.begin_link(105, false), Some(LinkStep::Confirm));
        let asked = html(&state);
        assert!(
            asked.contains("This order's buyer has a different phone and e-mail"),
            "{asked}"
        );
        assert_eq!(
            state.begin_link(105, true),
            Some(LinkStep::Write(Box::new(order(105, "M-503"))))
        );
    }

    #[test]
    fn an_order_another_deal_holds_and_another_buyer_bought_asks_about_both() {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        let found = offered(
            vec![order(105, "M-503")],
            &[],
            vec![(
                105,
                OtherDeal {
                    id: 6,
                    title: "Shared".into(),
                },
            )],
            None,
        );
        state.by_number = with_buyers(found, &[known(105, BuyerIs::Other, None)]);
        assert!(state.asks_about_others(105));
        // Without a name, the badge says who the buyer is not.
        assert!(
            html(&state).contains(
                r#"data-testid="link-foreign-buyer">The buyer is not the deal's contact</span>"#
            ),
            "{}",
            html(&state)
        );
        assert_eq!(state.begin_link(105, false), Some(LinkStep::Confirm));
        let asked = html(&state);
        assert!(
            asked.contains(r#"already linked to the deal "Shared" (#6)"#)
                && asked.contains("Also, the order's buyer is not this deal's contact."),
            "{asked}"
        );
    }

    #[test]
    fn an_order_found_by_number_whose_buyer_nothing_tells_about_asks_before_it_is_linked() {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        let found = offered(vec![order(105, "1018")], &[], Vec::new(), None);
        state.by_number = with_buyers(
            found,
            &[known(105, BuyerIs::Unknown, Some("Legacy import"))],
        );
        let listed = html(&state);
        assert!(
            item_of(&listed, 105).contains(
                r#"data-testid="link-foreign-buyer">The buyer, Legacy import, cannot be checked against the deal's contact</span>"#
            ),
            "{listed}"
        );
        assert!(!state.asks_about_others(105));
        assert_eq!(state.begin_link(105, false), Some(LinkStep::Confirm));
        let asked = html(&state);
        assert!(
            asked.contains("Nothing shows whether this order's buyer is the deal's contact"),
            "{asked}"
        );
        assert!(!asked.contains("different phone"), "{asked}");
        assert_eq!(
            state.begin_link(105, true),
            Some(LinkStep::Write(Box::new(order(105, "1018"))))
        );
        // Held by another deal as well: both are said.
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        let held = OtherDeal {
            id: 6,
            title: "Shared".into(),
        };
        let found = offered(vec![order(105, "1018")], &[], vec![(105, held)], None);
        state.by_number = with_buyers(found, &[known(105, BuyerIs::Unknown, None)]);
        assert_eq!(state.begin_link(105, false), Some(LinkStep::Confirm));
        let asked = html(&state);
        assert!(
            asked.contains(r#"already linked to the deal "Shared" (#6)"#)
                && asked.contains(
                    "Also, nothing shows whether the order's buyer is this deal's contact."
                ),
            "{asked}"
        );
    }

    #[test]
    fn the_contacts_orders_free_to_link_are_offered_before_those_other_deals_hold() {
        let held = OtherDeal {
            id: 6,
            title: "Shared".into(),
        };
        let on = [MatchedOn::Phone; 3];
        let found = offered(
            vec![order(101, "A"), order(102, "B"), order(103, "C")],
            &on,
            vec![(101, held.clone())],
            None,
        );
        let Found::Orders(entries, _) = found else {
            panic!("orders")
        };
        let ids: Vec<u64> = entries.iter().map(|e| e.order.id).collect();
        assert_eq!(ids, vec![102, 103, 101]);
        // Found by number: the order of the search stands (the number typed first).
        let found = offered(
            vec![order(101, "A"), order(102, "B")],
            &[],
            vec![(101, held)],
            None,
        );
        let Found::Orders(entries, _) = found else {
            panic!("orders")
        };
        let ids: Vec<u64> = entries.iter().map(|e| e.order.id).collect();
        assert_eq!(ids, vec![101, 102]);
    }

    #[test]
    fn when_other_deals_could_not_be_checked_the_list_says_so() {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = offered(
            vec![order(105, "M-503")],
            &[],
            Vec::new(),
            Some("Could not check.".into()),
        );
        let html = html(&state);
        assert!(html.contains(
            r#"</ul><p class="sl-muted" role="status" data-testid="link-elsewhere-unknown">Could not check.</p>"#
        ));
        // Found by number: no badge.
        assert!(!item_of(&html, 105).contains("sl-badge"));
    }

    #[test]
    fn a_contact_without_orders_is_told_so_and_a_deal_without_contact_gets_no_candidates() {
        let t = Lang::En.deal();
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        assert!(
            !html(&state).contains("link-no-candidates"),
            "not searched yet"
        );
        state.candidates = offered(Vec::new(), &[], Vec::new(), None);
        assert!(html(&state).contains(&format!(
            r#"<ul class="sl-link-list"></ul><p class="sl-muted" data-testid="link-no-candidates">{}</p>"#,
            t.link_no_candidates
        )));
        let html = html(&LinkState::new(ContactSearch::NoContact));
        assert!(
            html.contains(t.link_none_found_no_contact),
            "the deal has no contact: said"
        );
        assert!(!html.contains("<h3>"));
        assert!(!html.contains("link-no-candidates"));
        assert!(html.contains(r#"data-testid="link-number""#));
    }

    #[test]
    fn a_contact_without_phone_or_email_is_told_there_is_nothing_to_search_by() {
        let html = html(&LinkState::new(ContactSearch::NothingToSearchBy));
        let t = Lang::En.deal();
        assert!(html.contains(&format!(
            r#"<h3>{}</h3><p class="sl-muted" data-testid="link-no-candidates">{}</p>"#,
            t.link_candidates, t.link_contact_no_means
        )));
    }

    #[test]
    fn a_contact_whose_phone_is_no_full_number_is_told_so_not_that_it_has_none() {
        let html = html(&LinkState::new(ContactSearch::NoUsableMeans));
        let t = Lang::En.deal();
        assert!(html.contains(&format!(
            r#"<h3>{}</h3><p class="sl-muted" data-testid="link-no-candidates">{}</p>"#,
            t.link_candidates, t.link_contact_unusable_means
        )));
        assert!(!html.contains(t.link_contact_no_means));
    }

    #[test]
    fn link_fields_naming_no_order_are_named_by_label_quoted_escaped_before_the_search() {
        let state = LinkState::new(ContactSearch::NoContact);
        let unresolved = vec![
            UnresolvedLink::Field {
                field: "UF_CRM_ORDER".into(),
                holds: OrderKey::Id,
                value: "<99999>".into(),
            },
            UnresolvedLink::Field {
                field: "UF_CRM_NUMBER".into(),
                holds: OrderKey::Number,
                value: "A-77".into(),
            },
            UnresolvedLink::OriginId { value: "5".into() },
        ];
        let html = html_with(&state, &unresolved);
        let notes: Vec<&str> = html
            .split(r#"<p class="sl-notice sl-notice-warning" data-testid="link-unresolved">"#)
            .skip(1)
            .map(|rest| &rest[..rest.find("</p>").unwrap()])
            .collect();
        assert_eq!(
            notes,
            vec![
                r#"The deal field "UF_CRM_ORDER" holds "&lt;99999&gt;", but the store has no order with that ID. Correct the field, or find the order below and link it."#,
                r#"The deal field "Order number in the store" holds "A-77", but the store has no order with that number. Correct the field, or find the order below and link it."#,
                r#"The deal's ORIGIN_ID is "5", but the store has no order with that ID."#,
            ]
        );
        assert!(html.find("link-unresolved").unwrap() < html.find("link-number").unwrap());
    }

    #[test]
    fn searching_shows_progress() {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = Found::Searching;
        let expected = format!(
            r#"<div class="sl-progress" role="status"><span class="sl-spinner" aria-hidden="true"></span>{}</div>"#,
            Lang::En.deal().link_searching
        );
        assert_eq!(html(&state).matches(&expected).count(), 1);
        state.number = " 503 ".into();
        assert_eq!(state.begin_search(), Some((1, "503".to_owned())));
        assert_eq!(state.by_number, Found::Searching);
        assert_eq!(html(&state).matches(&expected).count(), 2);
    }

    #[test]
    fn a_blank_number_starts_no_search() {
        let mut state = LinkState::new(ContactSearch::NoContact);
        state.number = "   ".into();
        assert_eq!(state.begin_search(), None);
        assert_eq!(state.by_number, Found::Idle);
        let html_now = html(&state);
        assert!(!html_now.contains("sl-progress"));
        // The rep is told what is missing.
        assert!(html_now.contains(
            r#"data-testid="link-number" aria-invalid="true" aria-describedby="sl-link-number-missing""#
        ));
        assert!(html_now.contains(r#"<p class="sl-field-error" id="sl-link-number-missing""#));
        assert!(
            html_now.contains(
                r#"data-testid="link-number-missing">Type an order number or its ID.</p>"#
            ),
            "{html_now}"
        );
        state.number = "503".into();
        state.begin_search().unwrap();
        assert!(!html(&state).contains("link-number-missing"));
    }

    #[test]
    fn nothing_found_names_the_number() {
        let mut state = LinkState::new(ContactSearch::NoContact);
        state.by_number = Found::Nothing("M-999".into());
        assert!(html(&state).contains(
            r#"<p class="sl-muted" data-testid="link-not-found">The store has no order with the number or ID "M-999".</p>"#
        ), "{}", html(&state));
    }

    #[test]
    fn a_failed_search_is_an_alert() {
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = Found::Failed("The store did not answer.".into());
        assert!(
            html(&state).contains(
                r#"<p class="sl-field-error" role="alert">The store did not answer.</p>"#
            )
        );
    }

    #[test]
    fn the_typed_number_is_kept_in_the_field_and_the_field_names_its_actions() {
        let mut state = LinkState::new(ContactSearch::NoContact);
        state.number = r#"M-"5"#.into();
        let html = html(&state);
        assert!(
            html.contains(r#"<label for="sl-link-number">Find an order by number or ID</label>"#)
        );
        // Numbers may hold letters (`A-17b`): no numeric keyboard. The visible label names
        // the field for assistive technology too (no aria-label saying other words).
        assert!(html.contains(
            r#"<input id="sl-link-number" class="sl-input sl-input-short" type="search" placeholder"#
        ));
        assert!(
            html.contains(
                r#"value="M-&quot;5" data-on-input="link-number" data-on-key="link-number-key">"#
            ),
            "{html}"
        );
        assert!(html.contains(
            r#"<button class="sl-btn" type="submit" data-testid="link-find" data-on-click="link-search">Find</button></div></form>"#
        ));
    }

    #[test]
    fn results_by_number_come_after_the_search_and_carry_their_testid() {
        let mut state = LinkState::new(ContactSearch::NoContact);
        state.number = "M-503".into();
        let (search, _) = state.begin_search().unwrap();
        assert!(state.end_search(
            search,
            offered(vec![order(105, "M-503")], &[], Vec::new(), None)
        ));
        let html = html(&state);
        let form_end = html.find("</form>").unwrap();
        let result = html.find(r#"data-testid="link-result""#).unwrap();
        assert!(result > form_end);
        assert!(html.ends_with("</ul></section>"));
    }

    #[test]
    fn an_earlier_search_answering_late_does_not_replace_a_later_one() {
        let mut state = LinkState::new(ContactSearch::NoContact);
        state.number = "1".into();
        let (first, _) = state.begin_search().unwrap();
        state.number = "2".into();
        let (second, _) = state.begin_search().unwrap();
        assert!(!state.end_search(first, Found::Nothing("1".into())));
        assert_eq!(state.by_number, Found::Searching);
        assert!(state.end_search(second, Found::Nothing("2".into())));
        assert_eq!(state.by_number, Found::Nothing("2".into()));
    }

    #[test]
    fn link_buttons_are_disabled_while_a_link_is_written() {
        let mut state = candidates();
        assert!(!html(&state).contains("disabled"));
        assert!(matches!(state.begin_link(106, true), Some(LinkStep::Write(o)) if o.id == 106));
        let html_now = html(&state);
        let number = state.offered_order(106).unwrap().account_number.clone();
        assert!(
            html_now.contains(&format!(
                r#"<p class="sl-muted sl-link-intro-over" role="status" data-testid="link-progress">Linking the deal to order #{number}…</p>"#
            )),
            "the rep sees, and hears, what is under way: {html_now}"
        );
        // Over the introduction, which keeps its room (hidden), so nothing below moves.
        assert!(
            html_now
                .contains(r#"<div class="sl-link-intro"><p class="sl-muted sl-link-intro-kept">"#)
        );
        assert!(
            item_of(&html_now, 105).contains(r#"data-testid="link-button" aria-disabled="true""#)
        );
        assert!(
            item_of(&html_now, 106).contains(r#"data-testid="link-button" aria-disabled="true""#)
        );
        // A second click while writing does nothing.
        assert_eq!(state.begin_link(105, false), None);
        state.end_link(Ok(()));
        // Written: said so while the tab loads the order, and no other link is offered.
        let done = html(&state);
        assert!(!done.contains("link-progress"), "{done}");
        assert!(
            done.contains(&format!(
                r#"data-testid="link-done">The deal is linked to order #{number}. Loading the order…</p>"#
            )),
            "{done}"
        );
        assert!(item_of(&done, 105).contains(r#"data-testid="link-button" aria-disabled="true""#));
        assert_eq!(state.begin_link(105, false), None);
        // The tab's load of the order failed (its notice says why): the link stays said, and
        // nothing says it is still loading.
        let mut m = Markup::new();
        write(&mut m, &state, &[], &[], rep(Lang::En, None), false);
        let failed = m.finish();
        assert!(
            failed.contains(&format!(
                r#"data-testid="link-done">The deal is linked to order #{number}.</p>"#
            )),
            "{failed}"
        );
        assert!(!failed.contains("Loading"), "{failed}");
        // Nor does its title say no order is linked.
        assert!(
            failed.contains("<h2>The deal is linked to an order</h2>"),
            "{failed}"
        );
        // Cleared, the panel offers links again.
        state.linked = None;
        assert!(!html(&state).contains("disabled"));
        assert!(!html(&state).contains("sl-link-intro-kept"));
        // Bitrix24 asking to slow down while the link waits is said.
        state.begin_link(105, false);
        state.waiting_limit = true;
        assert!(
            html(&state).contains(Lang::En.deal().waiting_limit_portal),
            "{}",
            html(&state)
        );
    }

    #[test]
    fn an_order_in_both_lists_asks_only_where_its_link_was_pressed() {
        let mut state = candidates();
        state.by_number = state.candidates.clone();
        assert_eq!(state.begin_link(106, false), Some(LinkStep::Confirm));
        state.pressed_in = Some("link-result".into());
        let html = html(&state);
        assert_eq!(
            html.matches(r#"data-testid="link-confirm""#).count(),
            1,
            "{html}"
        );
        let results = &html[html.find(r#"data-testid="link-result""#).unwrap()..];
        assert!(results.contains(r#"data-testid="link-confirm""#), "{html}");
    }

    #[test]
    fn an_order_another_deal_links_to_asks_before_it_is_linked_here_too() {
        let mut state = candidates();
        // 106 is linked to deal 77: "Link" asks first, and nothing is written yet.
        assert_eq!(state.begin_link(106, false), Some(LinkStep::Confirm));
        assert_eq!(state.linking, None);
        let html_now = html(&state);
        let item = item_of(&html_now, 106);
        assert!(item.contains(r#"<div class="sl-link-confirm" role="alertdialog" aria-describedby="link-candidate-question-106" data-testid="link-confirm" data-on-key="link-confirm-key"><p id="link-candidate-question-106">This order is already linked to the deal "Spring &lt;sale&gt;" (#77) and stays linked to it. Link it to this deal as well?</p>"#), "{item}");
        assert!(
            item.contains(r#"data-on-click="link-order-anyway" data-arg="106" data-autofocus>"#)
        );
        assert!(item.contains(r#"data-on-click="link-cancel""#));
        assert!(!item.contains(r#"data-testid="link-button""#));
        assert!(item_of(&html_now, 105).contains(r#"data-testid="link-button""#));
        // A screen reader hears which order each "Link" links.
        assert!(
            item_of(&html_now, 105)
                .contains(r#"aria-label="Link order #M-503 (ID 105)">Link</button>"#),
            "{}",
            item_of(&html_now, 105)
        );
        // Cancel: back to the plain button, which takes the focus back from "Cancel".
        assert!(state.cancel_confirm());
        assert!(!state.cancel_confirm());
        let html_now = html(&state);
        assert!(!html_now.contains("link-confirm"));
        assert!(
            item_of(&html_now, 106)
                .contains(r#"aria-label="Link order #M-504 (ID 106)" data-autofocus>"#),
            "{}",
            item_of(&html_now, 106)
        );
        assert!(!item_of(&html_now, 105).contains("data-autofocus"));
        // Yes: the link is written.
        state.begin_link(106, false);
        assert!(matches!(state.begin_link(106, true), Some(LinkStep::Write(o)) if o.id == 106));
        assert_eq!((state.linking, state.confirming), (Some(106), None));
        // An order nobody links to is written at once.
        let mut state = candidates();
        assert!(matches!(
            state.begin_link(105, false),
            Some(LinkStep::Write(_))
        ));
    }

    #[test]
    fn an_order_no_one_could_check_asks_before_it_is_written() {
        let t = Lang::En.deal();
        // The panel's question failed: every order asks first.
        let mut state = LinkState::new(ContactSearch::ByPhoneOrEmail);
        state.candidates = offered(
            vec![order(105, "M-503")],
            &[MatchedOn::Phone],
            Vec::new(),
            Some("Could not check.".into()),
        );
        assert_eq!(state.begin_link(105, false), Some(LinkStep::Confirm));
        let asked = html(&state);
        assert!(asked.contains(t.link_confirm_unchecked), "{asked}");
        assert!(matches!(
            state.begin_link(105, true),
            Some(LinkStep::Write(_))
        ));
        // The question asked again at Link got no answer: the rep is asked then.
        let mut state = candidates();
        assert!(matches!(
            state.begin_link(105, false),
            Some(LinkStep::Write(_))
        ));
        state.not_checked(105, "Could not check: Bitrix24 is busy.".into());
        assert_eq!((state.linking, state.confirming), (None, Some(105)));
        let asked = html(&state);
        assert!(asked.contains(t.link_confirm_unchecked), "{asked}");
        assert!(
            asked.contains("Could not check: Bitrix24 is busy."),
            "{asked}"
        );
    }

    #[test]
    fn the_panel_is_busy_while_a_search_or_a_link_is_under_way() {
        let mut state = candidates();
        assert!(!state.is_busy());
        state.begin_link(105, false);
        assert!(state.is_busy(), "linking");
        state.end_link(Ok(()));
        assert!(!state.is_busy());
        state.by_number = Found::Searching;
        assert!(state.is_busy(), "searching by number");
    }

    #[test]
    fn only_listed_orders_can_be_linked() {
        let mut state = candidates();
        assert_eq!(state.begin_link(999, true), None);
        assert_eq!(state.linking, None);
    }

    #[test]
    fn an_order_linked_elsewhere_meanwhile_asks_before_it_is_written() {
        let mut state = candidates();
        assert_eq!(
            state.begin_link(105, false),
            Some(LinkStep::Write(Box::new(order(105, "M-503"))))
        );
        let other = OtherDeal {
            id: 3,
            title: "Other".into(),
        };
        assert!(state.linked_meanwhile(105, vec![other]));
        assert_eq!(state.linking, None);
        assert_eq!(state.confirming, Some(105));
        let whole = html(&state);
        let html = item_of(&whole, 105);
        assert!(
            html.contains(r#"data-testid="link-elsewhere" data-deal-id="3""#),
            "{html}"
        );
        assert!(html.contains(r#"data-testid="link-confirm""#), "{html}");
        assert!(!state.linked_meanwhile(
            999,
            vec![OtherDeal {
                id: 3,
                title: String::new()
            }]
        ));
    }

    #[test]
    fn a_link_whose_answer_was_lost_does_not_say_it_was_not_linked() {
        let mut state = candidates();
        state.begin_link(105, false).unwrap();
        state.end_link(Err(NotLinked {
            why: "Bitrix24 answered with a server error (HTTP 500). The change may have been applied: check before repeating it.".into(),
            maybe_written: true,
            asks_admin: true,
        }));
        let html = html(&state);
        assert!(
            html.contains("It is not known whether the deal was linked to order #"),
            "{html}"
        );
        assert!(!html.contains("was not linked"), "{html}");
    }

    #[test]
    fn a_link_only_the_administrator_can_mend_names_them() {
        let write_named = |state: &LinkState, unresolved: &[UnresolvedLink]| {
            let mut m = Markup::new();
            write(
                &mut m,
                state,
                unresolved,
                &[],
                rep(Lang::En, Some("Anna Smirnova")),
                true,
            );
            m.finish()
        };
        let line = r#"<span class="sl-notice-ask" data-testid="admin-named">StoreLink's administrator: Anna Smirnova.</span></p>"#;
        let mut state = candidates();
        state.begin_link(105, false).unwrap();
        state.end_link(Err(NotLinked::for_admin("No field to write.".into())));
        let refused = write_named(&state, &[]);
        assert!(
            refused.contains(&format!("No field to write. {line}")),
            "{refused}"
        );
        // A reason the rep can act on names no one.
        state.begin_link(105, false).unwrap();
        state.end_link(Err(String::from("The deal was linked meanwhile.").into()));
        assert!(!write_named(&state, &[]).contains("admin-named"));
        let missing = [UnresolvedLink::MissingField {
            field: "UF_CRM_GONE".into(),
        }];
        let html = write_named(&candidates(), &missing);
        assert!(html.contains(line), "{html}");
        // An administrator is told to choose the field, and named to no one.
        let mut m = Markup::new();
        let admin = Audience {
            lang: Lang::En,
            is_admin: true,
            admin: None,
        };
        write(&mut m, &candidates(), &missing, &[], admin, true);
        let html = m.finish();
        let t = Lang::En.deal();
        assert!(
            html.contains(&fill(t.link_missing_field_admin, &["UF_CRM_GONE"])),
            "{html}"
        );
    }

    #[test]
    fn a_failed_link_says_why_and_the_next_attempt_clears_it() {
        let mut state = candidates();
        state.begin_link(105, false).unwrap();
        state.end_link(Err(String::from("No field to write.").into()));
        let html_now = html(&state);
        let number = state.offered_order(105).unwrap().account_number.clone();
        let expected = format!(
            r#"<p class="sl-field-error" role="alert" data-testid="link-error">The deal was not linked to order #{number}. No field to write.</p>"#
        );
        assert!(html_now.contains(&expected), "{html_now}");
        assert!(!html_now.contains("disabled"));
        state.begin_link(105, false).unwrap();
        assert!(!html(&state).contains("link-error"));
    }

    #[test]
    fn the_panel_opens_with_its_title_and_explanation() {
        let t = Lang::Ru.deal();
        let mut m = Markup::new();
        write(
            &mut m,
            &LinkState::new(ContactSearch::NoContact),
            &[],
            &[],
            rep(Lang::Ru, None),
            true,
        );
        let html = m.finish();
        assert!(html.starts_with(&format!(
            r#"<section class="sl-card sl-link-panel" data-testid="link-panel"><h2>{}</h2><div class="sl-link-intro"><p class="sl-muted">{}</p></div><form"#,
            t.link_title, t.link_none_found_no_contact
        )));
    }
}
