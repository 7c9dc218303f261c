//! Section 6: how often the open tab checks both sides for changes.

use yew::prelude::*;

use super::controls::{TextInput, text_field};
use super::state::{Action, Edit, PageState};
use super::texts::problems_of;
use crate::i18n::{Lang, fill};
use crate::model::settings::{MAX_POLL_SECS, MIN_POLL_SECS, SettingsField};

#[derive(Properties, PartialEq)]
pub struct PollSectionProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
}

#[function_component]
pub fn PollSection(props: &PollSectionProps) -> Html {
    let t = props.lang.settings();
    let page = &props.page;
    let oninput = {
        let page = page.clone();
        Callback::from(move |text: String| page.dispatch(Action::Edit(Edit::Poll(text))))
    };
    let hint = fill(
        t.poll_hint,
        &[&MIN_POLL_SECS.to_string(), &MAX_POLL_SECS.to_string()],
    );
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-poll-title">
            <h2 id="settings-poll-title">{ t.poll_title }</h2>
            { text_field(TextInput {
                id: "settings-poll".into(),
                label: t.poll_label.into(),
                value: page.form.poll.clone().into(),
                hint: Some(hint.into()),
                numeric: true,
                problems: problems_of(t, &page.problems, &SettingsField::PollInterval),
                oninput,
                ..TextInput::default()
            }) }
        </section>
    }
}
