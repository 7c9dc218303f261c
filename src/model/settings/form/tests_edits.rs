//! Edits that follow rules: link rules, mapping proposals and rows, warehouses, catalogues.

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::models::crm::{Category, Status};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;
use crate::model::mapping::prefill::NamedStatus;
use crate::model::mapping::{PipelineMapping, StatusStage};

fn from<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("fixture JSON matches the wire model")
}

fn named(id: &str, name: &str) -> NamedStatus {
    NamedStatus {
        id: id.into(),
        name: name.into(),
    }
}

fn warehouse(id: u64, sort: i64) -> Warehouse {
    from(json!({"id": id, "title": format!("W{id}"), "active": "Y", "sort": sort}))
}

#[test]
fn link_rules_are_added_by_unused_kind_reordered_and_removed() {
    let mut form = SettingsForm::of(&Settings::default());
    assert_eq!(LinkKind::of(&form.link_rules[0]), LinkKind::OriginId);
    form.add_rule();
    assert_eq!(LinkKind::of(&form.link_rules[1]), LinkKind::UserField);
    form.move_rule(1, true);
    assert_eq!(LinkKind::of(&form.link_rules[0]), LinkKind::UserField);
    form.move_rule(0, true);
    form.move_rule(1, false);
    assert_eq!(form.link_rules.len(), 2);
    form.set_rule_kind(0, LinkKind::OrderProperty);
    assert_eq!(
        form.link_rules[0],
        LinkRule::OrderProperty {
            code: String::new()
        }
    );
    form.remove_rule(0);
    form.remove_rule(5);
    assert_eq!(form.link_rules.len(), 1);
    assert_eq!(
        LinkKind::from_code("order-xml-id"),
        Some(LinkKind::OrderXmlId)
    );
    assert_eq!(LinkKind::from_code("guess"), None);
}

#[test]
fn pipelines_without_a_saved_mapping_get_a_proposal_once_statuses_are_known() {
    let mut saved = Settings::default();
    saved.stage_mapping.set_pipeline(PipelineMapping {
        category_id: 0,
        pairs: vec![],
    });
    let mut form = SettingsForm::of(&saved);
    let pipelines: Vec<Category> = vec![
        from(json!({"id": 0, "name": "General"})),
        from(json!({"id": 1, "name": "Shop"})),
    ];
    let stages: Vec<Status> = vec![
        from(
            json!({"ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "WON", "NAME": "Won", "SEMANTICS": "S"}),
        ),
        from(json!({"ENTITY_ID": "DEAL_STAGE_1", "STATUS_ID": "C1:NEW", "NAME": "Принят"})),
        from(
            json!({"ENTITY_ID": "DEAL_STAGE_1", "STATUS_ID": "C1:WON", "NAME": "Done", "SEMANTICS": "S"}),
        ),
    ];
    form.propose_mappings(&pipelines, &[], &stages);
    assert!(form.proposed.is_empty());
    let statuses = [named("N", "Принят"), named("F", "Выполнен")];
    form.propose_mappings(&pipelines, &statuses, &stages);
    assert_eq!(form.proposed, vec![1]);
    assert_eq!(form.stage_mapping.pipeline(0).unwrap().pairs, vec![]);
    assert_eq!(form.stage_mapping.stage_for(1, "N"), Some("C1:NEW"));
    assert_eq!(form.stage_mapping.stage_for(1, "F"), Some("C1:WON"));
    // A pipeline whose names match none of the statuses' is not said to be proposed.
    let mut fresh = SettingsForm::of(&Settings::default());
    let other = [named("Q", "Ждёт звонка")];
    fresh.propose_mappings(&pipelines[1..], &other, &stages);
    assert!(fresh.proposed.is_empty());
    assert_eq!(
        fresh.stage_mapping.pipeline(1).map(|p| p.pairs.len()),
        Some(0)
    );
}

#[test]
fn editing_a_row_keeps_one_pair_per_status_in_the_stores_order() {
    let mut saved = Settings::default();
    saved.stage_mapping.set_pipeline(PipelineMapping {
        category_id: 1,
        pairs: vec![
            StatusStage {
                status_id: "F".into(),
                stage_id: "C1:WON".into(),
            },
            StatusStage {
                status_id: "X".into(),
                stage_id: "C1:LOSE".into(),
            },
        ],
    });
    let mut form = SettingsForm::of(&saved);
    let statuses = [named("N", "New"), named("F", "Done")];
    form.set_stage(1, &statuses, "N", Some("C1:NEW"));
    let rows = mapping_rows(&statuses, form.stage_mapping.pipeline(1));
    let shown: Vec<(&str, Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r.status_id.as_str(),
                r.name.as_deref(),
                r.stage_id.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("N", Some("New"), Some("C1:NEW")),
            ("F", Some("Done"), Some("C1:WON")),
            ("X", None, Some("C1:LOSE")),
        ]
    );
    form.set_stage(1, &statuses, "X", None);
    form.set_stage(1, &statuses, "F", None);
    assert_eq!(
        form.stage_mapping.pipeline(1).unwrap().pairs,
        vec![StatusStage {
            status_id: "N".into(),
            stage_id: "C1:NEW".into()
        }]
    );
}

#[test]
fn chosen_warehouses_follow_the_stores_order_and_unknown_ones_stay_visible() {
    let store = [warehouse(5, 100), warehouse(2, 200), warehouse(9, 300)];
    let mut form = SettingsForm::of(&Settings {
        warehouses: vec![7],
        ..Settings::default()
    });
    form.set_warehouse(9, true, &store);
    form.set_warehouse(5, true, &store);
    assert_eq!(form.warehouses, vec![5, 9, 7]);
    form.set_warehouse(9, false, &store);
    assert_eq!(form.warehouses, vec![5, 7]);
    let rows = warehouse_rows(&store, &form.warehouses);
    let shown: Vec<(u64, bool, bool)> = rows
        .iter()
        .map(|r| (r.id, r.title.is_some(), r.shown))
        .collect();
    assert_eq!(
        shown,
        vec![
            (5, true, true),
            (2, true, false),
            (9, true, false),
            (7, false, true)
        ]
    );
}

#[test]
fn the_only_catalogue_found_fills_an_empty_box_and_never_replaces_one() {
    let mut form = SettingsForm::of(&Settings {
        portal_iblock_id: Some(14),
        ..Settings::default()
    });
    form.prefill_catalogs(Some(2), Some(25));
    assert_eq!(form.store_iblock, "2");
    assert_eq!(form.portal_iblock, "14");
    form.prefill_catalogs(Some(3), None);
    assert_eq!(form.store_iblock, "2");
}
