//! Contacts without duplicates: normalised phones and e-mails, the order's buyer matched to CRM
//! contacts by them (never by name), duplicates among contacts, and the search for candidate
//! orders of a deal's contact.

mod normalize;
pub mod search;

pub use normalize::{Email, Phone};
pub use search::BuyerIs;

use std::collections::{BTreeMap, BTreeSet};

use bitrix_rest::models::{crm::Contact, sale::Order};

use crate::model::sorted::{sort_by_key, sort_dedup};

/// The order property holding the buyer's full name.
pub const PROP_NAME: &str = "FIO";
/// The order properties holding the buyer's first and last name, when `FIO` is not used.
pub const PROP_FIRST_NAME: &str = "NAME";
pub const PROP_LAST_NAME: &str = "LAST_NAME";
/// The order property holding the buyer's phone.
pub const PROP_PHONE: &str = "PHONE";
/// The order property holding the buyer's e-mail.
pub const PROP_EMAIL: &str = "EMAIL";

/// The buyer of an order, from its properties, as written in the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buyer {
    /// `FIO`, else `NAME` and `LAST_NAME` joined.
    pub name: Option<String>,
    /// `PHONE` as typed.
    pub phone: Option<String>,
    /// `EMAIL` as typed.
    pub email: Option<String>,
}

impl Buyer {
    /// The buyer named by an order's properties (`FIO`/`NAME`+`LAST_NAME`, `PHONE`, `EMAIL`).
    pub fn of_order(order: &Order) -> Buyer {
        let prop = |code: &str| {
            order
                .property(code)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Buyer {
            name: buyer_name(prop),
            phone: prop(PROP_PHONE),
            email: prop(PROP_EMAIL),
        }
    }

    /// The normalised phone, when the typed one is a phone number.
    pub fn normalized_phone(&self) -> Option<Phone> {
        self.phone.as_deref().and_then(Phone::parse)
    }

    /// The normalised e-mail, when the typed one is an address.
    pub fn normalized_email(&self) -> Option<Email> {
        self.email.as_deref().and_then(Email::parse)
    }
}

/// A buyer's name from the order's properties, read by `prop` (trimmed, empty as none): `FIO`,
/// else `NAME` and `LAST_NAME` joined.
pub fn buyer_name(prop: impl Fn(&str) -> Option<String>) -> Option<String> {
    prop(PROP_NAME).or_else(|| {
        let parts: Vec<String> = [PROP_FIRST_NAME, PROP_LAST_NAME]
            .iter()
            .filter_map(|c| prop(c))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    })
}

/// A contact's phones and e-mails, normalised (entries that are not numbers/addresses dropped),
/// sorted, each once.
pub fn contact_phones(contact: &Contact) -> Vec<Phone> {
    let mut phones: Vec<Phone> = contact
        .phone
        .iter()
        .filter_map(|m| Phone::parse(&m.value))
        .collect();
    sort_dedup(&mut phones);
    phones
}

/// Whether the contact holds any phone or e-mail at all, searchable or not (the card shows
/// them; the link panel says why `112` is not searched rather than that there is none).
pub fn has_any_means(contact: &Contact) -> bool {
    contact
        .phone
        .iter()
        .chain(&contact.email)
        .any(|m| !m.value.trim().is_empty())
}

/// A contact's e-mails, normalised, sorted, each once.
pub fn contact_emails(contact: &Contact) -> Vec<Email> {
    let mut emails: Vec<Email> = contact
        .email
        .iter()
        .filter_map(|m| Email::parse(&m.value))
        .collect();
    sort_dedup(&mut emails);
    emails
}

/// What a buyer and a contact have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchedOn {
    /// The same phone and the same e-mail.
    PhoneAndEmail,
    /// The same phone only.
    Phone,
    /// The same e-mail only.
    Email,
}

/// A contact that is the order's buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactMatch {
    /// The contact.
    pub contact_id: u64,
    /// By what.
    pub on: MatchedOn,
}

/// How a buyer with these phones and e-mails is `contact`: by which of them, if any.
fn matched_on(phones: &[Phone], emails: &[Email], contact: &Contact) -> Option<MatchedOn> {
    let by_phone = contact_phones(contact)
        .iter()
        .any(|own| phones.iter().any(|p| p.same_number(own)));
    let by_email = contact_emails(contact)
        .iter()
        .any(|own| emails.contains(own));
    match (by_phone, by_email) {
        (true, true) => Some(MatchedOn::PhoneAndEmail),
        (true, false) => Some(MatchedOn::Phone),
        (false, true) => Some(MatchedOn::Email),
        (false, false) => None,
    }
}

