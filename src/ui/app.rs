//! The root component: the chosen screen inside its context providers.

use std::rc::Rc;

use yew::prelude::*;

use super::auto_height::use_auto_height;
use super::notice::{Notice, Tone};
use super::outside::outside;
use super::screen::Screen;
use crate::i18n::{Lang, fill};
use crate::session::Session;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub screen: Screen,
}

/// The language before the portal has said which: the iframe URL's `LANG`, else the browser's.
pub fn early_lang() -> Lang {
    let window = web_sys::window();
    let from_query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("LANG=").map(str::to_owned))
        });
    let code = from_query
        .or_else(|| window.and_then(|w| w.navigator().language()))
        .unwrap_or_default();
    Lang::from_code(&code)
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    // Saved settings replace the session, so every page and the store client follow them.
    let session = use_state(|| props.screen.session().cloned());
    let root = use_auto_height(props.screen.session().map(|s| s.frame.clone()));
    let Some(current) = (*session).clone() else {
        return match &props.screen {
            Screen::Failed(error) => {
                let t = early_lang().shell();
                let text = fill(t.frame_failed_text, &[&error.to_string()]);
                html! {
                    <div class="sl-page" data-testid="storelink" data-state="error">
                        { Notice::new(Tone::Alert, text).titled(t.frame_failed_title).html() }
                    </div>
                }
            }
            _ => outside(early_lang()),
        };
    };
    let page = html! {
        <div ref={root} class="sl-root">{ screen_html(&props.screen, &current) }</div>
    };
    with_context(page, &current, &session)
}

/// The admin pages read the session, and how to report saved settings, from context.
#[cfg(feature = "admin")]
fn with_context(
    page: Html,
    current: &Rc<Session>,
    state: &UseStateHandle<Option<Rc<Session>>>,
) -> Html {
    use super::context::SettingsSaved;
    let saved = {
        let state = state.clone();
        let base = current.clone();
        SettingsSaved(Callback::from(move |settings| {
            state.set(Some(Rc::new(base.with_settings(settings))))
        }))
    };
    html! {
        <ContextProvider<Rc<Session>> context={current.clone()}>
        <ContextProvider<SettingsSaved> context={saved}>
            { page }
        </ContextProvider<SettingsSaved>>
        </ContextProvider<Rc<Session>>>
    }
}

/// The deal tab takes its session as a prop: its bundle carries no context providers.
#[cfg(not(feature = "admin"))]
fn with_context(page: Html, _: &Rc<Session>, _: &UseStateHandle<Option<Rc<Session>>>) -> Html {
    page
}

fn screen_html(screen: &Screen, session: &Rc<Session>) -> Html {
    let t = session.lang.shell();
    match screen {
        #[cfg(feature = "tab")]
        Screen::DealTab { deal_id, .. } => super::deal::deal_tab(session, *deal_id),
        #[cfg(feature = "admin")]
        Screen::Home(_) => html! { <super::home::HomePage /> },
        #[cfg(feature = "admin")]
        Screen::Install(_) => html! { <super::install::InstallPage /> },
        Screen::NoDeal(_) => html! {
            <div class="sl-page" data-testid="deal-tab" data-state="error">
                { Notice::new(Tone::Alert, t.deal_tab_no_deal_text).titled(t.deal_tab_no_deal_title).html() }
            </div>
        },
        Screen::Unsupported { placement, .. } => unsupported(t, placement),
        #[allow(unreachable_patterns)] // a screen of the other bundle
        _ => unsupported(t, &session.init.placement),
    }
}

fn unsupported(t: &crate::i18n::ShellTexts, placement: &str) -> Html {
    let text = fill(t.placement_unknown_text, &[placement]);
    html! {
        <div class="sl-page" data-testid="storelink" data-state="error">
            { Notice::new(Tone::Warning, text).titled(t.placement_unknown_title).html() }
        </div>
    }
}
