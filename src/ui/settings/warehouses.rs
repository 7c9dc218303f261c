//! Section 5: which warehouses the tab shows (none ticked = every active one).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::skeleton::section_skeleton;
use super::state::{Action, Edit, PageState, StoreData};
use super::texts::{field_problems, problems_of};
use crate::i18n::{Lang, fill};
use crate::model::settings::SettingsField;
use crate::model::settings::form::warehouse_rows;

#[derive(Properties, PartialEq)]
pub struct WarehousesSectionProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
}

#[function_component]
pub fn WarehousesSection(props: &WarehousesSectionProps) -> Html {
    let t = props.lang.settings();
    let page = &props.page;
    let body = match &page.store {
        StoreData::Loading => section_skeleton(3),
        StoreData::NotConfigured | StoreData::Failed(_) => html! {
            <p class="sl-muted" data-testid="settings-warehouses-unavailable">{ t.warehouses_need_store }</p>
        },
        StoreData::Ready(found) => {
            let rows = warehouse_rows(&found.warehouses, &page.form.warehouses);
            let every = {
                let page = page.clone();
                Callback::from(move |_| page.dispatch(Action::Edit(Edit::EveryWarehouse)))
            };
            html! {
                <>
                // With many warehouses, unticking them one by one is a chore.
                if !page.form.warehouses.is_empty() {
                    <button type="button" class="sl-btn sl-btn-light sl-btn-small"
                        data-testid="settings-warehouses-every" onclick={every}>
                        { t.warehouses_every }
                    </button>
                }
                <ul class="sl-settings-checks">
                    { for rows.into_iter().map(|row| {
                        let id = format!("settings-warehouse-{}", row.id);
                        let onchange = {
                            let page = page.clone();
                            let warehouse = row.id;
                            Callback::from(move |e: Event| {
                                let shown = e.target_unchecked_into::<HtmlInputElement>().checked();
                                page.dispatch(Action::Edit(Edit::Warehouse(warehouse, shown)))
                            })
                        };
                        // A blank title is named as the tab names it.
                        let id_text = row.id.to_string();
                        let title = match row.title.as_deref() {
                            None => fill(t.warehouse_gone, &[&id_text]),
                            Some("") => fill(props.lang.lookup().warehouse_fallback, &[&id_text]),
                            Some(title) => title.to_owned(),
                        };
                        html! {
                            <li class="sl-check">
                                <input type="checkbox" id={id.clone()} data-testid={id.clone()}
                                    checked={row.shown} {onchange} />
                                <label for={id}>{ title }</label>
                                if row.title.is_some() && !row.active {
                                    <span class="sl-badge">{ t.warehouse_inactive }</span>
                                }
                            </li>
                        }
                    }) }
                </ul>
                </>
            }
        }
    };
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-warehouses-title">
            <h2 id="settings-warehouses-title">{ t.warehouses_title }</h2>
            <p class="sl-muted">{ t.warehouses_hint }</p>
            { body }
            { field_problems("settings-warehouses-problems",
                &problems_of(t, &page.problems, &SettingsField::Warehouses)) }
        </section>
    }
}
