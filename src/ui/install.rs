//! `install.html`: binds StoreLink's placements (from the manifest) and finishes the
//! installation. On failure it removes what this run bound, so nothing half-done stays.

use std::rc::Rc;
use std::time::Duration;

use bitrix_rest::Batch;
use bitrix_rest::methods::placements::{self, Binding};
use bitrix_rest::models::app::PlacementBinding;
use futures::future::select;
use gloo_timers::future::sleep;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::notice::{Notice, Tone};
use crate::i18n::errors::{System, describe_for_admin};
use crate::i18n::{ShellTexts, fill};
use crate::manifest::{Manifest, binding_gaps, sibling_url};
use crate::model::app_admin::{ADMIN_OPTION, AppAdmin};
use crate::session::Session;

/// Where the installation stands.
#[derive(Debug, Clone, PartialEq)]
enum Progress {
    NotAdmin,
    Step(Step),
    Done,
    Failed {
        step: Step,
        reason: String,
        rolled_back: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Checking,
    Binding,
    Finishing,
}

impl Step {
    fn label(self, t: &ShellTexts) -> &'static str {
        match self {
            Step::Checking => t.install_step_check,
            Step::Binding => t.install_step_bind,
            Step::Finishing => t.install_step_finish,
        }
    }

    /// What failed when this step did.
    fn failure(self, t: &ShellTexts) -> &'static str {
        match self {
            Step::Checking => t.install_failed_check,
            Step::Binding => t.install_failed_bind,
            Step::Finishing => t.install_failed_finish,
        }
    }
}

#[function_component]
pub fn InstallPage() -> Html {
    let session = use_context::<Rc<Session>>();
    let progress = use_state(|| Progress::Step(Step::Checking));
    // Bumped by "Try again": each value runs the installation once.
    let attempt = use_state(|| 0_u32);
    {
        let progress = progress.clone();
        let session = session.clone();
        use_effect_with(*attempt, move |_| {
            if let Some(session) = session {
                if session.init.is_admin {
                    progress.set(Progress::Step(Step::Checking));
                    spawn_local(async move { install(&session, &progress).await });
                } else {
                    progress.set(Progress::NotAdmin);
                }
            }
        });
    }
    let Some(session) = session else {
        return Html::default();
    };
    let t = session.lang.shell();
    let body = match &*progress {
        Progress::NotAdmin => Notice::new(Tone::Warning, t.install_not_admin_text)
            .titled(t.install_not_admin_title)
            .html(),
        Progress::Step(step) => html! {
            <div class="sl-progress" role="status" aria-live="polite">
                <span class="sl-spinner" aria-hidden="true"></span>
                <span>{ step.label(t) }</span>
            </div>
        },
        Progress::Done => Notice::new(Tone::Success, t.install_done_text)
            .titled(t.install_done_title)
            .html(),
        Progress::Failed {
            step,
            reason,
            rolled_back,
        } => {
            let cleanup = if *rolled_back {
                t.install_rolled_back
            } else {
                t.install_not_rolled_back
            };
            let text = fill(t.install_failed_text, &[step.failure(t), reason, cleanup]);
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
            };
            html! {
                <>
                    { Notice::new(Tone::Alert, text).titled(t.install_failed_title).testid("install-failed").html() }
                    if *rolled_back {
                        <div class="sl-actions">
                            <button type="button" class="sl-btn" data-testid="install-retry"
                                onclick={retry}>{ t.install_retry }</button>
                        </div>
                    }
                </>
            }
        }
    };
    let state = match &*progress {
        Progress::Done => "ready",
        Progress::Failed { .. } | Progress::NotAdmin => "error",
        Progress::Step(_) => "loading",
    };
    html! {
        <main class="sl-page" data-testid="install" data-state={state}>
            <h1>{ t.install_title }</h1>
            { body }
        </main>
    }
}

