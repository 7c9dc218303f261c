//! Grey placeholders on the admin pages, the same as the deal tab's
//! ([`crate::markup::skeleton`]).

use yew::prelude::*;

use crate::markup::Markup;

/// One grey bar the height of a line of text; `width` is the class suffix: `s`, `m`, `l`,
/// `full`.
pub fn bar(width: &str) -> Html {
    let mut m = Markup::new();
    crate::markup::skeleton::bar(&mut m, width);
    Html::from_html_unchecked(m.finish().into())
}
