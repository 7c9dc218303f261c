//! The deal tab in the browser: renders [`crate::markup::deal`] from its state, loads the deal
//! (first open, retries, the rep's order choice), keeps it live, and hosts the linking panel
//! and the stock lookup.

mod browser_storage;
mod live;
mod load;
mod on_screen;
mod preference;
mod store_guess;
mod warehouse_count;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use bitrix_rest::Cancel;
use bitrix_rest::models::crm::Contact;
use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

use super::dom::{Action, Region, delegate};
use super::link::LinkPanel;
use super::lookup::{LookupHandle, LookupOptions, mount as mount_lookup};
use crate::fetch::store_side::StoreData;
use crate::i18n::fill;
use crate::markup::Markup;
use crate::markup::deal::state::{TabAction, TabState};
use crate::markup::deal::{TabContext, status_content, status_line, status_text, tab_body};
use crate::markup::link::NUMBER_ID;
use crate::model::catalog_query::ASSUMED_WAREHOUSES;
use crate::model::pace::Pace;
use crate::model::settings::Settings;
use crate::model::view::StoreState;
use crate::model::view::requests::OpenHints;
use crate::session::Session;
pub use load::LoadKind;

/// The deal tab for the life of the page: when an admin saves other settings, the tab starts
/// again with them, so an open tab never works with settings that are no longer saved.
pub fn mount_for_page(place: Element, session: Rc<Session>, deal_id: u64) {
    let holder: Rc<RefCell<Option<Rc<DealTab>>>> = Rc::default();
    mount_into(&holder, place, session, deal_id, Typing::default());
    std::mem::forget(holder);
}

fn mount_into(
    holder: &Rc<RefCell<Option<Rc<DealTab>>>>,
    place: Element,
    session: Rc<Session>,
    deal_id: u64,
    typing: Typing,
) {
    let weak = Rc::downgrade(holder);
    let (at, was) = (place.clone(), session.clone());
    let settings_changed: Rc<dyn Fn(Settings)> = Rc::new(move |settings| {
        let Some(holder) = weak.upgrade() else { return };
        // What the rep was typing goes on in the new tab.
        let typing = holder.borrow().as_ref().map(|t| t.typing());
        // The old tab goes first: its requests are aborted, its timers stop.
        holder.borrow_mut().take();
        let session = Rc::new(was.with_settings(settings));
        mount_into(
            &holder,
            at.clone(),
            session,
            deal_id,
            typing.unwrap_or_default(),
        );
    });
    let tab = DealTab::mount(place, session, deal_id, settings_changed, typing);
    *holder.borrow_mut() = Some(tab);
}

/// What the rep was typing when an admin's new settings started the tab again: it goes on in
/// the new tab (the lookup searched again, the order number put back, the focus kept).
#[derive(Default)]
pub struct Typing {
    /// The lookup's text, and whether its box had the focus.
    lookup: Option<(String, bool)>,
    /// The order number typed in the link panel, and whether its field had the focus.
    link_number: (String, bool),
}

/// One deal's tab, alive as long as the page.
pub struct DealTab {
    session: Rc<Session>,
    deal_id: u64,
    me: Weak<DealTab>,
    /// The tab's root (`data-testid="deal-tab"`).
    root: Element,
    /// The status line; only its content changes, so screen readers announce it.
    status: Element,
    /// What the status line says now.
    status_shown: RefCell<String>,
    /// Everything below the status line but the lookup.
    body: Region,
    /// Where the lookup mounts once the store side is known.
    lookup_place: Element,
    state: RefCell<TabState>,
    /// What this frame learned about the deal, to plan the next load.
    hints: RefCell<OpenHints>,
    /// Aborts requests in flight when the tab goes away.
    cancel: Cancel,
    link: RefCell<Option<(Option<Contact>, Rc<LinkPanel>)>>,
    lookup: RefCell<Option<LookupHandle>>,
    /// Says the tab is waiting when a load takes long; clears the live marks.
    slow_timer: RefCell<Option<Interval>>,
    marks_timer: RefCell<Option<Timeout>>,
    /// A reload's Bitrix24 part (and the load it belongs to), kept until the reload is slow.
    fresher: RefCell<Option<(u32, Rc<crate::fetch::deal::DealData>)>>,
    live: RefCell<Option<Interval>>,
    /// A live check is under way.
    checking: Cell<bool>,
    /// How many live checks ran (a large deal's stock is checked in parts, in turn).
    checks: Cell<usize>,
    /// How often the interval's ticks check ([`crate::model::pace`]).
    pace: RefCell<Pace>,
    /// A check the pace started is awaited: the systems' "slow down" count when it began.
    awaited: Cell<Option<u32>>,
    /// When what is on screen was last known current (a load or a check answered; ms since
    /// the epoch).
    confirmed: Cell<f64>,
    /// How many warehouses the store had at the last open in this browser (read once).
    remembered_warehouses: Option<usize>,
    /// Starts the tab again with settings an admin saved meanwhile.
    settings_changed: Rc<dyn Fn(Settings)>,
    /// What the rep was typing in the tab this one replaced, until its parts are there.
    typing: RefCell<Typing>,
    /// Whether the deal card shows the tab (checks wait while it shows another).
    on_screen: RefCell<Option<on_screen::OnScreen>>,
    listeners: RefCell<Vec<EventListener>>,
}

