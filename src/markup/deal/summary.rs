//! The deal's own card: stage, sum and contact.

use super::changed_class;
use crate::markup::Markup;
use crate::markup::format::Fmt;
use crate::model::view::DealCard;
use crate::model::view::changes::DealField;

/// `marks`: what a live update just changed.
pub fn deal_summary(m: &mut Markup, d: &DealCard, fmt: Fmt, marks: &[DealField]) {
    let t = fmt.lang.deal();
    m.open_class("section", "sl-card sl-deal-card")
        .attr("aria-label", t.deal_title);
    m.leaf("h2", "", t.deal_title);
    m.open_class("dl", "sl-facts");
    m.leaf("dt", "", t.deal_stage);
    m.open("dd");
    changed_class(m, "", marks.contains(&DealField::Stage));
    m.attr("data-testid", "deal-stage")
        .text(d.stage_name.as_deref().unwrap_or(&d.stage_id))
        .close("dd");
    m.leaf("dt", "", t.deal_sum);
    m.open("dd");
    changed_class(m, "sl-strong", marks.contains(&DealField::Sum));
    m.attr("data-testid", "deal-sum")
        .text(&fmt.money(d.sum, &d.currency))
        .close("dd");
    m.leaf("dt", "", t.deal_contact);
    m.open("dd");
    changed_class(m, "", marks.contains(&DealField::Contact));
    match &d.contact {
        Some(c) => {
            m.leaf("div", "", &c.name);
            for phone in &c.phones {
                m.leaf("div", "sl-muted sl-nowrap", phone);
            }
            for email in &c.emails {
                m.leaf("div", "sl-muted", email);
            }
        }
        None => {
            m.leaf("span", "sl-muted", t.deal_no_contact);
        }
    }
    m.close("dd").close("dl").close("section");
}
