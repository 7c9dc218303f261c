//! The cheap check a visible tab makes every few seconds: has the deal, the order or the stock
//! of its products changed since the view was loaded?

use std::pin::pin;

use bitrix_rest::models::catalog::StoreStock;
use bitrix_rest::models::crm::{Contact, Deal};
use bitrix_rest::models::sale::Order;
use bitrix_rest::{Client, Error};
use futures::future::{Either, select};

use super::answers::{Answers, run};
use super::deal::DealData;
use super::store_side::StoreData;
use crate::model::settings::Settings;
use crate::model::shared_link::LinkProbe;
use crate::model::sorted::sort_dedup;
use crate::model::view::DealView;
use crate::model::view::poll::{
    changed_settings, contact_changed, deal_changed, order_changed, portal_poll_batch,
    same_link_probes, settings_call, shared_link_changed, store_poll_batch,
};

/// What the check found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changed {
    pub deal: bool,
    pub order: bool,
    pub stock: bool,
    /// The settings an admin saved since the tab opened.
    pub settings: Option<Settings>,
    /// Why the store could not tell (the whole request or one of its commands failed): its
    /// order and stock on screen may be out of date.
    pub store_failure: Option<Error>,
}

impl Changed {
    /// True when the deal, the order or the stock changed.
    pub fn any(&self) -> bool {
        self.deal || self.order || self.stock
    }
}

/// The settings an admin saved since the tab started with `current`, asked on their own: for a
/// tab that loads again instead of checking (its store or catalogue failed, a rep's retry). A
/// portal that cannot tell changes nothing.
pub async fn saved_settings(portal: &Client, current: &Settings) -> Option<Settings> {
    stored_settings(portal).await.filter(|now| now != current)
}

/// The settings the portal holds now; `None` when it cannot tell.
pub async fn stored_settings(portal: &Client) -> Option<Settings> {
    let call = settings_call();
    let value = portal.call(call.method, call.params).await.ok()?;
    Settings::from_value(&value).ok()
}

/// One request per system: the deal's `DATE_MODIFY` and the app's settings; the order's
/// `dateUpdate` and the stock of the deal's products (for a large deal, part `round` of it;
/// see [`store_poll_batch`]). A portal failure is the error; a store failure is told in
/// [`Changed::store_failure`], beside what the portal said.
pub async fn check(
    portal: &Client,
    store: Option<&Client>,
    data: &DealData,
    view: &DealView,
    settings: &Settings,
    round: usize,
) -> Result<Changed, Error> {
    let rules = &settings.link_rules;
    let portal_batch = portal_poll_batch(view, &data.deal, data.contact.as_ref(), rules);
    let portal_check = run(portal, &portal_batch);
    let store_batch = store
        .filter(|_| matches!(data.store, StoreData::Answered(_)))
        .and(store_poll_batch(view, round));
    let store_check = async {
        match (store, &store_batch) {
            (Some(client), Some(batch)) => Some(run(client, batch).await),
            _ => None,
        }
    };
    // Whichever answers first; a change Bitrix24 reports does not wait for a slow store (the
    // reload asks the store anyway).
    let (mut changed, store_answers) = match select(pin!(portal_check), pin!(store_check)).await {
        Either::Left((portal_answers, store_check)) => {
            let changed = portal_changes(&portal_answers?, data, view, settings)?;
            if changed.deal || changed.settings.is_some() {
                return Ok(changed);
            }
            (changed, store_check.await)
        }
        Either::Right((store_answers, portal_check)) => {
            let changed = portal_changes(&portal_check.await?, data, view, settings)?;
            (changed, store_answers)
        }
    };
    let (Some(answers), Some(batch), StoreData::Answered(known)) =
        (store_answers, &store_batch, &data.store)
    else {
        return Ok(changed);
    };
    let answers = match answers {
        Ok(answers) => answers,
        Err(e) => {
            changed.store_failure = Some(e);
            return Ok(changed);
        }
    };
    if batch.get("order").is_some() {
        match answers.list::<Order>("order", Some("orders")) {
            Ok(orders) => changed.order = order_changed(view, &orders),
            Err(e) => changed.store_failure = Some(e),
        }
    }
    let mut fresh: Vec<StoreStock> = Vec::new();
    for command in batch
        .commands
        .iter()
        .filter(|c| c.name.starts_with("stock"))
    {
        match answers.list::<StoreStock>(&command.name, Some("storeProducts")) {
            Ok(list) => fresh.extend(list),
            // Stock that could not be read is not compared: unread is not "all gone".
            Err(e) => {
                changed.store_failure.get_or_insert(e);
            }
        }
    }
    if changed.store_failure.is_none() {
        let polled: Vec<u64> = view.warehouses.iter().map(|w| w.id).collect();
        changed.stock = stock_changed(&known.stock, &fresh, &polled);
    }
    Ok(changed)
}

