use bitrix_rest::models::catalog::Product;
use bitrix_rest::{Error, ErrorKind};
use serde_json::json;

use super::*;
use crate::model::lookup::{LookupHit, Relevance};
use crate::model::stock::{OwnReserve, product_stock};

fn hit(id: u64) -> LookupHit {
    let product: Product =
        serde_json::from_value(json!({"id": id, "name": format!("Турка {id}")})).unwrap();
    LookupHit {
        product,
        article: None,
        relevance: Relevance::NamePrefix,
        stock: product_stock(id, &[], &[], &OwnReserve::default()),
        price: None,
        size_of: None,
        in_sizes: false,
        sizes_counted: 0,
        sizes_maybe_more: false,
        unit: None,
    }
}

fn answer(text: &str, ids: &[u64]) -> LookupAnswer {
    LookupAnswer {
        query: LookupQuery::parse(text).unwrap(),
        columns: Vec::new(),
        hits: ids.iter().map(|&i| hit(i)).collect(),
        capped: false,
        every_word: None,
        prices_refused: None,
        by_article: false,
        warehouses: None,
    }
}

/// Types `text` and lets the pause pass; returns the search started, if any.
fn type_and_pause(s: &mut LookupState, text: &str) -> Option<Search> {
    let before = s.seq;
    s.apply(LookupEvent::Typed(text.into()));
    s.apply(LookupEvent::Paused(s.edit));
    s.searching.clone().filter(|search| search.seq != before)
}

fn ids(s: &LookupState) -> Vec<u64> {
    s.hits().iter().map(|h| h.product.id).collect()
}

#[test]
fn only_the_pause_after_the_last_keystroke_starts_a_search() {
    let mut s = LookupState::default();
    for text in ["т", "ту", "тур"] {
        s.apply(LookupEvent::Typed(text.into()));
    }
    let last = s.edit;
    s.apply(LookupEvent::Paused(last - 1));
    assert_eq!(s.searching, None, "the pause of an earlier keystroke");
    s.apply(LookupEvent::Paused(last));
    let search = s.searching.clone().unwrap();
    assert_eq!((search.seq, search.query.as_str()), (1, "тур"));
}

#[test]
fn a_late_answer_to_an_older_query_is_discarded() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "тур").unwrap();
    let second = type_and_pause(&mut s, "турка").unwrap();
    assert!(second.seq > first.seq);
    s.apply(LookupEvent::Answered(second.seq, Ok(answer("турка", &[2]))));
    s.apply(LookupEvent::Answered(
        first.seq,
        Ok(answer("тур", &[1, 2, 3])),
    ));
    assert_eq!(ids(&s), vec![2], "the newer answer stays");
    assert_eq!(s.searching, None);
}

#[test]
fn previous_results_stay_on_screen_while_the_next_search_runs() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "тур").unwrap();
    s.apply(LookupEvent::Answered(first.seq, Ok(answer("тур", &[1, 2]))));
    let next = type_and_pause(&mut s, "турк").unwrap();
    assert_eq!(ids(&s), vec![1, 2], "kept while loading");
    assert_eq!(s.searching.as_ref().map(|x| x.seq), Some(next.seq));
    s.apply(LookupEvent::Answered(
        next.seq,
        Err(Error::new(ErrorKind::Network, "batch", "refused")),
    ));
    assert!(matches!(&s.shown, Shown::Failed { query, error }
        if query.as_str() == "турк" && error.kind == ErrorKind::Network));
}

#[test]
fn the_same_query_is_not_asked_twice_but_retry_asks_again() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "турка").unwrap();
    assert_eq!(type_and_pause(&mut s, "турка "), None, "awaited already");
    s.apply(LookupEvent::Answered(first.seq, Ok(answer("турка", &[1]))));
    assert_eq!(type_and_pause(&mut s, " турка"), None, "on screen already");
    s.apply(LookupEvent::SearchNow);
    assert_eq!(s.searching.as_ref().map(|x| x.seq), Some(first.seq + 1));
}

#[test]
fn text_too_short_clears_the_results_and_drops_the_awaited_search() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "тур").unwrap();
    s.apply(LookupEvent::Answered(first.seq, Ok(answer("тур", &[1]))));
    let second = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Typed("т".into()));
    assert_eq!(
        (s.searching.clone(), s.shown.clone()),
        (None, Shown::Nothing)
    );
    s.apply(LookupEvent::Paused(s.edit));
    assert_eq!(s.searching, None, "one character is not searched");
    s.apply(LookupEvent::Answered(second.seq, Ok(answer("турка", &[2]))));
    assert_eq!(s.shown, Shown::Nothing, "its answer comes too late");
}

