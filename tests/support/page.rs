//! Reading and driving the page in the browser's current browsing context: DOM reads through
//! small scripts (one round trip each), real clicks and keystrokes through WebDriver, and
//! waiting for a condition by polling the DOM with a deadline.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::browser::Browser;
use super::webdriver::{ElementRef, WebDriverError};

/// How long a wait lasts unless a test says otherwise.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);
/// How often a wait looks at the page again.
const POLL_EVERY: Duration = Duration::from_millis(50);

/// `[data-testid="name"]`
pub fn tid(name: &str) -> String {
    format!("[data-testid=\"{name}\"]")
}

/// What one element shows: its collapsed text and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub text: String,
    attrs: serde_json::Map<String, Value>,
}

impl Shown {
    /// An attribute's value, if the element has it.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).and_then(Value::as_str)
    }
}

const READ_ALL: &str = r#"
const root = arguments[1] ? document.querySelector(arguments[1]) : document;
if (!root) return [];
return Array.from(root.querySelectorAll(arguments[0])).map(el => {
  const attrs = {};
  for (const a of el.attributes) attrs[a.name] = a.value;
  const text = (el.innerText !== undefined && el.isConnected ? el.innerText : el.textContent) || '';
  return { text: text.replace(/\s+/g, ' ').trim(), attrs };
});
"#;

impl Browser {
    /// Runs a script in the current browsing context. WebDriver errors that mean "the page is
    /// not there yet" come back as `Err`; anything else fails the test.
    pub fn try_js(&self, script: &str, args: Vec<Value>) -> Result<Value, WebDriverError> {
        match self.driver.execute(script, args) {
            Err(e) if !e.is_transient() => panic!("browser: {e}"),
            other => other,
        }
    }

    /// Runs a script in the current browsing context; its failure fails the test.
    pub fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.driver
            .execute(script, args)
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Every element matching `css` (inside the first `within` match, if given), as shown.
    pub fn read_within(&self, css: &str, within: Option<&str>) -> Vec<Shown> {
        let Ok(value) = self.try_js(READ_ALL, vec![json!(css), json!(within)]) else {
            return Vec::new();
        };
        value
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|v| Shown {
                        text: v["text"].as_str().unwrap_or_default().to_owned(),
                        attrs: v["attrs"].as_object().cloned().unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every element matching `css`, as shown.
    pub fn read(&self, css: &str) -> Vec<Shown> {
        self.read_within(css, None)
    }

    /// The first element matching `css`, as shown.
    pub fn first(&self, css: &str) -> Option<Shown> {
        self.read(css).into_iter().next()
    }

    /// The text of the first element matching `css`.
    pub fn text(&self, css: &str) -> Option<String> {
        self.first(css).map(|s| s.text)
    }

    /// The `data-testid` of the element that has the keyboard focus, if it has one.
    pub fn focused_testid(&self) -> Option<String> {
        self.js(
            "return document.activeElement ? document.activeElement.getAttribute('data-testid') : null;",
            vec![],
        )
        .as_str()
        .map(str::to_owned)
    }

    /// The text of the first element matching `css` as a sighted person sees it: without the
    /// parts only screen readers get (`.sl-sr`).
    pub fn seen_text(&self, css: &str) -> Option<String> {
        let script = "const el = document.querySelector(arguments[0]);
            if (!el) return null;
            const seen = el.cloneNode(true);
            seen.querySelectorAll('.sl-sr').forEach((sr) => sr.remove());
            return seen.textContent.trim();";
        self.js(script, vec![Value::from(css)])
            .as_str()
            .map(str::to_owned)
    }

    /// An attribute of the first element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.first(css)
            .and_then(|s| s.attr(name).map(str::to_owned))
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.read(css).len()
    }

    /// Polls `probe` until it answers `Some`, for at most `timeout`. Panics with `what` when
    /// the deadline passes.
    pub fn wait_within<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut(&Browser) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = probe(self) {
                return found;
            }
            if Instant::now() >= deadline {
                panic!("timed out after {timeout:?} waiting for {what}");
            }
            std::thread::sleep(POLL_EVERY);
        }
    }

    /// [`Browser::wait_within`] with [`DEFAULT_WAIT`].
    pub fn wait_for<T>(&self, what: &str, probe: impl FnMut(&Browser) -> Option<T>) -> T {
        self.wait_within(what, DEFAULT_WAIT, probe)
    }

    /// Waits until an element matches `css`, and returns it as shown.
    pub fn wait_css(&self, css: &str) -> Shown {
        self.wait_for(&format!("`{css}`"), |b| b.first(css))
    }

    /// Waits until nothing matches `css`.
    pub fn wait_gone(&self, css: &str) {
        self.wait_for(&format!("`{css}` to go away"), |b| {
            (b.count(css) == 0).then_some(())
        })
    }

    /// The element matching `css`, waiting for it to appear.
    pub fn element(&self, css: &str) -> ElementRef {
        self.wait_for(&format!("element `{css}`"), |b| b.driver.find(css).ok())
    }

    /// Clicks the first element matching `css` (waiting for it).
    pub fn click(&self, css: &str) {
        let element = self.element(css);
        self.driver
            .click(&element)
            .unwrap_or_else(|e| panic!("click on `{css}`: {e}"));
    }

    /// Types `text` into the element matching `css`, key by key.
    pub fn type_into(&self, css: &str, text: &str) {
        let element = self.element(css);
        self.driver
            .send_keys(&element, text)
            .unwrap_or_else(|e| panic!("typing into `{css}`: {e}"));
    }

    /// Empties the field matching `css`, then types `text`.
    pub fn replace_text(&self, css: &str, text: &str) {
        let element = self.element(css);
        self.driver
            .clear(&element)
            .unwrap_or_else(|e| panic!("clearing `{css}`: {e}"));
        self.driver
            .send_keys(&element, text)
            .unwrap_or_else(|e| panic!("typing into `{css}`: {e}"));
    }

    /// Sets a form control to `value` as a person would: picks the option of a `<select>`,
    /// retypes the text of anything else.
    pub fn fill(&self, css: &str, value: &str) {
        self.element(css);
        let tag = self.js(
            "const el = document.querySelector(arguments[0]); return el ? el.tagName : '';",
            vec![json!(css)],
        );
        if tag == "SELECT" {
            self.select_value(css, value);
        } else {
            self.replace_text(css, value);
        }
    }

    /// Picks the option with this value in the `<select>` matching `css`, as a person would
    /// (the value set and a `change` event fired).
    pub fn select_value(&self, css: &str, value: &str) {
        self.element(css);
        let done = self.js(
            "const s = document.querySelector(arguments[0]); if (!s) return false;
             s.value = arguments[1]; s.dispatchEvent(new Event('input', {bubbles: true}));
             s.dispatchEvent(new Event('change', {bubbles: true})); return s.value === arguments[1];",
            vec![json!(css), json!(value)],
        );
        assert_eq!(done, json!(true), "`{css}` has no option {value}");
    }
}
