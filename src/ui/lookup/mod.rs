//! The quick stock lookup: search the store catalogue by name, article or XML_ID as the rep
//! types, with free stock per warehouse and price. Used on the app page and in the deal tab
//! (`compact`). What happens on each keystroke, answer and key is decided by
//! [`crate::model::lookup_search`]; this module runs the timer and the request it asks for.

mod fetch;
mod panel;
mod results;

use std::rc::Rc;

use bitrix_rest::models::catalog::Warehouse;
use yew::prelude::*;

use super::notice::{Notice, Tone};
use crate::model::lookup::LookupHit;
use crate::session::{Session, StoreAccess};
use panel::LookupPanel;

/// How a page shows the lookup.
#[derive(Default)]
pub struct LookupOptions {
    /// The narrow layout of the deal tab: each result's warehouses on a line under its name.
    pub compact: bool,
    /// The store's warehouses when the page already read them (the lookup then does not).
    pub warehouses: Option<Rc<Vec<Warehouse>>>,
    /// Opens the settings; when given, an admin whose store is not connected gets a button.
    pub on_open_settings: Option<Callback<()>>,
    /// Called with the result the rep chooses (Enter on it, or a click), as its details open or
    /// close.
    pub on_select: Option<Callback<LookupHit>>,
}

/// The lookup, or what stands in its way: no store connection (for an admin the settings, for
/// a rep who to ask).
pub fn stock_lookup(session: &Rc<Session>, options: LookupOptions) -> Html {
    let t = session.lang.lookup();
    let notice = match (&session.store, session.settings.store_iblock_id) {
        (StoreAccess::Ready(client), Some(_)) => {
            return html! {
                <LookupPanel session={session.clone()} client={client.clone()} compact={options.compact}
                    warehouses={options.warehouses} on_select={options.on_select} />
            };
        }
        _ if session.init.is_admin => match options.on_open_settings {
            Some(open) => Notice::new(Tone::Info, t.not_configured_admin)
                .action(t.open_settings, Callback::from(move |_| open.emit(()))),
            None => Notice::new(Tone::Info, t.not_configured_admin_elsewhere),
        },
        _ => Notice::new(Tone::Info, t.not_configured_rep),
    };
    html! {
        <section class="sl-card sl-lookup" data-testid="stock-lookup" data-state="not-configured">
            { notice.titled(t.not_configured_title).testid("stock-not-configured").html() }
        </section>
    }
}

#[cfg(test)]
mod tests;
