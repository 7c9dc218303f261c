//! Linking a deal that has no order yet: the buyer's orders found by the contact's phone and
//! e-mail, an order found by its number, and writing the link to the deal.

use bitrix_rest::models::crm::Deal;
use bitrix_rest::models::sale::Order;
use bitrix_rest::{Client, Error};

use super::answers::run;
use crate::i18n::errors::System;
use crate::model::call::Batch;
use crate::model::contacts::search::{CandidateOrder, CandidateSearch, PropertyHit};
use crate::model::link::{
    BUYERS, found_commands, holds_write, link_write, order_number_batch, origin_taken_by,
    same_order_number,
};
use crate::model::linked_elsewhere::{
    OtherDeal, linked_elsewhere, named_deals, other_deals_batch, property_values_call,
};
use crate::model::settings::LinkRule;
use crate::model::view::requests::deal_get_call;

/// Orders whose buyer has the contact's phone or e-mail (any formatting), newest first, as
/// `search` ([`CandidateSearch::for_contact`]) looks for them. One store request.
pub async fn candidate_orders(
    store: &Client,
    search: &CandidateSearch,
) -> Result<(Vec<CandidateOrder>, bool), Error> {
    let answers = run(store, &search.batch).await?;
    let mut hits: Vec<(String, Vec<PropertyHit>)> = Vec::new();
    let mut orders: Vec<Vec<Order>> = Vec::new();
    for command in &search.batch.commands {
        let name = &command.name;
        if name.ends_with("_orders") {
            // No hit leaves the order list's references unresolved: nothing found.
            orders.push(answers.list(name, Some("orders")).unwrap_or_default());
        } else {
            hits.push((name.clone(), answers.list(name, Some("propertyValues"))?));
        }
    }
    let more = CandidateSearch::may_have_more(&hits);
    Ok((search.candidates(&hits, &orders), more))
}

/// Orders with this number (`165`, `#165`), then the order with this ID when it is another
/// one (empty when there is none), with their buyers' phones and e-mails. One store request.
pub async fn orders_by_number(
    store: &Client,
    number: &str,
) -> Result<(Vec<Order>, Vec<PropertyHit>), Error> {
    let Some(batch) = order_number_batch(number) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let answers = run(store, &batch).await?;
    let mut orders: Vec<Order> = Vec::new();
    for name in found_commands(&batch) {
        for order in answers.list::<Order>(&name, Some("orders"))? {
            if same_order_number(&order, number) && !orders.iter().any(|o| o.id == order.id) {
                orders.push(order);
            }
        }
    }
    if batch.get("found_id").is_some() {
        for order in answers.list::<Order>("found_id", Some("orders"))? {
            if !orders.iter().any(|o| o.id == order.id) {
                orders.push(order);
            }
        }
    }
    // Optional: without the buyers' phones and e-mails nothing is said about them.
    let buyers = answers
        .list::<PropertyHit>(BUYERS, Some("propertyValues"))
        .unwrap_or_default();
    Ok((orders, buyers))
}

/// Which of `orders` another deal than `deal_id` already links to, by order ID. One portal
/// request (none when no rule records links that way); with an order-property rule, one store
/// request for those properties first. A failure names the system that failed.
pub async fn orders_linked_elsewhere(
    portal: &Client,
    store: &Client,
    rules: &[LinkRule],
    deal_id: u64,
    orders: &[Order],
) -> Result<Vec<(u64, OtherDeal)>, (System, Error)> {
    let hits: Vec<PropertyHit> = match property_values_call(rules, orders) {
        Some(call) => {
            let mut batch = Batch::new();
            batch.push("values", call);
            let answers = run(store, &batch).await.map_err(|e| (System::Store, e))?;
            answers
                .list("values", Some("propertyValues"))
                .map_err(|e| (System::Store, e))?
        }
        None => Vec::new(),
    };
    let named = named_deals(rules, orders, &hits);
    let Some(batch) = other_deals_batch(rules, deal_id, orders, &named) else {
        return Ok(Vec::new());
    };
    let portal_failed = |e| (System::Portal, e);
    let answers = run(portal, &batch).await.map_err(portal_failed)?;
    let mut deals: Vec<Deal> = Vec::new();
    for command in &batch.commands {
        deals.extend(
            answers
                .list::<Deal>(&command.name, None)
                .map_err(portal_failed)?,
        );
    }
    Ok(linked_elsewhere(rules, deal_id, orders, &deals, &named))
}

/// Why a link was not written.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkFailure {
    /// The settings name no deal field that holds the link.
    NoWritableRule,
    /// The only rule to write by is `ORIGIN_ID`, and another source holds it (`source / id`).
    OriginTaken(String),
    /// The portal refused or failed.
    Portal(Error),
}

/// Writes the link the settings name (the deal user field, or `ORIGIN_ID`) to the deal.
pub async fn write_link(
    portal: &Client,
    rules: &[LinkRule],
    deal: &Deal,
    order: &Order,
) -> Result<(), LinkFailure> {
    let call =
        link_write(rules, deal, order).ok_or_else(|| match origin_taken_by(deal, rules) {
            Some(taken) => LinkFailure::OriginTaken(taken),
            None => LinkFailure::NoWritableRule,
        })?;
    let Err(error) = portal.call(call.method, call.params.clone()).await else {
        return Ok(());
    };
    if !error.maybe_applied {
        return Err(LinkFailure::Portal(error));
    }
    // The answer was lost, not necessarily the write: the deal says which.
    let mut batch = Batch::new();
    batch.push("deal", deal_get_call(deal.id));
    let now = match run(portal, &batch).await {
        Ok(answers) => answers.get::<Deal>("deal"),
        Err(e) => Err(e),
    };
    match now {
        Ok(now) if holds_write(&now, &call) => Ok(()),
        Ok(_) => {
            let mut error = error;
            error.maybe_applied = false;
            Err(LinkFailure::Portal(error))
        }
        Err(_) => Err(LinkFailure::Portal(error)),
    }
}
