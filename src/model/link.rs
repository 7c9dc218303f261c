//! Which store order(s) a deal points at, the store queries that find them, which one is shown
//! when a rule finds several, and what "Link this order" writes to the deal.
//!
//! Every configured rule that yields a reference gets its own pair of batch commands (a list,
//! then the full order of the list's first entry), so one store request resolves the link
//! whatever rule applies. The first rule, in settings order, whose list is not empty wins.
//!
//! When a rule finds several orders the UI shows a selector. The default choice is the newest
//! order that is not canceled (highest ID), else the newest order: the lists are requested in
//! that order (`canceled` ascending, `id` descending), so the full order fetched with the list is
//! the default one; [`default_choice`](crate::model::link::default_choice) applies the same rule client-side.

use bitrix_rest::models::{crm::Deal, sale::Order};
use serde_json::{Value, json};

use crate::model::call::{Batch, Call, PAGE_SIZE, inert, result_ref, slot_refs};
use crate::model::contacts::{PROP_EMAIL, PROP_FIRST_NAME, PROP_LAST_NAME, PROP_NAME, PROP_PHONE};
use crate::model::lookup::{CODE_SEPARATORS, code_spellings, compact};
use crate::model::settings::{LinkRule, OrderKey};
use crate::model::text::{lowercase, pasted};

/// What a rule found in the deal: how to recognise its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderReference {
    /// The order with this ID (user field holding the ID, or `ORIGIN_ID`).
    Id(u64),
    /// The order with this number (`accountNumber`), from a user field.
    Number(String),
    /// The order whose `xmlId` is this deal ID.
    XmlIdIsDeal(u64),
    /// The order whose property `code` holds this deal ID.
    PropertyIsDeal {
        /// The order property's code.
        code: String,
        /// The deal ID it holds.
        deal_id: u64,
    },
}

/// A rule of the settings that yields a reference for this deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkCandidate {
    /// The rule's position in the settings' list.
    pub rule_index: usize,
    /// What to look for.
    pub reference: OrderReference,
}

/// Whether deals `before` and `now` (the same deal, read twice) name the same order under
/// `rules`: when not, an order found for `before` is no longer the deal's.
pub fn same_link_fields(before: &Deal, now: &Deal, rules: &[LinkRule]) -> bool {
    link_candidates(before, rules) == link_candidates(now, rules)
}

/// The references the deal's fields give, one per rule that applies, in rule order. A user
/// field that is empty (or, for an ID, not a positive number), an `ORIGIN_ID` that is not an ID
/// or whose `ORIGINATOR_ID` is not the configured one, yield nothing.
pub fn link_candidates(deal: &Deal, rules: &[LinkRule]) -> Vec<LinkCandidate> {
    // Reps write `#12` or `№12` into a deal field as they type it into the link panel.
    let id_of = |text: &str| {
        typed_order_number(text)
            .parse::<u64>()
            .ok()
            .filter(|id| *id > 0)
    };
    rules
        .iter()
        .enumerate()
        .filter_map(|(rule_index, rule)| {
            let reference = match rule {
                LinkRule::UserField { field, holds } => {
                    let value = deal.user_field(field)?;
                    match holds {
                        OrderKey::Id => OrderReference::Id(id_of(&value)?),
                        OrderKey::Number => match typed_order_number(&value) {
                            number if number.is_empty() => return None,
                            number => OrderReference::Number(number),
                        },
                    }
                }
                LinkRule::OriginId { originator_id } => {
                    if !origin_is_ours(deal, originator_id.as_deref()) {
                        return None;
                    }
                    OrderReference::Id(id_of(deal.origin_id.as_deref()?)?)
                }
                LinkRule::OrderXmlId => OrderReference::XmlIdIsDeal(deal.id),
                LinkRule::OrderProperty { code } => OrderReference::PropertyIsDeal {
                    code: code.clone(),
                    deal_id: deal.id,
                },
            };
            Some(LinkCandidate {
                rule_index,
                reference,
            })
        })
        .collect()
}