/// What Bitrix24's answers to a check say: the deal changed (or vanished, or another deal now
/// shares its order), or an admin saved other settings.
fn portal_changes(
    answers: &Answers,
    data: &DealData,
    view: &DealView,
    settings: &Settings,
) -> Result<Changed, Error> {
    let rules = &settings.link_rules;
    let deals: Vec<Deal> = answers.list("deal", None)?;
    // Every probe asked must have answered: a failed list says nothing about who shares the
    // order.
    let listed: Option<Vec<(LinkProbe, Vec<Deal>)>> = same_link_probes(view, &data.deal, rules)
        .into_iter()
        .map(|(probe, _)| Some((probe, answers.list::<Deal>(&probe.name(), None).ok()?)))
        .collect();
    let sharing =
        listed.is_some_and(|listed| shared_link_changed(view, &data.deal, rules, &listed));
    // The contact: a failed list tells nothing.
    let contact = answers
        .list::<Contact>("contact", None)
        .is_ok_and(|polled| contact_changed(data.contact.as_ref(), &polled));
    Ok(Changed {
        // A deal that vanished from the list (deleted, or access withdrawn) changed too; so did
        // one that another deal now shares its order with.
        deal: deals.first().is_none_or(|d| deal_changed(view, d)) || sharing || contact,
        // A portal that cannot tell (an old one, no app context) changes nothing.
        settings: answers
            .reply("settings")
            .ok()
            .and_then(|reply| changed_settings(settings, &reply.result)),
        ..Changed::default()
    })
}

/// True when a fresh stock record differs from what is known for the same product and
/// warehouse, or a known record of a polled product in a polled warehouse is gone. `polled` are
/// the warehouses the check asked for: records the deal open read elsewhere (an inactive
/// warehouse the view does not show) are not compared.
pub fn stock_changed(known: &[StoreStock], fresh: &[StoreStock], polled: &[u64]) -> bool {
    let mut products: Vec<u64> = fresh.iter().map(|f| f.product_id).collect();
    sort_dedup(&mut products);
    // Product by product, so that a large deal's thousands of records are not compared pair
    // by pair.
    products.into_iter().any(|product| {
        let was: Vec<&StoreStock> = known
            .iter()
            .filter(|k| {
                k.product_id == product && (polled.is_empty() || polled.contains(&k.store_id))
            })
            .collect();
        let now: Vec<&StoreStock> = fresh.iter().filter(|f| f.product_id == product).collect();
        let differs = now.iter().any(|f| {
            was.iter()
                .find(|k| k.store_id == f.store_id)
                .is_none_or(|k| k.amount != f.amount || k.quantity_reserved != f.quantity_reserved)
        });
        let gone = was
            .iter()
            .any(|k| !now.iter().any(|f| f.store_id == k.store_id));
        differs || gone
    })
}

#[cfg(test)]
mod tests {
    use bitrix_rest::Decimal;

    use super::*;

    fn s(product: u64, store: u64, amount: i64, reserved: i64) -> StoreStock {
        StoreStock {
            id: None,
            product_id: product,
            store_id: store,
            amount: Decimal::from(amount),
            quantity_reserved: Decimal::from(reserved),
        }
    }

    #[test]
    fn equal_stock_is_no_change() {
        let known = [s(1, 1, 5, 0), s(1, 2, 3, 1)];
        assert!(!stock_changed(&known, &known, &[1, 2]));
    }

    #[test]
    fn a_moved_reserve_or_amount_is_a_change() {
        let known = [s(1, 1, 5, 0)];
        assert!(stock_changed(&known, &[s(1, 1, 5, 1)], &[1]));
        assert!(stock_changed(&known, &[s(1, 1, 4, 0)], &[1]));
    }

    #[test]
    fn a_new_or_vanished_warehouse_record_is_a_change() {
        let known = [s(1, 1, 5, 0), s(1, 2, 1, 0)];
        assert!(stock_changed(&known, &[s(1, 1, 5, 0)], &[1, 2]));
        assert!(stock_changed(
            &known[..1],
            &[s(1, 1, 5, 0), s(1, 3, 2, 0)],
            &[1, 3]
        ));
    }

    #[test]
    fn stock_in_a_warehouse_the_check_did_not_ask_is_no_change() {
        // The open read every warehouse; the check asks only the shown (active) ones.
        let known = [s(1, 1, 5, 0), s(1, 9, 3, 0), s(2, 9, 1, 0)];
        assert!(!stock_changed(&known, &[s(1, 1, 5, 0)], &[1]));
        assert!(!stock_changed(&known, &[], &[1]));
        assert!(stock_changed(&known, &[s(1, 1, 5, 0)], &[1, 9]));
    }
}
