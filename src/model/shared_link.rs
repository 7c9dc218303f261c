//! Other deals holding the same link as the open deal: the same order ID or number in the
//! link's user field, or the same `ORIGIN_ID` from the same connector. One order behind two
//! deals is how orders get handled twice, so the order card says so.
//!
//! The question rides in the deal open's portal batch (no request of its own): for each rule
//! that records the link in the deal, a `crm.deal.list` filtered by the open deal's own value,
//! passed as a `$result[deal][...]` reference. The list may hold more than asked for (a portal
//! may read an empty value as "any"), so every deal it returns is checked again against the open
//! deal's value before it is shown.

use bitrix_rest::models::crm::Deal;
use serde_json::{Value, json};

use crate::model::call::{Call, result_ref};
use crate::model::link::origin_is_ours;
use crate::model::linked_elsewhere::OtherDeal;
use crate::model::settings::{LinkRule, OrderKey};
use crate::model::sorted::sort_by_key;

/// The command asking for the other deals holding the same value as deal `deal_id` (the batch's
/// command named `deal` is its `crm.deal.get`) under `rule`; `None` for rules that record the
/// link in the store.
pub fn same_link_call(deal_id: u64, rule: &LinkRule) -> Option<Call> {
    same_link_list(deal_id, rule, &|field| {
        Some(Value::String(result_ref("deal", &[field])))
    })
}

/// The same question asked with the values `deal` holds now (for the live check, which has
/// no `crm.deal.get` in its batch); `None` when the deal holds no link under `rule`.
pub fn same_link_call_for(deal: &Deal, rule: &LinkRule) -> Option<Call> {
    let value = |field: &str| -> Option<Value> {
        let text = match field {
            "ORIGIN_ID" => deal.origin_id.clone(),
            "ORIGINATOR_ID" => Some(deal.originator_id.clone().unwrap_or_default()),
            _ => deal.user_field(field),
        };
        Some(Value::String(text?.trim().to_owned()))
    };
    let own = match rule {
        LinkRule::UserField { field, .. } => deal.user_field(field),
        LinkRule::OriginId { .. } => deal.origin_id.clone(),
        _ => None,
    };
    own.filter(|v| !v.trim().is_empty())?;
    same_link_list(deal.id, rule, &value)
}

/// `crm.deal.list` of the deals other than `deal_id` whose link fields under `rule` hold what
/// `value_of` gives for each field.
fn same_link_list(
    deal_id: u64,
    rule: &LinkRule,
    value_of: &dyn Fn(&str) -> Option<Value>,
) -> Option<Call> {
    let (field, also): (&str, &[&str]) = match rule {
        LinkRule::UserField { field, .. } => (field, &[]),
        LinkRule::OriginId { .. } => ("ORIGIN_ID", &["ORIGINATOR_ID"]),
        LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => return None,
    };
    let mut filter = json!({ "!ID": deal_id });
    let mut select = vec!["ID", "TITLE", field];
    for f in std::iter::once(&field).chain(also) {
        filter[*f] = value_of(f)?;
    }
    // An empty value links nothing: no deal shares it.
    filter[format!("!{field}")] = json!("");
    select.extend(also);
    Some(Call::new(
        "crm.deal.list",
        json!({"filter": filter, "select": select, "order": {"ID": "DESC"}, "start": -1}),
    ))
}

/// The deals among `listed` (answers of [`same_link_call`]) that really hold the same link to
/// the order as `deal` under `rule`, oldest first.
pub fn deals_sharing_link(deal: &Deal, rule: &LinkRule, listed: &[Deal]) -> Vec<OtherDeal> {
    let key = |d: &Deal| -> Option<String> {
        let (value, numeric) = match rule {
            LinkRule::UserField { field, holds } => (d.user_field(field)?, *holds == OrderKey::Id),
            LinkRule::OriginId { originator_id } => {
                if !origin_is_ours(d, originator_id.as_deref()) {
                    return None;
                }
                (d.origin_id.as_deref()?.trim().to_owned(), true)
            }
            LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => return None,
        };
        // `0501` and `501` name the same order ID.
        match numeric {
            true => value.parse::<u64>().ok().map(|id| id.to_string()),
            false => Some(value),
        }
    };
    let Some(own) = key(deal) else {
        return Vec::new();
    };
    let originator = |d: &Deal| d.originator_id.as_deref().map(str::trim).map(str::to_owned);
    let same_connector =
        |d: &Deal| !matches!(rule, LinkRule::OriginId { .. }) || originator(d) == originator(deal);
    let mut out: Vec<OtherDeal> = Vec::new();
    for d in listed {
        let shares = d.id != deal.id && same_connector(d) && key(d).as_deref() == Some(&own);
        if shares && !out.iter().any(|o| o.id == d.id) {
            out.push(OtherDeal {
                id: d.id,
                title: d.title.clone(),
            });
        }
    }
    sort_by_key(&mut out, |o| o.id);
    out
}
