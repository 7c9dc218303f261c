//! The deal's products with their store match, quantity, price and stock per warehouse.

use bitrix_rest::Decimal;

use super::changed_class;
use crate::i18n::{fill, quantity_with_unit, unit_word};
use crate::markup::Markup;
use crate::markup::format::{Fmt, plain};
use crate::markup::skeleton::bar;
use crate::markup::warehouse::{over_reserved_note, warehouse_title};
use crate::model::lookup::one_c_guid;
use crate::model::matching::{MatchedBy, Unmatched};
use crate::model::settings::PropertyPair;
use crate::model::unit::Unit;
use crate::model::view::changes::{RowField, RowKey, ViewChanges};
use crate::model::view::{ViewRow, WarehouseColumn};

/// The products table.
pub struct RowsTable<'a> {
    pub rows: &'a [ViewRow],
    pub warehouses: &'a [WarehouseColumn],
    pub currency: &'a str,
    /// The order's currency: an order-only line's price is in it.
    pub order_currency: Option<&'a str>,
    pub fmt: Fmt,
    /// False when there is no stock to show: stock columns are left out.
    pub has_stock: bool,
    /// The deal is lost: its rows need no stock.
    pub lost_deal: bool,
    /// The deal shows its linked order (a row's product may be told by its line).
    pub has_order: bool,
    /// While the store's answer is awaited: how many warehouse columns to hold in grey, so the
    /// table keeps its final shape when the stock arrives.
    pub pending_warehouses: Option<usize>,
    /// Why there is no stock, when the reason is not shown elsewhere.
    pub stock_note: Option<&'static str>,
    /// What a property match would compare, for the unmatched hint.
    pub property: Option<&'a PropertyPair>,
    /// What a live update just changed.
    pub marks: &'a ViewChanges,
}

pub fn rows_table(m: &mut Markup, props: &RowsTable) {
    let t = props.fmt.lang.deal();
    // Not a region of its own: the table's scroller below is the one, by this name.
    m.open_class("section", "sl-card");
    m.leaf("h2", "", t.products_title);
    if props.rows.iter().all(|r| r.order_only) {
        let said = match props.rows.is_empty() {
            true => t.no_rows,
            false => t.no_rows_order_below,
        };
        m.open_class("p", "sl-muted")
            .attr("data-testid", "no-rows")
            .text(said)
            .close("p");
        // The order's lines still show, with their stock.
        if props.rows.is_empty() {
            m.close("section");
            return;
        }
    }
    let columns = if props.has_stock {
        props.warehouses
    } else {
        &[]
    };
    if let Some(note) = props.stock_note {
        m.leaf("p", "sl-muted", note);
    }
    // A scroller the keyboard can reach: named, so it is not read as the whole table's text.
    m.open_class("div", "sl-table-wrap")
        .attr("role", "region")
        .attr("aria-label", t.products_title)
        .attr("tabindex", "0")
        .attr("data-keep-scroll", "");
    m.open_class("table", "sl-table sl-rows");
    m.open("thead").open("tr");
    head(m, "", t.col_product);
    head(m, "sl-num", t.col_quantity);
    // What the rep needs first (available, short or not) comes next to the quantity, before
    // the price and the breakdown per warehouse: on a narrow screen (a phone, a half-width
    // window) it is what shows without scrolling the table sideways.
    if props.has_stock || props.pending_warehouses.is_some() {
        head(m, "sl-num", t.col_available);
        head(m, "sl-col-state", t.col_state);
    }
    head(m, "sl-num", t.col_price);
    for _ in 0..props.pending_warehouses.unwrap_or(0) {
        m.open("th").attr("scope", "col").attr("class", "sl-num");
        bar(m, "s");
        m.close("th");
    }
    for w in columns {
        // A long title is cut to three lines: the whole of it is the heading's tooltip.
        let title = warehouse_title(w, props.fmt.lang);
        m.open("th")
            .attr("scope", "col")
            .attr("class", "sl-num")
            .attr("data-warehouse-id", &w.id.to_string())
            .attr("title", &title)
            .leaf("span", "sl-wh-title", &title)
            .close("th");
    }
    m.close("tr").close("thead");
    m.open("tbody");
    for row in props.rows {
        row_html(m, props, row, columns);
    }
    m.close("tbody").close("table").close("div");
    let own_reserve_shown = props.rows.iter().any(|row| {
        row.stock.as_ref().is_some_and(|s| {
            s.product
                .warehouses
                .iter()
                .any(|c| !c.own_reserve.is_zero() && columns.iter().any(|w| w.id == c.warehouse_id))
        })
    });
    if own_reserve_shown {
        m.open_class("p", "sl-small sl-muted")
            .attr("data-testid", "own-reserve-legend")
            .attr("aria-hidden", "true")
            .text(t.own_reserve_legend)
            .close("p");
    }
    m.close("section");
}