/// What the deal holds under each rule that records the link in the deal (`None` where it
/// holds nothing), in rule order: read again before a link is written, so that a link someone
/// wrote meanwhile is not overwritten.
pub fn recorded_links(deal: &Deal, rules: &[LinkRule]) -> Vec<Option<String>> {
    rules
        .iter()
        .filter_map(|rule| match rule {
            LinkRule::UserField { field, .. } => Some(deal.user_field(field)),
            LinkRule::OriginId { .. } => Some(filled(deal.origin_id.as_deref()).map(str::to_owned)),
            LinkRule::OrderXmlId | LinkRule::OrderProperty { .. } => None,
        })
        .collect()
}

/// The link a deal got since `before` ([`recorded_links`] then and `now`): the first value
/// that is new; `None` when nothing was written (a link taken away is no new one).
pub fn written_meanwhile(before: &[Option<String>], now: &[Option<String>]) -> Option<String> {
    before
        .iter()
        .zip(now)
        .find_map(|(was, is)| if was != is { is.clone() } else { None })
}

/// Whether `deal` holds every field `write` ([`link_write`]) sets: a write whose answer was
/// lost is known to have landed (or not) by reading the deal again.
pub fn holds_write(deal: &Deal, write: &Call) -> bool {
    let Some(fields) = write.params["fields"].as_object() else {
        return false;
    };
    fields.iter().all(|(name, value)| {
        let wanted = value.as_str().map(str::trim);
        let held = match name.as_str() {
            "ORIGIN_ID" => deal.origin_id.clone(),
            "ORIGINATOR_ID" => deal.originator_id.clone(),
            field => deal.user_field(field),
        };
        wanted.is_some() && held.as_deref().map(str::trim) == wanted
    })
}

/// Whether the deal's `ORIGIN_ID` comes from the connection the rule names: any originator
/// when the rule names none.
pub(crate) fn origin_is_ours(deal: &Deal, originator_id: Option<&str>) -> bool {
    originator_id
        .is_none_or(|wanted| deal.originator_id.as_deref().map(str::trim) == Some(wanted.trim()))
}

/// A value in the deal that should name its order but names none the store has: the rules
/// found no order, yet a user field or `ORIGIN_ID` holds something. The rep is told what it
/// holds, so a stale or mistyped link is not mistaken for a deal that was never linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnresolvedLink {
    /// A deal user field holds `value` (the order's ID or number, per `holds`).
    Field {
        /// The field's code.
        field: String,
        /// What the field is meant to hold.
        holds: OrderKey,
        /// What it holds, trimmed.
        value: String,
    },
    /// `ORIGIN_ID` holds `value` (and `ORIGINATOR_ID` is the configured one, if any).
    OriginId {
        /// What it holds, trimmed.
        value: String,
    },
    /// A rule names a deal user field the portal does not have (the deal carries every user
    /// field, empty ones as `null`): nothing can be found by it or written to it.
    MissingField {
        /// The field's code.
        field: String,
    },
}

/// The values the deal's fields give for the rules that read the deal (user field,
/// `ORIGIN_ID`), in rule order; only meaningful once the store found no order for any of them.
pub fn unresolved_links(deal: &Deal, rules: &[LinkRule]) -> Vec<UnresolvedLink> {
    let held = |value: Option<String>| filled(value.as_deref()).map(str::to_owned);
    rules
        .iter()
        .filter_map(|rule| match rule {
            LinkRule::UserField { field, .. } if !deal.other.contains_key(field) => {
                Some(UnresolvedLink::MissingField {
                    field: field.clone(),
                })
            }
            LinkRule::UserField { field, holds } => Some(UnresolvedLink::Field {
                field: field.clone(),
                holds: *holds,
                value: held(deal.user_field(field))?,
            }),
            LinkRule::OriginId { originator_id }
                if origin_is_ours(deal, originator_id.as_deref()) =>
            {
                Some(UnresolvedLink::OriginId {
                    value: held(deal.origin_id.clone())?,
                })
            }
            _ => None,
        })
        .collect()
}

/// The order of lists: not canceled first, newest first (so the first entry is the default).
fn list_order() -> Value {
    json!({"canceled": "asc", "id": "desc"})
}

/// `sale.order.list` of the orders with these filter fields, in default-choice order.
pub fn order_list_call(filter: Value) -> Call {
    Call::new(
        "sale.order.list",
        json!({"filter": filter, "order": list_order()}),
    )
}

/// `sale.order.get`: the full order with basket, payments, shipments and properties.
pub fn order_get_call(order_id: impl Into<Value>) -> Call {
    Call::new("sale.order.get", json!({"id": order_id.into()}))
}

