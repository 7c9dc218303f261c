//! Other deals holding a link to the same order as the open deal: the same order ID or number
//! in a link's user field, or the same `ORIGIN_ID` from the connector. One order behind two
//! deals is how orders get handled twice, so the order card says so.
//!
//! The question rides in the deal open's portal batch (no request of its own) as probes: for
//! each rule that records the link in the deal (the *source*), a `crm.deal.list` of the deals
//! holding the open deal's value under that rule and under every other such rule that holds the
//! same kind of key (the *target*: an order ID in a user field and in `ORIGIN_ID` alike), so a
//! deal the store's connector linked by `ORIGIN_ID` and one a rep linked by a field are named on
//! each other's card. The value is passed as a `$result[deal][...]` reference. The list may
//! hold more than asked for (a portal may read an empty value as "any"), so every deal it
//! returns is checked again against the open deal's value before it is shown.
//!
//! A rule holding the other kind of key (the order's number in a field, where the connector's
//! `ORIGIN_ID` holds its ID) cannot be asked before the store named the order: once it has,
//! [`cross_probes`] ask by the order's own ID or number ([`OrderKeys`]), in one more request of
//! the open, and in the live check.

use bitrix_rest::models::crm::Deal;
use serde_json::{Value, json};

use crate::model::call::{Call, result_ref};
use crate::model::link::{origin_is_ours, typed_order_number};
use crate::model::linked_elsewhere::OtherDeal;
use crate::model::settings::{LinkRule, OrderKey};
use crate::model::sorted::sort_by_key;

/// One question: the deals whose link under rule `target` holds what the open deal holds under
/// rule `source` (indexes into the settings' rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkProbe {
    pub source: usize,
    pub target: usize,
}

impl LinkProbe {
    /// The name of its command in a batch: `same_link0` for a rule against itself,
    /// `same_link0_1` across rules.
    pub fn name(&self) -> String {
        match self.source == self.target {
            true => format!("same_link{}", self.source),
            false => format!("same_link{}_{}", self.source, self.target),
        }
    }
}

/// What a rule that records the link in the deal holds there; `None` for the others.
fn key_kind(rule: &LinkRule) -> Option<OrderKey> {
    match rule {
        LinkRule::UserField { holds, .. } => Some(*holds),
        LinkRule::OriginId { .. } => Some(OrderKey::Id),
        LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => None,
    }
}

/// The probes for a link found by rule `source`: against itself first, then every other rule
/// holding the same kind of key, in rule order.
pub fn probes_from(rules: &[LinkRule], source: usize) -> Vec<LinkProbe> {
    let Some(kind) = rules.get(source).and_then(key_kind) else {
        return Vec::new();
    };
    std::iter::once(source)
        .chain((0..rules.len()).filter(|&t| t != source && key_kind(&rules[t]) == Some(kind)))
        .map(|target| LinkProbe { source, target })
        .collect()
}

/// The probes of every rule that records the link in the deal (the deal open asks them all:
/// which rule links the order is known only once the store answered).
pub fn all_probes(rules: &[LinkRule]) -> Vec<LinkProbe> {
    (0..rules.len())
        .flat_map(|source| probes_from(rules, source))
        .collect()
}

/// The probes, once the store named the order linked by rule `source`, for the deals holding
/// it under every rule that keeps the other kind of key (a number where `source` keeps an ID,
/// or the other way round), in rule order.
pub fn cross_probes(rules: &[LinkRule], source: usize) -> Vec<LinkProbe> {
    let Some(kind) = rules.get(source).and_then(key_kind) else {
        return Vec::new();
    };
    (0..rules.len())
        .filter(|&t| key_kind(&rules[t]).is_some_and(|k| k != kind))
        .map(|target| LinkProbe { source, target })
        .collect()
}

/// True for a probe across rules keeping different kinds of key (see [`cross_probes`]).
pub fn is_cross(rules: &[LinkRule], probe: LinkProbe) -> bool {
    let kind = |i: usize| rules.get(i).and_then(key_kind);
    kind(probe.source) != kind(probe.target)
}

