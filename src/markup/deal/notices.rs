//! What the tab says when something is missing or failed, and that it is working.

use bitrix_rest::{Error, ErrorKind};

use super::state::{HeldUp, TabState, deal_gone};
use crate::fetch::store_side::is_catalogue_not_chosen;
use crate::i18n::errors::{System, asks_admin, system_name};
use crate::i18n::{DealTexts, Lang, fill};
use crate::markup::Markup;
use crate::markup::notice::{Audience, Notice, Tone};
use crate::model::view::changes::ViewChanges;

/// The store's side when it cannot be shown: not configured, `error` = `None` (admin: a button
/// naming `open-settings`; rep: ask the administrator; the same when the settings lack the
/// store's catalogue) or unavailable (the sentence for the failure; the CRM part stays). A
/// sentence that sends a rep to the administrator names them after it, when known.
pub fn store_notice(m: &mut Markup, who: Audience, error: Option<&Error>) {
    let (lang, is_admin) = (who.lang, who.is_admin);
    let t = lang.deal();
    let described;
    let ask = who.ask();
    let ask = ask.as_deref();
    let (testid, notice) = match error {
        Some(error) if is_catalogue_not_chosen(error) && is_admin => (
            "store-not-configured",
            Notice::new(Tone::Info, t.store_catalogue_missing_admin)
                .action(t.open_settings, "open-settings"),
        ),
        Some(error) if is_catalogue_not_chosen(error) => (
            "store-not-configured",
            Notice::new(Tone::Info, t.store_catalogue_missing_rep).ask(ask),
        ),
        // The admin is the one to mend a refused webhook: the way there, not "ask the admin".
        Some(error) if is_admin && error.kind == ErrorKind::Auth => (
            "store-unavailable",
            Notice::new(Tone::Warning, t.store_webhook_refused_admin)
                .titled(t.store_webhook_refused_title)
                .action(t.open_settings, "open-settings"),
        ),
        Some(error) => {
            // The tab loads the store's part again at each check until it works: said, so the
            // rep need not keep pressing "Try again".
            described = format!(
                "{} {}",
                who.describe(error, System::Store),
                t.store_retries_itself
            );
            // The store answered and refused: reachable, but not to StoreLink, or not all of
            // it. Trying again picks up what the administrator mended meanwhile.
            let title = match error.kind {
                ErrorKind::Auth => t.store_webhook_refused_title,
                ErrorKind::Access | ErrorKind::Scope => t.store_refused_title,
                ErrorKind::RateLimit => t.store_busy_title,
                ErrorKind::Server => t.store_error_title,
                ErrorKind::Network if error.has_code(bitrix_rest::REQUEST_TIMEOUT) => {
                    t.store_silent_title
                }
                _ => t.store_unavailable_title,
            };
            let notice = Notice::new(Tone::Warning, &described)
                .titled(title)
                .ask(ask.filter(|_| asks_admin(error, System::Store)))
                .action(t.retry, "retry");
            ("store-unavailable", notice)
        }
        None if is_admin => (
            "store-not-configured",
            Notice::new(Tone::Info, t.store_not_configured_admin)
                .action(t.open_settings, "open-settings"),
        ),
        None => (
            "store-not-configured",
            Notice::new(Tone::Info, t.store_not_configured_rep).ask(ask),
        ),
    };
    m.open_class("section", "sl-card sl-order-card")
        .attr("data-testid", testid);
    notice.write(m);
    m.close("section");
}

/// The portal's product catalogue did not answer: the rows' codes are unknown, so they are not
/// compared with the store (the live check loads again by itself).
pub fn catalogue_unread(m: &mut Markup, error: &Error, who: Audience) {
    let t = who.lang.deal();
    let ask = who.ask_about(error, System::Portal);
    let text = format!(
        "{} {}",
        who.describe(error, System::Portal),
        t.catalogue_unread
    );
    Notice::new(Tone::Warning, &text)
        .titled(t.catalogue_unread_title)
        .ask(ask.as_deref())
        .testid("catalogue-unread")
        .write(m);
}

