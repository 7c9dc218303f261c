//! The cards of a deal view: the deal, its contact, the order, the orders to choose from.

use bitrix_rest::Decimal;
use bitrix_rest::models::{
    crm::{Contact, Deal, Status},
    sale::Order,
};

use super::StoreAnswer;
use crate::model::contacts::Buyer;
use crate::model::link::{LinkedOrder, OrderReference};
use crate::model::linked_elsewhere::OtherDeal;
use crate::model::mapping::prefill::status_name;
use crate::model::reconcile::{delivery_price, stage_lost};
use crate::model::settings::{FieldLabel, LinkRule, Settings};
use crate::model::shared_link::OrderKeys;

/// The deal's contact as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactCard {
    /// The contact.
    pub id: u64,
    /// Full name.
    pub name: String,
    /// Phones as stored.
    pub phones: Vec<String>,
    /// E-mails as stored.
    pub emails: Vec<String>,
}

/// The deal as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealCard {
    /// The deal.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its pipeline.
    pub category_id: i64,
    /// Its stage.
    pub stage_id: String,
    /// The stage's name, when the stages are known.
    pub stage_name: Option<String>,
    /// The stage is a lost one: the deal will take nothing from the store, so its rows are
    /// never short (nor said to be in stock).
    pub lost: bool,
    /// Its sum.
    pub sum: Decimal,
    /// Its currency.
    pub currency: String,
    /// `DATE_MODIFY`, the stamp polling compares.
    pub date_modify: String,
    /// Its contact.
    pub contact: Option<ContactCard>,
}

impl DealCard {
    pub(super) fn of(deal: &Deal, contact: Option<&Contact>, stages: &[Status]) -> DealCard {
        DealCard {
            id: deal.id,
            title: deal.title.clone(),
            category_id: deal.category_id,
            stage_id: deal.stage_id.clone(),
            stage_name: stages
                .iter()
                .find(|s| s.status_id == deal.stage_id)
                .map(|s| s.name.clone()),
            lost: stage_lost(stages, &deal.stage_id) == Some(true),
            sum: deal.opportunity,
            currency: deal.currency_id.clone(),
            date_modify: deal.date_modify.clone(),
            contact: contact
                .filter(|c| deal.contact_id == Some(c.id))
                .map(|c| ContactCard {
                    id: c.id,
                    name: c.full_name(),
                    phones: c.phone.iter().map(|m| m.value.clone()).collect(),
                    emails: c.email.iter().map(|m| m.value.clone()).collect(),
                }),
        }
    }
}

/// The linked order as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCard {
    /// The order.
    pub id: u64,
    /// Its number (`accountNumber`).
    pub number: String,
    /// When it was placed.
    pub date: String,
    /// `dateUpdate`, the stamp polling compares.
    pub date_update: String,
    /// Its status.
    pub status_id: String,
    /// The status name in the rep's language (else English, else any), when known.
    pub status_name: Option<String>,
    /// Paid.
    pub paid: bool,
    /// What its payments marked paid add up to (part of the total, or money to refund when
    /// the order is canceled).
    pub paid_sum: Decimal,
    /// Canceled.
    pub canceled: bool,
    /// Everything shipped.
    pub shipped: bool,
    /// Some shipments shipped, others not.
    pub partly_shipped: bool,
    /// Payment system names.
    pub payments: Vec<String>,
    /// Delivery service names (real shipments only).
    pub deliveries: Vec<String>,
    /// The total, delivery included.
    pub total: Decimal,
    /// The delivery price inside the total.
    pub delivery_price: Decimal,
    /// Its currency.
    pub currency: String,
    /// The buyer.
    pub buyer: Buyer,
    /// The rule that links it (position in the settings, and the rule).
    pub linked_by: (usize, Option<LinkRule>),
    /// Other rules that name another order (the rule, that order's number).
    pub conflicts: Vec<(Option<LinkRule>, String)>,
    /// Other deals holding the same link to this order (set by the view).
    pub shared_with: Vec<OtherDeal>,
    /// The buyer shares no phone or e-mail with the deal's contact (set by the view).
    pub other_buyer: bool,
    /// The labels of the deal fields the rules name (from the settings).
    pub field_labels: Vec<FieldLabel>,
    /// What the rule looked for.
    pub reference: OrderReference,
}

impl OrderCard {
    /// Its ID and number, as the questions for other deals holding it compare them.
    pub fn keys(&self) -> OrderKeys {
        OrderKeys {
            id: self.id,
            number: self.number.clone(),
        }
    }

    pub(super) fn of(
        order: &Order,
        link: &LinkedOrder,
        answer: StoreAnswer<'_>,
        settings: &Settings,
        lang: &str,
    ) -> OrderCard {
        let names = |it: &mut dyn Iterator<Item = &String>| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for n in it.map(|n| n.trim()).filter(|n| !n.is_empty()) {
                if !out.iter().any(|o| o == n) {
                    out.push(n.to_owned());
                }
            }
            out
        };
        OrderCard {
            id: order.id,
            number: order.account_number.clone(),
            date: order.date_insert.clone(),
            date_update: order.date_update.clone(),
            status_id: order.status_id.clone(),
            status_name: status_name(&order.status_id, answer.status_names, lang)
                .map(str::to_owned),
            paid: order.payed,
            paid_sum: order
                .payments
                .iter()
                .filter(|p| p.paid)
                .fold(Decimal::ZERO, |sum, p| sum + p.sum),
            canceled: order.canceled,
            shipped: order.is_shipped(),
            partly_shipped: order.is_partly_shipped(),
            payments: names(&mut order.payments.iter().map(|p| &p.pay_system_name)),
            deliveries: names(
                &mut order
                    .shipments
                    .iter()
                    .filter(|s| !s.system)
                    .map(|s| &s.delivery_name),
            ),
            total: order.price,
            delivery_price: delivery_price(order),
            currency: order.currency.clone(),
            buyer: Buyer::of_order(order),
            linked_by: (
                link.rule_index,
                settings.link_rules.get(link.rule_index).cloned(),
            ),
            conflicts: link
                .conflicts
                .iter()
                .map(|(rule, number)| (settings.link_rules.get(*rule).cloned(), number.clone()))
                .collect(),
            shared_with: Vec::new(),
            other_buyer: false,
            field_labels: settings.field_labels.clone(),
            reference: link.reference.clone(),
        }
    }
}

/// One order of the selector when a rule found several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderChoice {
    /// The order.
    pub id: u64,
    /// Its number.
    pub number: String,
    /// When it was placed.
    pub date: String,
    /// Its total.
    pub total: Decimal,
    /// Its currency.
    pub currency: String,
    /// Canceled.
    pub canceled: bool,
}

impl OrderChoice {
    pub(super) fn of(o: &Order) -> OrderChoice {
        OrderChoice {
            id: o.id,
            number: o.account_number.clone(),
            date: o.date_insert.clone(),
            total: o.price,
            currency: o.currency.clone(),
            canceled: o.canceled,
        }
    }
}
