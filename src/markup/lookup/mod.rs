//! The quick stock lookup as markup, from [`LookupState`].
//!
//! The search box must never be replaced while the rep types (typing, IME composition and the
//! caret would break), so the panel is written once ([`panel`]) and what changes lives in two
//! parts the page re-renders: [`tools`] (spinner, clear button) inside the box and [`body`]
//! (results, notice or skeleton) after the status line. The page sets the rest directly: the
//! section's `data-state`/`data-query` ([`data_state`], [`data_query`]), the input's
//! `aria-expanded`/`aria-activedescendant` ([`listed`], [`active_option`]) and the status
//! line's text ([`status`]; a live region announces changes of its text, not a new one).
//! The parts are `sl-region` wrappers (`display: contents`): the section stays a flex column
//! of the same elements as before.

mod results;
#[cfg(test)]
mod tests;

use bitrix_rest::{Decimal, ErrorKind};

use super::Markup;
use super::format::Fmt;
use super::notice::{Audience, Notice, Tone};
use crate::i18n::errors::System;
use crate::i18n::{Lang, LookupTexts, admin_named, fill};
use crate::model::lookup::searched_words;
use crate::model::lookup_search::{LookupState, Shown, Waiting};
use crate::model::stock::WarehouseStock;

/// The actions the lookup's markup names (see [`Markup::on`]).
pub mod action {
    /// `input` on the search box.
    pub const TYPE: &str = "type";
    /// `key` on the search box: arrows, Enter, Escape.
    pub const KEY: &str = "key";
    /// The clear button.
    pub const CLEAR: &str = "clear";
    /// Retry after a failed search.
    pub const RETRY: &str = "retry";
    /// A click on a result; `data-arg` is its index.
    pub const PICK: &str = "pick";
    /// The not-configured notice's settings button.
    pub const OPEN_SETTINGS: &str = "open-settings";
}

/// `data-part` of the re-rendered wrapper inside the box (spinner, clear button).
pub const TOOLS: &str = "tools";
/// `data-part` of the re-rendered wrapper after the status line (results or notice).
pub const BODY: &str = "body";

/// The element IDs of one lookup on the page (two lookups may share a page).
#[derive(Debug, Clone, PartialEq)]
pub struct Ids {
    pub input: String,
    pub list: String,
    pub hint: String,
    prefix: String,
}

impl Ids {
    pub fn new(instance: u32) -> Ids {
        let prefix = format!("sl-lookup-{instance}");
        Ids {
            input: format!("{prefix}-input"),
            list: format!("{prefix}-list"),
            hint: format!("{prefix}-hint"),
            prefix,
        }
    }

    /// The ID of result `i`.
    pub fn option(&self, i: usize) -> String {
        let mut id = self.prefix.clone();
        id.push_str("-opt-");
        id.push_str(&i.to_string());
        id
    }
}

/// What the lookup's markup is written from.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub state: &'a LookupState,
    pub ids: &'a Ids,
    /// The narrow layout of the deal tab: each result's warehouses on a line under its name.
    pub compact: bool,
    pub lang: Lang,
    /// The reader administers StoreLink (told what to do, not whom to ask).
    pub is_admin: bool,
    /// The administrator named to a rep told to ask one (none for an administrator).
    pub admin: Option<&'a str>,
}

impl View<'_> {
    /// Who reads the lookup's notices.
    fn audience(&self) -> Audience<'_> {
        Audience {
            lang: self.lang,
            is_admin: self.is_admin,
            admin: self.admin,
        }
    }
}

/// The section's `data-state`: `idle`, `loading`, `ready`, `empty` or `error`.
pub fn data_state(state: &LookupState) -> &'static str {
    match (&state.shown, state.is_searching()) {
        (_, true) => "loading",
        (Shown::Nothing, false) => "idle",
        (Shown::Answer(a), false) if a.hits.is_empty() => "empty",
        (Shown::Answer(_), false) => "ready",
        (Shown::Failed { .. }, false) => "error",
    }
}

/// The section's `data-query`: the query whose answer (or failure) is shown.
pub fn data_query(state: &LookupState) -> Option<&str> {
    match &state.shown {
        Shown::Answer(a) => Some(a.query.as_str()),
        Shown::Failed { query, .. } => Some(query.as_str()),
        Shown::Nothing => None,
    }
}

/// Results are listed: the combobox is expanded.
pub fn listed(state: &LookupState) -> bool {
    !state.hits().is_empty()
}

/// The ID of the highlighted result, for the input's `aria-activedescendant`.
pub fn active_option(v: &View) -> Option<String> {
    v.state
        .active
        .filter(|_| listed(v.state))
        .map(|i| v.ids.option(i))
}

/// The store did not answer at all (not even within the time a request is given).
fn unreachable(error: &bitrix_rest::Error) -> bool {
    error.kind == ErrorKind::Network && !error.has_code(bitrix_rest::REQUEST_TIMEOUT)
}