/// The deals among `listed` (the answers of `probe`, of either sort) that hold `order`, the
/// order `deal` is linked to, oldest first.
pub fn deals_linked(
    deal: &Deal,
    rules: &[LinkRule],
    probe: LinkProbe,
    order: &OrderKeys,
    listed: &[Deal],
) -> Vec<OtherDeal> {
    match is_cross(rules, probe) {
        true => deals_holding_order(deal.id, rules, probe, order, listed),
        false => deals_sharing_link(deal, rules, probe, listed),
    }
}

/// The cross probes for `order`, linked by rule `source`, with their commands.
pub fn cross_calls(
    deal_id: u64,
    rules: &[LinkRule],
    source: usize,
    order: &OrderKeys,
) -> Vec<(LinkProbe, Call)> {
    cross_probes(rules, source)
        .into_iter()
        .filter_map(|probe| Some((probe, cross_link_call(deal_id, rules, probe, order)?)))
        .collect()
}

/// The order a link names, by both of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKeys {
    pub id: u64,
    /// The order's number (`accountNumber`).
    pub number: String,
}

impl OrderKeys {
    /// The key a rule holding `kind` keeps for this order, as [`link_key`] reads it.
    fn of_kind(&self, kind: OrderKey) -> String {
        match kind {
            OrderKey::Id => self.id.to_string(),
            OrderKey::Number => self.number.trim().to_owned(),
        }
    }
}

/// The command of a cross probe: the deals other than `deal_id` holding `order` under the
/// probe's target rule.
pub fn cross_link_call(
    deal_id: u64,
    rules: &[LinkRule],
    probe: LinkProbe,
    order: &OrderKeys,
) -> Option<Call> {
    let key = order.of_kind(key_kind(rules.get(probe.target)?)?);
    (!key.is_empty()).then_some(())?;
    same_link_list(deal_id, rules, probe, &|_| Some(Value::String(key.clone())))
}

/// The deals among `listed` (answers of a cross probe) that really hold `order` under the
/// probe's target rule, oldest first.
pub fn deals_holding_order(
    deal_id: u64,
    rules: &[LinkRule],
    probe: LinkProbe,
    order: &OrderKeys,
    listed: &[Deal],
) -> Vec<OtherDeal> {
    let Some(target) = rules.get(probe.target) else {
        return Vec::new();
    };
    let Some(key) = key_kind(target).map(|kind| order.of_kind(kind)) else {
        return Vec::new();
    };
    let holds = |d: &&Deal| d.id != deal_id && link_key(d, target).as_deref() == Some(&key);
    as_others(listed.iter().filter(holds))
}

/// `deals` as other deals, each once, oldest first.
fn as_others<'a>(deals: impl Iterator<Item = &'a Deal>) -> Vec<OtherDeal> {
    let mut out: Vec<OtherDeal> = Vec::new();
    for d in deals {
        if !out.iter().any(|o| o.id == d.id) {
            out.push(OtherDeal {
                id: d.id,
                title: d.title.clone(),
            });
        }
    }
    sort_by_key(&mut out, |o| o.id);
    out
}

/// The field a rule keeps the link in.
fn link_field(rule: &LinkRule) -> Option<&str> {
    match rule {
        LinkRule::UserField { field, .. } => Some(field),
        LinkRule::OriginId { .. } => Some("ORIGIN_ID"),
        LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => None,
    }
}

/// The command of `probe` for deal `deal_id` (the batch's command named `deal` is its
/// `crm.deal.get`); `None` for rules that record the link in the store.
pub fn same_link_call(deal_id: u64, rules: &[LinkRule], probe: LinkProbe) -> Option<Call> {
    same_link_list(deal_id, rules, probe, &|field| {
        Some(Value::String(result_ref("deal", &[field])))
    })
}

