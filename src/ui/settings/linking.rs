//! Section 2: how deals link to orders — the rules in order of preference, each with its
//! details (the deal field by its label, the originator, the order property).

use yew::prelude::*;

use super::controls::{SelectInput, TextInput, focus_after_render, select_field, text_field};
use super::skeleton::section_skeleton;
use super::state::{Action, Edit, PageState};
use super::texts::{Side, failure_text, field_problems, problems_of};
use crate::i18n::{Lang, SettingsTexts, fill};
use crate::model::settings::form::LinkKind;
use crate::model::settings::load::{OriginSource, UserFieldChoice};
use crate::model::settings::{LinkRule, OrderKey, SettingsField};

#[derive(Properties, PartialEq)]
pub struct LinkSectionProps {
    pub page: UseReducerHandle<PageState>,
    pub lang: Lang,
}

#[function_component]
pub fn LinkSection(props: &LinkSectionProps) -> Html {
    let t = props.lang.settings();
    let page = &props.page;
    let body = match &page.portal {
        None => section_skeleton(2),
        Some(portal) => {
            let fields = portal.user_fields.as_ref().ok();
            let failed = portal.user_fields.as_ref().err().map(|f| {
                let why = failure_text(t, f, Side::Portal, "");
                fill(t.portal_part_failed, &[t.part_user_fields, &why])
            });
            let count = page.form.link_rules.len();
            let add = {
                let page = page.clone();
                Callback::from(move |_: MouseEvent| page.dispatch(Action::Edit(Edit::AddRule)))
            };
            html! {
                <>
                    if let Some(text) = failed {
                        <p class="sl-settings-warning">{ text }</p>
                    }
                    <ol class="sl-settings-rules">
                        { for page.form.link_rules.iter().enumerate().map(|(i, rule)|
                            rule_row(page, t, (i, count), rule, fields.map(Vec::as_slice), &portal.origin_sources)) }
                    </ol>
                    { field_problems("settings-link-problems",
                        &problems_of(t, &page.problems, &SettingsField::LinkRules)) }
                    <div class="sl-actions">
                        <button type="button" class="sl-btn sl-btn-light" id="settings-link-add" data-testid="settings-link-add"
                            onclick={add}>{ t.link_add }</button>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="sl-card sl-settings-section" aria-labelledby="settings-link-title">
            <h2 id="settings-link-title">{ t.link_title }</h2>
            <p class="sl-muted">{ t.link_hint }</p>
            { body }
        </section>
    }
}

fn kind_label(t: &SettingsTexts, kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::UserField => t.kind_user_field,
        LinkKind::OriginId => t.kind_origin_id,
        LinkKind::OrderXmlId => t.kind_order_xml_id,
        LinkKind::OrderProperty => t.kind_order_property,
    }
}

fn rule_row(
    page: &UseReducerHandle<PageState>,
    t: &'static SettingsTexts,
    (i, count): (usize, usize),
    rule: &LinkRule,
    fields: Option<&[UserFieldChoice]>,
    sources: &[OriginSource],
) -> Html {
    let id = |part: &str| format!("settings-link-{part}-{i}");
    // Rule buttons that move or remove a rule take the focus along (see `focus_after_render`).
    let rule_button = |part: &str, j: usize| format!("settings-link-{part}-{j}");
    let moved = |up: bool| {
        let page = page.clone();
        let j = if up { i.saturating_sub(1) } else { i + 1 };
        let (same, other) = if up { ("up", "down") } else { ("down", "up") };
        let ids = vec![rule_button(same, j), rule_button(other, j)];
        Callback::from(move |_: MouseEvent| {
            page.dispatch(Action::Edit(Edit::MoveRule(i, up)));
            focus_after_render(ids.clone());
        })
    };
    let removed = {
        let page = page.clone();
        let ids = vec![
            rule_button("remove", i),
            rule_button("remove", i.saturating_sub(1)),
            "settings-link-add".to_owned(),
        ];
        Callback::from(move |_: MouseEvent| {
            page.dispatch(Action::Edit(Edit::RemoveRule(i)));
            focus_after_render(ids.clone());
        })
    };
    let set = {
        let page = page.clone();
        move |make: fn(String) -> LinkRule| {
            let page = page.clone();
            Callback::from(move |text: String| {
                page.dispatch(Action::Edit(Edit::Rule(i, make(text))))
            })
        }
    };
    let kinds: Vec<(String, String)> = LinkKind::ALL
        .into_iter()
        .map(|k| (k.code().to_owned(), kind_label(t, k).to_owned()))
        .collect();
    let on_kind = {
        let page = page.clone();
        Callback::from(move |code: String| {
            if let Some(kind) = LinkKind::from_code(&code) {
                page.dispatch(Action::Edit(Edit::RuleKind(i, kind)));
            }
        })
    };
    // A rule's problem is about the control that follows its kind (the field, the source, the
    // property): said under it and tied to it. A rule without one says it under the rule.
    let problems = problems_of(t, &page.problems, &SettingsField::LinkRule(i));
    let tied = !matches!(rule, LinkRule::OrderXmlId);
    let details = match rule {
        LinkRule::UserField { field, holds } => {
            let holds = *holds;
            let on = {
                let page = page.clone();
                Callback::from(move |field: String| {
                    page.dispatch(Action::Edit(Edit::Rule(
                        i,
                        LinkRule::UserField { field, holds },
                    )))
                })
            };
            let field_control = match fields {
                Some(choices) => {
                    let mut options = vec![(String::new(), t.link_field_choose.to_owned())];
                    options.extend(choices.iter().map(|c| (c.code.clone(), c.label.clone())));
                    if !field.is_empty() && !choices.iter().any(|c| c.code == *field) {
                        options.push((field.clone(), fill(t.link_field_gone, &[field])));
                    }
                    select_field(SelectInput {
                        id: id("field").into(),
                        label: t.link_field.into(),
                        options,
                        selected: field.clone().into(),
                        problems: problems.clone(),
                        onchange: on,
                        ..SelectInput::default()
                    })
                }
                None => text_field(TextInput {
                    id: id("field").into(),
                    label: t.link_field_code.into(),
                    value: field.clone().into(),
                    placeholder: Some("UF_CRM_…".into()),
                    problems: problems.clone(),
                    oninput: on,
                    ..TextInput::default()
                }),
            };
            let on_holds = {
                let page = page.clone();
                let field = field.clone();
                Callback::from(move |code: String| {
                    let holds = if code == "number" {
                        OrderKey::Number
                    } else {
                        OrderKey::Id
                    };
                    page.dispatch(Action::Edit(Edit::Rule(
                        i,
                        LinkRule::UserField {
                            field: field.clone(),
                            holds,
                        },
                    )))
                })
            };
            let holds_options = vec![
                ("id".to_owned(), t.holds_id.to_owned()),
                ("number".to_owned(), t.holds_number.to_owned()),
            ];
            let selected = if holds == OrderKey::Number {
                "number"
            } else {
                "id"
            };
            html! {
                <>
                    { field_control }
                    { select_field(SelectInput {
                        id: id("holds").into(),
                        label: t.link_holds.into(),
                        options: holds_options,
                        selected: selected.into(),
                        onchange: on_holds,
                        ..SelectInput::default()
                    }) }
                </>
            }
        }
        LinkRule::OriginId { originator_id } => {
            // The sources the portal's recent deals show, each a button that fills the box.
            let pick = |source: &OriginSource| {
                let page = page.clone();
                let originator = source.originator.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    page.dispatch(Action::Edit(Edit::Rule(
                        i,
                        LinkRule::OriginId {
                            originator_id: Some(originator.clone()),
                        },
                    )))
                });
                let label = fill(
                    t.link_origin_source,
                    &[&source.originator, &source.deals.to_string()],
                );
                html! {
                    <button type="button" class="sl-btn sl-btn-light sl-btn-small"
                        data-testid={id("source")} data-originator={source.originator.clone()}
                        {onclick}>{ label }</button>
                }
            };
            html! {
                <>
                    { text_field(TextInput {
                        id: id("originator").into(),
                        label: t.link_originator.into(),
                        value: originator_id.clone().unwrap_or_default().into(),
                        hint: Some(t.link_originator_hint.into()),
                        problems: problems.clone(),
                        oninput: set(|o| LinkRule::OriginId {
                            originator_id: Some(o),
                        }),
                        ..TextInput::default()
                    }) }
                    if !sources.is_empty() {
                        <div class="sl-settings-sources" data-testid={id("sources")}>
                            <span class="sl-muted">{ t.link_origin_sources }</span>
                            { for sources.iter().map(pick) }
                        </div>
                    }
                </>
            }
        }
        LinkRule::OrderXmlId => Html::default(),
        LinkRule::OrderProperty { code } => text_field(TextInput {
            id: id("property").into(),
            label: t.link_property.into(),
            value: code.clone().into(),
            placeholder: Some("DEAL_ID".into()),
            problems: problems.clone(),
            oninput: set(|code| LinkRule::OrderProperty { code }),
            ..TextInput::default()
        }),
    };
    let title = fill(t.link_rule, &[&(i + 1).to_string()]);
    let aria = |action: &str| format!("{title}: {action}");
    html! {
        <li class="sl-settings-rule" data-testid={id("rule")} data-kind={LinkKind::of(rule).code()}>
            <fieldset>
                <legend>{ title.clone() }</legend>
                <div class="sl-settings-grid">
                    { select_field(SelectInput {
                        id: id("kind").into(),
                        label: t.link_kind.into(),
                        options: kinds,
                        selected: LinkKind::of(rule).code().into(),
                        onchange: on_kind,
                        ..SelectInput::default()
                    }) }
                    { details }
                </div>
                if !tied {
                    { field_problems(&id("problems"), &problems) }
                }
                <div class="sl-actions">
                    <button type="button" class="sl-btn sl-btn-light sl-btn-small" data-testid={id("up")}
                        id={id("up")} disabled={i == 0} aria-label={aria(t.link_up)}
                        onclick={moved(true)}>{ t.link_up }</button>
                    <button type="button" class="sl-btn sl-btn-light sl-btn-small" data-testid={id("down")}
                        id={id("down")} disabled={i + 1 >= count} aria-label={aria(t.link_down)}
                        onclick={moved(false)}>{ t.link_down }</button>
                    <button type="button" class="sl-btn sl-btn-light sl-btn-small" data-testid={id("remove")}
                        id={id("remove")} aria-label={aria(t.link_remove)}
                        onclick={removed}>{ t.link_remove }</button>
                </div>
            </fieldset>
        </li>
    }
}
