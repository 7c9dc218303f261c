//! The deal tab: the order behind the deal, every product with its stock per warehouse, the
//! differences between deal and order, linking, and the stock lookup — kept live.

mod browser_storage;
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
mod store_guess;
mod summary;

use std::rc::Rc;

use yew::prelude::*;

use controller::{LoadKind, use_deal_controller};
use differences::{Differences, differences};
use format::Fmt;
use link::LinkPanel;
use notices::{TabStatus, load_failed, store_notice, tab_status, use_slow};
use order::order_panel;
use rows::{RowsTable, rows_table};
use skeleton::deal_skeleton;
use state::{Loaded, TabState, state_name};
use summary::deal_summary;

use crate::fetch::store_side::StoreData;
use crate::model::view::StoreState;
use crate::model::view::changes::ViewChanges;
use crate::page::lookup::{LookupOptions, mount};
use crate::session::Session;

/// The deal tab for `deal_id`.
pub fn deal_tab(session: &Rc<Session>, deal_id: u64) -> Html {
    html! { <DealTab session={session.clone()} {deal_id} /> }
}

#[derive(Properties, PartialEq)]
struct DealTabProps {
    session: Rc<Session>,
    deal_id: u64,
}

#[function_component]
fn DealTab(props: &DealTabProps) -> Html {
    let state = use_reducer(TabState::default);
    let reload = use_deal_controller(props.session.clone(), props.deal_id, state.clone());
    let slow = use_slow(state.busy);
    let fmt = Fmt::new(props.session.lang);
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.emit(LoadKind::Open))
    };
    let body = match (&state.loaded, &state.error) {
        (Some(loaded), _) => loaded_html(&props.session, loaded, &state.marks, fmt, &reload),
        (None, Some(error)) => load_failed(error, fmt.lang, retry.clone()),
        (None, None) => deal_skeleton(),
    };
    html! {
        <div class="sl-page sl-deal" data-testid="deal-tab" data-state={state_name(&state)}
            data-deal-id={props.deal_id.to_string()} aria-busy={state.busy.to_string()}>
            { tab_status(TabStatus {
                busy: state.busy,
                slow,
                has_data: state.loaded.is_some(),
                error: state.error.clone().filter(|_| state.loaded.is_some()),
                lang: fmt.lang,
                on_retry: retry,
            }) }
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
        (StoreState::Linked, Some(order)) => {
            order_panel(order, &view.choices, fmt, &on_choose, &marks.order)
        }
        (StoreState::NotLinked, _) | (StoreState::Linked, None) => html! {
            <LinkPanel session={session.clone()} deal_id={view.deal.id} contact={data.contact.clone()}
                fmt={fmt} on_linked={on_linked} />
        },
        (StoreState::NotConfigured, _) => store_notice(session, None),
        (StoreState::Unavailable, _) => store_notice(session, data.store.error()),
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
        .map(|p| p.store.as_str());
    let warehouses = match &data.store {
        StoreData::Answered(a) if !a.warehouses.is_empty() => Some(Rc::new(a.warehouses.clone())),
        _ => None,
    };
    let rows = RowsTable {
        rows: &view.rows,
        warehouses: &view.warehouses,
        currency: &view.deal.currency,
        fmt,
        has_stock: matches!(view.store, StoreState::Linked | StoreState::NotLinked),
        stock_note: (view.store == StoreState::Unavailable)
            .then_some(fmt.lang.deal().no_stock_data),
        property,
        marks,
    };
    html! {
        <>
            <div class="sl-deal-top">
                { store_panel }
                { deal_summary(&view.deal, fmt, &marks.deal) }
            </div>
            if view.store == StoreState::Linked {
                { differences(Differences {
                    differences: &view.differences,
                    fmt,
                    stages: &stages,
                    statuses: &statuses,
                    currency: &view.deal.currency,
                    marked: marks.differences,
                }) }
            }
            { rows_table(&rows) }
            if view.store != StoreState::NotConfigured {
                <StockLookup session={session.clone()} {warehouses} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StockLookupProps {
    session: Rc<Session>,
    warehouses: Option<Rc<Vec<bitrix_rest::models::catalog::Warehouse>>>,
}

/// The lookup (no Yew component of its own) mounted into a `div` while this tab shows it.
#[function_component]
fn StockLookup(props: &StockLookupProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let deps = (props.session.clone(), props.warehouses.clone());
        use_effect_with(deps, move |(session, warehouses)| {
            let handle = node.cast::<web_sys::Element>().map(|element| {
                let options = LookupOptions {
                    compact: true,
                    warehouses: warehouses.clone(),
                    ..LookupOptions::default()
                };
                mount(element, session.clone(), options)
            });
            move || drop(handle)
        });
    }
    html! { <div class="sl-region" ref={node}></div> }
}