/// The line a screen reader announces: searching, how many found, why nothing is searched, or
/// that the search failed (the notice's title: a notice that appears is not announced).
pub fn status(state: &LookupState, t: &LookupTexts) -> String {
    match (&state.shown, state.is_searching()) {
        (Shown::Failed { error, .. }, false) if unreachable(error) => {
            t.unreachable_title.to_owned()
        }
        (Shown::Failed { .. }, false) => t.failed_title.to_owned(),
        (_, true) => match state.searching.as_ref().and_then(|s| s.waiting) {
            Some(Waiting::Limited) => t.waiting_limit.to_owned(),
            Some(Waiting::Slow) => t.waiting_store.to_owned(),
            Some(Waiting::Retrying) => t.waiting_retry.to_owned(),
            None if matches!(state.shown, Shown::Nothing) => t.searching.to_owned(),
            None => t.updating.to_owned(),
        },
        // Only while the text is too short: typing on, a long-enough text waits for its pause.
        (Shown::Nothing, false) if !state.text.trim().is_empty() && state.query().is_none() => {
            t.too_short.to_owned()
        }
        // Said in the status line too: screen readers announce it, not the new notice.
        (Shown::Answer(a), false) if a.hits.is_empty() && a.capped => {
            t.nothing_first_title.to_owned()
        }
        (Shown::Answer(a), false) if a.hits.is_empty() => t.nothing_title.to_owned(),
        // Words the store did not search by: what the results hold of them.
        (Shown::Answer(a), false) if a.every_word == Some(false) => {
            fill(t.not_every_word, &[&a.hits.len().to_string()])
        }
        (Shown::Answer(a), false) if a.every_word == Some(true) && !a.capped => {
            fill(t.every_word, &[&a.hits.len().to_string()])
        }
        (Shown::Answer(a), false) if a.capped => {
            let shown = a.hits.len().to_string();
            match searched_words(&a.query) {
                Some(words) => {
                    let quoted: Vec<String> = words.iter().map(|w| fill(t.word, &[w])).collect();
                    fill(t.capped_words, &[&shown, &quoted.join(", ")])
                }
                None => fill(t.capped, &[&shown]),
            }
        }
        (Shown::Answer(a), false) if !a.hits.is_empty() => {
            fill(t.found, &[&a.hits.len().to_string()])
        }
        _ => String::new(),
    }
}

/// What the status line says: the opened result's stock in a sentence (its details table is
/// not announced as it opens), else [`status`].
pub fn said(state: &LookupState, lang: Lang) -> String {
    let opened = match (&state.shown, state.is_searching()) {
        (Shown::Answer(a), false) => state.expanded.and_then(|i| a.hits.get(i)),
        _ => None,
    };
    let t = lang.lookup();
    let Some(hit) = opened else {
        return status(state, t);
    };
    let fmt = Fmt::new(lang);
    let sum = |part: fn(&WarehouseStock) -> Decimal| {
        let total: Decimal = hit.stock.warehouses.iter().map(part).sum();
        fmt.qty(total)
    };
    let said = fill(
        t.details_said,
        &[
            &hit.product.name,
            &sum(|w| w.amount),
            &sum(|w| w.reserved),
            &sum(|w| w.free),
        ],
    );
    // A warehouse holding more reserved than it has counts 0 free: said, or the sum misleads.
    let said = match hit.stock.warehouses.iter().any(|w| w.over_reserved()) {
        true => format!("{said} {}", t.details_over_reserved),
        false => said,
    };
    // Figures of the first sizes only: said as the badge says it.
    match hit.in_sizes && hit.sizes_maybe_more {
        true => {
            let caveat = fill(t.in_first_sizes, &[&hit.sizes_counted.to_string()]);
            format!("{said} ({caveat})")
        }
        false => said,
    }
}

/// The whole panel: label, box with the search field and [`tools`], hint, status line and
/// [`body`].
pub fn panel(m: &mut Markup, v: &View) {
    let t = v.lang.lookup();
    let state = v.state;
    let class = if v.compact {
        "sl-card sl-lookup sl-lookup-compact"
    } else {
        "sl-card sl-lookup"
    };
    m.open_class("section", class)
        .attr("data-testid", "stock-lookup")
        .attr("data-state", data_state(state))
        .attr_opt("data-query", data_query(state));
    m.open_class("label", "sl-label")
        .attr("for", &v.ids.input)
        .text(t.label)
        .close("label");
    m.open_class("div", "sl-lookup-box");
    m.open("input")
        .attr("id", &v.ids.input)
        .attr("type", "text")
        .attr("class", "sl-input sl-lookup-input")
        .attr("role", "combobox")
        .attr("aria-autocomplete", "list")
        .attr(
            "aria-expanded",
            if listed(state) { "true" } else { "false" },
        )
        .attr("aria-controls", &v.ids.list)
        .attr("aria-describedby", &v.ids.hint)
        .attr_opt("aria-activedescendant", active_option(v).as_deref())
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("placeholder", t.placeholder)
        .attr("data-testid", "stock-search")
        .attr("value", &state.text)
        .on("input", action::TYPE, None)
        .on("key", action::KEY, None)
        .void();
    part(m, "span", TOOLS);
    tools(m, v);
    m.close("span").close("div");
    m.open_class("p", "sl-lookup-hint")
        .attr("id", &v.ids.hint)
        .text(t.hint)
        .close("p");
    m.open_class("p", "sl-lookup-status")
        .attr("role", "status")
        .text(&status(state, t))
        .close("p");
    part(m, "div", BODY);
    body(m, v);
    m.close("div").close("section");
}

