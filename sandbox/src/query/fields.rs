//! How an entity's fields map to SQL and how their values look on the wire.

use rusqlite::types::{Value as Sql, ValueRef};
use serde_json::{Value, json};

use crate::clock;

/// The wire type of a field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// CRM integer, sent as a string: `"410"`.
    CrmId,
    /// CRM money, a string with two decimals: `"1176.00"`.
    CrmMoney,
    /// Text (CRM and sale alike).
    Text,
    /// Typed integer.
    Int,
    /// Typed number; whole values are written without a fraction (`980`, `0.2`).
    Float,
    /// `Y` / `N`.
    Char,
    /// ISO 8601 text.
    Date,
    /// JSON stored as text.
    Json,
    /// An information-block property: `{"value": ..., "valueId": "..."}` or `null`.
    Property,
    /// A CRM user field read with `json_extract`: already typed.
    UserField,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The name on the wire: `TITLE`, `statusId`, `property105`.
    pub name: String,
    /// SQL expression reading it.
    pub sql: String,
    pub kind: Kind,
    /// Part of the default selection (`*`).
    pub star: bool,
    /// SQL of the same text already in lower case (a stored column), which LIKE filters read
    /// instead of lowering every row.
    pub folded: Option<String>,
}

impl Field {
    pub fn new(name: &str, sql: &str, kind: Kind) -> Field {
        Field {
            name: name.to_string(),
            sql: sql.to_string(),
            kind,
            star: true,
            folded: None,
        }
    }

    /// The same field, with its text also stored lower-cased in `sql` for LIKE filters.
    pub fn folded(self, sql: &str) -> Field {
        Field {
            folded: Some(sql.to_string()),
            ..self
        }
    }

    /// A field that is only returned when selected by name.
    pub fn extra(name: &str, sql: &str, kind: Kind) -> Field {
        Field {
            star: false,
            ..Field::new(name, sql, kind)
        }
    }
}

/// A number as PHP's JSON writes Bitrix's typed floats: whole values without a fraction.
pub fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

pub fn money(x: f64) -> String {
    format!("{:.2}", x)
}

/// Reads a column as the field's wire value.
pub fn output(kind: Kind, value: ValueRef<'_>, row_id: i64) -> Value {
    match (kind, value) {
        (_, ValueRef::Null) => Value::Null,
        (Kind::CrmId, ValueRef::Integer(i)) => json!(i.to_string()),
        (Kind::CrmId, ValueRef::Real(f)) => json!((f as i64).to_string()),
        (Kind::CrmMoney, ValueRef::Integer(i)) => json!(money(i as f64)),
        (Kind::CrmMoney, ValueRef::Real(f)) => json!(money(f)),
        (Kind::Int, ValueRef::Integer(i)) => json!(i),
        (Kind::Int, ValueRef::Real(f)) => json!(f as i64),
        (Kind::Float, ValueRef::Integer(i)) => json!(i),
        (Kind::Float, ValueRef::Real(f)) => number(f),
        (Kind::Json, ValueRef::Text(t)) => serde_json::from_slice(t).unwrap_or(Value::Null),
        (Kind::Property, v) => {
            json!({"value": text_of(v), "valueId": (row_id * 10 + 5).to_string()})
        }
        (Kind::UserField, ValueRef::Integer(i)) => json!(i),
        (Kind::UserField, ValueRef::Real(f)) => number(f),
        (_, ValueRef::Integer(i)) => json!(i.to_string()),
        (_, ValueRef::Real(f)) => json!(f.to_string()),
        (_, v) => json!(text_of(v)),
    }
}

fn text_of(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => String::new(),
    }
}

/// PHP's `(int)` of an array (a JSON list or object): 1 when it holds anything, else 0;
/// `None` for any other value.
pub fn php_int_of_array(value: &Value) -> Option<i64> {
    match value {
        Value::Array(items) => Some(i64::from(!items.is_empty())),
        Value::Object(map) => Some(i64::from(!map.is_empty())),
        _ => None,
    }
}

/// A filter value converted for comparison with the field's column. `None`: cannot match.
pub fn input(kind: Kind, value: &Value) -> Option<Sql> {
    let value = match value {
        // Property filters may wrap the value: `{"value": "..."}`.
        Value::Object(map) if kind == Kind::Property => map.get("value")?,
        other => other,
    };
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => (if *b { "Y" } else { "N" }).to_string(),
        Value::Null => return Some(Sql::Null),
        // As the modules cast an ID filter's values (a batch reference that stopped at a list
        // or record reaches a filter so).
        Value::Array(_) | Value::Object(_) if matches!(kind, Kind::CrmId | Kind::Int) => {
            return php_int_of_array(value).map(Sql::Integer);
        }
        _ => return None,
    };
    Some(match kind {
        Kind::CrmId | Kind::Int => match text.parse::<i64>() {
            Ok(i) => Sql::Integer(i),
            Err(_) => match text.parse::<f64>() {
                Ok(f) => Sql::Real(f),
                Err(_) => Sql::Text(text),
            },
        },
        Kind::CrmMoney | Kind::Float => match text.parse::<f64>() {
            Ok(f) => Sql::Real(f),
            Err(_) => Sql::Text(text),
        },
        Kind::Date => Sql::Text(clock::normalize(&text).unwrap_or(text)),
        Kind::UserField => Sql::Text(text),
        _ => Sql::Text(text),
    })
}
