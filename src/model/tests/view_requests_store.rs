use serde_json::json;

use crate::model::call::MAX_BATCH_COMMANDS;
use crate::model::settings::{PropertyPair, Settings};
use crate::model::view::requests::guess::{recall_batch, remember_batch};
use crate::model::view::requests::{OpenHints, StoreOpen, StorePlan, store_plan};

use super::fixtures::{deal, product, row};
use super::view_requests::settings;

fn open_plan(rows: usize, hints: &OpenHints, s: &Settings) -> StorePlan {
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
    let basket_stock = &plan.basket_stock[0][0];
    assert_eq!(
        b.get(basket_stock).unwrap().params["filter"]["@productId"][0],
        "$result[link0_order][order][basketItems][0][productId]"
    );
    assert!(
        b.commands
            .iter()
            .all(|c| c.call.method != "catalog.price.list"),
        "catalogue prices are the lookup's: the tab compares the deal's with the order's"
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
    assert!(plan.statuses.is_none() && plan.warehouses.is_empty() && plan.status_names.is_empty());
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

/// The store plan for one portal product (XML_ID `xml_id`, `property45` = ART-1) when products
/// match by that property, after XML_ID or `alone`; the store has a catalogue of variations.
fn plan_matching_by_property(alone: bool, xml_id: Option<&str>) -> StorePlan {
    let mut s = settings();
    s.store_variations_iblock_id = Some(24);
    s.product_property = Some(PropertyPair {
        portal: "property45".into(),
        store: "property101".into(),
        alone,
    });
    let d = deal(410, json!({}));
    let portal = vec![product(
        1,
        "A",
        xml_id,
        json!({"property45": {"value": "ART-1"}}),
    )];
    store_plan(
        StoreOpen {
            deal: &d,
            rows: &[],
            portal_products: &portal,
            lang: "ru",
        },
        &s,
        &OpenHints::default(),
    )
    .unwrap()
}

#[test]
fn the_matching_property_adds_a_product_query_by_its_values() {
    let plan = plan_matching_by_property(false, None);
    assert_eq!(plan.products, vec!["products0"]);
    assert_eq!(
        plan.batch.get("products0").unwrap().params["filter"],
        json!({"iblockId": 23, "property101": ["ART-1"]})
    );
    // With an XML_ID, it is asked first.
    let both = plan_matching_by_property(false, Some("1"));
    assert_eq!(both.products, vec!["products0", "products1"]);
    assert_eq!(
        both.batch.get("products0").unwrap().params["filter"]["xmlId"],
        json!(["1"])
    );
}

#[test]
fn with_the_property_alone_the_store_is_asked_by_its_values_and_not_by_xml_id() {
    let plan = plan_matching_by_property(true, Some("1"));
    assert_eq!(plan.products, vec!["products0"]);
    assert_eq!(
        plan.batch.get("products0").unwrap().params["filter"],
        json!({"iblockId": 23, "property101": ["ART-1"]})
    );
    assert!(
        plan.variations.is_empty(),
        "variations match by XML_ID only"
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

#[test]
fn the_full_order_is_the_linking_rules_and_a_picked_other_order_is_fetched() {
    use super::fixtures::order;
    use crate::model::link::resolve_link;
    use crate::model::view::requests::chosen_order_fetch;
    let d = deal(410, json!({"ORIGIN_ID": "9"}));
    let plan = store_plan(
        StoreOpen {
            deal: &d,
            rows: &[],
            portal_products: &[],
            lang: "ru",
        },
        &settings(),
        &OpenHints::default(),
    )
    .unwrap();
    assert_eq!(plan.candidates.len(), 1, "only the ORIGIN_ID rule applies");
    let found = vec![vec![
        order(9, json!({}), vec![]),
        order(12, json!({}), vec![]),
    ]];
    let linked = resolve_link(&plan.candidates, &found, None).unwrap();
    assert_eq!(plan.full_order_command(&linked), Some("link0_order"));
    let fetched = order(12, json!({}), vec![]);
    assert_eq!(chosen_order_fetch(&linked, Some(&fetched)), None);
    let picked = resolve_link(&plan.candidates, &found, Some(9)).unwrap();
    let call = chosen_order_fetch(&picked, Some(&fetched)).unwrap();
    assert_eq!(
        (call.method, call.params.clone()),
        ("sale.order.get", json!({"id": 9}))
    );
}

#[test]
fn the_warehouse_list_is_asked_in_as_many_pages_as_the_last_count_fills() {
    let pages = |count: Option<usize>| {
        let hints = OpenHints {
            warehouse_count: count,
            ..OpenHints::default()
        };
        open_plan(2, &hints, &settings()).warehouses
    };
    assert_eq!(pages(None), vec!["warehouses"]);
    assert_eq!(pages(Some(50)), vec!["warehouses"]);
    assert_eq!(
        pages(Some(101)),
        vec!["warehouses", "warehouses_50", "warehouses_100"]
    );
    let plan = open_plan(
        2,
        &OpenHints {
            warehouse_count: Some(60),
            ..OpenHints::default()
        },
        &settings(),
    );
    assert_eq!(
        plan.batch.get("warehouses_50").unwrap().params,
        json!({"order": {"sort": "asc", "id": "asc"}, "start": 50})
    );
}

#[test]
fn more_than_50_chosen_warehouses_split_each_products_stock_so_no_command_needs_a_second_page() {
    let chosen: Vec<u64> = (1..=120).collect();
    let s = Settings {
        warehouses: chosen.clone(),
        ..settings()
    };
    let plan = open_plan(2, &OpenHints::default(), &s);
    // Two products × three parts of the 120 warehouses, for the products command and again
    // for each of the two candidate orders' baskets.
    let first: Vec<_> = plan
        .stock
        .iter()
        .filter(|n| n.starts_with("products0_stock"))
        .map(|n| plan.batch.get(n).unwrap().params["filter"].clone())
        .collect();
    assert_eq!(first.len(), 2 * 3);
    let mut covered: Vec<u64> = Vec::new();
    for filter in &first[..3] {
        let ids = filter["@storeId"].as_array().unwrap();
        assert!(ids.len() <= 50, "{filter}");
        covered.extend(ids.iter().map(|v| v.as_u64().unwrap()));
        assert_eq!(filter["@productId"].as_array().unwrap().len(), 1);
    }
    assert_eq!(covered, chosen);
}

#[test]
fn variations_are_asked_by_xml_id_with_their_stock_in_the_same_request() {
    let s = Settings {
        store_variations_iblock_id: Some(24),
        ..settings()
    };
    let plan = open_plan(50, &OpenHints::default(), &s);
    assert_eq!(plan.variations, ["variations0"]);
    let call = plan.batch.get("variations0").unwrap();
    assert_eq!(call.method, "catalog.product.offer.list");
    assert_eq!(call.params["filter"]["iblockId"], json!(24));
    assert_eq!(call.params["filter"]["xmlId"].as_array().unwrap().len(), 50);
    let stock = plan
        .stock
        .iter()
        .map(|n| plan.batch.get(n).unwrap().params.to_string())
        .collect::<String>();
    assert!(
        stock.contains("$result[variations0][offers][49][id]"),
        "{stock}"
    );
    let requests = plan.requests();
    eprintln!(
        "50 rows with variations: {} commands in {} request(s)",
        plan.batch.names().len(),
        requests.len()
    );
    assert_eq!(requests.len(), 1, "{:?}", plan.batch.names());
}

#[test]
fn a_store_plan_with_variations_and_units_is_remembered_and_recalled_equal() {
    let s = Settings {
        store_variations_iblock_id: Some(24),
        ..settings()
    };
    let plan = open_plan(12, &OpenHints::default(), &s);
    assert_eq!(
        plan.batch.get(&plan.measures).unwrap().method,
        "catalog.measure.list"
    );
    // Every method a plan calls may be sent again before the portal answers (a batch naming
    // another is not recalled, and the open waits for the portal).
    let recalled = recall_batch(&remember_batch(&plan.batch));
    assert_eq!(recalled.as_ref(), Some(&plan.batch));
}

#[test]
fn only_the_portals_variations_are_looked_for_among_the_stores() {
    let s = Settings {
        store_variations_iblock_id: Some(24),
        portal_variations_iblock_id: Some(15),
        ..settings()
    };
    let d = deal(410, json!({"UF_CRM_ORDER": "9"}));
    let rows: Vec<_> = (0..50).map(|i| row(i + 1, "P", "1", "1")).collect();
    let portal: Vec<_> = (0..50u64)
        .map(|i| {
            let mut p = product(i + 1, "P", Some(&format!("X{i}")), json!({}));
            p.iblock_id = Some(if i < 2 { 15 } else { 14 });
            p
        })
        .collect();
    let open = StoreOpen {
        deal: &d,
        rows: &rows,
        portal_products: &portal,
        lang: "ru",
    };
    let hints = OpenHints {
        warehouse_count: Some(10),
        ..OpenHints::default()
    };
    let plan = store_plan(open, &s, &hints).unwrap();
    let call = plan.batch.get("variations0").unwrap();
    assert_eq!(call.params["filter"]["xmlId"], json!(["X0", "X1"]));
    assert_eq!(
        plan.requests().len(),
        1,
        "two variations cost no second request: {:?}",
        plan.batch.names()
    );
}
