//! Browser tests of the results' markup: the hooks end-to-end tests and tools rely on, and the
//! listbox semantics (`wasm-bindgen-test` in headless Chromium).

use std::cell::RefCell;
use std::rc::Rc;

use bitrix_rest::models::catalog::{Price, Product, StoreStock};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::results::{Ids, Results, results};
use crate::i18n::Lang;
use crate::model::lookup::{LookupHit, LookupQuery, Relevance};
use crate::model::lookup_search::{LookupAnswer, WarehouseColumn};
use crate::model::money::NumberStyle;
use crate::model::stock::{OwnReserve, product_stock};

wasm_bindgen_test_configure!(run_in_browser);

fn hit(id: u64, xml: &str, records: &[StoreStock], price: Option<Price>) -> LookupHit {
    let product: Product = serde_json::from_value(
        json!({"id": id, "name": format!("Турка {id}"), "xmlId": xml, "active": "Y"}),
    )
    .unwrap();
    LookupHit {
        product,
        article: Some(format!("TR-{id}")),
        relevance: Relevance::NamePrefix,
        stock: product_stock(id, records, &[2, 1], &OwnReserve::default()),
        price,
    }
}

fn answer() -> Rc<LookupAnswer> {
    let records: Vec<StoreStock> = serde_json::from_value(json!([
        {"productId": 7, "storeId": 1, "amount": 1300, "quantityReserved": 65.5},
        {"productId": 7, "storeId": 2, "amount": 3, "quantityReserved": 0}
    ]))
    .unwrap();
    let price: Price = serde_json::from_value(
        json!({"productId": 7, "catalogGroupId": 1, "price": 1450, "currency": "RUB"}),
    )
    .unwrap();
    Rc::new(LookupAnswer {
        query: LookupQuery::parse("турка").unwrap(),
        columns: vec![
            WarehouseColumn {
                id: 2,
                title: "Магазин".into(),
            },
            WarehouseColumn {
                id: 1,
                title: String::new(),
            },
        ],
        hits: vec![
            hit(7, "guid-7", &records, Some(price)),
            hit(8, "guid-8", &[], None),
        ],
        capped: false,
        warehouses: None,
    })
}

/// Lets Yew's scheduler, which runs on the microtask queue, render into `root` (no timers:
/// it yields one microtask at a time until the results are there).
async fn rendered(root: &Element) {
    for _ in 0..1000 {
        if root
            .query_selector("[role=listbox]")
            .ok()
            .flatten()
            .is_some()
        {
            return;
        }
        let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
        let _ = JsFuture::from(tick).await;
    }
}

/// The results are a plain function; this component renders them for the test.
#[derive(Properties, PartialEq)]
struct HarnessProps {
    answer: Rc<LookupAnswer>,
    active: Option<usize>,
    expanded: Option<usize>,
    on_pick: Callback<usize>,
}

#[function_component]
fn Harness(props: &HarnessProps) -> Html {
    results(&Results {
        answer: &props.answer,
        active: props.active,
        expanded: props.expanded,
        updating: false,
        compact: false,
        ids: &Ids::new(900),
        lang: Lang::Ru,
        style: NumberStyle::Ru,
        on_pick: props.on_pick.clone(),
    })
}

async fn mount(
    active: Option<usize>,
    expanded: Option<usize>,
    picked: Rc<RefCell<Vec<usize>>>,
) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = HarnessProps {
        answer: answer(),
        active,
        expanded,
        on_pick: Callback::from(move |i| picked.borrow_mut().push(i)),
    };
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), props).render();
    rendered(&root).await;
    root
}

fn all(root: &Element, css: &str) -> Vec<Element> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn text(root: &Element, css: &str) -> Vec<String> {
    all(root, css)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

// One mount per run: Yew's scheduler is shared by every test of the module, and a second
// root mounted while it winds down may wait for the next render.
#[wasm_bindgen_test]
async fn results_carry_the_test_hooks_listbox_semantics_and_the_opened_details() {
    let picked: Rc<RefCell<Vec<usize>>> = Rc::default();
    let root = mount(Some(1), Some(0), picked.clone()).await;
    let list = root
        .query_selector("[role=listbox]")
        .unwrap()
        .unwrap_or_else(|| panic!("a listbox in {}", root.outer_html()));
    assert_eq!(list.id(), "sl-lookup-900-list");
    let options = all(&root, "[role=option][data-testid=stock-result]");
    let xml: Vec<_> = options
        .iter()
        .map(|o| o.get_attribute("data-xml-id").unwrap())
        .collect();
    assert_eq!(xml, vec!["guid-7", "guid-8"]);
    let selected: Vec<_> = options
        .iter()
        .map(|o| o.get_attribute("aria-selected").unwrap())
        .collect();
    assert_eq!(selected, vec!["false", "true"]);
    assert_eq!(options[1].id(), "sl-lookup-900-opt-1");
    assert_eq!(
        text(&root, "[data-testid=stock-available]"),
        vec!["1237.5", "0"],
        "a plain number: free stock in the shown warehouses"
    );
    let cells = all(&options[0], "[data-testid=stock-warehouse]");
    let ids: Vec<_> = cells
        .iter()
        .map(|c| c.get_attribute("data-warehouse-id").unwrap())
        .collect();
    assert_eq!(ids, vec!["2", "1"]);
    assert_eq!(
        cells[1].text_content().unwrap(),
        "Склад 1: 1\u{a0}234,5",
        "the warehouse named for screen readers, the figure in the rep's style"
    );
    assert_eq!(
        text(&root, "[data-testid=stock-price]")[0],
        "1\u{a0}450,00\u{a0}₽"
    );
    assert_eq!(
        root.query_selector_all("[style]").unwrap().length(),
        0,
        "no inline styles (CSP)"
    );

    let details = all(&root, "[data-testid=stock-details]");
    assert_eq!(details.len(), 1, "only the opened result shows details");
    assert!(
        details[0]
            .closest("[data-xml-id=guid-7]")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        all(&details[0], "tbody tr").len(),
        2,
        "one line per shown warehouse"
    );

    let second: HtmlElement = options[1].clone().dyn_into().unwrap();
    second.click();
    assert_eq!(*picked.borrow(), vec![1]);
}
