//! The differences between the deal and its order, each a plain sentence.

use super::changed_class;
use crate::i18n::{Lang, Names, difference_sentence, fill};
use crate::markup::Markup;
use crate::model::reconcile::Difference;

/// What differs between the deal and its order; `names` gives stage and status names and the
/// deal's currency, `marked` says a live update just changed the list. `unmapped_status`: the
/// order status the settings map to no stage, so stage and status were not compared.
pub fn differences(
    m: &mut Markup,
    differences: &[Difference],
    unmapped_status: Option<&str>,
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
    if let Some(status) = unmapped_status {
        let name = (names.status)(status).unwrap_or_else(|| status.to_owned());
        m.open_class("p", "sl-muted sl-small")
            .attr("data-testid", "status-not-compared")
            .text(&fill(t.status_not_compared, &[&name]))
            .close("p");
    }
    m.close("section");
}
