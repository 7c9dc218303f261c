//! The results: a listbox of products with free stock per warehouse, the total and the price;
//! the opened one shows its codes and every warehouse's figures.

use yew::prelude::*;

use crate::i18n::{Lang, LookupTexts, fill};
use crate::model::lookup::LookupHit;
use crate::model::lookup_search::{LookupAnswer, WarehouseColumn};
use crate::model::money::{NumberStyle, format_money, format_quantity};
use crate::ui::skeleton::bar;

/// The element IDs of one lookup on the page (two lookups may share a page).
#[derive(Debug, Clone, PartialEq)]
pub struct Ids {
    pub input: AttrValue,
    pub list: AttrValue,
    pub hint: AttrValue,
    prefix: String,
}

impl Ids {
    pub fn new(instance: u32) -> Ids {
        let prefix = format!("sl-lookup-{instance}");
        Ids {
            input: format!("{prefix}-input").into(),
            list: format!("{prefix}-list").into(),
            hint: format!("{prefix}-hint").into(),
            prefix,
        }
    }

    /// The ID of result `i`.
    pub fn option(&self, i: usize) -> String {
        format!("{}-opt-{i}", self.prefix)
    }
}

/// What the results show.
pub struct Results<'a> {
    pub answer: &'a LookupAnswer,
    pub active: Option<usize>,
    pub expanded: Option<usize>,
    /// A newer search is running: these results are about to be replaced.
    pub updating: bool,
    pub compact: bool,
    pub ids: &'a Ids,
    pub lang: Lang,
    pub style: NumberStyle,
    pub on_pick: Callback<usize>,
}

fn column_title(column: &WarehouseColumn, t: &LookupTexts) -> String {
    if column.title.is_empty() {
        fill(t.warehouse_fallback, &[&column.id.to_string()])
    } else {
        column.title.clone()
    }
}

pub fn results(props: &Results) -> Html {
    let t = props.lang.lookup();
    let titles: Vec<String> = props
        .answer
        .columns
        .iter()
        .map(|c| column_title(c, t))
        .collect();
    html! {
        <div class={classes!("sl-lookup-results", props.updating.then_some("sl-lookup-updating"))}
            aria-busy={props.updating.to_string()}>
            if !props.compact {
                <div class="sl-lookup-row sl-lookup-head" aria-hidden="true">
                    <span class="sl-lookup-name">{ t.col_product }</span>
                    <span class="sl-lookup-whs">
                        { for titles.iter().map(|title| html! {
                            <span class="sl-lookup-wh sl-num" title={title.clone()}>{ title.clone() }</span>
                        }) }
                    </span>
                    <span class="sl-lookup-total sl-num">{ t.col_total }</span>
                    <span class="sl-lookup-price sl-num">{ t.col_price }</span>
                </div>
            }
            <ul id={props.ids.list.clone()} class="sl-lookup-list" role="listbox" aria-label={t.results}>
                { for props.answer.hits.iter().enumerate().map(|(i, hit)| option(props, &titles, i, hit)) }
            </ul>
        </div>
    }
}

fn option(props: &Results, titles: &[String], i: usize, hit: &LookupHit) -> Html {
    let t = props.lang.lookup();
    let style = props.style;
    let selected = props.active == Some(i);
    let expanded = props.expanded == Some(i);
    let onclick = props.on_pick.reform(move |_: MouseEvent| i);
    // Keep the focus in the search box when a result is clicked.
    let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
    let codes: Vec<String> = [
        hit.article.as_ref().map(|a| format!("{} {a}", t.article)),
        hit.product
            .xml_id
            .as_ref()
            .map(|x| format!("{} {x}", t.xml_id)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let total = hit.stock.total_free;
    html! {
        <li id={props.ids.option(i)} role="option" aria-selected={selected.to_string()}
            class={classes!("sl-lookup-option", expanded.then_some("sl-lookup-open"))}
            data-testid="stock-result" data-xml-id={hit.product.xml_id.clone().unwrap_or_default()}
            data-product-id={hit.product.id.to_string()} {onclick} {onmousedown}>
            <div class="sl-lookup-row">
                <span class="sl-lookup-name">
                    <span class="sl-lookup-title">{ hit.product.name.clone() }</span>
                    if !hit.product.active {
                        <span class="sl-badge sl-badge-warning">{ t.inactive }</span>
                    }
                    <span class="sl-lookup-codes">{ codes.join(" · ") }</span>
                </span>
                <span class="sl-lookup-whs">
                    { for hit.stock.warehouses.iter().zip(titles).map(|(w, title)| html! {
                        <span class={classes!("sl-lookup-wh", "sl-num", w.free.is_zero().then_some("sl-lookup-zero"))}
                            data-testid="stock-warehouse" data-warehouse-id={w.warehouse_id.to_string()}>
                            <span class={classes!("sl-lookup-wh-name", (!props.compact).then_some("sl-lookup-sr"))}>
                                { format!("{title}: ") }
                            </span>
                            { format_quantity(w.free, style) }
                        </span>
                    }) }
                </span>
                <span class={classes!("sl-lookup-total", "sl-num", total.is_zero().then_some("sl-lookup-none"))}>
                    <span class="sl-lookup-sr">{ format!("{}: ", t.total_free) }</span>
                    <span data-testid="stock-available">{ total.normalized().to_string() }</span>
                </span>
                <span class="sl-lookup-price sl-num" data-testid="stock-price">
                    { match &hit.price {
                        Some(p) => format_money(p.price, &p.currency, style),
                        None => t.no_price.to_owned(),
                    } }
                </span>
            </div>
            if expanded {
                { details(hit, titles, t, style) }
            }
        </li>
    }
}

fn details(hit: &LookupHit, titles: &[String], t: &LookupTexts, style: NumberStyle) -> Html {
    let q = |v| format_quantity(v, style);
    html! {
        <div class="sl-lookup-details" data-testid="stock-details">
            <table class="sl-table">
                <thead>
                    <tr>
                        <th></th>
                        <th class="sl-num">{ t.on_hand }</th>
                        <th class="sl-num">{ t.reserved }</th>
                        <th class="sl-num">{ t.free }</th>
                    </tr>
                </thead>
                <tbody>
                    { for hit.stock.warehouses.iter().zip(titles).map(|(w, title)| html! {
                        <tr>
                            <td>{ title.clone() }</td>
                            <td class="sl-num">{ q(w.amount) }</td>
                            <td class="sl-num">{ q(w.reserved) }</td>
                            <td class="sl-num">{ q(w.free) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Grey rows in the shape of results, while the first answer loads.
pub fn skeleton_rows() -> Html {
    html! {
        <div class="sl-lookup-results" aria-hidden="true" data-testid="stock-skeleton">
            { for (0..3).map(|_| html! {
                <div class="sl-lookup-row">
                    <span class="sl-lookup-name">{ bar("l") }{ bar("m") }</span>
                    <span class="sl-lookup-total">{ bar("s") }</span>
                    <span class="sl-lookup-price">{ bar("s") }</span>
                </div>
            }) }
        </div>
    }
}
