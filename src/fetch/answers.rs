//! Runs a batch planned by [`crate::model`] through a REST client and reads each command's
//! answer by name.

use bitrix_rest::value::{FromValue, kind};
use bitrix_rest::{Batch as RestBatch, BatchResults, Client, Error, ErrorKind, Reply};
use serde_json::Value;

use crate::model::call::Batch;

/// The answers of one planned batch, by command name.
#[derive(Debug)]
pub struct Answers {
    /// One per group of requests sent (see [`run`]).
    results: Vec<BatchResults>,
    /// The commands not sent, after a request the server answered nothing of, with its error.
    unsent: Vec<(String, Error)>,
}

/// Sends `batch` as the requests [`Batch::into_requests`] cuts it into, one after another:
/// commands that refer to one another go in one request, where the server follows the
/// references. (Cut at every 50th command instead, a reference could cross into a later
/// request, which the client resolves from the earlier answer — and fails when that command
/// failed, as the order of a link rule that found no order does.) A group larger than one
/// request is still cut by the client. A batch the client refuses as unusable fails the whole.
/// Once a request is answered nothing of (no answer through the client's retries, a server
/// error, a refused webhook), the later ones are not sent: their commands fail the same way,
/// rather than after another round of retries each.
pub async fn run(client: &Client, batch: &Batch) -> Result<Answers, Error> {
    let mut answers = Answers {
        results: Vec::new(),
        unsent: Vec::new(),
    };
    let mut down: Option<Error> = None;
    for request in batch.clone().into_requests() {
        let names: Vec<String> = request.commands.iter().map(|c| c.name.clone()).collect();
        if let Some(e) = &down {
            answers
                .unsent
                .extend(names.into_iter().map(|name| (name, e.clone())));
            continue;
        }
        let mut rest = RestBatch::new();
        for command in request.commands {
            rest.add::<Value>(&command.name, command.call.method, command.call.params)?;
        }
        let results = client.run_batch(rest).await?;
        down = whole_failure(&results, &names);
        answers.results.push(results);
    }
    Ok(answers)
}

/// The error of a request the server answered none of `names` of, when it failed as a whole.
fn whole_failure(results: &BatchResults, names: &[String]) -> Option<Error> {
    failed_whole(names.iter().map(|name| match results.raw(name) {
        Some(Ok(_)) => Ok(()),
        Some(Err(e)) => Err(e.clone()),
        None => Ok(()),
    }))
}

/// The first error of `outcomes` when every one failed as a whole request did (the client
/// gives such a request's error, named `batch`, to each of its commands); `None` when any was
/// answered, failed on its own, or was cancelled.
fn failed_whole(outcomes: impl Iterator<Item = Result<(), Error>>) -> Option<Error> {
    let mut first = None;
    for outcome in outcomes {
        match outcome {
            Err(e) if e.method == "batch" && e.kind != ErrorKind::Cancelled => {
                first.get_or_insert(e);
            }
            _ => return None,
        }
    }
    first
}

impl Answers {
    /// A command's whole reply.
    pub fn reply(&self, name: &str) -> Result<&Reply, Error> {
        match self.results.iter().find_map(|r| r.raw(name)) {
            Some(Ok(reply)) => Ok(reply),
            Some(Err(e)) => Err(e.clone()),
            None if let Some((_, e)) = self.unsent.iter().find(|(n, _)| n == name) => {
                Err(e.clone())
            }
            None => Err(Error::new(
                ErrorKind::Usage,
                name,
                "no such command in the batch",
            )),
        }
    }

    /// A command's result read as `T`.
    pub fn get<T: FromValue>(&self, name: &str) -> Result<T, Error> {
        let reply = self.reply(name)?;
        decode(&reply.method, &reply.result)
    }

    /// A list result read as `Vec<T>`: the result itself, or its `key` member for the
    /// `sale.*` and `catalog.*` wrappers (`{orders}`, `{storeProducts}`, …). An empty answer
    /// (`[]`, `{}` or `null`) is an empty list.
    pub fn list<T: FromValue>(&self, name: &str, key: Option<&str>) -> Result<Vec<T>, Error> {
        let reply = self.reply(name)?;
        let list = match (key, &reply.result) {
            (Some(key), Value::Object(map)) => map.get(key).unwrap_or(&Value::Null),
            (_, other) => other,
        };
        match list {
            Value::Array(_) => decode(&reply.method, list),
            Value::Null => Ok(Vec::new()),
            Value::Object(map) if map.is_empty() => Ok(Vec::new()),
            other => Err(Error::new(
                ErrorKind::Malformed,
                reply.method.clone(),
                format!("expected a list, got {}", kind(other)),
            )),
        }
    }

    /// Why the store or portal answered none of `batch`'s commands, when every request of
    /// it failed as a whole (no answer, a server error, a refused webhook): the error of the
    /// first. `None` when any command was answered, or failed on its own.
    pub fn unanswered(&self, batch: &Batch) -> Option<Error> {
        failed_whole(
            batch
                .commands
                .iter()
                .map(|command| self.reply(&command.name).map(drop)),
        )
    }

    /// How many HTTP requests the batch took.
    pub fn requests(&self) -> usize {
        self.results.iter().map(BatchResults::requests).sum()
    }
}

fn decode<T: FromValue>(method: &str, value: &Value) -> Result<T, Error> {
    T::from_value(value).map_err(|e| Error::new(ErrorKind::Malformed, method, e.to_string()))
}
