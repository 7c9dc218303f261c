//! Markup into the document, and the events it names back to the screen.
//!
//! A [`Region`] is an element whose content one screen owns: it replaces that content with
//! new markup and keeps the focused control focused, caret included. [`delegate`] listens once
//! on a region for clicks, input, keys and changes and hands the screen the action named by the
//! nearest element inside that region (see [`crate::markup::Markup::on`]).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent};

/// An element whose content one screen renders.
#[derive(Clone)]
pub struct Region {
    element: Element,
}

impl Region {
    /// Takes over `element`; nested regions are told apart by `data-region`.
    pub fn new(element: Element) -> Region {
        element.set_attribute("data-region", "").ok();
        Region { element }
    }

    pub fn element(&self) -> &Element {
        &self.element
    }

    /// Replaces the content with `html`; a control focused inside keeps focus and caret when the
    /// new markup has an element with its `id`.
    pub fn render(&self, html: &str) {
        let document = self.element.owner_document();
        let focused = document
            .as_ref()
            .and_then(|d| d.active_element())
            .filter(|a| self.element.contains(Some(a)))
            .map(|a| (a.id(), caret(&a)))
            .filter(|(id, _)| !id.is_empty());
        self.element.set_inner_html(html);
        if let (Some((id, caret_at)), Some(document)) = (focused, document)
            && let Some(el) = document.get_element_by_id(&id)
        {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                el.focus().ok();
            }
            if let (Some(input), Some((start, end))) = (el.dyn_ref::<HtmlInputElement>(), caret_at)
            {
                input.set_selection_range(start, end).ok();
            }
        }
    }

    /// The first element inside matching `selector`, if any.
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.element.query_selector(selector).ok().flatten()
    }
}

fn caret(el: &Element) -> Option<(u32, u32)> {
    let input = el.dyn_ref::<HtmlInputElement>()?;
    Some((input.selection_start().ok()??, input.selection_end().ok()??))
}

/// What the person did: the action named in the markup, its `data-arg`, the element that
/// names it and the event.
pub struct Action {
    pub name: String,
    pub arg: Option<String>,
    pub element: Element,
    pub event: Event,
}

impl Action {
    /// The argument parsed as a number.
    pub fn number(&self) -> Option<u64> {
        self.arg.as_deref().and_then(|a| a.parse().ok())
    }

    /// The current value of the input or select that names the action.
    pub fn value(&self) -> String {
        js_sys::Reflect::get(&self.element, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    /// The key of a `key` action (`Enter`, `ArrowDown`, …); empty while an input method is
    /// composing text (its Enter confirms the composition, it is not the person's command).
    pub fn key(&self) -> String {
        self.event
            .dyn_ref::<KeyboardEvent>()
            .filter(|k| !k.is_composing())
            .map(|k| k.key())
            .unwrap_or_default()
    }
}

/// The DOM events a screen can name, with the `data-on-` suffix that names them.
const EVENTS: [(&str, &str); 4] = [
    ("click", "data-on-click"),
    ("input", "data-on-input"),
    ("keydown", "data-on-key"),
    ("change", "data-on-change"),
];

/// Listens on `region` until the returned listeners are dropped.
pub fn delegate(region: &Region, handler: impl Fn(Action) + 'static) -> Vec<EventListener> {
    let handler = std::rc::Rc::new(handler);
    EVENTS
        .iter()
        .map(|&(event, attribute)| {
            let root = region.element.clone();
            let handler = handler.clone();
            // Not passive: a handler may cancel the default (Enter in a field, a form's submit).
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&region.element, event, options, move |e| {
                if let Some(action) = action_of(&root, attribute, e) {
                    handler(action);
                }
            })
        })
        .collect()
}

fn action_of(root: &Element, attribute: &str, event: &Event) -> Option<Action> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    let element = target.closest(&format!("[{attribute}]")).ok()??;
    // Only elements of this region: a nested region handles its own.
    let owner = element.closest("[data-region]").ok()??;
    if owner != *root {
        return None;
    }
    Some(Action {
        name: element.get_attribute(attribute)?,
        arg: element.get_attribute("data-arg"),
        element,
        event: event.clone(),
    })
}
