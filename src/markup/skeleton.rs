//! Grey placeholders in the shape of what is loading, so nothing jumps when data arrives.

use super::Markup;

/// One grey bar the height of a line of text; `width` is the class suffix: `s`, `m`, `l`,
/// `full`.
#[inline(never)]
pub fn bar(m: &mut Markup, width: &str) {
    m.open("span")
        .attr("class", &format!("sl-skel sl-skel-{width}"))
        .attr("aria-hidden", "true")
        .close("span");
}
