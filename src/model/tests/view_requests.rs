use serde_json::json;

use crate::model::settings::{LinkRule, OrderKey, PropertyPair, Settings};
use crate::model::view::requests::{OpenHints, missing_portal_products, portal_plan};
use crate::model::webhook::StoreWebhook;

use super::fixtures::{product, row};

pub(super) fn settings() -> Settings {
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
            "products0",
            "same_link0",
            "same_link0_1",
            "same_link1",
            "same_link1_0"
        ]
    );
    assert_eq!(plan.requests().len(), 1);
    let names: Vec<_> = plan.same_link.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        ["same_link0", "same_link0_1", "same_link1", "same_link1_0"],
        "both rules record an order ID in the deal: each is asked as itself and as the other"
    );
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
        alone: false,
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
            "products2",
            "same_link0",
            "same_link0_1",
            "same_link1",
            "same_link1_0"
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
    let batch = missing_portal_products(&settings(), &rows, &have).unwrap();
    let names: Vec<&str> = batch.commands.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["more0"]);
    assert_eq!(
        batch.commands[0].call.params["filter"],
        json!({"iblockId": 14, "id": [5]})
    );
    let all = vec![
        product(5, "A", None, json!({})),
        product(6, "B", None, json!({})),
    ];
    assert!(missing_portal_products(&settings(), &rows, &all).is_none());
}

#[test]
fn more_than_fifty_missed_portal_products_take_one_command_per_fifty() {
    let rows: Vec<_> = (1..=120).map(|id| row(id, "P", "1", "1")).collect();
    let batch = missing_portal_products(&settings(), &rows, &[]).unwrap();
    let sizes: Vec<usize> = batch
        .commands
        .iter()
        .map(|c| c.call.params["filter"]["id"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [50, 50, 20]);
    assert_eq!(batch.commands[2].name, "more2");
}

#[test]
fn rows_that_are_variations_are_asked_in_the_catalogue_of_variations() {
    let s = Settings {
        portal_variations_iblock_id: Some(15),
        ..settings()
    };
    let plan = portal_plan(410, &s, &OpenHints::default());
    assert_eq!(plan.variations, ["variations0"]);
    let call = plan.batch.get("variations0").unwrap();
    assert_eq!(call.method, "catalog.product.offer.list");
    assert_eq!(
        call.params["filter"],
        plan.batch.get("products0").unwrap().params["filter"]
            .as_object()
            .map(|f| {
                let mut f = f.clone();
                f.insert("iblockId".into(), json!(15));
                serde_json::Value::Object(f)
            })
            .unwrap(),
        "the same row slots"
    );
    assert_eq!(plan.requests().len(), 1);
    let missed = missing_portal_products(&s, &[row(1, "Футболка S", "1", "1")], &[]).unwrap();
    assert_eq!(missed.names(), ["more0", "more_variations0"]);
}
