//! The sentence for each failure and each problem, and the block that shows a field's
//! problems next to it.

use yew::prelude::*;

use bitrix_rest::models::crm::Category;

use crate::frame::FrameError;
use crate::i18n::{SettingsTexts, fill};
use crate::model::settings::failure::RestFailure;
use crate::model::settings::{Problem, SettingsField, SettingsProblem};
use crate::model::webhook::WebhookError;

/// Which system failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Store,
    Portal,
}

/// What failed and what to do, for a failure of the store (at `origin`) or of the portal.
pub fn failure_text(t: &SettingsTexts, failure: &RestFailure, side: Side, origin: &str) -> String {
    let (system, store) = match side {
        Side::Store => (t.the_store, true),
        Side::Portal => (t.the_portal, false),
    };
    let pick = |s: &'static str, p: &'static str| if store { s } else { p };
    match failure {
        RestFailure::Unreachable => fill(
            pick(t.fail_unreachable_store, t.fail_unreachable_portal),
            &[origin],
        ),
        RestFailure::TimedOut => fill(t.fail_timed_out, &[system]),
        RestFailure::Credentials => {
            pick(t.fail_credentials_store, t.fail_credentials_portal).to_owned()
        }
        RestFailure::AccessDenied => pick(t.fail_access_store, t.fail_access_portal).to_owned(),
        RestFailure::ScopeMissing { scope } => {
            fill(pick(t.fail_scope_store, t.fail_scope_portal), &[scope])
        }
        RestFailure::MethodMissing { method } if store => fill(t.fail_method_store, &[method]),
        RestFailure::MethodMissing { method } => fill(t.fail_method, &[system, method]),
        RestFailure::NotBitrix => t.fail_not_bitrix.to_owned(),
        RestFailure::Busy => fill(t.fail_busy, &[system]),
        RestFailure::ServerFailed { status } => {
            let status = status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
            fill(t.fail_server, &[system, &status])
        }
        RestFailure::Other { description } => fill(t.fail_other, &[system, description]),
    }
}

/// The parts of the page, each quoted by the title the page gives it, for a sentence.
pub fn part_names(t: &SettingsTexts, parts: &[SettingsField], pipelines: &[Category]) -> String {
    let names: Vec<String> = parts
        .iter()
        .map(|part| {
            let title = match part {
                SettingsField::StoreWebhook => t.webhook_label.to_owned(),
                SettingsField::StoreIblock => t.store_iblock.to_owned(),
                SettingsField::PortalIblock => t.portal_iblock.to_owned(),
                SettingsField::LinkRules | SettingsField::LinkRule(_) => t.link_title.to_owned(),
                SettingsField::ProductPropertyPortal | SettingsField::ProductPropertyStore => {
                    t.match_label.to_owned()
                }
                SettingsField::ArticleProperty => t.article.to_owned(),
                SettingsField::VariationArticleProperty => t.variation_article.to_owned(),
                SettingsField::PriceType => t.price_type.to_owned(),
                SettingsField::StageMapping { category_id } => {
                    match pipelines.iter().find(|p| p.id as i64 == *category_id) {
                        Some(pipeline) => format!("{}: {}", t.mapping_title, pipeline.name),
                        None => t.mapping_title.to_owned(),
                    }
                }
                SettingsField::Warehouses => t.warehouses_title.to_owned(),
                SettingsField::PollInterval => t.poll_label.to_owned(),
            };
            fill(t.part_quote, &[&title])
        })
        .collect();
    names.join(", ")
}

/// Why saving through the frame failed.
pub fn save_failure_text(t: &SettingsTexts, error: &FrameError) -> String {
    match error {
        FrameError::Refused { reason, .. } => fill(t.save_refused, &[reason]),
        FrameError::Timeout { .. } | FrameError::NotInFrame => t.save_timeout.to_owned(),
        FrameError::BadAnswer { reason, .. } => fill(t.save_other, &[reason]),
    }
}

/// A stable name of the failure kind, for `data-kind`.
pub fn save_failure_kind(error: &FrameError) -> &'static str {
    match error {
        FrameError::Refused { .. } => "refused",
        FrameError::Timeout { .. } | FrameError::NotInFrame => "timeout",
        FrameError::BadAnswer { .. } => "unreadable",
    }
}

