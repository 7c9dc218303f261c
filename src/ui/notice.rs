//! A message box: what happened and what the person can do.
//!
//! A plain function rather than a component (it has no state): every component costs the
//! bundle its own copy of Yew's lifecycle code.

use yew::prelude::*;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    #[cfg_attr(not(feature = "admin"), allow(dead_code))]
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

/// A notice to render: `Notice::new(Tone::Alert, text).titled(title).html()`.
pub struct Notice {
    tone: Tone,
    title: AttrValue,
    text: AttrValue,
    /// A button label and what it does.
    action: Option<(AttrValue, Callback<MouseEvent>)>,
    testid: Option<&'static str>,
}

impl Notice {
    pub fn new(tone: Tone, text: impl Into<AttrValue>) -> Notice {
        Notice {
            tone,
            title: AttrValue::default(),
            text: text.into(),
            action: None,
            testid: None,
        }
    }

    /// A bold first line.
    pub fn titled(mut self, title: &'static str) -> Notice {
        self.title = AttrValue::Static(title);
        self
    }

    /// A button.
    #[cfg_attr(not(feature = "tab"), allow(dead_code))]
    pub fn action(mut self, label: &'static str, onclick: Callback<MouseEvent>) -> Notice {
        self.action = Some((AttrValue::Static(label), onclick));
        self
    }

    /// The `data-testid` of the box.
    pub fn testid(mut self, testid: &'static str) -> Notice {
        self.testid = Some(testid);
        self
    }

    #[inline(never)]
    pub fn html(self) -> Html {
        let role = if self.tone == Tone::Alert {
            "alert"
        } else {
            "status"
        };
        html! {
            <div class={self.tone.class()} role={role} data-testid={self.testid}>
                if !self.title.is_empty() {
                    <strong class="sl-notice-title">{ self.title }</strong>
                }
                <span class="sl-notice-text">{ self.text }</span>
                if let Some((label, onclick)) = self.action {
                    <button type="button" class="sl-btn sl-btn-light" {onclick}>{ label }</button>
                }
            </div>
        }
    }
}
