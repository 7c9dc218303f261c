//! `batch`: many calls in one HTTP request, with typed results per command.
//!
//! Commands run in the order they were added. More than 50 commands are sent as several
//! `batch` requests, in order. A command may use an earlier one's result through
//! `$result[name][FIELD]` ([`Handle::reference`]); when the two land in different requests,
//! the client substitutes the value itself from the earlier request's results and says so in
//! [`BatchResults::resolved_locally`]. A reference past what the earlier command returned is
//! sent as written (the server then reads it as any reference it cannot follow: a whole value
//! takes where the path stopped, which an ID filter reads as 1, so callers keep only the records
//! they asked about); one to a command that failed fails the command that uses it.

mod plan;
mod reference;
mod results;
mod run;

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use results::BatchResults;

use crate::command::{Command, Decoder};
use crate::error::{Error, ErrorKind};
use crate::retry::Access;

/// The most commands Bitrix runs in one `batch` request.
///
/// ```
/// assert_eq!(bitrix_rest::MAX_COMMANDS, 50);
/// ```
pub const MAX_COMMANDS: usize = 50;

/// A list of named commands to run together.
///
/// ```
/// use serde_json::json;
/// use bitrix_rest::{Batch, models::crm::{Deal, ProductRow}};
/// let mut batch = Batch::new();
/// let deal = batch.add::<Deal>("deal", "crm.deal.get", json!({"id": 410})).unwrap();
/// let rows = batch
///     .add::<Vec<ProductRow>>("rows", "crm.deal.productrows.get", json!({"id": deal.reference(&["ID"])}))
///     .unwrap();
/// assert_eq!(batch.len(), 2);
/// assert_eq!(deal.reference(&["ID"]), "$result[deal][ID]");
/// # drop(rows);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub(crate) commands: Vec<Entry>,
    pub(crate) halt: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) name: String,
    pub(crate) method: String,
    pub(crate) params: Value,
    pub(crate) access: Access,
}

/// Names a command of a [`Batch`] and reads its typed result from [`BatchResults`].
///
/// ```
/// let mut batch = bitrix_rest::Batch::new();
/// let deal = batch.push("deal", bitrix_rest::methods::deals::get(410)).unwrap();
/// assert_eq!(deal.reference(&["CONTACT_ID"]), "$result[deal][CONTACT_ID]");
/// ```
pub struct Handle<R> {
    name: String,
    pub(crate) key: Option<&'static str>,
    pub(crate) decode: Decoder<R>,
}

impl<R> std::fmt::Debug for Handle<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").field("name", &self.name).finish()
    }
}

impl<R> Clone for Handle<R> {
    fn clone(&self) -> Self {
        Handle {
            name: self.name.clone(),
            key: self.key,
            decode: self.decode,
        }
    }
}

impl<R> Handle<R> {
    /// The command's name in the batch.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// let me = batch.add::<serde_json::Value>("me", "user.current", serde_json::Value::Null).unwrap();
    /// assert_eq!(me.name(), "me");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A reference to a part of this command's result, for a later command's parameters:
    /// `$result[name][path…]`. For a list result, index it: `&["0", "ID"]`.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// let found = batch.add::<serde_json::Value>("found", "crm.contact.list", serde_json::Value::Null).unwrap();
    /// assert_eq!(found.reference(&["0", "ID"]), "$result[found][0][ID]");
    /// ```
    pub fn reference(&self, path: &[&str]) -> String {
        let mut r = format!("$result[{}]", self.name);
        for part in path {
            r.push('[');
            r.push_str(part);
            r.push(']');
        }
        r
    }
}

impl Batch {
    /// An empty batch that does not halt on errors.
    ///
    /// ```
    /// assert!(bitrix_rest::Batch::new().is_empty());
    /// ```
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Stops at the first failing command (`halt=1`); later commands report
    /// [`ErrorKind::Halted`].
    ///
    /// ```
    /// let batch = bitrix_rest::Batch::new().halt(true);
    /// # drop(batch);
    /// ```
    pub fn halt(mut self, halt: bool) -> Batch {
        self.halt = halt;
        self
    }

    /// Adds `method` with `params` under `name`; its result will read as `R`.
    ///
    /// A name is a letter or `_` followed by letters, digits and `_`, unique in the batch.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// assert!(batch.add::<bool>("ok", "crm.deal.update", serde_json::json!({"id": 1})).is_ok());
    /// assert!(batch.add::<bool>("ok", "crm.deal.update", serde_json::json!({"id": 2})).is_err());
    /// assert!(batch.add::<bool>("a b", "crm.deal.update", serde_json::json!({})).is_err());
    /// ```
    pub fn add<R: DeserializeOwned>(
        &mut self,
        name: &str,
        method: &str,
        params: Value,
    ) -> Result<Handle<R>, Error> {
        self.push(name, Command::new(method, params))
    }

    /// Adds a typed command (from a handler, e.g. [`methods::deals::get`](crate::methods::deals::get))
    /// under `name`.
    ///
    /// ```
    /// use bitrix_rest::{Batch, methods::deals};
    /// let mut batch = Batch::new();
    /// let deal = batch.push("deal", deals::get(410)).unwrap();
    /// let rows = batch.push("rows", deals::product_rows(410)).unwrap();
    /// # drop((deal, rows));
    /// ```
    pub fn push<R>(&mut self, name: &str, command: Command<R>) -> Result<Handle<R>, Error> {
        let valid = name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            return Err(Error::new(
                ErrorKind::Usage,
                "batch",
                format!("command name {name:?}: use a letter or _ then letters, digits and _"),
            ));
        }
        if self.commands.iter().any(|c| c.name == name) {
            return Err(Error::new(
                ErrorKind::Usage,
                "batch",
                format!("command name {name:?} is used twice"),
            ));
        }
        self.commands.push(Entry {
            name: name.to_owned(),
            method: command.method,
            params: command.params,
            access: command.access,
        });
        Ok(Handle {
            name: name.to_owned(),
            key: command.key,
            decode: command.decode,
        })
    }

    /// How many commands.
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// batch.push("me", bitrix_rest::methods::users::current()).unwrap();
    /// assert_eq!(batch.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    /// True when there are no commands.
    ///
    /// ```
    /// assert!(bitrix_rest::Batch::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// How many `batch` requests this batch takes (50 commands each).
    ///
    /// ```
    /// let mut batch = bitrix_rest::Batch::new();
    /// for i in 0..60 {
    ///     batch.add::<serde_json::Value>(&format!("d{i}"), "crm.deal.get", serde_json::json!({"id": i})).unwrap();
    /// }
    /// assert_eq!(batch.requests(), 2);
    /// ```
    pub fn requests(&self) -> usize {
        self.commands.len().div_ceil(MAX_COMMANDS)
    }
}
