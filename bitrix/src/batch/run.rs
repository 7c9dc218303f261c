//! Sending a batch: one `batch` request per 50 commands, in order.

use serde_json::{Value, json};

use super::reference::{self, Reference, Section};
use super::results::halted;
use super::{Batch, BatchResults, Entry};
use crate::client::Client;
use crate::clock::Clock;
use crate::encode;
use crate::error::{Error, ErrorKind};
use crate::retry::Access;
use crate::transport::Transport;

impl<T: Transport, C: Clock> Client<T, C> {
    /// Runs a batch: one `batch` request per 50 commands, in order. Returns every command's
    /// outcome; the call itself fails only when the batch is unusable (a reference to a
    /// command that is missing or comes later). A request that fails as a whole (network,
    /// auth, …, after the retries) gives its error to each of its commands and to those of the
    /// later requests, which are not sent (each would only fail again, after retries of its
    /// own); with `halt`, a failed command stops the later requests too, and their commands
    /// report [`ErrorKind::Halted`].
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::{Batch, methods::deals};
    /// let mut batch = Batch::new();
    /// let deal = batch.push("deal", deals::get(410))?;
    /// let rows = batch.push("rows", deals::product_rows(410))?;
    /// let results = client.run_batch(batch).await?;
    /// let (deal, rows) = (results.get(&deal)?, results.get(&rows)?);
    /// println!("{}: {} rows", deal.title, rows.len());
    /// # Ok(()) }
    /// ```
    pub async fn run_batch(&self, batch: Batch) -> Result<BatchResults, Error> {
        let plan = batch.plan()?;
        let mut results = BatchResults::new();
        let mut stopped = false;
        let mut down: Option<Error> = None;
        for range in plan.chunks {
            let chunk = &batch.commands[range.clone()];
            if let Some(e) = &down {
                for c in chunk {
                    let mut own = e.clone();
                    own.maybe_applied = false;
                    results.set(&c.name, Err(own));
                }
                continue;
            }
            if stopped {
                chunk
                    .iter()
                    .for_each(|c| results.set(&c.name, Err(halted(&c.method))));
                continue;
            }
            let mut sendable: Vec<Entry> = Vec::with_capacity(chunk.len());
            for (offset, command) in chunk.iter().enumerate() {
                let crossing = &plan.crossing[range.start + offset];
                if crossing.is_empty() {
                    sendable.push(command.clone());
                    continue;
                }
                let mut command = command.clone();
                let lookup = |r: &Reference| {
                    if !crossing.contains(&r.name) {
                        return None;
                    }
                    match resolve(&results, r) {
                        Some(value) => Some(Some(value)),
                        // Past what a command that worked returned (a slot beyond a short
                        // list): sent as written, and read by the server as a reference it
                        // cannot follow (see the module doc).
                        None if results.outcome(&r.name).is_some_and(|o| o.is_ok()) => None,
                        None => Some(None),
                    }
                };
                match reference::substitute(&mut command.params, &lookup) {
                    Ok(()) => {
                        results.note_resolved(&command.name);
                        sendable.push(command);
                    }
                    Err(missing) => results.set(
                        &command.name,
                        Err(Error::new(
                            ErrorKind::Usage,
                            &command.method,
                            format!(
                                "{missing} refers to a command sent in an earlier request of this \
                                 batch, and that command failed"
                            ),
                        )),
                    ),
                }
            }
            if !sendable.is_empty() {
                down = self.send_chunk(&sendable, batch.halt, &mut results).await;
            }
            stopped = batch.halt && results.any_failed(chunk);
        }
        Ok(results)
    }

    /// Sends one request of commands; its error when it failed as a whole.
    async fn send_chunk(
        &self,
        chunk: &[Entry],
        halt: bool,
        results: &mut BatchResults,
    ) -> Option<Error> {
        let mut form = format!("halt={}", u8::from(halt));
        for command in chunk {
            let query = match &command.params {
                Value::Object(map) => encode::form(map),
                _ => String::new(),
            };
            let line = if query.is_empty() {
                command.method.clone()
            } else {
                format!("{}?{query}", command.method)
            };
            form.push_str(&format!(
                "&cmd[{}]={}",
                command.name,
                encode::component(&line)
            ));
        }
        let access = if chunk.iter().any(|c| c.access == Access::Write) {
            Access::Write
        } else {
            Access::Read
        };
        results.note_request();
        match self.execute("batch", form, access).await {
            Ok(reply) => {
                results.record_reply(chunk, reply);
                None
            }
            Err(e) => {
                for command in chunk {
                    let mut own = e.clone();
                    own.maybe_applied = e.maybe_applied && command.access == Access::Write;
                    results.set(&command.name, Err(own));
                }
                (e.kind != ErrorKind::Cancelled).then_some(e)
            }
        }
    }
}

/// The value a reference names, from the results of earlier requests.
fn resolve(results: &BatchResults, r: &Reference) -> Option<Value> {
    let outcome = results.outcome(&r.name)?;
    // A result is followed where it lies: a reference into a large list takes one value, not
    // a copy of the list.
    if let (Section::Result, Ok(reply)) = (r.section, outcome) {
        return reference::follow(&reply.result, &r.path).cloned();
    }
    let base = match (r.section, outcome) {
        (Section::Total, Ok(reply)) => json!(reply.total?),
        (Section::Next, Ok(reply)) => json!(reply.next?),
        (Section::Error, Err(e)) => json!({
            "error": e.code.as_ref().map(ToString::to_string).unwrap_or_default(),
            "error_description": e.description,
        }),
        _ => return None,
    };
    reference::follow(&base, &r.path).cloned()
}
