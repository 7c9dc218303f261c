//! The quick stock lookup in the browser: search the store catalogue by name, article or
//! XML_ID as the rep types, with free stock per warehouse and price. Mounted by the app page
//! and the deal tab (`compact`). What each keystroke, answer and key does is decided by
//! [`crate::model::lookup_search`], what is shown by [`crate::markup::lookup`]; [`panel`] runs
//! the timer and the request the state asks for.

mod fetch;
mod panel;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use bitrix_rest::models::catalog::Warehouse;
use gloo_events::EventListener;

use super::dom::{Region, delegate};
use crate::markup::Markup;
use crate::markup::lookup::{Reader, action, not_configured};
use crate::model::lookup::LookupHit;
use crate::session::Session;

/// How a page shows the lookup.
#[derive(Default)]
pub struct LookupOptions {
    /// The narrow layout of the deal tab: each result's warehouses on a line under its name.
    pub compact: bool,
    /// The store's warehouses when the page already read them (the lookup then does not).
    pub warehouses: Option<Rc<Vec<Warehouse>>>,
    /// Opens the settings; when given, an admin whose store is not connected gets a button.
    pub on_open_settings: Option<Rc<dyn Fn()>>,
    /// Called with the result the rep chooses (Enter on it, or a click), as its details open or
    /// close.
    pub on_select: Option<Rc<dyn Fn(LookupHit)>>,
    /// The search box takes the keyboard as it appears (the app page, where the lookup is what
    /// the rep came for; not the deal tab, under the deal's cards).
    pub focus: bool,
}

/// A running lookup; dropping it stops it (the request in flight is aborted, the timer and
/// the listeners removed). What it rendered stays in the element.
pub struct LookupHandle {
    panel: Option<Rc<panel::Panel>>,
    _listeners: Vec<EventListener>,
}

impl LookupHandle {
    /// Stock may have changed: the results on screen, if any, are asked again quietly (the
    /// deal tab's live updates).
    #[cfg(feature = "tab")]
    pub fn refresh(&self) {
        if let Some(panel) = &self.panel {
            panel.refresh();
        }
    }

    /// The store answered the tab: a search that failed is tried again.
    #[cfg(feature = "tab")]
    pub fn store_answers(&self) {
        if let Some(panel) = &self.panel {
            panel.store_answers();
        }
    }
}

#[cfg(feature = "tab")]
impl LookupHandle {
    /// A search the rep waits for is under way.
    pub fn is_searching(&self) -> bool {
        self.panel.as_ref().is_some_and(|p| p.is_searching())
    }

    /// What the rep has typed in the search box, and whether it has the focus.
    pub fn typed(&self) -> Option<(String, bool)> {
        self.panel.as_ref().map(|p| p.typed())
    }

    /// Goes on with a search typed before the tab started again (see [`panel::Panel::resume`]).
    pub fn resume(&self, text: &str, focused: bool) {
        if let Some(panel) = &self.panel {
            panel.resume(text, focused);
        }
    }
}

impl Drop for LookupHandle {
    fn drop(&mut self) {
        if let Some(panel) = &self.panel {
            panel.stop();
        }
    }
}

/// Renders the lookup (or why it cannot run: no store connection) into `element` and runs it
/// until the handle is dropped (requests in flight are aborted, timers and listeners removed).
pub fn mount(
    element: web_sys::Element,
    session: Rc<Session>,
    options: LookupOptions,
) -> LookupHandle {
    let region = Region::new(element);
    if let (Some(client), Some(_)) = (session.store.client(), session.settings.store_iblock_id) {
        let setup = panel::Setup {
            lang: session.lang,
            settings: Rc::new(session.settings.clone()),
            client: client.clone(),
            options,
            is_admin: session.init.is_admin,
            admin: session.admin_to_ask().map(str::to_owned),
        };
        let (panel, listeners) = panel::start(&region, setup);
        return LookupHandle {
            panel,
            _listeners: listeners,
        };
    }
    let reader = match (session.init.is_admin, &options.on_open_settings) {
        (true, Some(_)) => Reader::AdminWithSettings,
        (true, None) => Reader::Admin,
        (false, _) => Reader::Rep,
    };
    let mut m = Markup::new();
    not_configured(&mut m, session.lang, reader, session.admin_to_ask());
    region.render(m.finish());
    let listeners = match options.on_open_settings {
        Some(open) if reader == Reader::AdminWithSettings => delegate(&region, move |a| {
            if a.name == action::OPEN_SETTINGS {
                open();
            }
        }),
        _ => Vec::new(),
    };
    LookupHandle {
        panel: None,
        _listeners: listeners,
    }
}
