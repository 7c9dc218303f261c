//! A deal without a linked order: the buyer's orders found by the contact's phone and e-mail,
//! a search by order number, and "Link", which writes the link the settings name.

use std::rc::Rc;

use bitrix_rest::models::sale::Order;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::format::Fmt;
use crate::fetch::link::{
    LinkFailure, candidate_orders, orders_by_number, orders_linked_elsewhere, write_link,
};
use crate::i18n::errors::{System, describe};
use crate::i18n::fill;
use crate::model::contacts::MatchedOn;
use crate::model::linked_elsewhere::OtherDeal;
use crate::session::{Session, StoreAccess};

#[derive(Properties, PartialEq)]
pub struct LinkPanelProps {
    pub session: Rc<Session>,
    pub deal_id: u64,
    pub contact: Option<bitrix_rest::models::crm::Contact>,
    pub fmt: Fmt,
    /// Called once the link is written, to reload the tab.
    pub on_linked: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Found {
    Idle,
    Searching,
    /// The orders, and why it is unknown whether other deals link to them (when it is).
    Orders(Vec<Entry>, Option<String>),
    Nothing(String),
    Failed(String),
}

/// An order offered for linking.
#[derive(Clone, PartialEq)]
struct Entry {
    order: Order,
    /// How it was found by the contact (`None`: by number).
    on: Option<MatchedOn>,
    /// Another deal that already links to it.
    elsewhere: Option<OtherDeal>,
}

/// `orders` offered for linking to `deal_id`, each with the other deal that already links to
/// it (one portal request).
async fn offered(
    session: &Session,
    deal_id: u64,
    orders: Vec<(Order, Option<MatchedOn>)>,
) -> Found {
    let lang = session.lang;
    let plain: Vec<Order> = orders.iter().map(|(o, _)| o.clone()).collect();
    let rules = &session.settings.link_rules;
    let (mut elsewhere, unknown) =
        match orders_linked_elsewhere(&session.portal, rules, deal_id, &plain).await {
            Ok(found) => (found, None),
            Err(e) => (
                Vec::new(),
                Some(fill(
                    lang.deal().link_elsewhere_unknown,
                    &[&describe(&e, System::Portal, lang)],
                )),
            ),
        };
    let entries = orders
        .into_iter()
        .map(|(order, on)| {
            let other = elsewhere
                .iter()
                .position(|(id, _)| *id == order.id)
                .map(|i| elsewhere.swap_remove(i).1);
            Entry {
                order,
                on,
                elsewhere: other,
            }
        })
        .collect();
    Found::Orders(entries, unknown)
}

#[function_component]
pub fn LinkPanel(props: &LinkPanelProps) -> Html {
    let fmt = props.fmt;
    let t = fmt.lang.deal();
    let candidates = use_state(|| Found::Idle);
    let by_number = use_state(|| Found::Idle);
    let number = use_state(String::new);
    let link_error = use_state(|| None::<String>);
    let linking = use_state(|| None::<u64>);
    let store = match &props.session.store {
        StoreAccess::Ready(c) => Some(c.clone()),
        StoreAccess::NotConfigured => None,
    };
    {
        let (candidates, store, contact, session, lang) = (
            candidates.clone(),
            store.clone(),
            props.contact.clone(),
            props.session.clone(),
            fmt.lang,
        );
        use_effect_with(props.deal_id, move |deal_id| {
            let deal_id = *deal_id;
            if let (Some(store), Some(contact)) = (store, contact) {
                candidates.set(Found::Searching);
                spawn_local(async move {
                    candidates.set(match candidate_orders(&store, &contact).await {
                        Ok(found) => {
                            let orders = found.into_iter().map(|c| (c.order, Some(c.on))).collect();
                            offered(&session, deal_id, orders).await
                        }
                        Err(e) => Found::Failed(describe(&e, System::Store, lang)),
                    });
                });
            }
        });
    }
    let on_find = {
        let (by_number, number, store, session, deal_id, lang) = (
            by_number.clone(),
            number.clone(),
            store.clone(),
            props.session.clone(),
            props.deal_id,
            fmt.lang,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let wanted = number.trim().to_owned();
            let (Some(store), false) = (store.clone(), wanted.is_empty()) else {
                return;
            };
            by_number.set(Found::Searching);
            let (by_number, session) = (by_number.clone(), session.clone());
            spawn_local(async move {
                by_number.set(match orders_by_number(&store, &wanted).await {
                    Ok(orders) if orders.is_empty() => Found::Nothing(wanted),
                    Ok(orders) => {
                        let orders = orders.into_iter().map(|o| (o, None)).collect();
                        offered(&session, deal_id, orders).await
                    }
                    Err(e) => Found::Failed(describe(&e, System::Store, lang)),
                });
            });
        })
    };
    let on_link = {
        let (session, deal_id, on_linked) = (
            props.session.clone(),
            props.deal_id,
            props.on_linked.clone(),
        );
        let (link_error, linking, lang) = (link_error.clone(), linking.clone(), fmt.lang);
        Callback::from(move |order: Order| {
            linking.set(Some(order.id));
            link_error.set(None);
            let (session, on_linked, link_error, linking) = (
                session.clone(),
                on_linked.clone(),
                link_error.clone(),
                linking.clone(),
            );
            spawn_local(async move {
                let rules = &session.settings.link_rules;
                match write_link(&session.portal, rules, deal_id, &order).await {
                    Ok(()) => on_linked.emit(()),
                    Err(LinkFailure::NoWritableRule) => {
                        link_error.set(Some(lang.deal().link_cannot_write.to_owned()))
                    }
                    Err(LinkFailure::Portal(e)) => {
                        link_error.set(Some(describe(&e, System::Portal, lang)))
                    }
                }
                linking.set(None);
            });
        })
    };
    let list = |found: &Found, testid: &'static str| -> Html {
        match found {
            Found::Idle => Html::default(),
            Found::Searching => html! {
                <div class="sl-progress" role="status"><span class="sl-spinner" aria-hidden="true"></span>{ t.link_searching }</div>
            },
            Found::Nothing(n) => {
                html! { <p class="sl-muted" data-testid="link-not-found">{ fill(t.link_not_found, &[n]) }</p> }
            }
            Found::Failed(text) => {
                html! { <p class="sl-field-error" role="alert">{ text.clone() }</p> }
            }
            Found::Orders(entries, unknown) => html! {
                <>
                <ul class="sl-link-list">
                    { for entries.iter().map(|entry| {
                        let order = &entry.order;
                        let onclick = { let on_link = on_link.clone(); let order = order.clone(); Callback::from(move |_| on_link.emit(order.clone())) };
                        let why = entry.on.map(|m| match m {
                            MatchedOn::PhoneAndEmail => t.link_by_both,
                            MatchedOn::Phone => t.link_by_phone,
                            MatchedOn::Email => t.link_by_email,
                        });
                        html! {
                            <li data-testid={testid} data-order-id={order.id.to_string()} data-number={order.account_number.clone()}>
                                <span class="sl-strong">{ fill(t.order_number, &[&order.account_number]) }</span>
                                <span class="sl-muted">{ format!(" · {} · {}", fmt.date(&order.date_insert), fmt.money(order.price, &order.currency)) }</span>
                                if let Some(why) = why { <span class="sl-badge">{ why }</span> }
                                if let Some(other) = &entry.elsewhere {
                                    <span class="sl-badge sl-badge-warning" data-testid="link-elsewhere" data-deal-id={other.id.to_string()}>
                                        { fill(t.link_elsewhere, &[&other.title, &other.id.to_string()]) }
                                    </span>
                                }
                                <button type="button" class="sl-btn sl-btn-light" data-testid="link-button"
                                    disabled={linking.is_some()} {onclick}>{ t.link_button }</button>
                            </li>
                        }
                    }) }
                </ul>
                if let Some(text) = unknown {
                    <p class="sl-muted" role="status" data-testid="link-elsewhere-unknown">{ text.clone() }</p>
                }
                </>
            },
        }
    };
    let oninput = {
        let number = number.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                number.set(input.value());
            }
        })
    };
    html! {
        <section class="sl-card sl-link-panel" data-testid="link-panel">
            <h3>{ t.link_title }</h3>
            <p class="sl-muted">{ t.link_none_found }</p>
            if let Some(text) = &*link_error {
                <p class="sl-field-error" role="alert" data-testid="link-error">{ text.clone() }</p>
            }
            if props.contact.is_some() {
                <h4>{ t.link_candidates }</h4>
                { list(&candidates, "link-candidate") }
                if matches!(&*candidates, Found::Orders(o, _) if o.is_empty()) {
                    <p class="sl-muted" data-testid="link-no-candidates">{ "—" }</p>
                }
            }
            <form class="sl-link-search" onsubmit={on_find}>
                <label for="sl-link-number">{ t.link_by_number }</label>
                <div class="sl-actions">
                    <input id="sl-link-number" class="sl-input sl-input-short" type="search" inputmode="numeric"
                        aria-label={t.link_number_label} placeholder={t.link_number_label}
                        data-testid="link-number" value={(*number).clone()} {oninput} />
                    <button type="submit" class="sl-btn" data-testid="link-find">{ t.link_find }</button>
                </div>
            </form>
            { list(&by_number, "link-result") }
        </section>
    }
}