#[test]
fn arrows_move_through_results_and_stop_at_either_end() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "тур").unwrap();
    s.apply(LookupEvent::Next);
    assert_eq!(s.active, None, "nothing to highlight yet");
    s.apply(LookupEvent::Answered(
        first.seq,
        Ok(answer("тур", &[1, 2, 3])),
    ));
    s.apply(LookupEvent::Previous);
    assert_eq!(s.active, Some(2), "up from the box goes to the last");
    s.apply(LookupEvent::Next);
    assert_eq!(s.active, Some(2), "stops at the end");
    for _ in 0..5 {
        s.apply(LookupEvent::Previous);
    }
    assert_eq!(s.enter_hit().map(|h| h.product.id), Some(1));
}

#[test]
fn enter_opens_and_closes_the_highlighted_result_or_searches_at_once() {
    let mut s = LookupState::default();
    s.apply(LookupEvent::Typed("турка".into()));
    s.apply(LookupEvent::Enter);
    let search = s
        .searching
        .clone()
        .expect("Enter does not wait for the pause");
    s.apply(LookupEvent::Paused(s.edit));
    assert_eq!(s.seq, search.seq, "the pause does not ask again");
    s.apply(LookupEvent::Answered(
        search.seq,
        Ok(answer("турка", &[4, 5])),
    ));
    s.apply(LookupEvent::Next);
    s.apply(LookupEvent::Enter);
    assert_eq!(s.expanded, Some(0));
    s.apply(LookupEvent::Enter);
    assert_eq!(s.expanded, None);
    s.apply(LookupEvent::Pick(1));
    assert_eq!((s.active, s.expanded), (Some(1), Some(1)));
    s.apply(LookupEvent::Pick(7));
    assert_eq!((s.active, s.expanded), (Some(1), Some(1)), "no such result");
}

#[test]
fn enter_after_a_new_text_searches_it_rather_than_opening_the_old_highlight() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Answered(
        first.seq,
        Ok(answer("турка", &[4, 5])),
    ));
    s.apply(LookupEvent::Next);
    assert_eq!(s.enter_target(), Some(0));
    // The rep types another product and presses Enter before the pause is over.
    s.apply(LookupEvent::Typed("джезва".into()));
    assert_eq!(s.enter_target(), None, "the highlight is of the old text");
    s.apply(LookupEvent::Enter);
    assert_eq!(s.expanded, None, "the old result's details stay closed");
    let search = s.searching.clone().expect("searched at once");
    assert_eq!(search.query.as_str(), "джезва");
    assert!(!search.refresh);
    assert_eq!(ids(&s), [4, 5], "the old answer stays until the new one");
    s.apply(LookupEvent::Answered(
        search.seq,
        Ok(answer("джезва", &[7])),
    ));
    assert_eq!((ids(&s), s.active), (vec![7], None));
}

#[test]
fn enter_over_the_answer_on_screen_asks_again_and_keeps_it_meanwhile() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Answered(
        first.seq,
        Ok(answer("турка", &[4, 5])),
    ));
    // The rep presses Enter again a minute later: the figures are asked for again.
    s.apply(LookupEvent::Enter);
    let again = s.searching.clone().expect("asked again");
    assert!(again.refresh && again.seq > first.seq, "{again:?}");
    assert_eq!(ids(&s), [4, 5], "the answer stays meanwhile");
    s.apply(LookupEvent::Answered(again.seq, Ok(answer("турка", &[5]))));
    assert_eq!(ids(&s), [5]);
}

#[test]
fn enter_opens_a_single_result_without_choosing_it() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "KM-0111").unwrap();
    s.apply(LookupEvent::Answered(
        first.seq,
        Ok(answer("KM-0111", &[7])),
    ));
    assert_eq!(s.active, None);
    s.apply(LookupEvent::Enter);
    assert_eq!((s.active, s.expanded), (Some(0), Some(0)));
    assert!(s.searching.is_none(), "not asked again");
    s.apply(LookupEvent::Enter);
    assert_eq!(s.expanded, None);
}

#[test]
fn escape_clears_the_box_and_a_late_answer_is_ignored() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "тур").unwrap();
    s.apply(LookupEvent::Answered(first.seq, Ok(answer("тур", &[1]))));
    let second = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Next);
    s.apply(LookupEvent::Escape);
    assert_eq!(
        (s.text.as_str(), &s.shown, &s.searching, s.active),
        ("", &Shown::Nothing, &None, None)
    );
    s.apply(LookupEvent::Answered(second.seq, Ok(answer("турка", &[2]))));
    assert_eq!(s.shown, Shown::Nothing);
}

