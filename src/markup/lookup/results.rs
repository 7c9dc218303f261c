//! The results: a listbox of products with free stock per warehouse, the total and the price;
//! the opened one shows its codes and every warehouse's figures.

use super::{View, action};
use crate::i18n::{LookupTexts, fill, quantity_with_unit, unit_name};
use crate::markup::Markup;
use crate::markup::format::{Fmt, plain};
use crate::markup::skeleton::bar;
use crate::markup::warehouse::{over_reserved_note, warehouse_title};
use crate::model::lookup::LookupHit;
use crate::model::lookup_search::{LookupAnswer, WarehouseColumn};
use bitrix_rest::Decimal;

/// The listbox of `answer`'s results (a newer search running dims them).
pub fn results(m: &mut Markup, v: &View, answer: &LookupAnswer) {
    let t = v.lang.lookup();
    let updating = v.state.is_searching();
    let class = if updating {
        "sl-lookup-results sl-lookup-updating"
    } else {
        "sl-lookup-results"
    };
    m.open_class("div", class)
        .attr("aria-busy", if updating { "true" } else { "false" });
    if !v.compact {
        m.open_class("div", "sl-lookup-row sl-lookup-head")
            .attr("aria-hidden", "true");
        m.leaf("span", "sl-lookup-name", t.col_product);
        // Free and Price by the name, the warehouses after them (a long row of them scrolls).
        m.leaf("span", "sl-lookup-total sl-num", t.col_total);
        m.leaf("span", "sl-lookup-price sl-num", t.col_price);
        m.open_class("span", "sl-lookup-whs");
        for column in &answer.columns {
            let title = warehouse_title(column, v.lang);
            m.open_class("span", "sl-lookup-wh sl-num")
                .attr("title", &title)
                .text(&title)
                .close("span");
        }
        m.close("span");
        m.close("div");
    }
    m.open_class("ul", "sl-lookup-list")
        .attr("id", &v.ids.list)
        .attr("role", "listbox")
        .attr("aria-label", t.results);
    let fmt = Fmt::new(v.lang);
    for (i, hit) in answer.hits.iter().enumerate() {
        let sizes_listed = answer
            .hits
            .iter()
            .filter(|h| h.size_of == Some(hit.product.id))
            .count();
        let priced = answer.prices_refused.is_none();
        option(m, v, &answer.columns, (i, hit, sizes_listed, priced), fmt);
    }
    m.close("ul").close("div");
}

