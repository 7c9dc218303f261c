use crate::model::mapping::names::normalize_name;
use crate::model::mapping::prefill::{
    NamedStatus, named_statuses, pipeline_stages, prefill_pipeline, stage_choices, status_name,
};
use crate::model::mapping::{PipelineMapping, StageMapping, StatusStage, stage_entity_id};

use super::fixtures::{sale_status, stage, status_lang};

fn pairs(list: &[(&str, &str)]) -> Vec<StatusStage> {
    list.iter()
        .map(|(s, t)| StatusStage {
            status_id: (*s).into(),
            stage_id: (*t).into(),
        })
        .collect()
}

fn named(list: &[(&str, &str)]) -> Vec<NamedStatus> {
    list.iter()
        .map(|(id, name)| NamedStatus {
            id: (*id).into(),
            name: (*name).into(),
        })
        .collect()
}

fn mapping() -> StageMapping {
    StageMapping {
        pipelines: vec![
            PipelineMapping {
                category_id: 0,
                pairs: pairs(&[
                    ("N", "NEW"),
                    ("P", "PREPARATION"),
                    ("A", "PREPARATION"),
                    ("F", "WON"),
                ]),
            },
            PipelineMapping {
                category_id: 1,
                pairs: pairs(&[("N", "C1:NEW")]),
            },
        ],
    }
}

#[test]
fn lookup_works_in_both_directions_per_pipeline() {
    let m = mapping();
    assert_eq!(m.stage_for(0, "P"), Some("PREPARATION"));
    assert_eq!(m.stage_for(1, "N"), Some("C1:NEW"));
    assert_eq!(m.status_for(0, "WON"), Some("F"));
    assert_eq!(m.status_for(1, "C1:NEW"), Some("N"));
}

#[test]
fn a_stage_several_statuses_map_to_stands_for_the_first_of_them() {
    assert_eq!(mapping().status_for(0, "PREPARATION"), Some("P"));
}

#[test]
fn a_status_mapped_in_another_pipeline_only_is_unmapped_here() {
    let m = mapping();
    assert_eq!(m.stage_for(1, "F"), None);
    assert_eq!(m.status_for(1, "WON"), None);
    assert_eq!(
        m.stage_for(2, "N"),
        None,
        "a pipeline without a table maps nothing"
    );
}

#[test]
fn set_pipeline_replaces_one_pipeline_and_keeps_the_others() {
    let mut m = mapping();
    m.set_pipeline(PipelineMapping {
        category_id: 1,
        pairs: pairs(&[("F", "C1:WON")]),
    });
    m.set_pipeline(PipelineMapping {
        category_id: 5,
        pairs: vec![],
    });
    assert_eq!(m.stage_for(1, "N"), None);
    assert_eq!(m.stage_for(1, "F"), Some("C1:WON"));
    assert_eq!(m.stage_for(0, "N"), Some("NEW"));
    assert_eq!(m.pipelines.len(), 3);
}

#[test]
fn stage_entity_ids_follow_the_pipeline() {
    assert_eq!(stage_entity_id(0), "DEAL_STAGE");
    assert_eq!(stage_entity_id(3), "DEAL_STAGE_3");
}

#[test]
fn names_compare_without_case_yo_punctuation_or_extra_spaces() {
    assert_eq!(
        normalize_name("Ждёт  ОПЛАТЫ..."),
        normalize_name("ждет оплаты")
    );
    assert_eq!(normalize_name(" In-progress / paid "), "in progress paid");
    assert_eq!(normalize_name("!!!"), "");
}

#[test]
fn status_names_prefer_the_reps_language_then_english_then_any() {
    let names = vec![
        status_lang("N", "ru", "Принят"),
        status_lang("N", "en", "Accepted"),
        status_lang("P", "en", "Paid"),
        status_lang("X", "de", "Storniert"),
    ];
    assert_eq!(status_name("N", &names, "ru"), Some("Принят"));
    assert_eq!(status_name("N", &names, "de"), Some("Accepted"));
    assert_eq!(status_name("P", &names, "ru"), Some("Paid"));
    assert_eq!(status_name("X", &names, "ru"), Some("Storniert"));
    assert_eq!(status_name("Z", &names, "ru"), None);
}

#[test]
fn named_statuses_keep_order_statuses_in_sort_order_and_skip_delivery_ones() {
    let mut delivery = sale_status("DN", 1);
    delivery.kind = "D".into();
    let statuses = vec![
        sale_status("F", 300),
        sale_status("N", 100),
        delivery,
        sale_status("P", 200),
    ];
    let names = vec![
        status_lang("N", "ru", "Принят"),
        status_lang("F", "ru", "Выполнен"),
    ];
    let out = named_statuses(&statuses, &names, "ru");
    assert_eq!(
        out,
        named(&[("N", "Принят"), ("P", "P"), ("F", "Выполнен")])
    );
}