/// The batch commands that resolve one reference, named `<prefix>` (the list of matching
/// orders) and `<prefix>_order` (the first one, in full). A property reference first lists the
/// property values (`<prefix>_values`).
pub fn reference_commands(prefix: &str, reference: &OrderReference, batch: &mut Batch) {
    let filter = match reference {
        OrderReference::Id(id) => json!({"id": id}),
        // A number held in the other alphabet's look-alike letters (`AP-10530` in the field,
        // `АР-10530` in the store) names the same order, as the rep's search finds it.
        OrderReference::Number(n) => match code_spellings(n).as_slice() {
            [one] => json!({ "accountNumber": one }),
            several => json!({ "accountNumber": several }),
        },
        OrderReference::XmlIdIsDeal(deal_id) => json!({"xmlId": deal_id.to_string()}),
        OrderReference::PropertyIsDeal { code, deal_id } => {
            let values = format!("{prefix}_values");
            batch.push(
                values.clone(),
                Call::new(
                    "sale.propertyvalue.list",
                    json!({"select": ["orderId", "code", "value"],
                        "filter": {"=code": code, "=value": deal_id.to_string()},
                        "order": {"orderId": "desc"}}),
                ),
            );
            json!({"@id": slot_refs(&values, &["propertyValues"], PAGE_SIZE, "orderId")})
        }
    };
    batch.push(prefix, order_list_call(filter));
    let first = result_ref(prefix, &["orders", "0", "id"]);
    batch.push(format!("{prefix}_order"), order_get_call(first));
}

/// Whether `order`, listed for `reference`, is one it names. The lists are asked by filters,
/// and a property reference by a list of `$result[…]` slots: Bitrix24 substitutes a slot past
/// the end of the list with the list itself, which the store may read as ID 1. So each order
/// is checked against what was asked: its ID, its number, its `xmlId`, or (`hits`, the
/// property values found) an order whose property holds the deal ID.
pub fn answers_reference(
    reference: &OrderReference,
    order: &Order,
    hits: &[crate::model::contacts::search::PropertyHit],
) -> bool {
    match reference {
        OrderReference::Id(id) => order.id == *id,
        OrderReference::Number(number) => same_order_number(order, number),
        OrderReference::XmlIdIsDeal(deal_id) => {
            order.xml_id.as_deref().map(str::trim) == Some(deal_id.to_string().as_str())
        }
        OrderReference::PropertyIsDeal { code, deal_id } => hits.iter().any(|hit| {
            hit.order_id == order.id
                && hit.code.trim().eq_ignore_ascii_case(code.trim())
                && hit.value.as_deref().map(str::trim) == Some(deal_id.to_string().as_str())
        }),
    }
}

/// The orders a reference found, as the deal means them: a number written in one alphabet
/// names the order of that very number when the store has one (`AP-10530` in Latin, though
/// `АР-10530` in Cyrillic is found too); only without one do the look-alikes stand for it.
pub fn as_written(reference: &OrderReference, mut orders: Vec<Order>) -> Vec<Order> {
    if let OrderReference::Number(number) = reference {
        let exact = |o: &Order| lowercase(o.account_number.trim()) == lowercase(number.trim());
        if orders.iter().any(exact) {
            orders.retain(exact);
        }
    }
    orders
}

/// What the rep typed as an order number, without the `#` or `№` in front (`№A-17b` as the
/// tab writes it → `A-17b`).
pub fn typed_order_number(text: &str) -> String {
    let text = pasted(text);
    inert(text.trim().trim_start_matches(['#', '№']).trim())
}

