//! Section 3: how products match (XML_ID, then optionally a property on each side), the
//! article properties (of products, and of their variations when the catalogue has them), both
//! catalogues and the price type.

use yew::prelude::*;

use super::controls::{SelectInput, TextInput, select_field, text_field};
use super::state::{Action, Edit, PageState, StoreData};
use super::texts::problems_of;
use crate::i18n::{Lang, SettingsTexts};
use crate::model::settings::SettingsField;
use crate::model::settings::check::Catalog;
use crate::model::settings::form::Matching;

#[derive(Properties, PartialEq)]
pub struct ProductsSectionProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
}

#[function_component]
pub fn ProductsSection(props: &ProductsSectionProps) -> Html {
    let t = props.lang.settings();
    let page = &props.page;
    let form = &page.form;
    let edit = |make: fn(String) -> Edit| {
        let page = page.clone();
        Callback::from(move |text: String| page.dispatch(Action::Edit(make(text))))
    };
    let problems = |field: SettingsField| problems_of(t, &page.problems, &field);
    let match_options = Matching::ALL
        .into_iter()
        .map(|how| {
            let text = match how {
                Matching::XmlId => t.match_xml_id,
                Matching::XmlIdThenProperty => t.match_property,
                Matching::PropertyAlone => t.match_property_alone,
            };
            (how.code().to_owned(), text.to_owned())
        })
        .collect();
    let store_catalogs = match &page.store {
        StoreData::Ready(found) if !found.report.catalogs.is_empty() => {
            Some(&found.report.catalogs)
        }
        _ => None,
    };
    let portal_catalogs = page
        .portal
        .as_ref()
        .and_then(|p| p.catalogs.as_ref().ok())
        .filter(|list| !list.is_empty());
    // A variation's article is asked for only where the chosen catalogue has variations (or one
    // is set, to be cleared).
    let has_variations = match store_catalogs {
        Some(list) => list
            .iter()
            .find(|c| c.iblock_id.to_string() == form.store_iblock.trim())
            .is_some_and(|c| c.variations_iblock_id.is_some()),
        None => page.saved.store_variations_iblock_id.is_some(),
    };
    let variation_article = (has_variations || !form.variation_article_property.trim().is_empty())
        .then(|| {
            text_field(TextInput {
                id: "settings-variation-article".into(),
                label: t.variation_article.into(),
                value: form.variation_article_property.clone().into(),
                placeholder: Some(t.article_unset.into()),
                hint: Some(t.variation_article_hint.into()),
                problems: problems(SettingsField::VariationArticleProperty),
                oninput: edit(Edit::VariationArticle),
                ..TextInput::default()
            })
        });
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-products-title">
            <h2 id="settings-products-title">{ t.products_title }</h2>
            <div class="sl-settings-grid">
                { catalog_field(t, "settings-store-iblock", (t.store_iblock, t.iblock_hint), &form.store_iblock,
                    store_catalogs, problems(SettingsField::StoreIblock), edit(Edit::StoreIblock)) }
                { catalog_field(t, "settings-portal-iblock", (t.portal_iblock, t.portal_iblock_hint), &form.portal_iblock,
                    portal_catalogs, problems(SettingsField::PortalIblock), edit(Edit::PortalIblock)) }
            </div>
            { select_field(SelectInput {
                id: "settings-match".into(),
                label: t.match_label.into(),
                options: match_options,
                selected: form.matching.code().into(),
                hint: Some(t.match_hint.into()),
                onchange: edit(|code| Edit::Matching(Matching::of_code(&code).unwrap_or(Matching::XmlId))),
                ..SelectInput::default()
            }) }
            if form.matching.uses_property() {
                <div class="sl-settings-grid">
                    { text_field(TextInput {
                        id: "settings-match-portal".into(),
                        label: t.match_portal.into(),
                        value: form.portal_property.clone().into(),
                        placeholder: Some("property45".into()),
                        hint: Some(t.property_hint.into()),
                        problems: problems(SettingsField::ProductPropertyPortal),
                        oninput: edit(Edit::PortalProperty),
                        ..TextInput::default()
                    }) }
                    { text_field(TextInput {
                        id: "settings-match-store".into(),
                        label: t.match_store.into(),
                        value: form.store_property.clone().into(),
                        placeholder: Some("property101".into()),
                        hint: Some(t.property_hint.into()),
                        problems: problems(SettingsField::ProductPropertyStore),
                        oninput: edit(Edit::StoreProperty),
                        ..TextInput::default()
                    }) }
                </div>
            }
            <div class="sl-settings-grid">
                { text_field(TextInput {
                    id: "settings-article".into(),
                    label: t.article.into(),
                    value: form.article_property.clone().into(),
                    // Not an example that looks like a value: empty means articles are not
                    // searched.
                    placeholder: Some(t.article_unset.into()),
                    hint: Some(t.article_hint.into()),
                    problems: problems(SettingsField::ArticleProperty),
                    oninput: edit(Edit::Article),
                    ..TextInput::default()
                }) }
                { variation_article }
                { text_field(TextInput {
                    id: "settings-price-type".into(),
                    label: t.price_type.into(),
                    value: form.price_type.clone().into(),
                    numeric: true,
                    hint: Some(t.price_type_hint.into()),
                    problems: problems(SettingsField::PriceType),
                    oninput: edit(Edit::PriceType),
                    ..TextInput::default()
                }) }
            </div>
        </section>
    }
}

/// A catalogue: picked from the list when one loaded, else typed as an ID; `(label, hint)`.
fn catalog_field(
    t: &SettingsTexts,
    id: &'static str,
    (label, hint): (&'static str, &'static str),
    value: &str,
    catalogs: Option<&Vec<Catalog>>,
    problems: Vec<String>,
    onchange: Callback<String>,
) -> Html {
    match catalogs {
        Some(list) => {
            let mut options = vec![(String::new(), t.iblock_choose.to_owned())];
            options.extend(list.iter().map(|c| {
                (
                    c.iblock_id.to_string(),
                    format!("{} — {}", c.iblock_id, c.name),
                )
            }));
            if !value.is_empty() && !list.iter().any(|c| c.iblock_id.to_string() == value) {
                options.push((value.to_owned(), value.to_owned()));
            }
            select_field(SelectInput {
                id: id.into(),
                label: label.into(),
                options,
                selected: value.to_owned().into(),
                hint: Some(hint.into()),
                problems,
                onchange,
            })
        }
        None => text_field(TextInput {
            id: id.into(),
            label: label.into(),
            value: value.to_owned().into(),
            numeric: true,
            hint: Some(hint.into()),
            problems,
            oninput: onchange,
            ..TextInput::default()
        }),
    }
}