fn webhook_text(t: &SettingsTexts, e: &WebhookError) -> &'static str {
    match e {
        WebhookError::Empty => t.p_webhook_empty,
        WebhookError::NotAUrl => t.p_webhook_not_url,
        WebhookError::HttpsRequired => t.p_webhook_https,
        WebhookError::UnsupportedScheme => t.p_webhook_scheme,
        WebhookError::BadHost => t.p_webhook_host,
        WebhookError::BadPort => t.p_webhook_port,
        WebhookError::CredentialsInUrl => t.p_webhook_credentials,
        WebhookError::NotAWebhookPath => t.p_webhook_path,
        WebhookError::BadUserId => t.p_webhook_user,
        WebhookError::BadSecret => t.p_webhook_secret,
    }
}

/// The sentence for a problem.
pub fn problem_text(t: &SettingsTexts, p: &SettingsProblem) -> String {
    match (&p.field, &p.problem) {
        (SettingsField::StoreIblock, Problem::Missing) => t.p_store_iblock_missing.to_owned(),
        (SettingsField::PortalIblock, Problem::Missing) => t.p_portal_iblock_missing.to_owned(),
        (SettingsField::LinkRules, Problem::Missing) => t.p_no_rules.to_owned(),
        (SettingsField::StoreWebhook, Problem::Missing) => t.p_webhook_empty.to_owned(),
        (_, Problem::Missing) => t.p_missing.to_owned(),
        (_, Problem::Webhook(e)) => webhook_text(t, e).to_owned(),
        (_, Problem::NotAUserField) => t.p_not_user_field.to_owned(),
        (_, Problem::NotAPropertyKey) => t.p_not_property_key.to_owned(),
        (SettingsField::VariationArticleProperty, Problem::UnknownStoreProperty { key }) => {
            fill(t.p_unknown_variation_property, &[key])
        }
        (_, Problem::UnknownStoreProperty { key }) => fill(t.p_unknown_store_property, &[key]),
        (_, Problem::NoVariations) => t.p_no_variations.to_owned(),
        (_, Problem::PropertyUnchecked { key }) => fill(t.p_property_unchecked, &[key]),
        (_, Problem::NotAPropertyCode) => t.p_not_property_code.to_owned(),
        (_, Problem::BlankOriginator) => t.p_blank_originator.to_owned(),
        (_, Problem::OriginSourceNeeded { sources }) => fill(t.p_origin_source_needed, &[sources]),
        (_, Problem::DuplicateRule { first }) => {
            fill(t.p_duplicate_rule, &[&(first + 1).to_string()])
        }
        (_, Problem::DuplicateStatus { status_id }) => fill(t.p_duplicate_status, &[status_id]),
        (_, Problem::EmptyPair) => t.p_empty_pair.to_owned(),
        (_, Problem::StageOfOtherPipeline { stage_id }) => fill(t.p_other_pipeline, &[stage_id]),
        (_, Problem::StageGone { stage_id }) => fill(t.p_stage_gone, &[stage_id]),
        (_, Problem::DuplicatePipeline) => t.p_duplicate_pipeline.to_owned(),
        (_, Problem::DuplicateWarehouse { id }) => {
            fill(t.p_duplicate_warehouse, &[&id.to_string()])
        }
        (_, Problem::ZeroId) => t.p_not_an_id.to_owned(),
        (_, Problem::OutOfRange { min, max }) => {
            fill(t.p_out_of_range, &[&min.to_string(), &max.to_string()])
        }
    }
}

/// The sentences of the problems about `field`.
pub fn problems_of(
    t: &SettingsTexts,
    problems: &[SettingsProblem],
    field: &SettingsField,
) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.field == *field)
        .map(|p| problem_text(t, p))
        .collect()
}

/// A field's problems, each a sentence, announced when they appear; nothing when none.
pub fn field_problems(id: &str, sentences: &[String]) -> Html {
    if sentences.is_empty() {
        return Html::default();
    }
    html! {
        <div class="sl-field-error" id={id.to_owned()} role="alert" data-testid="settings-problem">
            { for sentences.iter().map(|s| html! { <p>{ s.clone() }</p> }) }
        </div>
    }
}
