//! The differences between the deal and its order, each a plain sentence.

use super::changed_class;
use crate::i18n::{Lang, Names, difference_sentence};
use crate::markup::Markup;
use crate::model::reconcile::Difference;

/// What differs between the deal and its order; `names` gives stage and status names and the
/// deal's currency, `marked` says a live update just changed the list.
pub fn differences(
    m: &mut Markup,
    differences: &[Difference],
    lang: Lang,
    names: &Names,
    marked: bool,
) {
    let t = lang.deal();
    m.open("section");
    changed_class(m, "sl-card sl-differences", marked);
    m.attr("aria-label", t.differences_title)
        .attr("data-testid", "differences")
        .attr("data-count", &differences.len().to_string());
    m.leaf("h3", "", t.differences_title);
    if differences.is_empty() {
        m.open_class("p", "sl-ok")
            .attr("data-testid", "no-differences")
            .text(t.no_differences)
            .close("p");
    } else {
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
    m.close("section");
}
