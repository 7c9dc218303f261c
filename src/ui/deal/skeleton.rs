//! The deal tab's layout in grey while it loads, so nothing jumps when data arrives.

use yew::prelude::*;

use crate::ui::skeleton::bar;

pub fn deal_skeleton() -> Html {
    html! {
        <div class="sl-deal-body" aria-hidden="true">
            <div class="sl-deal-top">
                <section class="sl-card sl-order-card">
                    { bar("l") }
                    <div class="sl-facts-skel">
                        { for (0..5).map(|_| html! { <>{ bar("s") }{ bar("m") }</> }) }
                    </div>
                </section>
                <section class="sl-card sl-deal-card">
                    { bar("m") }
                    { for (0..3).map(|_| html! { <>{ bar("s") }{ bar("m") }</> }) }
                </section>
            </div>
            <section class="sl-card">
                { bar("l") }
                { for (0..4).map(|_| bar("full")) }
            </section>
        </div>
    }
}
