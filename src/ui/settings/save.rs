//! The save bar: the button, and what saving did (saved, refused with the problems marked,
//! or the portal's refusal).

use yew::prelude::*;

use super::state::{PageState, Save};
use super::texts::{part_names, save_failure_kind, save_failure_text};
use crate::i18n::{Lang, fill};
use crate::ui::notice::{Notice, Tone};

#[derive(Properties, PartialEq)]
pub struct SaveBarProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
    pub on_save: Callback<()>,
}

#[function_component]
pub fn SaveBar(props: &SaveBarProps) -> Html {
    let t = props.lang.settings();
    let saving = matches!(props.page.save, Save::Saving | Save::Checking);
    // Not `disabled` while saving: a disabled button drops the keyboard focus to the page.
    let onclick = {
        let on_save = props.on_save.clone();
        Callback::from(move |_: MouseEvent| {
            if !saving {
                on_save.emit(())
            }
        })
    };
    let pipelines = match props.page.portal.as_ref().map(|p| &p.pipelines) {
        Some(Ok(list)) => list.as_slice(),
        _ => &[],
    };
    let outcome = match &props.page.save {
        Save::Idle => Html::default(),
        Save::Saving => html! {
            <div class="sl-progress" role="status">
                <span class="sl-spinner" aria-hidden="true"></span>
                <span>{ t.saving }</span>
            </div>
        },
        Save::Checking => html! {
            <div class="sl-progress" role="status" data-testid="settings-save-checking">
                <span class="sl-spinner" aria-hidden="true"></span>
                <span>{ t.save_checking }</span>
            </div>
        },
        Save::CheckFailed => html! {
            <div data-testid="settings-error" data-kind="webhook-check-failed">
                { Notice::new(Tone::Alert, t.save_check_failed).titled(t.refused_title).html() }
            </div>
        },
        Save::Saved(theirs) => html! {
            <>
                { Notice::new(Tone::Success, t.saved_text).titled(t.saved_title).testid("settings-saved").html() }
                if !theirs.is_empty() {
                    { Notice::new(Tone::Warning, fill(t.saved_theirs, &[&part_names(t, theirs, pipelines)])).testid("settings-saved-theirs").html() }
                }
                if !props.page.saved.has_store() {
                    { Notice::new(Tone::Warning, t.saved_unconnected).testid("settings-saved-unconnected").html() }
                }
                if let Some(id) = props.page.unused_price_type {
                    { Notice::new(Tone::Warning, fill(t.price_type_unused, &[&id.to_string()])).testid("settings-price-type-unused").html() }
                }
            </>
        },
        Save::Conflict(clashes) => html! {
            <div data-testid="settings-error" data-kind="conflict">
                { Notice::new(Tone::Alert, fill(t.save_conflict, &[&part_names(t, clashes, pipelines)])).titled(t.refused_title).html() }
            </div>
        },
        Save::Refused(count) => html! {
            <div data-testid="settings-error" data-kind="invalid">
                { Notice::new(Tone::Alert, fill(t.refused_text, &[&count.to_string()])).titled(t.refused_title).html() }
            </div>
        },
        Save::Failed(error) => html! {
            <div data-testid="settings-error" data-kind={save_failure_kind(error)}>
                { Notice::new(Tone::Alert, save_failure_text(t, error)).titled(t.save_failed_title).html() }
            </div>
        },
    };
    html! {
        <div class="sl-card sl-settings-save">
            <div class="sl-actions">
                <button type="button" class="sl-btn" data-testid="settings-save"
                    aria-disabled={saving.to_string()} aria-busy={saving.to_string()} {onclick}>{ t.save }</button>
            </div>
            <div class="sl-settings-outcome" aria-live="polite">{ outcome }</div>
        </div>
    }
}
