//! Section 4: the order-status ↔ deal-stage mapping, one table per pipeline, each row a store
//! status with a select of the pipeline's stages.

use bitrix_rest::models::crm::{Category, Status};
use yew::prelude::*;

use super::controls::select;
use super::skeleton::section_skeleton;
use super::state::{Action, Edit, PageState, StoreData};
use super::texts::{Side, failure_text, field_problems, problems_of};
use crate::i18n::{Lang, SettingsTexts, fill};
use crate::model::mapping::prefill::{pipeline_stages, stage_choices};
use crate::model::settings::form::mapping_rows;
use crate::model::settings::load::StoreFindings;
use crate::model::settings::{
    Problem, SettingsField, SettingsProblem, gone_stage_problems, mapping_problems,
};

#[derive(Properties, PartialEq)]
pub struct MappingSectionProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
}

#[function_component]
pub fn MappingSection(props: &MappingSectionProps) -> Html {
    let t = props.lang.settings();
    let page = &props.page;
    let body = match (&page.portal, &page.store) {
        (None, _) | (_, StoreData::Loading) => section_skeleton(4),
        (Some(portal), store) => match (&portal.pipelines, store) {
            (Err(failure), _) => {
                let why = failure_text(t, failure, Side::Portal, "");
                html! { <p class="sl-settings-warning">{ fill(t.portal_part_failed, &[t.part_pipelines, &why]) }</p> }
            }
            (Ok(_), StoreData::NotConfigured | StoreData::Failed(_) | StoreData::Loading) => {
                html! { <p class="sl-muted" data-testid="settings-mapping-unavailable">{ t.mapping_needs_store }</p> }
            }
            (Ok(pipelines), StoreData::Ready(found)) => {
                // What Save would refuse in the mapping as it stands (a stage deleted since it
                // was mapped, a status mapped twice), worked out once for every pipeline.
                let standing: Vec<SettingsProblem> = mapping_problems(&page.form.stage_mapping)
                    .into_iter()
                    .chain(gone_stage_problems(
                        &page.form.stage_mapping,
                        &portal.stages,
                    ))
                    .collect();
                html! {
                    { for pipelines.iter().map(|p| pipeline_table(page, t, p, (&portal.stages, &standing), found)) }
                }
            }
        },
    };
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-mapping-title">
            <h2 id="settings-mapping-title">{ t.mapping_title }</h2>
            <p class="sl-muted">{ t.mapping_hint }</p>
            { body }
        </section>
    }
}

fn pipeline_table(
    page: &UseReducerHandle<PageState>,
    t: &'static SettingsTexts,
    pipeline: &Category,
    (all_stages, standing): (&[Status], &[SettingsProblem]),
    found: &StoreFindings,
) -> Html {
    let Ok(category_id) = i64::try_from(pipeline.id) else {
        return Html::default();
    };
    let stages = pipeline_stages(category_id, all_stages);
    let rows = mapping_rows(
        &found.statuses,
        page.form.stage_mapping.pipeline(category_id),
    );
    let proposed = page.form.proposed.contains(&category_id);
    let heading = format!("settings-mapping-{category_id}-title");
    let field = SettingsField::StageMapping { category_id };
    // What Save refused, and what it would refuse in the mapping as it stands (`standing`),
    // said as the page opens: each once.
    let mut problems_here: Vec<SettingsProblem> = page
        .problems
        .iter()
        .filter(|p| p.field == field)
        .cloned()
        .collect();
    for problem in standing.iter().filter(|p| p.field == field) {
        if !problems_here.contains(problem) {
            problems_here.push(problem.clone());
        }
    }
    let problems = problems_of(t, &problems_here, &field);
    let problems_id = format!("settings-mapping-{category_id}-problems");
    // The row a problem is about is marked, so a refused save takes the keyboard to it.
    let marked = |status_id: &str, stage_id: Option<&str>| {
        problems_here.iter().any(|p| match &p.problem {
            Problem::DuplicateStatus { status_id: s } => s == status_id,
            Problem::StageGone { stage_id: s } | Problem::StageOfOtherPipeline { stage_id: s } => {
                Some(s.as_str()) == stage_id
            }
            _ => false,
        })
    };
    let row = |status_id: &str, name: Option<&str>, stage_id: Option<&str>| {
        let select_id = format!("settings-mapping-{category_id}-{status_id}");
        let invalid = marked(status_id, stage_id);
        let mut options = vec![(String::new(), t.mapping_unmapped.to_owned())];
        options.extend(stage_choices(&stages));
        if let Some(stage) = stage_id
            && !stages.iter().any(|s| s.status_id == stage)
        {
            options.push((stage.to_owned(), fill(t.mapping_stage_gone, &[stage])));
        }
        let name = match name {
            Some(name) => name.to_owned(),
            None => fill(t.mapping_status_gone, &[status_id]),
        };
        let onchange = {
            let page = page.clone();
            let status_id = status_id.to_owned();
            Callback::from(move |stage: String| {
                page.dispatch(Action::Edit(Edit::Stage {
                    category_id,
                    status_id: status_id.clone(),
                    stage_id: Some(stage).filter(|s| !s.is_empty()),
                }))
            })
        };
        html! {
            <tr>
                <th scope="row"><label for={select_id.clone()}>{ name.clone() }</label>
                    // A status the store gave no name shows its code once.
                    if name != status_id {
                        <span class="sl-muted sl-settings-code">{ status_id.to_owned() }</span>
                    }</th>
                <td>{ select(&select_id, &options, stage_id.unwrap_or_default(), invalid, invalid.then(|| problems_id.clone()), onchange) }</td>
            </tr>
        }
    };
    html! {
        <div class="sl-settings-pipeline">
            <div class="sl-card-head">
                <h3 id={heading.clone()}>{ pipeline.name.clone() }</h3>
                if proposed {
                    <span class="sl-badge sl-badge-warning" data-testid={format!("settings-mapping-{category_id}-proposed")}>
                        { t.mapping_proposed }</span>
                }
            </div>
            <div class="sl-table-wrap">
                <table class="sl-table sl-settings-mapping" aria-labelledby={heading}
                    data-testid={format!("settings-mapping-{category_id}")}>
                    <thead><tr><th scope="col">{ t.mapping_status }</th><th scope="col">{ t.mapping_stage }</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| row(&r.status_id, r.name.as_deref(), r.stage_id.as_deref())) }
                    </tbody>
                </table>
            </div>
            { field_problems(&problems_id, &problems) }
        </div>
    }
}
