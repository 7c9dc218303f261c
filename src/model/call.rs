//! REST calls as plain data: the UI sends them (alone or in one `batch`), the model only builds
//! them, so every query is unit-tested without a network.

use serde::Serialize;
use serde_json::Value;

use crate::model::sorted::sort_by;

/// The most commands one `batch` request may carry.
pub const MAX_BATCH_COMMANDS: usize = 50;

/// The most records a list method returns per page.
pub const PAGE_SIZE: usize = 50;

/// Text from data made safe to send in a batch: Bitrix24 reads `$result[…]` in any value of a
/// batch's commands as a reference to another command's answer, so a deal field, an order
/// number, an e-mail or a search holding one would break the batch or change what it asks.
/// Such text loses the `$` (no order number, address or product code holds `$result` in
/// earnest).
pub fn inert(text: &str) -> String {
    text.replace("$result", "result")
}

/// One REST call: a method and its parameters (a JSON object the client encodes in PHP bracket
/// notation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Call {
    /// The REST method, e.g. `sale.order.list`.
    pub method: &'static str,
    /// Its parameters, e.g. `{"filter": {"id": 9}}`.
    pub params: Value,
}

impl Call {
    /// A call of `method` with `params`.
    pub fn new(method: &'static str, params: Value) -> Call {
        Call { method, params }
    }
}

/// A named command of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Command {
    /// The command's name: its key in `cmd` and in the batch result.
    pub name: String,
    /// What it calls.
    pub call: Call,
}

/// Commands sent together in one `batch` request, in order (later commands may refer to the
/// results of earlier ones with [`result_ref`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Batch {
    /// The commands, in execution order.
    pub commands: Vec<Command>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Appends a command.
    pub fn push(&mut self, name: impl Into<String>, call: Call) {
        self.commands.push(Command {
            name: name.into(),
            call,
        });
    }

    /// The number of commands.
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    /// True when there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// The call named `name`.
    pub fn get(&self, name: &str) -> Option<&Call> {
        self.commands
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.call)
    }

    /// The names of the commands, in order.
    pub fn names(&self) -> Vec<&str> {
        self.commands.iter().map(|c| c.name.as_str()).collect()
    }

    /// True when one `batch` request can carry it (at most [`MAX_BATCH_COMMANDS`]).
    pub fn fits_one_request(&self) -> bool {
        self.len() <= MAX_BATCH_COMMANDS
    }

    /// The batch as requests of at most [`MAX_BATCH_COMMANDS`] commands each, in order, never
    /// separating a command from one it references (`$result[name]…`): commands connected by
    /// references form a group, and groups are packed whole, in the order of their first
    /// command. A batch that fits is one request. (A single group larger than the limit would
    /// stay one oversized request; the plans of this model never build one.)
    pub fn into_requests(self) -> Vec<Batch> {
        let n = self.commands.len();
        let mut group: Vec<usize> = (0..n).collect();
        fn root(g: &mut [usize], mut i: usize) -> usize {
            while g[i] != i {
                g[i] = g[g[i]];
                i = g[i];
            }
            i
        }
        for i in 0..n {
            for name in referenced_commands(&self.commands[i].call.params) {
                if let Some(j) = self.commands[..i].iter().position(|c| c.name == name) {
                    let (a, b) = (root(&mut group, i), root(&mut group, j));
                    group[a.max(b)] = a.min(b);
                }
            }
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for i in 0..n {
            let r = root(&mut group, i);
            members[r].push(i);
        }
        let mut requests: Vec<Vec<usize>> = Vec::new();
        for g in members.into_iter().filter(|m| !m.is_empty()) {
            match requests.last_mut() {
                Some(last) if last.len() + g.len() <= MAX_BATCH_COMMANDS => last.extend(g),
                _ => requests.push(g),
            }
        }
        let mut slots: Vec<Option<Command>> = self.commands.into_iter().map(Some).collect();
        requests
            .into_iter()
            .map(|mut idx| {
                sort_by(&mut idx, |a, b| a < b);
                Batch {
                    commands: idx.into_iter().filter_map(|i| slots[i].take()).collect(),
                }
            })
            .collect()
    }
}

/// The names of the commands whose results `params` refers to.
fn referenced_commands(params: &Value) -> Vec<String> {
    match params {
        Value::String(s) => s
            .match_indices("$result[")
            .filter_map(|(i, m)| {
                let rest = &s[i + m.len()..];
                rest.find(']').map(|end| rest[..end].to_owned())
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(referenced_commands).collect(),
        Value::Object(map) => map.values().flat_map(referenced_commands).collect(),
        _ => Vec::new(),
    }
}

/// A reference to an earlier command's result inside a batch:
/// `result_ref("deal", &["CONTACT_ID"])` → `$result[deal][CONTACT_ID]`.
///
/// The server substitutes it before running the command that holds it. A whole parameter
/// value that is a reference takes the referenced value; a reference inside a longer text is
/// replaced by the referenced scalar.
pub fn result_ref(command: &str, path: &[&str]) -> String {
    let mut text = format!("$result[{command}]");
    for part in path {
        text.push('[');
        text.push_str(part);
        text.push(']');
    }
    text
}

/// References to a field of the first `slots` records of a list result:
/// `slot_refs("rows", &[], 2, "PRODUCT_ID")` → `$result[rows][0][PRODUCT_ID]`,
/// `$result[rows][1][PRODUCT_ID]`.
///
/// Used to filter a later list command by the IDs an earlier one returns, in the same request.
/// A slot past the end of the list does not resolve to an ID: Bitrix puts the whole list there
/// (`CRestUtil::processBatchElement`), which an ID filter reads as 1, so the command may return
/// record 1 too; the consumer of the results always keeps only the records it asked about (see
/// [`crate::model::view::requests`]).
pub fn slot_refs(command: &str, list_path: &[&str], slots: usize, field: &str) -> Vec<Value> {
    (0..slots)
        .map(|i| {
            let index = i.to_string();
            let mut path: Vec<&str> = list_path.to_vec();
            path.push(&index);
            path.push(field);
            Value::String(result_ref(command, &path))
        })
        .collect()
}
