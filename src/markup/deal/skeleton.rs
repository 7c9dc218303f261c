//! The deal tab's layout in grey while it loads, so nothing jumps when data arrives.

use crate::markup::Markup;
use crate::markup::skeleton::bar;

pub fn deal_skeleton(m: &mut Markup) {
    m.open_class("div", "sl-deal-body")
        .attr("aria-hidden", "true");
    m.open_class("div", "sl-deal-top");
    order_card(m);
    m.open_class("section", "sl-card sl-deal-card");
    bar(m, "m");
    facts(m, 3);
    m.close("section").close("div");
    // A linked deal's differences come between the deal and its products.
    differences_skeleton(m);
    m.open_class("section", "sl-card");
    bar(m, "l");
    for _ in 0..4 {
        bar(m, "full");
    }
    m.close("section").close("div");
}

/// The order card in grey, while the store's answer is awaited (the rest is shown).
pub fn order_skeleton(m: &mut Markup) {
    m.open("div")
        .attr("data-testid", "order-pending")
        .attr("aria-hidden", "true");
    order_card(m);
    m.close("div");
}

/// The differences card in grey, while the store's answer is awaited.
pub fn differences_skeleton(m: &mut Markup) {
    m.open_class("section", "sl-card")
        .attr("aria-hidden", "true");
    bar(m, "l");
    bar(m, "full");
    m.close("section");
}

/// The order card's lines: number, status, total, payment, delivery, the buyer's three, and
/// how it is linked.
fn order_card(m: &mut Markup) {
    m.open_class("section", "sl-card sl-order-card");
    bar(m, "l");
    m.open_class("div", "sl-facts-skel");
    facts(m, 7);
    m.close("div");
    bar(m, "m");
    m.close("section");
}

/// `count` label-and-value pairs.
fn facts(m: &mut Markup, count: usize) {
    for _ in 0..count {
        bar(m, "s");
        bar(m, "m");
    }
}
