//! The deal tab's markup: what each state shows and the hooks end-to-end tests and the CSS use.

use std::rc::Rc;

use bitrix_rest::{Decimal, Error, ErrorKind};
use serde_json::json;

use super::order::order_panel;
use super::rows::{RowsTable, rows_table};
use super::state::{HeldUp, Loaded, TabAction, TabState, Unchecked};
use super::summary::deal_summary;
use super::{TabContext, status_content, status_line, status_text, tab_body};
use crate::fetch::deal::DealData;
use crate::fetch::store_side::{StoreData, StoreResult};
use crate::i18n::errors::System;
use crate::i18n::{Lang, fill};
use crate::markup::Markup;
use crate::markup::format::Fmt;
use crate::model::contacts::Buyer;
use crate::model::link::{OrderReference, UnresolvedLink};
use crate::model::matching::{MatchedBy, Unmatched};
use crate::model::reconcile::{Difference, UncomparedRow};
use crate::model::settings::{LinkRule, PropertyPair};
use crate::model::stock::{ProductStock, RowStock, WarehouseStock};
use crate::model::unit::Unit;
use crate::model::view::changes::{DealField, OrderField, RowField, RowKey, ViewChanges};
use crate::model::view::{
    ContactCard, DealCard, DealView, OrderCard, OrderChoice, StoreState, ViewRow, WarehouseColumn,
};

fn d(s: &str) -> Decimal {
    s.parse().expect("test decimal")
}

fn ctx() -> TabContext<'static> {
    TabContext {
        lang: Lang::En,
        is_admin: false,
        admin: None,
        product_property: None,
        pending_warehouses: 2,
        portal: "https://example.bitrix24.ru",
    }
}

/// A loaded tab whose store failed with `error`.
fn store_failed(error: Error) -> TabState {
    loaded(
        view(StoreState::Unavailable),
        data(StoreData::Unavailable(error)),
    )
}

fn deal_card() -> DealCard {
    DealCard {
        id: 410,
        title: "Deal".into(),
        category_id: 0,
        stage_id: "NEW".into(),
        stage_name: Some("New".into()),
        lost: false,
        sum: d("1300"),
        currency: "RUB".into(),
        date_modify: String::new(),
        contact: None,
    }
}

fn order_card() -> OrderCard {
    OrderCard {
        id: 9,
        number: "165".into(),
        date: "2024-08-01T10:00:00+03:00".into(),
        date_update: String::new(),
        status_id: "P".into(),
        status_name: Some("Paid".into()),
        paid: true,
        paid_sum: d("1300"),
        canceled: false,
        shipped: false,
        partly_shipped: false,
        payments: vec!["Cash".into(), "Card".into()],
        deliveries: vec![],
        total: d("1300"),
        delivery_price: d("0"),
        currency: "RUB".into(),
        buyer: Buyer::default(),
        linked_by: (0, Some(LinkRule::OrderXmlId)),
        conflicts: vec![],
        shared_with: vec![],
        other_buyer: false,
        field_labels: vec![],
        reference: OrderReference::Id(9),
    }
}

fn choice(id: u64, number: &str, canceled: bool) -> OrderChoice {
    OrderChoice {
        id,
        number: number.into(),
        date: "2024-08-01T10:00:00+03:00".into(),
        total: d("1300"),
        currency: "RUB".into(),
        canceled,
    }
}

/// A matched row of store product 70 with `free` in warehouse 1 and what is missing.
fn row(index: usize, name: &str, qty: &str, free: &str, shortage: Option<&str>) -> ViewRow {
    let free = d(free);
    ViewRow {
        index,
        row_id: Some(100 + index as u64),
        name: name.into(),
        xml_id: Some(format!("X{index}")),
        quantity: d(qty),
        price: d("500"),
        unit: Unit {
            name: "pcs".into(),
            code: None,
        },
        store_inactive: false,
        store_in_sizes: false,
        unmatched: None,
        sharing: vec![],
        property_value: None,
        store_product_id: Some(70),
        store_name: None,
        store_article: None,
        matched_by: None,
        basket_item_id: None,
        order_quantity: None,
        order_price: None,
        stock: Some(RowStock {
            product: ProductStock {
                product_id: 70,
                warehouses: vec![WarehouseStock {
                    warehouse_id: 1,
                    amount: free,
                    reserved: d("0"),
                    free,
                    own_reserve: d("0"),
                    available: free,
                }],
                total_free: free,
                available: free,
                reserved_elsewhere: d("0"),
            },
            available: free,
            shortage: shortage.map(d),
            after_earlier_rows: false,
        }),
        stock_unit: None,
        units_apart: false,
        shipped: false,
        order_unit: Unit {
            name: "pcs".into(),
            code: None,
        },
        order_only: false,
        delivery: false,
    }
}

fn unmatched_row(index: usize, name: &str) -> ViewRow {
    ViewRow {
        store_product_id: None,
        stock: None,
        xml_id: None,
        unmatched: Some(Unmatched::NotInStore),
        sharing: vec![],
        property_value: None,
        ..row(index, name, "1", "0", None)
    }
}

fn view(store: StoreState) -> DealView {
    DealView {
        deal: deal_card(),
        store,
        order: (store == StoreState::Linked).then(order_card),
        choices: vec![],
        warehouses: vec![WarehouseColumn {
            id: 1,
            title: "Main".into(),
            active: true,
        }],
        rows: vec![row(0, "Kettle", "2", "5", None)],
        differences: vec![],
        unresolved: vec![],
        unmapped_status: None,
        unmapped_stage: None,
        uncompared: vec![],
        variants: vec![],
    }
}

fn data(store: StoreData) -> DealData {
    DealData {
        deal: serde_json::from_value(json!({"ID": "410", "TITLE": "Deal", "STAGE_ID": "NEW",
            "CATEGORY_ID": "0", "OPPORTUNITY": "1300", "CURRENCY_ID": "RUB",
            "DATE_MODIFY": "2024-08-30T14:29:00+03:00"}))
        .expect("deal JSON"),
        rows: vec![],
        contact: None,
        portal_products: vec![],
        catalogue_error: None,
        stages: vec![],
        pipelines: vec![],
        same_link: vec![],
        store,
        requests: (1, 1),
        store_batch: None,
    }
}

fn answered() -> StoreData {
    StoreData::Answered(Box::new(StoreResult {
        link: None,
        order: None,
        statuses: vec![],
        status_names: vec![],
        warehouses: vec![],
        measures: vec![],
        products: vec![],
        basket_variations: vec![],
        stock: vec![],
    }))
}

fn loaded(view: DealView, data: DealData) -> TabState {
    TabState {
        loaded: Some(Loaded {
            data: Rc::new(data),
            view: Rc::new(view),
        }),
        ..TabState::default()
    }
}

fn error() -> Error {
    Error::new(ErrorKind::Network, "crm.deal.get", "connection refused")
}

fn body(ctx: &TabContext, state: &TabState) -> String {
    let mut m = Markup::new();
    tab_body(&mut m, ctx, state, &|m: &mut Markup, _: &[_]| {
        m.open("div").attr("data-testid", "link-panel").close("div");
    });
    m.finish()
}

/// The order card as the tab writes it, in English.
fn order_html(
    card: &OrderCard,
    choices: &[OrderChoice],
    chosen: Option<u64>,
    marks: &[OrderField],
) -> String {
    let mut m = Markup::new();
    order_panel(
        &mut m,
        card,
        choices,
        chosen,
        Fmt::new(Lang::En),
        marks,
        "https://example.bitrix24.ru",
    );
    m.finish()
}

fn table(
    rows: &[ViewRow],
    has_stock: bool,
    property: Option<&PropertyPair>,
    marks: &ViewChanges,
) -> String {
    table_in(Lang::En, rows, has_stock, property, marks)
}

fn table_in(
    lang: Lang,
    rows: &[ViewRow],
    has_stock: bool,
    property: Option<&PropertyPair>,
    marks: &ViewChanges,
) -> String {
    let warehouses = [WarehouseColumn {
        id: 1,
        title: "Main".into(),
        active: true,
    }];
    render(&RowsTable {
        fmt: Fmt::new(lang),
        has_stock,
        property,
        ..plain(rows, &warehouses, marks)
    })
}

/// The products table of `rows` under `warehouses`, as an open deal in roubles shows it in
/// English with its stock.
fn plain<'a>(
    rows: &'a [ViewRow],
    warehouses: &'a [WarehouseColumn],
    marks: &'a ViewChanges,
) -> RowsTable<'a> {
    RowsTable {
        rows,
        warehouses,
        currency: "RUB",
        order_currency: None,
        fmt: Fmt::new(Lang::En),
        has_stock: true,
        lost_deal: false,
        has_order: false,
        pending_warehouses: None,
        stock_note: None,
        property: None,
        marks,
    }
}

fn render(props: &RowsTable) -> String {
    let mut m = Markup::new();
    rows_table(&mut m, props);
    m.finish()
}

