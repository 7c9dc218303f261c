//! The cheap checks an open tab makes every polling interval, and stock requests with known
//! product IDs (after a poll, or when a deal-open stock command came back with a next page).
//!
//! Portal: the deal's `DATE_MODIFY` (`crm.deal.list` selecting two fields), the deals
//! holding the same link to its order, and the app's settings (an admin may have saved others
//! since the tab opened) ([`portal_poll_batch`]). Store: the
//! order's `dateUpdate` and the current stock of the rows' products in one batch: stock moves
//! without the order changing (other orders, receipts), and the answer is the new data itself.
//! A deal with more stock than one request holds has it checked in parts, one a check.
//! A changed stamp means: reload that side.

use bitrix_rest::models::{
    crm::{Contact, Deal},
    sale::Order,
};
use serde_json::{Value, json};

use super::DealView;
use crate::model::call::{Batch, Call, MAX_BATCH_COMMANDS};
use crate::model::catalog_query::{ASSUMED_WAREHOUSES, stock_commands};
use crate::model::settings::{LinkRule, SETTINGS_OPTION, Settings};
use crate::model::shared_link::{
    LinkProbe, cross_calls, deals_linked, probes_from, same_link_call_for,
};
use crate::model::sorted::sort_dedup;

/// The portal check: `crm.deal.list` of this deal's `ID` and `DATE_MODIFY`.
pub fn portal_poll_call(deal_id: u64) -> Call {
    Call::new(
        "crm.deal.list",
        json!({"filter": {"ID": deal_id}, "select": ["ID", "DATE_MODIFY"]}),
    )
}

/// The contact check: `crm.contact.list` of the deal contact's `ID` and `DATE_MODIFY` (a
/// colleague adds a phone: the candidate orders and the buyer check change with it).
pub fn contact_poll_call(contact_id: u64) -> Call {
    Call::new(
        "crm.contact.list",
        json!({"filter": {"ID": contact_id}, "select": ["ID", "DATE_MODIFY"]}),
    )
}

/// True when the deal's contact (as loaded) changed or vanished since; `polled` is the
/// answer to [`contact_poll_call`].
pub fn contact_changed(loaded: Option<&Contact>, polled: &[Contact]) -> bool {
    loaded.is_some_and(|c| {
        polled
            .first()
            .is_none_or(|p| p.date_modify != c.date_modify)
    })
}

/// `app.option.get` of the app's settings, as the admin saved them.
pub fn settings_call() -> Call {
    Call::new("app.option.get", json!({ "option": SETTINGS_OPTION }))
}

/// The portal check as a batch: `deal` ([`portal_poll_call`]), `settings` (the app's stored
/// settings, `app.option.get`) and, when the order is linked by a rule that records the link in
/// the deal, its probes ([`same_link_probes`]): the other deals holding a link to that order now
/// (a deal linked to the same order meanwhile shows its warning without a reload).
pub fn portal_poll_batch(
    view: &DealView,
    deal: &Deal,
    contact: Option<&Contact>,
    rules: &[LinkRule],
) -> Batch {
    let mut batch = Batch::new();
    batch.push("deal", portal_poll_call(view.deal.id));
    batch.push("settings", settings_call());
    if let Some(c) = contact {
        batch.push("contact", contact_poll_call(c.id));
    }
    for (probe, call) in same_link_probes(view, deal, rules) {
        batch.push(probe.name(), call);
    }
    batch
}

/// The probes the check asks for the other deals linked to the view's order, with their
/// commands: those of the rule that linked it, while `deal` holds a link under that rule.
pub fn same_link_probes(
    view: &DealView,
    deal: &Deal,
    rules: &[LinkRule],
) -> Vec<(LinkProbe, Call)> {
    let Some(order) = &view.order else {
        return Vec::new();
    };
    let source = order.linked_by.0;
    let same = probes_from(rules, source)
        .into_iter()
        .filter_map(|probe| Some((probe, same_link_call_for(deal, rules, probe)?)));
    same.chain(cross_calls(deal.id, rules, source, &order.keys()))
        .collect()
}

