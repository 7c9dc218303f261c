//! Yew components. They hold state and make calls; what they show is computed by
//! [`crate::model`]. No business rule lives here.

mod app;
mod auto_height;
mod context;
mod deal;
mod home;
mod install;
mod lookup;
mod notice;
mod outside;
mod placement;
mod settings;
mod skeleton;

use wasm_bindgen::JsCast;

pub use app::{App, AppProps, Page};

/// Mounts StoreLink into `#storelink`, choosing the page from its `data-page` attribute.
pub fn mount() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("storelink"))
    else {
        return;
    };
    let page = match root.get_attribute("data-page").as_deref() {
        Some("install") => Page::Install,
        _ => Page::App,
    };
    root.set_inner_html("");
    if let Ok(root) = root.dyn_into::<web_sys::Element>() {
        yew::Renderer::<App>::with_root_and_props(root, AppProps { page }).render();
    }
}
