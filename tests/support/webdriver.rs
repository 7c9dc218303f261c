//! A small W3C WebDriver client over blocking HTTP: the commands the end-to-end tests and the
//! bench use, plus ChromeDriver's DevTools passthrough (`goog/cdp/execute`).

use std::time::Duration;

use base64::Engine;
use reqwest::Method;
use reqwest::blocking::Client;
use serde_json::{Value, json};

/// The key under which WebDriver hands out element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What went wrong talking to the browser.
#[derive(Debug, thiserror::Error)]
pub enum WebDriverError {
    /// ChromeDriver could not be reached or answered something that is not JSON.
    #[error("chromedriver {method} {path}: {reason}")]
    Transport {
        method: String,
        path: String,
        reason: String,
    },
    /// The WebDriver error of a command (`no such element`, `javascript error`, ...).
    #[error("{command}: {error}: {message}")]
    Command {
        command: String,
        error: String,
        message: String,
    },
}

impl WebDriverError {
    /// True for `no such element` / `no such frame` / `stale element reference`: the page is
    /// not there yet (or is being replaced), worth asking again.
    pub fn is_transient(&self) -> bool {
        match self {
            WebDriverError::Command { error, .. } => matches!(
                error.as_str(),
                "no such element"
                    | "no such frame"
                    | "stale element reference"
                    | "javascript error"
                    | "no such window"
                    | "detached shadow root"
            ),
            WebDriverError::Transport { .. } => false,
        }
    }
}

/// An element handle inside the current browsing context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementRef(pub String);

impl ElementRef {
    /// The element as a WebDriver argument (`execute` arguments, frame switches).
    pub fn as_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

/// One WebDriver session.
#[derive(Debug)]
pub struct WebDriver {
    http: Client,
    /// `http://127.0.0.1:PORT`
    server: String,
    session: String,
}

impl WebDriver {
    /// Opens a session on a running ChromeDriver with these capabilities.
    pub fn new_session(server: &str, capabilities: Value) -> Result<WebDriver, WebDriverError> {
        let http = Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| WebDriverError::Transport {
                method: "POST".into(),
                path: "/session".into(),
                reason: e.to_string(),
            })?;
        let answer = send(
            &http,
            Method::POST,
            &format!("{server}/session"),
            "/session",
            Some(json!({ "capabilities": capabilities })),
        )?;
        let session = answer["sessionId"]
            .as_str()
            .ok_or_else(|| WebDriverError::Transport {
                method: "POST".into(),
                path: "/session".into(),
                reason: format!("no sessionId in {answer}"),
            })?
            .to_owned();
        Ok(WebDriver {
            http,
            server: server.to_owned(),
            session,
        })
    }

    fn cmd(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        let url = format!("{}/session/{}{path}", self.server, self.session);
        send(&self.http, method, &url, path, body)
    }

    /// Navigates the top-level window.
    pub fn goto(&self, url: &str) -> Result<(), WebDriverError> {
        self.cmd(Method::POST, "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    /// Runs `script` (a function body; `arguments[i]` are `args`) and returns what it returns.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, WebDriverError> {
        self.cmd(
            Method::POST,
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// The first element matching a CSS selector in the current browsing context.
    pub fn find(&self, css: &str) -> Result<ElementRef, WebDriverError> {
        let value = self.cmd(
            Method::POST,
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        element_of(&value).ok_or_else(|| WebDriverError::Command {
            command: format!("find {css}"),
            error: "no such element".into(),
            message: format!("unexpected answer {value}"),
        })
    }

    /// A real click (pointer events, focus) on an element.
    pub fn click(&self, element: &ElementRef) -> Result<(), WebDriverError> {
        self.cmd(
            Method::POST,
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        )
        .map(drop)
    }

    /// Types `text` into an element, one key event per character.
    pub fn send_keys(&self, element: &ElementRef, text: &str) -> Result<(), WebDriverError> {
        self.cmd(
            Method::POST,
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        )
        .map(drop)
    }

    /// Empties an editable element.
    pub fn clear(&self, element: &ElementRef) -> Result<(), WebDriverError> {
        self.cmd(
            Method::POST,
            &format!("/element/{}/clear", element.0),
            Some(json!({})),
        )
        .map(drop)
    }

    /// Makes an iframe element the current browsing context.
    pub fn enter_frame(&self, frame: &ElementRef) -> Result<(), WebDriverError> {
        self.cmd(
            Method::POST,
            "/frame",
            Some(json!({ "id": frame.as_arg() })),
        )
        .map(drop)
    }

    /// Back to the top-level document.
    pub fn leave_frames(&self) -> Result<(), WebDriverError> {
        self.cmd(Method::POST, "/frame", Some(json!({ "id": Value::Null })))
            .map(drop)
    }

    /// Minimizes the window: its pages become hidden (`document.visibilityState`).
    pub fn minimize(&self) -> Result<(), WebDriverError> {
        self.cmd(Method::POST, "/window/minimize", Some(json!({})))
            .map(drop)
    }

    /// Restores the window to this size (visible again after [`WebDriver::minimize`]).
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<(), WebDriverError> {
        self.cmd(
            Method::POST,
            "/window/rect",
            Some(json!({ "width": width, "height": height, "x": 0, "y": 0 })),
        )
        .map(drop)
    }

    /// A PNG of the window's viewport.
    pub fn screenshot(&self) -> Result<Vec<u8>, WebDriverError> {
        let value = self.cmd(Method::GET, "/screenshot", None)?;
        let text = value.as_str().unwrap_or_default();
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| WebDriverError::Transport {
                method: "GET".into(),
                path: "/screenshot".into(),
                reason: e.to_string(),
            })
    }

    /// A Chrome DevTools Protocol command on the current page (ChromeDriver's passthrough).
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value, WebDriverError> {
        self.cmd(
            Method::POST,
            "/goog/cdp/execute",
            Some(json!({ "cmd": command, "params": params })),
        )
    }

    /// Entries of a ChromeDriver log (`performance`, `browser`) since the last read.
    pub fn log(&self, kind: &str) -> Result<Vec<Value>, WebDriverError> {
        let value = self.cmd(Method::POST, "/se/log", Some(json!({ "type": kind })))?;
        Ok(value.as_array().cloned().unwrap_or_default())
    }

    /// Ends the session (the browser quits).
    pub fn quit(&self) -> Result<(), WebDriverError> {
        self.cmd(Method::DELETE, "", None).map(drop)
    }
}

fn element_of(value: &Value) -> Option<ElementRef> {
    value
        .get(ELEMENT_KEY)
        .and_then(Value::as_str)
        .map(|id| ElementRef(id.to_owned()))
}

fn send(
    http: &Client,
    method: Method,
    url: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Value, WebDriverError> {
    let transport = |reason: String| WebDriverError::Transport {
        method: method.to_string(),
        path: path.to_owned(),
        reason,
    };
    let mut request = http.request(method.clone(), url);
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().map_err(|e| transport(e.to_string()))?;
    let text = response.text().map_err(|e| transport(e.to_string()))?;
    let answer: Value =
        serde_json::from_str(&text).map_err(|e| transport(format!("{e}: {text}")))?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        return Err(WebDriverError::Command {
            command: format!("{method} {path}"),
            error: error.to_owned(),
            message: value["message"]
                .as_str()
                .unwrap_or_default()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        });
    }
    Ok(value)
}
