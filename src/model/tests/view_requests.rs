use serde_json::json;

use crate::model::call::MAX_BATCH_COMMANDS;
use crate::model::settings::{LinkRule, OrderKey, PropertyPair, Settings};
use crate::model::view::requests::{
    OpenHints, StoreOpen, missing_portal_products, portal_plan, store_plan,
};
use crate::model::webhook::StoreWebhook;

use super::fixtures::{deal, product, row};

fn settings() -> Settings {
    Settings {
        store_webhook: Some(
            StoreWebhook::parse("https://shop.example/rest/7/abcdef0123456789/").unwrap(),
        ),
        store_iblock_id: Some(23),
        portal_iblock_id: Some(14),
        link_rules: vec![
            LinkRule::UserField {
                field: "UF_CRM_ORDER".into(),
                holds: OrderKey::Id,
            },
            LinkRule::OriginId {
                originator_id: None,
            },
        ],
        ..Settings::default()
    }
}

#[test]
fn the_portal_batch_gets_deal_rows_contact_stages_pipelines_and_products_in_one_request() {
    let plan = portal_plan(410, &settings(), &OpenHints::default());
    assert_eq!(
        plan.batch.names(),
        vec![
            "deal",
            "rows",
            "contact",
            "stages",
            "stages_deal",
            "pipelines",
            "products0"
        ]
    );
    assert_eq!(plan.requests().len(), 1);
    let b = &plan.batch;
    assert_eq!(b.get("deal").unwrap().params, json!({"id": 410}));
    assert_eq!(
        b.get("contact").unwrap().params,
        json!({"id": "$result[deal][CONTACT_ID]"})
    );
    assert_eq!(
        b.get("stages").unwrap().params["filter"],
        json!({"ENTITY_ID": "DEAL_STAGE"})
    );
    assert_eq!(
        b.get("stages_deal").unwrap().params["filter"],
        json!({"ENTITY_ID": "DEAL_STAGE_$result[deal][CATEGORY_ID]"})
    );
    assert_eq!(
        b.get("pipelines").unwrap().params,
        json!({"entityTypeId": 2})
    );
    let products = b.get("products0").unwrap();
    assert_eq!(products.method, "catalog.product.list");
    assert_eq!(products.params["filter"]["iblockId"], 14);
    let ids = products.params["filter"]["id"].as_array().unwrap();
    assert_eq!(ids.len(), 50);
    assert_eq!(ids[7], "$result[rows][7][PRODUCT_ID]");
    assert!(
        products.params["select"]
            .as_array()
            .unwrap()
            .contains(&json!("xmlId"))
    );
}

#[test]
fn cached_lists_are_left_out_and_many_rows_get_more_product_commands() {
    let hints = OpenHints {
        row_count: Some(120),
        stages_cached: true,
        pipelines_cached: true,
        ..OpenHints::default()
    };
    let mut s = settings();
    s.product_property = Some(PropertyPair {
        portal: "property45".into(),
        store: "property101".into(),
    });
    let plan = portal_plan(410, &s, &hints);
    assert_eq!(
        plan.batch.names(),
        vec![
            "deal",
            "rows",
            "contact",
            "products0",
            "products1",
            "products2"
        ]
    );
    assert!(plan.stages.is_empty() && plan.pipelines.is_none());
    assert_eq!(
        plan.batch.get("products2").unwrap().params["filter"]["id"][0],
        "$result[rows][100][PRODUCT_ID]"
    );
    assert!(
        plan.batch.get("products0").unwrap().params["select"]
            .as_array()
            .unwrap()
            .contains(&json!("property45"))
    );
}

#[test]
fn without_a_portal_catalogue_no_products_are_asked_for() {
    let s = Settings {
        portal_iblock_id: None,
        ..settings()
    };
    assert!(
        portal_plan(1, &s, &OpenHints::default())
            .products
            .is_empty()
    );
}

#[test]
fn portal_products_the_batch_missed_are_asked_for_by_id() {
    let rows = vec![
        row(5, "A", "1", "1"),
        row(6, "B", "1", "1"),
        row(0, "Free", "1", "1"),
        row(5, "A", "1", "1"),
    ];
    let have = vec![product(6, "B", Some("X"), json!({}))];
    let call = missing_portal_products(&settings(), &rows, &have).unwrap();
    assert_eq!(call.params["filter"], json!({"iblockId": 14, "id": [5]}));
    let all = vec![
        product(5, "A", None, json!({})),
        product(6, "B", None, json!({})),
    ];
    assert!(missing_portal_products(&settings(), &rows, &all).is_none());
}

fn open_plan(
    rows: usize,
    hints: &OpenHints,
    s: &Settings,
) -> crate::model::view::requests::StorePlan {
    let d = deal(410, json!({"UF_CRM_ORDER": "9", "ORIGIN_ID": "9"}));
    let rows_list: Vec<_> = (0..rows)
        .map(|i| row(i as i64 + 1, "P", "1", "1"))
        .collect();
    let portal: Vec<_> = (0..rows)
        .map(|i| product(i as u64 + 1, "P", Some(&format!("X{i}")), json!({})))
        .collect();
    store_plan(
        StoreOpen {
            deal: &d,
            rows: &rows_list,
            portal_products: &portal,
            lang: "ru",
        },
        s,
        hints,
    )
    .unwrap()
}

