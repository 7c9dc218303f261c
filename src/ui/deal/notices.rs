//! What the tab says when something is missing or failed, and that it is working.

use std::rc::Rc;

use bitrix_rest::Error;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::i18n::errors::{System, describe};
use crate::session::Session;
use crate::ui::notice::{Notice, Tone};

/// The store's side when it cannot be shown: not configured, `error` = `None` (admin:
/// settings; rep: ask the administrator) or unavailable (the sentence for the failure; the
/// CRM part stays).
pub fn store_notice(session: &Rc<Session>, error: Option<&Error>) -> Html {
    let lang = session.lang;
    let t = lang.deal();
    match error {
        Some(error) => html! {
            <section class="sl-card sl-order-card" data-testid="store-unavailable">
                { Notice::new(Tone::Warning, describe(error, System::Store, lang)).titled(t.store_unavailable_title).html() }
            </section>
        },
        None if session.init.is_admin => {
            let frame = session.frame.clone();
            // Where the portal cannot open the app page, the sentence still says where to go.
            let open = Callback::from(move |_| drop(frame.open_application()));
            html! {
                <section class="sl-card sl-order-card" data-testid="store-not-configured">
                    { Notice::new(Tone::Info, t.store_not_configured_admin).action(t.open_settings, open).html() }
                </section>
            }
        }
        None => html! {
            <section class="sl-card sl-order-card" data-testid="store-not-configured">
                { Notice::new(Tone::Info, t.store_not_configured_rep).html() }
            </section>
        },
    }
}

/// The deal itself could not be loaded.
pub fn load_failed(error: &Error, lang: Lang, on_retry: Callback<MouseEvent>) -> Html {
    let t = lang.deal();
    let notice = Notice::new(Tone::Alert, describe(error, System::Portal, lang))
        .titled(t.load_failed_title)
        .action(t.retry, on_retry);
    html! {
        <div data-testid="load-failed">{ notice.html() }</div>
    }
}

/// How long a load may take before the tab says it is waiting (a slow portal or a rate-limit
/// pause inside the client).
const SLOW_MS: u32 = 1_500;

/// True once a load has been busy for [`SLOW_MS`].
#[hook]
pub fn use_slow(busy: bool) -> bool {
    let slow = use_state(|| false);
    {
        let slow = slow.clone();
        use_effect_with(busy, move |busy| {
            slow.set(false);
            let timer = busy.then(|| Timeout::new(SLOW_MS, move || slow.set(true)));
            move || drop(timer)
        });
    }
    *slow
}

/// What the tab's status line shows.
pub struct TabStatus {
    pub busy: bool,
    /// The load has been busy for a while (see [`use_slow`]).
    pub slow: bool,
    pub has_data: bool,
    /// A refresh failure while older data stays on screen.
    pub error: Option<Error>,
    pub lang: Lang,
    pub on_retry: Callback<MouseEvent>,
}

/// A thin line above the tab: refreshing, waiting for Bitrix24, or a refresh that failed.
pub fn tab_status(props: TabStatus) -> Html {
    let t = props.lang.deal();
    if let Some(error) = &props.error {
        return Notice::new(Tone::Warning, describe(error, System::Portal, props.lang))
            .action(t.retry, props.on_retry)
            .testid("refresh-failed")
            .html();
    }
    let text = match (props.busy, props.slow, props.has_data) {
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
