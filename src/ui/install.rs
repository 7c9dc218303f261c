//! `install.html`: binds StoreLink's placements (from the manifest) and finishes the
//! installation. On failure it removes what this run bound, so nothing half-done stays.

use std::rc::Rc;

use bitrix_rest::Batch;
use bitrix_rest::methods::placements::{self, Binding};
use bitrix_rest::models::app::PlacementBinding;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::notice::{Notice, Tone};
use crate::i18n::errors::{System, describe};
use crate::i18n::{ShellTexts, fill};
use crate::manifest::{Manifest, sibling_url};
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
            let text = fill(t.install_failed_text, &[step.label(t), reason, cleanup]);
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
        describe(&e, System::Portal, session.lang)
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
    let ours: Vec<(String, String)> = manifest
        .placements
        .iter()
        .map(|p| (p.placement.clone(), sibling_url(&here, &p.handler)))
        .collect();
    for (placement, (_, handler)) in manifest.placements.iter().zip(&ours) {
        let handler = handler.clone();
        if bound
            .iter()
            .any(|b| b.placement == placement.placement && b.handler == handler)
        {
            continue;
        }
        let mut binding = Binding::new(
            &placement.placement,
            &handler,
            placement.title.get(session.lang),
        )
        .title_in("ru", &placement.title.ru)
        .title_in("en", &placement.title.en);
        binding.description = placement.description.get(session.lang).to_owned();
        match portal.placements().bind(&binding).await {
            Ok(true) => bound_now.push((placement.placement.clone(), handler)),
            Ok(false) => {} // already bound: success
            Err(e) => {
                // A bind whose answer was lost may have happened: it is unbound too.
                if e.maybe_applied {
                    bound_now.push((placement.placement.clone(), handler));
                }
                let rolled_back = roll_back(session, &bound_now).await;
                return fail(Step::Binding, reason(e, rolled_back), rolled_back);
            }
        }
    }

    // Before finishing: the portal reloads the page once the installation is finished.
    remove_stale(session, &bound, &ours).await;
    progress.set(Progress::Step(Step::Finishing));
    match session.frame.install_finish().await {
        Ok(()) => progress.set(Progress::Done),
        Err(e) => {
            let rolled_back = roll_back(session, &bound_now).await;
            fail(Step::Finishing, e.to_string(), rolled_back)
        }
    }
}

/// What the portal offers this app, and what is bound already, in one request.
async fn check_placements(
    portal: &bitrix_rest::Client,
) -> Result<(Vec<String>, Vec<PlacementBinding>), bitrix_rest::Error> {
    let mut batch = Batch::new();
    let available = batch.push("available", placements::available())?;
    let bound = batch.push("bound", placements::bound())?;
    let results = portal.run_batch(batch).await?;
    Ok((results.get(&available)?, results.get(&bound)?))
}

/// Unbinds this app's earlier bindings of the same places to other addresses (the app hosted
/// elsewhere before, an older package): each would be a second, dead tab next to the new
/// one. Only once the new ones are bound; one that cannot be removed stays, as it was.
async fn remove_stale(session: &Session, bound: &[PlacementBinding], ours: &[(String, String)]) {
    let stale = bound.iter().filter(|b| {
        ours.iter()
            .any(|(placement, handler)| b.placement == *placement && b.handler != *handler)
    });
    for b in stale {
        let unbound = session
            .portal
            .placements()
            .unbind(&b.placement, Some(&b.handler))
            .await;
        drop(unbound);
    }
}

/// Unbinds what this run bound; true when everything was removed.
async fn roll_back(session: &Session, bound_now: &[(String, String)]) -> bool {
    let mut all = true;
    for (placement, handler) in bound_now {
        all &= session
            .portal
            .placements()
            .unbind(placement, Some(handler))
            .await
            .is_ok();
    }
    all
}
