//! `batch`: up to 50 commands in one call, later ones reading earlier results through
//! `$result[name][FIELD]` / `$result[name][0][FIELD]`.

use serde_json::{Map, Value, json};

use super::envelope::Timer;
use super::params::{parse_form, php_array_to_json};
use super::{Ctx, Params, Reply, RestError, as_yes_no, param_ci, registry};

pub const MAX_COMMANDS: usize = 50;

/// The commands of a batch call as `(name, "method?query")`, in order.
pub fn commands(params: &Params) -> Vec<(String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    match param_ci(params, "cmd") {
        Some(Value::Object(map)) => match super::params::key_order(params, "cmd") {
            // JSON objects lose their key order; the request's order was kept beside them.
            Some(keys) => keys
                .iter()
                .filter_map(Value::as_str)
                .filter_map(|k| map.get(k).map(|v| (k.to_string(), text(v))))
                .collect(),
            None => map.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        },
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v.as_str().unwrap_or("").to_string()))
            .collect(),
        _ => vec![],
    }
}

/// The method name of a command (`crm.deal.get?id=1` → `crm.deal.get`), lower case.
pub fn method_of(command: &str) -> String {
    command
        .split('?')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(".json")
        .to_ascii_lowercase()
}

pub fn run(ctx: &Ctx, params: &Params, on_command: &dyn Fn(&str)) -> Result<Reply, RestError> {
    let commands = commands(params);
    if commands.len() > MAX_COMMANDS {
        return Err(RestError::new(
            400,
            "ERROR_BATCH_LENGTH_EXCEEDED",
            "Max batch length exceeded",
        ));
    }
    let halt = param_ci(params, "halt").and_then(as_yes_no) == Some("Y");
    let mut results: Vec<(String, Value)> = vec![];
    let mut errors: Vec<(String, Value)> = vec![];
    let mut totals: Vec<(String, Value)> = vec![];
    let mut nexts: Vec<(String, Value)> = vec![];
    let mut times: Vec<(String, Value)> = vec![];
    for (name, command) in commands {
        let timer = Timer::start();
        let method = method_of(&command);
        on_command(&method);
        let query = command.split_once('?').map(|(_, q)| q).unwrap_or("");
        let mut inner = Map::new();
        parse_form(query, &mut inner);
        let inner = resolve_references(Value::Object(inner), &results);
        let inner = match inner {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        // The batch's own credentials serve every command.
        let outcome = if method == "batch" {
            Err(RestError::new(
                405,
                "ERROR_BATCH_METHOD_NOT_ALLOWED",
                "Method is not allowed for batch usage",
            ))
        } else if ctx.state.faults.denies(ctx.caller.side, &method) {
            Err(RestError::refused_by_module(&method))
        } else {
            registry::call(ctx, &method, &inner)
        };
        match outcome {
            Ok(reply) => {
                results.push((name.clone(), reply.result));
                if let Some(total) = reply.total {
                    totals.push((name.clone(), json!(total)));
                }
                if let Some(next) = reply.next {
                    nexts.push((name.clone(), json!(next)));
                }
                times.push((name, timer.block()));
            }
            Err(error) => {
                errors.push((name.clone(), error.body()));
                times.push((name, timer.block()));
                if halt {
                    break;
                }
            }
        }
    }
    Ok(Reply::new(json!({
        "result": php_array_to_json(results),
        "result_error": php_array_to_json(errors),
        "result_total": php_array_to_json(totals),
        "result_next": php_array_to_json(nexts),
        "result_time": php_array_to_json(times),
    })))
}

/// Replaces references to earlier results in every text value.
fn resolve_references(value: Value, results: &[(String, Value)]) -> Value {
    match value {
        Value::String(text) => resolve_text(&text, results),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| resolve_references(v, results))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, resolve_references(v, results)))
                .collect(),
        ),
        other => other,
    }
}

const MARK: &str = "$result[";

