//! Markup into the document, and the events it names back to the screen.
//!
//! A [`Region`] is an element whose content one screen owns: it replaces that content with
//! new markup (only when the markup changed) and keeps the focused control focused, caret
//! included. [`delegate`] listens once
//! on a region for clicks, input, keys and changes and hands the screen the action named by the
//! nearest element inside that region (see [`crate::markup::Markup::on`]).

use std::cell::RefCell;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent};

/// An element whose content one screen renders.
pub struct Region {
    element: Element,
    /// The markup rendered last.
    shown: RefCell<String>,
    /// The element that took the focus when the focused control went away with nothing to
    /// hand it to (see [`Region::render`]).
    holding: RefCell<Option<Element>>,
}

impl Region {
    /// Takes over `element`; nested regions are told apart by `data-region`, and [`delegate`]
    /// routes the actions inside one to its own handler.
    pub fn new(element: Element) -> Region {
        element.set_attribute("data-region", "").ok();
        Region::part(element)
    }

    /// A part of an enclosing region that renders on its own: the actions inside it go to the
    /// enclosing region's handler.
    pub fn part(element: Element) -> Region {
        Region {
            element,
            shown: RefCell::default(),
            holding: RefCell::default(),
        }
    }

    pub fn element(&self) -> &Element {
        &self.element
    }

    /// Replaces the content with `html`; a control focused inside keeps the focus (and an
    /// input its caret) when the new markup has it again: the element with its `id`, else the
    /// focusable element at its place that looks the same (tag and action). Elements marked
    /// `data-keep-scroll` keep their scroll position, and a `<details id>` the rep opened stays
    /// open. Markup equal to the last leaves the page alone. While the region holds the focus
    /// for a control that went away ("Link" became "Linking…"), the next markup's
    /// `data-autofocus` element takes it (the linked order's heading).
    pub fn render(&self, html: String) {
        if *self.shown.borrow() == html {
            return;
        }
        let document = self.element.owner_document();
        let active = document.as_ref().and_then(|d| d.active_element());
        let held = self
            .holding
            .take()
            .is_some_and(|h| active.as_ref().is_some_and(|a| a.is_same_node(Some(&h))));
        let before = active
            .filter(|a| self.element.contains(Some(a)))
            .and_then(|a| Some((self.focus_of(&a)?, caret(&a))));
        let scrolled = self.scrolled();
        let opened = self.opened();
        self.element.set_inner_html(&html);
        *self.shown.borrow_mut() = html;
        self.scroll_back(&scrolled);
        self.open_again(&opened);
        let Some((at, caret_at)) = before else {
            if held {
                match self.element.query_selector(AUTOFOCUS).ok().flatten() {
                    Some(el) => focus(&el),
                    None => *self.holding.borrow_mut() = active_holder(&self.element),
                }
            }
            return;
        };
        let again = match &at {
            Focus::Id(id) => document.and_then(|d| d.get_element_by_id(id)),
            Focus::Place { index, look } => self
                .focusables()
                .and_then(|list| list.item(*index))
                .and_then(|n| n.dyn_into::<Element>().ok())
                .filter(|el| looks(el) == *look),
        };
        // The focused control is gone (a "Link" became its confirmation): the new markup's
        // `data-autofocus` element takes the focus rather than the page; without one, the
        // region itself keeps it (a "Try again" that went away would hand it to the page, and
        // a keyboard user would start again from the portal's top).
        let again = again.or_else(|| self.element.query_selector(AUTOFOCUS).ok().flatten());
        let Some(el) = again else {
            self.hold_focus();
            return;
        };
        focus(&el);
        if let (Some(input), Some((start, end))) = (el.dyn_ref::<HtmlInputElement>(), caret_at) {
            input.set_selection_range(start, end).ok();
        }
    }

    /// Focuses the region's own element (focusable by script only), without scrolling to it;
    /// a region drawn as its content alone (`display: contents`, it has no box to focus) hands
    /// this to the nearest element around it that has one.
    fn hold_focus(&self) {
        let mut holder = self.element.clone();
        while has_no_box(&holder) {
            match holder.parent_element() {
                Some(parent) => holder = parent,
                None => return,
            }
        }
        if !holder.has_attribute("tabindex") {
            let _ = holder.set_attribute("tabindex", "-1");
        }
        if let Some(el) = holder.dyn_ref::<web_sys::HtmlElement>() {
            let how = web_sys::FocusOptions::new();
            how.set_prevent_scroll(true);
            el.focus_with_options(&how).ok();
        }
        *self.holding.borrow_mut() = Some(holder);
    }

    /// How far each `[data-keep-scroll]` element is scrolled, in document order.
    fn scrolled(&self) -> Vec<(i32, i32)> {
        self.all(KEEP_SCROLL)
            .iter()
            .map(|el| (el.scroll_left(), el.scroll_top()))
            .collect()
    }

