//! The differences between the deal and its order, each a plain sentence.

use yew::prelude::*;

use super::format::Fmt;
use crate::i18n::{Names, difference_sentence};
use crate::model::reconcile::Difference;

/// What differs between the deal and its order.
pub struct Differences<'a> {
    pub differences: &'a [Difference],
    pub fmt: Fmt,
    /// Stage names by ID.
    pub stages: &'a [(String, String)],
    /// Order-status names by ID.
    pub statuses: &'a [(String, String)],
    pub currency: &'a str,
    /// A live update just changed them.
    pub marked: bool,
}

pub fn differences(props: Differences) -> Html {
    let t = props.fmt.lang.deal();
    let find = |list: &[(String, String)], id: &str| {
        list.iter().find(|(k, _)| k == id).map(|(_, n)| n.clone())
    };
    let stage = |id: &str| find(props.stages, id);
    let status = |id: &str| find(props.statuses, id);
    let names = Names {
        stage: &stage,
        status: &status,
        currency: props.currency,
    };
    html! {
        <section class={classes!("sl-card", "sl-differences", props.marked.then_some("sl-changed"))}
            aria-label={t.differences_title} data-testid="differences" data-count={props.differences.len().to_string()}>
            <h3>{ t.differences_title }</h3>
            if props.differences.is_empty() {
                <p class="sl-ok" data-testid="no-differences">{ t.no_differences }</p>
            } else {
                <ul class="sl-diff-list">
                    { for props.differences.iter().map(|d| html! {
                        <li data-testid="difference" data-kind={d.kind().as_str()}>
                            { difference_sentence(d, props.fmt.lang, &names) }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
