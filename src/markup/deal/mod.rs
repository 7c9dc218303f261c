//! The deal tab as markup: the status line, the order (or linking, or why the store is not
//! shown), the deal, the differences and the products with their stock. The lookup renders
//! itself after it.
//!
//! Actions named here: `retry` (click: load again), `open-settings` (click: an admin opens the
//! app's settings), `choose-order` (change on `#sl-order-choice`: the select's value is the
//! order ID).

mod differences;
pub mod notices;
pub mod order;
mod rows;
mod skeleton;
pub mod state;
mod summary;

#[cfg(test)]
mod tests;

use super::Markup;
use super::format::Fmt;
use super::notice::Audience;
use crate::fetch::store_side::StoreData;
use crate::i18n::{Lang, Names};
use crate::model::link::UnresolvedLink;
use crate::model::mapping::prefill::status_name;
use crate::model::settings::PropertyPair;
use crate::model::text::lowercase;
use crate::model::view::StoreState;
use differences::differences;
use notices::{catalogue_unread, load_failed, refresh_failed, store_notice, unchecked};
pub use notices::{status_content, status_line, status_text};
use order::order_panel;
use rows::{RowsTable, rows_table};
use skeleton::{deal_skeleton, differences_skeleton, order_skeleton};
use state::{Loaded, TabState};
use summary::deal_summary;

/// What the tab's markup needs besides its state.
pub struct TabContext<'a> {
    pub lang: Lang,
    /// The person may change settings (the store-not-configured notice offers them).
    pub is_admin: bool,
    /// The administrator named to a rep told to ask one (none for an administrator).
    pub admin: Option<&'a str>,
    /// The property products match by, after XML_ID or alone (`settings.product_property`).
    pub product_property: Option<&'a PropertyPair>,
    /// How many warehouse columns to hold in grey while the store's answer is awaited.
    pub pending_warehouses: usize,
    /// The portal's address (`https://example.bitrix24.ru`), for links to its deals.
    pub portal: &'a str,
}

impl TabContext<'_> {
    /// Who reads the tab's notices.
    pub fn audience(&self) -> Audience<'_> {
        Audience {
            lang: self.lang,
            is_admin: self.is_admin,
            admin: self.admin,
        }
    }
}

/// The tab's content below its status line ([`status_line`]): a failed refresh, then the
/// loaded view, the failure or the skeleton. `link_panel` writes the linking panel where a deal
/// has no linked order, given what the deal's link fields hold that names no order.
pub fn tab_body(
    m: &mut Markup,
    ctx: &TabContext,
    state: &TabState,
    link_panel: &dyn Fn(&mut Markup, &[UnresolvedLink]),
) {
    refresh_failed(m, state, ctx.audience());
    unchecked(m, state, ctx.audience());
    match (&state.loaded, &state.error, &state.partial) {
        (Some(loaded), _, _) => loaded_body(m, ctx, state, loaded, link_panel),
        (None, Some(error), _) => load_failed(m, error, ctx.audience()),
        // A slow store: Bitrix24's part meanwhile, the store's as placeholders.
        (None, None, Some(crm)) if state.slow => loaded_body(m, ctx, state, crm, link_panel),
        (None, None, _) => deal_skeleton(m),
    }
}

fn loaded_body(
    m: &mut Markup,
    ctx: &TabContext,
    state: &TabState,
    loaded: &Loaded,
    link_panel: &dyn Fn(&mut Markup, &[UnresolvedLink]),
) {
    let view = &loaded.view;
    let data = &loaded.data;
    let marks = &state.marks;
    let fmt = Fmt::new(ctx.lang);
    m.open_class("div", "sl-deal-top");
    match (view.store, &view.order) {
        (StoreState::Linked, Some(order)) => {
            order_panel(
                m,
                order,
                &view.choices,
                state.chosen,
                fmt,
                &marks.order,
                ctx.portal,
            );
        }
        (StoreState::NotLinked, _) | (StoreState::Linked, None) => link_panel(m, &view.unresolved),
        (StoreState::NotConfigured, _) => store_notice(m, ctx.audience(), None),
        (StoreState::Unavailable, _) => store_notice(m, ctx.audience(), data.store.error()),
        (StoreState::Pending, _) => order_skeleton(m),
    }
    deal_summary(m, &view.deal, fmt, &marks.deal);
    m.close("div");
    if view.store == StoreState::Pending {
        differences_skeleton(m);
    }
    if view.store == StoreState::Linked {
        // Two stages of one pipeline named alike (in any letter case) are told apart by their
        // IDs in every sentence: «Доставка (C4:UC_D1)».
        let stage = |id: &str| {
            let stage = data.stages.iter().find(|s| s.status_id == id)?;
            let name = lowercase(stage.name.trim());
            let twin = data.stages.iter().any(|o| {
                o.status_id != stage.status_id
                    && o.entity_id == stage.entity_id
                    && lowercase(o.name.trim()) == name
            });
            Some(match twin {
                true => format!("{} ({})", stage.name.trim(), stage.status_id),
                false => stage.name.clone(),
            })
        };
        // A status the store lists, named in the rep's language (else English, else any).
        let status = |id: &str| match &data.store {
            StoreData::Answered(a) if a.statuses.iter().any(|s| s.id == id) => {
                status_name(id, &a.status_names, ctx.lang.code()).map(str::to_owned)
            }
            _ => None,
        };
        let names = Names {
            stage: &stage,
            status: &status,
        };
        differences(
            m,
            view,
            data.catalogue_error.is_some(),
            fmt,
            &names,
            marks.differences,
        );
    }
    if let Some(error) = &data.catalogue_error {
        catalogue_unread(m, error, ctx.audience());
    }
    rows_table(
        m,
        &RowsTable {
            rows: &view.rows,
            warehouses: &view.warehouses,
            currency: &view.deal.currency,
            order_currency: view.order.as_ref().map(|o| o.currency.as_str()),
            fmt,
            has_stock: matches!(view.store, StoreState::Linked | StoreState::NotLinked),
            lost_deal: view.deal.lost,
            has_order: view.order.is_some(),
            pending_warehouses: (view.store == StoreState::Pending)
                .then_some(ctx.pending_warehouses),
            stock_note: match view.store {
                StoreState::Unavailable => Some(ctx.lang.deal().no_stock_data),
                _ => None,
            },
            property: ctx.product_property,
            marks,
        },
    );
}

/// `class="base"`, with `sl-changed` added when a live update just changed the element; no
/// attribute when both are absent.
#[inline(never)]
fn changed_class(m: &mut Markup, base: &str, changed: bool) {
    match (base.is_empty(), changed) {
        (true, false) => {}
        (true, true) => {
            m.attr("class", "sl-changed");
        }
        (false, false) => {
            m.attr("class", base);
        }
        (false, true) => {
            m.attr("class", &format!("{base} sl-changed"));
        }
    }
}
