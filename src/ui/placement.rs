//! Chooses the page for the placement the portal opened StoreLink in.

use std::rc::Rc;

use yew::prelude::*;

use super::deal::DealTab;
use super::home::HomePage;
use super::notice::{Notice, Tone};
use crate::i18n::fill;
use crate::session::Session;

/// The placement code of the deal card's tab.
pub const DEAL_TAB: &str = "CRM_DEAL_DETAIL_TAB";
/// The app's own page in the portal's menu.
pub const APP_PAGE: &str = "DEFAULT";

#[function_component]
pub fn PlacementPage() -> Html {
    let Some(session) = use_context::<Rc<Session>>() else {
        return Html::default();
    };
    let t = session.lang.shell();
    let placement = session.init.placement.as_str();
    match (placement, session.init.deal_id()) {
        (DEAL_TAB, Some(deal_id)) => html! { <DealTab {deal_id} /> },
        (DEAL_TAB, None) => html! {
            <div class="sl-page" data-testid="deal-tab" data-state="error">
                <Notice tone={Tone::Alert} title={t.deal_tab_no_deal_title} text={t.deal_tab_no_deal_text} />
            </div>
        },
        (APP_PAGE, _) | ("", _) => html! { <HomePage /> },
        (other, _) => html! {
            <div class="sl-page" data-testid="storelink" data-state="error">
                <Notice tone={Tone::Warning} title={t.placement_unknown_title}
                    text={fill(t.placement_unknown_text, &[other])} />
            </div>
        },
    }
}
