//! The linked order: number, date, status, payment, delivery, total, buyer, how it is linked,
//! and the selector when the link rule found several orders.

use yew::prelude::*;

use super::format::Fmt;
use crate::i18n::fill;
use crate::model::settings::LinkRule;
use crate::model::view::changes::OrderField;
use crate::model::view::{OrderCard, OrderChoice};

/// The order's card. `choices` are the other orders the link rule found (the selector calls
/// `on_choose`); `marks` what a live update just changed.
pub fn order_panel(
    o: &OrderCard,
    choices: &[OrderChoice],
    fmt: Fmt,
    on_choose: &Callback<u64>,
    marks: &[OrderField],
) -> Html {
    let t = fmt.lang.deal();
    let marked = |f: OrderField| marks.contains(&f).then_some("sl-changed");
    let linked_by = match &o.linked_by.1 {
        Some(LinkRule::UserField { field, .. }) => fill(t.linked_by_user_field, &[field]),
        Some(LinkRule::OriginId { .. }) => t.linked_by_origin.to_owned(),
        Some(LinkRule::OrderXmlId) => t.linked_by_xml_id.to_owned(),
        Some(LinkRule::OrderProperty { code }) => fill(t.linked_by_property, &[code]),
        None => String::new(),
    };
    let badges = html! {
        <span class={classes!("sl-badges", marked(OrderField::Paid), marked(OrderField::Canceled), marked(OrderField::Shipped))}>
            if o.canceled {
                <span class="sl-badge sl-badge-alert" data-testid="order-canceled">{ t.order_canceled }</span>
            } else if o.paid {
                <span class="sl-badge sl-badge-success" data-testid="order-paid">{ t.order_paid }</span>
            } else {
                <span class="sl-badge sl-badge-warning">{ t.order_not_paid }</span>
            }
            if o.shipped {
                <span class="sl-badge sl-badge-primary" data-testid="order-shipped">{ t.order_shipped }</span>
            }
        </span>
    };
    let list = |items: &[String]| {
        if items.is_empty() {
            t.order_none.to_owned()
        } else {
            items.join(", ")
        }
    };
    let buyer = [&o.buyer.name, &o.buyer.phone, &o.buyer.email]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>();
    html! {
        <section class="sl-card sl-order-card" aria-label={t.order_title}>
            <div class="sl-card-head">
                <h3>
                    <span data-testid="order-number" data-value={o.number.clone()}>
                        { fill(t.order_number, &[&o.number]) }
                    </span>
                    <span class="sl-muted sl-order-date">{ " " }{ fill(t.order_date, &[&fmt.date(&o.date)]) }</span>
                </h3>
                { badges }
            </div>
            if !choices.is_empty() {
                { order_choices(choices, o.id, fmt, on_choose) }
            }
            <dl class="sl-facts">
                <dt>{ t.order_status }</dt>
                <dd class={classes!(marked(OrderField::Status))}>
                    <span class="sl-status" data-testid="order-status" data-status-id={o.status_id.clone()}>
                        { o.status_name.clone().unwrap_or_else(|| o.status_id.clone()) }
                    </span>
                </dd>
                <dt>{ t.order_total }</dt>
                <dd class={classes!(marked(OrderField::Total))}>
                    <span class="sl-strong" data-testid="order-total" data-value={o.total.normalized().to_string()}>
                        { fmt.money(o.total, &o.currency) }
                    </span>
                    if !o.delivery_price.is_zero() {
                        <span class="sl-muted">{ " " }{ fill(t.order_delivery_included, &[&fmt.money(o.delivery_price, &o.currency)]) }</span>
                    }
                </dd>
                <dt>{ t.order_payment }</dt>
                <dd class={classes!(marked(OrderField::PaymentOrDelivery))}>{ list(&o.payments) }</dd>
                <dt>{ t.order_delivery }</dt>
                <dd class={classes!(marked(OrderField::PaymentOrDelivery))}>{ list(&o.deliveries) }</dd>
                <dt>{ t.order_buyer }</dt>
                <dd class={classes!(marked(OrderField::Buyer))} data-testid="order-buyer">
                    { for buyer.iter().map(|b| html! { <div>{ b.clone() }</div> }) }
                    if buyer.is_empty() { { t.order_none } }
                </dd>
            </dl>
            if !linked_by.is_empty() {
                <p class="sl-muted sl-small" data-testid="order-linked-by">{ linked_by }</p>
            }
        </section>
    }
}

fn order_choices(
    choices: &[OrderChoice],
    chosen: u64,
    fmt: Fmt,
    on_choose: &Callback<u64>,
) -> Html {
    let t = fmt.lang.deal();
    let onchange = {
        let on_choose = on_choose.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok());
            if let Some(id) = value {
                on_choose.emit(id);
            }
        })
    };
    html! {
        <div class="sl-field sl-order-choice">
            <label for="sl-order-choice">{ t.choose_order }</label>
            <select id="sl-order-choice" class="sl-select" data-testid="order-choice" {onchange}>
                { for choices.iter().map(|c| {
                    let label = format!(
                        "№{} · {} · {}{}",
                        c.number,
                        fmt.date(&c.date),
                        fmt.money(c.total, &c.currency),
                        if c.canceled { format!(" · {}", t.order_canceled) } else { String::new() }
                    );
                    html! { <option value={c.id.to_string()} selected={c.id == chosen}>{ label }</option> }
                }) }
            </select>
        </div>
    }
}
