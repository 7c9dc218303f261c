//! Orders already linked to another deal. Before the rep links an order found by the buyer's
//! phone, e-mail or number, the portal is asked which *other* deals hold a link to it under the
//! rules that record links in the deal (a user field with the order's ID or number,
//! `ORIGIN_ID`) and, under the order-XML_ID rule, which deal an order's `xmlId` names, so the
//! list can say "already linked to deal …" instead of letting one order end up behind two
//! deals unnoticed. One portal request, one list command per such rule.

use bitrix_rest::models::{crm::Deal, sale::Order};
use serde_json::{Value, json};

use crate::model::call::{Batch, Call, PAGE_SIZE};
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
pub fn other_deals_batch(rules: &[LinkRule], deal_id: u64, orders: &[Order]) -> Option<Batch> {
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
                    OrderKey::Number => orders.iter().map(|o| o.account_number.clone()).collect(),
                };
                (field, values, &[])
            }
            LinkRule::OriginId { .. } => ("ORIGIN_ID", ids.clone(), &["ORIGINATOR_ID"]),
            LinkRule::OrderXmlId => {
                // The order itself names its deal: only that deal's title is asked for.
                let mut named: Vec<String> = Vec::new();
                for other in orders.iter().filter_map(deal_in_xml_id) {
                    let other = other.to_string();
                    if other != deal_id.to_string() && !named.contains(&other) {
                        named.push(other);
                    }
                }
                if named.is_empty() {
                    continue;
                }
                ("ID", named, &[])
            }
            LinkRule::OrderProperty { .. } => continue,
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
    (!batch.is_empty()).then_some(batch)
}

/// For each of `orders` (by ID), the other deal that holds a link to it, from the deals the
/// batch found: a deal counts when the settings' own rules, read from its fields, point at the
/// order. Orders linked nowhere else are left out.
pub fn linked_elsewhere(
    rules: &[LinkRule],
    deal_id: u64,
    orders: &[Order],
    deals: &[Deal],
) -> Vec<(u64, OtherDeal)> {
    let mut out: Vec<(u64, OtherDeal)> = Vec::new();
    for deal in deals.iter().filter(|d| d.id != deal_id) {
        for candidate in link_candidates(deal, rules) {
            let linked = orders.iter().filter(|o| match &candidate.reference {
                OrderReference::Id(id) => o.id == *id,
                OrderReference::Number(n) => o.account_number.trim() == n.trim(),
                OrderReference::XmlIdIsDeal(id) => deal_in_xml_id(o) == Some(*id),
                OrderReference::PropertyIsDeal { .. } => false,
            });
            for order in linked {
                if !out.iter().any(|(id, _)| *id == order.id) {
                    out.push((
                        order.id,
                        OtherDeal {
                            id: deal.id,
                            title: deal.title.clone(),
                        },
                    ));
                }
            }
        }
    }
    out
}

/// The deal an order's `xmlId` names under the order-XML_ID rule (a plain number).
fn deal_in_xml_id(order: &Order) -> Option<u64> {
    order.xml_id.as_deref()?.trim().parse().ok()
}