/// Who a buyer with these phones and e-mails is against `contact` (see [`BuyerIs`]): another
/// buyer only when one of them could be compared (the contact has one of that kind too).
pub fn buyer_is(phones: &[Phone], emails: &[Email], contact: &Contact) -> BuyerIs {
    let comparable = (!phones.is_empty() && !contact_phones(contact).is_empty())
        || (!emails.is_empty() && !contact_emails(contact).is_empty());
    match matched_on(phones, emails, contact) {
        Some(on) => BuyerIs::Contact(on),
        None if comparable => BuyerIs::Other,
        None => BuyerIs::Unknown,
    }
}

/// The contacts that are this buyer, by normalised phone or e-mail (never by name): those
/// matching both first, then by phone, then by e-mail; within each, in the given order.
pub fn match_buyer(buyer: &Buyer, contacts: &[Contact]) -> Vec<ContactMatch> {
    let phones: Vec<Phone> = buyer.normalized_phone().into_iter().collect();
    let emails: Vec<Email> = buyer.normalized_email().into_iter().collect();
    let mut out: Vec<ContactMatch> = contacts
        .iter()
        .filter_map(|c| {
            matched_on(&phones, &emails, c).map(|on| ContactMatch {
                contact_id: c.id,
                on,
            })
        })
        .collect();
    sort_by_key(&mut out, |m| m.on);
    out
}

/// True when the buyer is visibly someone else than `contact`: a phone or an e-mail could be
/// compared (the buyer has one of a kind the contact has too) and none is shared. Nothing to
/// compare is no claim either way.
pub fn other_buyer(buyer: &Buyer, contact: &Contact) -> bool {
    let phones: Vec<Phone> = buyer.normalized_phone().into_iter().collect();
    let emails: Vec<Email> = buyer.normalized_email().into_iter().collect();
    buyer_is(&phones, &emails, contact) == BuyerIs::Other
}

/// A phone or an e-mail, as a key shared by contacts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Comm {
    Phone(Phone),
    Email(Email),
}

/// Contacts that are one person: they share a phone or an e-mail, directly or through each
/// other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateGroup {
    /// The contacts, by ascending ID (the oldest first: the one to keep).
    pub contact_ids: Vec<u64>,
    /// Phones found in more than one of them.
    pub shared_phones: Vec<Phone>,
    /// E-mails found in more than one of them.
    pub shared_emails: Vec<Email>,
}

/// The groups of duplicates among `contacts` (groups of two or more), ordered by their
/// smallest contact ID. A contact listed twice counts once.
pub fn duplicate_groups(contacts: &[Contact]) -> Vec<DuplicateGroup> {
    let mut ids: Vec<u64> = contacts.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    let index = |id: u64| ids.binary_search(&id).unwrap_or(0);
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owners: BTreeMap<Comm, BTreeSet<usize>> = BTreeMap::new();
    for c in contacts {
        let phones = contact_phones(c).into_iter().map(Comm::Phone);
        let emails = contact_emails(c).into_iter().map(Comm::Email);
        for key in phones.chain(emails) {
            owners.entry(key).or_default().insert(index(c.id));
        }
    }
    for members in owners.values() {
        let mut it = members.iter();
        if let Some(&first) = it.next() {
            for &other in it {
                let (a, b) = (root(&mut parent, first), root(&mut parent, other));
                parent[b.max(a)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, DuplicateGroup> = BTreeMap::new();
    for (i, &id) in ids.iter().enumerate() {
        let r = root(&mut parent, i);
        groups
            .entry(r)
            .or_insert_with(|| DuplicateGroup {
                contact_ids: Vec::new(),
                shared_phones: Vec::new(),
                shared_emails: Vec::new(),
            })
            .contact_ids
            .push(id);
    }
    for (key, members) in &owners {
        if members.len() < 2 {
            continue;
        }
        let r = members.iter().next().map(|&m| root(&mut parent, m));
        if let Some(group) = r.and_then(|r| groups.get_mut(&r)) {
            match key {
                Comm::Phone(p) => group.shared_phones.push(p.clone()),
                Comm::Email(e) => group.shared_emails.push(e.clone()),
            }
        }
    }
    groups
        .into_values()
        .filter(|g| g.contact_ids.len() > 1)
        .collect()
}
