//! Yew components. They hold state and make calls; what they show is computed by
//! [`crate::model`]. No business rule lives here.
//!
//! The page first asks the portal where it runs (the frame handshake), then mounts the screen
//! for that place. The `tab` bundle shows the deal tab and hands the app page and the
//! installer over to the `admin` bundle, which it loads only then.

mod app;
mod auto_height;
#[cfg(feature = "admin")]
mod context;
#[cfg(feature = "tab")]
mod deal;
#[cfg(feature = "admin")]
mod home;
#[cfg(feature = "admin")]
mod install;
mod notice;
mod outside;
mod screen;
#[cfg(feature = "admin")]
mod settings;
mod skeleton;

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;

pub use app::{App, AppProps};
use screen::{Page, Screen};

use crate::frame::Frame;
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
    let frame = match Frame::connect() {
        Ok(frame) => frame,
        Err(_) => return render(root, Screen::Outside),
    };
    spawn_local(async move {
        let screen = match Session::open(frame).await {
            Err(error) => Screen::Failed(error),
            Ok(session) => Screen::for_session(page, Rc::new(session)),
        };
        if screen.belongs_to_admin() && !cfg!(feature = "admin") {
            return screen::hand_over_to_admin(root);
        }
        render(root, screen);
    });
}

fn render(root: web_sys::Element, screen: Screen) {
    root.set_inner_html("");
    yew::Renderer::<App>::with_root_and_props(root, AppProps { screen }).render();
}
