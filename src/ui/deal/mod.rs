//! The deal tab: the order behind the deal, every product with its stock per warehouse, the
//! differences between deal and order, linking, and the stock lookup — kept live.

mod controller;
mod differences;
mod format;
mod link;
mod notices;
mod order;
mod preference;
mod rows;
mod skeleton;
mod state;
mod summary;

use std::rc::Rc;

use yew::prelude::*;

use controller::{LoadKind, use_deal_controller};
use differences::Differences;
use format::Fmt;
use link::LinkPanel;
use notices::{LoadFailed, StoreNotice, TabStatus};
use order::OrderPanel;
use rows::RowsTable;
use skeleton::DealSkeleton;
use state::{Loaded, TabState, state_name};
use summary::DealSummary;

use crate::fetch::store_side::StoreData;
use crate::model::view::StoreState;
use crate::model::view::changes::ViewChanges;
use crate::session::Session;
use crate::ui::context::use_session;
use crate::ui::lookup::StockLookup;

#[derive(Properties, PartialEq)]
pub struct DealTabProps {
    pub deal_id: u64,
}

#[function_component]
pub fn DealTab(props: &DealTabProps) -> Html {
    let Some(session) = use_session() else {
        return Html::default();
    };
    html! { <DealTabBody session={session} deal_id={props.deal_id} /> }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    session: Rc<Session>,
    deal_id: u64,
}

#[function_component]
fn DealTabBody(props: &BodyProps) -> Html {
    let state = use_reducer(TabState::default);
    let reload = use_deal_controller(props.session.clone(), props.deal_id, state.clone());
    let fmt = Fmt::new(props.session.lang);
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.emit(LoadKind::Open))
    };
    let body = match (&state.loaded, &state.error) {
        (Some(loaded), _) => loaded_html(&props.session, loaded, &state.marks, fmt, &reload),
        (None, Some(error)) => {
            html! { <LoadFailed error={error.clone()} lang={fmt.lang} on_retry={retry.clone()} /> }
        }
        (None, None) => html! { <DealSkeleton /> },
    };
    html! {
        <div class="sl-page sl-deal" data-testid="deal-tab" data-state={state_name(&state)}
            data-deal-id={props.deal_id.to_string()} aria-busy={state.busy.to_string()}>
            <TabStatus busy={state.busy} has_data={state.loaded.is_some()}
                error={state.error.clone().filter(|_| state.loaded.is_some())} lang={fmt.lang} on_retry={retry} />
            { body }
        </div>
    }
}

fn loaded_html(
    session: &Rc<Session>,
    loaded: &Loaded,
    marks: &Rc<ViewChanges>,
    fmt: Fmt,
    reload: &Callback<LoadKind>,
) -> Html {
    let view = &loaded.view;
    let data = &loaded.data;
    let on_choose = {
        let reload = reload.clone();
        Callback::from(move |id| reload.emit(LoadKind::Prefer(id)))
    };
    let on_linked = {
        let reload = reload.clone();
        Callback::from(move |_| reload.emit(LoadKind::Open))
    };
    let store_panel = match (view.store, &view.order) {
        (StoreState::Linked, Some(order)) => html! {
            <OrderPanel order={order.clone()} choices={view.choices.clone()} fmt={fmt}
                field_label={None::<String>} on_choose={on_choose} marks={marks.order.clone()} />
        },
        (StoreState::NotLinked, _) | (StoreState::Linked, None) => html! {
            <LinkPanel session={session.clone()} deal_id={view.deal.id} contact={data.contact.clone()}
                fmt={fmt} on_linked={on_linked} />
        },
        (StoreState::NotConfigured, _) => {
            html! { <StoreNotice session={session.clone()} error={None::<bitrix_rest::Error>} /> }
        }
        (StoreState::Unavailable, _) => {
            html! { <StoreNotice session={session.clone()} error={data.store.error().cloned()} /> }
        }
    };
    let stages: Vec<(String, String)> = data
        .stages
        .iter()
        .map(|s| (s.status_id.clone(), s.name.clone()))
        .collect();
    let statuses: Vec<(String, String)> = match &data.store {
        StoreData::Answered(a) => a
            .statuses
            .iter()
            .filter_map(|s| {
                crate::model::mapping::prefill::status_name(&s.id, &a.status_names, fmt.lang.code())
                    .map(|n| (s.id.clone(), n.to_owned()))
            })
            .collect(),
        _ => Vec::new(),
    };
    let property = session
        .settings
        .product_property
        .as_ref()
        .map(|p| p.store.clone());
    let warehouses = match &data.store {
        StoreData::Answered(a) if !a.warehouses.is_empty() => Some(Rc::new(a.warehouses.clone())),
        _ => None,
    };
    html! {
        <>
            <div class="sl-deal-top">
                { store_panel }
                <DealSummary deal={view.deal.clone()} fmt={fmt} marks={marks.deal.clone()} />
            </div>
            if view.store == StoreState::Linked {
                <Differences differences={view.differences.clone()} fmt={fmt} stages={stages}
                    statuses={statuses} currency={view.deal.currency.clone()} marked={marks.differences} />
            }
            <RowsTable rows={view.rows.clone()} warehouses={view.warehouses.clone()}
                currency={view.deal.currency.clone()} fmt={fmt}
                has_stock={matches!(view.store, StoreState::Linked | StoreState::NotLinked)}
                stock_note={(view.store == StoreState::Unavailable).then_some(AttrValue::from(fmt.lang.deal().no_stock_data))}
                property={property} marks={marks.clone()} />
            if view.store != StoreState::NotConfigured {
                <StockLookup compact={true} warehouses={warehouses} />
            }
        </>
    }
}
