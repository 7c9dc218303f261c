//! The REST envelope: `{"result", "total", "next", "time"}` or `{"error", "error_description"}`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ErrorKind, RestCode};
use crate::value::kind;

/// A successful reply: the `result` and what the envelope says around it.
///
/// ```
/// use bitrix_rest::Reply;
/// let reply = Reply::parse("crm.deal.list", 200,
///     r#"{"result":[{"ID":"37"}],"next":50,"total":120,"time":{"start":1.5,"operating":0.2}}"#).unwrap();
/// assert_eq!((reply.total, reply.next), (Some(120), Some(50)));
/// assert_eq!(reply.time.operating, Some(0.2));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T = Value> {
    /// The method that answered.
    pub method: String,
    /// The method's result.
    pub result: T,
    /// How many records a list method found (absent for single records; `0` with `start=-1`).
    pub total: Option<u64>,
    /// The `start` of the next page, present while rows remain.
    pub next: Option<u64>,
    /// Timing, including the cloud's `operating` budget.
    pub time: Time,
}

/// The `time` object of a reply: when and how long the server worked.
///
/// ```
/// let t: bitrix_rest::Time = serde_json::from_str(r#"{"start":1725020945.54,"duration":0.63,
///   "date_start":"2024-08-30T14:29:05+03:00","operating_reset_at":1725021545,"operating":3.3}"#).unwrap();
/// assert_eq!(t.operating_reset_at, Some(1725021545.0));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Time {
    /// Unix time the request started, in seconds.
    #[serde(default)]
    pub start: Option<f64>,
    /// Unix time the request finished, in seconds.
    #[serde(default)]
    pub finish: Option<f64>,
    /// Seconds from start to finish.
    #[serde(default)]
    pub duration: Option<f64>,
    /// Seconds spent running the method.
    #[serde(default)]
    pub processing: Option<f64>,
    /// ISO 8601 start time with offset.
    #[serde(default)]
    pub date_start: Option<String>,
    /// ISO 8601 finish time with offset.
    #[serde(default)]
    pub date_finish: Option<String>,
    /// Seconds of this method's time budget spent in the last 10 minutes (cloud only).
    #[serde(default)]
    pub operating: Option<f64>,
    /// Unix time the oldest minute of that budget is released (cloud only).
    #[serde(default)]
    pub operating_reset_at: Option<f64>,
}

impl Time {
    /// Reads a `time` object field by field, ignoring what is missing or odd. (Cheaper in a
    /// wasm build than a derived decoder.)
    pub(crate) fn from_value(v: &Value) -> Time {
        let number = |k: &str| v.get(k).and_then(Value::as_f64);
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Time {
            start: number("start"),
            finish: number("finish"),
            duration: number("duration"),
            processing: number("processing"),
            date_start: text("date_start"),
            date_finish: text("date_finish"),
            operating: number("operating"),
            operating_reset_at: number("operating_reset_at"),
        }
    }
}

impl Reply<Value> {
    /// Parses a response body received with `status` for `method`: a reply, or the error the
    /// server sent, or an error saying what could not be read. Never panics.
    ///
    /// ```
    /// use bitrix_rest::{ErrorKind, Reply};
    /// let e = Reply::parse("crm.deal.get", 400, r#"{"error":"","error_description":"Not found"}"#).unwrap_err();
    /// assert_eq!(e.kind, ErrorKind::NotFound);
    /// let e = Reply::parse("crm.deal.get", 502, "<html>Bad gateway</html>").unwrap_err();
    /// assert_eq!(e.kind, ErrorKind::Server);
    /// ```
    #[inline(never)]
    pub fn parse(method: &str, status: u16, body: &str) -> Result<Reply<Value>, Error> {
        let value: Value = match serde_json::from_str(body) {
            Ok(v) => v,
            Err(e) => return Err(not_json(method, status, body, &e)),
        };
        let Value::Object(mut map) = value else {
            return Err(Error::new(
                ErrorKind::Malformed,
                method,
                format!("the response is JSON but not an object: {}", excerpt(body)),
            )
            .with_status(status));
        };
        if let Some(code) = map.get("error") {
            let description = map
                .get("error_description")
                .map(|d| match d {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                })
                .unwrap_or_default();
            return Err(Error::from_rest(
                method,
                status,
                rest_code(code),
                description,
            ));
        }
        let Some(result) = map.remove("result") else {
            return Err(Error::new(
                ErrorKind::Malformed,
                method,
                format!(
                    "the response has neither `result` nor `error`: {}",
                    excerpt(body)
                ),
            )
            .with_status(status));
        };
        if !(200..300).contains(&status) {
            return Err(Error::new(
                if status >= 500 {
                    ErrorKind::Server
                } else {
                    ErrorKind::BadRequest
                },
                method,
                format!("HTTP {status} with a result envelope"),
            )
            .with_status(status));
        }
        // Informative only: an unreadable `time` (or field of it) is dropped, not fatal.
        let time = map.get("time").map(Time::from_value).unwrap_or_default();
        Ok(Reply {
            method: method.to_owned(),
            result,
            total: count(map.get("total")),
            next: count(map.get("next")),
            time,
        })
    }