#[inline(never)]
fn option(
    m: &mut Markup,
    v: &View,
    columns: &[WarehouseColumn],
    (i, hit, sizes_listed, priced): (usize, &LookupHit, usize, bool),
    fmt: Fmt,
) {
    let t = v.lang.lookup();
    let selected = v.state.active == Some(i);
    let expanded = v.state.expanded == Some(i);
    let index = i.to_string();
    let class = match (expanded, hit.size_of.is_some()) {
        (true, true) => "sl-lookup-option sl-lookup-size sl-lookup-open",
        (true, false) => "sl-lookup-option sl-lookup-open",
        (false, true) => "sl-lookup-option sl-lookup-size",
        (false, false) => "sl-lookup-option",
    };
    m.open_class("li", class)
        .attr("id", &v.ids.option(i))
        .attr("role", "option")
        .attr("aria-selected", if selected { "true" } else { "false" })
        .attr("data-testid", "stock-result")
        .attr("data-xml-id", hit.product.xml_id.as_deref().unwrap_or(""))
        .attr("data-product-id", &hit.product.id.to_string())
        .on("click", action::PICK, Some(&index));
    m.open_class("div", "sl-lookup-row");
    m.open_class("span", "sl-lookup-name");
    m.leaf("span", "sl-lookup-title", &hit.product.name);
    if !hit.product.active {
        m.leaf("span", "sl-badge sl-badge-warning", t.inactive);
    }
    // Its figures are its sizes': those listed under it, or more than have room.
    if hit.in_sizes {
        let counted = hit.sizes_counted.to_string();
        let badge = match (hit.sizes_maybe_more, sizes_listed < hit.sizes_counted) {
            (true, _) => fill(t.in_first_sizes, &[&counted]),
            (false, true) => fill(t.in_more_sizes, &[&counted]),
            (false, false) => t.in_sizes.to_owned(),
        };
        m.leaf("span", "sl-badge sl-badge-primary", &badge);
    }
    m.open_class("span", "sl-lookup-codes");
    if let Some(article) = &hit.article {
        m.text(t.article).text(" ").text(article);
    }
    if let Some(xml_id) = &hit.product.xml_id {
        if hit.article.is_some() {
            m.text(" · ");
        }
        m.text(t.xml_id).text(" ").text(xml_id);
    }
    m.close("span").close("span");
    let total = hit.stock.total_free;
    m.open_class(
        "span",
        if total.is_zero() {
            "sl-lookup-total sl-num sl-lookup-none"
        } else {
            "sl-lookup-total sl-num"
        },
    );
    // Wide, the header row names the column; compact has none, so the caption shows.
    let caption = if v.compact {
        "sl-lookup-caption"
    } else {
        "sl-sr"
    };
    m.open_class("span", caption)
        .text(t.total_free)
        .text(": ")
        .close("span");
    // With its unit when the store named it: 1,2 kg does not read as 12 pieces.
    let said = match &hit.unit {
        Some(unit) => quantity_with_unit(total, unit, fmt.lang),
        None => fmt.qty(total),
    };
    m.open("span")
        .attr("data-testid", "stock-available")
        .attr("data-value", &plain(total))
        .text(&said)
        .close("span");
    m.close("span");
    m.open_class("span", "sl-lookup-price sl-num")
        .attr("data-testid", "stock-price");
    match (&hit.price, &hit.unit) {
        // A product sold in variants without a price of its own: 0 would read as free.
        _ if hit.in_sizes && hit.price.as_ref().is_none_or(|p| p.price.is_zero()) => {
            m.text(t.price_in_sizes)
        }
        // Per its unit when the store named it: 39 000 ₽ a tonne is not a price per piece.
        (Some(p), Some(unit)) => m.text(&format!(
            "{}/{}",
            fmt.money(p.price, &p.currency),
            unit_name(Decimal::from(1), unit, fmt.lang)
        )),
        (Some(p), None) => m.text(&fmt.money(p.price, &p.currency)),
        (None, _) if !priced => m.text(t.price_unknown),
        (None, _) => m.text(t.no_price),
    };
    m.close("span");
    m.open_class("span", "sl-lookup-whs");
    let name_class = if v.compact {
        "sl-lookup-wh-name"
    } else {
        "sl-lookup-wh-name sl-sr"
    };
    for (w, column) in hit.stock.warehouses.iter().zip(columns) {
        m.open_class(
            "span",
            if w.free.is_zero() {
                "sl-lookup-wh sl-num sl-lookup-zero"
            } else {
                "sl-lookup-wh sl-num"
            },
        )
        .attr("data-testid", "stock-warehouse")
        .attr("data-warehouse-id", &w.warehouse_id.to_string());
        m.open_class("span", name_class)
            .text(&warehouse_title(column, fmt.lang))
            .text(": ")
            .close("span");
        m.text(&fmt.qty(w.free)).close("span");
    }
    m.close("span");
    m.close("div");
    if expanded {
        details(m, hit, columns, t, fmt);
    }
    m.close("li");
}

/// Every shown warehouse's on hand, reserved and free stock of the opened result.
fn details(
    m: &mut Markup,
    hit: &LookupHit,
    columns: &[WarehouseColumn],
    t: &LookupTexts,
    fmt: Fmt,
) {
    m.open_class("div", "sl-lookup-details")
        .attr("data-testid", "stock-details");
    m.open_class("table", "sl-table").open("thead").open("tr");
    m.open("th").leaf("span", "sl-sr", t.warehouse).close("th");
    m.leaf("th", "sl-num", t.on_hand);
    m.leaf("th", "sl-num", t.reserved);
    m.leaf("th", "sl-num", t.free);
    m.close("tr").close("thead").open("tbody");
    for (w, column) in hit.stock.warehouses.iter().zip(columns) {
        m.open("tr");
        m.leaf("td", "", &warehouse_title(column, fmt.lang));
        m.leaf("td", "sl-num", &fmt.qty(w.amount));
        // More reserved than on hand: a stock-keeping error the rep may want to flag.
        if let Some(why) = over_reserved_note(w, fmt) {
            m.open_class("td", "sl-num sl-over-reserved")
                .attr("data-testid", "over-reserved")
                .attr("title", &why)
                .text(&fmt.qty(w.reserved))
                .text(" !")
                .close("td");
        } else {
            m.leaf("td", "sl-num", &fmt.qty(w.reserved));
        }
        m.leaf("td", "sl-num", &fmt.qty(w.free));
        m.close("tr");
    }
    m.close("tbody").close("table").close("div");
}

/// Grey rows in the shape of results, while the first answer loads.
pub fn skeleton_rows(m: &mut Markup) {
    m.open_class("div", "sl-lookup-results")
        .attr("aria-hidden", "true")
        .attr("data-testid", "stock-skeleton");
    for _ in 0..3 {
        m.open_class("div", "sl-lookup-row");
        m.open_class("span", "sl-lookup-name");
        bar(m, "l");
        bar(m, "m");
        m.close("span");
        m.open_class("span", "sl-lookup-total");
        bar(m, "s");
        m.close("span");
        m.open_class("span", "sl-lookup-price");
        bar(m, "s");
        m.close("span").close("div");
    }
    m.close("div");
}
