//! Section 3: how products match (XML_ID, then optionally a property on each side), the
//! article property, both catalogues and the price type.

use yew::prelude::*;

use super::controls::{SelectField, TextField};
use super::state::{Action, Edit, PageState, StoreData};
use super::texts::problems_of;
use crate::i18n::{Lang, SettingsTexts};
use crate::model::settings::SettingsField;
use crate::model::settings::check::Catalog;

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
    let match_options = vec![
        ("xml-id".to_owned(), t.match_xml_id.to_owned()),
        ("property".to_owned(), t.match_property.to_owned()),
    ];
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
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-products-title">
            <h2 id="settings-products-title">{ t.products_title }</h2>
            <div class="sl-settings-grid">
                { catalog_field(t, "settings-store-iblock", t.store_iblock, &form.store_iblock,
                    store_catalogs, problems(SettingsField::StoreIblock), edit(Edit::StoreIblock)) }
                { catalog_field(t, "settings-portal-iblock", t.portal_iblock, &form.portal_iblock,
                    portal_catalogs, problems(SettingsField::PortalIblock), edit(Edit::PortalIblock)) }
            </div>
            <SelectField id="settings-match" label={t.match_label} options={match_options}
                selected={if form.match_by_property { "property" } else { "xml-id" }}
                onchange={edit(|code| Edit::MatchByProperty(code == "property"))} />
            if form.match_by_property {
                <div class="sl-settings-grid">
                    <TextField id="settings-match-portal" label={t.match_portal}
                        value={form.portal_property.clone()} placeholder="property45" hint={t.property_hint}
                        problems={problems(SettingsField::ProductPropertyPortal)}
                        oninput={edit(Edit::PortalProperty)} />
                    <TextField id="settings-match-store" label={t.match_store}
                        value={form.store_property.clone()} placeholder="property101" hint={t.property_hint}
                        problems={problems(SettingsField::ProductPropertyStore)}
                        oninput={edit(Edit::StoreProperty)} />
                </div>
            }
            <div class="sl-settings-grid">
                <TextField id="settings-article" label={t.article} value={form.article_property.clone()}
                    placeholder="property105" hint={t.article_hint}
                    problems={problems(SettingsField::ArticleProperty)} oninput={edit(Edit::Article)} />
                <TextField id="settings-price-type" label={t.price_type} value={form.price_type.clone()}
                    numeric=true hint={t.price_type_hint}
                    problems={problems(SettingsField::PriceType)} oninput={edit(Edit::PriceType)} />
            </div>
        </section>
    }
}

/// A catalogue: picked from the list when one loaded, else typed as an ID.
fn catalog_field(
    t: &SettingsTexts,
    id: &'static str,
    label: &'static str,
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
            html! { <SelectField id={id} label={label} {options} selected={value.to_owned()}
            hint={t.iblock_hint} {problems} {onchange} /> }
        }
        None => html! {
            <TextField id={id} label={label} value={value.to_owned()} numeric=true
                hint={t.iblock_hint} {problems} oninput={onchange} />
        },
    }
}
