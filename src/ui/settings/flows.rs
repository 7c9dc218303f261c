//! What the page does beyond rendering: the first load (portal and store in parallel, one
//! request each), "Check connection", and saving through the frame.

use bitrix_rest::{Cancel, Client, ErrorKind};
use serde_json::Value;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::controls::focus_first_invalid;
use super::load::{check_client, load_portal, load_store};
use super::state::{Action, Check, PageState, Save, StoreData};
use crate::fetch::live::{saved_settings, stored_settings};
use crate::frame::{Frame, FrameError};
use crate::model::app_admin::ADMIN_OPTION;
use crate::model::catalog_query::{prices_of_type_call, property_probe_call, variation_probe_call};
use crate::model::settings::failure::RestFailure;
use crate::model::settings::gone_stage_problems;
use crate::model::settings::load::origin_rule_problems;
use crate::model::settings::merge::merge;
use crate::model::settings::{Problem, SETTINGS_OPTION, Settings, SettingsField, SettingsProblem};
use crate::model::webhook::StoreWebhook;
use crate::session::Session;

/// Starts both loads; answers arriving after `cancel` (the page went away) are dropped.
pub fn start_loading(page: UseReducerDispatcher<PageState>, session: &Session, cancel: &Cancel) {
    let lang = session.lang.code();
    {
        let portal = session.portal.with_cancel(cancel.clone());
        let page = page.clone();
        let cancel = cancel.clone();
        spawn_local(async move {
            let choices = load_portal(&portal).await;
            if !cancel.is_cancelled() {
                page.dispatch(Action::PortalLoaded(choices));
            }
        });
    }
    let Some(hook) = session.settings.store_webhook.as_ref() else {
        return;
    };
    let store = match session.store.client() {
        Some(client) => Ok(client.clone()),
        None => check_client(hook),
    };
    match store {
        Err(failure) => page.dispatch(Action::StoreAnswered {
            seq: 0,
            outcome: Err(failure),
        }),
        Ok(store) => {
            let store = store.with_cancel(cancel.clone());
            let cancel = cancel.clone();
            spawn_local(async move {
                let outcome = load_store(&store, lang).await;
                if !cancel.is_cancelled() {
                    page.dispatch(Action::StoreAnswered { seq: 0, outcome });
                }
            });
        }
    }
}

/// "Check connection": the webhook in the box (or the saved one), through a client of its own.
pub fn check_callback(
    page: UseReducerHandle<PageState>,
    lang: &'static str,
    cancel: Cancel,
) -> Callback<()> {
    Callback::from(move |()| {
        let hook = match page
            .form
            .webhook
            .to_check(page.saved.store_webhook.as_ref())
        {
            Ok(hook) => hook,
            Err(problem) => return page.dispatch(Action::CheckRefused(problem)),
        };
        let seq = page.check_seq + 1;
        page.dispatch(Action::CheckStarted {
            origin: hook.origin_as_written(),
            url: hook.base_url(),
        });
        let store = match check_client(&hook) {
            Ok(client) => client.with_cancel(cancel.clone()),
            Err(failure) => {
                return page.dispatch(Action::StoreAnswered {
                    seq,
                    outcome: Err(failure),
                });
            }
        };
        let dispatcher = page.dispatcher();
        let cancel = cancel.clone();
        spawn_local(async move {
            let outcome = load_store(&store, lang).await;
            if !cancel.is_cancelled() {
                dispatcher.dispatch(Action::StoreAnswered { seq, outcome });
            }
        });
    })
}

/// Nothing is saved: the problems are shown and the first control they mark takes the focus.
fn refuse(page: &UseReducerDispatcher<PageState>, problems: Vec<SettingsProblem>) {
    page.dispatch(Action::SaveRefused(problems));
    focus_first_invalid();
}