#[test]
fn the_store_batch_links_lists_and_stocks_in_one_request_up_to_50_rows() {
    let plan = open_plan(50, &OpenHints::default(), &settings());
    assert_eq!(plan.candidates.len(), 2);
    assert_eq!(
        plan.links,
        vec![
            ("link0".into(), "link0_order".into()),
            ("link1".into(), "link1_order".into())
        ]
    );
    assert!(
        plan.batch.len() <= MAX_BATCH_COMMANDS,
        "{}",
        plan.batch.len()
    );
    assert_eq!(plan.requests().len(), 1);
    let b = &plan.batch;
    assert_eq!(
        b.get("statuses").unwrap().params,
        json!({"filter": {"type": "O"}})
    );
    assert_eq!(plan.status_names, vec!["status_names0", "status_names1"]);
    assert_eq!(
        b.get("status_names0").unwrap().params["filter"]["lid"],
        "ru"
    );
    assert_eq!(
        b.get("status_names1").unwrap().params["filter"]["lid"],
        "en"
    );
    let products = b.get("products0").unwrap();
    assert_eq!(products.params["filter"]["iblockId"], 23);
    assert_eq!(
        products.params["filter"]["xmlId"].as_array().unwrap().len(),
        50
    );
    let stock = b.get(&plan.stock[0]).unwrap();
    assert_eq!(stock.method, "catalog.storeproduct.list");
    assert_eq!(
        stock.params["filter"]["@productId"][0],
        "$result[products0][products][0][id]"
    );
    let basket_stock = plan.stock.iter().find(|n| n.starts_with("link0")).unwrap();
    assert_eq!(
        b.get(basket_stock).unwrap().params["filter"]["@productId"][0],
        "$result[link0_order][order][basketItems][0][productId]"
    );
    assert!(
        plan.prices
            .iter()
            .all(|n| b.get(n).unwrap().method == "catalog.price.list")
    );
}

#[test]
fn cached_store_lists_are_left_out_and_english_is_asked_once() {
    let hints = OpenHints {
        statuses_cached: true,
        warehouses_cached: true,
        ..OpenHints::default()
    };
    let plan = open_plan(3, &hints, &settings());
    assert!(plan.statuses.is_none() && plan.warehouses.is_none() && plan.status_names.is_empty());
    let d = deal(410, json!({}));
    let en = store_plan(
        StoreOpen {
            deal: &d,
            rows: &[],
            portal_products: &[],
            lang: "en",
        },
        &settings(),
        &OpenHints::default(),
    )
    .unwrap();
    assert_eq!(en.status_names.len(), 1);
    assert!(en.candidates.is_empty() && en.products.is_empty());
}

#[test]
fn chosen_warehouses_filter_the_stock_commands() {
    let s = Settings {
        warehouses: vec![1, 3],
        ..settings()
    };
    let plan = open_plan(5, &OpenHints::default(), &s);
    let stock = plan.batch.get(&plan.stock[0]).unwrap();
    assert_eq!(stock.params["filter"]["@storeId"], json!([1, 3]));
}

#[test]
fn the_matching_property_adds_a_product_query_by_its_values() {
    let mut s = settings();
    s.product_property = Some(PropertyPair {
        portal: "property45".into(),
        store: "property101".into(),
    });
    let d = deal(410, json!({}));
    let portal = vec![product(
        1,
        "A",
        None,
        json!({"property45": {"value": "ART-1"}}),
    )];
    let plan = store_plan(
        StoreOpen {
            deal: &d,
            rows: &[],
            portal_products: &portal,
            lang: "ru",
        },
        &s,
        &OpenHints::default(),
    )
    .unwrap();
    assert_eq!(plan.products, vec!["products0"]);
    assert_eq!(
        plan.batch.get("products0").unwrap().params["filter"],
        json!({"iblockId": 23, "property101": ["ART-1"]})
    );
}

#[test]
fn two_hundred_rows_split_into_requests_that_keep_references_together() {
    let plan = open_plan(200, &OpenHints::default(), &settings());
    let requests = plan.requests();
    assert!(requests.len() > 1);
    for r in &requests {
        assert!(r.len() <= MAX_BATCH_COMMANDS);
        for c in &r.commands {
            let text = c.call.params.to_string();
            for (i, _) in text.match_indices("$result[") {
                let name = &text[i + 8..i + 8 + text[i + 8..].find(']').unwrap()];
                assert!(
                    r.get(name).is_some(),
                    "{} refers to {name} outside its request",
                    c.name
                );
            }
        }
    }
}

#[test]
fn without_a_store_connection_there_is_no_store_batch() {
    let d = deal(410, json!({}));
    let s = Settings {
        store_webhook: None,
        ..settings()
    };
    assert!(
        store_plan(
            StoreOpen {
                deal: &d,
                rows: &[],
                portal_products: &[],
                lang: "ru"
            },
            &s,
            &OpenHints::default()
        )
        .is_none()
    );
}
