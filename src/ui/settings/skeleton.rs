//! Placeholders in the shape of a section's rows while its data loads.

use yew::prelude::*;

use crate::ui::skeleton::bar;

/// Label and control bars, as many as the section will show rows.
pub fn section_skeleton(rows: usize) -> Html {
    html! {
        <div class="sl-settings-skeleton" aria-hidden="true" data-testid="settings-skeleton">
            { for (0..rows).map(|_| html! {
                <div class="sl-settings-skeleton-row">
                    { bar("m") }
                    <span class="sl-skel sl-settings-skel-control"></span>
                </div>
            }) }
        </div>
    }
}
