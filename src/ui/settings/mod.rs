//! The settings page (admins only): the store connection, how deals link to orders, how
//! products match, the status ↔ stage mapping, warehouses and the polling interval.

use yew::prelude::*;

/// The settings form. (Being built: see the settings page work.)
#[function_component]
pub fn SettingsPage() -> Html {
    html! { <section class="sl-card" data-testid="settings"></section> }
}
