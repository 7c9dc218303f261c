//! Orders already linked to another deal. Before the rep links an order found by the buyer's
//! phone, e-mail or number, the portal is asked which *other* deals hold a link to it under the
//! rules that record links in the deal (a user field with the order's ID or number,
//! `ORIGIN_ID`), and for the title of the deal an order names itself under the rules that
//! record links in the store (its `xmlId`, or an order property read first with
//! [`property_values_call`]), so the list can say "already linked to deal …" instead of letting
//! one order end up behind two deals unnoticed. One portal request, one list command per rule.

use bitrix_rest::models::{crm::Deal, sale::Order};
use serde_json::{Value, json};

use crate::model::call::{Batch, Call, PAGE_SIZE, inert};
use crate::model::contacts::search::PropertyHit;
use crate::model::link::{OrderReference, link_candidates};
use crate::model::settings::{LinkRule, OrderKey};

/// Another deal that holds a link to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherDeal {
    /// The deal's ID.
    pub id: u64,
    /// Its title.
    pub title: String,
}

/// The portal batch that finds deals other than `deal_id` linked to any of `orders` (at most
/// [`PAGE_SIZE`] of them are asked about); `None` when no rule records links in the deal or
/// there are no orders.
/// `named` are the deals the orders name themselves ([`named_deals`]).
pub fn other_deals_batch(
    rules: &[LinkRule],
    deal_id: u64,
    orders: &[Order],
    named: &[NamedDeal],
) -> Option<Batch> {
    let orders = &orders[..orders.len().min(PAGE_SIZE)];
    if orders.is_empty() {
        return None;
    }
    let ids: Vec<String> = orders.iter().map(|o| o.id.to_string()).collect();
    let mut batch = Batch::new();
    for (i, rule) in rules.iter().enumerate() {
        let (field, values, also): (&str, Vec<String>, &[&str]) = match rule {
            LinkRule::UserField { field, holds } => {
                let values = match holds {
                    OrderKey::Id => ids.clone(),
                    OrderKey::Number => orders.iter().map(|o| inert(&o.account_number)).collect(),
                };
                (field, values, &[])
            }
            LinkRule::OriginId { .. } => ("ORIGIN_ID", ids.clone(), &["ORIGINATOR_ID"]),
            LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => continue,
        };
        let mut select: Vec<&str> = vec!["ID", "TITLE"];
        if field != "ID" {
            select.push(field);
        }
        select.extend(also);
        let mut filter = json!({ "!ID": deal_id });
        filter[field] = Value::from(values);
        batch.push(
            format!("rule{i}"),
            Call::new(
                "crm.deal.list",
                json!({"filter": filter, "select": select, "order": {"ID": "DESC"}, "start": -1}),
            ),
        );
    }
    // The deals the orders name: only their titles are asked for.
    let mut others: Vec<String> = Vec::new();
    for n in named.iter().filter(|n| n.deal_id != deal_id) {
        let id = n.deal_id.to_string();
        if !others.contains(&id) {
            others.push(id);
        }
    }
    if !others.is_empty() {
        batch.push(
            "named",
            Call::new(
                "crm.deal.list",
                json!({"filter": {"ID": others}, "select": ["ID", "TITLE"], "start": -1}),
            ),
        );
    }
    (!batch.is_empty()).then_some(batch)
}

/// A deal an order names itself: its `xmlId` (order-XML_ID rule) or a property (order-property
/// rule) holds the deal's ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedDeal {
    pub order_id: u64,
    pub deal_id: u64,
}

/// The store call that reads the order properties the order-property rules name, for
/// `orders`; `None` without such a rule or orders.
pub fn property_values_call(rules: &[LinkRule], orders: &[Order]) -> Option<Call> {
    let codes: Vec<&str> = rules
        .iter()
        .filter_map(|r| match r {
            LinkRule::OrderProperty { code } => Some(code.as_str()),
            _ => None,
        })
        .collect();
    let orders = &orders[..orders.len().min(PAGE_SIZE)];
    if codes.is_empty() || orders.is_empty() {
        return None;
    }
    let ids: Vec<u64> = orders.iter().map(|o| o.id).collect();
    Some(Call::new(
        "sale.propertyvalue.list",
        json!({"select": ["orderId", "code", "value"],
               "filter": {"orderId": ids, "code": codes}}),
    ))
}

/// The deals `orders` name under the rules: by `xmlId` (order-XML_ID rule) and by the property
/// values `hits` (order-property rules). Values that are not a deal ID are left out.
pub fn named_deals(rules: &[LinkRule], orders: &[Order], hits: &[PropertyHit]) -> Vec<NamedDeal> {
    let mut named = Vec::new();
    for rule in rules {
        match rule {
            LinkRule::OrderXmlId => {
                for o in orders {
                    if let Some(deal_id) = as_deal_id(o.xml_id.as_deref()) {
                        named.push(NamedDeal {
                            order_id: o.id,
                            deal_id,
                        });
                    }
                }
            }
            LinkRule::OrderProperty { code } => {
                for h in hits.iter().filter(|h| h.code == *code) {
                    if let Some(deal_id) = as_deal_id(h.value.as_deref()) {
                        named.push(NamedDeal {
                            order_id: h.order_id,
                            deal_id,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    named
}

/// For each of `orders` (by ID), the other deals that hold a link to it (an order may be held
/// by several), from the deals the batch found: a deal counts when the settings' own rules,
/// read from its fields, point at the order, or when the order names it (`named`). Orders
/// linked nowhere else are left out.
pub fn linked_elsewhere(
    rules: &[LinkRule],
    deal_id: u64,
    orders: &[Order],
    deals: &[Deal],
    named: &[NamedDeal],
) -> Vec<(u64, OtherDeal)> {
    let mut out: Vec<(u64, OtherDeal)> = Vec::new();
    let mut found = |order_id: u64, deal: &Deal| {
        if !out
            .iter()
            .any(|(id, other)| *id == order_id && other.id == deal.id)
        {
            out.push((
                order_id,
                OtherDeal {
                    id: deal.id,
                    title: deal.title.clone(),
                },
            ));
        }
    };
    for deal in deals.iter().filter(|d| d.id != deal_id) {
        for candidate in link_candidates(deal, rules) {
            for order in orders.iter().filter(|o| match &candidate.reference {
                OrderReference::Id(id) => o.id == *id,
                OrderReference::Number(n) => o.account_number.trim() == n.trim(),
                OrderReference::XmlIdIsDeal(_) | OrderReference::PropertyIsDeal { .. } => false,
            }) {
                found(order.id, deal);
            }
        }
        for n in named.iter().filter(|n| n.deal_id == deal.id) {
            if orders.iter().any(|o| o.id == n.order_id) {
                found(n.order_id, deal);
            }
        }
    }
    out
}

/// A deal ID held as text (`" 7 "`); `None` for anything else (a 1C GUID).
fn as_deal_id(text: Option<&str>) -> Option<u64> {
    text?.trim().parse().ok().filter(|id| *id > 0)
}
