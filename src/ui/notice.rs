//! A message box on the admin pages: the same markup as the deal tab's
//! ([`crate::markup::notice`]), handed to Yew as it is.

use yew::prelude::*;

use crate::markup::Markup;
pub use crate::markup::notice::Tone;

/// A notice to render: `Notice::new(Tone::Alert, text).titled(title).html()`.
pub struct Notice {
    tone: Tone,
    title: &'static str,
    text: String,
    testid: Option<&'static str>,
    ask: Option<String>,
}

impl Notice {
    pub fn new(tone: Tone, text: impl Into<String>) -> Notice {
        Notice {
            tone,
            title: "",
            text: text.into(),
            testid: None,
            ask: None,
        }
    }

    /// A bold first line.
    pub fn titled(mut self, title: &'static str) -> Notice {
        self.title = title;
        self
    }

    /// The `data-testid` of the box.
    pub fn testid(mut self, testid: &'static str) -> Notice {
        self.testid = Some(testid);
        self
    }

    /// A line naming who to ask, when someone is known.
    pub fn ask(mut self, ask: Option<String>) -> Notice {
        self.ask = ask;
        self
    }

    pub fn html(self) -> Html {
        let mut notice = crate::markup::notice::Notice::new(self.tone, &self.text)
            .titled(self.title)
            .ask(self.ask.as_deref());
        if let Some(testid) = self.testid {
            notice = notice.testid(testid);
        }
        let mut m = Markup::new();
        notice.write(&mut m);
        Html::from_html_unchecked(m.finish().into())
    }
}
