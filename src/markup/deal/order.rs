//! The linked order: number, date, status, payment, delivery, total, buyer, how it is linked,
//! and the selector when the link rule found several orders.

use bitrix_rest::Decimal;

use super::changed_class;
use crate::i18n::{DealTexts, fill};
use crate::markup::Markup;
use crate::markup::format::Fmt;
use crate::model::call::PAGE_SIZE;
use crate::model::link::numbers_alike;
use crate::model::settings::{FieldLabel, LinkRule};
use crate::model::view::changes::OrderField;
use crate::model::view::{OrderCard, OrderChoice};

/// Other deals linked to the same order named one by one; the rest are counted.
const SHARED_SHOWN: usize = 3;

/// The order's card. `choices` are the other orders the link rule found (the selector names
/// `choose-order` on change; it shows `chosen`, the rep's pick still loading, else this order);
/// `marks` what a live update just changed.
pub fn order_panel(
    m: &mut Markup,
    o: &OrderCard,
    choices: &[OrderChoice],
    chosen: Option<u64>,
    fmt: Fmt,
    marks: &[OrderField],
    portal: &str,
) {
    let t = fmt.lang.deal();
    let marked = |f: OrderField| marks.contains(&f);
    m.open_class("section", "sl-card sl-order-card")
        .attr("aria-label", t.order_title);
    m.open_class("div", "sl-card-head");
    // When the focused control goes away (a "Link" that linked this order, a "Try again"),
    // the keyboard focus lands on the order rather than on the page.
    m.open("h2")
        .attr("tabindex", "-1")
        .flag("data-autofocus", true);
    m.open("span")
        .attr("data-testid", "order-number")
        .attr("data-value", &o.number)
        .text(&fill(t.order_number, &[&o.number]))
        .close("span");
    order_id(m, t, o.id, &o.number);
    m.open_class("span", "sl-muted sl-order-date")
        .text(" ")
        .text(&fill(t.order_date, &[&fmt.date(&o.date)]))
        .close("span");
    m.close("h2");
    m.open("span");
    changed_class(
        m,
        "sl-badges",
        marked(OrderField::Paid) || marked(OrderField::Canceled) || marked(OrderField::Shipped),
    );
    let paid_sum = || fmt.money(o.paid_sum, &o.currency);
    if o.canceled {
        badge(
            m,
            "sl-badge sl-badge-alert",
            Some("order-canceled"),
            t.order_canceled,
        );
        // Money taken for a canceled order is money to give back.
        if o.paid_sum > Decimal::ZERO {
            let text = fill(t.order_refund_due, &[&paid_sum()]);
            badge(
                m,
                "sl-badge sl-badge-warning",
                Some("order-paid-sum"),
                &text,
            );
        }
    } else if o.paid {
        badge(
            m,
            "sl-badge sl-badge-success",
            Some("order-paid"),
            t.order_paid,
        );
    } else if o.paid_sum > Decimal::ZERO {
        let total = fmt.money(o.total, &o.currency);
        let text = fill(t.order_part_paid, &[&paid_sum(), &total]);
        badge(
            m,
            "sl-badge sl-badge-warning",
            Some("order-part-paid"),
            &text,
        );
    } else {
        badge(m, "sl-badge sl-badge-warning", None, t.order_not_paid);
    }
    if o.shipped {
        badge(
            m,
            "sl-badge sl-badge-primary",
            Some("order-shipped"),
            t.order_shipped,
        );
    } else if o.partly_shipped {
        badge(
            m,
            "sl-badge sl-badge-primary",
            Some("order-partly-shipped"),
            t.order_partly_shipped,
        );
    }
    m.close("span").close("div");
    if !choices.is_empty() {
        order_choices(m, choices, chosen.unwrap_or(o.id), fmt);
    }
    m.open_class("dl", "sl-facts");
    fact(m, t.order_status, marked(OrderField::Status));
    m.open_class("span", "sl-status")
        .attr("data-testid", "order-status")
        .attr("data-status-id", &o.status_id)
        .text(o.status_name.as_deref().unwrap_or(&o.status_id))
        .close("span");
    m.close("dd");
    fact(m, t.order_total, marked(OrderField::Total));
    m.open_class("span", "sl-strong")
        .attr("data-testid", "order-total")
        .attr("data-value", &o.total.normalized().to_string())
        .text(&fmt.money(o.total, &o.currency))
        .close("span");
    if !o.delivery_price.is_zero() {
        let delivery = fmt.money(o.delivery_price, &o.currency);
        m.open_class("span", "sl-muted")
            .text(" ")
            .text(&fill(t.order_delivery_included, &[&delivery]))
            .close("span");
    }
    m.close("dd");
    let payment_or_delivery = marked(OrderField::PaymentOrDelivery);
    fact(m, t.order_payment, payment_or_delivery);
    names(m, &o.payments, t.order_none);
    m.close("dd");
    fact(m, t.order_delivery, payment_or_delivery);
    names(m, &o.deliveries, t.order_none);
    m.close("dd");
    fact(m, t.order_buyer, marked(OrderField::Buyer));
    m.attr("data-testid", "order-buyer");
    let mut any = false;
    for part in [&o.buyer.name, &o.buyer.phone, &o.buyer.email]
        .into_iter()
        .flatten()
    {
        m.leaf("div", "", part);
        any = true;
    }
    if !any {
        m.text(t.order_none);
    }
    m.close("dd").close("dl");
    let linked_by = linked_by_text(o.linked_by.1.as_ref(), o, t);
    if !linked_by.is_empty() {
        m.open_class("p", "sl-muted sl-small")
            .attr("data-testid", "order-linked-by")
            .text(&linked_by)
            .close("p");
    }
    for (rule, number) in &o.conflicts {
        let how = linked_by_text(rule.as_ref(), o, t);
        m.open_class("p", "sl-notice sl-notice-warning")
            .attr("data-testid", "order-link-conflict")
            .text(&fill(t.link_conflict, &[number, &how]))
            .close("p");
    }
    if o.other_buyer {
        m.open_class("p", "sl-notice sl-notice-warning")
            .attr("data-testid", "order-other-buyer")
            .text(t.order_other_buyer)
            .close("p");
    }
    // Three warnings say it; more would push the deal down by screens (a wholesale order
    // behind thirty deals): the rest are counted.
    for other in o.shared_with.iter().take(SHARED_SHOWN) {
        m.open_class("p", "sl-notice sl-notice-warning")
            .attr("data-testid", "order-shared-link")
            .attr("data-deal-id", &other.id.to_string())
            .text(&fill(t.link_shared, &[&other.title, &other.id.to_string()]))
            .text(" ");
        // The other deal opens beside this one, in a new browser tab.
        m.open("a")
            .attr("href", &format!("{portal}/crm/deal/details/{}/", other.id))
            .attr("target", "_blank")
            .attr("rel", "noopener")
            .attr("data-testid", "order-shared-open")
            .text(t.open_other_deal)
            .close("a")
            .close("p");
    }
    let more = o.shared_with.len().saturating_sub(SHARED_SHOWN);
    if more > 0 {
        // The question reads one page of deals: a full page may not be all of them.
        let mut count = more.to_string();
        if o.shared_with.len() >= PAGE_SIZE {
            count.push('+');
        }
        m.open_class("p", "sl-notice sl-notice-warning")
            .attr("data-testid", "order-shared-more")
            .attr("data-value", &more.to_string())
            .text(&fill(t.link_shared_more, &[&count]))
            .close("p");
    }
    m.close("section");
}