/// The deal itself could not be loaded; the button names `retry`.
pub fn load_failed(m: &mut Markup, error: &Error, who: Audience) {
    let t = who.lang.deal();
    let gone = deal_gone(error);
    let ask = who.ask_about(error, System::Portal).filter(|_| !gone);
    let (title, text) = match gone {
        true => (t.deal_gone_title, t.deal_gone.to_owned()),
        false => (t.load_failed_title, who.describe(error, System::Portal)),
    };
    m.open("div").attr("data-testid", "load-failed");
    if gone {
        m.attr("data-kind", "deal-gone");
    }
    Notice::new(Tone::Alert, &text)
        .titled(title)
        .ask(ask.as_deref())
        .action(t.retry, "retry")
        .write(m);
    m.close("div");
}

/// A failed refresh while older data stays on screen: the sentence and `retry`.
pub fn refresh_failed(m: &mut Markup, state: &TabState, who: Audience) {
    let (Some(error), true) = (&state.error, state.loaded.is_some()) else {
        return;
    };
    let t = who.lang.deal();
    let text = who.describe(error, System::Portal);
    let ask = who.ask_about(error, System::Portal);
    Notice::new(Tone::Warning, &text)
        .ask(ask.as_deref())
        .action(t.retry, "retry")
        .testid("refresh-failed")
        .write(m);
}

/// A live check that failed while the data stays on screen: which system, why, and since
/// when the data may be out of date. `retry` loads again now.
pub fn unchecked(m: &mut Markup, state: &TabState, who: Audience) {
    let lang = who.lang;
    let Some(u) = state.unchecked.as_ref().filter(|u| !u.quiet) else {
        return;
    };
    let t = lang.deal();
    let (title, as_of) = match u.system {
        System::Portal => (t.unchecked_portal_title, t.unchecked_portal_as_of),
        System::Store => (t.unchecked_store_title, t.unchecked_store_as_of),
    };
    let timed_out = u.error.has_code(bitrix_rest::REQUEST_TIMEOUT);
    let name = system_name(u.system, lang);
    // "…the CRM data is shown without it" would be untrue here: the store's data stays. A
    // server error or no answer in time: the tab checks again itself, so "try again" is not
    // the rep's to do (the administrator is, if it stays).
    let (why, ask, retries) = match (u.system, u.error.kind) {
        (System::Store, ErrorKind::Network) if !timed_out => (
            t.unchecked_store_unreachable.to_owned(),
            None,
            t.unchecked_retries,
        ),
        (_, ErrorKind::Server) => (
            fill(t.unchecked_server, &[name]),
            None,
            t.unchecked_retries_persist,
        ),
        (_, ErrorKind::Network) if timed_out => (
            fill(t.unchecked_timed_out, &[name]),
            None,
            t.unchecked_retries_persist,
        ),
        _ => (
            who.describe(&u.error, u.system),
            who.ask_about(&u.error, u.system),
            t.unchecked_retries,
        ),
    };
    let mut text = format!("{why} {}", fill(as_of, &[&u.as_of]));
    // A Bitrix24 session that could not be renewed needs the page reloaded (the sentence
    // says so): checking again by itself would not help.
    if !(u.system == System::Portal && u.error.kind == ErrorKind::Auth) {
        text.push(' ');
        text.push_str(retries);
    }
    Notice::new(Tone::Warning, &text)
        .titled(title)
        .ask(ask.as_deref())
        .action(t.retry, "retry")
        .testid("check-failed")
        .write(m);
}

/// What the thin status line above the tab says: refreshing, waiting for Bitrix24
/// (`state.slow`), which parts a live update changed (announced, since the marks only show),
/// or nothing.
pub fn status_text(state: &TabState, lang: Lang) -> String {
    let t = lang.deal();
    let said = match (state.busy, state.slow, state.loaded.is_some()) {
        (true, true, _) if let Some(held) = state.held => match held {
            HeldUp::Limit(System::Portal) => t.waiting_limit_portal,
            HeldUp::Limit(System::Store) => t.waiting_limit_store,
            HeldUp::Retry(System::Portal) => t.waiting_retry_portal,
            HeldUp::Retry(System::Store) => t.waiting_retry_store,
        },
        (true, true, false) if state.partial.is_some() => t.waiting_store,
        (true, true, _) => t.waiting,
        (true, false, true) => t.refreshing,
        (false, _, true) if !state.marks.is_empty() => return updated(&state.marks, t),
        (false, _, true) if state.linked => return linked(state, t),
        _ => "",
    };
    said.to_owned()
}

