//! Labelled controls of the settings form: a text box and a select, each with its hint and
//! its problems, wired for screen readers. The control's `id` is also its `data-testid`.
//! (Plain functions rather than components: they are many, cheap, and keep the wasm small.)

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::texts::field_problems;

/// A text box and what goes around it.
#[derive(Default)]
pub struct TextInput {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub hint: Option<AttrValue>,
    pub problems: Vec<String>,
    pub placeholder: Option<AttrValue>,
    /// Whole numbers only (`inputmode=numeric`).
    pub numeric: bool,
    pub oninput: Callback<String>,
    pub onfocus: Option<Callback<FocusEvent>>,
    pub onclick: Option<Callback<MouseEvent>>,
}

/// A labelled text box.
pub fn text_field(f: TextInput) -> Html {
    let Described {
        hint_id,
        problems_id,
        described,
    } = Described::of(&f.id, f.hint.is_some(), !f.problems.is_empty());
    let oninput = {
        let cb = f.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="sl-field">
            <label for={f.id.clone()}>{ f.label.clone() }</label>
            <input id={f.id.clone()} class="sl-input" type="text" value={f.value.clone()}
                inputmode={f.numeric.then_some("numeric")} autocomplete="off" spellcheck="false"
                placeholder={f.placeholder.clone()}
                aria-invalid={(!f.problems.is_empty()).to_string()}
                aria-describedby={described} data-testid={f.id.clone()}
                {oninput} onfocus={f.onfocus.clone()} onclick={f.onclick.clone()} />
            if let Some(hint) = &f.hint {
                <small id={hint_id}>{ hint.clone() }</small>
            }
            { field_problems(&problems_id, &f.problems) }
        </div>
    }
}

/// A select and what goes around it.
#[derive(Default)]
pub struct SelectInput {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, label)` in order.
    pub options: Vec<(String, String)>,
    pub selected: AttrValue,
    pub hint: Option<AttrValue>,
    pub problems: Vec<String>,
    pub onchange: Callback<String>,
}

/// A labelled select.
pub fn select_field(f: SelectInput) -> Html {
    let Described {
        hint_id,
        problems_id,
        described,
    } = Described::of(&f.id, f.hint.is_some(), !f.problems.is_empty());
    html! {
        <div class="sl-field">
            <label for={f.id.clone()}>{ f.label.clone() }</label>
            { select(&f.id, &f.options, &f.selected, !f.problems.is_empty(), described, f.onchange.clone()) }
            if let Some(hint) = &f.hint {
                <small id={hint_id}>{ hint.clone() }</small>
            }
            { field_problems(&problems_id, &f.problems) }
        </div>
    }
}

/// A bare select (its label is elsewhere): the option equal to `selected` is chosen.
pub fn select(
    id: &str,
    options: &[(String, String)],
    selected: &str,
    invalid: bool,
    described: Option<String>,
    onchange: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        onchange.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    html! {
        <select id={id.to_owned()} class="sl-select" data-testid={id.to_owned()}
            aria-invalid={invalid.to_string()} aria-describedby={described} {onchange}>
            { for options.iter().map(|(value, label)| html! {
                <option value={value.clone()} selected={value == selected}>{ label.clone() }</option>
            }) }
        </select>
    }
}

/// The element IDs of a control's hint and problems, and its `aria-describedby`: those of the
/// two that are shown.
struct Described {
    hint_id: String,
    problems_id: String,
    described: Option<String>,
}

impl Described {
    fn of(id: &str, hint: bool, problems: bool) -> Described {
        let hint_id = format!("{id}-hint");
        let problems_id = format!("{id}-problems");
        let shown: Vec<&str> = [(hint, hint_id.as_str()), (problems, problems_id.as_str())]
            .into_iter()
            .filter_map(|(on, id)| on.then_some(id))
            .collect();
        let described = (!shown.is_empty()).then(|| shown.join(" "));
        Described {
            hint_id,
            problems_id,
            described,
        }
    }
}

/// Moves the keyboard focus, once the page has re-rendered, to the first of `ids` that is
/// there and enabled: after a rule moves or goes away, focus follows it instead of falling to
/// the page.
pub fn focus_after_render(ids: Vec<String>) {
    focus_when_rendered(move |document| {
        ids.iter()
            .filter_map(|id| document.get_element_by_id(id))
            .find(|el| {
                !el.has_attribute("disabled")
                    && wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(el).is_some()
            })
    });
}

/// Once the page has re-rendered after a refused save, moves the keyboard focus to the first
/// control marked invalid, whose problem it then reads out (the Save button kept it before).
pub fn focus_first_invalid() {
    focus_when_rendered(|document| {
        document
            .query_selector(r#"[aria-invalid="true"]"#)
            .ok()
            .flatten()
    });
}

/// Once the page has re-rendered, focuses the element `pick` finds in it, if any.
fn focus_when_rendered(
    pick: impl FnOnce(&web_sys::Document) -> Option<web_sys::Element> + 'static,
) {
    gloo_timers::callback::Timeout::new(0, move || {
        let picked = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| pick(&d));
        if let Some(el) =
            picked.and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = el.focus();
        }
    })
    .forget();
}
