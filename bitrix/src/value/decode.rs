//! Reading typed records straight from a `serde_json::Value`, without serde's generic
//! machinery: a few small non-generic readers per field instead of a derived visitor per
//! record and deserializer. This is how the client reads its models; in a wasm build it is
//! several times smaller than the derived decoders. The readers are the ones of
//! [`lenient`](super::lenient), so both paths read alike (tests compare them).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use super::Decimal;
use super::lenient::{Scalar, read};

/// Why a value could not be read, and where (`basketItems[0].price`).
///
/// ```
/// use bitrix_rest::value::{Fields, FromValue};
/// let e = <Vec<bitrix_rest::models::sale::BasketItem>>::from_value(
///     &serde_json::json!([{"id": 1, "price": "x"}])).unwrap_err();
/// assert_eq!(e.to_string(), "at `[0].price`: not a decimal number: \"x\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    /// An error at the current place.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::value::DecodeError::new("bad").to_string(), "bad");
    /// ```
    pub fn new(message: impl Into<String>) -> DecodeError {
        DecodeError {
            path: String::new(),
            message: message.into(),
        }
    }

    /// An error at `path` (serde's notation: `basketItems[0].price`).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn at(path: String, message: String) -> DecodeError {
        DecodeError { path, message }
    }

    /// What went wrong, without the place.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::value::DecodeError::new("bad").message(), "bad");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error inside field `key` (or list index, written `[0]`).
    #[inline(never)]
    fn inside(mut self, segment: &str) -> DecodeError {
        let joint = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = format!("{segment}{joint}{}", self.path);
        self
    }

    /// Where it failed, e.g. `basketItems[0].price`; empty at the top.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::value::DecodeError::new("bad").path(), "");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

/// A type read from a JSON value by hand-written, non-generic code. Every model implements
/// it; implement it for your own records to use [`Command::decoded`](crate::Command::decoded).
///
/// ```
/// use bitrix_rest::value::{DecodeError, Fields, FromValue};
/// struct Stage { code: String, won: bool }
/// impl FromValue for Stage {
///     fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
///         let f = Fields::of(v)?;
///         let stage = Stage { code: f.string("STATUS_ID"), won: f.opt_string("SEMANTICS").as_deref() == Some("S") };
///         f.finish(stage)
///     }
/// }
/// let s = Stage::from_value(&serde_json::json!({"STATUS_ID": "WON", "SEMANTICS": "S"})).unwrap();
/// assert!(s.won && s.code == "WON");
/// ```
pub trait FromValue: Sized {
    /// Reads the value, or says where and why it could not.
    fn from_value(v: &Value) -> Result<Self, DecodeError>;
}

/// The fields of a JSON object, read leniently like the [`lenient`](super::lenient) readers:
/// an absent optional field reads as its default, an absent required one is an error.
///
/// Readers return plain values and remember the first error; [`finish`](Fields::finish) hands
/// the record back or that error. (No early return per field: in wasm that keeps each
/// decoder a straight run of calls instead of a cascade of clean-up paths.)
///
/// ```
/// use bitrix_rest::value::Fields;
/// let v = serde_json::json!({"ID": "410", "OPPORTUNITY": "1176.00", "CLOSED": "N"});
/// let f = Fields::of(&v).unwrap();
/// let row = (f.id("ID"), f.decimal_or_zero("OPPORTUNITY"), f.yes_no("CLOSED"));
/// let (id, sum, closed) = f.finish(row).unwrap();
/// assert_eq!((id, sum.to_string(), closed), (410, "1176.00".to_owned(), false));
///
/// let f = Fields::of(&v).unwrap();
/// let missing = f.id("MISSING");
/// assert_eq!(f.finish(missing).unwrap_err().to_string(), "missing field `MISSING`");
/// ```
#[derive(Debug)]
pub struct Fields<'a> {
    map: Option<&'a Map<String, Value>>,
    error: RefCell<Option<DecodeError>>,
}

