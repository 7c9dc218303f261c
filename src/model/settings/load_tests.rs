use std::collections::BTreeMap;

use bitrix_rest::models::crm::{Category, FieldInfo, Status};
use bitrix_rest::{Error, ErrorKind};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;

fn from<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("fixture JSON matches the wire model")
}

fn pipeline(id: u64, name: &str, sort: i64) -> Category {
    from(json!({"id": id, "name": name, "sort": sort}))
}

fn stage(entity: &str, id: &str, name: &str) -> Status {
    from(json!({"ENTITY_ID": entity, "STATUS_ID": id, "NAME": name, "SORT": "10"}))
}

fn offline(method: &str) -> Error {
    Error::new(ErrorKind::Network, method, "Failed to fetch")
}

#[test]
fn portal_batch_reads_every_pipelines_stages_by_reference_in_one_request() {
    let batch = portal_batch();
    assert!(batch.fits_one_request());
    assert_eq!(batch.into_requests().len(), 1);
    let batch = portal_batch();
    assert_eq!(
        batch.get(DEFAULT_STAGES).unwrap().params["filter"]["ENTITY_ID"],
        "DEAL_STAGE"
    );
    assert_eq!(
        batch.get(&stage_slot(3)).unwrap().params["filter"]["ENTITY_ID"],
        "DEAL_STAGE_$result[pipelines][categories][3][id]"
    );
    assert_eq!(batch.get(PIPELINES).unwrap().params["entityTypeId"], 2);
    assert!(batch.get(&stage_slot(STAGE_SLOTS)).is_none());
    assert_eq!(batch.get(CATALOGS).unwrap().method, "catalog.catalog.list");
}

#[test]
fn pipelines_past_the_slots_get_their_own_stage_commands() {
    let few: Vec<Category> = (0..4).map(|i| pipeline(i, "P", 0)).collect();
    assert!(missing_stages_batch(&few).is_empty());
    let many: Vec<Category> = (0..12).map(|i| pipeline(i, "P", 0)).collect();
    let batch = missing_stages_batch(&many);
    assert_eq!(batch.names(), vec!["stages_9", "stages_10", "stages_11"]);
    assert_eq!(
        batch.get("stages_11").unwrap().params["filter"]["ENTITY_ID"],
        "DEAL_STAGE_11"
    );
}

#[test]
fn store_batch_is_the_check_plus_names_in_the_reps_language_and_english() {
    let ru = store_batch("ru");
    assert_eq!(
        ru.names(),
        vec![WAREHOUSES, STATUSES, CATALOGS, NAMES, NAMES_EN]
    );
    assert_eq!(ru.get(NAMES).unwrap().params["filter"]["lid"], "ru");
    assert_eq!(ru.get(NAMES_EN).unwrap().params["filter"]["lid"], "en");
    let en = store_batch("en");
    assert_eq!(en.names(), vec![WAREHOUSES, STATUSES, CATALOGS, NAMES]);
}

#[test]
fn only_crm_user_fields_are_offered_by_label() {
    let fields: BTreeMap<String, FieldInfo> = from(json!({
        "TITLE": {"type": "string", "title": "Название"},
        "ORIGIN_ID": {"type": "string", "title": "Идентификатор"},
        "UF_CRM_STORE_ORDER": {"type": "string", "title": "UF_CRM_STORE_ORDER",
            "listLabel": "Store order", "formLabel": "Store order ID"},
        "UF_CRM_DELIVERY": {"type": "date", "title": "UF_CRM_DELIVERY", "listLabel": "Delivery date"},
        "UF_CRM_BARE": {"type": "string", "title": ""}
    }));
    let choices = user_field_choices(&fields);
    let shown: Vec<(&str, &str)> = choices
        .iter()
        .map(|c| (c.code.as_str(), c.label.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("UF_CRM_DELIVERY", "Delivery date"),
            ("UF_CRM_STORE_ORDER", "Store order ID"),
            ("UF_CRM_BARE", "UF_CRM_BARE"),
        ]
    );
}

