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

/// The neutral page placeholder shown while the portal answers.
#[function_component]
pub fn PageSkeleton() -> Html {
    html! {
        <div class="sl-page" data-testid="storelink" data-state="loading" aria-busy="true">
            <div class="sl-card">
                <Bar width="l" />
                <Bar width="full" />
                <Bar width="m" />
            </div>
        </div>
    }
}