impl<'a> Fields<'a> {
    /// The fields of an object; `[]` (PHP's empty object) has none.
    #[inline(never)]
    pub fn of(v: &'a Value) -> Result<Fields<'a>, DecodeError> {
        let map = match v {
            Value::Object(map) => Some(map),
            Value::Array(items) if items.is_empty() => None,
            other => {
                return Err(DecodeError::new(format!(
                    "expected an object, got {}",
                    kind(other)
                )));
            }
        };
        Ok(Fields {
            map,
            error: RefCell::new(None),
        })
    }

    /// The record read, or the first error met while reading it.
    #[inline(never)]
    pub fn finish<T>(self, value: T) -> Result<T, DecodeError> {
        match self.error.into_inner() {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }

    /// Remembers the first error; later ones are dropped.
    #[inline(never)]
    fn fail(&self, e: DecodeError) {
        let mut slot = self.error.borrow_mut();
        if slot.is_none() {
            *slot = Some(e);
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map?.get(key)
    }

    /// The scalar at `key`: `None` (absent), or what it holds; a failure is remembered.
    #[inline(never)]
    fn scalar(&self, key: &str, required: bool) -> Option<Scalar> {
        match self.get(key) {
            None if required => {
                self.fail(DecodeError::new(format!("missing field `{key}`")));
                None
            }
            None => None,
            Some(v) => match Scalar::of(v) {
                Ok(s) => Some(s),
                Err(m) => {
                    self.fail(DecodeError::new(m).inside(key));
                    None
                }
            },
        }
    }

    #[inline(never)]
    fn read<T: Default>(
        &self,
        key: &str,
        required: bool,
        reader: fn(Scalar) -> Result<T, String>,
    ) -> T {
        let Some(s) = self.scalar(key, required) else {
            return T::default();
        };
        reader(s).unwrap_or_else(|m| {
            self.fail(DecodeError::new(m).inside(key));
            T::default()
        })
    }

    /// A required identifier (`410` or `"410"`).
    pub fn id(&self, key: &str) -> u64 {
        self.read(key, true, read::id)
    }

    /// An optional identifier; `null`, `""`, `0` and absence are `None`.
    pub fn opt_id(&self, key: &str) -> Option<u64> {
        self.read(key, false, read::opt_id)
    }

    /// An integer; `null`, `""` and absence are 0.
    pub fn int_or_zero(&self, key: &str) -> i64 {
        self.read(key, false, read::int_or_zero)
    }

    /// A `Y`/`N` flag; `null`, `""` and absence are false.
    pub fn yes_no(&self, key: &str) -> bool {
        self.read(key, false, read::yes_no)
    }

    /// Text (numbers as their text); `null` and absence are `""`.
    pub fn string(&self, key: &str) -> String {
        self.read(key, false, |s| Ok(read::string(s)))
    }

    /// Required text (numbers as their text); `null` is `""`.
    pub fn required_string(&self, key: &str) -> String {
        self.read(key, true, |s| Ok(read::string(s)))
    }

    /// Optional text; `null`, `""` and absence are `None`.
    pub fn opt_string(&self, key: &str) -> Option<String> {
        self.read(key, false, |s| Ok(read::opt_string(s)))
    }

    /// A decimal; `null`, `""` and absence are zero.
    pub fn decimal_or_zero(&self, key: &str) -> Decimal {
        self.read(key, false, read::decimal_or_zero)
    }

    /// An optional decimal; `null`, `""` and absence are `None`.
    pub fn opt_decimal(&self, key: &str) -> Option<Decimal> {
        self.read(key, false, read::opt_decimal)
    }

    /// A list (`[]`, `null`, absent, or an object keyed by index) of records.
    pub fn list<T: FromValue>(&self, key: &str) -> Vec<T> {
        match self.get(key) {
            None => Vec::new(),
            Some(v) => Vec::<T>::from_value(v).unwrap_or_else(|e| {
                self.fail(e.inside(key));
                Vec::new()
            }),
        }
    }

    /// A list of plain unsigned numbers (strict, like serde's `Vec<u64>`); absent is empty.
    #[inline(never)]
    pub fn numbers(&self, key: &str) -> Vec<u64> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Value::Array(items) = v else {
            self.fail(DecodeError::new(format!("expected a list, got {}", kind(v))).inside(key));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.as_u64() {
                Some(n) => out.push(n),
                None => {
                    self.fail(
                        DecodeError::new(format!("expected a number, got {}", kind(item)))
                            .inside(&format!("[{i}]"))
                            .inside(key),
                    );
                    return Vec::new();
                }
            }
        }
        out
    }

    /// Every field not named in `known` (for `UF_CRM_*` fields and other extras), in the
    /// order the answer lists them.
    #[inline(never)]
    pub fn rest(&self, known: &[&str]) -> Map<String, Value> {
        let mut rest = Map::new();
        for (k, v) in self.map.into_iter().flatten() {
            if !known.contains(&k.as_str()) {
                rest.insert(k.clone(), v.clone());
            }
        }
        rest
    }
}

/// What kind of JSON value `v` is, for error messages: "null", "a number", "a list", …
///
/// ```
/// assert_eq!(bitrix_rest::value::kind(&serde_json::json!([1])), "a list");
/// ```
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Visits the items of a list (`[…]`, `null`, or an object keyed by index), adding the item's
/// place to an error. Not generic, so every list type shares it.
#[inline(never)]
fn each_item(
    v: &Value,
    visit: &mut dyn FnMut(&Value) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    match v {
        Value::Null => Ok(()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item).map_err(|e| e.inside(&format!("[{i}]")))?;
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, item) in map {
                visit(item).map_err(|e| e.inside(&format!("[{k}]")))?;
            }
            Ok(())
        }
        other => Err(DecodeError::new(format!(
            "expected a list, got {}",
            kind(other)
        ))),
    }
}

/// A list: `[…]`, `null` (empty), or an object keyed by index (`{"0":…,"1":…}`).
impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        let mut out = Vec::new();
        each_item(v, &mut |item| {
            out.push(T::from_value(item)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// A map by key (`crm.deal.fields`); `[]` is empty.
impl<T: FromValue> FromValue for BTreeMap<String, T> {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        match v {
            Value::Object(map) => {
                let mut out = BTreeMap::new();
                for (k, item) in map {
                    out.insert(k.clone(), T::from_value(item).map_err(|e| e.inside(k))?);
                }
                Ok(out)
            }
            Value::Array(items) if items.is_empty() => Ok(BTreeMap::new()),
            other => Err(DecodeError::new(format!(
                "expected an object, got {}",
                kind(other)
            ))),
        }
    }
}

impl FromValue for Value {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        Ok(v.clone())
    }
}

/// A flag result (`true`, or `"Y"`, `1`).
impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        Scalar::of(v)
            .and_then(read::yes_no)
            .map_err(DecodeError::new)
    }
}

/// A count or ID result (`4` or `"4"`).
impl FromValue for u64 {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        Scalar::of(v).and_then(read::id).map_err(DecodeError::new)
    }
}

/// Text (numbers as their text).
impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        Scalar::of(v).map(read::string).map_err(DecodeError::new)
    }
}

/// A decimal (number or numeric string).
impl FromValue for Decimal {
    fn from_value(v: &Value) -> Result<Self, DecodeError> {
        Scalar::of(v)
            .and_then(read::decimal_or_zero)
            .map_err(DecodeError::new)
    }
}
