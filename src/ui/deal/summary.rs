//! The deal's own card: stage, sum and contact.

use yew::prelude::*;

use super::format::Fmt;
use crate::model::view::DealCard;
use crate::model::view::changes::DealField;

/// `marks`: what a live update just changed.
pub fn deal_summary(d: &DealCard, fmt: Fmt, marks: &[DealField]) -> Html {
    let t = fmt.lang.deal();
    let marked = |f: DealField| marks.contains(&f).then_some("sl-changed");
    html! {
        <section class="sl-card sl-deal-card" aria-label={t.deal_title}>
            <h3>{ t.deal_title }</h3>
            <dl class="sl-facts">
                <dt>{ t.deal_stage }</dt>
                <dd class={classes!(marked(DealField::Stage))} data-testid="deal-stage">
                    { d.stage_name.clone().unwrap_or_else(|| d.stage_id.clone()) }
                </dd>
                <dt>{ t.deal_sum }</dt>
                <dd class={classes!("sl-strong", marked(DealField::Sum))} data-testid="deal-sum">
                    { fmt.money(d.sum, &d.currency) }
                </dd>
                <dt>{ t.deal_contact }</dt>
                <dd class={classes!(marked(DealField::Contact))}>
                    {
                        match &d.contact {
                            Some(c) => html! {
                                <>
                                    <div>{ c.name.clone() }</div>
                                    { for c.phones.iter().map(|p| html! { <div class="sl-muted">{ p.clone() }</div> }) }
                                    { for c.emails.iter().map(|e| html! { <div class="sl-muted">{ e.clone() }</div> }) }
                                </>
                            },
                            None => html! { <span class="sl-muted">{ t.deal_no_contact }</span> },
                        }
                    }
                </dd>
            </dl>
        </section>
    }
}
