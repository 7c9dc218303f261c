//! The differences between the deal and its order, each a plain sentence.

use super::changed_class;
use crate::i18n::{Lang, Names, difference_sentence, fill, uncompared_sentences, variant_sentence};
use crate::markup::Markup;
use crate::markup::format::Fmt;
use crate::model::reconcile::Difference;
use crate::model::view::DealView;

/// A list longer than this is folded.
const FOLD_OVER: usize = 8;
/// How many sentences a folded list shows.
const FOLD_SHOWN: usize = 5;

/// One `<ul>` of difference sentences.
fn sentences(m: &mut Markup, differences: &[Difference], lang: Lang, names: &Names) {
    m.open_class("ul", "sl-diff-list");
    for d in differences {
        m.open("li")
            .attr("data-testid", "difference")
            .attr("data-kind", d.kind().as_str())
            .text(&difference_sentence(d, lang, names))
            .close("li");
    }
    m.close("ul");
}

/// What differs between the deal and its order; `names` gives stage and status names and the
/// deal's currency, `marked` says a live update just changed the list. `unmapped_status`: the
/// order status the settings map to no stage, so stage and status were not compared;
/// `products_unchecked`: the products could not be matched (the portal catalogue is unread), so
/// an empty list is no agreement.
pub fn differences(
    m: &mut Markup,
    view: &DealView,
    products_unchecked: bool,
    fmt: Fmt,
    names: &Names,
    marked: bool,
) {
    let (differences, unmapped_status) = (&view.differences, view.unmapped_status.as_deref());
    let unmapped_stage = view.unmapped_stage.as_deref();
    let lang = fmt.lang;
    let t = lang.deal();
    m.open("section");
    changed_class(m, "sl-card sl-differences", marked);
    m.attr("aria-label", t.differences_title)
        .attr("data-testid", "differences")
        .attr("data-count", &differences.len().to_string());
    m.leaf("h2", "", t.differences_title);
    // Products not compared are no agreement, whatever else agrees.
    if products_unchecked {
        m.open_class("p", "sl-muted")
            .attr("data-testid", "products-not-compared")
            .text(t.products_not_compared)
            .close("p");
    } else if differences.is_empty() {
        // With the stage or a product left out, "they agree" would contradict the notes below.
        let left_out = unmapped_status.or(unmapped_stage).is_some() || !view.uncompared.is_empty();
        let agree = match left_out {
            true => t.no_differences_compared,
            false => t.no_differences,
        };
        m.open_class("p", "sl-ok")
            .attr("data-testid", "no-differences")
            .text(agree)
            .close("p");
        // The sums on screen differ by the delivery: said, so no one takes it for a miss.
        if let (Some(delivery), Some(order)) = (view.delivery_left_out(), &view.order) {
            let price = fmt.money(delivery, &order.currency);
            m.open_class("p", "sl-muted sl-small")
                .attr("data-testid", "delivery-left-out")
                .text(&fill(t.delivery_left_out, &[&price]))
                .close("p");
        }
    }
    if !differences.is_empty() {
        // A long list (a deal and an order with little in common) shows its first sentences
        // and folds the rest under their count.
        let shown = if differences.len() > FOLD_OVER {
            FOLD_SHOWN
        } else {
            differences.len()
        };
        let (first, rest) = differences.split_at(shown);
        sentences(m, first, lang, names);
        if !rest.is_empty() {
            m.open_class("details", "sl-diff-more")
                .attr("id", "sl-diff-more")
                .attr("data-testid", "differences-more");
            m.leaf(
                "summary",
                "",
                &fill(t.differences_more, &[&rest.len().to_string()]),
            );
            sentences(m, rest, lang, names);
            m.close("details");
        }
    }
    // A row and a line said missing on either side that are variants of one product.
    for pair in &view.variants {
        m.open_class("p", "sl-muted sl-small")
            .attr("data-testid", "variant-note")
            .text(&variant_sentence(pair, lang))
            .close("p");
    }
    // What was not compared, each under the list: the products never looked for in the store,
    // then the status or stage, by name.
    for sentence in uncompared_sentences(&view.uncompared, lang) {
        m.open_class("p", "sl-muted sl-small")
            .attr("data-testid", "rows-not-compared")
            .text(&sentence)
            .close("p");
    }
    let notes = [
        (
            unmapped_status,
            names.status,
            "status-not-compared",
            t.status_not_compared,
        ),
        (
            unmapped_stage,
            names.stage,
            "stage-not-compared",
            t.stage_not_compared,
        ),
    ];
    for (id, name_of, testid, template) in notes {
        if let Some(id) = id {
            let name = name_of(id).unwrap_or_else(|| id.to_owned());
            m.open_class("p", "sl-muted sl-small")
                .attr("data-testid", testid)
                .text(&fill(template, &[&name]))
                .close("p");
        }
    }
    m.close("section");
}
