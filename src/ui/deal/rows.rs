//! The deal's products with their store match, quantity, price and stock per warehouse.

use yew::prelude::*;

use super::format::{Fmt, plain};
use crate::i18n::fill;
use crate::model::view::changes::{RowField, RowKey, ViewChanges};
use crate::model::view::{ViewRow, WarehouseColumn};

/// The products table.
pub struct RowsTable<'a> {
    pub rows: &'a [ViewRow],
    pub warehouses: &'a [WarehouseColumn],
    pub currency: &'a str,
    pub fmt: Fmt,
    /// False when there is no stock to show: stock columns are left out.
    pub has_stock: bool,
    /// Why there is no stock, when the reason is not shown elsewhere.
    pub stock_note: Option<&'static str>,
    /// What a property match would compare, for the unmatched hint.
    pub property: Option<&'a str>,
    /// What a live update just changed.
    pub marks: &'a ViewChanges,
}

pub fn rows_table(props: &RowsTable) -> Html {
    let t = props.fmt.lang.deal();
    if props.rows.is_empty() {
        return html! {
            <section class="sl-card" aria-label={t.products_title}>
                <h3>{ t.products_title }</h3>
                <p class="sl-muted" data-testid="no-rows">{ t.no_rows }</p>
            </section>
        };
    }
    let stock_columns = if props.has_stock {
        props.warehouses
    } else {
        &[]
    };
    html! {
        <section class="sl-card" aria-label={t.products_title}>
            <h3>{ t.products_title }</h3>
            if let Some(note) = props.stock_note {
                <p class="sl-muted">{ note }</p>
            }
            <div class="sl-table-wrap">
                <table class="sl-table sl-rows">
                    <thead>
                        <tr>
                            <th scope="col">{ t.col_product }</th>
                            <th scope="col" class="sl-num">{ t.col_quantity }</th>
                            <th scope="col" class="sl-num">{ t.col_price }</th>
                            { for stock_columns.iter().map(|w| html! {
                                <th scope="col" class="sl-num" data-warehouse-id={w.id.to_string()}>{ w.title.clone() }</th>
                            }) }
                            if props.has_stock {
                                <th scope="col" class="sl-num">{ t.col_available }</th>
                                <th scope="col">{ t.col_state }</th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.rows.iter().map(|row| row_html(props, row, stock_columns)) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn row_html(props: &RowsTable, row: &ViewRow, columns: &[WarehouseColumn]) -> Html {
    let fmt = props.fmt;
    let t = fmt.lang.deal();
    let marks = props.marks.row(RowKey::of(row));
    let mark = |f: RowField| marks.contains(&f).then_some("sl-changed");
    let row_mark = marks.contains(&RowField::Added).then_some("sl-changed");
    let measure = if row.measure.is_empty() {
        String::new()
    } else {
        format!(" {}", row.measure)
    };
    let xml_id = row.xml_id.clone().unwrap_or_default();
    let order_qty = row
        .order_quantity
        .filter(|q| *q != row.quantity)
        .map(|q| fill(t.in_order, &[&fmt.qty(q)]));
    let state = if row.is_unmatched() {
        let hint = fill(
            t.unmatched_hint,
            &[&props
                .property
                .map(|p| format!(" / {p}"))
                .unwrap_or_default()],
        );
        html! { <span class="sl-badge" title={hint} data-testid="row-unmatched">{ t.unmatched }</span> }
    } else if let Some(missing) = row.shortage() {
        html! {
            <span class={classes!("sl-badge", "sl-badge-alert", mark(RowField::Shortage))}
                data-testid="row-shortage" data-value={plain(missing)}>
                { fill(t.shortage, &[&format!("{}{measure}", fmt.qty(missing))]) }
            </span>
        }
    } else if row.stock.is_some() {
        html! { <span class="sl-badge sl-badge-success">{ t.in_stock }</span> }
    } else {
        Html::default()
    };
    html! {
        <tr data-testid="deal-row" data-xml-id={xml_id.clone()} class={classes!(row_mark, row.shortage().map(|_| "sl-row-short"))}>
            <td>
                <div class={classes!("sl-row-name", mark(RowField::Product))}>{ row.name.clone() }</div>
                <div class="sl-small sl-muted">
                    if !xml_id.is_empty() { <span class="sl-code">{ xml_id }</span> }
                    if let Some(store_name) = row.store_name.as_ref().filter(|n| **n != row.name) {
                        <span>{ " · " }{ store_name.clone() }</span>
                    }
                </div>
            </td>
            <td class={classes!("sl-num", mark(RowField::Quantity))}>
                { format!("{}{measure}", fmt.qty(row.quantity)) }
                if let Some(q) = order_qty { <div class="sl-small sl-muted">{ q }</div> }
            </td>
            <td class={classes!("sl-num", mark(RowField::Price))}>{ fmt.money(row.price, props.currency) }</td>
            { for columns.iter().map(|w| {
                let cell = row.stock.as_ref().and_then(|s| s.product.warehouses.iter().find(|x| x.warehouse_id == w.id));
                html! {
                    <td class={classes!("sl-num", mark(RowField::Warehouse(w.id)))} data-warehouse-id={w.id.to_string()}>
                        {
                            match cell {
                                Some(c) => html! {
                                    <>
                                        { fmt.qty(c.free) }
                                        if !c.own_reserve.is_zero() {
                                            <span class="sl-small sl-muted">{ format!(" +{}", fmt.qty(c.own_reserve)) }</span>
                                        }
                                    </>
                                },
                                None if row.stock.is_some() => html! { "0" },
                                None => html! { <span class="sl-muted">{ "—" }</span> },
                            }
                        }
                    </td>
                }
            }) }
            if !columns.is_empty() || props.has_stock {
                <td class={classes!("sl-num", "sl-strong", mark(RowField::Available))}>
                    if let Some(s) = &row.stock {
                        <span data-testid="row-available" data-value={plain(s.available)}>{ plain(s.available) }</span>
                    } else {
                        <span class="sl-muted">{ "—" }</span>
                    }
                </td>
                <td>{ state }</td>
            }
        </tr>
    }
}
