//! A message box: what happened and what the person can do.

use yew::prelude::*;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    #[cfg_attr(not(feature = "admin"), allow(dead_code))]
    Success,
    Warning,
    Alert,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Info => "sl-notice sl-notice-info",
            Tone::Success => "sl-notice sl-notice-success",
            Tone::Warning => "sl-notice sl-notice-warning",
            Tone::Alert => "sl-notice sl-notice-alert",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub tone: Tone,
    #[prop_or_default]
    pub title: AttrValue,
    pub text: AttrValue,
    /// A button label and what it does.
    #[prop_or_default]
    pub action: Option<(AttrValue, Callback<MouseEvent>)>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[function_component]
pub fn Notice(props: &NoticeProps) -> Html {
    let role = if props.tone == Tone::Alert {
        "alert"
    } else {
        "status"
    };
    html! {
        <div class={props.tone.class()} role={role} data-testid={props.testid.clone()}>
            if !props.title.is_empty() {
                <strong class="sl-notice-title">{ props.title.clone() }</strong>
            }
            <span class="sl-notice-text">{ props.text.clone() }</span>
            if let Some((label, onclick)) = props.action.clone() {
                <button type="button" class="sl-btn sl-btn-light" {onclick}>{ label }</button>
            }
        </div>
    }
}
