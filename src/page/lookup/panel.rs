//! The running lookup: its state, the pause after each edit, one cancellable request per
//! search, keys and clicks, and what changes on screen after each event.
//!
//! The panel is rendered once; afterwards only its two parts (tools, body), the status line's
//! text and a few attributes of the section and the search box are updated, and each only
//! when it changed, so the field the rep types into is never replaced.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use bitrix_rest::{Cancel, Client};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlInputElement, ScrollIntoViewOptions, ScrollLogicalPosition};

use super::LookupOptions;
use super::fetch::search;
use crate::fetch::warehouses::all_warehouses;
use crate::i18n::Lang;
use crate::markup::Markup;
use crate::markup::lookup::{
    BODY, Ids, TOOLS, View, action, active_option, body, data_query, data_state, listed, panel,
    said, tools,
};
use crate::model::lookup_search::{DEBOUNCE_MS, LookupEvent, LookupState, Shown, Waiting};
use crate::model::settings::Settings;
use crate::page::dom::{Action, Region, delegate};

/// How long a search may take before the status line says why it is late, in milliseconds.
const LATE_MS: u32 = 1500;

thread_local! {
    static INSTANCES: Cell<u32> = const { Cell::new(0) };
}

/// What a lookup runs with.
pub struct Setup {
    pub lang: Lang,
    pub settings: Rc<Settings>,
    /// The store's client.
    pub client: Client,
    pub options: LookupOptions,
    /// The reader administers StoreLink.
    pub is_admin: bool,
    /// The administrator named to a rep told to ask one.
    pub admin: Option<String>,
}

/// One lookup on the page.
pub struct Panel {
    setup: Setup,
    ids: Ids,
    state: RefCell<LookupState>,
    section: Element,
    input: HtmlInputElement,
    status: Element,
    /// The parts re-rendered after each event (each only when its markup changed).
    tools: Region,
    body: Region,
    /// What the status line says now.
    status_shown: RefCell<String>,
    /// The pause after the last edit.
    timer: RefCell<Option<Timeout>>,
    /// Aborts the request in flight.
    request: RefCell<Option<Cancel>>,
    /// Says, while a search is awaited, why it is late.
    late: RefCell<Option<Timeout>>,
}

/// Renders the panel into `region` and starts listening; `None` only if the markup lacks an
/// element it must have.
pub fn start(region: &Region, setup: Setup) -> (Option<Rc<Panel>>, Vec<EventListener>) {
    let instance = INSTANCES.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let ids = Ids::new(instance);
    let state =
        LookupState::with_warehouses(setup.options.warehouses.as_deref().map(|w| w.to_vec()));
    let mut m = Markup::new();
    panel(
        &mut m,
        &View {
            state: &state,
            ids: &ids,
            compact: setup.options.compact,
            lang: setup.lang,
            is_admin: setup.is_admin,
            admin: setup.admin.as_deref(),
        },
    );
    region.render(m.finish());
    let Some(panel) = found(region, setup, ids, state) else {
        return (None, Vec::new());
    };
    let panel = Rc::new(panel);
    if panel.setup.options.focus {
        panel.input.focus().ok();
    }
    // Searches plan their stock by the store's warehouses: read them now, while the rep has
    // not typed yet, so each search is one request (the app page; the deal tab hands them on).
    if panel.state.borrow().warehouses.is_none() {
        let (weak, client) = (Rc::downgrade(&panel), panel.setup.client.clone());
        spawn_local(async move {
            if let Ok(list) = all_warehouses(&client).await
                && let Some(panel) = weak.upgrade()
            {
                panel.state.borrow_mut().warehouses.get_or_insert(list);
            }
        });
    }
    let mut listeners = {
        let panel = panel.clone();
        delegate(region, move |a| panel.act(a))
    };
    // A press on a result must not take the focus from the search box.
    listeners.push(EventListener::new_with_options(
        region.element(),
        "mousedown",
        EventListenerOptions::enable_prevent_default(),
        |e| {
            let on_option = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[role=option]").ok().flatten());
            if on_option.is_some() {
                e.prevent_default();
            }
        },
    ));
    (Some(panel), listeners)
}

fn found(region: &Region, setup: Setup, ids: Ids, state: LookupState) -> Option<Panel> {
    Some(Panel {
        section: region.find("section")?,
        input: region.find("input")?.dyn_into().ok()?,
        status: region.find(".sl-lookup-status")?,
        tools: Region::part(region.find(&part(TOOLS))?),
        body: Region::part(region.find(&part(BODY))?),
        setup,
        ids,
        state: RefCell::new(state),
        status_shown: RefCell::default(),
        timer: RefCell::default(),
        request: RefCell::default(),
        late: RefCell::default(),
    })
}