#[test]
fn the_skeleton_shows_while_nothing_is_loaded() {
    let html = body(&ctx(), &TabState::default());
    assert!(html.starts_with(r#"<div class="sl-deal-body" aria-hidden="true">"#));
    // The products' four lines and the differences' one.
    assert_eq!(html.matches("sl-skel sl-skel-full").count(), 5);
    assert_eq!(html.matches("sl-skel sl-skel-s").count(), 10);
    assert!(!html.contains("load-failed"));
}

/// The classes of the elements of `html`, in document order.
fn classes(html: &str) -> Vec<&str> {
    html.split("class=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap_or(0)])
        .collect()
}

#[test]
fn the_pages_loading_layout_is_the_tabs_skeleton() {
    let page = include_str!("../../../static/index.html");
    let start = page
        .find(r#"<div class="sl-deal-body""#)
        .expect("index.html draws the deal skeleton");
    let end = start + page[start..].find("<noscript>").unwrap();
    let html = body(&ctx(), &TabState::default());
    assert_eq!(classes(&page[start..end]), classes(&html));
    // Above it, the status line's place, as the tab keeps it.
    assert!(
        page[..start]
            .contains(r#"<main class="sl-page sl-deal"><div class="sl-tab-status"></div>"#)
    );
}

#[test]
fn a_failed_load_offers_retry() {
    let state = TabState {
        error: Some(error()),
        ..TabState::default()
    };
    let html = body(&ctx(), &state);
    let t = Lang::En.deal();
    assert!(html.contains(
        r#"<div data-testid="load-failed"><div class="sl-notice sl-notice-alert" role="alert">"#
    ));
    assert!(html.contains(t.load_failed_title));
    assert!(html.contains(&format!(r#"data-on-click="retry">{}</button>"#, t.retry)));
    assert!(!html.contains("sl-deal-body"));
}

/// The state after the first load (generation 1) failed.
fn failed_first_load() -> TabState {
    let mut state = TabState::default();
    state.apply(TabAction::Start {
        generation: 1,
        chosen: None,
    });
    state.apply(TabAction::Failed {
        generation: 1,
        error: error(),
    });
    state
}

#[test]
fn a_retry_after_a_failed_first_load_shows_the_skeleton_then_the_crm_part_while_the_store_is_slow()
{
    let mut state = failed_first_load();
    assert_eq!(state.state_name(), "error");
    // The rep presses "Try again": the failure goes, the skeleton says it is loading.
    assert!(state.apply(TabAction::Start {
        generation: 2,
        chosen: None
    }));
    assert_eq!(state.state_name(), "loading");
    let html = body(&ctx(), &state);
    assert!(!html.contains("load-failed"));
    assert!(html.starts_with(r#"<div class="sl-deal-body" aria-hidden="true">"#));
    // The store keeps it slow: Bitrix24's part shows, not the old failure.
    state.apply(TabAction::Partial {
        generation: 2,
        loaded: Loaded {
            data: Rc::new(data(StoreData::Pending)),
            view: Rc::new(view(StoreState::Pending)),
        },
    });
    assert!(state.apply(TabAction::Slow {
        generation: 2,
        held: None,
    }));
    let html = body(&ctx(), &state);
    assert!(html.contains(r#"data-testid="deal-stage""#));
    assert!(html.contains(r#"data-testid="order-pending""#));
    assert!(!html.contains("load-failed"));
}

#[test]
fn a_quiet_retry_after_a_failed_first_load_keeps_the_failure_until_an_answer() {
    let mut state = failed_first_load();
    assert!(state.failed_to_open());
    assert!(state.apply(TabAction::Recover { generation: 2 }));
    assert!(!state.failed_to_open(), "one try at a time");
    assert!(
        body(&ctx(), &state).contains("load-failed"),
        "no skeleton flash"
    );
    state.apply(TabAction::Done {
        generation: 2,
        loaded: loaded(view(StoreState::Linked), data(answered()))
            .loaded
            .unwrap(),
        mark: false,
    });
    assert_eq!(state.state_name(), "ready");
    assert!(!state.failed_to_open());
}

#[test]
fn the_stores_part_read_after_it_had_failed_is_not_marked_as_changed() {
    let mut state = store_failed(Error::from_rest("batch", 500, "", ""));
    assert!(state.apply(TabAction::Start {
        generation: 2,
        chosen: None
    }));
    let mut after = view(StoreState::Linked);
    after.deal.title = "Deal, renamed".into();
    state.apply(TabAction::Done {
        generation: 2,
        loaded: loaded(after, data(answered())).loaded.unwrap(),
        mark: true,
    });
    assert_eq!(
        state.marks.deal,
        vec![DealField::Title],
        "the deal's own change"
    );
    assert!(state.marks.order.is_empty() && state.marks.rows.is_empty());
}

#[test]
fn a_failed_refresh_keeps_the_data_on_screen_and_offers_retry() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    state.error = Some(error());
    let html = body(&ctx(), &state);
    assert!(html.starts_with(
        r#"<div class="sl-notice sl-notice-warning" role="status" data-testid="refresh-failed">"#
    ));
    assert!(html.contains(r#"data-on-click="retry""#));
    assert!(!html.contains("load-failed"));
    assert!(html.contains(r#"data-testid="deal-stage""#));
}

#[test]
fn a_first_failed_check_on_fresh_data_is_said_only_when_the_next_fails_too() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    let failed = |quiet| {
        TabAction::CheckFailed(Unchecked {
            system: System::Store,
            error: Error::from_rest("batch", 500, "", ""),
            as_of: "10:05".into(),
            quiet,
        })
    };
    state.apply(failed(true));
    assert!(!body(&ctx(), &state).contains("check-failed"), "not yet");
    // A store that fails every other check never moves the card.
    state.apply(TabAction::CheckPassed);
    state.apply(failed(true));
    assert!(!body(&ctx(), &state).contains("check-failed"));
    // Failing again: said, with the time of the last answer.
    assert!(state.apply(failed(true)));
    let html = body(&ctx(), &state);
    assert!(html.contains(r#"data-testid="check-failed""#), "{html}");
    assert!(html.contains("as of 10:05"), "{html}");
}

#[test]
fn a_failed_check_promises_another_try_only_where_one_can_help() {
    let t = Lang::En.deal();
    let said = |system, error: Error| {
        let mut state = loaded(view(StoreState::Linked), data(answered()));
        state.apply(TabAction::CheckFailed(Unchecked {
            system,
            error,
            as_of: "10:05".into(),
            quiet: false,
        }));
        body(&ctx(), &state)
    };
    let down = said(System::Portal, Error::from_rest("batch", 503, "", ""));
    assert!(down.contains(t.unchecked_retries_persist), "{down}");
    assert!(
        !down.contains("Try again;"),
        "the tab tries again itself, the rep is not told to: {down}"
    );
    // A session that could not be renewed: reloading the page is what helps.
    let expired = Error::new(ErrorKind::Auth, "batch", "expired_token");
    let html = said(System::Portal, expired.clone());
    assert!(!html.contains(t.unchecked_retries), "{html}");
    // A store that refused the webhook comes back once the administrator saves a new one.
    assert!(said(System::Store, expired).contains(t.unchecked_retries));
}

#[test]
fn a_failed_check_says_since_when_the_data_may_be_old_until_a_check_answers() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    let failed = |system, error: Error, as_of: &str| {
        TabAction::CheckFailed(Unchecked {
            system,
            error,
            as_of: as_of.into(),
            quiet: false,
        })
    };
    let server = Error::from_rest("batch", 503, "", "");
    assert!(state.apply(failed(System::Portal, server.clone(), "10:05")));
    // Failing on, the time stays that of the last answer.
    assert!(!state.apply(failed(System::Portal, server.clone(), "10:06")));
    let html = body(&ctx(), &state);
    assert!(html.contains(r#"data-testid="check-failed""#), "{html}");
    assert!(
        html.contains("Changes in Bitrix24 could not be checked"),
        "{html}"
    );
    assert!(
        html.contains("Bitrix24 answered with a server error."),
        "{html}"
    );
    assert!(html.contains("What you see is as of 10:05"), "{html}");
    assert!(
        html.contains(r#"data-testid="order-number""#),
        "the data stays"
    );

    // An unreachable store: its order stays on screen, so no "shown without it".
    let offline = Error::new(ErrorKind::Network, "batch", "connection refused");
    state.apply(TabAction::CheckPassed);
    assert!(state.apply(failed(System::Store, offline, "10:07")));
    let html = body(&ctx(), &state);
    assert!(html.contains("The store does not answer at the address in the settings."));
    assert!(
        html.contains("The order and stock are as of 10:07"),
        "{html}"
    );
    assert!(!html.contains("shown without it"), "{html}");

    assert!(state.apply(TabAction::CheckPassed));
    assert!(!body(&ctx(), &state).contains("check-failed"));
    assert!(
        !state.apply(TabAction::CheckPassed),
        "nothing left to clear"
    );

    // A load that answers clears it too.
    state.apply(failed(System::Portal, server, "10:08"));
    let generation = state.generation + 1;
    state.apply(TabAction::Start {
        generation,
        chosen: None,
    });
    let again = loaded(view(StoreState::Linked), data(answered()));
    state.apply(TabAction::Done {
        generation,
        loaded: again.loaded.unwrap(),
        mark: false,
    });
    assert_eq!(state.unchecked, None);
}

#[test]
fn the_status_line_says_refreshing_then_waiting_when_slow() {
    let t = Lang::En.deal();
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    state.busy = true;
    assert_eq!(status_text(&state, Lang::En), t.refreshing);
    assert_eq!(
        status_content(t.refreshing, true),
        format!(
            r#"<span class="sl-spinner" aria-hidden="true"></span><span>{}</span>"#,
            t.refreshing
        )
    );
    state.slow = true;
    assert_eq!(status_text(&state, Lang::En), t.waiting);
    state.busy = false;
    assert_eq!(status_text(&state, Lang::En), "");
    assert_eq!(status_content("", false), "");
    // A live update's marks are said too: seen ones are highlighted, heard ones announced.
    state.marks = ViewChanges {
        differences: true,
        ..ViewChanges::default()
    };
    let said = fill(t.updated_marked, &[t.part_differences]);
    assert_eq!(status_text(&state, Lang::En), said);
    assert_eq!(status_content(&said, false), format!("<span>{said}</span>"));
    state.marks.order = vec![OrderField::Status];
    assert_eq!(
        status_text(&state, Lang::En),
        fill(
            t.updated_marked,
            &[&format!("{}, {}", t.part_order, t.part_differences)]
        )
    );
    // A first load that is not slow yet shows the skeleton alone.
    let first = TabState {
        busy: true,
        ..TabState::default()
    };
    assert_eq!(status_text(&first, Lang::En), "");
    let mut m = Markup::new();
    status_line(&mut m);
    assert_eq!(
        m.finish(),
        r#"<div class="sl-tab-status" role="status" aria-live="polite" data-testid="tab-status"></div>"#
    );
}

#[test]
fn a_slow_store_shows_the_crm_part_first_and_says_it_waits_for_the_store() {
    let t = Lang::En.deal();
    let partial = || Loaded {
        data: Rc::new(data(StoreData::Pending)),
        view: Rc::new(view(StoreState::Pending)),
    };
    let mut state = TabState::default();
    assert!(state.apply(TabAction::Start {
        generation: 1,
        chosen: None
    }));
    // Bitrix24 answered quickly: nothing changes on screen yet (the skeleton stays).
    assert!(!state.apply(TabAction::Partial {
        generation: 1,
        loaded: partial()
    }));
    assert!(body(&ctx(), &state).starts_with(r#"<div class="sl-deal-body" aria-hidden="true">"#));
    // The load turns slow: the deal and its rows show, the order and stock wait for the store.
    assert!(state.apply(TabAction::Slow {
        generation: 1,
        held: None,
    }));
    assert_eq!(status_text(&state, Lang::En), t.waiting_store);
    let html = body(&ctx(), &state);
    assert!(html.contains(r#"data-testid="deal-stage""#));
    assert!(html.contains(r#"data-testid="deal-row""#));
    assert!(html.contains(r#"data-testid="order-pending""#));
    // The stock's columns hold their place in grey: Available, the badge, two warehouses.
    let grey_head = r#"<th scope="col" class="sl-num"><span class="sl-skel sl-skel-s" aria-hidden="true"></span></th>"#;
    assert_eq!(html.matches(grey_head).count(), 2, "{html}");
    assert!(html.contains(&format!(">{}</th>", t.col_available)));
    let grey_cell = r#"<td><span class="sl-skel sl-skel-s" aria-hidden="true"></span></td>"#;
    let grey_state = r#"<td class="sl-col-state"><span class="sl-skel sl-skel-s" aria-hidden="true"></span></td>"#;
    let rows = html.matches(r#"data-testid="deal-row""#).count();
    assert_eq!(html.matches(grey_cell).count(), rows * 3);
    assert_eq!(html.matches(grey_state).count(), rows);
    assert!(!html.contains("row-available") && !html.contains("link-panel"));
    assert_eq!(state.state_name(), "loading");
    // The whole answer replaces it.
    assert!(
        state.apply(TabAction::Done {
            generation: 1,
            loaded: loaded(view(StoreState::Linked), data(answered()))
                .loaded
                .unwrap(),
            mark: false
        })
    );
    assert!(state.partial.is_none());
    assert!(!body(&ctx(), &state).contains("order-pending"));
}

#[test]
fn a_reload_keeps_the_data_on_screen_instead_of_a_partial() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    state.apply(TabAction::Start {
        generation: 1,
        chosen: None,
    });
    state.apply(TabAction::Slow {
        generation: 1,
        held: None,
    });
    assert!(!state.apply(TabAction::Partial {
        generation: 1,
        loaded: Loaded {
            data: Rc::new(data(StoreData::Pending)),
            view: Rc::new(view(StoreState::Pending)),
        }
    }));
    let html = body(&ctx(), &state);
    assert!(!html.contains("order-pending"));
    assert_eq!(status_text(&state, Lang::En), Lang::En.deal().waiting);
    // A partial of an older load is ignored.
    assert!(
        !state.apply(TabAction::Partial {
            generation: 0,
            loaded: loaded(view(StoreState::Pending), data(StoreData::Pending))
                .loaded
                .unwrap()
        })
    );
}

#[test]
fn a_free_text_row_is_called_a_line_without_a_product_not_missing_from_the_store() {
    let rows = [ViewRow {
        unmatched: Some(Unmatched::FreeText),
        sharing: vec![],
        property_value: None,
        ..unmatched_row(0, "Gift wrapping")
    }];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"data-testid="row-unmatched">No product</span>"#),
        "{html}"
    );
    assert!(!html.contains("Not in the store"));
}

#[test]
fn a_product_switched_off_in_the_store_is_not_called_in_stock() {
    let rows = [ViewRow {
        store_inactive: true,
        ..row(0, "Kettle", "1", "5", None)
    }];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"<span class="sl-badge sl-badge-warning" data-testid="row-inactive">Not for sale</span>"#),
        "{html}"
    );
    assert!(!html.contains(">In stock<"), "{html}");
}

#[test]
fn a_product_sold_in_sizes_is_said_so_not_short() {
    let rows = [ViewRow {
        store_in_sizes: true,
        ..row(0, "T-shirt", "1", "0", Some("1"))
    }];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"data-testid="row-in-sizes">Sold in variants</span>"#),
        "{html}"
    );
    assert!(!html.contains("row-shortage"), "{html}");
    assert!(!html.contains("sl-row-short"), "{html}");
    assert!(!html.contains(">In stock<"), "{html}");
    // The hint is read by screen readers, not only a tooltip.
    assert!(
        html.contains(r#"<span class="sl-sr">. The product itself has no stock"#),
        "{html}"
    );
    // Its own zeros would read as "none left": dashes instead.
    assert!(!html.contains("row-available"), "{html}");
    assert!(
        html.contains(
            r#"<td class="sl-num" data-warehouse-id="1"><span class="sl-muted">—</span></td>"#
        ),
        "{html}"
    );
}

#[test]
fn an_english_tab_names_a_crm_unit_by_its_code() {
    let rows = [ViewRow {
        unit: Unit {
            name: "шт".into(),
            code: Some(796),
        },
        ..row(0, "Kettle", "5", "2", Some("3"))
    }];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(html.contains(">5 pcs</td>"), "{html}");
    assert!(html.contains(">3 pcs short</span>"), "{html}");
    assert!(!html.contains("шт"));
}

#[test]
fn a_short_row_says_what_other_orders_hold_on_the_shelf() {
    let mut short = row(0, "Dress XS", "1", "0", Some("1"));
    let stock = short.stock.as_mut().unwrap();
    stock.product.warehouses[0].amount = d("2");
    stock.product.warehouses[0].reserved = d("2");
    let html = table(
        std::slice::from_ref(&short),
        true,
        None,
        &ViewChanges::default(),
    );
    assert!(
        html.contains(r#"<span class="sl-row-held sl-small sl-muted" data-testid="row-held" data-value="2">2 pcs more on hand, reserved for other orders</span>"#),
        "{html}"
    );
    // Nothing on the shelf: nothing said.
    let html = table(
        &[row(0, "Dress XS", "1", "0", Some("1"))],
        true,
        None,
        &ViewChanges::default(),
    );
    assert!(!html.contains("row-held"), "{html}");
}

#[test]
fn a_shortage_row_carries_row_shortage_with_the_missing_count() {
    let rows = [row(0, "Kettle", "5", "2", Some("3"))];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(html.contains(r#"<tr data-testid="deal-row" data-xml-id="X0" class="sl-row-short">"#));
    // Available and the badge come right after the quantity (what a narrow screen shows
    // without scrolling), before the price and the breakdown per warehouse.
    assert!(html.contains(
        r#"<td class="sl-num">5 pcs</td><td class="sl-num"><span class="sl-strong" data-testid="row-available" data-value="2">2</span></td><td class="sl-col-state"><span class="sl-badge sl-badge-alert" data-testid="row-shortage" data-value="3">3 pcs short</span></td><td class="sl-num">₽500.00</td><td class="sl-num" data-warehouse-id="1">2</td></tr>"#
    ), "{html}");
    // A narrow frame shows the badge under the name instead (no test hook: it is one badge).
    assert!(html.contains(
        r#"<div class="sl-row-state-narrow"><span class="sl-badge sl-badge-alert" data-value="3">3 pcs short</span></div></td>"#
    ), "{html}");
    assert_eq!(html.matches("row-shortage").count(), 1);
    assert!(html.contains(
        r#"<th scope="col" class="sl-num">Qty</th><th scope="col" class="sl-num">Available</th><th scope="col" class="sl-col-state">Availability</th><th scope="col" class="sl-num">Price</th><th scope="col" class="sl-num" data-warehouse-id="1" title="Main"><span class="sl-wh-title">Main</span></th>"#
    ), "{html}");
}

#[test]
fn available_reads_in_the_reps_style_and_its_hook_value_stays_plain() {
    let mut weighed = row(0, "Coffee", "1", "0", None);
    weighed.stock.as_mut().unwrap().available = d("4.667");
    let mut bulk = row(1, "Sugar", "1", "0", None);
    bulk.stock.as_mut().unwrap().available = d("2500000.75");
    let html = table_in(
        Lang::Ru,
        &[weighed, bulk],
        true,
        None,
        &ViewChanges::default(),
    );
    // In Russian `4.667` reads as four thousand six hundred and sixty-seven.
    assert!(
        html.contains(r#"data-testid="row-available" data-value="4.667">4,667</span>"#),
        "{html}"
    );
    assert!(
        html.contains(
            "data-testid=\"row-available\" data-value=\"2500000.75\">2\u{a0}500\u{a0}000,75</span>"
        ),
        "{html}"
    );
}

#[test]
fn the_orders_reserve_in_warehouses_not_shown_is_said_under_available() {
    let mut held = row(0, "Kettle", "3", "0", None);
    let stock = held.stock.as_mut().unwrap();
    stock.product.reserved_elsewhere = d("3");
    stock.product.available = d("3");
    stock.available = d("3");
    let html = table(&[held], true, None, &ViewChanges::default());
    assert!(html.contains(
        r#"data-testid="row-available" data-value="3">3</span><div class="sl-small sl-muted" data-testid="row-reserved-elsewhere" title="This deal's order holds 3 in warehouses the table does not show (not chosen in the settings, or inactive): they are the deal's too.">incl. 3 reserved for the order in other warehouses</div>"#
    ), "{html}");
    assert!(html.contains("In stock") && !html.contains("row-shortage"));
    let plain = table(
        &[row(0, "Kettle", "1", "2", None)],
        true,
        None,
        &ViewChanges::default(),
    );
    assert!(!plain.contains("row-reserved-elsewhere"));
}

#[test]
fn a_shipped_line_says_shipped_instead_of_in_stock() {
    let mut shipped = row(0, "Kettle", "2", "0", None);
    shipped.shipped = true;
    let html = table(&[shipped], true, None, &ViewChanges::default());
    assert!(html.contains(
        r#"<span class="sl-badge sl-badge-success" data-testid="row-shipped">Shipped</span>"#
    ));
    assert!(!html.contains("In stock") && !html.contains("row-shortage"));
}

#[test]
fn an_unmatched_row_says_unmatched_and_which_property_was_compared() {
    let t = Lang::En.deal();
    let rows = [unmatched_row(0, "Mystery")];
    let mut pair = PropertyPair {
        portal: "property45".into(),
        store: "property101".into(),
        alone: false,
    };
    let html = table(&rows, true, Some(&pair), &ViewChanges::default());
    assert!(html.contains(&format!(
        r#"data-testid="row-unmatched">{}</span>"#,
        t.unmatched
    )));
    assert!(html.contains("(XML_ID) / property101"));
    // Matched by the property alone, the hint does not speak of XML_ID.
    pair.alone = true;
    let alone = table(&rows, true, Some(&pair), &ViewChanges::default());
    assert!(alone.contains(&fill(t.unmatched_value_hint, &["property101"])));
    assert!(!alone.contains("XML_ID"));
    assert!(html.contains(r#"<tr data-testid="deal-row" data-xml-id="">"#));
    assert!(html.contains(
        r#"<td class="sl-num" data-warehouse-id="1"><span class="sl-muted">—</span></td>"#
    ));
}

/// The products table of one row.
fn one_row(row: &ViewRow) -> String {
    table(
        std::slice::from_ref(row),
        true,
        None,
        &ViewChanges::default(),
    )
}

#[test]
fn a_row_matched_by_its_article_shows_the_article_under_its_name() {
    let row = ViewRow {
        xml_id: Some("90915-10003".into()),
        property_value: Some("0 986 452 041".into()),
        matched_by: Some(MatchedBy::Property),
        ..row(0, "Oil filter", "1", "5", None)
    };
    let html = one_row(&row);
    assert!(
        html.contains(r#"<span class="sl-code" title="XML_ID 90915-10003">0 986 452 041</span>"#),
        "{html}"
    );
    // The test hook keeps the XML_ID.
    assert!(html.contains(r#"data-xml-id="90915-10003""#));
    // Matched by XML_ID, the XML_ID shows.
    let by_xml = ViewRow {
        matched_by: Some(MatchedBy::XmlId),
        ..row
    };
    let html = one_row(&by_xml);
    assert!(html.contains(r#"<span class="sl-code">90915-10003</span>"#));
}

#[test]
fn a_row_matched_by_a_1c_guid_shows_its_article_or_the_guids_start_not_the_whole_guid() {
    let guid = "8f1c2a34-5b6d-4e7f-8a9b-0242ac120002#c1a0e1f2-3b4c-4d5e-8f6a-000000000014";
    let row = ViewRow {
        xml_id: Some(guid.into()),
        property_value: Some("NK-AM90-BK-43".into()),
        matched_by: Some(MatchedBy::XmlId),
        ..row(0, "Кроссовки Nike Air Max 90, черный, 43", "1", "5", None)
    };
    let html = one_row(&row);
    assert!(
        html.contains(&format!(
            r#"<span class="sl-code" title="XML_ID {guid}">NK-AM90-BK-43</span>"#
        )),
        "{html}"
    );
    assert!(html.contains(&format!(r#"data-xml-id="{guid}""#)));
    // The store's article when the CRM product has none.
    let store_only = ViewRow {
        property_value: None,
        store_article: Some("NK-AM90-BK-43-S".into()),
        ..row.clone()
    };
    assert!(one_row(&store_only).contains(">NK-AM90-BK-43-S</span>"));
    // Without an article: the variation's own GUID's first characters.
    let bare = ViewRow {
        property_value: None,
        ..row
    };
    let html = one_row(&bare);
    assert!(
        html.contains(&format!(
            r#"<span class="sl-code" title="XML_ID {guid}">c1a0e1f2…</span>"#
        )),
        "{html}"
    );
}

#[test]
fn a_row_several_store_products_share_names_them_and_shows_no_stock() {
    let t = Lang::En.deal();
    let row = ViewRow {
        unmatched: Some(Unmatched::Ambiguous),
        sharing: vec!["Febi link".into(), "Gates <belt>".into()],
        ..unmatched_row(0, "Gates belt")
    };
    let html = one_row(&row);
    let names = r#""Febi link", "Gates &lt;belt&gt;""#;
    assert!(
        html.contains(&format!(
            r#"title="{}" data-testid="row-unmatched">{}</span>"#,
            fill(t.ambiguous_hint, &[names]).replace('"', "&quot;"),
            t.ambiguous
        )),
        "{html}"
    );
    assert!(!html.contains("row-available"), "{html}");
    // In a deal with its order, linking is no advice.
    let warehouses = [WarehouseColumn {
        id: 1,
        title: "Main".into(),
        active: true,
    }];
    let rows = [row];
    let linked = render(&RowsTable {
        has_order: true,
        ..plain(&rows, &warehouses, &ViewChanges::default())
    });
    assert!(linked.contains("the order holds none of them"), "{linked}");
}

#[test]
fn without_stock_the_table_has_no_stock_columns() {
    let rows = [row(0, "Kettle", "2", "5", None)];
    let html = table(&rows, false, None, &ViewChanges::default());
    assert!(!html.contains("data-warehouse-id"));
    assert!(!html.contains("row-available"));
    assert_eq!(html.matches("<th ").count(), 3);
    let with = table(&rows, true, None, &ViewChanges::default());
    assert_eq!(with.matches("<th ").count(), 6);
}

#[test]
fn a_deal_without_products_says_so() {
    let html = table(&[], true, None, &ViewChanges::default());
    let t = Lang::En.deal();
    assert!(html.contains(&format!(
        r#"<p class="sl-muted" data-testid="no-rows">{}</p>"#,
        t.no_rows
    )));
    assert!(!html.contains("<table"));
}

#[test]
fn live_update_marks_what_changed_in_a_row() {
    let rows = [row(0, "Kettle", "5", "2", Some("3"))];
    let marks = ViewChanges {
        rows: vec![(
            RowKey::Id(100),
            vec![RowField::Added, RowField::Quantity, RowField::Shortage],
        )],
        ..ViewChanges::default()
    };
    let html = table(&rows, true, None, &marks);
    assert!(html.contains(r#"class="sl-changed sl-row-short""#));
    assert!(html.contains(r#"<td class="sl-num sl-changed">5 pcs</td>"#));
    assert!(html.contains(r#"class="sl-badge sl-badge-alert sl-changed""#));
    assert!(
        html.contains(r#"<td class="sl-num">"#),
        "price is not marked"
    );
}

#[test]
fn differences_carry_their_kind_and_count() {
    let mut v = view(StoreState::Linked);
    v.differences = vec![
        Difference::Status {
            stage_id: "NEW".into(),
            status_id: "P".into(),
            expected_stage_id: "PREPARATION".into(),
        },
        Difference::MissingInDeal {
            basket_item_id: 502,
            name: "Cup".into(),
            xml_id: None,
            quantity: d("2"),
            unit: Unit::default(),
            price: d("100"),
        },
    ];
    let mut state = loaded(v, data(answered()));
    state.marks.differences = true;
    let html = body(&ctx(), &state);
    assert!(html.contains(&format!(
        r#"<section class="sl-card sl-differences sl-changed" aria-label="{}" data-testid="differences" data-count="2">"#,
        Lang::En.deal().differences_title
    )));
    assert!(html.contains(r#"<li data-testid="difference" data-kind="status">"#));
    assert!(html.contains(r#"<li data-testid="difference" data-kind="missing-in-deal">"#));
    assert!(html.contains("\"Cup\""));
}

#[test]
fn an_unmapped_order_status_is_said_under_the_differences() {
    let v = DealView {
        unmapped_status: Some("DN".into()),
        unmapped_stage: None,
        ..view(StoreState::Linked)
    };
    let html = body(&ctx(), &loaded(v, data(answered())));
    let note = crate::i18n::fill(Lang::En.deal().status_not_compared, &["DN"]);
    assert!(html.contains(&format!(
        r#"<p class="sl-muted sl-small" data-testid="status-not-compared">{}</p></section>"#,
        note
    )));
    // Not "they agree" above "the stage was not compared".
    let t = Lang::En.deal();
    assert!(html.contains(&format!(
        r#"data-testid="no-differences">{}</p>"#,
        t.no_differences_compared
    )));
    assert!(!html.contains(t.no_differences));
    let mapped = body(&ctx(), &loaded(view(StoreState::Linked), data(answered())));
    assert!(!mapped.contains("status-not-compared"));
    assert!(mapped.contains(t.no_differences));
}

#[test]
fn a_deal_ahead_on_an_unmapped_stage_says_only_lagging_was_checked() {
    let v = DealView {
        unmapped_stage: Some("UC_DELIVERY".into()),
        ..view(StoreState::Linked)
    };
    let html = body(&ctx(), &loaded(v, data(answered())));
    let t = Lang::En.deal();
    let note = crate::i18n::fill(t.stage_not_compared, &["UC_DELIVERY"]);
    assert!(
        html.contains(&format!(
            r#"<p class="sl-muted sl-small" data-testid="stage-not-compared">{}</p></section>"#,
            note
        )),
        "{html}"
    );
    // Not a plain "they agree".
    assert!(html.contains(&format!(
        r#"data-testid="no-differences">{}</p>"#,
        t.no_differences_compared
    )));
}

#[test]
fn products_never_looked_for_are_said_not_compared_under_the_differences() {
    let gasket = |row: usize, name: &str, code_unread: bool| UncomparedRow {
        row,
        name: name.into(),
        quantity: Decimal::from(10u32),
        unit: Unit::default(),
        code_unread,
    };
    let mut seven: Vec<UncomparedRow> = (0..7)
        .map(|i| gasket(i, &format!("Gasket {i}"), false))
        .collect();
    seven.push(gasket(7, "Filter", true));
    let v = DealView {
        uncompared: seven,
        ..view(StoreState::Linked)
    };
    let html = body(&ctx(), &loaded(v, data(answered())));
    let t = Lang::En.deal();
    // Five named, the rest counted; those whose code was not read said apart.
    let named: Vec<String> = (0..5).map(|i| format!("\"Gasket {i}\" (10)")).collect();
    let no_code = fill(
        t.rows_not_compared_no_code,
        &[&format!("{}, +2", named.join(", "))],
    );
    assert!(html.contains(&no_code), "{html}");
    let unread = fill(t.rows_not_compared_unread, &["\"Filter\" (10)"]);
    assert!(html.contains(&unread), "{html}");
    assert_eq!(
        html.matches(r#"data-testid="rows-not-compared""#).count(),
        2
    );
    // Not a plain "they agree".
    assert!(html.contains(&format!(
        r#"data-testid="no-differences">{}</p>"#,
        t.no_differences_compared
    )));
}

#[test]
fn a_deal_sum_without_the_orders_delivery_agrees_and_says_so() {
    let mut v = view(StoreState::Linked);
    let order = v.order.as_mut().unwrap();
    (order.total, order.delivery_price) = (d("1650"), d("350"));
    let html = body(&ctx(), &loaded(v.clone(), data(answered())));
    assert!(html.contains(r#"data-testid="no-differences""#), "{html}");
    assert!(
        html.contains(r#"data-testid="delivery-left-out">The deal's sum leaves out the order's delivery (₽350.00).</p>"#),
        "{html}"
    );
    // A deal whose sum includes the delivery has nothing to explain.
    v.deal.sum = d("1650");
    let whole = body(&ctx(), &loaded(v, data(answered())));
    assert!(!whole.contains("delivery-left-out"), "{whole}");
}

#[test]
fn no_differences_is_said_only_for_a_linked_order() {
    let linked = body(&ctx(), &loaded(view(StoreState::Linked), data(answered())));
    assert!(linked.contains(r#"data-testid="no-differences""#));
    let not_linked = body(
        &ctx(),
        &loaded(view(StoreState::NotLinked), data(answered())),
    );
    assert!(!not_linked.contains("differences"));
}

#[test]
fn an_unread_portal_catalogue_is_no_agreement_between_deal_and_order() {
    let unread = DealData {
        catalogue_error: Some(Error::from_rest(
            "catalog.product.list",
            403,
            "ACCESS_DENIED",
            "",
        )),
        ..data(answered())
    };
    let html = body(&ctx(), &loaded(view(StoreState::Linked), unread));
    assert!(!html.contains("no-differences"), "{html}");
    assert!(!html.contains("agree"), "{html}");
    assert!(
        html.contains(r#"data-testid="products-not-compared">The products of the deal and the order were not compared"#),
        "{html}"
    );
}

#[test]
fn orders_sharing_a_number_are_told_apart_by_id_in_the_chooser() {
    let mut twin = choice(9, "165", false);
    twin.number = "164".into();
    let html = order_html(&order_card(), &[choice(8, "164", true), twin], None, &[]);
    assert!(
        html.contains(r#"<option value="8">#164 (ID 8) · "#),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="9" selected>#164 (ID 9) · "#),
        "{html}"
    );
    let plain = order_html(
        &order_card(),
        &[choice(8, "164", true), choice(9, "165", false)],
        None,
        &[],
    );
    assert!(
        !plain.contains("#164 (ID") && !plain.contains("#165 (ID"),
        "{plain}"
    );
    // Numbers spelt with look-alike letters of two alphabets read as one: told apart too.
    let mut latin = choice(8, "165", true);
    latin.number = "AP-10530".into();
    let mut cyrillic = choice(9, "165", false);
    cyrillic.number = "АР-10530".into();
    let alike = order_html(&order_card(), &[latin, cyrillic], None, &[]);
    assert!(alike.contains("#AP-10530 (ID 8) · "), "{alike}");
    assert!(alike.contains("#АР-10530 (ID 9) · "), "{alike}");
}

#[test]
fn an_order_whose_number_is_not_its_id_shows_its_id_beside_the_number() {
    // Order 9 numbered 165: a deal field of IDs holds 9, and the heading says so.
    let html = order_html(&order_card(), &[], None, &[]);
    assert!(
        html.contains(
            r#"data-testid="order-number" data-value="165">Order #165</span><span class="sl-muted sl-order-id" data-testid="order-id"> (ID 9)</span>"#
        ),
        "{html}"
    );
    // Numbered by its ID, it says the figure once.
    let card = OrderCard {
        number: "9".into(),
        ..order_card()
    };
    let html = order_html(&card, &[], None, &[]);
    assert!(html.contains(">Order #9</span>"), "{html}");
    assert!(!html.contains("order-id"), "{html}");
}

#[test]
fn the_order_chooser_marks_the_current_order_selected() {
    let choices = [choice(8, "164", true), choice(9, "165", false)];
    let html = order_html(&order_card(), &choices, None, &[]);
    assert!(html.contains(
        r#"<select class="sl-select" id="sl-order-choice" data-testid="order-choice" data-on-change="choose-order">"#
    ));
    assert!(html.contains(r#"<option value="9" selected>#165 · "#));
    assert!(html.contains(r#"<option value="8">#164 · "#));
    assert!(html.contains(" · Canceled</option><option value=\"9\""));
    assert!(html.contains(r#"<label for="sl-order-choice">"#));
}

#[test]
fn the_order_the_rep_just_picked_stays_chosen_while_it_loads() {
    let choices = [choice(8, "164", false), choice(9, "165", false)];
    let html = order_html(&order_card(), &choices, Some(8), &[]);
    assert!(html.contains(r#"<option value="8" selected>"#));
    assert!(html.contains(r#"<option value="9">"#));
}

#[test]
fn a_partly_paid_order_says_how_much_and_a_canceled_one_what_was_paid() {
    let badges = |card: &OrderCard| {
        let html = order_html(card, &[], None, &[]);
        let start = html.find(r#"<span class="sl-badges">"#).unwrap();
        let end = start + html[start..].find("</span></div>").unwrap();
        html[start..end].to_owned()
    };
    let part = OrderCard {
        paid: false,
        paid_sum: d("500"),
        ..order_card()
    };
    assert_eq!(
        badges(&part),
        r#"<span class="sl-badges"><span class="sl-badge sl-badge-warning" data-testid="order-part-paid">Paid ₽500.00 of ₽1,300.00</span>"#
    );
    let unpaid = OrderCard {
        paid: false,
        paid_sum: d("0"),
        ..order_card()
    };
    assert!(badges(&unpaid).contains(">Not paid</span>"));
    let refund = OrderCard {
        canceled: true,
        paid: false,
        paid_sum: d("1300"),
        ..order_card()
    };
    assert!(badges(&refund).contains(
        r#"data-testid="order-canceled">Canceled</span><span class="sl-badge sl-badge-warning" data-testid="order-paid-sum">Paid ₽1,300.00: to refund</span>"#
    ));
}

#[test]
fn another_rule_naming_another_order_is_shown_under_the_order() {
    let card = OrderCard {
        conflicts: vec![(
            Some(LinkRule::OriginId {
                originator_id: None,
            }),
            "A-18".into(),
        )],
        ..order_card()
    };
    let html = order_html(&card, &[], None, &[]);
    assert!(html.contains(&format!(
        r#"<p class="sl-notice sl-notice-warning" data-testid="order-link-conflict">Another rule links order #A-18 to this deal as well: {}.</p>"#,
        Lang::En.deal().linked_by_origin_any
    )), "{html}");
}

#[test]
fn another_deal_holding_the_same_link_is_named_under_the_order() {
    let card = OrderCard {
        shared_with: vec![crate::model::linked_elsewhere::OtherDeal {
            id: 8,
            title: "Кофе <опт>".into(),
        }],
        ..order_card()
    };
    let html = order_html(&card, &[], None, &[]);
    assert!(html.contains(
        r#"<p class="sl-notice sl-notice-warning" data-testid="order-shared-link" data-deal-id="8">The deal "Кофе &lt;опт&gt;" (#8) is linked to this order too."#
    ), "{html}");
    assert!(
        html.contains(
            r#"<a href="https://example.bitrix24.ru/crm/deal/details/8/" target="_blank" rel="noopener" data-testid="order-shared-open">Open the deal</a></p>"#
        ),
        "{html}"
    );
    assert!(!order_html(&order_card(), &[], None, &[]).contains("order-shared-link"));
}

#[test]
fn thirty_deals_on_one_order_name_three_and_count_the_rest() {
    let deals = |n: u64| -> Vec<crate::model::linked_elsewhere::OtherDeal> {
        (1..=n)
            .map(|id| crate::model::linked_elsewhere::OtherDeal {
                id,
                title: format!("Shared {id}"),
            })
            .collect()
    };
    let card = OrderCard {
        shared_with: deals(29),
        ..order_card()
    };
    let html = order_html(&card, &[], None, &[]);
    assert_eq!(
        html.matches(r#"data-testid="order-shared-link""#).count(),
        3
    );
    assert!(html.contains(r#"data-deal-id="3""#) && !html.contains(r#"data-deal-id="4""#));
    assert!(
        html.contains(r#"<p class="sl-notice sl-notice-warning" data-testid="order-shared-more" data-value="26">Other deals linked to this order as well: 26.</p>"#),
        "{html}"
    );
    // A full page of answers may not be all of them.
    let full = OrderCard {
        shared_with: deals(50),
        ..order_card()
    };
    assert!(order_html(&full, &[], None, &[]).contains("as well: 47+."));
    let three = OrderCard {
        shared_with: deals(3),
        ..order_card()
    };
    assert!(!order_html(&three, &[], None, &[]).contains("order-shared-more"));
}

#[test]
fn a_single_order_has_no_chooser_and_says_how_it_is_linked() {
    let marks = [OrderField::Status, OrderField::Paid];
    let html = order_html(&order_card(), &[], None, &marks);
    let t = Lang::En.deal();
    assert!(!html.contains("<select"));
    assert!(html.contains(r#"<span data-testid="order-number" data-value="165">"#));
    assert!(html.contains(r#"<span class="sl-badges sl-changed"><span class="sl-badge sl-badge-success" data-testid="order-paid">"#));
    assert!(html.contains(r#"<dd class="sl-changed"><span class="sl-status" data-testid="order-status" data-status-id="P">Paid</span></dd>"#));
    assert!(html.contains(&format!(
        "<dd>Cash, Card</dd><dt>{}</dt><dd>{}</dd>",
        t.order_delivery, t.order_none
    )));
    assert!(html.contains(&format!(
        r#"<dd data-testid="order-buyer">{}</dd>"#,
        t.order_none
    )));
    assert!(html.contains(&format!(
        r#"<p class="sl-muted sl-small" data-testid="order-linked-by">{}</p>"#,
        t.linked_by_xml_id
    )));
}

#[test]
fn a_deal_without_linked_order_gets_the_link_panel_in_place_of_the_order() {
    let html = body(
        &ctx(),
        &loaded(view(StoreState::NotLinked), data(answered())),
    );
    assert!(html.contains(
        r#"<div class="sl-deal-top"><div data-testid="link-panel"></div><section class="sl-card sl-deal-card""#
    ));
    assert!(!html.contains("sl-order-card"));
    // NotLinked has stock: the columns stay.
    assert!(html.contains(r#"data-warehouse-id="1""#));
    // The panel is handed what the deal's link fields hold that names no order.
    let stale = vec![UnresolvedLink::OriginId { value: "5".into() }];
    let state = loaded(
        DealView {
            unresolved: stale.clone(),
            ..view(StoreState::NotLinked)
        },
        data(answered()),
    );
    let handed = std::cell::RefCell::new(Vec::new());
    tab_body(&mut Markup::new(), &ctx(), &state, &|_, unresolved| {
        *handed.borrow_mut() = unresolved.to_vec();
    });
    assert_eq!(handed.into_inner(), stale);
}

#[test]
fn store_not_configured_offers_settings_only_to_admins() {
    let state = loaded(
        view(StoreState::NotConfigured),
        data(StoreData::NotConfigured),
    );
    let rep = body(&ctx(), &state);
    assert!(
        rep.contains(
            r#"<section class="sl-card sl-order-card" data-testid="store-not-configured">"#
        )
    );
    assert!(!rep.contains("open-settings"));
    assert!(!rep.contains("data-warehouse-id"));
    let admin = TabContext {
        is_admin: true,
        ..ctx()
    };
    let html = body(&admin, &state);
    assert!(html.contains(r#"data-on-click="open-settings""#));
    assert!(html.contains(Lang::En.deal().open_settings));
}

#[test]
fn settings_without_the_store_catalogue_ask_for_it_instead_of_blaming_the_store() {
    let state = store_failed(crate::fetch::store_side::catalogue_not_chosen());
    let t = Lang::Ru.deal();
    let ru = TabContext {
        lang: Lang::Ru,
        ..ctx()
    };
    let rep = body(&ru, &state);
    assert!(
        rep.contains(r#"data-testid="store-not-configured""#),
        "{rep}"
    );
    assert!(rep.contains(t.store_catalogue_missing_rep), "{rep}");
    assert!(!rep.contains("retry") && !rep.contains("catalogue is not chosen"));
    let admin = body(
        &TabContext {
            is_admin: true,
            ..ru
        },
        &state,
    );
    assert!(admin.contains(t.store_catalogue_missing_admin));
    assert!(admin.contains(r#"data-on-click="open-settings""#));
}

#[test]
fn a_refused_store_webhook_sends_an_admin_to_the_settings_and_a_rep_to_the_admin() {
    let state = store_failed(Error::from_rest("batch", 401, "NO_AUTH_FOUND", ""));
    let t = Lang::En.deal();
    let rep = body(&ctx(), &state);
    assert!(rep.contains("Ask your administrator"), "{rep}");
    assert!(!rep.contains("open-settings"));
    let admin = body(
        &TabContext {
            is_admin: true,
            ..ctx()
        },
        &state,
    );
    assert!(admin.contains(t.store_webhook_refused_admin), "{admin}");
    assert!(admin.contains(r#"data-on-click="open-settings""#));
}

#[test]
fn a_rep_sent_to_the_administrator_is_told_their_name() {
    let named = TabContext {
        admin: Some("Anna Smirnova"),
        ..ctx()
    };
    let line = r#"data-testid="admin-named">StoreLink's administrator: Anna Smirnova.</span>"#;
    let not_configured = loaded(
        view(StoreState::NotConfigured),
        data(StoreData::NotConfigured),
    );
    let refused = store_failed(Error::from_rest("batch", 401, "NO_AUTH_FOUND", ""));
    for state in [&not_configured, &refused] {
        let html = body(&named, state);
        assert!(html.contains(line), "{html}");
        assert!(!body(&ctx(), state).contains("admin-named"));
    }
    // A store that cannot be reached is no one's to mend: no name.
    let down = store_failed(Error::new(ErrorKind::Network, "batch", "unreachable"));
    assert!(!body(&named, &down).contains("admin-named"));
}

#[test]
fn an_unavailable_store_says_why_and_notes_the_missing_stock() {
    let state = store_failed(Error::new(ErrorKind::Network, "sale.order.get", "refused"));
    let t = Lang::En.deal();
    let html = body(&ctx(), &state);
    assert!(html.contains(r#"data-testid="store-unavailable""#));
    assert!(html.contains(t.store_unavailable_title));
    assert!(
        html.contains(r#"data-on-click="retry""#),
        "it offers to try again"
    );
    assert!(
        html.contains(t.store_retries_itself),
        "and says it tries by itself too"
    );
    assert!(html.contains(&format!(r#"<p class="sl-muted">{}</p>"#, t.no_stock_data)));
    assert!(!html.contains("data-warehouse-id"));

    // Reachable, but a read refused: said as a refusal, naming the read.
    let refused = store_failed(Error::from_rest(
        "catalog.storeproduct.list",
        403,
        "ACCESS_DENIED",
        "Access denied",
    ));
    let html = body(&ctx(), &refused);
    assert!(html.contains(t.store_refused_title) && !html.contains(t.store_unavailable_title));
    assert!(
        html.contains("(catalog.storeproduct.list: ACCESS_DENIED)"),
        "{html}"
    );
}

#[test]
fn the_deal_card_shows_stage_sum_and_contact_with_marks() {
    let mut card = deal_card();
    card.contact = Some(ContactCard {
        id: 84,
        name: "Anna".into(),
        phones: vec!["+7 900".into()],
        emails: vec!["a@example.com".into()],
    });
    let mut m = Markup::new();
    deal_summary(&mut m, &card, Fmt::new(Lang::En), &[DealField::Sum]);
    let t = Lang::En.deal();
    let sum = Fmt::new(Lang::En).money(d("1300"), "RUB");
    assert_eq!(
        m.finish(),
        format!(
            "<section class=\"sl-card sl-deal-card\" aria-label=\"{title}\"><h2>{title}</h2>\
             <dl class=\"sl-facts\"><dt>{stage}</dt><dd data-testid=\"deal-stage\">New</dd>\
             <dt>{sum_label}</dt><dd class=\"sl-strong sl-changed\" data-testid=\"deal-sum\">{sum}</dd>\
             <dt>{contact}</dt><dd><div>Anna</div><div class=\"sl-muted sl-nowrap\">+7 900</div>\
             <div class=\"sl-muted\">a@example.com</div></dd></dl></section>",
            title = t.deal_title,
            stage = t.deal_stage,
            sum_label = t.deal_sum,
            contact = t.deal_contact,
        )
    );
}

#[test]
fn a_status_difference_names_the_stages_and_the_status_the_store_lists() {
    let mut v = view(StoreState::Linked);
    v.differences = vec![Difference::Status {
        stage_id: "NEW".into(),
        status_id: "P".into(),
        expected_stage_id: "PREPARATION".into(),
    }];
    let mut data = data(StoreData::Answered(Box::new(StoreResult {
        statuses: vec![
            serde_json::from_value(json!({"id": "P", "type": "O", "sort": 20})).unwrap(),
        ],
        status_names: vec![
            serde_json::from_value(json!({"statusId": "P", "lid": "en", "name": "Paid"})).unwrap(),
        ],
        ..match answered() {
            StoreData::Answered(a) => *a,
            _ => unreachable!(),
        }
    })));
    for (code, name) in [("NEW", "New"), ("PREPARATION", "Preparing")] {
        data.stages.push(
            serde_json::from_value(json!({"ENTITY_ID": "DEAL_STAGE", "STATUS_ID": code,
                "NAME": name, "SORT": "10"}))
            .unwrap(),
        );
    }
    let html = body(&ctx(), &loaded(v.clone(), data.clone()));
    let sentence = crate::i18n::fill(Lang::En.deal().diff_status, &["New", "Paid", "Preparing"]);
    assert!(html.contains(&format!(r#"data-kind="status">{sentence}</li>"#)));
    // A stage named like another of its pipeline (in any case) is told apart by its ID, in a
    // sentence naming only it too; a stage of another pipeline named alike is no twin.
    for (code, entity, name) in [
        ("UC_NEW2", "DEAL_STAGE", "new"),
        ("C1:NEW", "DEAL_STAGE_1", "New"),
    ] {
        data.stages.push(
            serde_json::from_value(json!({"ENTITY_ID": entity, "STATUS_ID": code,
                "NAME": name, "SORT": "30"}))
            .unwrap(),
        );
    }
    v.differences = vec![Difference::Canceled {
        stage_id: "NEW".into(),
    }];
    let html = body(&ctx(), &loaded(v, data));
    let sentence = crate::i18n::fill(Lang::En.deal().diff_canceled, &["New (NEW)"]);
    assert!(
        html.contains(&format!(r#"data-kind="status">{sentence}</li>"#)),
        "{html}"
    );
}

#[test]
fn rows_without_a_code_or_a_listed_product_say_why_they_were_not_looked_up() {
    let rows = [
        ViewRow {
            unmatched: Some(Unmatched::NoCode),
            ..unmatched_row(0, "Kettle")
        },
        ViewRow {
            unmatched: Some(Unmatched::NotListed),
            ..unmatched_row(1, "Mug")
        },
    ];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"title="This product has no external code (XML_ID) in Bitrix24, so it cannot be looked up in the store." data-testid="row-unmatched">No code</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="row-unmatched">Not checked</span>"#),
        "{html}"
    );
    assert!(!html.contains("Not in the store"), "{html}");
}

#[test]
fn an_unread_portal_catalogue_is_named_above_the_products() {
    let failure = Error::from_rest(
        "catalog.product.list",
        403,
        "ACCESS_DENIED",
        "Access denied!",
    );
    let unread = DealData {
        catalogue_error: Some(failure),
        ..data(answered())
    };
    let html = body(&ctx(), &loaded(view(StoreState::NotLinked), unread));
    let notice = html
        .split(r#"data-testid="catalogue-unread""#)
        .nth(1)
        .expect("the catalogue notice");
    assert!(
        notice.contains("Bitrix24's product catalogue could not be read"),
        "{notice}"
    );
    assert!(
        notice.contains("The tab tries again by itself."),
        "{notice}"
    );
    assert!(notice.contains("ACCESS_DENIED"), "{notice}");
    assert!(
        html.find("catalogue-unread") < html.find("sl-rows"),
        "the notice comes before the products"
    );
    let plain = body(
        &ctx(),
        &loaded(view(StoreState::NotLinked), data(answered())),
    );
    assert!(!plain.contains("catalogue-unread"));
}

#[test]
fn a_partly_shipped_order_says_so_and_a_shipped_one_says_shipped() {
    let partly = OrderCard {
        partly_shipped: true,
        ..order_card()
    };
    let html = order_html(&partly, &[], None, &[]);
    assert!(
        html.contains(r#"data-testid="order-partly-shipped">Partly shipped<"#),
        "{html}"
    );
    assert!(!html.contains("order-shipped"), "{html}");
    let all = OrderCard {
        shipped: true,
        ..order_card()
    };
    let html = order_html(&all, &[], None, &[]);
    assert!(
        html.contains(r#"data-testid="order-shipped">Shipped<"#),
        "{html}"
    );
    assert!(!html.contains("partly"), "{html}");
}

#[test]
fn a_warehouse_the_store_lists_as_inactive_is_marked_in_its_heading() {
    let warehouses = [
        WarehouseColumn {
            id: 1,
            title: "Main".into(),
            active: false,
        },
        WarehouseColumn {
            id: 2,
            title: String::new(),
            active: true,
        },
    ];
    let rows = [row(0, "Kettle", "1", "5", None)];
    let html = render(&plain(&rows, &warehouses, &ViewChanges::default()));
    assert!(
        html.contains(
            r#"data-warehouse-id="1" title="Main (inactive)"><span class="sl-wh-title">Main (inactive)</span></th>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"data-warehouse-id="2" title="Warehouse 2"><span class="sl-wh-title">Warehouse 2</span></th>"#),
        "{html}"
    );
}

#[test]
fn an_order_whose_buyer_is_not_the_contact_says_so() {
    let card = OrderCard {
        other_buyer: true,
        ..order_card()
    };
    let html = order_html(&card, &[], None, &[]);
    assert!(
        html.contains(
            r#"data-testid="order-other-buyer">The order's buyer is not the deal's contact"#
        ),
        "{html}"
    );
    assert!(!order_html(&order_card(), &[], None, &[]).contains("order-other-buyer"));
}

#[test]
fn a_long_list_of_differences_shows_five_and_folds_the_rest_under_their_count() {
    let missing = |i: u64| Difference::MissingInDeal {
        basket_item_id: i,
        name: format!("Item {i}"),
        xml_id: None,
        quantity: d("1"),
        unit: Unit::default(),
        price: d("1"),
    };
    let mut v = view(StoreState::Linked);
    v.differences = (1..=12).map(missing).collect();
    let html = body(&ctx(), &loaded(v, data(answered())));
    assert!(html.contains(r#"data-testid="differences" data-count="12""#));
    assert_eq!(html.matches(r#"data-testid="difference""#).count(), 12);
    let (open, folded) = html.split_once(r#"<details class="sl-diff-more""#).unwrap();
    assert_eq!(open.matches(r#"data-testid="difference""#).count(), 5);
    assert!(
        folded.contains("<summary>Other differences: 7</summary>"),
        "{folded}"
    );
    assert!(folded.contains("\"Item 6\"") && folded.contains("\"Item 12\""));
    // Eight or fewer are all shown.
    let mut short = view(StoreState::Linked);
    short.differences = (1..=8).map(missing).collect();
    let html = body(&ctx(), &loaded(short, data(answered())));
    assert!(!html.contains("<details"));
}

#[test]
fn an_order_line_the_deal_lacks_shows_with_its_stock_after_the_deal_rows() {
    let rows = [
        row(0, "Kettle", "2", "5", None),
        ViewRow {
            order_only: true,
            quantity: d("0"),
            order_quantity: Some(d("3")),
            xml_id: Some("CUP".into()),
            ..row(1, "Cup", "0", "4", Some("1"))
        },
    ];
    let html = table(&rows, true, None, &ViewChanges::default());
    let only = &html[html
        .find(r#"data-testid="order-only-row""#)
        .expect("the order's line")..];
    assert!(
        only.contains("CUP</span><span> · only in the order, not in the deal</span>"),
        "{only}"
    );
    assert!(
        only.contains(
            r#"<span class="sl-muted">—</span><div class="sl-small sl-muted">in the order: 3 pcs</div>"#
        ),
        "{only}"
    );
    assert!(
        only.contains(r#"data-testid="row-shortage""#),
        "its stock is checked"
    );
    assert_eq!(html.matches(r#"data-testid="deal-row""#).count(), 1);
    assert!(!html.contains("no-rows"));
    // A deal without rows says so, and that the order's line is below, and lists it.
    let html = table(&rows[1..], true, None, &ViewChanges::default());
    assert!(html.contains(&format!(
        r#"data-testid="no-rows">{}</p>"#,
        Lang::En.deal().no_rows_order_below
    )));
    assert!(html.contains(r#"data-testid="order-only-row""#));
}

#[test]
fn a_line_without_a_product_is_told_as_the_deals_the_orders_or_the_delivery() {
    let t = Lang::En.deal();
    let free = |index: usize, name: &str| ViewRow {
        unmatched: Some(Unmatched::FreeText),
        ..unmatched_row(index, name)
    };
    let rows = [
        free(0, "Assembly"),
        ViewRow {
            delivery: true,
            ..free(1, "Delivery")
        },
        ViewRow {
            order_only: true,
            ..free(2, "Repair (labour)")
        },
    ];
    let html = table(&rows, true, None, &ViewChanges::default());
    let badge = |text: &str, hint: &str| {
        format!(
            r#"<span class="sl-badge" title="{hint}" data-testid="row-unmatched">{text}</span>"#
        )
    };
    let at = |name: &str| &html[html.find(name).unwrap()..];
    assert!(
        at("Assembly").contains(&badge(t.free_text, t.free_text_hint)),
        "{html}"
    );
    assert!(
        at("Delivery").contains(&badge(t.delivery_row, t.delivery_row_hint)),
        "{html}"
    );
    assert!(
        at("Repair").contains(&badge(t.free_text, t.free_text_order_hint)),
        "{html}"
    );
}

#[test]
fn the_linking_deal_field_is_named_by_its_label_when_the_settings_have_one() {
    let card = OrderCard {
        linked_by: (
            0,
            Some(LinkRule::UserField {
                field: "UF_CRM_SITE_ORDER".into(),
                holds: crate::model::settings::OrderKey::Number,
            }),
        ),
        field_labels: vec![crate::model::settings::FieldLabel {
            field: "UF_CRM_SITE_ORDER".into(),
            label: "Order on the site".into(),
        }],
        ..order_card()
    };
    let html = order_html(&card, &[], None, &[]);
    assert!(html.contains("Order on the site"), "{html}");
    assert!(!html.contains("UF_CRM_SITE_ORDER"), "{html}");
    let bare = OrderCard {
        field_labels: vec![],
        ..card
    };
    assert!(order_html(&bare, &[], None, &[]).contains("UF_CRM_SITE_ORDER"));
}

#[test]
fn a_warehouse_reserving_more_than_it_has_is_flagged_in_its_cell() {
    let mut over = row(0, "Screws", "1", "5", None);
    if let Some(s) = over.stock.as_mut() {
        let w = &mut s.product.warehouses[0];
        (w.amount, w.reserved, w.free) = (d("10"), d("25"), d("0"));
    }
    let html = table(&[over], true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"<span class="sl-over-reserved" data-testid="over-reserved" title="25 reserved with 10 on hand: check the warehouse records""#),
        "{html}"
    );
    let fine = table(
        &[row(0, "Kettle", "1", "5", None)],
        true,
        None,
        &ViewChanges::default(),
    );
    assert!(!fine.contains("over-reserved"));
}

#[test]
fn a_slow_load_names_the_system_that_limits_its_requests_while_it_does() {
    let t = Lang::En.deal();
    let mut state = TabState::default();
    state.apply(TabAction::Start {
        generation: 1,
        chosen: None,
    });
    assert!(state.apply(TabAction::Slow {
        generation: 1,
        held: None,
    }));
    assert_eq!(status_text(&state, Lang::En), t.waiting);
    assert!(
        !state.apply(TabAction::Slow {
            generation: 1,
            held: None,
        }),
        "said again, nothing new"
    );
    assert!(state.apply(TabAction::Slow {
        generation: 1,
        held: Some(HeldUp::Limit(System::Store)),
    }));
    assert_eq!(status_text(&state, Lang::En), t.waiting_limit_store);
    assert!(state.apply(TabAction::Slow {
        generation: 1,
        held: Some(HeldUp::Limit(System::Portal)),
    }));
    assert_eq!(
        status_text(&state, Lang::Ru),
        "Битрикс24 просит сбавить темп: слишком много запросов подряд. Ждём…"
    );
    // A system answering with errors is not called slow: its calls are being tried again.
    assert!(state.apply(TabAction::Slow {
        generation: 1,
        held: Some(HeldUp::Retry(System::Store)),
    }));
    assert_eq!(status_text(&state, Lang::En), t.waiting_retry_store);
    assert!(state.apply(TabAction::Done {
        generation: 1,
        loaded: Loaded {
            data: Rc::new(data(answered())),
            view: Rc::new(view(StoreState::Linked)),
        },
        mark: false,
    }));
    assert_eq!(state.held, None);
    assert_eq!(status_text(&state, Lang::En), "");
}

#[test]
fn the_load_after_the_reps_link_says_the_deal_is_linked_until_the_next_load() {
    let mut state = TabState::default();
    state.apply(TabAction::Start {
        generation: 1,
        chosen: None,
    });
    // Not before the load is on screen.
    assert!(!state.apply(TabAction::Linked { generation: 1 }));
    let loaded = Loaded {
        data: Rc::new(data(answered())),
        view: Rc::new(view(StoreState::Linked)),
    };
    let number = loaded.view.order.as_ref().expect("an order").number.clone();
    state.apply(TabAction::Done {
        generation: 1,
        loaded,
        mark: false,
    });
    assert!(state.apply(TabAction::Linked { generation: 1 }));
    assert_eq!(
        status_text(&state, Lang::En),
        format!("The deal is linked to order #{number}.")
    );
    state.apply(TabAction::Start {
        generation: 2,
        chosen: None,
    });
    assert!(!state.linked);
}

#[test]
fn a_second_row_of_a_product_says_its_available_is_what_the_rows_above_left() {
    let mut second = row(1, "Kettle", "2", "1", None);
    if let Some(s) = second.stock.as_mut() {
        s.after_earlier_rows = true;
    }
    let html = table(
        &[row(0, "Kettle", "1", "4", None), second],
        true,
        None,
        &ViewChanges::default(),
    );
    assert_eq!(html.matches("after the rows above").count(), 1, "{html}");
    assert!(html.contains(r#"title="The deal lists this product in several rows"#));
}

#[test]
fn a_lost_deals_rows_are_neither_short_nor_said_to_be_in_stock() {
    let warehouses = [WarehouseColumn {
        id: 1,
        title: "Main".into(),
        active: true,
    }];
    // Available 0 for a quantity of 1: the lost deal needs nothing, so the model left no
    // shortage.
    let rows = [row(0, "Kettle", "1", "0", None)];
    let marks = ViewChanges::default();
    let shown = |lost_deal: bool| {
        render(&RowsTable {
            lost_deal,
            ..plain(&rows, &warehouses, &marks)
        })
    };
    assert!(shown(false).contains(">In stock<"));
    let lost = shown(true);
    assert!(!lost.contains("In stock"), "{lost}");
    assert!(!lost.contains("row-shortage"), "{lost}");
}

#[test]
fn a_row_in_units_the_stores_do_not_convert_to_says_so_and_is_not_short() {
    let mut bread = row(0, "Хлеб", "12", "8", Some("4"));
    bread.unit = Unit {
        name: "кг".into(),
        code: Some(166),
    };
    bread.stock_unit = Some(Unit {
        name: String::new(),
        code: Some(796),
    });
    bread.units_apart = true;
    let html = table_in(Lang::Ru, &[bread], true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"data-testid="row-units-apart">Другие единицы</span>"#),
        "{html}"
    );
    assert!(
        html.contains("в единицах «кг», а в магазине — в «шт»"),
        "{html}"
    );
    assert!(!html.contains("row-shortage"), "{html}");
    assert!(
        html.contains(r#"data-testid="row-available" data-value="8">8 шт</span>"#),
        "{html}"
    );
}

#[test]
fn an_order_line_in_another_unit_says_its_own_unit_even_at_the_same_quantity() {
    let rows = [ViewRow {
        unit: Unit {
            name: "шт".into(),
            code: Some(796),
        },
        order_unit: Unit {
            name: "м".into(),
            code: Some(6),
        },
        order_quantity: Some(d("3000")),
        ..row(0, "Cable", "3000", "5000", None)
    }];
    let html = table(&rows, true, None, &ViewChanges::default());
    assert!(html.contains(">3,000 pcs<"), "{html}");
    assert!(html.contains("in the order: 3,000 m</div>"), "{html}");
}

#[test]
fn the_own_orders_reserve_says_what_it_is_and_the_table_scroller_has_a_name() {
    let mut r = row(0, "Coffee", "5", "3", None);
    if let Some(stock) = r.stock.as_mut() {
        stock.product.warehouses[0].own_reserve = d("2");
    }
    let html = table(&[r], true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"<span class="sl-small sl-muted" title="2 of them reserved for this deal's order" aria-hidden="true"> +2</span><span class="sl-sr">, 2 of them reserved for this deal's order</span>"#),
        "{html}"
    );
    // "+N" is explained under the table for those who see it.
    assert!(
        html.contains(
            r#"data-testid="own-reserve-legend" aria-hidden="true">+N next to a warehouse's stock"#
        ),
        "{html}"
    );
    let plain = table(
        &[row(0, "Coffee", "5", "3", None)],
        true,
        None,
        &ViewChanges::default(),
    );
    assert!(
        !plain.contains("own-reserve-legend"),
        "no legend without a +N: {plain}"
    );
    assert!(
        html.contains(r#"<div class="sl-table-wrap" role="region" aria-label="Products and stock" tabindex="0""#),
        "{html}"
    );
}

#[test]
fn a_slow_reload_shows_the_fresher_deal_part_with_its_changes_marked() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    let before = state.loaded.clone().unwrap();
    let mut fresher_view = (*before.view).clone();
    fresher_view.deal.stage_id = "WON".into();
    let fresher = Loaded {
        data: before.data.clone(),
        view: Rc::new(fresher_view),
    };
    assert!(
        !state.apply(TabAction::Fresher {
            generation: state.generation,
            loaded: fresher.clone()
        }),
        "only while a reload runs"
    );
    let generation = state.generation + 1;
    state.apply(TabAction::Start {
        generation,
        chosen: None,
    });
    assert!(state.apply(TabAction::Fresher {
        generation,
        loaded: fresher.clone()
    }));
    assert_eq!(state.loaded.as_ref().unwrap().view.deal.stage_id, "WON");
    assert!(!state.marks.is_empty(), "the stage is marked");
    assert!(state.busy, "the store's part is still awaited");
    assert!(!state.apply(TabAction::Fresher {
        generation: generation - 1,
        loaded: fresher
    }));
}

#[test]
fn after_a_relink_waited_for_the_store_only_what_differs_from_before_is_marked() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    let before = state.loaded.clone().unwrap();
    let generation = state.generation + 1;
    state.apply(TabAction::Start {
        generation,
        chosen: None,
    });
    // The deal now links another order: the store's part waits (no rows' stock meanwhile).
    let mut waiting_data = (*before.data).clone();
    waiting_data.store = StoreData::Pending;
    let mut waiting_view = (*before.view).clone();
    waiting_view.store = StoreState::Pending;
    for row in &mut waiting_view.rows {
        row.stock = None;
    }
    assert!(state.apply(TabAction::Fresher {
        generation,
        loaded: Loaded {
            data: Rc::new(waiting_data),
            view: Rc::new(waiting_view),
        },
    }));
    // The store answers with the same figures as before the wait: nothing to mark in the rows.
    assert!(state.apply(TabAction::Done {
        generation,
        loaded: before.clone(),
        mark: true,
    }));
    assert!(state.marks.is_empty(), "{:?}", state.marks);
    assert!(state.store_from.is_none());
}

#[test]
fn a_deal_that_is_gone_clears_the_screen_and_is_not_tried_again_by_itself() {
    let mut state = loaded(view(StoreState::Linked), data(answered()));
    let gone = Error::new(ErrorKind::NotFound, "crm.deal.get", "Not found");
    assert!(state.apply(TabAction::Failed {
        generation: state.generation,
        error: gone
    }));
    assert!(
        state.loaded.is_none(),
        "its order and stock are no longer the deal's"
    );
    assert!(state.deal_gone() && !state.failed_to_open());
    let html = body(&ctx(), &state);
    assert!(html.contains(r#"data-kind="deal-gone""#), "{html}");
    assert!(html.contains("This deal is gone") && html.contains("Try again"));
    assert!(!html.contains("Not found"));
    // Any other failure to open is tried again by the live check.
    let mut other = loaded(view(StoreState::Linked), data(answered()));
    other.loaded = None;
    other.error = Some(error());
    assert!(other.failed_to_open() && !other.deal_gone());
}

#[test]
fn the_store_connector_is_named_only_when_the_settings_name_its_source() {
    let by = |originator: Option<&str>| OrderCard {
        linked_by: (
            0,
            Some(LinkRule::OriginId {
                originator_id: originator.map(str::to_owned),
            }),
        ),
        ..order_card()
    };
    let named = order_html(&by(Some("shop")), &[], None, &[]);
    assert!(
        named.contains("Linked by the store connector (ORIGIN_ID)"),
        "{named}"
    );
    let any = order_html(&by(None), &[], None, &[]);
    assert!(
        any.contains("Linked by the deal's ORIGIN_ID (the settings name no source)"),
        "{any}"
    );
}

#[test]
fn an_order_only_lines_price_is_in_the_orders_currency() {
    let rows = [
        row(0, "Mug", "2", "5", None),
        ViewRow {
            order_only: true,
            quantity: d("0"),
            price: d("315"),
            ..row(1, "Spoon", "0", "100", None)
        },
    ];
    let marks = ViewChanges::default();
    let html = render(&RowsTable {
        currency: "USD",
        order_currency: Some("RUB"),
        ..plain(&rows, &[], &marks)
    });
    let (deal_row, only) = html.split_once("order-only-row").unwrap();
    assert!(deal_row.contains("$500.00"), "{deal_row}");
    assert!(only.contains("₽315.00") && !only.contains('$'), "{only}");
}

#[test]
fn stock_kept_in_another_unit_than_the_rows_is_said_with_its_unit() {
    let kg = Unit {
        name: "кг".into(),
        code: Some(166),
    };
    let mut nails = row(0, "Гвозди", "2500", "2.3", Some("0.2"));
    nails.unit = Unit {
        name: "г".into(),
        code: Some(163),
    };
    (nails.order_unit, nails.order_quantity) = (kg.clone(), Some(d("2.5")));
    nails.basket_item_id = Some(9004);
    nails.stock_unit = Some(kg);
    let html = table_in(Lang::Ru, &[nails], true, None, &ViewChanges::default());
    assert!(
        html.contains(r#"data-testid="row-available" data-value="2.3">2,3 кг</span>"#),
        "{html}"
    );
    assert!(html.contains("Не хватает 0,2 кг"), "{html}");
    assert!(html.contains("500 г<div"), "the row's own quantity: {html}");
}
