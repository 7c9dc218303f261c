//! The app's own page (placement `DEFAULT`): the stock lookup for everyone, the settings for
//! administrators; a rep sees who to ask instead.

use std::rc::Rc;

use yew::prelude::*;

use super::context::use_session;
use super::notice::{Notice, Tone};
use super::settings::SettingsPage;
use super::tab_binding::TabBinding;
use crate::i18n::admin_named;
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
    // The settings are mounted the first time they are shown and then kept (hidden while the
    // lookup shows), so switching sections never drops an admin's unsaved edits.
    let settings_opened = use_state(|| false);
    {
        let opened = settings_opened.setter();
        use_effect_with(*section, move |section| {
            if *section == Section::Settings {
                opened.set(true);
            }
        });
    }
    // The lookup is no Yew component: it runs in its own element, kept across sections.
    let lookup = use_node_ref();
    {
        let lookup = lookup.clone();
        let open = section.setter();
        let focus = *section == Section::Lookup;
        use_effect_with(session.clone(), move |session| {
            let handle = match (session, lookup.cast::<web_sys::Element>()) {
                (Some(session), Some(element)) => {
                    let on_open_settings: Rc<dyn Fn()> =
                        Rc::new(move || open.set(Section::Settings));
                    let options = LookupOptions {
                        on_open_settings: Some(on_open_settings),
                        focus,
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
    let tab = |which: Section, label: &'static str, testid: &'static str, id: &'static str| {
        let section = section.clone();
        let selected = *section == which;
        html! {
            <button type="button" role="tab" id={id}
                class={classes!("sl-tab", selected.then_some("sl-tab-active"))}
                aria-selected={selected.to_string()} aria-controls={format!("{id}-panel")}
                tabindex={if selected { "0" } else { "-1" }} data-testid={testid}
                onclick={Callback::from(move |_| section.set(which))}>{ label }</button>
        }
    };
    // Arrow keys move between the two tabs, as a tab list does.
    let onkeydown = {
        let section = section.clone();
        Callback::from(move |e: KeyboardEvent| {
            if matches!(
                e.key().as_str(),
                "ArrowLeft" | "ArrowRight" | "Home" | "End"
            ) {
                e.prevent_default();
                let next = match *section {
                    Section::Lookup => Section::Settings,
                    Section::Settings => Section::Lookup,
                };
                section.set(next);
                let id = match next {
                    Section::Lookup => "sl-tab-lookup",
                    Section::Settings => "sl-tab-settings",
                };
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(id))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
                {
                    let _ = el.focus();
                }
            }
        })
    };
    let showing_settings = *section == Section::Settings;
    html! {
        <main class="sl-page" data-testid="app-page" data-state="ready">
            if is_admin {
                <TabBinding />
            }
            <nav class="sl-tabs" role="tablist" {onkeydown}>
                { tab(Section::Lookup, t.home_lookup, "tab-lookup", "sl-tab-lookup") }
                { tab(Section::Settings, t.home_settings, "tab-settings", "sl-tab-settings") }
            </nav>
            <div id="sl-tab-lookup-panel" role="tabpanel" aria-labelledby="sl-tab-lookup"
                hidden={showing_settings}>
                // Each panel has the page's heading (the settings form shows its own).
                <h1 class="sl-sr">{ t.home_lookup }</h1>
                <div class="sl-region" ref={lookup}></div>
            </div>
            if *settings_opened || showing_settings {
                <div id="sl-tab-settings-panel" role="tabpanel" aria-labelledby="sl-tab-settings"
                    hidden={!showing_settings}>
                    {
                        if is_admin {
                            html! { <SettingsPage /> }
                        } else {
                            html! { <>
                            <h1 class="sl-sr">{ session.lang.settings().title }</h1>
                            { Notice::new(Tone::Info, t.home_settings_admin_only_text)
                                .titled(t.home_settings_admin_only_title)
                                .ask(admin_named(session.lang, session.admin_to_ask()))
                                .testid("settings-admin-only")
                                .html() }
                            </> }
                        }
                    }
                </div>
            }
        </main>
    }
}
