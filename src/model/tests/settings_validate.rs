use crate::model::mapping::PipelineMapping;
use crate::model::settings::{
    LinkRule, OrderKey, Problem, PropertyPair, Settings, SettingsField, webhook_from_input,
};
use crate::model::webhook::WebhookError;

use super::settings::{connected, pair};

#[test]
fn a_stored_interval_out_of_bounds_is_clamped_when_used_and_refused_when_saved() {
    let mut s = Settings {
        poll_interval_secs: 1,
        ..Settings::default()
    };
    assert_eq!(s.poll_interval(), 3);
    assert_eq!(
        s.validate()[0].problem,
        Problem::OutOfRange { min: 3, max: 300 }
    );
    s.poll_interval_secs = 100_000;
    assert_eq!(s.poll_interval(), 300);
    assert_eq!(s.validate()[0].field, SettingsField::PollInterval);
}

#[test]
fn a_webhook_without_catalogues_lists_both_missing() {
    let s = Settings {
        store_iblock_id: None,
        portal_iblock_id: None,
        ..connected()
    };
    let fields: Vec<_> = s
        .validate()
        .into_iter()
        .map(|p| (p.field, p.problem))
        .collect();
    assert_eq!(
        fields,
        vec![
            (SettingsField::StoreIblock, Problem::Missing),
            (SettingsField::PortalIblock, Problem::Missing)
        ]
    );
    assert!(connected().validate().is_empty());
    assert!(connected().has_store());
}

#[test]
fn validation_reports_every_problem_at_once() {
    let mut s = connected();
    s.link_rules = vec![
        LinkRule::UserField {
            field: "ORDER_ID".into(),
            holds: OrderKey::Id,
        },
        LinkRule::OriginId {
            originator_id: Some("  ".into()),
        },
        LinkRule::OrderProperty {
            code: "deal id".into(),
        },
        LinkRule::OrderXmlId,
        LinkRule::OrderXmlId,
    ];
    s.product_property = Some(PropertyPair {
        portal: "PROPERTY_45".into(),
        store: "property0".into(),
        alone: false,
    });
    s.article_property = Some("article".into());
    s.variation_article_property = Some("CML2_ARTICLE".into());
    s.price_type_id = 0;
    s.warehouses = vec![1, 0, 1];
    s.stage_mapping.pipelines = vec![
        PipelineMapping {
            category_id: 1,
            pairs: vec![
                pair("N", "C1:NEW"),
                pair("N", "C1:WON"),
                pair("", "C1:X"),
                pair("P", "NEW"),
            ],
        },
        PipelineMapping {
            category_id: 1,
            pairs: vec![],
        },
    ];
    s.poll_interval_secs = 0;
    let problems: Vec<_> = s
        .validate()
        .into_iter()
        .map(|p| (p.field, p.problem))
        .collect();
    let expected = vec![
        (SettingsField::LinkRule(0), Problem::NotAUserField),
        (SettingsField::LinkRule(1), Problem::BlankOriginator),
        (SettingsField::LinkRule(2), Problem::NotAPropertyCode),
        (
            SettingsField::LinkRule(4),
            Problem::DuplicateRule { first: 3 },
        ),
        (
            SettingsField::ProductPropertyPortal,
            Problem::NotAPropertyKey,
        ),
        (
            SettingsField::ProductPropertyStore,
            Problem::NotAPropertyKey,
        ),
        (SettingsField::ArticleProperty, Problem::NotAPropertyKey),
        (
            SettingsField::VariationArticleProperty,
            Problem::NotAPropertyKey,
        ),
        (SettingsField::PriceType, Problem::ZeroId),
        (
            SettingsField::StageMapping { category_id: 1 },
            Problem::DuplicateStatus {
                status_id: "N".into(),
            },
        ),
        (
            SettingsField::StageMapping { category_id: 1 },
            Problem::EmptyPair,
        ),
        (
            SettingsField::StageMapping { category_id: 1 },
            Problem::StageOfOtherPipeline {
                stage_id: "NEW".into(),
            },
        ),
        (
            SettingsField::StageMapping { category_id: 1 },
            Problem::DuplicatePipeline,
        ),
        (SettingsField::Warehouses, Problem::ZeroId),
        (
            SettingsField::Warehouses,
            Problem::DuplicateWarehouse { id: 1 },
        ),
        (
            SettingsField::PollInterval,
            Problem::OutOfRange { min: 3, max: 300 },
        ),
    ];
    assert_eq!(problems, expected);
}

