//! Grey placeholders in the shape of what is loading, so nothing jumps when data arrives.

use yew::prelude::*;

/// One grey bar the height of a line of text; `width` is the class suffix: `s`, `m`, `l`,
/// `full`.
#[inline(never)]
pub fn bar(width: &str) -> Html {
    html! { <span class={format!("sl-skel sl-skel-{width}")} aria-hidden="true"></span> }
}