/// A reference as `CRestUtil::processBatchElement` reads it (module `rest`): a value that is one
/// whole reference takes what it reached — the value, or where the path stopped: the list a slot
/// past its end belongs to, the record whose field is `null`, or the map of every earlier result
/// when the command named failed or has not run (keys case-sensitive, as PHP's `isset`). A
/// reference inside a longer text is replaced only by a text or number it reached in full, and
/// otherwise stays as written.
fn resolve_text(text: &str, results: &[(String, Value)]) -> Value {
    if !text.contains(MARK) {
        return Value::String(text.to_string());
    }
    if let Some(found) = reference_at(text, results)
        && found.used == text.len()
    {
        return match found.reached {
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(if b { "1".into() } else { String::new() }),
            other => other,
        };
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        match reference_at(&rest[at..], results) {
            Some(found) => {
                let written = &rest[at..at + found.used];
                match (found.complete, found.reached) {
                    (true, Value::String(s)) => out.push_str(&s),
                    (true, Value::Number(n)) => out.push_str(&n.to_string()),
                    _ => out.push_str(written),
                }
                rest = &rest[at + found.used..];
            }
            None => {
                out.push_str(MARK);
                rest = &rest[at + MARK.len()..];
            }
        }
    }
    out.push_str(rest);
    Value::String(out)
}

/// What a reference reached.
struct Reached {
    /// The value at the end of its path, or where the path stopped.
    reached: Value,
    /// The whole path was followed.
    complete: bool,
    /// The bytes of the reference.
    used: usize,
}

/// Reads `$result[name][a][b]...` at the start of `text`.
fn reference_at(text: &str, results: &[(String, Value)]) -> Option<Reached> {
    let mut keys = vec![];
    let mut used = "$result".len();
    let mut rest = &text[used..];
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        keys.push(&inner[..close]);
        used += close + 2;
        rest = &inner[close + 1..];
    }
    let (name, path) = keys.split_first()?;
    let Some((_, first)) = results.iter().find(|(n, v)| n == name && !v.is_null()) else {
        let all = results
            .iter()
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect();
        return Some(Reached {
            reached: Value::Object(all),
            complete: false,
            used,
        });
    };
    let mut current = first;
    for key in path {
        let next = match current {
            Value::Object(map) => map.get(*key),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next.filter(|v| !v.is_null()) {
            Some(v) => current = v,
            None => {
                return Some(Reached {
                    reached: current.clone(),
                    complete: false,
                    used,
                });
            }
        }
    }
    Some(Reached {
        reached: current.clone(),
        complete: true,
        used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_reach_into_objects_and_lists() {
        let results = vec![
            ("deal".to_string(), json!({"ID": "410", "CONTACT_ID": "84"})),
            ("list".to_string(), json!([{"ID": "7"}])),
        ];
        assert_eq!(resolve_text("$result[deal][ID]", &results), json!("410"));
        assert_eq!(resolve_text("$result[list][0][ID]", &results), json!("7"));
        assert_eq!(
            resolve_text("x-$result[deal][CONTACT_ID]-y", &results),
            json!("x-84-y")
        );
        assert_eq!(
            resolve_text("x-$result[missing][ID]-y", &results),
            json!("x-$result[missing][ID]-y"),
            "inside a text, a reference not followed to the end stays as written"
        );
    }

    #[test]
    fn a_whole_reference_not_followed_to_the_end_takes_where_it_stopped() {
        let results = vec![
            ("deal".to_string(), json!({"ID": "410", "CONTACT_ID": null})),
            ("rows".to_string(), json!([{"PRODUCT_ID": "7"}])),
        ];
        // A slot past the end of a list: the list.
        assert_eq!(
            resolve_text("$result[rows][3][PRODUCT_ID]", &results),
            json!([{"PRODUCT_ID": "7"}])
        );
        // A field that is null: the record.
        assert_eq!(
            resolve_text("$result[deal][CONTACT_ID]", &results),
            json!({"ID": "410", "CONTACT_ID": null})
        );
        // Keys as written: `id` is not `ID`.
        assert_eq!(
            resolve_text("$result[deal][id]", &results),
            json!({"ID": "410", "CONTACT_ID": null})
        );
        // A command that failed or has not run: every result so far.
        assert_eq!(
            resolve_text("$result[missing][0][id]", &results),
            json!({"deal": {"ID": "410", "CONTACT_ID": null}, "rows": [{"PRODUCT_ID": "7"}]})
        );
    }
}
