//! On the app page, for administrators: whether deal cards show StoreLink's Store tab, once.
//! It can be missing (its binding removed by hand, an installation that never finished) or
//! doubled (a binding to the app's old address left over); either is said, and one press
//! mends it. A portal that cannot tell says nothing.

use bitrix_rest::Error;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::context::use_session;
use super::install::{bind_place, check_placements, our_places, pairs};
use super::notice::{Notice, Tone};
use crate::i18n::errors::{System, describe_for_admin};
use crate::i18n::fill;
use crate::manifest::{BindingGaps, binding_gaps};
use crate::session::Session;

#[derive(Debug, Clone, PartialEq)]
enum State {
    Checking,
    Fine,
    /// The portal did not say which tabs are bound: nothing is claimed either way.
    Unknown,
    Gaps(BindingGaps),
    Mending,
    Mended,
    Failed(String),
}

/// The address this page was opened at: the tab is bound next to it.
fn here() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

#[function_component]
pub fn TabBinding() -> Html {
    let session = use_session();
    let state = use_state(|| State::Checking);
    {
        let state = state.clone();
        use_effect_with(session.clone(), move |session| {
            if let Some(session) = session.clone() {
                check(session, state);
            }
        });
    }
    let Some(session) = session else {
        return Html::default();
    };
    let t = session.lang.shell();
    match &*state {
        State::Checking => Html::default(),
        // Said to tools, not to people: the check is over and all is well.
        State::Fine => {
            html! { <div hidden=true data-testid="tab-binding" data-state="fine"></div> }
        }
        State::Unknown => {
            html! { <div hidden=true data-testid="tab-binding" data-state="unknown"></div> }
        }
        State::Gaps(gaps) => {
            let text = match gaps.missing.is_empty() {
                true => t.tab_binding_doubled,
                false => t.tab_binding_missing,
            };
            let onclick = {
                let (state, gaps, session) = (state.clone(), gaps.clone(), session.clone());
                Callback::from(move |_: MouseEvent| {
                    state.set(State::Mending);
                    let (state, gaps, session) = (state.clone(), gaps.clone(), session.clone());
                    spawn_local(async move {
                        state.set(match mend(&session, &gaps).await {
                            Ok(()) => State::Mended,
                            Err(e) => {
                                State::Failed(describe_for_admin(&e, System::Portal, session.lang))
                            }
                        });
                    });
                })
            };
            html! {
                <div class="sl-card" data-testid="tab-binding" data-state="gaps">
                    { Notice::new(Tone::Warning, text).titled(t.tab_binding_title).html() }
                    <button type="button" class="sl-btn" data-testid="tab-binding-mend" {onclick}>
                        { t.tab_binding_mend }
                    </button>
                </div>
            }
        }
        State::Mending => html! {
            <div class="sl-card" data-testid="tab-binding" data-state="mending" aria-busy="true">
                { Notice::new(Tone::Info, t.install_step_bind).titled(t.tab_binding_title).html() }
            </div>
        },
        State::Mended => html! {
            <div class="sl-card" data-testid="tab-binding" data-state="mended">
                { Notice::new(Tone::Success, t.tab_binding_mended).html() }
            </div>
        },
        State::Failed(why) => {
            // Part of the mending may have happened: the tabs are looked at again.
            let onclick = {
                let (state, session) = (state.clone(), session.clone());
                Callback::from(move |_: MouseEvent| {
                    state.set(State::Checking);
                    check(session.clone(), state.clone());
                })
            };
            html! {
                <div class="sl-card" data-testid="tab-binding" data-state="failed">
                    { Notice::new(Tone::Alert, fill(t.tab_binding_failed, &[why])).titled(t.tab_binding_title).html() }
                    <button type="button" class="sl-btn sl-btn-light" data-testid="tab-binding-check" {onclick}>
                        { t.tab_binding_check_again }
                    </button>
                </div>
            }
        }
    }
}

/// Looks at which tabs are bound, and says so in `state`.
fn check(session: std::rc::Rc<Session>, state: UseStateHandle<State>) {
    spawn_local(async move {
        state.set(match check_placements(&session.portal).await {
            Ok((_, bound)) => {
                let found = binding_gaps(&our_places(&here()), &pairs(&bound));
                match found.is_empty() {
                    true => State::Fine,
                    false => State::Gaps(found),
                }
            }
            Err(_) => State::Unknown,
        });
    });
}

/// Binds what is missing, then removes the old addresses' bindings.
async fn mend(session: &Session, gaps: &BindingGaps) -> Result<(), Error> {
    for (placement, handler) in &gaps.missing {
        bind_place(session, placement, handler).await?;
    }
    for (placement, handler) in &gaps.stale {
        session
            .portal
            .placements()
            .unbind(placement, Some(handler))
            .await?;
    }
    Ok(())
}
