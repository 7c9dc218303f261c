//! The REST engine: parameters, auth, envelopes, limits, batch, and the method table.

pub mod batch;
pub mod bucket;
pub mod caller;
pub mod envelope;
mod error;
pub mod handler;
pub mod params;
pub mod registry;

pub use caller::Caller;
pub use envelope::Reply;
pub use error::RestError;

use serde_json::{Map, Value};

use crate::state::AppState;

/// What a method sees: the shared state and who is calling.
pub struct Ctx<'a> {
    pub state: &'a AppState,
    pub caller: &'a Caller,
}

pub type Params = Map<String, Value>;

/// A parameter by exact name (`sale.*`, `catalog.*`).
pub fn param<'a>(params: &'a Params, name: &str) -> Option<&'a Value> {
    params.get(name)
}

/// A parameter in any case (`crm.*` upper-cases parameter names).
pub fn param_ci<'a>(params: &'a Params, name: &str) -> Option<&'a Value> {
    params.get(name).or_else(|| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// An object parameter (`order`) as a list of one-key objects in the order the request gave
/// its keys, so that sorting follows the caller's priority.
pub fn ordered(params: &Params, name: &str) -> Option<Value> {
    let value = param_ci(params, name)?;
    let Value::Object(map) = value else {
        return Some(value.clone());
    };
    let keys = params::key_order(params, name)?;
    let list = keys
        .iter()
        .filter_map(Value::as_str)
        .filter_map(|k| {
            map.get(k)
                .map(|v| Value::Object(Map::from_iter([(k.to_string(), v.clone())])))
        })
        .collect();
    Some(Value::Array(list))
}

/// A positive integer from a number or numeric text.
pub fn as_id(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|id| *id > 0)
}

/// A number from a JSON number or text (`"1176.00"`, `"1 176,5"` is not a number).
pub fn as_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// Text from a string or a number.
pub fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "Y".into() } else { "N".into() }),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// `Y`/`N` from `Y`, `N`, `true`, `1`, ...
pub fn as_yes_no(value: &Value) -> Option<&'static str> {
    match value {
        Value::Bool(true) => Some("Y"),
        Value::Bool(false) => Some("N"),
        Value::Number(n) => Some(if n.as_f64() == Some(0.0) { "N" } else { "Y" }),
        Value::String(s) => match s.trim().to_ascii_uppercase().as_str() {
            "Y" | "1" | "TRUE" => Some("Y"),
            "N" | "0" | "FALSE" | "" => Some("N"),
            _ => None,
        },
        _ => None,
    }
}

/// The `fields` object of an add/update call (CRM accepts it in any case).
pub fn fields_of(params: &Params) -> Option<&Map<String, Value>> {
    param_ci(params, "fields").and_then(Value::as_object)
}
