//! The root component: the chosen screen inside its context providers.

use std::rc::Rc;

use yew::prelude::*;

use super::auto_height::AutoHeight;
use super::context::SettingsSaved;
use super::notice::{Notice, Tone};
use super::outside::Outside;
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
    let Some(current) = (*session).clone() else {
        return match &props.screen {
            Screen::Failed(error) => {
                let t = early_lang().shell();
                html! {
                    <div class="sl-page" data-testid="storelink" data-state="error">
                        <Notice tone={Tone::Alert} title={t.frame_failed_title}
                            text={fill(t.frame_failed_text, &[&error.to_string()])} />
                    </div>
                }
            }
            _ => html! { <Outside lang={early_lang()} /> },
        };
    };
    let saved = {
        let session = session.clone();
        let base = current.clone();
        SettingsSaved(Callback::from(move |settings| {
            session.set(Some(Rc::new(base.with_settings(settings))))
        }))
    };
    html! {
        <ContextProvider<Rc<Session>> context={current.clone()}>
        <ContextProvider<SettingsSaved> context={saved}>
            <AutoHeight frame={current.frame.clone()}>
                { screen_html(&props.screen, &current) }
            </AutoHeight>
        </ContextProvider<SettingsSaved>>
        </ContextProvider<Rc<Session>>>
    }
}

fn screen_html(screen: &Screen, session: &Rc<Session>) -> Html {
    let t = session.lang.shell();
    match screen {
        #[cfg(feature = "tab")]
        Screen::DealTab { deal_id, .. } => html! { <super::deal::DealTab deal_id={*deal_id} /> },
        #[cfg(feature = "admin")]
        Screen::Home(_) => html! { <super::home::HomePage /> },
        #[cfg(feature = "admin")]
        Screen::Install(_) => html! { <super::install::InstallPage /> },
        Screen::NoDeal(_) => html! {
            <div class="sl-page" data-testid="deal-tab" data-state="error">
                <Notice tone={Tone::Alert} title={t.deal_tab_no_deal_title} text={t.deal_tab_no_deal_text} />
            </div>
        },
        Screen::Unsupported { placement, .. } => unsupported(t, placement),
        #[allow(unreachable_patterns)] // a screen of the other bundle
        _ => unsupported(t, &session.init.placement),
    }
}

fn unsupported(t: &crate::i18n::ShellTexts, placement: &str) -> Html {
    html! {
        <div class="sl-page" data-testid="storelink" data-state="error">
            <Notice tone={Tone::Warning} title={t.placement_unknown_title}
                text={fill(t.placement_unknown_text, &[placement])} />
        </div>
    }
}