fn part(name: &str) -> String {
    let mut selector = String::from("[data-part=");
    selector.push_str(name);
    selector.push(']');
    selector
}

impl Panel {
    /// A search the rep waits for is under way.
    #[cfg(feature = "tab")]
    pub fn is_searching(&self) -> bool {
        self.state.borrow().is_searching()
    }

    /// Stops for good: aborts the request in flight and drops the timer.
    pub fn stop(&self) {
        if let Some(cancel) = self.request.take() {
            cancel.cancel();
        }
        self.timer.take();
        self.late.take();
    }

    /// Asks the results on screen again (see [`LookupEvent::Refresh`]).
    #[cfg(feature = "tab")]
    pub fn refresh(self: &Rc<Self>) {
        self.dispatch(LookupEvent::Refresh);
    }

    /// See [`LookupEvent::StoreAnswers`].
    #[cfg(feature = "tab")]
    pub fn store_answers(self: &Rc<Self>) {
        self.dispatch(LookupEvent::StoreAnswers);
    }

    /// What the rep has typed, and whether the search box has the focus.
    #[cfg(feature = "tab")]
    pub fn typed(&self) -> (String, bool) {
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| e == **self.input);
        (self.input.value(), focused)
    }

    /// Goes on with a search typed before the tab started again (new settings): the text
    /// back in the box, searched, and the focus where it was.
    #[cfg(feature = "tab")]
    pub fn resume(self: &Rc<Self>, text: &str, focused: bool) {
        self.input.set_value(text);
        self.dispatch(LookupEvent::Typed(text.to_owned()));
        if focused {
            self.input.focus().ok();
        }
    }

    /// A named action of the panel's markup.
    fn act(self: &Rc<Self>, a: Action) {
        match a.name.as_str() {
            action::TYPE => self.dispatch(LookupEvent::Typed(a.value())),
            action::PICK => {
                let Some(i) = a.number().map(|i| i as usize) else {
                    return;
                };
                let hit = self.state.borrow().hits().get(i).cloned();
                self.select(hit);
                self.dispatch(LookupEvent::Pick(i));
            }
            action::CLEAR => {
                self.dispatch(LookupEvent::Clear);
                // The button is gone: back to the field.
                self.input.focus().ok();
            }
            action::RETRY => {
                // The button goes with the failure: the search box takes the focus.
                self.input.focus().ok();
                self.dispatch(LookupEvent::SearchNow);
            }
            action::KEY => self.key(&a),
            _ => {}
        }
    }

    /// Keys in the search box: arrows move through the results, Enter opens the highlighted
    /// one (or searches at once), Escape closes the opened one's details, then clears.
    fn key(self: &Rc<Self>, a: &Action) {
        let event = match a.key().as_str() {
            "ArrowDown" => LookupEvent::Next,
            "ArrowUp" => LookupEvent::Previous,
            "Enter" => LookupEvent::Enter,
            "Escape" => LookupEvent::Escape,
            _ => return,
        };
        a.event.prevent_default();
        if event == LookupEvent::Enter {
            let hit = self.state.borrow().enter_hit().cloned();
            self.select(hit);
        }
        let moves = matches!(event, LookupEvent::Next | LookupEvent::Previous);
        self.dispatch(event);
        if moves {
            self.reveal_active();
        }
    }

    /// Scrolls the highlighted result into view, as little as needed: under the deal's
    /// products the results may start below the visible part of the page (the frame is as tall
    /// as its content, so the portal's page scrolls).
    fn reveal_active(&self) {
        let Some(id) = self.input.get_attribute("aria-activedescendant") else {
            return;
        };
        if let Some(option) = self.body.find(&format!("#{id}")) {
            let how = ScrollIntoViewOptions::new();
            how.set_block(ScrollLogicalPosition::Nearest);
            option.scroll_into_view_with_scroll_into_view_options(&how);
        }
    }

    fn select(&self, hit: Option<crate::model::lookup::LookupHit>) {
        if let (Some(hit), Some(on_select)) = (hit, &self.setup.options.on_select) {
            on_select(hit);
        }
    }

    /// Applies `event`, starts what the new state asks for (the pause after an edit, the
    /// request of a new search) and updates the screen.
    fn dispatch(self: &Rc<Self>, event: LookupEvent) {
        let (edit, seq) = {
            let mut state = self.state.borrow_mut();
            let before = (state.edit, state.searching.as_ref().map(|s| s.seq));
            state.apply(event);
            before
        };
        let (edit_now, searching, known) = {
            let state = self.state.borrow();
            let searching = state.searching.clone();
            let changed = searching.as_ref().map(|s| s.seq) != seq;
            (
                state.edit,
                changed.then_some(searching),
                state.warehouses.clone(),
            )
        };
        if edit_now != edit {
            // A newer edit drops the older timer.
            let weak = Rc::downgrade(self);
            let timer = Timeout::new(DEBOUNCE_MS, move || {
                if let Some(panel) = weak.upgrade() {
                    panel.dispatch(LookupEvent::Paused(edit_now));
                }
            });
            self.timer.replace(Some(timer));
        }
        if let Some(searching) = searching {
            // The search no longer awaited is aborted.
            if let Some(cancel) = self.request.take() {
                cancel.cancel();
            }
            if let Some(s) = searching {
                let cancel = Cancel::new();
                let client = self.setup.client.with_cancel(cancel.clone());
                self.request.replace(Some(cancel));
                let weak = Rc::downgrade(self);
                if !s.refresh {
                    self.watch_late(s.seq);
                }
                spawn_local(ask(weak, client, s.seq, s.query, known));
            }
        }
        self.show();
    }

    /// Once search `seq` has waited [`LATE_MS`], and again each time as long, says why while it
    /// is still awaited: the store asked to slow down or failed to answer (the client waits to
    /// try again), or is slow.
    fn watch_late(self: &Rc<Self>, seq: u64) {
        let weak = Rc::downgrade(self);
        let timer = Timeout::new(LATE_MS, move || {
            let Some(panel) = weak.upgrade() else { return };
            let awaited = panel.state.borrow().searching.as_ref().map(|s| s.seq) == Some(seq);
            if !awaited {
                return;
            }
            let client = &panel.setup.client;
            let why = match (client.is_limited(), client.is_retrying()) {
                (true, _) => Waiting::Limited,
                (false, true) => Waiting::Retrying,
                (false, false) => Waiting::Slow,
            };
            panel.dispatch(LookupEvent::Late(seq, why));
            panel.watch_late(seq);
        });
        self.late.replace(Some(timer));
    }

    /// Brings the screen up to the state.
    fn show(&self) {
        let state = self.state.borrow();
        let v = View {
            state: &state,
            ids: &self.ids,
            compact: self.setup.options.compact,
            lang: self.setup.lang,
            is_admin: self.setup.is_admin,
            admin: self.setup.admin.as_deref(),
        };
        set(&self.section, "data-state", Some(data_state(&state)));
        set(&self.section, "data-query", data_query(&state));
        let expanded = if listed(&state) { "true" } else { "false" };
        set(&self.input, "aria-expanded", Some(expanded));
        set(
            &self.input,
            "aria-activedescendant",
            active_option(&v).as_deref(),
        );
        // Only when the state's text is not what the field holds (Escape, clear): setting it
        // while the rep types would move the caret.
        if self.input.value() != state.text {
            self.input.set_value(&state.text);
        }
        let mut status_now = self.status_shown.borrow_mut();
        let line = said(&state, self.setup.lang);
        if *status_now != line {
            self.status.set_text_content(Some(&line));
            *status_now = line;
        }
        // A failure's title is on its notice below: the line is said, not shown twice.
        let failed = matches!(state.shown, Shown::Failed { .. }) && !state.is_searching();
        let class = match failed {
            true => "sl-lookup-status sl-sr",
            false => "sl-lookup-status",
        };
        self.status.set_class_name(class);
        let mut m = Markup::new();
        tools(&mut m, &v);
        self.tools.render(m.finish());
        let mut m = Markup::new();
        body(&mut m, &v);
        self.body.render(m.finish());
    }
}

/// One search's request; its answer goes back to the panel, if it still runs.
async fn ask(
    panel: Weak<Panel>,
    client: Client,
    seq: u64,
    query: crate::model::lookup::LookupQuery,
    known: Option<Vec<bitrix_rest::models::catalog::Warehouse>>,
) {
    let Some(settings) = panel.upgrade().map(|p| Rc::clone(&p.setup.settings)) else {
        return;
    };
    let outcome = search(&client, &settings, &query, known).await;
    if let Some(panel) = panel.upgrade() {
        panel.dispatch(LookupEvent::Answered(seq, outcome));
    }
}

/// Sets attribute `name` of `el` to `value`, or removes it.
fn set(el: &Element, name: &str, value: Option<&str>) {
    match value {
        Some(value) => el.set_attribute(name, value).ok(),
        None => el.remove_attribute(name).ok(),
    };
}