/// "Save": a webhook the store has not answered to yet is checked first (the page saves once
/// the check passes, see [`save_after_check`]); then everything is validated (nothing is sent
/// while a problem remains), stored as one app option, and the app is told.
pub fn save_callback(
    page: UseReducerHandle<PageState>,
    frame: Frame,
    portal: Client,
    saved: Callback<Settings>,
    on_check: Callback<()>,
) -> Callback<()> {
    Callback::from(move |()| {
        // Only a new address must have answered: other settings can be saved while the store
        // of the saved one is down.
        let saved_hook = page.saved.store_webhook.as_ref();
        let unchecked = match page.form.webhook.value(saved_hook) {
            Ok(Some(hook)) => {
                let url = hook.base_url();
                saved_hook.map(|w| w.base_url()) != Some(url.clone())
                    && page.checked.as_ref() != Some(&url)
            }
            _ => false,
        };
        if unchecked {
            page.dispatch(Action::SaveAfterCheck);
            if page.check != Check::Running {
                on_check.emit(());
            }
            return;
        }
        // A stage deleted from its pipeline is refused with the rest, so all are said at once.
        let gone = |mapping| match page.portal.as_ref() {
            Some(portal) => gone_stage_problems(mapping, &portal.stages),
            None => Vec::new(),
        };
        let settings = match page.form.to_settings(&page.saved) {
            Ok(settings) => settings,
            Err(mut problems) => {
                problems.extend(gone(&page.form.stage_mapping));
                return refuse(&page.dispatcher(), problems);
            }
        };
        if let Some(portal) = page.portal.as_ref() {
            let mut problems = origin_rule_problems(&settings.link_rules, &portal.origin_sources);
            problems.extend(gone(&settings.stage_mapping));
            if !problems.is_empty() {
                return refuse(&page.dispatcher(), problems);
            }
        }
        // The tab names the link's deal field by the label the admin sees here.
        let settings = match page.portal.as_ref().map(|p| &p.user_fields) {
            Some(Ok(fields)) => settings.with_field_labels(fields),
            _ => settings,
        };
        // The tab also reads the variations of the chosen catalogues.
        let store_catalogs = match (&page.check, &page.store) {
            (Check::Passed(report, _), _) => Some(report.catalogs.as_slice()),
            (_, StoreData::Ready(found)) => Some(found.report.catalogs.as_slice()),
            _ => None,
        };
        let portal_catalogs = match page.portal.as_ref().map(|p| &p.catalogs) {
            Some(Ok(list)) => Some(list.as_slice()),
            _ => None,
        };
        let settings = settings.with_variations(store_catalogs, portal_catalogs);
        // Only a catalogue list read now tells that the catalogue has no variations.
        if let (Some(_), Some(problem)) = (store_catalogs, settings.variation_article_unused()) {
            return refuse(&page.dispatcher(), vec![problem]);
        }
        page.dispatch(Action::SaveStarted);
        let dispatcher = page.dispatcher();
        let frame = frame.clone();
        let portal = portal.clone();
        let (loaded, saved) = (page.saved.clone(), saved.clone());
        let me = page.portal.as_ref().and_then(|p| p.me.clone());
        spawn_local(async move {
            // A store property the lookup searches, or products match by, that the store does
            // not have would fail every search: refused here, with nothing saved.
            if let Some((problem, failure)) = unknown_store_property(&settings, &loaded).await {
                if let Some(failure) = failure {
                    dispatcher.dispatch(Action::StoreFailedSince(failure));
                }
                return refuse(&dispatcher, vec![problem]);
            }
            // The whole object is written: what another admin saved since this page read the
            // settings is merged in part by part, and a part both changed waits for this admin.
            // A portal that cannot tell merges nothing.
            let (settings, theirs_kept) = match saved_settings(&portal, &loaded).await {
                Some(theirs) => {
                    let merge = merge(&loaded, &settings, &theirs);
                    if !merge.clashes.is_empty() {
                        return dispatcher.dispatch(Action::SaveConflict {
                            theirs: Box::new(theirs),
                            merge: Box::new(merge),
                        });
                    }
                    (merge.settings, merge.theirs)
                }
                None => (settings, Vec::new()),
            };
            // As one JSON text: the portal's page form-encodes the value it stores, which
            // would turn numbers into texts and drop empty lists (an emptied rule list).
            let stored = Value::String(settings.to_value().to_string());
            let written = match frame.set_app_option(SETTINGS_OPTION, stored).await {
                // The portal may store an option and never answer (the official SDK does not
                // wait for this answer): what it holds now tells.
                Err(e @ FrameError::Timeout { .. }) => {
                    match stored_settings(&portal)
                        .await
                        .is_some_and(|held| held == settings)
                    {
                        true => Ok(()),
                        false => Err(e),
                    }
                }
                other => other,
            };
            match written {
                Ok(()) => {
                    let price_type = (settings.price_type_id != loaded.price_type_id)
                        .then_some(settings.price_type_id);
                    let store = settings.store_webhook.clone();
                    dispatcher.dispatch(Action::Saved {
                        settings: settings.clone(),
                        theirs: theirs_kept,
                    });
                    saved.emit(settings);
                    // Reps told to ask the administrator are told this one's name. The
                    // settings stand whether or not it is stored.
                    if let Some(me) = me {
                        frame
                            .set_app_option(ADMIN_OPTION, me.to_option())
                            .await
                            .ok();
                    }
                    // A price type no product has: saved, but the admin hears of it.
                    if let (Some(id), Some(hook)) = (price_type, store)
                        && !store_has_prices_of_type(&hook, id).await
                    {
                        dispatcher.dispatch(Action::PriceTypeUnused(id));
                    }
                }
                Err(error) => dispatcher.dispatch(Action::SaveFailed(error)),
            }
        });
    })
}

