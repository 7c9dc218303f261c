//! Browser tests of the running lookup (`wasm-bindgen-test` in headless Chromium): the hooks
//! end-to-end tests and tools rely on, the listbox semantics, keys and clicks, a search box
//! that is never replaced, retry, and a request aborted when the lookup goes away. The store
//! is the page's `fetch`, replaced by a stub that answers one batch.

use std::cell::RefCell;
use std::rc::Rc;

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::{Client, RetryPolicy};
use gloo_timers::future::TimeoutFuture;
use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::{LookupHandle, LookupOptions, panel};
use crate::i18n::Lang;
use crate::model::lookup::{LookupHit, LookupQuery};
use crate::model::lookup_search::lookup_plan;
use crate::model::settings::Settings;
use crate::page::dom::Region;

wasm_bindgen_test_configure!(run_in_browser);

fn settings() -> Settings {
    Settings {
        store_iblock_id: Some(14),
        price_type_id: 1,
        warehouses: vec![2, 1],
        ..Settings::default()
    }
}

fn warehouses() -> Vec<Warehouse> {
    serde_json::from_value(json!([
        {"id": 1, "title": "", "active": "Y"},
        {"id": 2, "title": "Магазин", "active": "Y"}
    ]))
    .unwrap()
}

/// The store's reply to the lookup batch for `text`: two products named "Турка …", stock of
/// the first in both warehouses, its price, the store's units.
fn reply(text: &str) -> String {
    let query = LookupQuery::parse(text).unwrap();
    let plan = lookup_plan(&query, &settings(), Some(&warehouses())).unwrap();
    let mut results = serde_json::Map::new();
    for command in &plan.batch.commands {
        let value = match (command.call.method, command.name.as_str()) {
            ("catalog.product.list", "by_prefix") => json!({"products": [
                {"id": 7, "name": "Турка 7", "xmlId": "guid-7", "active": "Y"},
                {"id": 8, "name": "Турка 8", "xmlId": "guid-8", "active": "Y"}
            ]}),
            ("catalog.product.list", _) => json!({"products": []}),
            ("catalog.storeproduct.list", _) => json!({"storeProducts": [
                {"productId": 7, "storeId": 1, "amount": 1300, "quantityReserved": 65.5},
                {"productId": 7, "storeId": 2, "amount": 3, "quantityReserved": 0}
            ]}),
            ("catalog.price.list", _) => json!({"prices": [
                {"productId": 7, "catalogGroupId": 1, "price": 1450, "currency": "RUB"}
            ]}),
            ("catalog.measure.list", _) => json!({"measures": [
                {"id": 5, "code": 796, "symbol": null}
            ]}),
            (method, _) => panic!("unexpected command {method}"),
        };
        results.insert(command.name.clone(), value);
    }
    json!({"result": {"result": Value::Object(results), "result_error": []}}).to_string()
}

/// What the stubbed store does with each request.
enum Store {
    Answers(String),
    Unreachable,
    Silent,
}

/// Replaces the page's `fetch`; counts the requests and keeps the last one's abort signal.
fn stub_fetch(store: Store) {
    let window = web_sys::window().unwrap();
    let mode = match &store {
        Store::Answers(body) => JsValue::from_str(body),
        Store::Unreachable => JsValue::from_str("unreachable"),
        Store::Silent => JsValue::NULL,
    };
    js_sys::Reflect::set(&window, &"__slStore".into(), &mode).unwrap();
    js_sys::Reflect::set(&window, &"__slCalls".into(), &0.into()).unwrap();
    let fetch = js_sys::Function::new_with_args(
        "request",
        "window.__slCalls += 1; window.__slSignal = request.signal;
         const store = window.__slStore;
         if (store === null) return new Promise(() => {});
         if (store === 'unreachable') return Promise.reject(new TypeError('Failed to fetch'));
         return Promise.resolve(new Response(store, {status: 200,
             headers: {'Content-Type': 'application/json'}}));",
    );
    js_sys::Reflect::set(&window, &"fetch".into(), &fetch).unwrap();
}

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &name.into()).unwrap()
}

fn requests() -> u32 {
    global("__slCalls").as_f64().unwrap_or_default() as u32
}

/// Mounts a lookup into a new element of the page; picked results are pushed to the list.
fn start(picked: &Rc<RefCell<Vec<u64>>>) -> (Element, LookupHandle) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    root.set_class_name("sl-region");
    document.body().unwrap().append_child(&root).unwrap();
    let picked = picked.clone();
    let setup = panel::Setup {
        lang: Lang::Ru,
        settings: Rc::new(settings()),
        // Unreachable at once: no retries after 1, 2 and 4 seconds.
        client: Client::builder()
            .retry(RetryPolicy::NONE)
            .webhook("https://store.example/rest/1/secret/")
            .unwrap(),
        options: LookupOptions {
            warehouses: Some(Rc::new(warehouses())),
            on_select: Some(Rc::new(move |hit: LookupHit| {
                picked.borrow_mut().push(hit.product.id)
            })),
            ..LookupOptions::default()
        },
        is_admin: false,
        admin: None,
    };
    let (panel, listeners) = panel::start(&Region::new(root.clone()), setup);
    assert!(panel.is_some(), "{}", root.outer_html());
    let handle = LookupHandle {
        panel,
        _listeners: listeners,
    };
    (root, handle)
}