async fn install(session: &Session, progress: &UseStateHandle<Progress>) {
    let t = session.lang.shell();
    let manifest = Manifest::embedded();
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let portal = &session.portal;
    let fail = |step: Step, mut reason: String, rolled_back: bool| {
        if !reason.ends_with(['.', '!', '?']) {
            reason.push('.');
        }
        progress.set(Progress::Failed {
            step,
            reason,
            rolled_back,
        })
    };
    // A REST failure in the admin's language. Once this run's bindings are removed, a write
    // that "may have been applied" was undone as well: that sentence would contradict it.
    let reason = |mut e: bitrix_rest::Error, rolled_back: bool| {
        if rolled_back {
            e.maybe_applied = false;
        }
        describe_for_admin(&e, System::Portal, session.lang)
    };

    progress.set(Progress::Step(Step::Checking));
    let (available, bound) = match check_placements(portal).await {
        Ok(pair) => pair,
        Err(e) => return fail(Step::Checking, reason(e, true), true),
    };
    if let Some(missing) = manifest
        .placements
        .iter()
        .find(|p| !available.iter().any(|a| a == &p.placement))
    {
        return fail(
            Step::Checking,
            fill(t.install_placement_unavailable, &[&missing.placement]),
            true,
        );
    }

    progress.set(Progress::Step(Step::Binding));
    let mut bound_now: Vec<(String, String)> = Vec::new();
    let gaps = binding_gaps(&our_places(&here), &pairs(&bound));
    for (placement, handler) in &gaps.missing {
        match bind_place(session, placement, handler).await {
            Ok(true) => bound_now.push((placement.clone(), handler.clone())),
            Ok(false) => {} // already bound: success
            Err(e) => {
                // A bind whose answer was lost may have happened: it is unbound too.
                if e.maybe_applied {
                    bound_now.push((placement.clone(), handler.clone()));
                }
                let rolled_back = unbind_all(session, &bound_now).await;
                return fail(Step::Binding, reason(e, rolled_back), rolled_back);
            }
        }
    }

    // Before finishing: the portal reloads the page once the installation is finished.
    // An old binding that cannot be removed stays, as it was.
    unbind_all(session, &gaps.stale).await;
    name_installer(session).await;
    progress.set(Progress::Step(Step::Finishing));
    match session.frame.install_finish().await {
        Ok(()) => progress.set(Progress::Done),
        Err(e) => {
            let rolled_back = unbind_all(session, &bound_now).await;
            fail(Step::Finishing, e.to_string(), rolled_back)
        }
    }
}

/// Names the installing administrator to reps, until an administrator saves the settings,
/// when no one is named yet. The portal's answer may never come: it is awaited a second at
/// most (as the official SDK does). Nothing here stops the installation.
async fn name_installer(session: &Session) {
    if session.admin.is_some() {
        return;
    }
    let Some(me) = session
        .portal
        .users()
        .current()
        .await
        .ok()
        .and_then(|me| AppAdmin::of_user(&me))
    else {
        return;
    };
    let stored = session.frame.set_app_option(ADMIN_OPTION, me.to_option());
    select(Box::pin(stored), Box::pin(sleep(Duration::from_secs(1)))).await;
}

/// The places the manifest binds (placement, handler URL), for the app served at `here`.
pub(super) fn our_places(here: &str) -> Vec<(String, String)> {
    Manifest::embedded()
        .placements
        .iter()
        .map(|p| (p.placement.clone(), sibling_url(here, &p.handler)))
        .collect()
}

/// The bindings as (placement, handler) pairs.
pub(super) fn pairs(bound: &[PlacementBinding]) -> Vec<(String, String)> {
    bound
        .iter()
        .map(|b| (b.placement.clone(), b.handler.clone()))
        .collect()
}

/// Binds `handler` at `placement` with the manifest's titles; false when it was bound already.
pub(super) async fn bind_place(
    session: &Session,
    placement: &str,
    handler: &str,
) -> Result<bool, bitrix_rest::Error> {
    let manifest = Manifest::embedded();
    let Some(declared) = manifest
        .placements
        .iter()
        .find(|p| p.placement == placement)
    else {
        return Ok(false);
    };
    let mut binding = Binding::new(placement, handler, declared.title.get(session.lang))
        .title_in("ru", &declared.title.ru)
        .title_in("en", &declared.title.en)
        .description_in("ru", &declared.description.ru)
        .description_in("en", &declared.description.en);
    binding.description = declared.description.get(session.lang).to_owned();
    session.portal.placements().bind(&binding).await
}

/// What the portal offers this app, and what is bound already, in one request.
pub(super) async fn check_placements(
    portal: &bitrix_rest::Client,
) -> Result<(Vec<String>, Vec<PlacementBinding>), bitrix_rest::Error> {
    let mut batch = Batch::new();
    let available = batch.push("available", placements::available())?;
    let bound = batch.push("bound", placements::bound())?;
    let results = portal.run_batch(batch).await?;
    Ok((results.get(&available)?, results.get(&bound)?))
}

/// Unbinds each (placement, handler): what a failed run bound, or old addresses; true when
/// everything was removed.
pub(super) async fn unbind_all(session: &Session, bindings: &[(String, String)]) -> bool {
    let mut all = true;
    for (placement, handler) in bindings {
        all &= session
            .portal
            .placements()
            .unbind(placement, Some(handler))
            .await
            .is_ok();
    }
    all
}