/// The store batch that finds the order typed by the rep: `found`, the orders with this
/// number in any letter case (LIKE without wildcards; [`same_order_number`] keeps the exact
/// ones), and when it is a number, `found_id`, the order with this ID (reps see both).
pub fn order_number_batch(number: &str) -> Option<Batch> {
    let number = typed_order_number(number);
    let number = number.as_str();
    if number.is_empty() {
        return None;
    }
    let mut batch = Batch::new();
    // Typed on the other keyboard, a number's look-alike letters are other letters
    // (`КМ-0111` for `KM-0111`): each spelling is asked.
    let mut found = Vec::new();
    for (i, spelt) in code_spellings(number).iter().enumerate() {
        let name = found_command(i);
        // Its separators as LIKE's "any one character", and anything between its letters and
        // digits: `CE 1006` and `CE1006` find `CE-1006` ([`same_order_number`] keeps only the
        // numbers that are the typed one but for separators).
        let mut pattern = String::with_capacity(spelt.len() + 4);
        let mut prev: Option<char> = None;
        for c in spelt.chars() {
            let apart = prev.is_some_and(|p| {
                (p.is_alphabetic() && c.is_ascii_digit())
                    || (p.is_ascii_digit() && c.is_alphabetic())
            });
            if apart {
                pattern.push('%');
            }
            pattern.push(if CODE_SEPARATORS.contains(&c) { '_' } else { c });
            prev = Some(c);
        }
        batch.push(
            name.clone(),
            order_list_call(json!({"=%accountNumber": pattern})),
        );
        found.extend(slot_refs(&name, &["orders"], BUYER_SLOTS, "id"));
    }
    if let Some(id) = number.parse::<u64>().ok().filter(|id| *id > 0) {
        batch.push("found_id", order_list_call(json!({"id": id})));
        found.extend(slot_refs("found_id", &["orders"], 1, "id"));
    }
    // The buyers' phones and e-mails, to tell whether an order is the deal contact's, and
    // their names, to say who another buyer is.
    batch.push(
        BUYERS,
        Call::new(
            "sale.propertyvalue.list",
            json!({"select": ["orderId", "code", "value"],
                   "filter": {"orderId": found, "code": [PROP_PHONE, PROP_EMAIL, PROP_NAME, PROP_FIRST_NAME, PROP_LAST_NAME]}}),
        ),
    );
    Some(batch)
}

/// The command of [`order_number_batch`] listing the found orders' buyer phones, e-mails and
/// names.
pub const BUYERS: &str = "buyers";

/// The commands of [`order_number_batch`] listing the orders of the typed number: `found`, then
/// `found1`, `found2` for its other spellings.
pub const FOUND: &str = "found";

/// The names of [`order_number_batch`]'s commands listing orders by number.
pub fn found_commands(batch: &Batch) -> Vec<String> {
    (0..)
        .map(found_command)
        .take_while(|name| batch.get(name).is_some())
        .collect()
}

/// The name of the command listing the orders of spelling `i` of the typed number.
fn found_command(i: usize) -> String {
    match i {
        0 => FOUND.to_owned(),
        _ => format!("{FOUND}{i}"),
    }
}

/// How many orders found by number have their buyer read (a number names one order, or a few).
const BUYER_SLOTS: usize = 5;

/// Whether an order's number is the one the rep typed, ignoring letter case (as the store's
/// LIKE did; a `_` or `%` in the typed text may have matched more).
pub fn same_order_number(order: &Order, typed: &str) -> bool {
    numbers_alike(&order.account_number, &typed_order_number(typed))
}

/// Whether two order numbers read as one: equal ignoring letter case and the separators
/// between their parts (`CE 1006`, `CE-1006`), or spelt with the other alphabet's look-alike
/// letters (`AP-10530`, `АР-10530`).
pub fn numbers_alike(number: &str, other: &str) -> bool {
    let number = compact(&lowercase(number.trim()));
    code_spellings(other.trim())
        .iter()
        .any(|spelt| number == compact(&lowercase(spelt)))
}

/// The index of the order shown by default among several: the newest (highest ID) that is not
/// canceled, else the newest. `0` for an empty list.
pub fn default_choice(orders: &[Order]) -> usize {
    let newest = |canceled: bool| {
        orders
            .iter()
            .enumerate()
            .filter(|(_, o)| o.canceled == canceled)
            .max_by_key(|(_, o)| o.id)
            .map(|(i, _)| i)
    };
    newest(false).or_else(|| newest(true)).unwrap_or(0)
}

/// The deal's order as the rules resolved it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedOrder {
    /// The rule that found it (its position in the settings).
    pub rule_index: usize,
    /// What the rule looked for.
    pub reference: OrderReference,
    /// Every order the rule found (list shape, no basket); more than one → a selector.
    pub choices: Vec<Order>,
    /// The index in `choices` of the order shown.
    pub chosen: usize,
    /// Later rules that found another order for this deal (rule index, that order's number):
    /// the deal's links disagree, and the rep should know.
    pub conflicts: Vec<(usize, String)>,
}

