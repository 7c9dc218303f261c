//! A message box: what happened and what the person can do.

use bitrix_rest::Error;

use super::Markup;
use crate::i18n::errors::{System, asks_admin, describe, describe_for_admin};
use crate::i18n::{Lang, admin_named};

/// Who reads a notice: an administrator is told what to do, a rep whom to ask (by name, when
/// StoreLink knows the administrator).
#[derive(Debug, Clone, Copy)]
pub struct Audience<'a> {
    pub lang: Lang,
    pub is_admin: bool,
    /// The administrator named to a rep (none for an administrator).
    pub admin: Option<&'a str>,
}

impl Audience<'_> {
    /// The sentence for `error` from a call to `system`, for this reader.
    pub fn describe(&self, error: &Error, system: System) -> String {
        match self.is_admin {
            true => describe_for_admin(error, system, self.lang),
            false => describe(error, system, self.lang),
        }
    }

    /// The line naming the administrator under the sentence for `error`, when that sentence
    /// sends this reader to them.
    pub fn ask_about(&self, error: &Error, system: System) -> Option<String> {
        self.ask().filter(|_| asks_admin(error, system))
    }

    /// The line naming the administrator, for a sentence that sends a rep to them.
    pub fn ask(&self) -> Option<String> {
        admin_named(self.lang, self.admin.filter(|_| !self.is_admin))
    }
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Alert,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Info => "sl-notice sl-notice-info",
            Tone::Success => "sl-notice sl-notice-success",
            Tone::Warning => "sl-notice sl-notice-warning",
            Tone::Alert => "sl-notice sl-notice-alert",
        }
    }
}

/// A notice to write: `Notice::new(Tone::Alert, &text).titled(title).write(&mut m)`.
pub struct Notice<'a> {
    tone: Tone,
    title: &'a str,
    text: &'a str,
    /// A button label and the click action it names.
    action: Option<(&'a str, &'a str)>,
    testid: Option<&'a str>,
    /// Who to ask, by name (see [`crate::i18n::admin_named`]).
    ask: Option<&'a str>,
}

impl<'a> Notice<'a> {
    pub fn new(tone: Tone, text: &'a str) -> Notice<'a> {
        Notice {
            tone,
            title: "",
            text,
            action: None,
            testid: None,
            ask: None,
        }
    }

    /// A bold first line.
    pub fn titled(mut self, title: &'a str) -> Notice<'a> {
        self.title = title;
        self
    }

    /// A button whose click runs `action` (see [`Markup::on`]).
    pub fn action(mut self, label: &'a str, action: &'a str) -> Notice<'a> {
        self.action = Some((label, action));
        self
    }

    /// A line after the text naming the person to ask, when there is one.
    pub fn ask(mut self, ask: Option<&'a str>) -> Notice<'a> {
        self.ask = ask;
        self
    }

    /// The `data-testid` of the box.
    pub fn testid(mut self, testid: &'a str) -> Notice<'a> {
        self.testid = Some(testid);
        self
    }

    #[inline(never)]
    pub fn write(&self, m: &mut Markup) {
        let role = if self.tone == Tone::Alert {
            "alert"
        } else {
            "status"
        };
        m.open_class("div", self.tone.class())
            .attr("role", role)
            .attr_opt("data-testid", self.testid);
        if !self.title.is_empty() {
            m.leaf("strong", "sl-notice-title", self.title);
        }
        match self.ask {
            // On a line of its own under the text, the button staying beside both.
            Some(ask) => {
                m.open_class("span", "sl-notice-text").text(self.text);
                ask_line(m, ask);
                m.close("span");
            }
            None => {
                m.leaf("span", "sl-notice-text", self.text);
            }
        }
        if let Some((label, action)) = self.action {
            m.open_class("button", "sl-btn sl-btn-light")
                .attr("type", "button")
                .on("click", action, None)
                .text(label)
                .close("button");
        }
        m.close("div");
    }
}

/// The line naming who to ask, on a line of its own after the sentence written before it; the
/// space keeps the two sentences apart where the text is read as one.
pub fn ask_line(m: &mut Markup, ask: &str) {
    m.text(" ")
        .open_class("span", "sl-notice-ask")
        .attr("data-testid", "admin-named")
        .text(ask)
        .close("span");
}

#[cfg(test)]
mod tests {
    use super::{Notice, Tone};
    use crate::markup::Markup;

    #[test]
    fn an_alert_is_announced_at_once_and_offers_its_action() {
        let mut m = Markup::new();
        Notice::new(Tone::Alert, "The portal did not answer.")
            .titled("Could not load")
            .action("Try again", "retry")
            .testid("load-failed")
            .write(&mut m);
        assert_eq!(
            m.finish(),
            "<div class=\"sl-notice sl-notice-alert\" role=\"alert\" data-testid=\"load-failed\">\
             <strong class=\"sl-notice-title\">Could not load</strong>\
             <span class=\"sl-notice-text\">The portal did not answer.</span>\
             <button class=\"sl-btn sl-btn-light\" type=\"button\" data-on-click=\"retry\">Try again</button></div>"
        );
    }

    #[test]
    fn a_notice_names_who_to_ask_after_its_text() {
        let mut m = Markup::new();
        Notice::new(Tone::Info, "Ask your administrator.")
            .ask(Some("StoreLink's administrator: Anna Smirnova."))
            .write(&mut m);
        assert_eq!(
            m.finish(),
            "<div class=\"sl-notice sl-notice-info\" role=\"status\">\
             <span class=\"sl-notice-text\">Ask your administrator. \
             <span class=\"sl-notice-ask\" data-testid=\"admin-named\">StoreLink's administrator: Anna Smirnova.</span></span></div>"
        );
    }

    #[test]
    fn an_info_notice_without_title_is_a_polite_status() {
        let mut m = Markup::new();
        Notice::new(Tone::Info, "Nothing found").write(&mut m);
        assert_eq!(
            m.finish(),
            "<div class=\"sl-notice sl-notice-info\" role=\"status\">\
             <span class=\"sl-notice-text\">Nothing found</span></div>"
        );
    }
}
