use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::models::crm::{Category, Status};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;
use crate::model::mapping::prefill::NamedStatus;
use crate::model::mapping::{PipelineMapping, StatusStage};
use crate::model::settings::rules::OrderKey;
use crate::model::webhook::WebhookError;

const HOOK: &str = "https://shop.example/rest/7/abcdef0123456789/";

fn from<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("fixture JSON matches the wire model")
}

fn connected() -> Settings {
    Settings {
        store_webhook: Some(StoreWebhook::parse(HOOK).unwrap()),
        store_iblock_id: Some(2),
        portal_iblock_id: Some(25),
        ..Settings::default()
    }
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

fn fields(problems: &[SettingsProblem]) -> Vec<SettingsField> {
    problems.iter().map(|p| p.field.clone()).collect()
}

#[test]
fn an_untouched_form_saves_the_same_settings() {
    let saved = Settings {
        product_property: Some(PropertyPair {
            portal: "property45".into(),
            store: "property101".into(),
        }),
        article_property: Some("property105".into()),
        warehouses: vec![3, 1],
        poll_interval_secs: 30,
        ..connected()
    };
    let form = SettingsForm::of(&saved);
    assert_eq!(form.webhook.text, "https://shop.example/rest/7/••••••89/");
    assert_eq!(form.to_settings(&saved), Ok(saved));
}

#[test]
fn the_masked_webhook_is_kept_until_edited_then_replaced() {
    let saved = connected();
    let mut form = SettingsForm::of(&saved);
    assert_eq!(form.webhook.problem(), None);
    form.webhook = WebhookInput::typed("https://other.example/rest/3/0123456789abcdef/");
    let out = form.to_settings(&saved).unwrap();
    assert_eq!(
        out.store_webhook.unwrap().base_url(),
        "https://other.example/rest/3/0123456789abcdef/"
    );
}

#[test]
fn a_webhook_being_typed_is_checked_as_typed_and_blank_disconnects() {
    let saved = connected();
    let half = WebhookInput::typed("https://shop.example/rest/7/");
    assert_eq!(
        half.problem().map(|p| p.problem),
        Some(Problem::Webhook(WebhookError::NotAWebhookPath))
    );
    let blank = WebhookInput::typed("  ");
    assert_eq!(blank.problem(), None);
    assert!(blank.disconnects(saved.store_webhook.as_ref()));
    let mut form = SettingsForm::of(&saved);
    form.webhook = blank;
    let out = form.to_settings(&saved).unwrap();
    assert_eq!(out.store_webhook, None);
}

#[test]
fn check_uses_the_saved_webhook_or_the_typed_one_and_refuses_a_blank_box() {
    let saved = connected();
    let untouched = WebhookInput::shown(saved.store_webhook.as_ref());
    assert_eq!(
        untouched.to_check(saved.store_webhook.as_ref()),
        Ok(saved.store_webhook.clone().unwrap())
    );
    let empty = WebhookInput::shown(None);
    assert_eq!(
        empty.to_check(None).map_err(|p| p.problem),
        Err(Problem::Missing)
    );
}

#[test]
fn every_problem_is_reported_at_once_and_nothing_is_returned_to_save() {
    let saved = Settings::default();
    let mut form = SettingsForm::of(&saved);
    form.webhook = WebhookInput::typed(HOOK);
    form.store_iblock = "2a".into();
    form.portal_iblock = String::new();
    form.price_type = String::new();
    form.poll = "often".into();
    form.link_rules = vec![LinkKind::UserField.new_rule()];
    form.match_by_property = true;
    form.portal_property = "property45".into();
    form.store_property = "CML2_ARTICLE".into();
    let problems = form.to_settings(&saved).unwrap_err();
    assert_eq!(
        fields(&problems),
        vec![
            SettingsField::StoreIblock,
            SettingsField::PriceType,
            SettingsField::PollInterval,
            SettingsField::PortalIblock,
            SettingsField::LinkRule(0),
            SettingsField::ProductPropertyStore,
        ]
    );
    assert_eq!(problems[0].problem, Problem::ZeroId);
    assert_eq!(problems[1].problem, Problem::Missing);
    assert_eq!(
        problems[2].problem,
        Problem::OutOfRange {
            min: MIN_POLL_SECS,
            max: MAX_POLL_SECS
        }
    );
}

#[test]
fn rules_are_saved_tidy_and_a_blank_originator_means_any() {
    let mut form = SettingsForm::of(&Settings::default());
    form.link_rules = vec![
        LinkRule::UserField {
            field: " UF_CRM_STORE_ORDER ".into(),
            holds: OrderKey::Number,
        },
        LinkRule::OriginId {
            originator_id: Some("  ".into()),
        },
    ];
    let out = form.to_settings(&Settings::default()).unwrap();
    assert_eq!(
        out.link_rules,
        vec![
            LinkRule::UserField {
                field: "UF_CRM_STORE_ORDER".into(),
                holds: OrderKey::Number
            },
            LinkRule::OriginId {
                originator_id: None
            },
        ]
    );
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
