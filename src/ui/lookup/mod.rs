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

use super::context::use_session;
use super::notice::{Notice, Tone};
use crate::model::lookup::LookupHit;
use crate::session::StoreAccess;
use panel::LookupPanel;

#[derive(Properties, PartialEq)]
pub struct StockLookupProps {
    /// The narrow layout of the deal tab: each result's warehouses on a line under its name.
    #[prop_or_default]
    pub compact: bool,
    /// The store's warehouses when the page already read them (the lookup then does not).
    #[prop_or_default]
    pub warehouses: Option<Rc<Vec<Warehouse>>>,
    /// Opens the settings; when given, an admin whose store is not connected gets a button.
    #[prop_or_default]
    pub on_open_settings: Option<Callback<()>>,
    /// Called with the result the rep chooses (Enter on it, or a click), as its details open or
    /// close.
    #[prop_or_default]
    pub on_select: Option<Callback<LookupHit>>,
}

/// The lookup, or what stands in its way: no store connection (for an admin the settings, for
/// a rep who to ask).
#[function_component]
pub fn StockLookup(props: &StockLookupProps) -> Html {
    let Some(session) = use_session() else {
        return Html::default();
    };
    let t = session.lang.lookup();
    match (&session.store, session.settings.store_iblock_id) {
        (StoreAccess::Ready(client), Some(_)) => html! {
            <LookupPanel session={session.clone()} client={client.clone()} compact={props.compact}
                warehouses={props.warehouses.clone()} on_select={props.on_select.clone()} />
        },
        _ if session.init.is_admin => {
            let (text, action) = match &props.on_open_settings {
                Some(open) => {
                    let open = open.clone();
                    let action = (
                        AttrValue::Static(t.open_settings),
                        Callback::from(move |_: MouseEvent| open.emit(())),
                    );
                    (t.not_configured_admin, Some(action))
                }
                None => (t.not_configured_admin_elsewhere, None),
            };
            html! {
                <section class="sl-card sl-lookup" data-testid="stock-lookup" data-state="not-configured">
                    <Notice tone={Tone::Info} title={t.not_configured_title} text={text} {action}
                        testid="stock-not-configured" />
                </section>
            }
        }
        _ => html! {
            <section class="sl-card sl-lookup" data-testid="stock-lookup" data-state="not-configured">
                <Notice tone={Tone::Info} title={t.not_configured_title} text={t.not_configured_rep}
                    testid="stock-not-configured" />
            </section>
        },
    }
}

#[cfg(test)]
mod tests;
