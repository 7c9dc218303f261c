//! `filter` → SQL conditions. A prefix the method does not support stays part of the field
//! name, which then is unknown — as on the real server.

use rusqlite::types::Value as Sql;
use serde_json::Value;

use super::fields::{Field, Kind, input, php_int_of_array};
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
        // A variation's `parentId` is an element-link property (`CML2_LINK`): a number, which
        // reads an array as 1 like an ID.
        let element_link = field.name == "parentId";
        if entity.dialect == Dialect::Orm
            && !element_link
            && holds_array_for_text(field.kind, value)
        {
            return Err(text_filter_given_array());
        }
        let value = match element_link {
            true => arrays_as_php_ints(value),
            false => value.clone(),
        };
        out.push(condition(op, field, &value, &mut binds)?);
    }
    Ok((out, binds))
}

/// True when a text filter's values hold an array (a batch reference that stopped at a list or
/// record): `sale.*`/`catalog.*` escape each value as a string, which PHP 8 refuses.
fn holds_array_for_text(kind: Kind, value: &Value) -> bool {
    let nested = |v: &Value| matches!(v, Value::Array(_) | Value::Object(_));
    let text = matches!(kind, Kind::Text | Kind::Char | Kind::Date | Kind::Property);
    text && match value {
        Value::Array(items) => items.iter().any(nested),
        _ => false,
    }
}

/// The values of a list, each array or object among them read as PHP's `(int)` reads it.
fn arrays_as_php_ints(value: &Value) -> Value {
    let int = |v: &Value| php_int_of_array(v).map_or_else(|| v.clone(), Value::from);
    match value {
        Value::Array(items) => Value::Array(items.iter().map(int).collect()),
        other => other.clone(),
    }
}

/// The command's failure then: the controller reports the `TypeError` with code 0.
fn text_filter_given_array() -> RestError {
    RestError::numeric(
        0,
        "mysqli_real_escape_string(): Argument #2 ($string) must be of type string, array given",
    )
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

fn fold_text(value: Sql) -> Sql {
    match value {
        Sql::Text(text) => Sql::Text(crate::db::fold(&text)),
        other => other,
    }
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn condition(
    op: &str,
    field: &Field,
    value: &Value,
    binds: &mut Vec<Sql>,
) -> Result<String, RestError> {
    let (mut sql, kind) = (field.sql.as_str(), field.kind);
    let is_list = matches!(value, Value::Array(_))
        || (matches!(value, Value::Object(_)) && kind != Kind::Property);
    let mut list = values(kind, value);
    // A catalogue text stored folded (name, XML_ID, article) is compared as MySQL's
    // collations compare it in Bitrix: `=XML_ID` `guid-a` finds `GUID-A`.
    if let (Some(folded), "=" | "@" | "!" | "!=" | "!@") = (&field.folded, op) {
        sql = folded;
        list = list.into_iter().map(fold_text).collect();
    }
    let empty_text = matches!(value, Value::String(s) if s.is_empty());
    Ok(match op {
        "=" | "@" if is_list || (op == "@" && matches!(value, Value::String(_))) => {
            let list = if op == "@" && !is_list {
                value
                    .as_str()
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|v| input(kind, &Value::String(v.to_string())))
                    .map(|v| match field.folded {
                        Some(_) => fold_text(v),
                        None => v,
                    })
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
                field,
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
            like(field, list.iter().map(text).collect(), negate, binds)
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

/// Case-insensitive in every alphabet, as MySQL's collations are: the pattern is lowered once
/// here, the field's text per row unless it is stored folded.
fn like(field: &Field, patterns: Vec<String>, negate: bool, binds: &mut Vec<Sql>) -> String {
    if patterns.is_empty() {
        return "0".into();
    }
    let sql = &field.sql;
    let folded = match &field.folded {
        Some(folded) => folded.clone(),
        None => format!("ulower({sql})"),
    };
    let parts: Vec<String> = patterns
        .into_iter()
        .map(|p| {
            let p = crate::db::fold(&p);
            match Pattern::read(&p) {
                // Same answers as LIKE, but a prefix can use an index and a substring search
                // skips LIKE's per-character matching.
                Pattern::Prefix(text) => {
                    binds.push(Sql::Text(text.clone()));
                    binds.push(Sql::Text(format!("{text}{}", char::MAX)));
                    format!("({folded} >= ? AND {folded} < ?)")
                }
                Pattern::Contains(text) => {
                    binds.push(Sql::Text(text));
                    format!("instr({folded}, ?) > 0")
                }
                Pattern::Other => {
                    binds.push(Sql::Text(p));
                    format!("{folded} LIKE ? ESCAPE '\\'")
                }
            }
        })
        .collect();
    let any = format!("({})", parts.join(" OR "));
    if negate {
        format!("({sql} IS NULL OR NOT {any})")
    } else {
        any
    }
}

/// The shape of a LIKE pattern (`\\` escapes `%`, `_` and itself).
#[derive(Debug, PartialEq)]
enum Pattern {
    /// `text%`: starts with `text`.
    Prefix(String),
    /// `%text%`: contains `text` (not empty).
    Contains(String),
    /// Anything else.
    Other,
}

impl Pattern {
    fn read(pattern: &str) -> Pattern {
        enum Part {
            Text(String),
            Any,
            One,
        }
        let mut parts: Vec<Part> = vec![];
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            let literal = match c {
                '%' => {
                    parts.push(Part::Any);
                    continue;
                }
                '_' => {
                    parts.push(Part::One);
                    continue;
                }
                '\\' => match chars.next() {
                    Some(escaped) => escaped,
                    None => return Pattern::Other,
                },
                other => other,
            };
            match parts.last_mut() {
                Some(Part::Text(text)) => text.push(literal),
                _ => parts.push(Part::Text(literal.to_string())),
            }
        }
        match parts.as_slice() {
            [Part::Text(text), Part::Any] => Pattern::Prefix(text.clone()),
            [Part::Any, Part::Text(text), Part::Any] => Pattern::Contains(text.clone()),
            _ => Pattern::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn like_patterns_that_are_a_prefix_or_a_substring_are_recognised() {
        assert_eq!(Pattern::read("кофе%"), Pattern::Prefix("кофе".into()));
        assert_eq!(Pattern::read("%кофе%"), Pattern::Contains("кофе".into()));
        assert_eq!(Pattern::read("%50\\%%"), Pattern::Contains("50%".into()));
        assert_eq!(Pattern::read("a\\_b%"), Pattern::Prefix("a_b".into()));
    }

    #[test]
    fn other_like_patterns_stay_like() {
        for p in ["кофе", "%кофе", "к_фе%", "%к%фе%", "%%", "%", "a\\", "a%%"] {
            assert_eq!(Pattern::read(p), Pattern::Other, "{p}");
        }
    }
}