#[test]
fn escape_first_closes_the_opened_details_then_clears_the_box() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Answered(
        first.seq,
        Ok(answer("турка", &[4, 5])),
    ));
    s.apply(LookupEvent::Next);
    s.apply(LookupEvent::Enter);
    assert_eq!(s.expanded, Some(0));
    s.apply(LookupEvent::Escape);
    assert_eq!(s.expanded, None, "the details close");
    assert_eq!(
        (s.text.as_str(), ids(&s), s.active),
        ("турка", vec![4, 5], Some(0)),
        "the search, its results and the highlight stay"
    );
    s.apply(LookupEvent::Escape);
    assert_eq!((s.text.as_str(), &s.shown), ("", &Shown::Nothing));
}

#[test]
fn the_clear_button_clears_the_box_even_with_details_open() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Answered(first.seq, Ok(answer("турка", &[4]))));
    s.apply(LookupEvent::Pick(0));
    assert_eq!(s.expanded, Some(0));
    s.apply(LookupEvent::Clear);
    assert_eq!(
        (s.text.as_str(), &s.shown, s.expanded),
        ("", &Shown::Nothing, None)
    );
}

#[test]
fn the_first_answer_teaches_the_warehouses_and_a_cancelled_one_changes_nothing() {
    let mut s = LookupState::with_warehouses(None);
    let first = type_and_pause(&mut s, "тур").unwrap();
    let mut with_list = answer("тур", &[1]);
    with_list.warehouses = Some(Vec::new());
    s.apply(LookupEvent::Answered(first.seq, Ok(with_list)));
    assert_eq!(s.warehouses, Some(Vec::new()));
    let second = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Answered(
        second.seq,
        Err(Error::new(ErrorKind::Cancelled, "batch", "cancelled")),
    ));
    assert_eq!((ids(&s), s.searching.clone()), (vec![1], None));
}

#[test]
fn a_refresh_asks_again_quietly_and_keeps_the_opened_result() {
    let mut s = LookupState::default();
    assert_eq!(s.seq, 0);
    s.apply(LookupEvent::Refresh);
    assert!(
        s.searching.is_none(),
        "nothing on screen, nothing to refresh"
    );
    let search = type_and_pause(&mut s, "турка").unwrap();
    s.apply(LookupEvent::Answered(
        search.seq,
        Ok(answer("турка", &[4, 5])),
    ));
    s.apply(LookupEvent::Pick(1));

    s.apply(LookupEvent::Refresh);
    let refresh = s.searching.clone().expect("asked again");
    assert!(
        refresh.refresh && !s.is_searching(),
        "not shown as a search"
    );
    assert_eq!(ids(&s), [4, 5], "the results stay meanwhile");
    s.apply(LookupEvent::Answered(
        refresh.seq,
        Ok(answer("турка", &[6, 5])),
    ));
    assert_eq!(ids(&s), [6, 5]);
    assert_eq!(
        (s.active, s.expanded),
        (Some(1), Some(1)),
        "product 5 stays open"
    );

    // A failed refresh keeps what is on screen.
    s.apply(LookupEvent::Refresh);
    let refresh = s.searching.clone().unwrap();
    let offline = Error::new(ErrorKind::Network, "batch", "offline");
    s.apply(LookupEvent::Answered(refresh.seq, Err(offline)));
    assert_eq!(ids(&s), [6, 5]);
    assert!(s.searching.is_none());
}

#[test]
fn a_failed_search_is_asked_again_once_the_store_answers_the_tab() {
    let mut s = LookupState::default();
    let first = type_and_pause(&mut s, "турк").unwrap();
    s.apply(LookupEvent::Answered(
        first.seq,
        Err(Error::new(ErrorKind::Server, "batch", "HTTP 500")),
    ));
    s.apply(LookupEvent::StoreAnswers);
    let again = s.searching.clone().expect("asked again");
    assert_eq!((again.query.as_str(), again.refresh), ("турк", false));
    assert_eq!(again.seq, first.seq + 1);
    // Asked once: the next check's news changes nothing while it runs.
    s.apply(LookupEvent::StoreAnswers);
    assert_eq!(s.searching.as_ref().map(|x| x.seq), Some(again.seq));
    s.apply(LookupEvent::Answered(again.seq, Ok(answer("турк", &[4]))));
    assert_eq!(ids(&s), vec![4]);
    // Results on screen are not asked again for it.
    s.apply(LookupEvent::StoreAnswers);
    assert_eq!(s.searching, None);
}