/// The first store property `settings` name anew (the article, the matching property, a
/// variation's article) that the store's catalogue (or its catalogue of variations) refuses to
/// list, or that the store could not be asked about (it did not answer: then with how it
/// failed). Without a webhook or a catalogue there is nothing to ask.
async fn unknown_store_property(
    settings: &Settings,
    loaded: &Settings,
) -> Option<(SettingsProblem, Option<RestFailure>)> {
    let (hook, iblock) = (settings.store_webhook.as_ref()?, settings.store_iblock_id?);
    let store = check_client(hook).ok()?;
    let article = settings.article_property.as_deref();
    let matching = settings.product_property.as_ref().map(|p| p.store.as_str());
    let offers = settings.store_variations_iblock_id;
    let asked = [
        (
            SettingsField::ArticleProperty,
            Some(iblock),
            article,
            loaded.article_property.as_deref(),
        ),
        (
            SettingsField::ProductPropertyStore,
            Some(iblock),
            matching,
            loaded.product_property.as_ref().map(|p| p.store.as_str()),
        ),
        (
            SettingsField::VariationArticleProperty,
            offers,
            settings.variation_article_property.as_deref(),
            loaded.variation_article_property.as_deref(),
        ),
    ];
    for (field, catalog, key, before) in asked {
        // Each key once, and only when it changed (or the catalogue did).
        let (Some(catalog), Some(key)) = (
            catalog,
            key.filter(|k| Some(*k) != before || loaded.store_iblock_id != Some(iblock)),
        ) else {
            continue;
        };
        let call = match field {
            SettingsField::VariationArticleProperty => variation_probe_call(catalog, key),
            _ => property_probe_call(catalog, key),
        };
        // A property the store could not be asked about is not saved either: a wrong one
        // would fail every search (or drop every size) once saved.
        if let Err(e) = store.call(call.method, call.params).await {
            let key = key.to_owned();
            let (problem, failure) = match e.kind {
                ErrorKind::BadRequest => (Problem::UnknownStoreProperty { key }, None),
                _ => (
                    Problem::PropertyUnchecked { key },
                    Some(RestFailure::of(&e)),
                ),
            };
            return Some((SettingsProblem { field, problem }, failure));
        }
    }
    None
}

/// False when the store answers that it has no price of type `id` (a store that cannot tell
/// is taken to have some).
async fn store_has_prices_of_type(hook: &StoreWebhook, id: u64) -> bool {
    let Ok(store) = check_client(hook) else {
        return true;
    };
    let call = prices_of_type_call(id);
    match store.call(call.method, call.params).await {
        Ok(value) => value
            .get("prices")
            .and_then(|p| p.as_array())
            .is_none_or(|prices| !prices.is_empty()),
        Err(_) => true,
    }
}

/// Goes on with a save that waited for its webhook's check, once that check is over: saves
/// when the store answered, else says nothing was saved (the check says why).
pub fn save_after_check(page: &UseReducerHandle<PageState>, on_save: &Callback<()>) {
    if page.save != Save::Checking || page.check == Check::Running {
        return;
    }
    let passed = matches!(page.check, Check::Passed(..));
    page.dispatch(Action::SaveCheckOver);
    if passed {
        on_save.emit(());
    }
}
