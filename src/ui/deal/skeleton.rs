//! The deal tab's layout in grey while it loads, so nothing jumps when data arrives.

use yew::prelude::*;

use crate::ui::skeleton::Bar;

#[function_component]
pub fn DealSkeleton() -> Html {
    html! {
        <div class="sl-deal-body" aria-hidden="true">
            <div class="sl-deal-top">
                <section class="sl-card sl-order-card">
                    <Bar width="l" />
                    <div class="sl-facts-skel">
                        { for (0..5).map(|_| html! { <><Bar width="s" /><Bar width="m" /></> }) }
                    </div>
                </section>
                <section class="sl-card sl-deal-card">
                    <Bar width="m" />
                    { for (0..3).map(|_| html! { <><Bar width="s" /><Bar width="m" /></> }) }
                </section>
            </div>
            <section class="sl-card">
                <Bar width="l" />
                { for (0..4).map(|_| html! { <Bar width="full" /> }) }
            </section>
        </div>
    }
}