/// How a rule links the deal to its order, as a sentence (a deal field by its label when the
/// settings have one); empty without a rule.
fn linked_by_text(rule: Option<&LinkRule>, o: &OrderCard, t: &DealTexts) -> String {
    match rule {
        Some(LinkRule::UserField { field, .. }) => {
            // The field's label as the admin saw it, else its code.
            let label = FieldLabel::of(&o.field_labels, field).unwrap_or(field);
            fill(t.linked_by_user_field, &[label])
        }
        // Without a source named in the settings, any integration's ORIGIN_ID links: the
        // connector is not claimed.
        Some(LinkRule::OriginId {
            originator_id: Some(_),
        }) => t.linked_by_origin.to_owned(),
        Some(LinkRule::OriginId {
            originator_id: None,
        }) => t.linked_by_origin_any.to_owned(),
        Some(LinkRule::OrderXmlId) => t.linked_by_xml_id.to_owned(),
        Some(LinkRule::OrderProperty { code }) => fill(t.linked_by_property, &[code]),
        None => String::new(),
    }
}

/// `<span class data-testid>text</span>`.
#[inline(never)]
fn badge(m: &mut Markup, class: &str, testid: Option<&str>, text: &str) {
    m.open_class("span", class)
        .attr_opt("data-testid", testid)
        .text(text)
        .close("span");
}

