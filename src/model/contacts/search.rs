//! Candidate orders for a deal without a linked order, found by its contact's phones and
//! e-mails, in one store request.
//!
//! The store keeps phones as the buyer typed them. The search therefore asks
//! `sale.propertyvalue.list` with the `=%` (LIKE) operator and the significant digits separated
//! by `%` (`%9%1%6%1%2%3%4%5%6%7`), which finds the number in any formatting, and then keeps
//! only the values that normalise to exactly the contact's phone. E-mails are searched with
//! `=%` and the address (LIKE is case-insensitive) and verified the same way. Each search
//! command is followed, in the same batch, by a `sale.order.list` of the orders it hit.

use bitrix_rest::models::{crm::Contact, sale::Order};
use bitrix_rest::value::{DecodeError, Fields, FromValue, lenient};
use serde::Deserialize;
use serde_json::json;

use super::{
    Email, MatchedOn, PROP_EMAIL, PROP_PHONE, Phone, buyer_is, buyer_name, contact_emails,
    contact_phones,
};
use crate::model::call::{Batch, Call, PAGE_SIZE, slot_refs};
use crate::model::sorted::sort_by_key;

/// The most phones and the most e-mails of one contact searched: two commands each, so the
/// search stays one batch (at most 50 commands).
pub const MAX_SEARCHED: usize = 12;

/// One value of `sale.propertyvalue.list` (→ `{propertyValues}`): which order it belongs to
/// and what it holds. (`bitrix_rest`'s `PropertyValue` has no `orderId` yet.)
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyHit {
    /// The order.
    #[serde(deserialize_with = "lenient::id")]
    pub order_id: u64,
    /// The property code.
    #[serde(default, deserialize_with = "lenient::string")]
    pub code: String,
    /// The value as stored.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
}

impl FromValue for PropertyHit {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let hit = PropertyHit {
            order_id: f.id("orderId"),
            code: f.string("code"),
            value: f.opt_string("value"),
        };
        f.finish(hit)
    }
}

/// The `sale.propertyvalue.list` call that finds a phone in any formatting.
pub fn phone_search_call(phone: &Phone) -> Call {
    // Any characters around and between the digits (`+7 (916) 123-45-67 `); what is found is
    // checked again by normalising it.
    let mut pattern: String = phone
        .significant_digits()
        .chars()
        .flat_map(|c| ['%', c])
        .collect();
    pattern.push('%');
    property_search(PROP_PHONE, pattern)
}

/// The `sale.propertyvalue.list` call that finds an e-mail whatever its letter case.
pub fn email_search_call(email: &Email) -> Call {
    // Spaces around the address as the buyer typed it still match; letter case never matters.
    property_search(PROP_EMAIL, format!("%{}%", email.as_str()))
}

fn property_search(code: &str, pattern: String) -> Call {
    Call::new(
        "sale.propertyvalue.list",
        json!({
            "select": ["orderId", "code", "value"],
            "filter": {"=code": code, "=%value": pattern},
            "order": {"orderId": "desc"},
        }),
    )
}

/// The search for one contact: the batch to send and what each command looks for.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateSearch {
    /// Property searches (`phone0`, `email0`, …), each followed by its orders
    /// (`phone0_orders`, …).
    pub batch: Batch,
    phones: Vec<(String, Phone)>,
    emails: Vec<(String, Email)>,
}

/// An order that may be the deal's, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateOrder {
    /// The order (as `sale.order.list` returns it).
    pub order: Order,
    /// Whether its buyer's phone, e-mail or both are the contact's.
    pub on: MatchedOn,
}

impl CandidateSearch {
    /// The search for a contact's phones and e-mails (at most [`MAX_SEARCHED`] of each);
    /// `None` when the contact has neither.
    pub fn for_contact(contact: &Contact) -> Option<CandidateSearch> {
        let phones: Vec<(String, Phone)> = contact_phones(contact)
            .into_iter()
            .take(MAX_SEARCHED)
            .enumerate()
            .map(|(i, p)| (format!("phone{i}"), p))
            .collect();
        let emails: Vec<(String, Email)> = contact_emails(contact)
            .into_iter()
            .take(MAX_SEARCHED)
            .enumerate()
            .map(|(i, e)| (format!("email{i}"), e))
            .collect();
        if phones.is_empty() && emails.is_empty() {
            return None;
        }
        let mut batch = Batch::new();
        let searches = phones
            .iter()
            .map(|(n, p)| (n, phone_search_call(p)))
            .chain(emails.iter().map(|(n, e)| (n, email_search_call(e))));
        for (name, call) in searches {
            batch.push(name.clone(), call);
            let ids = slot_refs(name, &["propertyValues"], PAGE_SIZE, "orderId");
            batch.push(
                format!("{name}_orders"),
                Call::new(
                    "sale.order.list",
                    json!({"filter": {"@id": ids}, "order": {"id": "desc"}}),
                ),
            );
        }
        Some(CandidateSearch {
            batch,
            phones,
            emails,
        })
    }

