//! `filter` → SQL conditions. A prefix the method does not support stays part of the field
//! name, which then is unknown — as on the real server.

use rusqlite::types::Value as Sql;
use serde_json::Value;

use super::fields::{Kind, input};
use super::{Dialect, Entity};
use crate::rest::RestError;

/// Longest first, so that `!=%` is not read as `!`.
const PREFIXES: &[&str] = &[
    "!=%", "!%=", "!@", "!%", "!=", ">=", "<=", "=%", "%=", "!", ">", "<", "@", "%", "=",
];

pub fn conditions(
    entity: &Entity,
    filter: Option<&Value>,
) -> Result<(Vec<String>, Vec<Sql>), RestError> {
    let mut out = vec![];
    let mut binds = vec![];
    let Some(Value::Object(map)) = filter else {
        return Ok((out, binds));
    };
    for (key, value) in map {
        let (op, name) = split(key, entity.ops);
        let Some(field) = entity.field(name) else {
            if entity.dialect == Dialect::Orm {
                return Err(entity.error(format!("Unknown field definition `{key}` in filter")));
            }
            continue;
        };
        out.push(condition(op, &field.sql, field.kind, value, &mut binds)?);
    }
    Ok((out, binds))
}

fn split<'a>(key: &'a str, allowed: &[&str]) -> (&'a str, &'a str) {
    for prefix in PREFIXES {
        if let Some(rest) = key.strip_prefix(prefix) {
            if allowed.contains(prefix) {
                return (prefix, rest);
            }
            return ("=", key);
        }
    }
    ("=", key)
}

fn values(kind: Kind, value: &Value) -> Vec<Sql> {
    match value {
        Value::Array(items) => items.iter().filter_map(|v| input(kind, v)).collect(),
        Value::Object(map) if kind != Kind::Property => {
            map.values().filter_map(|v| input(kind, v)).collect()
        }
        other => input(kind, other).into_iter().collect(),
    }
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn condition(
    op: &str,
    sql: &str,
    kind: Kind,
    value: &Value,
    binds: &mut Vec<Sql>,
) -> Result<String, RestError> {
    let is_list = matches!(value, Value::Array(_))
        || (matches!(value, Value::Object(_)) && kind != Kind::Property);
    let list = values(kind, value);
    let empty_text = matches!(value, Value::String(s) if s.is_empty());
    Ok(match op {
        "=" | "@" if is_list || (op == "@" && matches!(value, Value::String(_))) => {
            let list = if op == "@" && !is_list {
                value
                    .as_str()
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|v| input(kind, &Value::String(v.to_string())))
                    .collect()
            } else {
                list
            };
            if list.is_empty() {
                return Ok("0".into());
            }
            let n = list.len();
            binds.extend(list);
            format!("{sql} IN ({})", placeholders(n))
        }
        "!@" | "!" | "!=" if is_list => {
            if list.is_empty() {
                return Ok("1".into());
            }
            let n = list.len();
            binds.extend(list);
            format!("({sql} IS NULL OR {sql} NOT IN ({}))", placeholders(n))
        }
        "=" | "@" if empty_text || matches!(list.first(), Some(Sql::Null)) => {
            format!("({sql} IS NULL OR {sql} = '')")
        }
        "!" | "!=" | "!@" if empty_text || matches!(list.first(), Some(Sql::Null)) => {
            format!("({sql} IS NOT NULL AND {sql} <> '')")
        }
        "=" | "@" => bind_one(binds, list, format!("{sql} = ?")),
        "!" | "!=" | "!@" => bind_one(binds, list, format!("({sql} IS NULL OR {sql} <> ?)")),
        ">" | ">=" | "<" | "<=" => bind_one(binds, list, format!("{sql} {op} ?")),
        "%" | "!%" => {
            let texts: Vec<String> = list.iter().map(text).collect();
            let negate = op == "!%";
            like(
                sql,
                texts
                    .iter()
                    .map(|t| format!("%{}%", like_escape(t)))
                    .collect(),
                negate,
                binds,
            )
        }
        "=%" | "%=" | "!=%" | "!%=" => {
            let negate = op.starts_with('!');
            like(sql, list.iter().map(text).collect(), negate, binds)
        }
        _ => "1".into(),
    })
}

fn bind_one(binds: &mut Vec<Sql>, list: Vec<Sql>, sql: String) -> String {
    match list.into_iter().next() {
        Some(v) => {
            binds.push(v);
            sql
        }
        None => "0".into(),
    }
}

fn text(v: &Sql) -> String {
    match v {
        Sql::Text(t) => t.clone(),
        Sql::Integer(i) => i.to_string(),
        Sql::Real(f) => f.to_string(),
        _ => String::new(),
    }
}

/// Case-insensitive in every alphabet, as MySQL's collations are.
fn like(sql: &str, patterns: Vec<String>, negate: bool, binds: &mut Vec<Sql>) -> String {
    if patterns.is_empty() {
        return "0".into();
    }
    let parts: Vec<String> = patterns
        .into_iter()
        .map(|p| {
            binds.push(Sql::Text(p));
            format!("ulower({sql}) LIKE ulower(?) ESCAPE '\\'")
        })
        .collect();
    let any = format!("({})", parts.join(" OR "));
    if negate {
        format!("({sql} IS NULL OR NOT {any})")
    } else {
        any
    }
}