    /// Decodes the result into a typed value; a mismatch names the path that failed.
    ///
    /// ```
    /// use bitrix_rest::{ErrorKind, Reply, models::crm::Deal};
    /// let reply = Reply::parse("crm.deal.get", 200, r#"{"result":{"ID":"410","OPPORTUNITY":"x"}}"#).unwrap();
    /// let e = reply.decode::<Deal>().unwrap_err();
    /// assert_eq!(e.kind, ErrorKind::Malformed);
    /// assert!(e.description.contains("OPPORTUNITY"), "{}", e.description);
    /// ```
    pub fn decode<T: DeserializeOwned>(self) -> Result<Reply<T>, Error> {
        self.decode_with(None, crate::command::serde_decoder::<T>)
    }

    /// Decodes `result[key]` (for `{"orders":[…]}`-style results) or the whole result.
    pub(crate) fn decode_with<T>(
        self,
        key: Option<&str>,
        decode: crate::command::Decoder<T>,
    ) -> Result<Reply<T>, Error> {
        let result = decode_result(&self.method, key, self.result, decode)?;
        Ok(Reply {
            method: self.method,
            result,
            total: self.total,
            next: self.next,
            time: self.time,
        })
    }
}

/// Decodes a result value, or `value[key]` when a key is given; errors name the failing path.
pub(crate) fn decode_result<T>(
    method: &str,
    key: Option<&str>,
    value: Value,
    decode: crate::command::Decoder<T>,
) -> Result<T, Error> {
    let value = match key {
        None => value,
        Some(k) => match value {
            Value::Object(mut map) => map.remove(k).ok_or_else(|| {
                Error::new(
                    ErrorKind::Malformed,
                    method,
                    format!("the result has no `{k}`"),
                )
            })?,
            // PHP sends an empty object as `[]`.
            Value::Array(items) if items.is_empty() => Value::Array(items),
            other => {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    method,
                    format!("expected an object holding `{k}`, got {}", kind(&other)),
                ));
            }
        },
    };
    decode(value).map_err(|e| {
        let at = if e.path().is_empty() {
            String::new()
        } else {
            format!(" at `{}`", e.path())
        };
        Error::new(
            ErrorKind::Malformed,
            method,
            format!(
                "could not read `{}`{at}: {}",
                key.unwrap_or("result"),
                e.message()
            ),
        )
    })
}

fn not_json(method: &str, status: u16, body: &str, e: &serde_json::Error) -> Error {
    let kind = if status >= 500 {
        ErrorKind::Server
    } else if status == 401 {
        ErrorKind::Auth
    } else if status == 403 {
        ErrorKind::Access
    } else if status == 404 {
        ErrorKind::NotFound
    } else if status == 429 {
        ErrorKind::TimeLimit
    } else {
        ErrorKind::Malformed
    };
    Error::new(
        kind,
        method,
        format!("the response is not JSON ({e}): {}", excerpt(body)),
    )
    .with_status(status)
}

/// The start of a body for an error message.
fn excerpt(body: &str) -> String {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return "an empty body".to_owned();
    }
    let cut: String = trimmed.chars().take(120).collect();
    if cut.len() < trimmed.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

/// `total`/`next` as a count: a number or a numeric string.
pub(crate) fn count(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The `error` field as a code: text, or a number as `sale.*` sends.
pub(crate) fn rest_code(v: &Value) -> RestCode {
    match v {
        Value::String(s) => RestCode::Text(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => RestCode::Numeric(i),
            None => RestCode::Text(n.to_string()),
        },
        Value::Null => RestCode::Text(String::new()),
        other => RestCode::Text(other.to_string()),
    }
}
