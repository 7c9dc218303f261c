//! Section 1: the store's webhook, validated as typed, and "Check connection" with what it
//! found or why it failed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::controls::{TextInput, text_field};
use super::state::{Action, Check, Edit, PageState};
use super::texts::{Side, failure_text, problem_text, problems_of};
use crate::i18n::{Lang, fill};
use crate::model::settings::SettingsField;
use crate::ui::notice::{Notice, Tone};

#[derive(Properties, PartialEq)]
pub struct StoreSectionProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
    pub on_check: Callback<()>,
}

#[function_component]
pub fn StoreSection(props: &StoreSectionProps) -> Html {
    let t = props.lang.settings();
    let page = &props.page;
    let webhook = &page.form.webhook;
    let mut problems: Vec<String> = webhook
        .problem()
        .iter()
        .map(|p| problem_text(t, p))
        .collect();
    if problems.is_empty() {
        problems = problems_of(t, &page.problems, &SettingsField::StoreWebhook);
    }
    let oninput = {
        let page = page.clone();
        Callback::from(move |text: String| page.dispatch(Action::Edit(Edit::Webhook(text))))
    };
    // Focusing (or clicking) the masked saved address selects it whole, so a pasted one
    // replaces it (a click's mouse-up would otherwise undo the selection made on focus).
    let untouched = !webhook.edited;
    let onfocus = untouched.then(|| {
        Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())
    });
    let onclick_box = untouched.then(|| {
        Callback::from(|e: MouseEvent| e.target_unchecked_into::<HtmlInputElement>().select())
    });
    let running = page.check == Check::Running;
    // Not `disabled` while checking: a disabled button drops the keyboard focus to the page.
    let onclick = {
        let on_check = props.on_check.clone();
        Callback::from(move |_: MouseEvent| {
            if !running {
                on_check.emit(())
            }
        })
    };
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-store-title">
            <h2 id="settings-store-title">{ t.store_title }</h2>
            { text_field(TextInput {
                id: "settings-webhook".into(),
                label: t.webhook_label.into(),
                value: webhook.text.clone().into(),
                hint: Some(if page.saved.store_webhook.is_some() {
                    format!("{} {}", t.webhook_hint, t.webhook_hint_saved).into()
                } else {
                    t.webhook_hint.into()
                }),
                placeholder: Some("https://shop.example/rest/1/…/".into()),
                problems,
                oninput,
                onfocus,
                onclick: onclick_box,
                ..TextInput::default()
            }) }
            if webhook.disconnects(page.saved.store_webhook.as_ref()) {
                <p class="sl-settings-warning" data-testid="settings-webhook-disconnects">{ t.webhook_disconnects }</p>
            }
            <div class="sl-actions">
                <button type="button" class="sl-btn sl-btn-light" data-testid="settings-check"
                    aria-disabled={running.to_string()} aria-busy={running.to_string()} {onclick}>{ t.check }</button>
            </div>
            { check_result(page, props.lang) }
        </section>
    }
}

fn check_result(page: &PageState, lang: Lang) -> Html {
    let t = lang.settings();
    let (state, failure, body) = match &page.check {
        Check::Idle => ("idle", None, Html::default()),
        Check::Running => (
            "running",
            None,
            html! {
                <div class="sl-progress">
                    <span class="sl-spinner" aria-hidden="true"></span>
                    <span>{ t.check_running }</span>
                </div>
            },
        ),
        Check::Passed(report, catalogs_failure) => {
            let mut text = fill(
                t.check_ok_text,
                &[
                    &report.active_warehouses.to_string(),
                    &report.statuses.to_string(),
                    &report.catalogs.len().to_string(),
                ],
            );
            if let Some(failure) = catalogs_failure {
                let why = failure_text(t, failure, Side::Store, &page.store_origin);
                text.push(' ');
                text.push_str(&fill(t.catalogs_unavailable, &[&why]));
            }
            (
                "ok",
                None,
                Notice::new(Tone::Success, text)
                    .titled(t.check_ok_title)
                    .html(),
            )
        }
        Check::Failed(failure) => (
            "failed",
            Some(failure.code()),
            Notice::new(
                Tone::Alert,
                failure_text(t, failure, Side::Store, &page.store_origin),
            )
            .titled(t.check_failed_title)
            .html(),
        ),
        // The address's own problem is said under the field already: once is enough.
        Check::Refused(problem) if page.form.webhook.problem().as_ref() == Some(problem) => {
            ("refused", None, html! {})
        }
        Check::Refused(problem) => (
            "refused",
            None,
            html! { <p class="sl-field-error">{ problem_text(t, problem) }</p> },
        ),
    };
    let report = match &page.check {
        Check::Passed(report, _) => Some(report),
        _ => None,
    };
    html! {
        <div class="sl-settings-check" data-testid="settings-check-result" data-state={state}
            data-failure={failure}
            data-warehouses={report.map(|r| r.active_warehouses.to_string())}
            data-statuses={report.map(|r| r.statuses.to_string())}
            data-catalogs={report.map(|r| r.catalogs.len().to_string())}
            aria-live="polite">
            { body }
        </div>
    }
}
