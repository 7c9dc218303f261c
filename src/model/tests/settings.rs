use serde_json::json;

use crate::model::mapping::{PipelineMapping, StatusStage};
use crate::model::settings::{
    DEFAULT_POLL_SECS, FieldLabel, LinkRule, OrderKey, Problem, PropertyPair, SETTINGS_VERSION,
    Settings, SettingsError, SettingsField, SettingsProblem,
};
use crate::model::webhook::StoreWebhook;

pub(super) fn pair(status: &str, stage: &str) -> StatusStage {
    StatusStage {
        status_id: status.into(),
        stage_id: stage.into(),
    }
}

pub(super) fn connected() -> Settings {
    Settings {
        store_webhook: Some(
            StoreWebhook::parse("https://shop.example/rest/7/abcdef0123456789/").unwrap(),
        ),
        store_iblock_id: Some(23),
        portal_iblock_id: Some(14),
        ..Settings::default()
    }
}

#[test]
fn defaults_are_valid_and_link_by_origin_id() {
    let s = Settings::default();
    assert!(s.validate().is_empty());
    assert_eq!(
        s.link_rules,
        vec![LinkRule::OriginId {
            originator_id: None
        }]
    );
    assert_eq!(s.poll_interval(), DEFAULT_POLL_SECS);
    assert!(!s.has_store());
}

#[test]
fn empty_or_null_option_loads_the_defaults() {
    assert_eq!(Settings::from_json("{}").unwrap(), Settings::default());
    assert_eq!(
        Settings::from_value(&json!(null)).unwrap(),
        Settings::default()
    );
    assert_eq!(
        Settings::from_value(&json!("")).unwrap(),
        Settings::default()
    );
}

#[test]
fn what_is_not_a_json_object_is_an_error() {
    assert_eq!(Settings::from_json("{oops"), Err(SettingsError::NotJson));
    assert_eq!(
        Settings::from_value(&json!([1, 2])),
        Err(SettingsError::NotAnObject)
    );
}

#[test]
fn settings_round_trip_through_the_stored_json() {
    let mut s = connected();
    s.link_rules = vec![
        LinkRule::UserField {
            field: "UF_CRM_ORDER".into(),
            holds: OrderKey::Number,
        },
        LinkRule::OriginId {
            originator_id: Some("3".into()),
        },
        LinkRule::OrderXmlId,
        LinkRule::OrderProperty {
            code: "DEAL_ID".into(),
        },
    ];
    s.product_property = Some(PropertyPair {
        portal: "property45".into(),
        store: "property101".into(),
        alone: false,
    });
    s.article_property = Some("property77".into());
    s.variation_article_property = Some("property121".into());
    s.warehouses = vec![3, 1];
    s.poll_interval_secs = 15;
    s.stage_mapping.set_pipeline(PipelineMapping {
        category_id: 1,
        pairs: vec![pair("N", "C1:NEW")],
    });
    s.field_labels = vec![FieldLabel {
        field: "UF_CRM_ORDER".into(),
        label: "Заказ на сайте".into(),
    }];
    let stored = s.to_value();
    assert_eq!(
        stored["fieldLabels"],
        json!([{"field": "UF_CRM_ORDER", "label": "Заказ на сайте"}])
    );
    assert_eq!(stored["version"], SETTINGS_VERSION);
    assert_eq!(
        stored["linkRules"][0],
        json!({"kind": "user-field", "field": "UF_CRM_ORDER", "holds": "number"})
    );
    assert_eq!(
        stored["linkRules"][1],
        json!({"kind": "origin-id", "originatorId": "3"})
    );
    assert_eq!(
        stored["storeWebhook"],
        "https://shop.example/rest/7/abcdef0123456789/"
    );
    let back = Settings::from_value(&stored).unwrap();
    assert_eq!(back, s);
    // A string holding the object (as app options may come back) reads the same.
    assert_eq!(Settings::from_value(&json!(stored.to_string())).unwrap(), s);
}

