//! Reading a `batch` reply: per-command results, errors, totals; `[]` for empty sections.

use serde_json::Value;

use super::{Batch, Entry, Handle};
use crate::envelope::{self, Reply, Time};
use crate::error::{Error, ErrorKind};

/// The outcome of every command of a batch.
///
/// ```
/// use bitrix_rest::{Batch, BatchResults, models::crm::Deal};
/// let mut batch = Batch::new();
/// let deal = batch.add::<Deal>("deal", "crm.deal.get", serde_json::json!({"id": 410})).unwrap();
/// let results = BatchResults::from_reply(&batch, r#"{"result":{"result":{"deal":{"ID":"410"}},
///     "result_error":[],"result_total":[],"result_next":[],"result_time":[]},"time":{}}"#).unwrap();
/// assert_eq!(results.get(&deal).unwrap().id, 410);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResults {
    /// By command, in the order recorded (a batch holds tens of commands: a list is smaller
    /// in wasm than a map and fast enough).
    outcomes: Vec<(String, Result<Reply, Error>)>,
    requests: usize,
    resolved_locally: Vec<String>,
}

impl BatchResults {
    pub(crate) fn new() -> BatchResults {
        BatchResults {
            outcomes: Vec::new(),
            requests: 0,
            resolved_locally: Vec::new(),
        }
    }

    /// Reads one `batch` reply body (HTTP 200) for a single-request batch; handy for tests and
    /// for replies obtained some other way.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// let ok = batch.add::<bool>("ok", "crm.deal.update", serde_json::json!({"id": 1})).unwrap();
    /// let r = bitrix_rest::BatchResults::from_reply(&batch, r#"{"result":{"result":{"ok":true},"result_error":[]}}"#).unwrap();
    /// assert!(r.get(&ok).unwrap());
    /// ```
    pub fn from_reply(batch: &Batch, body: &str) -> Result<BatchResults, Error> {
        let reply = Reply::parse("batch", 200, body)?;
        let mut results = BatchResults::new();
        results.record_reply(&batch.commands, reply);
        results.requests = 1;
        Ok(results)
    }

    /// The typed result of a command, or its own error.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// let gone = batch.add::<bool>("gone", "crm.deal.delete", serde_json::json!({"id": 1})).unwrap();
    /// let r = bitrix_rest::BatchResults::from_reply(&batch,
    ///     r#"{"result":{"result":[],"result_error":{"gone":{"error":"","error_description":"Not found"}}}}"#).unwrap();
    /// assert_eq!(r.get(&gone).unwrap_err().kind, bitrix_rest::ErrorKind::NotFound);
    /// ```
    pub fn get<R>(&self, handle: &Handle<R>) -> Result<R, Error> {
        Ok(self.reply(handle)?.result)
    }

