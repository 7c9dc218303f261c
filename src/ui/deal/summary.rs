//! The deal's own card: stage, sum and contact.

use yew::prelude::*;

use super::format::Fmt;
use crate::model::view::DealCard;
use crate::model::view::changes::DealField;

#[derive(Properties, PartialEq)]
pub struct DealSummaryProps {
    pub deal: DealCard,
    pub fmt: Fmt,
    #[prop_or_default]
    pub marks: Vec<DealField>,
}

#[function_component]
pub fn DealSummary(props: &DealSummaryProps) -> Html {
    let t = props.fmt.lang.deal();
    let d = &props.deal;
    let marked = |f: DealField| props.marks.contains(&f).then_some("sl-changed");
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
                    { props.fmt.money(d.sum, &d.currency) }
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
