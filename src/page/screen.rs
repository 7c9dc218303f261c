//! Which screen a page shows: decided once the portal has said where the app runs.

use std::rc::Rc;

use crate::i18n::Lang;
use crate::session::Session;

/// The placement code of the deal card's tab.
pub const DEAL_TAB: &str = "CRM_DEAL_DETAIL_TAB";
/// The app's own page in the portal's menu.
pub const APP_PAGE: &str = "DEFAULT";

/// Which HTML page started the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the deal tab or the app's own page.
    App,
    /// `install.html`: the installer.
    Install,
}

impl Page {
    /// The page named by the root element's `data-page`.
    pub fn of(data_page: Option<&str>) -> Page {
        match data_page {
            Some("install") => Page::Install,
            _ => Page::App,
        }
    }
}

/// What the app shows.
#[derive(Clone, PartialEq)]
pub enum Screen {
    /// The deal card's tab.
    DealTab { session: Rc<Session>, deal_id: u64 },
    /// The deal tab without a deal ID.
    NoDeal(Rc<Session>),
    /// The app's own page: lookup and settings.
    Home(Rc<Session>),
    /// The installer.
    Install(Rc<Session>),
    /// A placement StoreLink does not support.
    Unsupported {
        session: Rc<Session>,
        placement: String,
    },
}

impl Screen {
    /// The screen for this page and context.
    pub fn for_session(page: Page, session: Rc<Session>) -> Screen {
        if page == Page::Install || session.init.install {
            return Screen::Install(session);
        }
        let placement = session.init.placement.clone();
        match (placement.as_str(), session.init.deal_id()) {
            (DEAL_TAB, Some(deal_id)) => Screen::DealTab { session, deal_id },
            (DEAL_TAB, None) => Screen::NoDeal(session),
            (APP_PAGE, _) | ("", _) => Screen::Home(session),
            _ => Screen::Unsupported { session, placement },
        }
    }

    /// True for the screens of the `admin` bundle.
    pub fn belongs_to_admin(&self) -> bool {
        matches!(self, Screen::Home(_) | Screen::Install(_))
    }

    /// The session the screen runs in.
    pub fn session(&self) -> &Rc<Session> {
        match self {
            Screen::DealTab { session, .. }
            | Screen::NoDeal(session)
            | Screen::Home(session)
            | Screen::Install(session)
            | Screen::Unsupported { session, .. } => session,
        }
    }
}

/// Loads the `admin` bundle (`storelink_admin.js`, through `boot.js`), which mounts itself
/// into the same root. If it cannot load, the root says so.
#[cfg(not(feature = "admin"))]
pub fn hand_over_to_admin(root: web_sys::Element) {
    use wasm_bindgen::JsCast;
    let loader = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"storelinkLoadAdmin".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let started = loader.and_then(|f| f.call0(&wasm_bindgen::JsValue::NULL).ok());
    if started.is_none() {
        root.set_attribute("data-state", "error").ok();
        root.set_text_content(Some(
            "StoreLink could not load its settings page. Reload the page. / \
             StoreLink не смог загрузить страницу настроек. Обновите страницу.",
        ));
    }
}

/// The language before the portal has said which: the iframe URL's `LANG`, else the browser's.
pub fn early_lang() -> Lang {
    let window = web_sys::window();
    let from_query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("LANG=").map(str::to_owned))
        });
    let code = from_query
        .or_else(|| window.and_then(|w| w.navigator().language()))
        .unwrap_or_default();
    Lang::from_code(&code)
}
