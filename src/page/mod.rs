//! The widget in the browser without a UI framework: mounts the screen for the place the
//! portal opened, puts [`crate::markup`] into the document and routes the events it names.
//! The `admin` bundle's pages (settings, installer) are Yew components in [`crate::ui`].

mod auto_height;
#[cfg(feature = "tab")]
mod deal;
pub mod dom;
#[cfg(feature = "tab")]
mod link;
pub mod lookup;
pub mod screen;

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

pub use auto_height::HeightWatch;
use screen::{Page, Screen, early_lang};

use crate::frame::Frame;
use crate::markup::shell;
use crate::session::Session;

/// Connects to the portal and mounts the screen it asks for into `#storelink`.
pub fn mount() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("storelink"))
    else {
        return;
    };
    let page = Page::of(root.get_attribute("data-page").as_deref());
    document_lang(early_lang());
    let frame = match Frame::connect() {
        Ok(frame) => frame,
        Err(_) => {
            started(&root);
            return root.set_inner_html(&shell::outside(early_lang()));
        }
    };
    spawn_local(async move {
        match Session::open(frame).await {
            Err(error) => {
                started(&root);
                root.set_inner_html(&shell::frame_failed(early_lang(), &error.to_string()))
            }
            Ok(session) => show(root, Screen::for_session(page, Rc::new(session))),
        }
    });
}

/// The static page's container (`#storelink`) says it is loading until a screen is in it:
/// then the screen says what it is doing, and assistive technology reads it rather than wait.
pub fn started(root: &Element) {
    let _ = root.set_attribute("data-state", "started");
    let _ = root.remove_attribute("aria-busy");
}

/// Says the page's language (`<html lang>`) for screen readers, spelling and hyphenation:
/// the static page says Russian until the portal tells.
fn document_lang(lang: crate::i18n::Lang) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.code());
    }
}

/// Shows `screen`: the admin pages through the `admin` bundle, the rest here. Each stays for
/// the life of the page.
fn show(root: Element, screen: Screen) {
    document_lang(screen.session().lang);
    if screen.belongs_to_admin() {
        #[cfg(feature = "admin")]
        crate::ui::render(root, screen);
        #[cfg(not(feature = "admin"))]
        screen::hand_over_to_admin(root);
        return;
    }
    let session = screen.session().clone();
    started(&root);
    root.set_inner_html(r#"<div class="sl-root"></div>"#);
    let Some(page) = root.first_element_child() else {
        return;
    };
    std::mem::forget(HeightWatch::start(page.clone(), session.frame.clone()));
    let lang = session.lang;
    match screen {
        #[cfg(feature = "tab")]
        Screen::DealTab { session, deal_id } => deal::mount_for_page(page, session, deal_id),
        Screen::NoDeal(_) => page.set_inner_html(&shell::no_deal(lang)),
        Screen::Unsupported { placement, .. } => {
            page.set_inner_html(&shell::unsupported(lang, &placement))
        }
        _ => page.set_inner_html(&shell::unsupported(lang, &session.init.placement)),
    }
}
