use bitrix_rest::models::catalog::{Price, Product, StoreStock};
use bitrix_rest::{Error, ErrorKind};
use serde_json::json;

use super::*;
use crate::i18n::errors::describe;
use crate::model::lookup::{LookupHit, LookupQuery, Relevance};
use crate::model::lookup_search::{LookupAnswer, LookupEvent, Search, WarehouseColumn};
use crate::model::stock::{OwnReserve, product_stock};

fn hit(id: u64, xml: &str, records: &[StoreStock], price: Option<Price>) -> LookupHit {
    let product: Product = serde_json::from_value(
        json!({"id": id, "name": format!("Турка {id}"), "xmlId": xml, "active": "Y"}),
    )
    .unwrap();
    LookupHit {
        product,
        article: Some(format!("TR-{id}")),
        relevance: Relevance::NamePrefix,
        stock: product_stock(id, records, &[2, 1], &OwnReserve::default()),
        price,
        size_of: None,
        in_sizes: false,
        sizes_counted: 0,
        sizes_maybe_more: false,
        unit: None,
    }
}

fn answer() -> LookupAnswer {
    let records: Vec<StoreStock> = serde_json::from_value(json!([
        {"productId": 7, "storeId": 1, "amount": 1300, "quantityReserved": 65.5},
        {"productId": 7, "storeId": 2, "amount": 3, "quantityReserved": 0}
    ]))
    .unwrap();
    let price: Price = serde_json::from_value(
        json!({"productId": 7, "catalogGroupId": 1, "price": 1450, "currency": "RUB"}),
    )
    .unwrap();
    LookupAnswer {
        query: LookupQuery::parse("турка").unwrap(),
        columns: vec![
            WarehouseColumn {
                id: 2,
                title: "Магазин".into(),
                active: true,
            },
            WarehouseColumn {
                id: 1,
                title: String::new(),
                active: true,
            },
        ],
        hits: vec![
            hit(7, "guid-7", &records, Some(price)),
            hit(8, "guid-8", &[], None),
        ],
        capped: false,
        every_word: None,
        prices_refused: None,
        by_article: true,
        warehouses: None,
    }
}

fn answered(active: Option<usize>, expanded: Option<usize>) -> LookupState {
    LookupState {
        text: "турка".into(),
        edit: 5,
        seq: 1,
        shown: Shown::Answer(answer()),
        active,
        expanded,
        ..LookupState::default()
    }
}

fn searching(mut state: LookupState, text: &str) -> LookupState {
    state.text = text.into();
    state.seq += 1;
    state.searching = Some(Search {
        seq: state.seq,
        query: LookupQuery::parse(text).unwrap(),
        refresh: false,
        waiting: None,
    });
    state
}

fn failed(kind: ErrorKind) -> LookupState {
    LookupState {
        text: "турка".into(),
        shown: Shown::Failed {
            query: LookupQuery::parse("турка").unwrap(),
            error: Error::new(kind, "batch", "boom"),
        },
        ..LookupState::default()
    }
}

fn write(state: &LookupState, compact: bool, f: fn(&mut Markup, &View)) -> String {
    let ids = Ids::new(900);
    let mut m = Markup::new();
    f(
        &mut m,
        &View {
            state,
            ids: &ids,
            compact,
            lang: Lang::Ru,
            is_admin: false,
            admin: None,
        },
    );
    m.finish()
}

fn whole(state: &LookupState) -> String {
    write(state, false, panel)
}

/// The start tag of the first element with `marker` in it.
fn tag_with<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