    /// True when a search came back full (a page of [`PAGE_SIZE`] values): older orders of the
    /// same phone or e-mail may not be listed.
    pub fn may_have_more(hits: &[(String, Vec<PropertyHit>)]) -> bool {
        hits.iter().any(|(_, list)| list.len() >= PAGE_SIZE)
    }

    /// The candidate orders, the likeliest first (under way, the better match, the newest):
    /// orders whose property value normalises to one of the contact's phones or e-mails. `hits` are the search commands' results by command
    /// name (missing commands count as empty), `orders` every orders command's list.
    pub fn candidates(
        &self,
        hits: &[(String, Vec<PropertyHit>)],
        orders: &[Vec<Order>],
    ) -> Vec<CandidateOrder> {
        let hits_of = |name: &str| {
            hits.iter()
                .find(|(n, _)| n == name)
                .map_or(&[][..], |(_, list)| list.as_slice())
        };
        let mut by_phone: Vec<u64> = Vec::new();
        let mut by_email: Vec<u64> = Vec::new();
        for (name, phone) in &self.phones {
            for hit in hits_of(name) {
                if hit
                    .value
                    .as_deref()
                    .and_then(Phone::parse)
                    .is_some_and(|p| p.same_number(phone))
                {
                    by_phone.push(hit.order_id);
                }
            }
        }
        for (name, email) in &self.emails {
            for hit in hits_of(name) {
                if hit.value.as_deref().and_then(Email::parse).as_ref() == Some(email) {
                    by_email.push(hit.order_id);
                }
            }
        }
        // Each order once (several searches may find it), the highest ID first among equals.
        let mut found: Vec<&Order> = Vec::new();
        for o in orders.iter().flatten() {
            if !found.iter().any(|f| f.id == o.id) {
                found.push(o);
            }
        }
        sort_by_key(&mut found, |o| std::cmp::Reverse(o.id));
        let mut candidates: Vec<CandidateOrder> = found
            .into_iter()
            .filter_map(|order| {
                let id = order.id;
                let on = match (by_phone.contains(&id), by_email.contains(&id)) {
                    (true, true) => MatchedOn::PhoneAndEmail,
                    (true, false) => MatchedOn::Phone,
                    (false, true) => MatchedOn::Email,
                    (false, false) => return None,
                };
                Some(CandidateOrder {
                    order: order.clone(),
                    on,
                })
            })
            .collect();
        // The likeliest first: an order still under way (not canceled, not shipped) before one
        // done with, then the better match (phone and e-mail before one of them), then the
        // newest (the order above).
        sort_by_key(&mut candidates, |c| {
            (c.order.canceled, c.order.deducted, c.on)
        });
        candidates
    }
}

/// `crm.duplicate.findbycomm` for the contacts having any of these phones (at most 20 are
/// sent, as the method allows).
pub fn duplicate_phone_call(phones: &[Phone]) -> Call {
    let values: Vec<&str> = phones.iter().take(20).map(Phone::as_str).collect();
    Call::new(
        "crm.duplicate.findbycomm",
        json!({"type": "PHONE", "values": values, "entity_type": "CONTACT"}),
    )
}

/// `crm.duplicate.findbycomm` for the contacts having any of these e-mails (at most 20).
pub fn duplicate_email_call(emails: &[Email]) -> Call {
    let values: Vec<&str> = emails.iter().take(20).map(Email::as_str).collect();
    Call::new(
        "crm.duplicate.findbycomm",
        json!({"type": "EMAIL", "values": values, "entity_type": "CONTACT"}),
    )
}

/// The name of order `order_id`'s buyer in `hits` (see [`buyer_name`]).
pub fn buyer_name_in(order_id: u64, hits: &[PropertyHit]) -> Option<String> {
    buyer_name(|code| {
        hits.iter()
            .filter(|h| h.order_id == order_id && h.code.eq_ignore_ascii_case(code))
            .filter_map(|h| h.value.as_deref().map(str::trim))
            .find(|v| !v.is_empty())
            .map(str::to_owned)
    })
}

/// Who the buyer of an order found by number is, against the deal's contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuyerIs {
    /// The contact: a phone or an e-mail is the contact's.
    Contact(MatchedOn),
    /// Someone else: the buyer has a phone or an e-mail of a kind the contact has too, and
    /// none is the contact's.
    Other,
    /// Nothing tells: the buyer, or the deal, has no phone or e-mail to compare (or the deal
    /// no contact).
    Unknown,
}

/// Who the buyer of order `order_id` is against the deal's `contact`, from the order's phone
/// and e-mail values in `hits` (compared as [`super::other_buyer`] compares them on the card).
pub fn buyer_of(contact: Option<&Contact>, order_id: u64, hits: &[PropertyHit]) -> BuyerIs {
    let Some(contact) = contact else {
        return BuyerIs::Unknown;
    };
    let values = |code: &'static str| {
        hits.iter()
            .filter(move |h| h.order_id == order_id && h.code.eq_ignore_ascii_case(code))
            .filter_map(|h| h.value.as_deref())
    };
    let phones: Vec<Phone> = values(PROP_PHONE).filter_map(Phone::parse).collect();
    let emails: Vec<Email> = values(PROP_EMAIL).filter_map(Email::parse).collect();
    buyer_is(&phones, &emails, contact)
}