/// "The deal is linked to order #N": the load after the rep's link shows the order.
fn linked(state: &TabState, t: &DealTexts) -> String {
    let number = state
        .loaded
        .as_ref()
        .and_then(|l| l.view.order.as_ref())
        .map(|o| o.number.clone());
    match number {
        Some(number) => fill(t.linked_done, &[&number]),
        None => String::new(),
    }
}

/// "Updated: the order, the products (highlighted)": the parts a live update changed.
fn updated(marks: &ViewChanges, t: &DealTexts) -> String {
    let parts: Vec<&str> = [
        (!marks.order.is_empty(), t.part_order),
        (!marks.deal.is_empty(), t.part_deal),
        (
            !marks.rows.is_empty() || !marks.removed_rows.is_empty(),
            t.part_products,
        ),
        (marks.differences, t.part_differences),
    ]
    .into_iter()
    .filter_map(|(changed, name)| changed.then_some(name))
    .collect();
    fill(t.updated_marked, &[&parts.join(", ")])
}

/// The status line itself, written once: its text changes in place (see [`status_content`]),
/// so screen readers announce it.
pub fn status_line(m: &mut Markup) {
    m.open_class("div", "sl-tab-status")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .attr("data-testid", "tab-status")
        .close("div");
}

/// What goes inside the status line: `text` (after a spinner while `busy`), or nothing.
pub fn status_content(text: &str, busy: bool) -> String {
    let mut m = Markup::new();
    if !text.is_empty() {
        if busy {
            m.open_class("span", "sl-spinner")
                .attr("aria-hidden", "true")
                .close("span");
        }
        m.leaf("span", "", text);
    }
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(kind: ErrorKind, is_admin: bool) -> String {
        let mut error = Error::new(kind, "batch", "refused");
        error.status = Some(403);
        let mut m = Markup::new();
        let who = Audience {
            lang: Lang::En,
            is_admin,
            admin: None,
        };
        store_notice(&mut m, who, Some(&error));
        m.finish()
    }

    #[test]
    fn a_store_that_answered_and_refused_is_not_called_unavailable() {
        let t = Lang::En.deal();
        for is_admin in [false, true] {
            let html = notice(ErrorKind::Auth, is_admin);
            assert!(html.contains(t.store_webhook_refused_title), "{html}");
            assert!(!html.contains(t.store_unavailable_title), "{html}");
        }
        assert!(notice(ErrorKind::Access, false).contains(t.store_refused_title));
        assert!(notice(ErrorKind::RateLimit, false).contains(t.store_busy_title));
        let down = notice(ErrorKind::Network, false);
        assert!(down.contains(t.store_unavailable_title), "{down}");
        assert!(down.contains(r#"data-on-click="retry""#), "{down}");
        // A server error is an answer: the store is there, and failed.
        let failed = notice(ErrorKind::Server, false);
        assert!(failed.contains(t.store_error_title), "{failed}");
        assert!(!failed.contains(t.store_unavailable_title), "{failed}");
    }

    #[test]
    fn an_administrator_is_told_what_to_do_and_a_rep_whom_to_ask() {
        let reads = |is_admin: bool| Audience {
            lang: Lang::En,
            is_admin,
            admin: (!is_admin).then_some("Anna Smirnova"),
        };
        let refused = Error::from_rest("sale.order.list", 400, "200040300010", "Access denied");
        let deal_refused = Error::from_rest("crm.deal.get", 403, "ACCESS_DENIED", "");
        for is_admin in [true, false] {
            let mut m = Markup::new();
            store_notice(&mut m, reads(is_admin), Some(&refused));
            load_failed(&mut m, &deal_refused, reads(is_admin));
            let html = m.finish();
            let sent_to_admin = html.contains("your administrator");
            assert_eq!(sent_to_admin, !is_admin, "{html}");
            assert_eq!(html.contains("Anna Smirnova"), !is_admin, "{html}");
        }
    }
}
