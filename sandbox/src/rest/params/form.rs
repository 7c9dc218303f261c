//! Form bodies and query strings in PHP bracket notation (`filter[>ID]=5&select[]=ID`), read
//! into JSON as PHP's `parse_str` reads them into arrays.

use serde_json::{Map, Value};

use super::{ORDERED, order_key};

/// A PHP array while it is being built: ordered keys, values are strings or arrays.
#[derive(Debug, Clone)]
enum Php {
    Text(String),
    Array(Vec<(String, Php)>),
}

impl Php {
    fn insert(&mut self, keys: &[String], value: String) {
        let Php::Array(entries) = self else { return };
        let Some((first, rest)) = keys.split_first() else {
            return;
        };
        let key = if first.is_empty() {
            // `a[]=x` appends with the next integer key, as PHP does.
            let next = entries
                .iter()
                .filter_map(|(k, _)| k.parse::<i64>().ok())
                .max()
                .map_or(0, |m| m + 1);
            next.to_string()
        } else {
            first.clone()
        };
        if rest.is_empty() {
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = Php::Text(value),
                None => entries.push((key, Php::Text(value))),
            }
            return;
        }
        let slot = match entries.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                if !matches!(entries[i].1, Php::Array(_)) {
                    entries[i].1 = Php::Array(vec![]);
                }
                i
            }
            None => {
                entries.push((key, Php::Array(vec![])));
                entries.len() - 1
            }
        };
        entries[slot].1.insert(rest, value);
    }

    fn into_json(self) -> Value {
        match self {
            Php::Text(s) => Value::String(s),
            Php::Array(entries) => php_array_to_json(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, v.into_json()))
                    .collect(),
            ),
        }
    }
}

/// A PHP array in JSON: a list when its keys are 0, 1, 2, ... in order, else an object —
/// and an empty array is `[]`, exactly as `json_encode` writes it.
pub fn php_array_to_json(entries: Vec<(String, Value)>) -> Value {
    let sequential = entries
        .iter()
        .enumerate()
        .all(|(i, (k, _))| *k == i.to_string());
    if sequential {
        Value::Array(entries.into_iter().map(|(_, v)| v).collect())
    } else {
        Value::Object(entries.into_iter().collect())
    }
}

/// Splits `filter[>ID][0]` into `filter`, `>ID`, `0`. A key without brackets is one part.
fn split_key(key: &str) -> Vec<String> {
    let Some(open) = key.find('[') else {
        return vec![key.to_string()];
    };
    if open == 0 {
        return vec![key.to_string()];
    }
    let mut parts = vec![key[..open].to_string()];
    let mut rest = &key[open..];
    while let Some(stripped) = rest.strip_prefix('[') {
        match stripped.find(']') {
            Some(close) => {
                parts.push(stripped[..close].to_string());
                rest = &stripped[close + 1..];
            }
            None => break,
        }
    }
    parts
}

/// Parses `application/x-www-form-urlencoded` text (query string or body) into `into`.
pub fn parse_form(text: &str, into: &mut Map<String, Value>) {
    let mut root = Php::Array(vec![]);
    for (key, value) in form_urlencoded::parse(text.as_bytes()) {
        if key.is_empty() {
            continue;
        }
        root.insert(&split_key(&key), value.into_owned());
    }
    let Php::Array(entries) = root else { return };
    for (key, value) in entries {
        if ORDERED.iter().any(|o| o.eq_ignore_ascii_case(&key))
            && let Php::Array(inner) = &value
        {
            let keys = inner
                .iter()
                .map(|(k, _)| Value::String(k.clone()))
                .collect();
            into.insert(order_key(&key), Value::Array(keys));
        }
        into.insert(key, value.into_json());
    }
}
