//! What every page reads from its surroundings: the session, and how to tell the app that the
//! admin saved new settings.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::settings::Settings;
use crate::session::Session;

/// Tells the root that settings were saved, so every page (and the store client) follows them.
#[derive(Clone, PartialEq)]
pub struct SettingsSaved(pub Callback<Settings>);

/// The session; pages are only rendered once it exists.
#[hook]
pub fn use_session() -> Option<Rc<Session>> {
    use_context::<Rc<Session>>()
}

/// The callback to report saved settings with.
#[hook]
pub fn use_settings_saved() -> Callback<Settings> {
    use_context::<SettingsSaved>()
        .map(|s| s.0)
        .unwrap_or_default()
}