    /// The typed result of a command with its `total`, `next` and `time`.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// let page = batch.add::<Vec<serde_json::Value>>("page", "crm.deal.list", serde_json::Value::Null).unwrap();
    /// let r = bitrix_rest::BatchResults::from_reply(&batch,
    ///     r#"{"result":{"result":{"page":[{"ID":"1"}]},"result_total":{"page":120},"result_next":{"page":50}}}"#).unwrap();
    /// let reply = r.reply(&page).unwrap();
    /// assert_eq!((reply.total, reply.next), (Some(120), Some(50)));
    /// ```
    pub fn reply<R>(&self, handle: &Handle<R>) -> Result<Reply<R>, Error> {
        match self.outcome(handle.name()) {
            Some(Ok(reply)) => reply.clone().decode_with(handle.key, handle.decode),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::new(
                ErrorKind::Usage,
                "batch",
                format!("no command {:?} in this batch", handle.name()),
            )),
        }
    }

    /// The raw outcome of a command by name.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// batch.add::<bool>("ok", "crm.deal.update", serde_json::json!({"id": 1})).unwrap();
    /// let r = bitrix_rest::BatchResults::from_reply(&batch, r#"{"result":{"result":{"ok":true}}}"#).unwrap();
    /// assert_eq!(r.raw("ok").unwrap().as_ref().unwrap().result, serde_json::json!(true));
    /// ```
    pub fn raw(&self, name: &str) -> Option<&Result<Reply, Error>> {
        self.outcome(name)
    }

    /// How many `batch` HTTP requests were made.
    ///
    /// ```
    /// let batch = bitrix_rest::Batch::new();
    /// let r = bitrix_rest::BatchResults::from_reply(&batch, r#"{"result":{"result":[]}}"#).unwrap();
    /// assert_eq!(r.requests(), 1);
    /// ```
    pub fn requests(&self) -> usize {
        self.requests
    }

    /// Commands whose `$result[…]` references named a command of an earlier request (more than
    /// 50 commands apart): the client substituted those values itself before sending them.
    ///
    /// ```
    /// let batch = bitrix_rest::Batch::new();
    /// let r = bitrix_rest::BatchResults::from_reply(&batch, r#"{"result":{"result":[]}}"#).unwrap();
    /// assert!(r.resolved_locally().is_empty());
    /// ```
    pub fn resolved_locally(&self) -> &[String] {
        &self.resolved_locally
    }

    pub(crate) fn note_request(&mut self) {
        self.requests += 1;
    }

    pub(crate) fn note_resolved(&mut self, name: &str) {
        self.resolved_locally.push(name.to_owned());
    }

    pub(crate) fn set(&mut self, name: &str, outcome: Result<Reply, Error>) {
        match self.outcomes.iter_mut().find(|(n, _)| n == name) {
            Some((_, slot)) => *slot = outcome,
            None => self.outcomes.push((name.to_owned(), outcome)),
        }
    }

    pub(crate) fn outcome(&self, name: &str) -> Option<&Result<Reply, Error>> {
        self.outcomes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, o)| o)
    }

    /// True when some command of this chunk failed.
    pub(crate) fn any_failed(&self, chunk: &[Entry]) -> bool {
        chunk
            .iter()
            .any(|c| matches!(self.outcome(&c.name), Some(Err(_)) | None))
    }

    /// Records the outcomes of `chunk` from one `batch` reply.
    pub(crate) fn record_reply(&mut self, chunk: &[Entry], reply: Reply) {
        let sections = reply.result;
        let section = |key: &str| sections.get(key).cloned().unwrap_or(Value::Null);
        let (results, errors, totals, nexts, times) = (
            section("result"),
            section("result_error"),
            section("result_total"),
            section("result_next"),
            section("result_time"),
        );
        for command in chunk {
            let outcome = if let Some(e) = entry(&errors, &command.name) {
                let code = e
                    .get("error")
                    .map_or(crate::RestCode::Text(String::new()), envelope::rest_code);
                let description = match e.get("error_description") {
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                };
                Err(Error::from_rest_in_batch(
                    &command.method,
                    code,
                    description,
                ))
            } else if let Some(result) = entry(&results, &command.name) {
                let time = entry(&times, &command.name)
                    .map(Time::from_value)
                    .unwrap_or_default();
                Ok(Reply {
                    method: command.method.clone(),
                    result: result.clone(),
                    total: envelope::count(entry(&totals, &command.name)),
                    next: envelope::count(entry(&nexts, &command.name)),
                    time,
                })
            } else {
                Err(halted(&command.method))
            };
            self.set(&command.name, outcome);
        }
    }
}

/// The error of a command that never ran because the batch halted.
pub(crate) fn halted(method: &str) -> Error {
    Error::new(
        ErrorKind::Halted,
        method,
        "not executed: the batch halted at an earlier error",
    )
}

/// A section's entry for a command: sections are maps by name, or `[]` when empty (PHP), or
/// lists when every name was numeric.
fn entry<'v>(section: &'v Value, name: &str) -> Option<&'v Value> {
    match section {
        Value::Object(map) => map.get(name),
        Value::Array(items) => items.get(name.parse::<usize>().ok()?),
        _ => None,
    }
}