impl DealTab {
    /// Renders the tab for `deal_id` into `place` and starts loading it; `settings_changed` is
    /// called with settings an admin saved since.
    pub fn mount(
        place: Element,
        session: Rc<Session>,
        deal_id: u64,
        settings_changed: Rc<dyn Fn(Settings)>,
        typing: Typing,
    ) -> Rc<DealTab> {
        let mut m = Markup::new();
        let id = deal_id.to_string();
        m.open_class("main", "sl-page sl-deal")
            .attr("data-testid", "deal-tab")
            .attr("data-deal-id", &id);
        // Named for screen readers; the portal's tab title says it to everyone else.
        m.leaf(
            "h1",
            "sl-sr",
            &fill(session.lang.deal().tab_heading, &[&id]),
        );
        status_line(&mut m);
        m.open_class("div", "sl-region").close("div");
        m.open_class("div", "sl-region").close("div");
        m.close("main");
        place.set_inner_html(&m.finish());
        let root = place.first_element_child().unwrap_or(place);
        let child = |i: u32| root.children().item(i).unwrap_or_else(|| root.clone());
        let (status, body, lookup_place) = (child(1), Region::new(child(2)), child(3));
        let remembered_warehouses = warehouse_count::recall(&session.init.member_id);
        let pace = RefCell::new(Pace::new(session.settings.poll_interval()));
        let tab = Rc::new_cyclic(|me| DealTab {
            session,
            deal_id,
            me: me.clone(),
            root,
            status,
            status_shown: RefCell::default(),
            body,
            lookup_place,
            state: RefCell::default(),
            hints: RefCell::default(),
            cancel: Cancel::new(),
            link: RefCell::default(),
            lookup: RefCell::default(),
            slow_timer: RefCell::default(),
            marks_timer: RefCell::default(),
            fresher: RefCell::default(),
            live: RefCell::default(),
            checking: Cell::new(false),
            checks: Cell::new(0),
            pace,
            awaited: Cell::new(None),
            confirmed: Cell::new(js_sys::Date::now()),
            remembered_warehouses,
            settings_changed,
            typing: RefCell::new(typing),
            on_screen: RefCell::default(),
            listeners: RefCell::default(),
        });
        let me = Rc::downgrade(&tab);
        *tab.listeners.borrow_mut() = delegate(&tab.body, move |action| {
            if let Some(tab) = me.upgrade() {
                tab.on_action(&action);
            }
        });
        tab.render();
        tab.load(LoadKind::Open);
        live::start(&tab);
        tab
    }

    /// What the rep is typing now (see [`Typing`]).
    fn typing(&self) -> Typing {
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .map(|e| e.id());
        Typing {
            lookup: self.lookup.borrow().as_ref().and_then(|l| l.typed()),
            link_number: (
                self.link
                    .borrow()
                    .as_ref()
                    .map(|(_, p)| p.typed_number())
                    .unwrap_or_default(),
                focused.as_deref() == Some(NUMBER_ID),
            ),
        }
    }

    /// A weak handle for timers and tasks.
    fn weak(&self) -> Weak<DealTab> {
        self.me.clone()
    }

    fn on_action(&self, action: &Action) {
        match action.name.as_str() {
            // The rep may retry because the admin just mended what failed; a press while the
            // tab loads anyway (the notice stays over what is shown) asks nothing more.
            "retry" if self.state.borrow().busy => {}
            "retry" => {
                if let Some(tab) = self.weak().upgrade() {
                    live::load_with_saved_settings(&tab, LoadKind::Open);
                }
            }
            "open-settings" => {
                // Where the portal cannot open the app page, the sentence says where to go.
                // When the settings slider closes, the tab looks for what the admin saved.
                let (frame, me) = (self.session.frame.clone(), self.weak());
                spawn_local(async move {
                    if frame.open_application().await.is_ok()
                        && let Some(tab) = me.upgrade()
                    {
                        live::check_now(&tab);
                    }
                });
            }
            "choose-order" => {
                if let Ok(order) = action.value().parse() {
                    self.load(LoadKind::Prefer(order));
                }
            }
            _ => {
                let panel = self.link.borrow().as_ref().map(|(_, p)| p.clone());
                if let Some(panel) = panel {
                    panel.handle(action);
                }
            }
        }
    }

    /// Applies `action` and shows the result.
    fn apply(&self, action: TabAction) {
        if self.state.borrow_mut().apply(action) {
            self.render();
        }
    }