    /// The elements inside matching `selector`, in document order.
    fn all(&self, selector: &str) -> Vec<Element> {
        let mut out = Vec::new();
        if let Ok(list) = self.element.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    out.push(el);
                }
            }
        }
        out
    }

    /// Scrolls the new `[data-keep-scroll]` elements as far as the old ones were.
    fn scroll_back(&self, scrolled: &[(i32, i32)]) {
        if scrolled.iter().all(|&s| s == (0, 0)) {
            return;
        }
        for (el, &(left, top)) in self.all(KEEP_SCROLL).iter().zip(scrolled) {
            el.set_scroll_left(left);
            el.set_scroll_top(top);
        }
    }

    /// The IDs of the open `<details>` elements.
    fn opened(&self) -> Vec<String> {
        self.all(OPEN_DETAILS).iter().map(Element::id).collect()
    }

    /// Opens the new `<details>` elements with these IDs.
    fn open_again(&self, opened: &[String]) {
        let Some(document) = self.element.owner_document() else {
            return;
        };
        for id in opened {
            if let Some(el) = document.get_element_by_id(id) {
                el.set_attribute("open", "").ok();
            }
        }
    }

    fn focusables(&self) -> Option<web_sys::NodeList> {
        self.element.query_selector_all(FOCUSABLE).ok()
    }

    fn focus_of(&self, el: &Element) -> Option<Focus> {
        let id = el.id();
        if !id.is_empty() {
            return Some(Focus::Id(id));
        }
        let list = self.focusables()?;
        let index = (0..list.length()).find(|&i| el.is_same_node(list.item(i).as_ref()))?;
        Some(Focus::Place {
            index,
            look: looks(el),
        })
    }

    /// The first element inside matching `selector`, if any.
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.element.query_selector(selector).ok().flatten()
    }
}

/// Elements whose scroll position survives a render (a wide table scrolled sideways).
const KEEP_SCROLL: &str = "[data-keep-scroll]";

/// Folded parts the rep opened, which stay open through a render (found again by ID).
const OPEN_DETAILS: &str = "details[open][id]";

/// True for an element drawn as its content alone (`display: contents`).
fn has_no_box(el: &Element) -> bool {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|style| style.get_property_value("display").ok())
        .is_some_and(|display| display == "contents")
}

/// Focuses `el`, when it can take the focus.
fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        el.focus().ok();
    }
}

/// The element the page's active element is, when it is `region` or holds it (the focus the
/// region held is still there, with nothing to hand it to yet).
fn active_holder(region: &Element) -> Option<Element> {
    let active = region.owner_document()?.active_element()?;
    active.contains(Some(region)).then_some(active)
}

/// Where the focus goes when the focused control is not in the new markup.
pub const AUTOFOCUS: &str = "[data-autofocus]";

/// What can hold the keyboard focus inside a region.
const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]";

/// Where the focus was before a render.
enum Focus {
    Id(String),
    /// The `index`th focusable element, which looked like `look`.
    Place {
        index: u32,
        look: String,
    },
}