impl LinkedOrder {
    /// The order shown.
    pub fn chosen_order(&self) -> Option<&Order> {
        self.choices.get(self.chosen)
    }

    /// True when the rep has to be offered a choice.
    pub fn is_ambiguous(&self) -> bool {
        self.choices.len() > 1
    }
}

/// The link: the first candidate (in rule order) whose list found orders. `found[i]` is the
/// list for `candidates[i]` (missing = nothing found). `preferred` is an order the rep picked
/// before; it is chosen when it is among the choices, else [`default_choice`] is.
pub fn resolve_link(
    candidates: &[LinkCandidate],
    found: &[Vec<Order>],
    preferred: Option<u64>,
) -> Option<LinkedOrder> {
    let winner = found.iter().position(|orders| !orders.is_empty())?;
    let (candidate, orders) = (candidates.get(winner)?, &found[winner]);
    let chosen = preferred
        .and_then(|id| orders.iter().position(|o| o.id == id))
        .unwrap_or_else(|| default_choice(orders));
    let conflicts = candidates
        .iter()
        .zip(found)
        .skip(winner + 1)
        .filter_map(|(other, list)| {
            let first = list.first()?;
            let same = orders.iter().any(|o| o.id == first.id);
            (!same).then(|| (other.rule_index, first.account_number.clone()))
        })
        .collect();
    Some(LinkedOrder {
        rule_index: candidate.rule_index,
        reference: candidate.reference.clone(),
        choices: orders.clone(),
        chosen,
        conflicts,
    })
}

/// What "Link this order" writes to the deal: `crm.deal.update` for the first rule in the
/// settings that records links in the deal (a user field: the order's ID or number; the
/// connector's fields: `ORIGIN_ID` = order ID, and `ORIGINATOR_ID` when the rule names one).
/// `None` when no rule records links in the deal.
pub fn link_write(rules: &[LinkRule], deal: &Deal, order: &Order) -> Option<Call> {
    let fields = rules.iter().find_map(|rule| match rule {
        LinkRule::UserField { field, holds } => {
            let value = match holds {
                OrderKey::Id => Value::from(order.id.to_string()),
                OrderKey::Number => Value::from(order.account_number.clone()),
            };
            Some(json!({ field.as_str(): value }))
        }
        LinkRule::OriginId { originator_id } if origin_free(deal, originator_id.as_deref()) => {
            Some(match originator_id {
                Some(o) => json!({"ORIGIN_ID": order.id.to_string(), "ORIGINATOR_ID": o}),
                None => json!({"ORIGIN_ID": order.id.to_string()}),
            })
        }
        _ => None,
    })?;
    Some(Call::new(
        "crm.deal.update",
        json!({"id": deal.id, "fields": fields}),
    ))
}

/// Whether the deal's `ORIGIN_ID` is StoreLink's to write under a rule for `originator_id`:
/// it is empty (and no other source claimed the deal), or it comes from that very source.
/// Another integration's (`1C_EXCHANGE` / `DOC-777`) is never overwritten: that integration
/// would lose its deal.
pub fn origin_free(deal: &Deal, originator_id: Option<&str>) -> bool {
    let (origin, source) = (
        filled(deal.origin_id.as_deref()),
        filled(deal.originator_id.as_deref()),
    );
    match (origin, source, originator_id.map(str::trim)) {
        (None, None, _) => true,
        (_, Some(source), Some(ours)) => source == ours,
        _ => false,
    }
}

/// Text that holds something: trimmed, not empty, not `0`.
pub(crate) fn filled(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty() && *v != "0")
}

/// The source whose `ORIGIN_ID` keeps rule `rules` from writing the link, when that is why
/// [`link_write`] found no rule to write by.
pub fn origin_taken_by(deal: &Deal, rules: &[LinkRule]) -> Option<String> {
    let blocked = rules.iter().any(|rule| {
        matches!(rule, LinkRule::OriginId { originator_id }
            if !origin_free(deal, originator_id.as_deref()))
    });
    blocked.then(|| {
        let origin = filled(deal.origin_id.as_deref()).unwrap_or("");
        match filled(deal.originator_id.as_deref()) {
            Some(source) => format!("{source} / {origin}"),
            None => origin.to_owned(),
        }
    })
}