#[test]
fn portal_choices_keep_what_loaded_when_a_part_fails() {
    let choices = PortalChoices::of(
        Err(offline("crm.deal.fields")),
        Ok(vec![pipeline(1, "Shop", 200), pipeline(0, "General", 100)]),
        vec![
            Ok(vec![stage("DEAL_STAGE", "NEW", "New")]),
            Ok(vec![]),
            Ok(vec![stage("DEAL_STAGE_1", "C1:NEW", "New order")]),
        ],
        Ok(vec![
            from(json!({"iblockId": 25, "name": "CRM"})),
            from(json!({"iblockId": 26, "name": "Offers", "productIblockId": 25})),
        ]),
    );
    assert_eq!(choices.user_fields, Err(RestFailure::Unreachable));
    let ids: Vec<u64> = choices.pipelines.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![0, 1]);
    assert_eq!(choices.stages.len(), 2);
    assert_eq!(choices.catalogs.unwrap().len(), 1);
}

#[test]
fn a_failed_stage_list_fails_the_mapping_not_the_rest() {
    let choices = PortalChoices::of(
        Ok(BTreeMap::new()),
        Ok(vec![pipeline(0, "General", 100)]),
        vec![Err(Error::from_rest(
            "crm.status.list",
            403,
            "ACCESS_DENIED",
            "Access denied",
        ))],
        Err(Error::from_rest(
            "catalog.catalog.list",
            401,
            "insufficient_scope",
            "",
        )),
    );
    assert_eq!(choices.pipelines, Err(RestFailure::AccessDenied));
    assert_eq!(choices.user_fields, Ok(vec![]));
    assert_eq!(
        choices.catalogs,
        Err(RestFailure::ScopeMissing {
            scope: "catalog".into()
        })
    );
}

#[test]
fn store_findings_count_and_name_what_the_store_has() {
    let found = store_findings(
        Ok(vec![
            from(json!({"id": 1, "title": "Основной", "active": "Y", "sort": 100})),
            from(json!({"id": 2, "title": "Склад на Ленина", "active": "Y", "sort": 200})),
            from(json!({"id": 3, "title": "Старый", "active": "N", "sort": 300})),
        ]),
        Ok(vec![
            from(json!({"id": "P", "type": "O", "sort": 20})),
            from(json!({"id": "N", "type": "O", "sort": 10})),
            from(json!({"id": "DN", "type": "D", "sort": 5})),
        ]),
        Err(Error::from_rest(
            "catalog.catalog.list",
            404,
            "ERROR_METHOD_NOT_FOUND",
            "Method not found!",
        )),
        &[
            from(json!({"statusId": "N", "lid": "ru", "name": "Принят"})),
            from(json!({"statusId": "P", "lid": "en", "name": "Paid"})),
        ],
        "ru",
    )
    .unwrap();
    assert_eq!(found.report.active_warehouses, 2);
    assert_eq!(found.report.statuses, 2);
    assert!(found.report.catalogs.is_empty());
    let order: Vec<u64> = found.warehouses.iter().map(|w| w.id).collect();
    assert_eq!(order, vec![1, 2, 3]);
    let names: Vec<(&str, &str)> = found
        .statuses
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(names, vec![("N", "Принят"), ("P", "Paid")]);
    assert!(matches!(
        found.catalogs_failure,
        Some(RestFailure::MethodMissing { .. })
    ));
}

#[test]
fn an_unusable_store_reports_the_first_failure() {
    let denied = Error::from_rest("sale.status.list", 401, "insufficient_scope", "");
    let failure = store_findings(Ok(vec![]), Err(denied), Ok(vec![]), &[], "en").unwrap_err();
    assert_eq!(
        failure,
        RestFailure::ScopeMissing {
            scope: "sale".into()
        }
    );
    let failure = store_findings(
        Err(offline("batch")),
        Err(offline("batch")),
        Err(offline("batch")),
        &[],
        "en",
    )
    .unwrap_err();
    assert_eq!(failure, RestFailure::Unreachable);
}

