//! Grey placeholders in the shape of what is loading, so nothing jumps when data arrives.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BarProps {
    /// Width class suffix: `s`, `m`, `l`, `full`.
    #[prop_or(AttrValue::Static("m"))]
    pub width: AttrValue,
}

/// One grey bar the height of a line of text.
#[function_component]
pub fn Bar(props: &BarProps) -> Html {
    html! { <span class={classes!("sl-skel", format!("sl-skel-{}", props.width))} aria-hidden="true"></span> }
}