#[test]
fn a_product_sold_in_sizes_is_marked_and_its_sizes_sit_under_it() {
    let mut state = answered(None, None);
    if let Shown::Answer(answer) = &mut state.shown {
        answer.hits[0].in_sizes = true;
        answer.hits[0].sizes_counted = 1;
        answer.hits[1].size_of = Some(7);
    }
    let html = whole(&state);
    let t = Lang::Ru.lookup();
    let parent = tag_with(&html, r#"data-product-id="7""#);
    assert!(
        parent.starts_with(r#"<li class="sl-lookup-option" "#),
        "{parent}"
    );
    assert!(
        html.contains(&format!(
            r#"<span class="sl-badge sl-badge-primary">{}</span>"#,
            t.in_sizes
        )),
        "{html}"
    );
    let size = tag_with(&html, r#"data-product-id="8""#);
    assert!(
        size.starts_with(r#"<li class="sl-lookup-option sl-lookup-size" "#),
        "{size}"
    );
}

#[test]
fn a_product_counting_more_sizes_than_are_listed_says_how_many() {
    let t = Lang::Ru.lookup();
    let badge = |counted: usize, maybe_more: bool| {
        let mut state = answered(None, None);
        if let Shown::Answer(answer) = &mut state.shown {
            answer.hits[0].in_sizes = true;
            answer.hits[0].sizes_counted = counted;
            answer.hits[0].sizes_maybe_more = maybe_more;
            answer.hits[1].size_of = Some(7);
        }
        whole(&state)
    };
    let says = |html: &str, text: &str| {
        html.contains(&format!(
            r#"<span class="sl-badge sl-badge-primary">{text}</span>"#
        ))
    };
    assert!(says(&badge(12, false), "всего по вариантам: 12"));
    assert!(says(
        &badge(30, true),
        "по первым вариантам: 30, есть и другие"
    ));
    assert!(says(&badge(1, false), t.in_sizes), "the one size is listed");
}

#[test]
fn an_unreachable_store_sends_a_rep_to_the_named_administrator_and_an_admin_to_the_settings() {
    let t = Lang::Ru.lookup();
    let state = failed(ErrorKind::Network);
    let write_for = |is_admin: bool| {
        let ids = Ids::new(900);
        let mut m = Markup::new();
        panel(
            &mut m,
            &View {
                state: &state,
                ids: &ids,
                compact: false,
                lang: Lang::Ru,
                is_admin,
                admin: (!is_admin).then_some("Анна Смирнова"),
            },
        );
        m.finish()
    };
    let rep = write_for(false);
    assert!(rep.contains(t.unreachable_text), "{rep}");
    assert!(
        rep.contains("Администратор StoreLink: Анна Смирнова."),
        "{rep}"
    );
    let admin = write_for(true);
    assert!(admin.contains(t.unreachable_text_admin), "{admin}");
    assert!(!admin.contains("admin-named"), "{admin}");
}

#[test]
fn a_results_free_stock_says_its_unit_when_the_store_named_it() {
    let mut state = answered(None, None);
    if let Shown::Answer(a) = &mut state.shown {
        a.hits[0].unit = Some(crate::model::unit::Unit {
            name: String::new(),
            code: Some(166),
        });
    }
    let html = whole(&state);
    assert!(
        html.contains("data-value=\"1237.5\">1\u{a0}237,5 кг</span>"),
        "{html}"
    );
    assert!(
        html.contains("1\u{a0}450,00\u{a0}₽/кг</span>"),
        "the price per kg: {html}"
    );
    assert!(
        html.contains(r#"<span data-testid="stock-available" data-value="0">0</span>"#),
        "a result without a unit stays a bare figure"
    );
}

#[test]
fn results_carry_xml_ids_available_stock_and_warehouses_in_column_order() {
    let html = whole(&answered(None, None));
    let result = tag_with(&html, r#"data-xml-id="guid-7""#);
    assert!(result.contains(r#"data-testid="stock-result""#), "{result}");
    assert!(result.contains(r#"data-product-id="7""#), "{result}");
    assert!(html.contains(r#"data-xml-id="guid-8""#));
    assert!(
        html.contains(r#"<span data-testid="stock-available" data-value="1237.5">1"#),
        "free stock in the shown warehouses, a plain number for tools: {html}"
    );
    assert!(
        html.contains("data-value=\"1237.5\">1\u{a0}237,5</span>"),
        "and in the rep's style on screen: {html}"
    );
    assert!(html.contains(r#"<span data-testid="stock-available" data-value="0">0</span>"#));
    let first = html.find(r#"data-warehouse-id="2""#).unwrap();
    let second = html.find(r#"data-warehouse-id="1""#).unwrap();
    assert!(first < second, "columns in display order");
    assert!(
        html.contains(
            "<span class=\"sl-lookup-wh-name sl-sr\">Склад 1: </span>1\u{a0}234,5</span>"
        ),
        "a warehouse without title is named by its ID for screen readers: {html}"
    );
    assert!(html.contains("1\u{a0}450,00\u{a0}₽"));
    assert!(html.contains("Артикул TR-7 · Внешний код guid-7"), "{html}");
    assert!(!html.contains("style="), "no inline styles (CSP)");
}

#[test]
fn the_active_option_is_aria_selected_and_referenced_by_the_search_box() {
    let html = whole(&answered(Some(1), None));
    let input = tag_with(&html, r#"data-testid="stock-search""#);
    assert!(
        input.contains(r#"aria-activedescendant="sl-lookup-900-opt-1""#),
        "{input}"
    );
    assert!(input.contains(r#"aria-expanded="true""#), "{input}");
    assert!(input.contains(r#"aria-controls="sl-lookup-900-list""#));
    assert!(html.contains(r#"<ul class="sl-lookup-list" id="sl-lookup-900-list" role="listbox""#));
    let second = tag_with(&html, r#"id="sl-lookup-900-opt-1""#);
    assert!(second.contains(r#"aria-selected="true""#), "{second}");
    assert!(second.contains(r#"data-on-click="pick" data-arg="1""#));
    let first = tag_with(&html, r#"id="sl-lookup-900-opt-0""#);
    assert!(first.contains(r#"aria-selected="false""#), "{first}");
}

#[test]
fn without_results_the_box_is_collapsed_and_references_no_option() {
    let state = LookupState {
        text: "т".into(),
        active: Some(0),
        ..LookupState::default()
    };
    let html = whole(&state);
    let input = tag_with(&html, r#"data-testid="stock-search""#);
    assert!(input.contains(r#"aria-expanded="false""#), "{input}");
    assert!(!input.contains("aria-activedescendant"), "{input}");
    assert!(input.contains(r#"value="т""#), "{input}");
    assert_eq!(
        active_option(&View {
            state: &state,
            ids: &Ids::new(1),
            compact: false,
            lang: Lang::Ru,
            is_admin: false,
            admin: None,
        }),
        None
    );
    assert!(
        html.contains(Lang::Ru.lookup().too_short),
        "why nothing is searched"
    );
    assert!(html.contains(r#"data-state="idle""#));
    assert!(!html.contains("data-query"));
}

#[test]
fn only_the_opened_result_shows_details_one_line_per_warehouse() {
    let html = whole(&answered(None, Some(0)));
    assert_eq!(html.matches(r#"data-testid="stock-details""#).count(), 1);
    let opened = tag_with(&html, r#"data-xml-id="guid-7""#);
    assert!(
        opened.contains("sl-lookup-option sl-lookup-open"),
        "{opened}"
    );
    let details = &html[html.find("stock-details").unwrap()..html.find("guid-8").unwrap()];
    assert_eq!(
        details.matches("<tr>").count(),
        3,
        "head and two warehouses"
    );
    assert!(details.contains("<td>Магазин</td>"), "{details}");
    assert!(
        details.contains("<td class=\"sl-num\">1\u{a0}300</td>"),
        "{details}"
    );
    assert!(!whole(&answered(None, None)).contains("stock-details"));
}

#[test]
fn an_opened_result_says_its_stock_in_the_status_line_and_names_its_columns() {
    let t = Lang::Ru.lookup();
    let opened = answered(Some(0), Some(0));
    // 1 303 on hand, 65,5 reserved, 1 237,5 free in the two warehouses together.
    assert_eq!(
        said(&opened, Lang::Ru),
        fill(
            t.details_said,
            &["Турка 7", "1\u{a0}303", "65,5", "1\u{a0}237,5"]
        )
    );
    assert_eq!(
        said(&answered(Some(0), None), Lang::Ru),
        fill(t.found, &["2"])
    );
    // Figures of the first sizes only say so, as the badge does.
    let mut partial = opened.clone();
    if let Shown::Answer(answer) = &mut partial.shown {
        answer.hits[0].in_sizes = true;
        answer.hits[0].sizes_counted = 30;
        answer.hits[0].sizes_maybe_more = true;
    }
    assert!(
        said(&partial, Lang::Ru).ends_with(" (по первым вариантам: 30, есть и другие)"),
        "{}",
        said(&partial, Lang::Ru)
    );
    // A search under way says so, whatever is opened.
    assert_eq!(
        said(&searching(opened.clone(), "джезва"), Lang::Ru),
        t.updating
    );
    // The details table's first column has a name for screen readers.
    assert!(whole(&opened).contains(&format!(
        r#"<th><span class="sl-sr">{}</span></th>"#,
        t.warehouse
    )));
}

#[test]
fn too_short_is_said_only_while_the_text_is_too_short() {
    let t = Lang::Ru.lookup();
    let mut state = LookupState::default();
    state.apply(LookupEvent::Typed("к".into()));
    assert_eq!(status(&state, t), t.too_short);
    // The rep types on: "ко" is long enough and waits for the pause, saying nothing.
    state.apply(LookupEvent::Typed("ко".into()));
    assert_eq!(status(&state, t), "");
}

#[test]
fn nothing_found_names_the_query() {
    let mut state = answered(None, None);
    state.shown = Shown::Answer(LookupAnswer {
        query: LookupQuery::parse("Самовар <b>").unwrap(),
        hits: Vec::new(),
        ..answer()
    });
    let html = whole(&state);
    assert!(html.contains(r#"data-state="empty""#));
    assert!(html.contains(r#"data-query="Самовар &lt;b&gt;""#), "{html}");
    let notice = &html[html.find("stock-nothing").unwrap()..];
    assert!(notice.contains("«Самовар &lt;b&gt;»"), "{notice}");
    assert!(notice.contains("артикулом"), "{notice}");
    assert_eq!(
        html.matches(Lang::Ru.lookup().nothing_title).count(),
        1,
        "said once, in the status line: {html}"
    );
    assert!(!html.contains("role=\"listbox\""));
}

#[test]
fn nothing_found_without_an_article_property_does_not_claim_articles_were_searched() {
    let mut state = answered(None, None);
    state.shown = Shown::Answer(LookupAnswer {
        hits: Vec::new(),
        by_article: false,
        ..answer()
    });
    let html = whole(&state);
    let notice = &html[html.find("stock-nothing").unwrap()..];
    assert!(!notice.contains("названием, артикулом"), "{notice}");
    assert!(
        notice.contains("не указано свойство с артикулом"),
        "{notice}"
    );
}

#[test]
fn an_unreachable_store_offers_retry() {
    let html = whole(&failed(ErrorKind::Network));
    assert!(html.contains(r#"data-state="error""#));
    assert!(html.contains(r#"data-query="турка""#));
    let notice = &html[html.find("stock-unreachable").unwrap()..];
    assert!(notice.contains(Lang::Ru.lookup().unreachable_title));
    assert!(notice.contains(r#"data-on-click="retry""#), "{notice}");
    assert!(tag_with(&html, "stock-unreachable").contains("sl-notice-warning"));
}

#[test]
fn any_other_failure_is_an_alert_that_says_why_and_offers_retry() {
    let state = failed(ErrorKind::Server);
    let html = whole(&state);
    assert!(tag_with(&html, "stock-failed").contains("sl-notice-alert"));
    let Shown::Failed { error, .. } = &state.shown else {
        unreachable!()
    };
    let why = describe(error, System::Store, Lang::Ru);
    let mut escaped = Markup::new();
    escaped.text(&why);
    assert!(html.contains(&escaped.finish()), "{html}");
    assert!(html.contains(r#"data-on-click="retry""#));
}

#[test]
fn while_the_first_search_runs_a_spinner_and_grey_rows_show() {
    let state = searching(LookupState::default(), "тур");
    let html = whole(&state);
    assert!(html.contains(r#"data-state="loading""#));
    assert!(html.contains(r#"data-testid="stock-searching""#));
    assert!(html.contains(r#"data-testid="stock-skeleton""#));
    assert!(html.contains(Lang::Ru.lookup().searching));
}

#[test]
fn while_a_newer_search_runs_the_results_stay_dimmed() {
    let state = searching(answered(Some(0), None), "турк");
    let html = whole(&state);
    assert!(html.contains(r#"data-state="loading""#));
    assert!(html.contains(r#"data-query="турка""#), "the query shown");
    assert!(
        html.contains(r#"<div class="sl-lookup-results sl-lookup-updating" aria-busy="true">"#)
    );
    assert!(!html.contains("stock-skeleton"));
    assert!(html.contains(Lang::Ru.lookup().updating));
    let idle = whole(&answered(None, None));
    assert!(idle.contains(r#"<div class="sl-lookup-results" aria-busy="false">"#));
    assert!(!idle.contains("stock-searching"));
}

#[test]
fn the_status_line_counts_results_and_says_when_more_matched() {
    let t = Lang::En.lookup();
    let mut state = answered(None, None);
    assert_eq!(status(&state, t), fill(t.found, &["2"]));
    if let Shown::Answer(a) = &mut state.shown {
        a.capped = true;
    }
    assert_eq!(status(&state, t), fill(t.capped, &["2"]));
    assert_eq!(status(&LookupState::default(), t), "");
    // Nothing shown from a capped list is never "the first 0": the first found were others.
    if let Shown::Answer(a) = &mut state.shown {
        a.hits.clear();
    }
    assert_eq!(status(&state, t), t.nothing_first_title);
    if let Shown::Answer(a) = &mut state.shown {
        a.capped = false;
    }
    assert_eq!(status(&state, t), t.nothing_title);
}

#[test]
fn nothing_among_the_first_found_asks_for_more_words_instead_of_denying_the_product() {
    let mut state = answered(None, None);
    state.shown = Shown::Answer(LookupAnswer {
        query: LookupQuery::parse("серые").unwrap(),
        hits: Vec::new(),
        capped: true,
        ..answer()
    });
    let html = whole(&state);
    let notice = &html[html.find("stock-nothing").unwrap()..];
    assert!(notice.contains("по «серые» много товаров"), "{notice}");
    assert!(!html.contains("нет товара"), "{html}");
    assert_eq!(
        html.matches(Lang::Ru.lookup().nothing_first_title).count(),
        1
    );
}

#[test]
fn more_words_than_the_store_searches_by_are_named_when_more_matched_than_shown() {
    let t = Lang::En.lookup();
    let mut state = answered(None, None);
    if let Shown::Answer(a) = &mut state.shown {
        a.capped = true;
        a.query = LookupQuery::parse("сироп мята в эконом 250").unwrap();
    }
    // "Type more" would not help: the store did not search for the one-letter word.
    assert_eq!(
        status(&state, t),
        "Showing the first 2: the store was searched for “250”, “эконом”, “сироп”, “мята”; the other words only order what it found."
    );
    // Every word searched (in one list or the other): typing more narrows it.
    if let Shown::Answer(a) = &mut state.shown {
        a.query = LookupQuery::parse("сироп мята эконом 250").unwrap();
    }
    assert_eq!(status(&state, t), fill(t.capped, &["2"]));
}

#[test]
fn a_late_search_says_why_in_the_status_line() {
    let t = Lang::En.lookup();
    let mut state = searching(LookupState::default(), "турка");
    assert_eq!(status(&state, t), t.searching);
    let seq = state.seq;
    state.apply(LookupEvent::Late(seq + 1, Waiting::Slow));
    assert_eq!(status(&state, t), t.searching, "another search's lateness");
    state.apply(LookupEvent::Late(seq, Waiting::Slow));
    assert_eq!(status(&state, t), t.waiting_store);
    state.apply(LookupEvent::Late(seq, Waiting::Limited));
    assert_eq!(status(&state, t), t.waiting_limit);
    // A store answering with errors is not called slow.
    state.apply(LookupEvent::Late(seq, Waiting::Retrying));
    assert_eq!(status(&state, t), t.waiting_retry);
    state.apply(LookupEvent::Answered(
        seq,
        Err(Error::new(ErrorKind::RateLimit, "batch", "slow down")),
    ));
    assert_eq!(status(&state, t), t.failed_title, "the wait is over");
}

#[test]
fn the_status_line_says_a_search_failed_and_why_as_the_notice_is_titled() {
    // A notice that appears is not announced by screen readers; the status line is.
    let t = Lang::En.lookup();
    assert_eq!(status(&failed(ErrorKind::Network), t), t.unreachable_title);
    assert_eq!(status(&failed(ErrorKind::Server), t), t.failed_title);
}

#[test]
fn the_clear_button_shows_only_while_there_is_text() {
    let html = write(&answered(None, None), false, tools);
    assert!(html.contains(r#"data-on-click="clear""#), "{html}");
    assert!(html.contains(r#"aria-label="Очистить""#));
    assert_eq!(write(&LookupState::default(), false, tools), "");
}

#[test]
fn the_field_is_written_once_and_the_changing_parts_wrap_no_box() {
    let state = searching(answered(Some(0), Some(0)), "турк");
    let html = whole(&state);
    let tools_part = format!(
        r#"<span class="sl-region" data-part="tools">{}</span>"#,
        write(&state, false, tools)
    );
    let body_part = format!(
        r#"<div class="sl-region" data-part="body">{}</div>"#,
        write(&state, false, body)
    );
    // The field, then the parts re-rendered around it, in the order the CSS expects.
    let input = html.find("<input").unwrap();
    let at_tools = html.find(&tools_part).expect("the tools part");
    let hint = html.find("sl-lookup-hint").unwrap();
    let status_line = html.find("sl-lookup-status").unwrap();
    let at_body = html.find(&body_part).expect("the body part");
    assert!(input < at_tools && at_tools < hint && hint < status_line && status_line < at_body);
    assert!(
        html[input..at_tools].ends_with('>'),
        "tools right after the field"
    );
    assert!(html.ends_with("</div></section>"));
    let input_tag = tag_with(&html, "<input");
    assert!(input_tag.contains(r#"data-on-input="type""#));
    assert!(input_tag.contains(r#"data-on-key="key""#));
    assert!(input_tag.contains(r#"role="combobox""#));
}

#[test]
fn the_compact_layout_names_warehouses_on_screen_and_has_no_header_row() {
    let html = write(&answered(None, None), true, panel);
    assert!(html.starts_with(r#"<section class="sl-card sl-lookup sl-lookup-compact""#));
    assert!(!html.contains("sl-lookup-head"));
    assert!(html.contains(r#"<span class="sl-lookup-wh-name">Магазин: </span>"#));
    // With no header row, the free total is named on screen.
    assert!(
        html.contains(r#"<span class="sl-lookup-caption">Всего свободно: </span>"#),
        "{html}"
    );
    let wide = whole(&answered(None, None));
    assert!(wide.contains(r#"<span class="sl-lookup-wh sl-num" title="Склад 1">Склад 1</span>"#));
    assert!(!wide.contains("sl-lookup-caption"));
}

#[test]
fn without_a_store_an_admin_gets_the_settings_and_a_rep_who_to_ask() {
    let t = Lang::En.lookup();
    let write = |reader| {
        let mut m = Markup::new();
        not_configured(&mut m, Lang::En, reader, Some("Anna Smirnova"));
        m.finish()
    };
    let admin = write(Reader::AdminWithSettings);
    assert!(admin.starts_with(
        r#"<section class="sl-card sl-lookup" data-testid="stock-lookup" data-state="not-configured">"#
    ));
    assert!(admin.contains(r#"data-testid="stock-not-configured""#));
    assert!(admin.contains(t.not_configured_title));
    assert!(admin.contains(t.not_configured_admin));
    assert!(admin.contains(r#"data-on-click="open-settings""#));
    let elsewhere = write(Reader::Admin);
    assert!(elsewhere.contains(t.not_configured_admin_elsewhere));
    assert!(!elsewhere.contains("data-on-click"));
    let rep = write(Reader::Rep);
    assert!(rep.contains(t.not_configured_rep));
    assert!(!rep.contains("<button"));
    // A rep is told who the administrator is; an administrator is not told of themselves.
    assert!(
        rep.contains("StoreLink's administrator: Anna Smirnova."),
        "{rep}"
    );
    assert!(!admin.contains("admin-named") && !elsewhere.contains("admin-named"));
}

#[test]
fn an_over_reserved_warehouse_is_flagged_in_the_details() {
    let mut state = answered(None, Some(0));
    if let Shown::Answer(a) = &mut state.shown {
        let w = &mut a.hits[0].stock.warehouses[1];
        let d = |t: &str| t.parse::<bitrix_rest::Decimal>().unwrap();
        (w.amount, w.reserved, w.free) = (d("3"), d("5"), d("0"));
    }
    let html = whole(&state);
    let details = &html[html.find("stock-details").unwrap()..];
    assert!(
        details.contains(r#"<td class="sl-num sl-over-reserved" data-testid="over-reserved" title="В резерве 5 при наличии 3: проверьте учёт склада">5 !</td>"#),
        "{details}"
    );
    assert_eq!(details.matches(r#"data-testid="over-reserved""#).count(), 1);
}

#[test]
fn the_status_says_what_the_results_hold_of_words_the_store_did_not_search_by() {
    let t = Lang::En.lookup();
    let mut state = answered(None, None);
    let typed = "турка медная большая 500 мл";
    state.shown = Shown::Answer(LookupAnswer {
        query: LookupQuery::parse(typed).unwrap(),
        every_word: Some(true),
        ..answer()
    });
    assert_eq!(status(&state, t), fill(t.every_word, &["2"]));
    state.shown = Shown::Answer(LookupAnswer {
        query: LookupQuery::parse(typed).unwrap(),
        every_word: Some(false),
        ..answer()
    });
    assert_eq!(status(&state, t), fill(t.not_every_word, &["2"]));
    // More than shown, none with every word: that comes first.
    if let Shown::Answer(a) = &mut state.shown {
        a.capped = true;
    }
    assert_eq!(status(&state, t), fill(t.not_every_word, &["2"]));
}

#[test]
fn refused_prices_show_as_unknown_under_a_notice_and_the_stock_stays() {
    let mut state = answered(None, None);
    let refused = Error::new(ErrorKind::Access, "catalog.price.list", "access denied");
    state.shown = Shown::Answer(LookupAnswer {
        prices_refused: Some(refused),
        ..answer()
    });
    let html = whole(&state);
    let t = Lang::Ru.lookup();
    assert!(
        html.contains(r#"data-testid="stock-prices-refused""#),
        "{html}"
    );
    assert!(html.contains(t.prices_refused_title), "{html}");
    assert!(html.contains(r#"data-testid="stock-available""#));
    assert!(
        !html.contains(t.no_price),
        "not \"no price\": unknown: {html}"
    );
}

#[test]
fn a_product_sold_in_variants_without_a_price_of_its_own_does_not_read_as_free() {
    let zero: Price = serde_json::from_value(
        json!({"productId": 9, "catalogGroupId": 1, "price": 0, "currency": "RUB"}),
    )
    .unwrap();
    let t = Lang::Ru.lookup();
    for price in [Some(zero), None] {
        let parent = LookupHit {
            in_sizes: true,
            sizes_counted: 2,
            ..hit(9, "guid-9", &[], price)
        };
        let mut state = answered(None, None);
        state.shown = Shown::Answer(LookupAnswer {
            hits: vec![parent],
            ..answer()
        });
        let html = whole(&state);
        let cell = &html[html.find(r#"data-testid="stock-price""#).unwrap()..];
        assert!(
            cell.starts_with(&format!(
                r#"data-testid="stock-price">{}<"#,
                t.price_in_sizes
            )),
            "{cell}"
        );
        assert!(!html.contains("0,00"), "{html}");
    }
}

#[test]
fn an_opened_result_with_more_reserved_than_on_hand_says_why_the_figures_do_not_add_up() {
    let records: Vec<StoreStock> = serde_json::from_value(json!([
        {"productId": 5, "storeId": 1, "amount": 5, "quantityReserved": 9},
        {"productId": 5, "storeId": 2, "amount": 3, "quantityReserved": 0}
    ]))
    .unwrap();
    let mut state = answered(Some(0), Some(0));
    state.shown = Shown::Answer(LookupAnswer {
        hits: vec![hit(5, "guid-5", &records, None)],
        ..answer()
    });
    let t = Lang::Ru.lookup();
    let sentence = said(&state, Lang::Ru);
    assert!(sentence.ends_with(t.details_over_reserved), "{sentence}");
}
