//! The widget in the browser without a UI framework: mounts the screen for the place the
//! portal opened, puts [`crate::markup`] into the document and routes the events it names.
//! The `admin` bundle's pages (settings, installer) are Yew components in [`crate::ui`].

pub mod dom;
#[cfg(feature = "tab")]
mod link;
pub mod lookup;