/// `<th scope="col" class>text</th>`.
#[inline(never)]
fn head(m: &mut Markup, class: &str, text: &str) {
    m.open("th").attr("scope", "col");
    if !class.is_empty() {
        m.attr("class", class);
    }
    m.text(text).close("th");
}

/// A dash for a figure nobody knows.
#[inline(never)]
fn dash(m: &mut Markup) {
    m.leaf("span", "sl-muted", "—");
}

/// Starts `<td>` with `class`, marked when `field` just changed.
#[inline(never)]
fn cell(m: &mut Markup, class: &str, marks: &[RowField], field: RowField) {
    m.open("td");
    changed_class(m, class, marks.contains(&field));
}

fn row_html(m: &mut Markup, props: &RowsTable, row: &ViewRow, columns: &[WarehouseColumn]) {
    let fmt = props.fmt;
    let t = fmt.lang.deal();
    let marks = props.marks.row(RowKey::of(row));
    // "2 pcs" ("1 pc" in English).
    let measure = |quantity| quantity_with_unit(quantity, &row.unit, fmt.lang);
    // Stock in the store's unit, when the row counts in another: said with its unit.
    let stock_unit = row.stock_unit.as_ref();
    let stock_measure = |quantity| match stock_unit {
        Some(unit) => quantity_with_unit(quantity, unit, fmt.lang),
        None => measure(quantity),
    };
    let xml_id = row.xml_id.as_deref().unwrap_or_default();
    // Sold in sizes: the product's own zeros would read as "none left" (its sizes have some):
    // its figures are dashes.
    let stock = row.stock.as_ref().filter(|_| !row.store_in_sizes);
    let shortage = row.shortage();
    let class = match (marks.contains(&RowField::Added), shortage.is_some()) {
        (true, true) => Some("sl-changed sl-row-short"),
        (true, false) => Some("sl-changed"),
        (false, true) => Some("sl-row-short"),
        (false, false) => None,
    };
    m.open("tr")
        .attr(
            "data-testid",
            if row.order_only {
                "order-only-row"
            } else {
                "deal-row"
            },
        )
        .attr("data-xml-id", xml_id)
        .attr_opt("class", class);

    m.open("td");
    m.open("div");
    changed_class(m, "sl-row-name", marks.contains(&RowField::Product));
    m.text(&row.name).close("div");
    m.open_class("div", "sl-small sl-muted");
    // The code the row is matched by: its article when the property matched it (or alone is
    // compared), else its XML_ID — but a 1C GUID, which tells a rep nothing, gives way to the
    // article, or shows its (own) first characters; the whole XML_ID is the code's tooltip.
    let by_property =
        row.matched_by == Some(MatchedBy::Property) || props.property.is_some_and(|p| p.alone);
    let guid = one_c_guid(xml_id);
    let article = match guid {
        true => row.property_value.as_ref().or(row.store_article.as_ref()),
        false => row.property_value.as_ref().filter(|_| by_property),
    };
    let code = match article {
        Some(value) => value.clone(),
        // A variation's own GUID (after `#`), not its product's, which its siblings share.
        None if guid => {
            let own = xml_id.rsplit('#').next().unwrap_or(xml_id);
            format!("{}…", own.chars().take(8).collect::<String>())
        }
        None => xml_id.to_owned(),
    };
    if !code.is_empty() {
        m.open_class("span", "sl-code");
        if code != xml_id && !xml_id.is_empty() {
            m.attr("title", &format!("XML_ID {xml_id}"));
        }
        m.text(&code).close("span");
    }
    if let Some(store_name) = row.store_name.as_ref().filter(|n| **n != row.name) {
        m.open("span").text(" · ").text(store_name).close("span");
    }
    if row.order_only {
        let sep = if code.is_empty() { "" } else { " · " };
        m.open("span").text(sep).text(t.only_in_order).close("span");
    }
    m.close("div");
    // A narrow frame hides the state column (it would sit past the table's edge) and shows
    // the state here, under the name, which stays in view.
    if props.has_stock {
        m.open_class("div", "sl-row-state-narrow");
        row_state(m, props, row, marks, (&stock_measure, false));
        m.close("div");
    }
    m.close("td");

    cell(m, "sl-num", marks, RowField::Quantity);
    if row.order_only {
        // Not in the deal at all: a dash, and the order's quantity under it.
        dash(m);
    } else {
        m.text(&measure(row.quantity));
    }
    let other_unit = row.order_unit.differs_from(&row.unit);
    if let Some(q) = row
        .order_quantity
        .filter(|q| *q != row.quantity || other_unit)
    {
        m.leaf(
            "div",
            "sl-small sl-muted",
            &fill(
                t.in_order,
                &[&quantity_with_unit(q, &row.order_unit, fmt.lang)],
            ),
        );
    }
    m.close("td");

    if props.has_stock {
        cell(m, "sl-num", marks, RowField::Available);
        match stock {
            Some(s) => {
                // The rep reads the figure in their style (`4,667` in Russian, where `4.667`
                // reads as thousands); tools read `data-value`.
                m.open_class("span", "sl-strong")
                    .attr("data-testid", "row-available")
                    .attr("data-value", &plain(s.available))
                    .text(&match stock_unit {
                        Some(unit) => quantity_with_unit(s.available, unit, fmt.lang),
                        None => fmt.qty(s.available),
                    })
                    .close("span");
                let elsewhere = s.product.reserved_elsewhere;
                if !elsewhere.is_zero() && !s.after_earlier_rows {
                    let amount = fmt.qty(elsewhere);
                    m.open_class("div", "sl-small sl-muted")
                        .attr("data-testid", "row-reserved-elsewhere")
                        .attr("title", &fill(t.reserved_elsewhere_hint, &[&amount]))
                        .text(&fill(t.reserved_elsewhere, &[&amount]))
                        .close("div");
                }
                if s.after_earlier_rows {
                    m.open_class("div", "sl-small sl-muted")
                        .attr("title", t.after_earlier_rows_hint)
                        .text(t.after_earlier_rows)
                        .close("div");
                }
            }
            None => dash(m),
        }
        m.close("td");
        m.open_class("td", "sl-col-state");
        row_state(m, props, row, marks, (&stock_measure, true));
        m.close("td");
    }
    // Available and the badge, in grey, until the stock is in.
    let pending = props.pending_warehouses.filter(|_| !props.has_stock);
    if pending.is_some() {
        grey_cells(m, 1);
        m.open_class("td", "sl-col-state");
        bar(m, "s");
        m.close("td");
    }
    cell(m, "sl-num", marks, RowField::Price);
    let currency = match (row.order_only, props.order_currency) {
        (true, Some(order)) => order,
        _ => props.currency,
    };
    m.text(&fmt.money(row.price, currency)).close("td");
    // Each warehouse, in grey.
    if let Some(count) = props.pending_warehouses {
        grey_cells(m, count);
    }
    for w in columns {
        cell(m, "sl-num", marks, RowField::Warehouse(w.id));
        m.attr("data-warehouse-id", &w.id.to_string());
        let found = stock.map(|s| s.product.warehouses.iter().find(|x| x.warehouse_id == w.id));
        match found {
            Some(Some(c)) => {
                m.text(&fmt.qty(c.free));
                if !c.own_reserve.is_zero() {
                    // "+N" on screen (the legend under the table says what it is), the
                    // sentence for screen readers.
                    let amount = fmt.qty(c.own_reserve);
                    let said = fill(t.own_reserve, &[&amount]);
                    m.open_class("span", "sl-small sl-muted")
                        .attr("title", &said)
                        .attr("aria-hidden", "true")
                        .text(&format!(" +{amount}"))
                        .close("span");
                    m.leaf("span", "sl-sr", &format!(", {said}"));
                }
                if let Some(why) = over_reserved_note(c, fmt) {
                    m.open_class("span", "sl-over-reserved")
                        .attr("data-testid", "over-reserved")
                        .attr("title", &why)
                        .attr("aria-label", &why)
                        .text(" !")
                        .close("span");
                }
            }
            Some(None) => {
                m.text("0");
            }
            None => dash(m),
        }
        m.close("td");
    }

    m.close("tr");
}

