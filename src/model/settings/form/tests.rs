//! The form as a whole: what it saves, the webhook box, every problem at once.

use super::*;
use crate::model::settings::rules::{OrderKey, is_property_key};
use crate::model::webhook::WebhookError;

const HOOK: &str = "https://shop.example/rest/7/abcdef0123456789/";

fn connected() -> Settings {
    Settings {
        store_webhook: Some(StoreWebhook::parse(HOOK).unwrap()),
        store_iblock_id: Some(2),
        portal_iblock_id: Some(25),
        ..Settings::default()
    }
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
            alone: false,
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
fn matching_by_the_property_alone_is_offered_saved_and_read_back() {
    let saved = Settings {
        product_property: Some(PropertyPair {
            portal: "property45".into(),
            store: "property101".into(),
            alone: true,
        }),
        ..connected()
    };
    let mut form = SettingsForm::of(&saved);
    assert_eq!(form.matching, Matching::PropertyAlone);
    assert_eq!(Matching::of_code(form.matching.code()), Some(form.matching));
    let again = form.to_settings(&saved).expect("valid");
    assert_eq!(again, saved);
    assert!(!again.matches_by_xml_id());
    let stored = again.to_value();
    assert_eq!(stored["productProperty"]["alone"], true);
    assert_eq!(Settings::from_value(&stored).unwrap(), saved);
    // XML_ID first: the pair is kept, `alone` not written.
    form.matching = Matching::XmlIdThenProperty;
    let first = form.to_settings(&saved).expect("valid");
    assert!(first.matches_by_xml_id());
    assert!(first.to_value()["productProperty"].get("alone").is_none());
    form.matching = Matching::XmlId;
    assert_eq!(form.to_settings(&saved).unwrap().product_property, None);
}

#[test]
fn property_keys_typed_as_a_number_or_in_capitals_are_saved_as_the_store_names_them() {
    let saved = connected();
    let mut form = SettingsForm::of(&saved);
    form.matching = Matching::XmlIdThenProperty;
    form.portal_property = " 45 ".into();
    form.store_property = "PROPERTY_101".into();
    form.article_property = "PROPERTY105".into();
    form.variation_article_property = "Property121".into();
    let settings = form.to_settings(&saved).expect("valid");
    let pair = settings.product_property.unwrap();
    assert_eq!(
        (pair.portal.as_str(), pair.store.as_str()),
        ("property45", "property101")
    );
    assert_eq!(settings.article_property.as_deref(), Some("property105"));
    assert_eq!(
        settings.variation_article_property.as_deref(),
        Some("property121")
    );
}

#[test]
fn property_keys_of_another_shape_are_refused_as_typed() {
    for typed in [
        "ARTICLE",
        "property",
        "property_",
        "0",
        "property0105",
        "PROPERTY_1O5",
        "-5",
    ] {
        assert_eq!(property_key(typed), typed, "{typed}");
        assert!(!is_property_key(&property_key(typed)), "{typed}");
    }
    let saved = connected();
    let mut form = SettingsForm::of(&saved);
    form.article_property = "CML2_ARTICLE".into();
    let problems = form.to_settings(&saved).unwrap_err();
    assert_eq!(fields(&problems), [SettingsField::ArticleProperty]);
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
    form.matching = Matching::XmlIdThenProperty;
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
