//! Runs a batch planned by [`crate::model`] through a REST client and reads each command's
//! answer by name.

use bitrix_rest::value::{FromValue, kind};
use bitrix_rest::{Batch as RestBatch, BatchResults, Client, Error, ErrorKind, Reply};
use serde_json::Value;

use crate::model::call::Batch;

/// The answers of one planned batch, by command name.
#[derive(Debug)]
pub struct Answers {
    results: BatchResults,
}

/// Sends `batch` (split into requests of at most 50 commands by the client, references kept).
pub async fn run(client: &Client, batch: &Batch) -> Result<Answers, Error> {
    let mut rest = RestBatch::new();
    for command in &batch.commands {
        rest.add::<Value>(
            &command.name,
            command.call.method,
            command.call.params.clone(),
        )?;
    }
    let results = client.run_batch(rest).await?;
    Ok(Answers { results })
}

impl Answers {
    /// A command's whole reply.
    pub fn reply(&self, name: &str) -> Result<&Reply, Error> {
        match self.results.raw(name) {
            Some(Ok(reply)) => Ok(reply),
            Some(Err(e)) => Err(e.clone()),
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

    /// How many HTTP requests the batch took.
    pub fn requests(&self) -> usize {
        self.results.requests()
    }
}

fn decode<T: FromValue>(method: &str, value: &Value) -> Result<T, Error> {
    T::from_value(value).map_err(|e| Error::new(ErrorKind::Malformed, method, e.to_string()))
}
