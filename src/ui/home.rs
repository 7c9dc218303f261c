//! The app's own page (placement `DEFAULT`): the stock lookup for everyone, the settings for
//! administrators; a rep sees who to ask instead.

use std::rc::Rc;

use yew::prelude::*;

use super::context::use_session;
use super::notice::{Notice, Tone};
use super::settings::SettingsPage;
use crate::page::lookup::{LookupOptions, mount};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Lookup,
    Settings,
}

#[function_component]
pub fn HomePage() -> Html {
    let session = use_session();
    let not_configured = session.as_ref().is_some_and(|s| !s.settings.has_store());
    let is_admin = session.as_ref().is_some_and(|s| s.init.is_admin);
    // An admin who has not connected the store yet starts in the settings.
    let section = use_state(|| {
        if is_admin && not_configured {
            Section::Settings
        } else {
            Section::Lookup
        }
    });
    // The lookup is no Yew component: it runs in its own element while the section shows it.
    let lookup = use_node_ref();
    {
        let lookup = lookup.clone();
        let open = section.setter();
        use_effect_with((session.clone(), *section), move |(session, _)| {
            let handle = match (session, lookup.cast::<web_sys::Element>()) {
                (Some(session), Some(element)) => {
                    let on_open_settings: Rc<dyn Fn()> =
                        Rc::new(move || open.set(Section::Settings));
                    let options = LookupOptions {
                        on_open_settings: Some(on_open_settings),
                        ..LookupOptions::default()
                    };
                    Some(mount(element, session.clone(), options))
                }
                _ => None,
            };
            move || drop(handle)
        });
    }
    let Some(session) = session else {
        return Html::default();
    };
    let t = session.lang.shell();
    let tab = |which: Section, label: &'static str, testid: &'static str| {
        let section = section.clone();
        let selected = *section == which;
        html! {
            <button type="button" role="tab" class={classes!("sl-tab", selected.then_some("sl-tab-active"))}
                aria-selected={selected.to_string()} data-testid={testid}
                onclick={Callback::from(move |_| section.set(which))}>{ label }</button>
        }
    };
    html! {
        <main class="sl-page" data-testid="app-page" data-state="ready">
            <nav class="sl-tabs" role="tablist">
                { tab(Section::Lookup, t.home_lookup, "tab-lookup") }
                { tab(Section::Settings, t.home_settings, "tab-settings") }
            </nav>
            {
                match (*section, is_admin) {
                    (Section::Lookup, _) => html! { <div class="sl-region" ref={lookup}></div> },
                    (Section::Settings, true) => html! { <SettingsPage /> },
                    (Section::Settings, false) => Notice::new(Tone::Info, t.home_settings_admin_only_text)
                        .titled(t.home_settings_admin_only_title)
                        .testid("settings-admin-only")
                        .html(),
                }
            }
        </main>
    }
}
