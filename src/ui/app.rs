//! The root component of the admin pages: the app page or the installer inside its context
//! providers.

use std::rc::Rc;

use yew::prelude::*;

use super::auto_height::use_auto_height;
use crate::page::screen::Screen;
use crate::session::Session;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub screen: Screen,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    // Saved settings replace the session, so every page and the store client follow them.
    let session = use_state(|| props.screen.session().clone());
    let root = use_auto_height(Some(props.screen.session().frame.clone()));
    let current = (*session).clone();
    let page = html! {
        <div ref={root} class="sl-root">{ screen_html(&props.screen) }</div>
    };
    with_context(page, &current, &session)
}

/// The admin pages read the session, and how to report saved settings, from context.
fn with_context(page: Html, current: &Rc<Session>, state: &UseStateHandle<Rc<Session>>) -> Html {
    use super::context::SettingsSaved;
    let saved = {
        let state = state.clone();
        let base = current.clone();
        SettingsSaved(Callback::from(move |settings| {
            state.set(Rc::new(base.with_settings(settings)))
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

fn screen_html(screen: &Screen) -> Html {
    match screen {
        Screen::Install(_) => html! { <super::install::InstallPage /> },
        _ => html! { <super::home::HomePage /> },
    }
}