/// True when the deals holding a link to the order (the probes' answers, `listed`) are not the
/// ones the view names.
pub fn shared_link_changed(
    view: &DealView,
    deal: &Deal,
    rules: &[LinkRule],
    listed: &[(LinkProbe, Vec<Deal>)],
) -> bool {
    let Some(order) = &view.order else {
        return false;
    };
    let keys = order.keys();
    let mut now: Vec<u64> = listed
        .iter()
        .flat_map(|(probe, deals)| deals_linked(deal, rules, *probe, &keys, deals))
        .map(|d| d.id)
        .collect();
    sort_dedup(&mut now);
    let shown: Vec<u64> = order.shared_with.iter().map(|d| d.id).collect();
    now != shown
}

/// The store check: `order` (the linked order's `id` and `dateUpdate`, when linked) and
/// `stock0…` (the rows' products in the shown warehouses), in one request: when the stock
/// takes more commands than one request holds, check number `round` asks the next part of
/// them in turn (a change shows within as many checks as there are parts). `None` when there
/// is nothing to check (no order and no matched row).
pub fn store_poll_batch(view: &DealView, round: usize) -> Option<Batch> {
    let mut batch = Batch::new();
    if let Some(order) = &view.order {
        batch.push(
            "order",
            Call::new(
                "sale.order.list",
                json!({"filter": {"id": order.id}, "select": ["id", "dateUpdate"]}),
            ),
        );
    }
    let mut ids: Vec<u64> = view
        .rows
        .iter()
        .filter_map(|r| r.store_product_id)
        .collect();
    sort_dedup(&mut ids);
    let shown: Vec<u64> = view.warehouses.iter().map(|w| w.id).collect();
    let stock = stock_batch(&ids, &shown).commands;
    let room = MAX_BATCH_COMMANDS - batch.len();
    let first = if stock.len() > room {
        round.wrapping_mul(room) % stock.len()
    } else {
        0
    };
    for command in stock.iter().cycle().skip(first).take(room.min(stock.len())) {
        batch.push(command.name.clone(), command.call.clone());
    }
    (!batch.is_empty()).then_some(batch)
}

/// Stock of known products (`stock0`, …) in the shown warehouses: for a deal-open stock
/// command that came back with a next page, or to refresh figures.
pub fn stock_batch(product_ids: &[u64], shown: &[u64]) -> Batch {
    let mut batch = Batch::new();
    append_stock(&mut batch, product_ids, shown);
    batch
}

fn append_stock(batch: &mut Batch, ids: &[u64], shown: &[u64]) {
    let ids: Vec<Value> = ids.iter().map(|id| json!(id)).collect();
    // `shown` is the resolved list of the view, so commands are filtered and sized by it;
    // empty only when the store's warehouses are unknown.
    stock_commands(batch, "stock", &ids, shown, ASSUMED_WAREHOUSES);
}

/// The settings the portal holds now, when they differ from `current` (the tab then starts
/// again with them). An answer that cannot be read changes nothing; `null` (no settings) is
/// the defaults.
pub fn changed_settings(current: &Settings, polled: &Value) -> Option<Settings> {
    Settings::from_value(polled)
        .ok()
        .filter(|now| now != current)
}

/// True when the deal's `DATE_MODIFY` differs from the one the view was built from.
pub fn deal_changed(view: &DealView, polled: &Deal) -> bool {
    polled.date_modify != view.deal.date_modify
}

/// True when the order answer differs from the view: another `dateUpdate`, or the order is
/// gone (an empty answer).
pub fn order_changed(view: &DealView, polled: &[Order]) -> bool {
    match (&view.order, polled.first()) {
        (Some(card), Some(o)) => o.id != card.id || o.date_update != card.date_update,
        (Some(_), None) => true,
        (None, _) => false,
    }
}