/// Opens a re-rendered part: a wrapper that adds no box.
fn part(m: &mut Markup, tag: &str, name: &str) {
    m.open_class(tag, "sl-region").attr("data-part", name);
}

/// Inside the box after the field: the spinner while searching, the clear button while there
/// is text.
pub fn tools(m: &mut Markup, v: &View) {
    if v.state.is_searching() {
        m.open_class("span", "sl-spinner sl-lookup-spinner")
            .attr("data-testid", "stock-searching")
            .attr("aria-hidden", "true")
            .close("span");
    }
    if !v.state.text.is_empty() {
        let t = v.lang.lookup();
        m.open_class("button", "sl-lookup-clear")
            .attr("type", "button")
            .attr("aria-label", t.clear)
            .attr("title", t.clear)
            .on("click", action::CLEAR, None)
            .text("×")
            .close("button");
    }
}

/// After the status line: the results, nothing found, why the search failed, or grey rows while
/// the first answer loads.
pub fn body(m: &mut Markup, v: &View) {
    let t = v.lang.lookup();
    let loading = v.state.is_searching();
    match &v.state.shown {
        Shown::Answer(answer) if !answer.hits.is_empty() => {
            results::results(m, v, answer);
            if let Some(error) = &answer.prices_refused {
                let said = (
                    Tone::Warning,
                    t.prices_refused_title,
                    "stock-prices-refused",
                );
                store_error(m, v, error, said, None);
            }
        }
        Shown::Answer(answer) => {
            let template = match (answer.capped, answer.by_article) {
                (true, _) => t.nothing_first_text,
                (false, true) => t.nothing_text,
                (false, false) => t.nothing_text_no_article,
            };
            let text = fill(template, &[answer.query.as_str()]);
            // The status line above says "Nothing found": the box says why, once.
            Notice::new(Tone::Info, &text)
                .testid("stock-nothing")
                .write(m);
        }
        Shown::Failed { error, .. } if unreachable(error) => {
            let who = v.audience();
            let (text, ask) = match who.is_admin {
                true => (t.unreachable_text_admin, None),
                false => (t.unreachable_text, who.ask()),
            };
            Notice::new(Tone::Warning, text)
                .titled(t.unreachable_title)
                .ask(ask.as_deref())
                .testid("stock-unreachable")
                .action(t.retry, action::RETRY)
                .write(m);
        }
        Shown::Failed { error, .. } => {
            let said = (Tone::Alert, t.failed_title, "stock-failed");
            store_error(m, v, error, said, Some(t.retry));
        }
        Shown::Nothing if loading => results::skeleton_rows(m),
        Shown::Nothing => {}
    }
}

/// A notice of the store's `error`, `said` as (tone, title, test hook): what failed and whom
/// to ask, with a `retry` button when given.
fn store_error(
    m: &mut Markup,
    v: &View,
    error: &bitrix_rest::Error,
    (tone, title, testid): (Tone, &str, &str),
    retry: Option<&str>,
) {
    let who = v.audience();
    let text = who.describe(error, System::Store);
    let ask = who.ask_about(error, System::Store);
    let notice = Notice::new(tone, &text)
        .titled(title)
        .ask(ask.as_deref())
        .testid(testid);
    match retry {
        Some(label) => notice.action(label, action::RETRY).write(m),
        None => notice.write(m),
    }
}

/// Who is told that the store is not connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// An administrator on a page that can open the settings (a button does).
    AdminWithSettings,
    /// An administrator elsewhere: told where the settings are.
    Admin,
    /// A rep: told who to ask.
    Rep,
}

/// The lookup without a store connection: what the reader can do about it (a rep: ask
/// `admin`, named when known).
pub fn not_configured(m: &mut Markup, lang: Lang, reader: Reader, admin: Option<&str>) {
    let t = lang.lookup();
    m.open_class("section", "sl-card sl-lookup")
        .attr("data-testid", "stock-lookup")
        .attr("data-state", "not-configured");
    let text = match reader {
        Reader::AdminWithSettings => t.not_configured_admin,
        Reader::Admin => t.not_configured_admin_elsewhere,
        Reader::Rep => t.not_configured_rep,
    };
    let ask = admin_named(lang, admin.filter(|_| reader == Reader::Rep));
    let notice = Notice::new(Tone::Info, text)
        .titled(t.not_configured_title)
        .ask(ask.as_deref())
        .testid("stock-not-configured");
    match reader {
        Reader::AdminWithSettings => notice.action(t.open_settings, action::OPEN_SETTINGS),
        _ => notice,
    }
    .write(m);
    m.close("section");
}
