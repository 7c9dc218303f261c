//! What the tab says when something is missing or failed, and that it is working.

use std::rc::Rc;

use bitrix_rest::Error;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::i18n::errors::{System, describe};
use crate::session::Session;
use crate::ui::notice::{Notice, Tone};

#[derive(Properties, PartialEq)]
pub struct StoreNoticeProps {
    pub session: Rc<Session>,
    /// Why the store failed; `None` = not configured.
    pub error: Option<Error>,
}

/// The store's side when it cannot be shown: not configured (admin: settings; rep: ask the
/// administrator) or unavailable (the sentence for the failure; the CRM part stays).
#[function_component]
pub fn StoreNotice(props: &StoreNoticeProps) -> Html {
    let lang = props.session.lang;
    let t = lang.deal();
    match &props.error {
        Some(error) => html! {
            <section class="sl-card sl-order-card" data-testid="store-unavailable">
                <Notice tone={Tone::Warning} title={t.store_unavailable_title}
                    text={describe(error, System::Store, lang)} />
            </section>
        },
        None if props.session.init.is_admin => {
            let frame = props.session.frame.clone();
            // Where the portal cannot open the app page, the sentence still says where to go.
            let open = Callback::from(move |_| drop(frame.open_application()));
            html! {
                <section class="sl-card sl-order-card" data-testid="store-not-configured">
                    <Notice tone={Tone::Info} text={t.store_not_configured_admin}
                        action={Some((AttrValue::from(t.open_settings), open))} />
                </section>
            }
        }
        None => html! {
            <section class="sl-card sl-order-card" data-testid="store-not-configured">
                <Notice tone={Tone::Info} text={t.store_not_configured_rep} />
            </section>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct LoadFailedProps {
    pub error: Error,
    pub lang: Lang,
    pub on_retry: Callback<MouseEvent>,
}

/// The deal itself could not be loaded.
#[function_component]
pub fn LoadFailed(props: &LoadFailedProps) -> Html {
    let t = props.lang.deal();
    html! {
        <div data-testid="load-failed">
            <Notice tone={Tone::Alert} title={t.load_failed_title}
                text={describe(&props.error, System::Portal, props.lang)}
                action={Some((AttrValue::from(t.retry), props.on_retry.clone()))} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TabStatusProps {
    pub busy: bool,
    pub has_data: bool,
    /// A refresh failure while older data stays on screen.
    pub error: Option<Error>,
    pub lang: Lang,
    pub on_retry: Callback<MouseEvent>,
}

/// How long a load may take before the tab says it is waiting (a slow portal or a rate-limit
/// pause inside the client).
const SLOW_MS: u32 = 1_500;

/// A thin line above the tab: refreshing, waiting for Bitrix24, or a refresh that failed.
#[function_component]
pub fn TabStatus(props: &TabStatusProps) -> Html {
    let t = props.lang.deal();
    let slow = use_state(|| false);
    {
        let slow = slow.clone();
        use_effect_with(props.busy, move |busy| {
            slow.set(false);
            let timer = busy.then(|| Timeout::new(SLOW_MS, move || slow.set(true)));
            move || drop(timer)
        });
    }
    if let Some(error) = &props.error {
        return html! {
            <Notice tone={Tone::Warning} text={describe(error, System::Portal, props.lang)}
                action={Some((AttrValue::from(t.retry), props.on_retry.clone()))} testid="refresh-failed" />
        };
    }
    let text = match (props.busy, *slow, props.has_data) {
        (true, true, _) => t.waiting,
        (true, false, true) => t.refreshing,
        _ => "",
    };
    html! {
        <div class="sl-tab-status" role="status" aria-live="polite" data-testid="tab-status">
            if !text.is_empty() {
                <span class="sl-spinner" aria-hidden="true"></span>
                <span>{ text }</span>
            }
        </div>
    }
}