#[test]
fn partial_older_json_keeps_what_it_has_and_defaults_the_rest() {
    let s = Settings::from_json(
        r#"{"storeWebhook":"https://shop.example/rest/7/abcdef0123456789/",
        "pollIntervalSecs": 30}"#,
    )
    .unwrap();
    assert_eq!(s.version, SETTINGS_VERSION);
    assert_eq!(s.poll_interval_secs, 30);
    assert!(s.store_webhook.is_some());
    assert_eq!(s.link_rules, Settings::default().link_rules);
    assert!(s.warehouses.is_empty());
}

#[test]
fn a_field_of_the_wrong_shape_falls_back_to_its_default_alone() {
    let s = Settings::from_json(
        r#"{"pollIntervalSecs": "often", "warehouses": "all", "storeIblockId": 23,
        "storeWebhook": "http://shop.example/rest/7/abcdef0123456789/",
        "linkRules": [{"kind": "user-field", "field": "UF_CRM_X"}, {"kind": "telepathy"}, 5]}"#,
    )
    .unwrap();
    assert_eq!(s.poll_interval_secs, DEFAULT_POLL_SECS);
    assert!(s.warehouses.is_empty());
    assert_eq!(s.store_iblock_id, Some(23));
    assert_eq!(
        s.store_webhook, None,
        "an insecure stored webhook is not used"
    );
    assert_eq!(
        s.link_rules,
        vec![LinkRule::UserField {
            field: "UF_CRM_X".into(),
            holds: OrderKey::Id
        }],
        "unknown rule kinds are skipped, a missing `holds` means the order ID"
    );
}

#[test]
fn settings_debug_output_hides_the_webhook_secret() {
    let debug = format!("{:?}", connected());
    assert!(!debug.contains("abcdef0123456789"), "{debug}");
}

#[test]
fn saving_keeps_the_labels_of_the_deal_fields_the_rules_name() {
    use crate::model::settings::load::UserFieldChoice;
    let mut s = connected();
    s.link_rules = vec![
        LinkRule::UserField {
            field: "UF_CRM_SITE".into(),
            holds: OrderKey::Number,
        },
        LinkRule::UserField {
            field: "UF_CRM_BARE".into(),
            holds: OrderKey::Id,
        },
        LinkRule::OrderXmlId,
    ];
    let choice = |code: &str, label: &str| UserFieldChoice {
        code: code.into(),
        label: label.into(),
    };
    let fields = [
        choice("UF_CRM_OTHER", "Something else"),
        choice("UF_CRM_SITE", " Номер заказа на сайте "),
        // A field without a label of its own is listed under its code: no label.
        choice("UF_CRM_BARE", "UF_CRM_BARE"),
    ];
    let labelled = s.with_field_labels(&fields);
    assert_eq!(
        labelled.field_labels,
        vec![FieldLabel {
            field: "UF_CRM_SITE".into(),
            label: "Номер заказа на сайте".into(),
        }]
    );
    assert_eq!(
        labelled.field_label("UF_CRM_SITE"),
        Some("Номер заказа на сайте")
    );
    assert_eq!(labelled.field_label("UF_CRM_BARE"), None);
}

#[test]
fn a_stored_link_rule_naming_a_standard_deal_field_is_not_read() {
    // Written past the settings page (by hand, another tool): Link would overwrite the title.
    let s = Settings::from_value(&json!({"linkRules": [
        {"kind": "user-field", "field": "TITLE", "holds": "id"},
        {"kind": "user-field", "field": "UF_CRM_ORDER", "holds": "number"}
    ]}))
    .unwrap();
    assert_eq!(
        s.link_rules,
        [LinkRule::UserField {
            field: "UF_CRM_ORDER".into(),
            holds: OrderKey::Number
        }]
    );
}

#[test]
fn a_variations_article_needs_a_catalogue_with_variations() {
    let mut s = Settings {
        store_iblock_id: Some(2),
        variation_article_property: Some("property121".into()),
        ..Settings::default()
    };
    assert_eq!(
        s.variation_article_unused(),
        Some(SettingsProblem {
            field: SettingsField::VariationArticleProperty,
            problem: Problem::NoVariations,
        })
    );
    s.store_variations_iblock_id = Some(3);
    assert_eq!(s.variation_article_unused(), None);
    s.variation_article_property = None;
    s.store_variations_iblock_id = None;
    assert_eq!(
        s.variation_article_unused(),
        None,
        "nothing named, nothing unused"
    );
}
