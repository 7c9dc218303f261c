//! Labelled controls of the settings form: a text box and a select, each with its hint and
//! its problems, wired for screen readers. The control's `id` is also its `data-testid`.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::texts::FieldProblems;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub problems: Vec<String>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// Whole numbers only (`inputmode=numeric`).
    #[prop_or_default]
    pub numeric: bool,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub onfocus: Option<Callback<FocusEvent>>,
    #[prop_or_default]
    pub onclick: Option<Callback<MouseEvent>>,
}

/// A labelled text box.
#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let problems_id = format!("{}-problems", props.id);
    let described = describe(
        props.hint.is_some(),
        &hint_id,
        !props.problems.is_empty(),
        &problems_id,
    );
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="sl-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} class="sl-input" type="text" value={props.value.clone()}
                inputmode={props.numeric.then_some("numeric")} autocomplete="off" spellcheck="false"
                placeholder={props.placeholder.clone()}
                aria-invalid={(!props.problems.is_empty()).to_string()}
                aria-describedby={described} data-testid={props.id.clone()}
                {oninput} onfocus={props.onfocus.clone()} onclick={props.onclick.clone()} />
            if let Some(hint) = &props.hint {
                <small id={hint_id}>{ hint.clone() }</small>
            }
            <FieldProblems id={problems_id} sentences={props.problems.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, label)` in order.
    pub options: Vec<(String, String)>,
    pub selected: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub problems: Vec<String>,
    pub onchange: Callback<String>,
}

/// A labelled select.
#[function_component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let problems_id = format!("{}-problems", props.id);
    let described = describe(
        props.hint.is_some(),
        &hint_id,
        !props.problems.is_empty(),
        &problems_id,
    );
    html! {
        <div class="sl-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <Select id={props.id.clone()} options={props.options.clone()} selected={props.selected.clone()}
                invalid={!props.problems.is_empty()} described={described} onchange={props.onchange.clone()} />
            if let Some(hint) = &props.hint {
                <small id={hint_id}>{ hint.clone() }</small>
            }
            <FieldProblems id={problems_id} sentences={props.problems.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub options: Vec<(String, String)>,
    pub selected: AttrValue,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub described: Option<String>,
    /// For a select labelled by something other than a `<label for>`.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    pub onchange: Callback<String>,
}

/// A bare select (its label is elsewhere): the option equal to `selected` is chosen.
#[function_component]
pub fn Select(props: &SelectProps) -> Html {
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    html! {
        <select id={props.id.clone()} class="sl-select" data-testid={props.id.clone()}
            aria-invalid={props.invalid.to_string()} aria-describedby={props.described.clone()}
            aria-label={props.aria_label.clone()} {onchange}>
            { for props.options.iter().map(|(value, label)| html! {
                <option value={value.clone()} selected={*value == *props.selected}>{ label.clone() }</option>
            }) }
        </select>
    }
}

/// The `aria-describedby` of a control with an optional hint and optional problems.
fn describe(hint: bool, hint_id: &str, problems: bool, problems_id: &str) -> Option<String> {
    let ids: Vec<&str> = [(hint, hint_id), (problems, problems_id)]
        .into_iter()
        .filter_map(|(on, id)| on.then_some(id))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}
