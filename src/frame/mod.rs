//! The Bitrix24 frame protocol: how the app, inside the portal's iframe, asks the portal for its
//! context, a fresh token, a height, or to store options.
//!
//! [`message`] and [`init_data`] are pure and tested natively; [`bridge`] talks `postMessage`.

pub mod init_data;
pub mod message;

#[cfg(target_arch = "wasm32")]
pub mod bridge;

#[cfg(target_arch = "wasm32")]
pub use bridge::{Frame, FrameError};
pub use init_data::{Auth, InitData};
pub use message::FrameName;
