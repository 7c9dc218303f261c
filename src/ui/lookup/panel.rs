//! The search box and what it found, wired to the lookup's state: a timer after each edit,
//! one cancellable request per search, keys.

use std::cell::Cell;
use std::rc::Rc;

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::{Cancel, Client, ErrorKind};
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fetch::search;
use super::results::{Ids, Results, results, skeleton_rows};
use crate::i18n::errors::{System, describe};
use crate::i18n::{LookupTexts, fill};
use crate::model::lookup::LookupHit;
use crate::model::lookup_search::{DEBOUNCE_MS, LookupEvent, LookupState, Shown};
use crate::model::money::NumberStyle;
use crate::session::Session;
use crate::ui::notice::{Notice, Tone};

/// The lookup state as a Yew reducer.
#[derive(Clone, PartialEq)]
struct Lookup(LookupState);

impl Reducible for Lookup {
    type Action = LookupEvent;

    fn reduce(self: Rc<Self>, action: LookupEvent) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self).0;
        state.apply(action);
        Rc::new(Lookup(state))
    }
}

thread_local! {
    static INSTANCES: Cell<u32> = const { Cell::new(0) };
}

#[derive(Properties, PartialEq)]
pub struct LookupPanelProps {
    pub session: Rc<Session>,
    pub client: Client,
    pub compact: bool,
    pub warehouses: Option<Rc<Vec<Warehouse>>>,
    pub on_select: Option<Callback<LookupHit>>,
}

