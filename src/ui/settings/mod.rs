//! The settings page (admins only): the store connection, how deals link to orders, how
//! products match, the status ↔ stage mapping, warehouses and the polling interval.
//!
//! One component per section, all reading one [`state::PageState`]; the rules (validation,
//! prefill, what the loads mean) live in [`crate::model::settings`].

mod controls;
mod flows;
mod linking;
mod load;
mod mapping;
mod polling;
mod products;
mod save;
mod skeleton;
mod state;
mod texts;
mod warehouses;
mod webhook;

use bitrix_rest::Cancel;
use yew::prelude::*;

use super::context::{use_session, use_settings_saved};
use super::notice::{Notice, Tone};
use crate::i18n::fill;
use linking::LinkSection;
use mapping::MappingSection;
use polling::PollSection;
use products::ProductsSection;
use save::SaveBar;
use state::{PageState, StoreData};
use warehouses::WarehousesSection;
use webhook::StoreSection;

/// The settings form.
#[function_component]
pub fn SettingsPage() -> Html {
    let session = use_session();
    let saved = use_settings_saved();
    let page = {
        let session = session.clone();
        use_reducer(move || {
            PageState::new(&session.map(|s| s.settings.clone()).unwrap_or_default())
        })
    };
    let cancel = use_state(Cancel::new);
    {
        let session = session.clone();
        let dispatcher = page.dispatcher();
        let cancel = (*cancel).clone();
        use_effect_with((), move |_| {
            if let Some(session) = session {
                flows::start_loading(dispatcher, &session, &cancel);
            }
            move || cancel.cancel()
        });
    }
    let callbacks = session.as_ref().map(|session| {
        let on_check = flows::check_callback(page.clone(), session.lang.code(), (*cancel).clone());
        let on_save = flows::save_callback(
            page.clone(),
            session.frame.clone(),
            session.portal.clone(),
            saved,
            on_check.clone(),
        );
        (on_check, on_save)
    });
    {
        let page = page.clone();
        let on_save = callbacks.as_ref().map(|(_, on_save)| on_save.clone());
        use_effect_with((page.save.clone(), page.check.clone()), move |_| {
            if let Some(on_save) = on_save {
                flows::save_after_check(&page, &on_save);
            }
        });
    }
    let (Some(session), Some((on_check, on_save))) = (session, callbacks) else {
        return Html::default();
    };
    let lang = session.lang;
    let t = lang.settings();
    let state = if page.is_loading() {
        "loading"
    } else {
        "ready"
    };
    html! {
        <div class="sl-settings" data-testid="settings" data-state={state} aria-busy={page.is_loading().to_string()}>
            <h1>{ t.title }</h1>
            // The first visit after the installation: what is there already, what to do now. A
            // store once connected (its catalogue is still chosen) was disconnected since.
            if session.settings.store_webhook.is_none() && session.settings_problem.is_none() {
                if session.settings.store_iblock_id.is_some() {
                    { Notice::new(Tone::Info, t.disconnected).testid("settings-disconnected").html() }
                } else {
                    { Notice::new(Tone::Info, t.first_steps).testid("settings-first-steps").html() }
                }
            }
            if let Some(problem) = &session.settings_problem {
                { Notice::new(Tone::Warning, fill(t.saved_unreadable, &[&problem.to_string()])).html() }
            }
            if matches!(page.store, StoreData::Failed(_)) {
                { Notice::new(Tone::Warning, t.store_sections_unavailable).testid("settings-store-unavailable").html() }
            }
            <StoreSection page={page.clone()} {lang} {on_check} />
            <LinkSection page={page.clone()} {lang} />
            <ProductsSection page={page.clone()} {lang} />
            <MappingSection page={page.clone()} {lang} />
            <WarehousesSection page={page.clone()} {lang} />
            <PollSection page={page.clone()} {lang} />
            <SaveBar page={page.clone()} {lang} {on_save} />
        </div>
    }
}
