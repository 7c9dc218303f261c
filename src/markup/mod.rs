//! The deal tab's screens as HTML text.
//!
//! The tab's bundle carries no UI framework: each screen is a plain function from what the
//! model computed to markup, written with [`Markup`], and [`crate::page`] puts it into the
//! document and routes the events named in it. Everything here is pure and tested natively.
//!
//! Events are named in the markup: `data-on-click`, `data-on-input`, `data-on-key` and
//! `data-on-change` carry an action name, `data-arg` its argument (see [`Markup::on`]).

pub mod deal;
pub mod format;
pub mod link;
pub mod lookup;
pub mod notice;
pub mod shell;
pub mod skeleton;
pub mod warehouse;

/// HTML written as text, escaped as it goes.
///
/// `open` starts an element; `attr` and friends add attributes while its start tag is open;
/// the first content (`text`, a child, `close`) ends the start tag.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
    /// A start tag is open: attributes may follow.
    pending: bool,
}

impl Markup {
    pub fn new() -> Markup {
        Markup::default()
    }

    /// The finished HTML.
    pub fn finish(mut self) -> String {
        self.seal();
        self.out
    }

    fn seal(&mut self) {
        if self.pending {
            self.out.push('>');
            self.pending = false;
        }
    }

    /// Starts `<tag`.
    #[inline(never)]
    pub fn open(&mut self, tag: &str) -> &mut Markup {
        self.seal();
        self.out.push('<');
        self.out.push_str(tag);
        self.pending = true;
        self
    }

    /// Starts `<tag class="class">`.
    pub fn open_class(&mut self, tag: &str, class: &str) -> &mut Markup {
        self.open(tag).attr("class", class)
    }

    /// ` name="value"` on the open start tag.
    #[inline(never)]
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Markup {
        debug_assert!(self.pending, "attribute {name} outside a start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
        self
    }

    /// The attribute when there is a value.
    pub fn attr_opt(&mut self, name: &str, value: Option<&str>) -> &mut Markup {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// A boolean attribute (`disabled`, `selected`, `hidden`) when `on`.
    pub fn flag(&mut self, name: &str, on: bool) -> &mut Markup {
        if on {
            self.out.push(' ');
            self.out.push_str(name);
        }
        self
    }

    /// Names what `event` (`click`, `input`, `key`, `change`) on this element does, with an
    /// optional argument; [`crate::page`] hands both to the screen's handler.
    pub fn on(&mut self, event: &str, action: &str, arg: Option<&str>) -> &mut Markup {
        self.out.push_str(" data-on-");
        self.out.push_str(event);
        self.out.push_str("=\"");
        escape_into(&mut self.out, action, true);
        self.out.push('"');
        self.attr_opt("data-arg", arg)
    }

    /// Text, escaped.
    #[inline(never)]
    pub fn text(&mut self, text: &str) -> &mut Markup {
        self.seal();
        escape_into(&mut self.out, text, false);
        self
    }

    /// Markup made elsewhere, as is.
    pub fn raw(&mut self, html: &str) -> &mut Markup {
        self.seal();
        self.out.push_str(html);
        self
    }

    /// Ends the start tag of a void element (`input`, `img`, `br`).
    pub fn void(&mut self) -> &mut Markup {
        self.seal();
        self
    }

    /// `</tag>`.
    #[inline(never)]
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.seal();
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// `<tag class="class">text</tag>`.
    #[inline(never)]
    pub fn leaf(&mut self, tag: &str, class: &str, text: &str) -> &mut Markup {
        self.open(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.text(text).close(tag)
    }
}

/// Escapes `text` for HTML text (`&`, `<`, `>`) or, with `quoted`, for a double-quoted
/// attribute value (also `"`).
fn escape_into(out: &mut String, text: &str, quoted: bool) {
    // Copies the runs between the characters to escape whole: a result list is kilobytes of
    // text, and pushing it one character at a time showed in the lookup's profile.
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quoted => "&quot;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

#[cfg(test)]
mod tests {
    use super::Markup;

    #[test]
    fn elements_nest_and_start_tags_end_at_their_first_content() {
        let mut m = Markup::new();
        m.open_class("div", "sl-card").attr("data-testid", "order");
        m.leaf("strong", "sl-title", "Order");
        m.open("input")
            .attr("type", "text")
            .flag("disabled", true)
            .void();
        m.close("div");
        assert_eq!(
            m.finish(),
            r#"<div class="sl-card" data-testid="order"><strong class="sl-title">Order</strong><input type="text" disabled></div>"#
        );
    }

    #[test]
    fn text_and_attribute_values_cannot_break_out_of_their_place() {
        let mut m = Markup::new();
        m.open("a").attr("title", r#"a "quoted" <b> & co"#);
        m.text("<script>alert(1)</script> & \"fine\"").close("a");
        assert_eq!(
            m.finish(),
            "<a title=\"a &quot;quoted&quot; &lt;b&gt; &amp; co\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"fine\"</a>"
        );
    }

    #[test]
    fn text_around_escaped_characters_keeps_every_letter() {
        let mut m = Markup::new();
        m.text("Кофе&чай <«№5»>").text("").text("ёлка").text("&");
        assert_eq!(m.finish(), "Кофе&amp;чай &lt;«№5»&gt;ёлка&amp;");
    }

    #[test]
    fn actions_name_the_event_and_carry_their_argument() {
        let mut m = Markup::new();
        m.open("button")
            .on("click", "link", Some("105"))
            .text("Link")
            .close("button");
        m.open("button")
            .on("click", "retry", None)
            .flag("hidden", false)
            .close("button");
        assert_eq!(
            m.finish(),
            r#"<button data-on-click="link" data-arg="105">Link</button><button data-on-click="retry"></button>"#
        );
    }

    #[test]
    fn absent_optional_attributes_are_left_out() {
        let mut m = Markup::new();
        m.open("p")
            .attr_opt("id", None)
            .attr_opt("title", Some("t"))
            .close("p");
        assert_eq!(m.finish(), r#"<p title="t"></p>"#);
    }
}