/// `<dt>label</dt>` and the start of its `<dd>`, marked when `changed`; the caller closes it.
#[inline(never)]
fn fact(m: &mut Markup, label: &str, changed: bool) {
    m.leaf("dt", "", label);
    m.open("dd");
    changed_class(m, "", changed);
}

/// Names joined by commas, or `none`.
#[inline(never)]
fn names(m: &mut Markup, items: &[String], none: &str) {
    if items.is_empty() {
        m.text(none);
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            m.text(", ");
        }
        m.text(item);
    }
}

/// The selector among the orders the rule found; `chosen` is selected. Its change names
/// `choose-order`; each option's value is the order's ID.
fn order_choices(m: &mut Markup, choices: &[OrderChoice], chosen: u64, fmt: Fmt) {
    let t = fmt.lang.deal();
    m.open_class("div", "sl-field sl-order-choice");
    m.open("label")
        .attr("for", "sl-order-choice")
        .text(t.choose_order)
        .close("label");
    m.open_class("select", "sl-select")
        .attr("id", "sl-order-choice")
        .attr("data-testid", "order-choice")
        .on("change", "choose-order", None);
    for c in choices {
        // Two orders of one number (a store that numbers by site, say), or of numbers spelt
        // with look-alike letters (`AP-10530`, `АР-10530`), are told apart by ID.
        let twin = choices
            .iter()
            .any(|o| o.id != c.id && numbers_alike(&o.number, &c.number));
        let id = if twin {
            format!(" (ID {})", c.id)
        } else {
            String::new()
        };
        let label = format!(
            "{}{id} · {} · {}",
            fill(t.choice_number, &[&c.number]),
            fmt.date(&c.date),
            fmt.money(c.total, &c.currency)
        );
        m.open("option")
            .attr("value", &c.id.to_string())
            .flag("selected", c.id == chosen)
            .text(&label);
        if c.canceled {
            m.text(" · ").text(t.order_canceled);
        }
        m.close("option");
    }
    m.close("select").close("div");
}

/// An order's ID beside its number when the two differ ("№12 (ID 7)"): a deal field of IDs
/// and a search by ID name the ID, so a rep comparing them sees the same figure.
pub fn order_id(m: &mut Markup, t: &DealTexts, id: u64, number: &str) {
    if let Some(said) = id_apart(t, id, number) {
        m.open_class("span", "sl-muted sl-order-id")
            .attr("data-testid", "order-id")
            .text(" ")
            .text(&said)
            .close("span");
    }
}

/// An order's number, with its ID when the two differ ("12 (ID 7)"), for a label read out.
pub fn number_with_id(t: &DealTexts, id: u64, number: &str) -> String {
    match id_apart(t, id, number) {
        Some(said) => format!("{number} {said}"),
        None => number.to_owned(),
    }
}

/// "(ID 7)" for an order whose number is not its ID.
fn id_apart(t: &DealTexts, id: u64, number: &str) -> Option<String> {
    let id = id.to_string();
    (number.trim() != id).then(|| fill(t.order_id, &[&id]))
}