/// An element's tag and the action it names: a focus moves back only onto the same kind.
fn looks(el: &Element) -> String {
    let mut look = el.tag_name();
    for event in ["data-on-click", "data-on-change", "data-arg"] {
        look.push(' ');
        look.push_str(&el.get_attribute(event).unwrap_or_default());
    }
    look
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

    /// True for a key held down (the keyboard's repeat), not pressed anew (the deal tab's
    /// link panel asks).
    #[cfg(feature = "tab")]
    pub fn repeated(&self) -> bool {
        self.event
            .dyn_ref::<KeyboardEvent>()
            .is_some_and(KeyboardEvent::repeat)
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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::{Element, HtmlElement, HtmlInputElement};

    use super::{Region, delegate};

    wasm_bindgen_test_configure!(run_in_browser);

    fn region() -> Region {
        let document = web_sys::window().unwrap().document().unwrap();
        let el = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&el).unwrap();
        Region::new(el)
    }

    fn focused() -> Option<Element> {
        web_sys::window()?.document()?.active_element()
    }

    /// A field and two buttons; `note` changes the markup around them.
    fn buttons(args: [&str; 2], note: &str) -> String {
        format!(
            r#"<input id="field" value="hello"><button data-on-click="link" data-arg="{}">A</button><button data-on-click="link" data-arg="{}">B</button><p>{note}</p>"#,
            args[0], args[1]
        )
    }

    #[wasm_bindgen_test]
    fn a_render_keeps_the_focused_control_and_the_caret() {
        let r = region();
        r.render(buttons(["1", "2"], "first"));
        let input: HtmlInputElement = r.find("#field").unwrap().dyn_into().unwrap();
        input.focus().unwrap();
        input.set_selection_range(2, 4).unwrap();
        r.render(buttons(["1", "2"], "second"));
        let input: HtmlInputElement = r.find("#field").unwrap().dyn_into().unwrap();
        assert_eq!(focused().map(|f| f.id()), Some("field".into()));
        assert_eq!(input.selection_start().unwrap(), Some(2));
        assert_eq!(input.selection_end().unwrap(), Some(4));

        let second: HtmlElement = r.find("[data-arg='2']").unwrap().dyn_into().unwrap();
        second.focus().unwrap();
        r.render(buttons(["1", "2"], "third"));
        let now = focused().unwrap();
        assert_eq!(now.get_attribute("data-arg").as_deref(), Some("2"));
        assert!(
            r.element().contains(Some(&now)) && !now.is_same_node(Some(&second)),
            "the new button, not the old one"
        );
        r.element().remove();
    }

    #[wasm_bindgen_test]
    fn markup_equal_to_the_last_leaves_the_page_alone() {
        let r = region();
        r.render(buttons(["1", "2"], "same"));
        let field = r.find("#field").unwrap();
        r.render(buttons(["1", "2"], "same"));
        assert!(field.is_same_node(r.find("#field").as_deref()));
        r.render(buttons(["1", "2"], "changed"));
        assert!(!field.is_same_node(r.find("#field").as_deref()));
        r.element().remove();
    }

    #[wasm_bindgen_test]
    fn the_focus_does_not_jump_onto_a_different_control_at_the_same_place() {
        let r = region();
        r.render(buttons(["1", "2"], ""));
        let second: HtmlElement = r.find("[data-arg='2']").unwrap().dyn_into().unwrap();
        second.focus().unwrap();
        r.render(buttons(["1", "3"], ""));
        assert_eq!(
            focused().as_ref(),
            Some(r.element()),
            "no control of the region took the focus; the region holds it"
        );
        r.element().remove();
    }

    /// A region drawn as its content alone (`display: contents`) inside the element around it.
    fn boxless_region() -> (Element, Region) {
        let document = web_sys::window().unwrap().document().unwrap();
        let around = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&around).unwrap();
        let el = document.create_element("div").unwrap();
        el.set_attribute("style", "display: contents").unwrap();
        around.append_child(&el).unwrap();
        (around, Region::new(el))
    }

    #[wasm_bindgen_test]
    fn a_region_without_a_box_hands_the_focus_to_the_element_around_it() {
        let (around, r) = boxless_region();
        r.render(buttons(["1", "2"], ""));
        let second: HtmlElement = r.find("[data-arg='2']").unwrap().dyn_into().unwrap();
        second.focus().unwrap();
        // "Try again" went: the focus stays in the widget, not on the page.
        r.render("<p>loading</p>".to_owned());
        assert_eq!(focused().as_ref(), Some(&around));
        around.remove();
    }

    #[wasm_bindgen_test]
    fn the_focus_held_for_a_control_that_went_goes_to_the_next_autofocus_element() {
        let (around, r) = boxless_region();
        r.render(buttons(["1", "2"], ""));
        let link: HtmlElement = r.find("[data-arg='2']").unwrap().dyn_into().unwrap();
        link.focus().unwrap();
        // "Link" became "Linking…", then a skeleton: the region holds the focus meanwhile.
        r.render("<p>linking</p>".to_owned());
        r.render("<p>loading</p>".to_owned());
        assert_eq!(focused().as_ref(), Some(&around));
        // The linked order arrives: its heading takes the focus.
        r.render(
            r#"<h2 tabindex="-1" data-autofocus>Order 12</h2><button>Other</button>"#.to_owned(),
        );
        assert_eq!(
            focused().map(|f| f.text_content()),
            Some(Some("Order 12".into()))
        );
        // Once handed on, a later render takes nothing, and a rep who moved on is left alone.
        let other: HtmlElement = r.find("button").unwrap().dyn_into().unwrap();
        other.focus().unwrap();
        other.blur().unwrap();
        r.render(r#"<h2 tabindex="-1" data-autofocus>Order 13</h2>"#.to_owned());
        assert!(!focused().is_some_and(|f| around.contains(Some(&f))));
        around.remove();
    }

    #[wasm_bindgen_test]
    fn an_opened_fold_stays_open_when_its_region_renders_again() {
        let r = region();
        let fold = |items: &str| {
            format!(
                r#"<details id="sl-test-fold"><summary>More</summary><ul>{items}</ul></details>"#
            )
        };
        r.render(fold("<li>1</li>"));
        r.find("#sl-test-fold")
            .unwrap()
            .set_attribute("open", "")
            .unwrap();
        r.render(fold("<li>1</li><li>2</li>"));
        assert!(r.find("#sl-test-fold").unwrap().has_attribute("open"));
        r.find("#sl-test-fold")
            .unwrap()
            .remove_attribute("open")
            .unwrap();
        r.render(fold("<li>1</li>"));
        assert!(!r.find("#sl-test-fold").unwrap().has_attribute("open"));
    }

    #[wasm_bindgen_test]
    fn a_focused_control_that_is_gone_hands_the_focus_to_the_new_autofocus_element() {
        let r = region();
        r.render(buttons(["1", "2"], ""));
        let second: HtmlElement = r.find("[data-arg='2']").unwrap().dyn_into().unwrap();
        second.focus().unwrap();
        // "Link" became its confirmation: the answer takes the focus.
        r.render(r#"<button data-on-click="link-order-anyway" data-autofocus>Yes</button><button data-on-click="link-cancel">No</button>"#.to_owned());
        let now = focused().unwrap();
        assert_eq!(
            now.get_attribute("data-on-click").as_deref(),
            Some("link-order-anyway")
        );
        // Without a focused control in the region, nothing is taken.
        now.dyn_ref::<HtmlElement>().unwrap().blur().unwrap();
        r.render(r#"<p>other</p><button data-autofocus>Go</button>"#.to_owned());
        assert!(!focused().is_some_and(|f| r.element().contains(Some(&f))));
        r.element().remove();
    }

    #[wasm_bindgen_test]
    fn a_wide_table_scrolled_sideways_stays_scrolled_after_a_render() {
        let r = region();
        let wide = r#"<div data-keep-scroll style="width:100px;overflow:auto"><div style="width:1000px;height:10px"></div></div>"#;
        r.render(wide.to_owned());
        let scroller = r.find("[data-keep-scroll]").unwrap();
        scroller.set_scroll_left(300);
        assert_eq!(scroller.scroll_left(), 300);
        r.render(format!("{wide}<p>updated</p>"));
        let again = r.find("[data-keep-scroll]").unwrap();
        assert!(
            !again.is_same_node(Some(&scroller)),
            "the content was replaced"
        );
        assert_eq!(again.scroll_left(), 300);
        r.element().remove();
    }

    #[wasm_bindgen_test]
    fn events_reach_the_region_that_names_them_and_may_cancel_their_default() {
        let outer = region();
        outer.render(
            r##"<button data-on-click="retry">Retry</button><div id="inner"></div><a href="#x" data-on-click="go">Go</a>"##
                .to_owned(),
        );
        let inner = Region::new(outer.find("#inner").unwrap());
        inner.render(r#"<button data-on-click="pick" data-arg="7">Pick</button>"#.to_owned());
        let seen = Rc::new(RefCell::new(Vec::new()));
        let record = |seen: &Rc<RefCell<Vec<String>>>, who: &'static str| {
            let seen = seen.clone();
            move |a: super::Action| {
                a.event.prevent_default();
                seen.borrow_mut()
                    .push(format!("{who}:{}:{}", a.name, a.arg.unwrap_or_default()));
            }
        };
        let _outer = delegate(&outer, record(&seen, "outer"));
        let _inner = delegate(&inner, record(&seen, "inner"));
        for selector in ["[data-on-click=retry]", "[data-on-click=pick]"] {
            let el: HtmlElement = outer.find(selector).unwrap().dyn_into().unwrap();
            el.click();
        }
        let link = outer.find("a").unwrap();
        let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            init.set_cancelable(true);
            init
        })
        .unwrap();
        let went = link.dispatch_event(&click).unwrap();
        assert!(!went, "the handler cancelled the link's navigation");
        assert_eq!(
            *seen.borrow(),
            vec!["outer:retry:", "inner:pick:7", "outer:go:"]
        );
        outer.element().remove();
    }

    #[wasm_bindgen_test]
    fn a_key_held_down_is_told_from_a_key_pressed_anew() {
        let r = region();
        r.render(r#"<button data-on-key="answer">Yes</button>"#.to_owned());
        let seen = Rc::new(RefCell::new(Vec::new()));
        let _listening = {
            let seen = seen.clone();
            delegate(&r, move |a| seen.borrow_mut().push((a.key(), a.repeated())))
        };
        let button = r.find("button").unwrap();
        for repeat in [false, true] {
            let init = web_sys::KeyboardEventInit::new();
            init.set_key("Enter");
            init.set_repeat(repeat);
            init.set_bubbles(true);
            let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                .unwrap();
            button.dispatch_event(&key).unwrap();
        }
        assert_eq!(
            *seen.borrow(),
            vec![("Enter".to_owned(), false), ("Enter".to_owned(), true)]
        );
        r.element().remove();
    }
}
