//! StoreLink: the online-store order, stock and two-way edits inside a Bitrix24 deal card.
//!
//! - [`model`]: pure domain logic (links, stock, differences, settings), tested natively.
//! - [`frame`]: the Bitrix24 frame protocol.
//! - [`i18n`]: the rep's language.
//! - [`markup`]: every screen of the deal tab as HTML text, tested natively.
//! - `page`, `ui` and `session` (wasm only): the deal tab in the browser without a framework,
//!   the admin pages as Yew components, and the REST clients they share.

pub mod fetch;
pub mod frame;
pub mod i18n;
pub mod manifest;
pub mod markup;
pub mod model;

#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod session;
#[cfg(all(target_arch = "wasm32", feature = "admin"))]
mod ui;

/// The wasm entry point: mounts the UI once the module is loaded.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    page::mount();
}