fn input(root: &Element) -> HtmlInputElement {
    root.query_selector("[data-testid=stock-search]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

fn section_state(root: &Element) -> String {
    root.query_selector("[data-testid=stock-lookup]")
        .unwrap()
        .and_then(|s| s.get_attribute("data-state"))
        .unwrap_or_default()
}

/// Types `text` into the search box as the browser reports it: a new value, then `input`.
fn type_text(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    fire(
        field,
        "el => el.dispatchEvent(new Event('input', {bubbles: true}))",
    );
}

/// Runs `script` (a function of the element) and returns what it returned, as a boolean.
fn fire(el: &JsValue, script: &str) -> bool {
    let f = js_sys::Function::new_with_args("el", &format!("return ({script})(el)"));
    f.call1(&JsValue::NULL, el)
        .unwrap()
        .as_bool()
        .unwrap_or_default()
}

/// Presses `key` in the field; false when the lookup cancelled the browser's default.
fn press(field: &HtmlInputElement, key: &str) -> bool {
    fire(
        field,
        &format!(
            "el => el.dispatchEvent(new KeyboardEvent('keydown', \
             {{key: '{key}', bubbles: true, cancelable: true}}))"
        ),
    )
}

/// Waits (up to two seconds) until the section's `data-state` is `state`.
async fn until_state(root: &Element, state: &str) {
    for _ in 0..100 {
        if section_state(root) == state {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("data-state {state} never came: {}", root.outer_html());
}

fn all(root: &Element, css: &str) -> Vec<Element> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn texts(root: &Element, css: &str) -> Vec<String> {
    all(root, css)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

fn attrs(elements: &[Element], name: &str) -> Vec<String> {
    elements
        .iter()
        .map(|e| e.get_attribute(name).unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_search_after_the_pause_shows_results_with_their_hooks_in_the_same_search_box() {
    stub_fetch(Store::Answers(reply("турка")));
    let picked = Rc::default();
    let (root, _handle) = start(&picked);
    let field = input(&root);
    field.focus().unwrap();
    type_text(&field, "турка");
    assert_eq!(
        section_state(&root),
        "idle",
        "nothing asked before the pause"
    );
    until_state(&root, "ready").await;
    assert_eq!(requests(), 1, "one request for one search");

    let section = root.query_selector("section").unwrap().unwrap();
    assert_eq!(
        section.get_attribute("data-query").as_deref(),
        Some("турка")
    );
    assert!(
        input(&root).is_same_node(Some(&field)),
        "the search box is never replaced"
    );
    let document = web_sys::window().unwrap().document().unwrap();
    assert!(
        document
            .active_element()
            .is_some_and(|a| a.is_same_node(Some(&field))),
        "and keeps the focus"
    );
    assert_eq!(field.value(), "турка");
    assert_eq!(
        field.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );

    let list = root.query_selector("[role=listbox]").unwrap().unwrap();
    assert_eq!(
        field.get_attribute("aria-controls").as_deref(),
        Some(list.id().as_str())
    );
    let options = all(&root, "[role=option][data-testid=stock-result]");
    assert_eq!(attrs(&options, "data-xml-id"), ["guid-7", "guid-8"]);
    assert_eq!(attrs(&options, "aria-selected"), ["false", "false"]);
    let available = all(&root, "[data-testid=stock-available]");
    assert_eq!(
        attrs(&available, "data-value"),
        ["1237.5", "0"],
        "a plain number: free stock in the shown warehouses"
    );
    assert_eq!(
        texts(&root, "[data-testid=stock-available]"),
        ["1\u{a0}237,5", "0"],
        "in the rep's style on screen"
    );
    let cells = all(&options[0], "[data-testid=stock-warehouse]");
    assert_eq!(attrs(&cells, "data-warehouse-id"), ["2", "1"]);
    assert_eq!(
        cells[1].text_content().unwrap(),
        "Склад 1: 1\u{a0}234,5",
        "the warehouse named for screen readers, the figure in the rep's style"
    );
    assert_eq!(
        texts(&root, "[data-testid=stock-price]")[0],
        "1\u{a0}450,00\u{a0}₽"
    );
    assert_eq!(
        texts(&root, "[role=status].sl-lookup-status"),
        ["Найдено: 2"]
    );
    assert!(
        root.query_selector("[data-testid=stock-searching]")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        root.query_selector_all("[style]").unwrap().length(),
        0,
        "no inline styles (CSP)"
    );
}

#[wasm_bindgen_test]
async fn keys_and_clicks_move_through_the_results_open_one_and_report_it() {
    stub_fetch(Store::Answers(reply("турка")));
    let picked: Rc<RefCell<Vec<u64>>> = Rc::default();
    let (root, _handle) = start(&picked);
    let field = input(&root);
    type_text(&field, "турка");
    until_state(&root, "ready").await;

    assert!(!press(&field, "ArrowDown"), "the caret does not move");
    assert!(!press(&field, "ArrowDown"));
    let options = all(&root, "[role=option]");
    assert_eq!(attrs(&options, "aria-selected"), ["false", "true"]);
    assert_eq!(
        field.get_attribute("aria-activedescendant"),
        Some(options[1].id())
    );
    assert!(!press(&field, "Enter"));
    assert_eq!(*picked.borrow(), [8]);
    let details = all(&root, "[data-testid=stock-details]");
    assert_eq!(details.len(), 1, "only the opened result shows details");
    assert!(
        details[0]
            .closest("[data-xml-id=guid-8]")
            .unwrap()
            .is_some()
    );
    assert!(press(&field, "a"), "other keys are the field's");

    let first = all(&root, "[role=option]").remove(0);
    assert!(
        !fire(
            &first,
            "el => el.dispatchEvent(new MouseEvent('mousedown', {bubbles: true, cancelable: true}))"
        ),
        "a press on a result keeps the focus in the search box"
    );
    first.dyn_into::<HtmlElement>().unwrap().click();
    assert_eq!(*picked.borrow(), [8, 7]);
    let details = all(&root, "[data-testid=stock-details]");
    assert_eq!(details.len(), 1);
    assert_eq!(
        all(&details[0], "tbody tr").len(),
        2,
        "one line per shown warehouse"
    );
    assert!(
        details[0]
            .closest("[data-xml-id=guid-7]")
            .unwrap()
            .is_some()
    );

    assert!(!press(&field, "Escape"));
    assert!(
        all(&root, "[data-testid=stock-details]").is_empty(),
        "the first Escape closes the opened details"
    );
    assert_eq!(field.value(), "турка", "and keeps the search");
    assert_eq!(all(&root, "[role=option]").len(), 2);
    assert!(!press(&field, "Escape"));
    assert_eq!(field.value(), "", "the second Escape clears the box");
    assert_eq!(section_state(&root), "idle");
    assert!(field.get_attribute("aria-activedescendant").is_none());
    assert_eq!(
        field.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(all(&root, "[role=option]").is_empty());
}

#[wasm_bindgen_test]
async fn an_unreachable_store_is_named_and_retry_asks_again() {
    stub_fetch(Store::Unreachable);
    let picked = Rc::default();
    let (root, _handle) = start(&picked);
    let field = input(&root);
    type_text(&field, "турка");
    until_state(&root, "error").await;
    let notice = root
        .query_selector("[data-testid=stock-unreachable]")
        .unwrap()
        .unwrap_or_else(|| panic!("the unreachable notice in {}", root.outer_html()));
    assert_eq!(requests(), 1);
    stub_fetch(Store::Answers(reply("турка")));
    let retry: HtmlElement = notice
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    retry.click();
    until_state(&root, "ready").await;
    assert_eq!(requests(), 1, "the retry is one more request");
}

#[wasm_bindgen_test]
async fn the_clear_button_empties_the_box_and_returns_to_it() {
    stub_fetch(Store::Silent);
    let picked = Rc::default();
    let (root, _handle) = start(&picked);
    let field = input(&root);
    assert!(root.query_selector(".sl-lookup-clear").unwrap().is_none());
    type_text(&field, "ту");
    let clear: HtmlElement = root
        .query_selector(".sl-lookup-clear")
        .unwrap()
        .expect("a clear button once there is text")
        .dyn_into()
        .unwrap();
    clear.focus().unwrap();
    clear.click();
    assert_eq!(field.value(), "");
    assert!(root.query_selector(".sl-lookup-clear").unwrap().is_none());
    let document = web_sys::window().unwrap().document().unwrap();
    assert!(
        document
            .active_element()
            .is_some_and(|a| a.is_same_node(Some(&field))),
        "the focus is back in the search box"
    );
}

#[wasm_bindgen_test]
async fn dropping_the_lookup_aborts_its_request_and_stops_listening() {
    stub_fetch(Store::Silent);
    let picked = Rc::default();
    let (root, handle) = start(&picked);
    let field = input(&root);
    type_text(&field, "турка");
    until_state(&root, "loading").await;
    assert!(
        root.query_selector("[data-testid=stock-searching]")
            .unwrap()
            .is_some()
    );
    let signal = global("__slSignal");
    let aborted = || {
        js_sys::Reflect::get(&signal, &"aborted".into())
            .unwrap()
            .as_bool()
    };
    assert_eq!(aborted(), Some(false));
    drop(handle);
    assert_eq!(aborted(), Some(true), "the request in flight is aborted");
    type_text(&field, "кофе");
    TimeoutFuture::new(400).await;
    assert_eq!(requests(), 1, "no search after the lookup is gone");
}