/// The same question asked with the values `deal` holds now (for the live check, which has
/// no `crm.deal.get` in its batch); `None` when the deal holds no link under the source rule.
pub fn same_link_call_for(deal: &Deal, rules: &[LinkRule], probe: LinkProbe) -> Option<Call> {
    let value = |field: &str| -> Option<Value> {
        let text = match field {
            "ORIGIN_ID" => deal.origin_id.clone(),
            "ORIGINATOR_ID" => Some(deal.originator_id.clone().unwrap_or_default()),
            _ => deal.user_field(field),
        };
        Some(Value::String(text?.trim().to_owned()))
    };
    let own = link_field(rules.get(probe.source)?)?;
    value(own).filter(|v| v.as_str() != Some(""))?;
    same_link_list(deal.id, rules, probe, &value)
}

/// `crm.deal.list` of the deals other than `deal_id` whose link field under the probe's target
/// holds what `value_of` gives for the source's field.
fn same_link_list(
    deal_id: u64,
    rules: &[LinkRule],
    probe: LinkProbe,
    value_of: &dyn Fn(&str) -> Option<Value>,
) -> Option<Call> {
    let (source, target) = (rules.get(probe.source)?, rules.get(probe.target)?);
    let (from, field) = (link_field(source)?, link_field(target)?);
    let mut filter = json!({ "!ID": deal_id });
    filter[field] = value_of(from)?;
    let mut select = vec!["ID", "TITLE", field];
    if let LinkRule::OriginId { originator_id } = target {
        // The same connector: the open deal's own, or the one the target rule names.
        let originator = match source {
            LinkRule::OriginId { .. } => value_of("ORIGINATOR_ID"),
            _ => originator_id.clone().map(Value::String),
        };
        if let Some(originator) = originator {
            filter["ORIGINATOR_ID"] = originator;
        }
        select.push("ORIGINATOR_ID");
    }
    // An empty value links nothing: no deal shares it.
    filter[format!("!{field}")] = json!("");
    Some(Call::new(
        "crm.deal.list",
        json!({"filter": filter, "select": select, "order": {"ID": "DESC"}, "start": -1}),
    ))
}

/// The order a deal's link under `rule` names, as comparable text (`0501` and `501` name the
/// same order ID); `None` when it holds none.
fn link_key(d: &Deal, rule: &LinkRule) -> Option<String> {
    let value = match rule {
        LinkRule::UserField { field, .. } => d.user_field(field)?,
        LinkRule::OriginId { originator_id } => {
            if !origin_is_ours(d, originator_id.as_deref()) {
                return None;
            }
            d.origin_id.clone()?
        }
        LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => return None,
    };
    // As the link rules read it: `#12` is order 12.
    let value = typed_order_number(&value);
    match key_kind(rule)? {
        OrderKey::Id => value.parse::<u64>().ok().map(|id| id.to_string()),
        OrderKey::Number => Some(value.to_owned()).filter(|v| !v.is_empty()),
    }
}

/// The deals among `listed` (answers of the probe's command) that really hold a link to the
/// same order as `deal`, oldest first.
pub fn deals_sharing_link(
    deal: &Deal,
    rules: &[LinkRule],
    probe: LinkProbe,
    listed: &[Deal],
) -> Vec<OtherDeal> {
    let (Some(source), Some(target)) = (rules.get(probe.source), rules.get(probe.target)) else {
        return Vec::new();
    };
    let Some(own) = link_key(deal, source) else {
        return Vec::new();
    };
    let originator = |d: &Deal| d.originator_id.as_deref().map(str::trim).map(str::to_owned);
    // Two `ORIGIN_ID`s name the same order only when one connector wrote both.
    let same_connector = |d: &Deal| {
        !matches!(
            (source, target),
            (LinkRule::OriginId { .. }, LinkRule::OriginId { .. })
        ) || originator(d) == originator(deal)
    };
    let shares = |d: &&Deal| {
        d.id != deal.id && same_connector(d) && link_key(d, target).as_deref() == Some(&own)
    };
    as_others(listed.iter().filter(shares))
}