#[test]
fn no_link_rule_at_all_is_refused() {
    let s = Settings {
        link_rules: vec![],
        ..Settings::default()
    };
    assert_eq!(s.validate()[0].field, SettingsField::LinkRules);
    assert_eq!(s.validate()[0].problem, Problem::Missing);
}

#[test]
fn the_default_pipeline_takes_stages_without_a_prefix_only() {
    let mut s = Settings::default();
    s.stage_mapping.pipelines = vec![PipelineMapping {
        category_id: 0,
        pairs: vec![pair("N", "NEW"), pair("F", "C2:WON")],
    }];
    let problems = s.validate();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].problem,
        Problem::StageOfOtherPipeline {
            stage_id: "C2:WON".into()
        }
    );
}

#[test]
fn a_stage_deleted_since_it_was_mapped_is_a_problem_of_its_pipeline() {
    use crate::model::settings::gone_stage_problems;
    use crate::model::tests::fixtures::stage;
    let mut s = Settings::default();
    s.stage_mapping.pipelines = vec![
        PipelineMapping {
            category_id: 0,
            pairs: vec![
                pair("N", "NEW"),
                pair("D", "FINAL_INVOICE"),
                pair("F", "C2:WON"),
            ],
        },
        // The portal's stages of pipeline 3 are not known: not judged.
        PipelineMapping {
            category_id: 3,
            pairs: vec![pair("N", "C3:GONE")],
        },
    ];
    let stages = [
        stage(0, "NEW", "Новая", 10, None),
        stage(0, "WON", "Успех", 20, Some("S")),
    ];
    let problems = gone_stage_problems(&s.stage_mapping, &stages);
    // FINAL_INVOICE was deleted; C2:WON is another pipeline's (refused by `validate` as such).
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].field,
        SettingsField::StageMapping { category_id: 0 }
    );
    assert_eq!(
        problems[0].problem,
        Problem::StageGone {
            stage_id: "FINAL_INVOICE".into()
        }
    );
}

#[test]
fn the_webhook_box_accepts_blank_as_disconnect_and_refuses_bad_urls() {
    assert_eq!(webhook_from_input("  "), Ok(None));
    assert!(
        webhook_from_input("https://shop.example/rest/7/abcdef0123456789/")
            .unwrap()
            .is_some()
    );
    let err = webhook_from_input("http://shop.example/rest/7/abcdef0123456789/").unwrap_err();
    assert_eq!(err.field, SettingsField::StoreWebhook);
    assert_eq!(err.problem, Problem::Webhook(WebhookError::HttpsRequired));
}

#[test]
fn the_connection_check_reports_warehouses_statuses_and_product_catalogues() {
    use super::fixtures::{from, sale_status, warehouse};
    use crate::model::settings::check::{Catalog, ConnectionReport, connection_check_batch};
    let b = connection_check_batch();
    assert_eq!(b.names(), vec!["warehouses", "statuses", "catalogs"]);
    let mut closed = warehouse(3, "Old");
    closed.active = false;
    let catalogs: Vec<Catalog> = from(serde_json::json!([
        {"iblockId": 23, "id": 23, "name": "Каталог"},
        {"iblockId": 24, "id": 24, "name": "Торговые предложения", "productIblockId": 23}
    ]));
    let report = ConnectionReport::of(
        &[warehouse(1, "A"), warehouse(2, "B"), closed],
        &[sale_status("N", 1), sale_status("F", 2)],
        &catalogs,
    );
    assert_eq!(report.active_warehouses, 2);
    assert_eq!(report.statuses, 2);
    assert_eq!(report.single_catalog(), Some(23));
}
