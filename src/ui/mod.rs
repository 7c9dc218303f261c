//! The `admin` bundle's pages as Yew components: the app page (lookup and settings) and the
//! installer. They hold state and make calls; what they show is computed by [`crate::model`].
//! No business rule lives here. [`crate::page`] decides which screen a page shows and hands
//! these over.

mod app;
mod auto_height;
mod context;
mod home;
mod install;
mod notice;
mod settings;
mod skeleton;
mod tab_binding;

pub use app::{App, AppProps};

use crate::page::screen::Screen;

/// Renders an admin `screen` (the app page or the installer) into `root`.
pub fn render(root: web_sys::Element, screen: Screen) {
    crate::page::started(&root);
    root.set_inner_html("");
    yew::Renderer::<App>::with_root_and_props(root, AppProps { screen }).render();
}