/// `count` cells holding a grey bar (what is still loading).
fn grey_cells(m: &mut Markup, count: usize) {
    for _ in 0..count {
        m.open("td");
        bar(m, "s");
        m.close("td");
    }
}

/// The row's badge: unmatched (with the hint), short by how much, or in stock.
/// `hooks`: with the test hooks (the copy a narrow frame shows under the name has none, so
/// each badge is counted once).
fn row_state(
    m: &mut Markup,
    props: &RowsTable,
    row: &ViewRow,
    marks: &[RowField],
    (measure, hooks): (&dyn Fn(Decimal) -> String, bool),
) {
    let fmt = props.fmt;
    let t = fmt.lang.deal();
    if row.is_unmatched() {
        let property = props.property.map(|p| format!(" / {}", p.store));
        let codes = [property.as_deref().unwrap_or_default()];
        // Matched by the property alone, the hints name it and not XML_ID.
        let alone = props
            .property
            .filter(|p| p.alone)
            .map(|p| [p.store.as_str()]);
        let (text, hint) = match (row.unmatched, alone) {
            _ if row.delivery => (t.delivery_row, t.delivery_row_hint.to_owned()),
            (Some(Unmatched::FreeText), _) if row.order_only => {
                (t.free_text, t.free_text_order_hint.to_owned())
            }
            (Some(Unmatched::FreeText), _) => (t.free_text, t.free_text_hint.to_owned()),
            (Some(Unmatched::Ambiguous), _) => {
                let names: Vec<String> = row
                    .sharing
                    .iter()
                    .map(|name| fill(t.ambiguous_name, &[name]))
                    .collect();
                let hint = match props.has_order {
                    true => t.ambiguous_hint_linked,
                    false => t.ambiguous_hint,
                };
                (t.ambiguous, fill(hint, &[&names.join(", ")]))
            }
            (Some(Unmatched::NotListed), _) => (t.not_listed, t.not_listed_hint.to_owned()),
            (Some(Unmatched::NoCode), Some(key)) => (t.no_code, fill(t.no_value_hint, &key)),
            (Some(Unmatched::NoCode), None) => (t.no_code, fill(t.no_code_hint, &codes)),
            (_, Some(key)) => (t.unmatched, fill(t.unmatched_value_hint, &key)),
            (_, None) => (t.unmatched, fill(t.unmatched_hint, &codes)),
        };
        m.open_class("span", "sl-badge")
            .attr("title", &hint)
            .attr_opt("data-testid", hooks.then_some("row-unmatched"))
            .text(text)
            .close("span");
        // The hint is a tooltip for the mouse; screen readers read it as text.
        m.leaf("span", "sl-sr", &format!(". {hint}"));
    } else if row.store_in_sizes && !row.shipped {
        // Sold in sizes: the product itself has no stock, a shortage would mislead.
        m.open_class("span", "sl-badge sl-badge-warning")
            .attr("title", t.in_sizes_hint)
            .attr_opt("data-testid", hooks.then_some("row-in-sizes"))
            .text(t.in_sizes)
            .close("span");
        m.leaf("span", "sl-sr", &format!(". {}", t.in_sizes_hint));
    } else if row.units_apart && !row.shipped {
        // Pieces against kg: the stock says nothing of the row's need.
        let unit = |u: &Unit| unit_word(u, fmt.lang);
        let store = row.stock_unit.as_ref().map(unit).unwrap_or_default();
        let hint = fill(t.units_apart_hint, &[&unit(&row.unit), &store]);
        m.open_class("span", "sl-badge sl-badge-warning")
            .attr("title", &hint)
            .attr_opt("data-testid", hooks.then_some("row-units-apart"))
            .text(t.units_apart)
            .close("span");
        m.leaf("span", "sl-sr", &format!(". {hint}"));
    } else if let Some(missing) = row.shortage() {
        m.open("span");
        changed_class(
            m,
            "sl-badge sl-badge-alert",
            marks.contains(&RowField::Shortage),
        );
        let amount = measure(missing);
        m.attr_opt("data-testid", hooks.then_some("row-shortage"))
            .attr("data-value", &plain(missing))
            .text(&fill(t.shortage, &[&amount]))
            .close("span");
        // On the shelf but held for other orders: not "none at all".
        let held = row.stock.as_ref().map(|s| s.product.held_for_others());
        if let Some(held) = held.filter(|h| !h.is_zero()) {
            m.open_class("span", "sl-row-held sl-small sl-muted")
                .attr_opt("data-testid", hooks.then_some("row-held"))
                .attr("data-value", &plain(held))
                .text(&fill(t.held_for_others, &[&measure(held)]))
                .close("span");
        }
    } else if row.shipped {
        m.open_class("span", "sl-badge sl-badge-success")
            .attr_opt("data-testid", hooks.then_some("row-shipped"))
            .text(t.order_shipped)
            .close("span");
    } else if row.stock.is_some() && !row.store_inactive && !props.lost_deal {
        // A lost deal's rows need nothing, so they are never short: nor "in stock" either.
        m.leaf("span", "sl-badge sl-badge-success", t.in_stock);
    }
    if row.store_inactive && !row.is_unmatched() {
        m.open_class("span", "sl-badge sl-badge-warning")
            .attr_opt("data-testid", hooks.then_some("row-inactive"))
            .text(t.store_inactive)
            .close("span");
    }
}
