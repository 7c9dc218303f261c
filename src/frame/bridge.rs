//! `postMessage` to and from the portal: commands with matched answers and a timeout.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use bitrix_rest::value::FromValue;
use futures::channel::oneshot;
use futures::future::{Either, select};
use gloo_events::EventListener;
use gloo_timers::future::sleep;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::MessageEvent;

use super::message::{FrameName, decode_reply, encode_command};
use super::{Auth, InitData};

/// How long the portal may take to answer a command before the app says it did not.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a frame command failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrameError {
    /// The page was opened outside Bitrix24.
    #[error("the page is not inside a Bitrix24 frame")]
    NotInFrame,
    /// The portal never answered.
    #[error("Bitrix24 did not answer `{command}` within {seconds} s")]
    Timeout { command: String, seconds: u64 },
    /// The portal answered with an error.
    #[error("Bitrix24 refused `{command}`: {reason}")]
    Refused { command: String, reason: String },
    /// The answer could not be read.
    #[error("Bitrix24 answered `{command}` with something unreadable: {reason}")]
    BadAnswer { command: String, reason: String },
}

/// The app's line to the portal page around it. Cheap to clone.
#[derive(Clone)]
pub struct Frame {
    inner: Rc<Inner>,
}

struct Inner {
    name: FrameName,
    origin: String,
    pending: RefCell<HashMap<String, oneshot::Sender<String>>>,
    next_id: Cell<u64>,
    listener: RefCell<Option<EventListener>>,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frame")
            .field("portal", &self.inner.origin)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Frame {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Frame {
    /// Connects to the portal when the page runs inside a Bitrix24 frame.
    pub fn connect() -> Result<Frame, FrameError> {
        let window = web_sys::window().ok_or(FrameError::NotInFrame)?;
        let name = window.name().ok().and_then(|n| FrameName::parse(&n));
        let in_frame = window.parent().ok().flatten().is_some_and(|p| p != window);
        let name = name.filter(|_| in_frame).ok_or(FrameError::NotInFrame)?;
        let origin = name.portal_origin();
        let inner = Rc::new(Inner {
            name,
            origin,
            pending: RefCell::default(),
            next_id: Cell::new(1),
            listener: RefCell::default(),
        });
        let weak = Rc::downgrade(&inner);
        let listener = EventListener::new(&window, "message", move |event| {
            let (Some(inner), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>())
            else {
                return;
            };
            if event.origin() != inner.origin {
                return; // only the portal may answer
            }
            let Some(data) = event.data().as_string() else {
                return;
            };
            let waiting = decode_reply(&data)
                .and_then(|(id, json)| Some((inner.pending.borrow_mut().remove(id)?, json)));
            if let Some((tx, json)) = waiting {
                // The caller may have given up (timed out) meanwhile: nothing to do then.
                let _ = tx.send(json.to_owned());
            }
        });
        *inner.listener.borrow_mut() = Some(listener);
        Ok(Frame { inner })
    }

    /// The portal's origin (`https://portal.example`).
    pub fn portal_origin(&self) -> &str {
        &self.inner.origin
    }

    /// Posts `command` with a fresh callback ID registered for its answer.
    fn post(
        &self,
        command: &str,
        params: Option<&Value>,
    ) -> Result<(String, oneshot::Receiver<String>), FrameError> {
        let id = format!("sl{}", self.inner.next_id.get());
        self.inner.next_id.set(self.inner.next_id.get() + 1);
        let (tx, rx) = oneshot::channel();
        self.inner.pending.borrow_mut().insert(id.clone(), tx);
        let message = encode_command(command, params, &id, &self.inner.name.app_sid);
        let posted = web_sys::window()
            .and_then(|w| w.parent().ok().flatten())
            .map(|parent| parent.post_message(&message.into(), &self.inner.origin));
        if !matches!(posted, Some(Ok(()))) {
            self.inner.pending.borrow_mut().remove(&id);
            return Err(FrameError::NotInFrame);
        }
        Ok((id, rx))
    }

    /// Sends `command` and waits for the matching answer.
    pub async fn call(&self, command: &str, params: Option<Value>) -> Result<Value, FrameError> {
        let (id, rx) = self.post(command, params.as_ref())?;
        let answer = match select(rx, Box::pin(sleep(ANSWER_TIMEOUT))).await {
            Either::Left((Ok(text), _)) => text,
            _ => {
                self.inner.pending.borrow_mut().remove(&id);
                return Err(FrameError::Timeout {
                    command: command.to_owned(),
                    seconds: ANSWER_TIMEOUT.as_secs(),
                });
            }
        };
        read_answer(command, &answer)
    }

    /// The app's context: token, language, placement, options.
    pub async fn init_data(&self) -> Result<InitData, FrameError> {
        let v = self.call("getInitData", None).await?;
        parse("getInitData", v)
    }

    /// A fresh OAuth token.
    pub async fn refresh_auth(&self) -> Result<Auth, FrameError> {
        let v = self.call("refreshAuth", None).await?;
        parse("refreshAuth", v)
    }

    /// Asks the portal to size the iframe to `height` pixels (full width).
    pub async fn resize(&self, height: u32) -> Result<(), FrameError> {
        let params = serde_json::json!({ "width": "100%", "height": height });
        self.call("resizeWindow", Some(params)).await.map(drop)
    }

    /// Stores an option shared by all users (admins only).
    pub async fn set_app_option(&self, name: &str, value: Value) -> Result<(), FrameError> {
        let params = serde_json::json!({ "name": name, "value": value });
        self.call("setAppOption", Some(params)).await.map(drop)
    }

    /// Stores an option of the current user.
    pub async fn set_user_option(&self, name: &str, value: Value) -> Result<(), FrameError> {
        let params = serde_json::json!({ "name": name, "value": value });
        self.call("setUserOption", Some(params)).await.map(drop)
    }

    /// Tells the portal the installation is complete.
    pub async fn install_finish(&self) -> Result<(), FrameError> {
        self.call("setInstallFinish", None).await.map(drop)
    }

    /// Opens the app's own page (its settings) in a slider over the portal; done when the
    /// slider closes (the portal answers only then, so there is no time limit).
    pub async fn open_application(&self) -> Result<(), FrameError> {
        let (_, closed) = self.post("openApplication", Some(&serde_json::json!({})))?;
        // A portal that never answers leaves this waiting, which costs nothing.
        let _ = closed.await;
        Ok(())
    }
}

fn read_answer(command: &str, text: &str) -> Result<Value, FrameError> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| FrameError::BadAnswer {
        command: command.to_owned(),
        reason: e.to_string(),
    })?;
    if let Some(error) = value.get("error").filter(|e| !e.is_null() && *e != false) {
        let reason = value
            .get("error_description")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| error.to_string());
        return Err(FrameError::Refused {
            command: command.to_owned(),
            reason,
        });
    }
    Ok(value)
}

fn parse<T: FromValue>(command: &str, v: Value) -> Result<T, FrameError> {
    T::from_value(&v).map_err(|e| FrameError::BadAnswer {
        command: command.to_owned(),
        reason: e.to_string(),
    })
}
