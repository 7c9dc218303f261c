//! LIKE with the caller's own wildcards (`=%`, `%=`) in `sale.order.list` and `crm.*.list`,
//! and the prefix set of each store list as its documentation page gives it.

mod common;

use common::*;
use serde_json::{Value, json};

#[test]
fn orders_and_crm_lists_take_like_with_the_callers_wildcards() {
    let sandbox = buyers();
    let orders = |filter: Value| -> Vec<u64> {
        let body = store_call(
            &sandbox,
            "sale.order.list",
            json!({"select": ["id"], "filter": filter, "order": {"id": "asc"}}),
        )
        .json();
        body["result"]["orders"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|o| o["id"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(orders(json!({"=%accountNumber": "1_"})), [10, 11]);
    assert_eq!(orders(json!({"%=accountNumber": "1%"})), [1, 10, 11]);
    assert_eq!(
        orders(json!({"!=%accountNumber": "1%", "<id": 5})),
        [2, 3, 4]
    );

    let deals = |filter: Value| -> Vec<String> {
        let body = portal_call(
            &sandbox,
            1,
            "crm.deal.list",
            json!({"select": ["ID"], "filter": filter, "order": {"ID": "ASC"}}),
        )
        .json();
        body["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|d| d["ID"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(deals(json!({"=%TITLE": "ЗАКАЗ #_"})), ["1", "3"]);
    assert_eq!(deals(json!({"%=TITLE": "заказ #7%"})), ["1", "2"]);
    assert_eq!(
        deals(json!({"!%TITLE": "заказ"})),
        ["1", "2", "3", "4"],
        "crm.deal.list has no NOT LIKE: the key is an unknown field, ignored"
    );

    let contacts = portal_call(
        &sandbox,
        1,
        "crm.contact.list",
        json!({"select": ["ID"], "filter": {"=%LAST_NAME": "петров%"}, "order": {"ID": "ASC"}}),
    )
    .json();
    assert_eq!(
        contacts["result"],
        json!([{"ID": "1"}, {"ID": "2"}]),
        "{contacts}"
    );
}

#[test]
fn each_store_list_takes_the_prefixes_its_page_lists() {
    let sandbox = sandbox();
    let status = |method: &str, params: Value| store_call(&sandbox, method, params).status;
    let accepted = [
        ("catalog.store.list", json!({"filter": {"%title": "склад"}})),
        (
            "catalog.store.list",
            json!({"filter": {"!%=title": "%магазин%"}}),
        ),
        (
            "catalog.price.list",
            json!({"filter": {"=%currency": "RU_"}}),
        ),
        ("sale.status.list", json!({"filter": {"!id": "N"}})),
        ("sale.statusLang.list", json!({"filter": {"%=name": "%о%"}})),
        (
            "sale.basketitem.list",
            json!({"filter": {"!%name": "кофе"}}),
        ),
        (
            "catalog.storeproduct.list",
            json!({"filter": {"!@storeId": [1]}}),
        ),
    ];
    for (method, params) in accepted {
        assert_eq!(status(method, params.clone()), 200, "{method} {params}");
    }
    let refused = [
        ("sale.status.list", json!({"filter": {"@id": ["N"]}})),
        ("sale.statusLang.list", json!({"filter": {"!lid": "ru"}})),
        (
            "catalog.storeproduct.list",
            json!({"filter": {"=%amount": "1%"}}),
        ),
    ];
    for (method, params) in refused {
        assert_eq!(status(method, params.clone()), 400, "{method} {params}");
    }
}

#[test]
fn product_names_match_in_any_case_as_a_prefix_a_substring_or_a_pattern() {
    let sandbox = sandbox();
    let names = |filter: Value| -> Vec<String> {
        let mut all = vec![];
        let mut start = 0;
        loop {
            let mut f = json!({"iblockId": 2});
            f.as_object_mut()
                .unwrap()
                .extend(filter.as_object().unwrap().clone());
            let body = store_call(
                &sandbox,
                "catalog.product.list",
                json!({"select": ["id", "iblockId", "name"], "filter": f,
                       "order": {"id": "asc"}, "start": start}),
            )
            .json();
            let page = body["result"]["products"]
                .as_array()
                .unwrap_or_else(|| panic!("{body}"));
            all.extend(page.iter().map(|p| p["name"].as_str().unwrap().to_owned()));
            match body["next"].as_u64() {
                Some(next) => start = next,
                None => return all,
            }
        }
    };
    let every = names(json!({}));
    let word = every
        .iter()
        .flat_map(|n| n.split_whitespace())
        .find(|w| w.chars().count() >= 4 && !w.is_ascii())
        .expect("a Cyrillic word in the demo catalogue")
        .to_owned();
    let lower = word.to_lowercase();
    let upper = word.to_uppercase();
    let containing: Vec<String> = every
        .iter()
        .filter(|n| n.to_lowercase().contains(&lower))
        .cloned()
        .collect();
    let starting: Vec<String> = every
        .iter()
        .filter(|n| n.to_lowercase().starts_with(&lower))
        .cloned()
        .collect();
    assert!(!containing.is_empty());
    assert_eq!(names(json!({"%name": lower})), containing);
    assert_eq!(names(json!({"%name": upper})), containing);
    assert_eq!(names(json!({"=%name": format!("{upper}%")})), starting);
    assert_eq!(names(json!({"%=name": format!("%{lower}%")})), containing);
    // A `_` stands for one character; the rest of the word must follow it.
    let mut chars = lower.chars();
    let first = chars.next().unwrap();
    let pattern = format!("%_{}%", chars.as_str());
    let one_before: Vec<String> = every
        .iter()
        .filter(|n| {
            let n = n.to_lowercase();
            n.match_indices(chars.as_str()).any(|(i, _)| i > 0)
        })
        .cloned()
        .collect();
    assert_eq!(names(json!({"=%name": pattern})), one_before, "{first}…");
    assert!(names(json!({"%name": "нет-такого-товара"})).is_empty());
}

#[test]
fn product_xml_ids_and_articles_match_their_start_in_any_case() {
    let sandbox = sandbox();
    let codes = |filter: Value| -> Vec<(String, String)> {
        let mut f = json!({"iblockId": 2});
        f.as_object_mut()
            .unwrap()
            .extend(filter.as_object().unwrap().clone());
        let body = store_call(
            &sandbox,
            "catalog.product.list",
            json!({"select": ["id", "iblockId", "xmlId", "property105"], "filter": f,
                   "order": {"id": "asc"}}),
        )
        .json();
        body["result"]["products"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|p| {
                (
                    p["xmlId"].as_str().unwrap_or_default().to_owned(),
                    p["property105"]["value"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                )
            })
            .collect()
    };
    let every = codes(json!({}));
    let (xml, article) = every
        .iter()
        .find(|(x, a)| x.len() > 4 && a.len() > 3)
        .cloned()
        .expect("a demo product with an XML_ID and an article");
    let start = |code: &str, n: usize| code.chars().take(n).collect::<String>();
    let by_xml = codes(json!({"=%xmlId": format!("{}%", start(&xml, 4).to_uppercase())}));
    assert!(by_xml.iter().any(|(x, _)| *x == xml), "{by_xml:?}");
    assert!(
        by_xml
            .iter()
            .all(|(x, _)| x.to_lowercase().starts_with(&start(&xml, 4).to_lowercase())),
        "{by_xml:?}"
    );
    let by_article =
        codes(json!({"=%property105": format!("{}%", start(&article, 3).to_lowercase())}));
    assert!(
        by_article.iter().any(|(_, a)| *a == article),
        "{by_article:?}"
    );
    assert!(
        by_article.iter().all(|(_, a)| a
            .to_lowercase()
            .starts_with(&start(&article, 3).to_lowercase())),
        "{by_article:?}"
    );
}

#[test]
fn product_xml_ids_equal_in_any_case_as_mysqls_collations_compare_them() {
    let sandbox = sandbox();
    let ids = |filter: Value| -> Vec<u64> {
        let mut f = json!({"iblockId": 2});
        f.as_object_mut()
            .unwrap()
            .extend(filter.as_object().unwrap().clone());
        let body = store_call(
            &sandbox,
            "catalog.product.list",
            json!({"select": ["id", "iblockId", "xmlId"], "filter": f, "order": {"id": "asc"}}),
        )
        .json();
        body["result"]["products"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect()
    };
    let body = store_call(
        &sandbox,
        "catalog.product.list",
        json!({"select": ["id", "iblockId", "xmlId"], "filter": {"iblockId": 2},
               "order": {"id": "asc"}}),
    )
    .json();
    let first = body["result"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["xmlId"]
                .as_str()
                .is_some_and(|x| x.chars().any(char::is_alphabetic))
        })
        .expect("a demo product whose XML_ID has letters")
        .clone();
    let (id, xml) = (
        first["id"].as_u64().unwrap(),
        first["xmlId"].as_str().unwrap(),
    );
    let shouted = xml.to_uppercase();
    assert_ne!(shouted, xml);
    assert_eq!(ids(json!({"=xmlId": shouted})), [id]);
    assert_eq!(ids(json!({"=xmlId": [shouted, "no-such-code"]})), [id]);
    assert!(!ids(json!({"!=xmlId": shouted})).contains(&id));
}

#[test]
fn product_names_match_with_yo_and_ye_alike_as_mysqls_collations_do() {
    let sandbox = sandbox();
    let count = |name: &str| -> usize {
        let body = store_call(
            &sandbox,
            "catalog.product.list",
            json!({"select": ["id", "iblockId", "name"],
                   "filter": {"iblockId": 2, "%name": name}, "start": -1}),
        )
        .json();
        body["result"]["products"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .len()
    };
    let with_yo = count("зёрн");
    assert!(with_yo > 0, "the demo catalogue has coffee beans (зёрна)");
    assert_eq!(count("зерн"), with_yo, "е finds ё");
    assert_eq!(count("ЗЁРН"), with_yo);
}
