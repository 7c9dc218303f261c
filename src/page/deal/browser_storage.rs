//! This browser's `localStorage`, where the tab keeps small memories per deal (the order a rep
//! picked, the last store batch).

/// The storage; `None` where the browser refuses it (then the tab just forgets).
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