    /// How many warehouse columns the stock will have, to hold their place while the store's
    /// answer is awaited: the chosen ones, else as many as the store had last time.
    fn expected_warehouses(&self) -> usize {
        match self.session.settings.warehouses.len() {
            0 => self
                .hints
                .borrow()
                .warehouse_count
                .or(self.remembered_warehouses)
                .unwrap_or(ASSUMED_WAREHOUSES),
            chosen => chosen,
        }
    }

    fn render(&self) {
        self.keep_parts();
        let state = self.state.borrow();
        self.root
            .set_attribute("data-state", state.state_name())
            .ok();
        self.root
            .set_attribute("aria-busy", if state.busy { "true" } else { "false" })
            .ok();
        let portal = self.session.frame.portal_origin();
        let ctx = TabContext {
            portal,
            lang: self.session.lang,
            is_admin: self.session.init.is_admin,
            admin: self.session.admin_to_ask(),
            product_property: self.session.settings.product_property.as_ref(),
            pending_warehouses: self.expected_warehouses(),
        };
        let text = status_text(&state, self.session.lang);
        if *self.status_shown.borrow() != text {
            self.status
                .set_inner_html(&status_content(&text, state.busy));
            *self.status_shown.borrow_mut() = text;
        }
        let link = self.link.borrow().as_ref().map(|(_, p)| p.clone());
        let mut m = Markup::new();
        tab_body(&mut m, &ctx, &state, &|m, unresolved| {
            if let Some(panel) = &link {
                panel.write(m, unresolved, state.busy);
            }
        });
        self.body.render(m.finish());
        // The number field of the tab this one replaced had the focus: it has it again.
        let refocus = self.link.borrow().is_some()
            && std::mem::take(&mut self.typing.borrow_mut().link_number.1);
        if refocus
            && let Some(field) = self.body.find(&format!("#{NUMBER_ID}"))
            && let Ok(field) = field.dyn_into::<web_sys::HtmlElement>()
        {
            field.focus().ok();
        }
    }

    /// Starts the linking panel while the deal has no order, and the lookup once the store's
    /// side is known.
    fn keep_parts(&self) {
        let state = self.state.borrow();
        let Some(loaded) = &state.loaded else { return };
        let view = &loaded.view;
        let unlinked = matches!(
            (view.store, &view.order),
            (StoreState::NotLinked, _) | (StoreState::Linked, None)
        );
        let contact = &loaded.data.contact;
        let mut link = self.link.borrow_mut();
        match (unlinked, link.as_ref()) {
            (false, _) => *link = None,
            // The same buyer (or a link being written): the panel keeps what it found.
            (true, Some((known, panel))) if same_buyer(known, contact) || panel.is_linking() => {}
            (true, _) => {
                let me = self.weak();
                let changed: Rc<dyn Fn()> = Rc::new({
                    let me = me.clone();
                    move || {
                        if let Some(tab) = me.upgrade() {
                            tab.render();
                        }
                    }
                });
                let linked: Rc<dyn Fn()> = Rc::new(move || {
                    if let Some(tab) = me.upgrade() {
                        tab.load(LoadKind::Linked);
                    }
                });
                let panel = LinkPanel::new(
                    self.session.clone(),
                    &loaded.data.deal,
                    contact.clone(),
                    changed,
                    linked,
                    self.settings_changed.clone(),
                );
                let (number, _) = &mut self.typing.borrow_mut().link_number;
                if !number.is_empty() {
                    panel.resume_number(std::mem::take(number));
                }
                *link = Some((contact.clone(), panel));
            }
        }
        // Without a store connection, or its catalogue, the tab's own notice says so once.
        let store_usable = view.store != StoreState::NotConfigured
            && self.session.settings.store_iblock_id.is_some();
        let mut lookup = self.lookup.borrow_mut();
        if lookup.is_none() && store_usable {
            let warehouses = match &loaded.data.store {
                StoreData::Answered(a) if !a.warehouses.is_empty() => {
                    Some(Rc::new(a.warehouses.clone()))
                }
                _ => None,
            };
            let options = LookupOptions {
                compact: true,
                warehouses,
                ..LookupOptions::default()
            };
            let handle = mount_lookup(self.lookup_place.clone(), self.session.clone(), options);
            if let Some((text, focused)) = self.typing.borrow_mut().lookup.take()
                && !text.trim().is_empty()
            {
                handle.resume(&text, focused);
            }
            *lookup = Some(handle);
        }
    }
}

/// Whether two contacts are the same buyer as far as the search for their orders goes.
fn same_buyer(a: &Option<Contact>, b: &Option<Contact>) -> bool {
    let values = |c: &Contact| {
        let mut all: Vec<String> = Vec::new();
        for m in c.phone.iter().chain(&c.email) {
            all.push(m.value.clone());
        }
        all
    };
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.id == b.id && values(a) == values(b),
        _ => false,
    }
}

impl Drop for DealTab {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}