#[test]
fn a_saved_catalogue_brings_its_catalogue_of_variations() {
    let store: Vec<Catalog> = product_catalogs(&[
        from(json!({"iblockId": 2, "name": "Каталог"})),
        from(json!({"iblockId": 3, "name": "Предложения", "productIblockId": 2})),
        from(json!({"iblockId": 7, "name": "Услуги"})),
    ]);
    assert_eq!(store.len(), 2, "the catalogue of variations is not offered");
    assert_eq!(store[0].variations_iblock_id, Some(3));
    assert_eq!(store[1].variations_iblock_id, None);

    let chosen = |iblock: u64| crate::model::settings::Settings {
        store_iblock_id: Some(iblock),
        portal_iblock_id: Some(25),
        portal_variations_iblock_id: Some(26),
        ..Default::default()
    };
    let settings = chosen(2).with_variations(Some(&store), None);
    assert_eq!(settings.store_variations_iblock_id, Some(3));
    assert_eq!(
        settings.portal_variations_iblock_id,
        Some(26),
        "kept while the portal's catalogues are unread"
    );
    let settings = chosen(7).with_variations(Some(&store), Some(&[]));
    assert_eq!(settings.store_variations_iblock_id, None);
    assert_eq!(settings.portal_variations_iblock_id, None);
    let round_trip = crate::model::settings::Settings::from_value(
        &chosen(2).with_variations(Some(&store), None).to_value(),
    )
    .unwrap();
    assert_eq!(round_trip.store_variations_iblock_id, Some(3));
}

#[test]
fn origin_sources_are_the_named_sources_of_recent_deals_most_frequent_first() {
    let deals: Vec<bitrix_rest::models::crm::Deal> = from(json!([
        {"ID": "1", "ORIGIN_ID": "501", "ORIGINATOR_ID": "shop"},
        {"ID": "2", "ORIGIN_ID": "DOC-7", "ORIGINATOR_ID": "1C_EXCHANGE"},
        {"ID": "3", "ORIGIN_ID": "502", "ORIGINATOR_ID": " shop "},
        {"ID": "4", "ORIGIN_ID": "77"},
        {"ID": "5", "ORIGIN_ID": "", "ORIGINATOR_ID": "form"}
    ]));
    let found: Vec<(String, usize)> = origin_sources(&deals)
        .into_iter()
        .map(|s| (s.originator, s.deals))
        .collect();
    assert_eq!(
        found,
        [("shop".to_owned(), 2), ("1C_EXCHANGE".to_owned(), 1)],
        "a deal without a source, or without an ORIGIN_ID, names none"
    );
    assert_eq!(
        portal_batch().get(ORIGINS).unwrap().params["filter"],
        json!({"!ORIGIN_ID": ""})
    );
}

#[test]
fn an_origin_id_rule_of_any_source_is_refused_where_deals_have_named_sources() {
    use crate::model::settings::{LinkRule, Problem, SettingsField};
    let sources = vec![
        OriginSource {
            originator: "1c".into(),
            deals: 3,
        },
        OriginSource {
            originator: "ozon".into(),
            deals: 2,
        },
    ];
    let any = LinkRule::OriginId {
        originator_id: None,
    };
    let named = LinkRule::OriginId {
        originator_id: Some("1c".into()),
    };
    let problems = origin_rule_problems(&[named.clone(), any.clone()], &sources);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, SettingsField::LinkRule(1));
    assert_eq!(
        problems[0].problem,
        Problem::OriginSourceNeeded {
            sources: "1c (3), ozon (2)".into()
        }
    );
    assert!(origin_rule_problems(&[named], &sources).is_empty());
    assert!(
        origin_rule_problems(&[any], &[]).is_empty(),
        "no other integration: any source is the store's"
    );
}