#[test]
fn prefill_matches_equal_names_in_the_pipeline_only() {
    let stages = vec![
        stage(0, "NEW", "Принят", 10, None),
        stage(0, "PREPARATION", "Ждёт оплаты", 20, None),
        stage(1, "C1:NEW", "Оплачен", 10, None),
    ];
    let statuses = named(&[("N", "принят"), ("P", "Оплачен"), ("W", "Ждет  оплаты!")]);
    let m = prefill_pipeline(0, &statuses, &stages);
    assert_eq!(m.category_id, 0);
    assert_eq!(m.pairs, pairs(&[("N", "NEW"), ("W", "PREPARATION")]));
}

#[test]
fn names_that_differ_by_their_endings_match_after_equal_ones() {
    let stages = vec![
        stage(1, "C1:NEW", "Новая заявка", 10, None),
        stage(1, "C1:CONFIRMED", "Подтверждена", 20, None),
        stage(1, "C1:PACKED", "Собрана", 30, None),
        stage(1, "C1:DONE", "Доставлена", 50, Some("S")),
        stage(1, "C1:PACK", "Собран", 40, None),
    ];
    let statuses = named(&[
        ("NW", "Новый заказ"),
        ("CF", "Подтверждён"),
        ("PK", "Собран"),
        ("DL", "Доставлен"),
        ("X", "Оплачен"),
    ]);
    let m = prefill_pipeline(1, &statuses, &stages);
    assert_eq!(
        m.pairs,
        pairs(&[("CF", "C1:CONFIRMED"), ("PK", "C1:PACK"), ("DL", "C1:DONE")]),
        "an equal name is preferred to a like one"
    );
}

#[test]
fn the_completed_status_maps_to_the_won_stage() {
    let stages = vec![
        stage(1, "C1:NEW", "Новая", 10, None),
        stage(1, "C1:WON", "Сделка успешна", 60, Some("S")),
        stage(1, "C1:LOSE", "Сделка провалена", 70, Some("F")),
    ];
    let m = prefill_pipeline(1, &named(&[("F", "Выполнен"), ("D", "Завершён")]), &stages);
    assert_eq!(m.pairs, pairs(&[("F", "C1:WON"), ("D", "C1:WON")]));
}

#[test]
fn a_canceled_status_maps_to_a_lost_stage_only_when_its_name_says_canceled() {
    let statuses = named(&[("C", "Отменён покупателем")]);
    let plain_lost = vec![stage(0, "LOSE", "Проиграна", 70, Some("F"))];
    assert!(prefill_pipeline(0, &statuses, &plain_lost).pairs.is_empty());
    let named_lost = vec![
        stage(0, "LOSE", "Проиграна", 70, Some("F")),
        stage(0, "CANCEL", "Отменена", 80, Some("F")),
        stage(0, "APOLOGY", "Отмена (в работе)", 30, None),
    ];
    assert_eq!(
        prefill_pipeline(0, &statuses, &named_lost).pairs,
        pairs(&[("C", "CANCEL")])
    );
}

#[test]
fn an_equal_name_wins_over_the_won_and_lost_rules() {
    let stages = vec![
        stage(0, "DONE", "Выполнен", 50, None),
        stage(0, "WON", "Успех", 60, Some("S")),
    ];
    let m = prefill_pipeline(0, &named(&[("F", "Выполнен")]), &stages);
    assert_eq!(m.pairs, pairs(&[("F", "DONE")]));
}

#[test]
fn without_a_won_stage_the_completed_status_stays_unmapped() {
    let stages = vec![stage(0, "NEW", "Новая", 10, None)];
    assert!(
        prefill_pipeline(0, &named(&[("F", "Выполнен")]), &stages)
            .pairs
            .is_empty()
    );
}

#[test]
fn stage_choices_tell_two_stages_of_one_name_apart_by_their_ids() {
    let all = [
        stage(0, "NEW", "Новая", 10, None),
        stage(0, "S5", "В работе", 20, None),
        stage(0, "S6", "В работе ", 30, None),
        // One name in two letter cases reads as one name in a list.
        stage(0, "S7", "Оплачен", 40, None),
        stage(0, "S8", "оплачен", 50, None),
    ];
    let stages = pipeline_stages(0, &all);
    assert_eq!(
        stage_choices(&stages),
        [
            ("NEW".to_owned(), "Новая".to_owned()),
            ("S5".to_owned(), "В работе (S5)".to_owned()),
            ("S6".to_owned(), "В работе (S6)".to_owned()),
            ("S7".to_owned(), "Оплачен (S7)".to_owned()),
            ("S8".to_owned(), "оплачен (S8)".to_owned()),
        ]
    );
}