#[function_component]
pub fn LookupPanel(props: &LookupPanelProps) -> Html {
    let lookup = {
        let known = props.warehouses.as_deref().cloned();
        use_reducer(move || Lookup(LookupState::with_warehouses(known)))
    };
    let ids = use_memo((), |_| {
        Ids::new(INSTANCES.with(|n| {
            n.set(n.get() + 1);
            n.get()
        }))
    });
    // The pause after each edit; a newer edit drops the older timer.
    {
        let dispatch = lookup.dispatcher();
        use_effect_with(lookup.0.edit, move |&edit| {
            let timer = (edit > 0).then(|| {
                Timeout::new(DEBOUNCE_MS, move || {
                    dispatch.dispatch(LookupEvent::Paused(edit))
                })
            });
            move || drop(timer)
        });
    }
    // One request per search; a search no longer awaited (or an unmount) aborts it.
    {
        let dispatch = lookup.dispatcher();
        let (session, client) = (props.session.clone(), props.client.clone());
        let known = lookup.0.warehouses.clone();
        use_effect_with(lookup.0.searching.clone(), move |searching| {
            let cancel = Cancel::new();
            if let Some(s) = searching.clone() {
                let client = client.with_cancel(cancel.clone());
                spawn_local(async move {
                    let outcome = search(&client, &session.settings, &s.query, known).await;
                    dispatch.dispatch(LookupEvent::Answered(s.seq, outcome));
                });
            }
            move || cancel.cancel()
        });
    }
    let state = &lookup.0;
    let t = props.session.lang.lookup();
    let oninput = {
        let dispatch = lookup.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(LookupEvent::Typed(input.value()));
        })
    };
    let onkeydown = {
        let lookup = lookup.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let event = match e.key().as_str() {
                "ArrowDown" => LookupEvent::Next,
                "ArrowUp" => LookupEvent::Previous,
                "Enter" => LookupEvent::Enter,
                "Escape" => LookupEvent::Clear,
                _ => return,
            };
            e.prevent_default();
            if let (LookupEvent::Enter, Some(hit), Some(cb)) =
                (&event, lookup.0.active_hit(), &on_select)
            {
                cb.emit(hit.clone());
            }
            lookup.dispatch(event);
        })
    };
    let on_pick = {
        let lookup = lookup.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |i: usize| {
            if let (Some(hit), Some(cb)) = (lookup.0.hits().get(i), &on_select) {
                cb.emit(hit.clone());
            }
            lookup.dispatch(LookupEvent::Pick(i));
        })
    };
    let clear = {
        let dispatch = lookup.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(LookupEvent::Clear))
    };
    let retry = {
        let dispatch = lookup.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(LookupEvent::SearchNow))
    };
    let loading = state.searching.is_some();
    let listed = !state.hits().is_empty();
    let data_state = match (&state.shown, loading) {
        (_, true) => "loading",
        (Shown::Nothing, false) => "idle",
        (Shown::Answer(a), false) if a.hits.is_empty() => "empty",
        (Shown::Answer(_), false) => "ready",
        (Shown::Failed { .. }, false) => "error",
    };
    let query = match &state.shown {
        Shown::Answer(a) => Some(a.query.as_str().to_owned()),
        Shown::Failed { query, .. } => Some(query.as_str().to_owned()),
        Shown::Nothing => None,
    };
    let style = NumberStyle::for_lang(props.session.lang.code());
    html! {
        <section class={classes!("sl-card", "sl-lookup", props.compact.then_some("sl-lookup-compact"))}
            data-testid="stock-lookup" data-state={data_state} data-query={query}>
            <label class="sl-label" for={ids.input.clone()}>{ t.label }</label>
            <div class="sl-lookup-box">
                <input id={ids.input.clone()} type="text" class="sl-input sl-lookup-input"
                    role="combobox" aria-autocomplete="list" aria-expanded={listed.to_string()}
                    aria-controls={ids.list.clone()} aria-describedby={ids.hint.clone()}
                    aria-activedescendant={state.active.filter(|_| listed).map(|i| ids.option(i))}
                    autocomplete="off" spellcheck="false" placeholder={t.placeholder}
                    data-testid="stock-search" value={state.text.clone()} {oninput} {onkeydown} />
                if loading {
                    <span class="sl-spinner sl-lookup-spinner" data-testid="stock-searching" aria-hidden="true"></span>
                }
                if !state.text.is_empty() {
                    <button type="button" class="sl-lookup-clear" aria-label={t.clear} title={t.clear}
                        onclick={clear}>{ "×" }</button>
                }
            </div>
            <p id={ids.hint.clone()} class="sl-lookup-hint">{ t.hint }</p>
            <p class="sl-lookup-status" role="status">{ status(state, t) }</p>
            {
                match &state.shown {
                    Shown::Answer(answer) if !answer.hits.is_empty() => results(&Results {
                        answer,
                        active: state.active,
                        expanded: state.expanded,
                        updating: loading,
                        compact: props.compact,
                        ids: &ids,
                        lang: props.session.lang,
                        style,
                        on_pick,
                    }),
                    Shown::Answer(answer) => Notice::new(Tone::Info, fill(t.nothing_text, &[answer.query.as_str()]))
                        .titled(t.nothing_title)
                        .testid("stock-nothing")
                        .html(),
                    Shown::Failed { error, .. } if error.kind == ErrorKind::Network => Notice::new(Tone::Warning, t.unreachable_text)
                        .titled(t.unreachable_title)
                        .testid("stock-unreachable")
                        .action(t.retry, retry)
                        .html(),
                    Shown::Failed { error, .. } => Notice::new(Tone::Alert, describe(error, System::Store, props.session.lang))
                        .titled(t.failed_title)
                        .testid("stock-failed")
                        .action(t.retry, retry)
                        .html(),
                    Shown::Nothing if loading => skeleton_rows(),
                    Shown::Nothing => Html::default(),
                }
            }
        </section>
    }
}

/// The line a screen reader announces: searching, how many found, or why nothing is searched.
fn status(state: &LookupState, t: &LookupTexts) -> String {
    match (&state.shown, state.searching.is_some()) {
        (Shown::Nothing, true) => t.searching.to_owned(),
        (_, true) => t.updating.to_owned(),
        (Shown::Nothing, false) if !state.text.trim().is_empty() => t.too_short.to_owned(),
        (Shown::Answer(a), false) if a.capped => fill(t.capped, &[&a.hits.len().to_string()]),
        (Shown::Answer(a), false) if !a.hits.is_empty() => {
            fill(t.found, &[&a.hits.len().to_string()])
        }
        _ => String::new(),
    }
}
