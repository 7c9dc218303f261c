//! Field readers for what Bitrix really sends.
//!
//! CRM methods send numbers as strings (`"410"`, `"1176.00"`), flags as `"Y"`/`"N"`, and `null`
//! or `""` for "none"; `sale.*` and `catalog.*` send typed JSON but are not consistent either (a
//! basket item's `id` is a string inside `sale.order.get`). Use these with
//! `#[serde(deserialize_with = "…")]` (and `#[serde(default)]` for optional fields).
//!
//! ```
//! use serde::Deserialize;
//! use bitrix_rest::value::lenient;
//!
//! #[derive(Deserialize)]
//! struct Row {
//!     #[serde(rename = "ID", deserialize_with = "lenient::id")]
//!     id: u64,
//!     #[serde(rename = "COMPANY_ID", default, deserialize_with = "lenient::opt_id")]
//!     company_id: Option<u64>,
//!     #[serde(rename = "TAX_INCLUDED", default, deserialize_with = "lenient::yes_no")]
//!     tax_included: bool,
//! }
//! let row: Row = serde_json::from_str(r#"{"ID":"7","COMPANY_ID":null,"TAX_INCLUDED":"Y"}"#).unwrap();
//! assert_eq!((row.id, row.company_id, row.tax_included), (7, None, true));
//! ```

use std::fmt;

use serde::Deserializer;
use serde::de::{Error, Visitor};

use super::Decimal;

/// A loosely typed scalar as it arrived.
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
}

impl Scalar {
    /// The scalar in a JSON value, read as serde_json's `Value` deserializer would hand it over.
    pub(crate) fn of(v: &serde_json::Value) -> Result<Scalar, String> {
        use serde_json::Value;
        Ok(match v {
            Value::Null => Scalar::Null,
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Scalar::Int(i128::from(u)),
                (None, Some(i)) => Scalar::Int(i128::from(i)),
                _ => Scalar::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(t) => Scalar::Text(t.clone()),
            Value::Array(_) | Value::Object(_) => {
                return Err("expected a string, number, boolean or null".to_owned());
            }
        })
    }
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }
    fn visit_unit<E: Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v.into()))
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v.into()))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }
    fn visit_string<E: Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

/// The readers on scalars, shared by the serde functions below and the `Value` decoders of
/// the models, so both read exactly alike.
pub(crate) mod read {
    use super::Scalar;
    use crate::value::Decimal;

    fn int(s: Scalar) -> Result<Option<i128>, String> {
        match s {
            Scalar::Null => Ok(None),
            Scalar::Int(i) => Ok(Some(i)),
            Scalar::Float(f) if f.fract() == 0.0 && f.is_finite() => Ok(Some(f as i128)),
            Scalar::Text(t) if t.trim().is_empty() => Ok(None),
            Scalar::Text(t) => t
                .trim()
                .parse::<i128>()
                .map(Some)
                .map_err(|_| format!("expected an integer, got {t:?}")),
            Scalar::Bool(_) | Scalar::Float(_) => Err("expected an integer".to_owned()),
        }
    }

    fn out_of_range<T>(_: T) -> String {
        "the number is out of range".to_owned()
    }

    pub(crate) fn id(s: Scalar) -> Result<u64, String> {
        match int(s)? {
            Some(i) => u64::try_from(i).map_err(out_of_range),
            None => Err("expected an identifier, got nothing".to_owned()),
        }
    }

    pub(crate) fn opt_id(s: Scalar) -> Result<Option<u64>, String> {
        match int(s)? {
            Some(0) | None => Ok(None),
            Some(i) => u64::try_from(i).map(Some).map_err(out_of_range),
        }
    }

    pub(crate) fn int_or_zero(s: Scalar) -> Result<i64, String> {
        i64::try_from(int(s)?.unwrap_or(0)).map_err(out_of_range)
    }

    pub(crate) fn yes_no(s: Scalar) -> Result<bool, String> {
        match s {
            Scalar::Null => Ok(false),
            Scalar::Bool(b) => Ok(b),
            Scalar::Int(i) => Ok(i != 0),
            Scalar::Text(t) => match t.trim() {
                "Y" | "y" | "1" | "true" => Ok(true),
                "N" | "n" | "0" | "false" | "" => Ok(false),
                other => Err(format!("expected Y or N, got {other:?}")),
            },
            Scalar::Float(_) => Err("expected Y or N, got a fraction".to_owned()),
        }
    }

    pub(crate) fn string(s: Scalar) -> String {
        match s {
            Scalar::Null => String::new(),
            Scalar::Bool(b) => if b { "Y" } else { "N" }.to_owned(),
            Scalar::Int(i) => int_text(i),
            Scalar::Float(f) => {
                serde_json::Number::from_f64(f).map_or_else(String::new, |n| n.to_string())
            }
            Scalar::Text(t) => t,
        }
    }

    /// An integer that came as `i64` or `u64` as text, without 128-bit formatting.
    fn int_text(i: i128) -> String {
        match (i64::try_from(i), u64::try_from(i)) {
            (Ok(v), _) => v.to_string(),
            (_, Ok(v)) => v.to_string(),
            _ => String::new(),
        }
    }

    pub(crate) fn opt_string(s: Scalar) -> Option<String> {
        Some(string(s)).filter(|t| !t.is_empty())
    }

    pub(crate) fn opt_decimal(s: Scalar) -> Result<Option<Decimal>, String> {
        match s {
            Scalar::Null => Ok(None),
            Scalar::Text(t) if t.trim().is_empty() => Ok(None),
            Scalar::Text(t) => t.parse().map(Some).map_err(|e| format!("{e}")),
            Scalar::Int(i) => i64::try_from(i)
                .map(|v| Some(Decimal::from(v)))
                .map_err(out_of_range),
            Scalar::Float(f) => crate::value::decimal::from_f64(f).map(Some),
            Scalar::Bool(_) => Err("expected a number, got a boolean".to_owned()),
        }
    }

    pub(crate) fn decimal_or_zero(s: Scalar) -> Result<Decimal, String> {
        Ok(opt_decimal(s)?.unwrap_or(Decimal::ZERO))
    }
}

/// An identifier: a JSON number or a numeric string (`410` or `"410"`). `null` is an error.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::id")] v: u64 }
/// let r: R = serde_json::from_str(r#"{"v":"410"}"#).unwrap();
/// assert_eq!(r.v, 410);
/// ```
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    read::id(scalar(d)?).map_err(D::Error::custom)
}

/// An optional identifier: `null`, `""`, `0` and `"0"` (Bitrix's "none") become `None`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::opt_id")] v: Option<u64> }
/// let r: R = serde_json::from_str(r#"{"v":"0"}"#).unwrap();
/// assert_eq!(r.v, None);
/// ```
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    read::opt_id(scalar(d)?).map_err(D::Error::custom)
}

/// A signed integer from a number or numeric string; `null` and `""` become `0`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::int_or_zero")] v: i64 }
/// let r: R = serde_json::from_str(r#"{"v":null}"#).unwrap();
/// assert_eq!(r.v, 0);
/// ```
pub fn int_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    read::int_or_zero(scalar(d)?).map_err(D::Error::custom)
}

/// A flag: `"Y"`/`"N"`, `true`/`false`, `1`/`0`, `"1"`/`"0"`; `null` and `""` are `false`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::yes_no")] v: bool }
/// let r: R = serde_json::from_str(r#"{"v":"Y"}"#).unwrap();
/// assert_eq!(r.v, true);
/// ```
pub fn yes_no<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    read::yes_no(scalar(d)?).map_err(D::Error::custom)
}

/// Text from a string, number or boolean; `null` becomes `""`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::string")] v: String }
/// let r: R = serde_json::from_str(r#"{"v":165}"#).unwrap();
/// assert_eq!(r.v, "165");
/// ```
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(read::string(scalar(d)?))
}

/// Optional text: `null` and `""` become `None`; numbers become their text.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::opt_string")] v: Option<String> }
/// let r: R = serde_json::from_str(r#"{"v":""}"#).unwrap();
/// assert_eq!(r.v, None);
/// ```
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(read::opt_string(scalar(d)?))
}

/// A decimal from a number or numeric string; `null` and `""` become zero.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::decimal_or_zero")] v: bitrix_rest::Decimal }
/// let r: R = serde_json::from_str(r#"{"v":"1176.00"}"#).unwrap();
/// assert_eq!(r.v, "1176".parse::<bitrix_rest::Decimal>().unwrap());
/// ```
pub fn decimal_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    read::decimal_or_zero(scalar(d)?).map_err(D::Error::custom)
}

/// An optional decimal: `null` and `""` become `None`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::opt_decimal")] v: Option<bitrix_rest::Decimal> }
/// let r: R = serde_json::from_str(r#"{"v":99.9}"#).unwrap();
/// assert_eq!(r.v, Some("99.9".parse().unwrap()));
/// ```
pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    read::opt_decimal(scalar(d)?).map_err(D::Error::custom)
}

/// A list that Bitrix may send as `[]`, as `null`, or as an object keyed by index
/// (`{"0":{…},"1":{…}}`, which PHP produces for arrays with gaps).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct R { #[serde(default, deserialize_with = "bitrix_rest::value::lenient::list")] v: Vec<u32> }
/// let r: R = serde_json::from_str(r#"{"v":{"0":1,"2":3}}"#).unwrap();
/// assert_eq!(r.v, vec![1, 3]);
/// ```
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    struct ListVisitor<T>(std::marker::PhantomData<T>);

    impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list, an object keyed by index, or null")
        }
        fn visit_unit<E: Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some((_, item)) = map.next_entry::<serde::de::IgnoredAny, T>()? {
                items.push(item);
            }
            Ok(items)
        }
    }

    d.deserialize_any(ListVisitor(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize, Debug)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_id")]
        a: Option<u64>,
        #[serde(default, deserialize_with = "yes_no")]
        f: bool,
        #[serde(default, deserialize_with = "string")]
        s: String,
        #[serde(default, deserialize_with = "opt_decimal")]
        m: Option<Decimal>,
        #[serde(default, deserialize_with = "list")]
        l: Vec<u32>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn none_values_of_bitrix_read_as_none() {
        for json in [
            r#"{"a":null}"#,
            r#"{"a":""}"#,
            r#"{"a":"0"}"#,
            r#"{"a":0}"#,
            "{}",
        ] {
            assert_eq!(probe(json).a, None, "{json}");
        }
        assert_eq!(probe(r#"{"a":"84"}"#).a, Some(84));
        assert_eq!(probe(r#"{"m":""}"#).m, None);
    }

    #[test]
    fn flags_strings_and_lists_read_leniently() {
        assert!(probe(r#"{"f":"Y"}"#).f);
        assert!(!probe(r#"{"f":"N"}"#).f);
        assert!(probe(r#"{"f":true}"#).f);
        assert_eq!(probe(r#"{"s":165}"#).s, "165");
        assert_eq!(
            probe(r#"{"m":"1176.00"}"#).m.unwrap().to_string(),
            "1176.00"
        );
        assert_eq!(probe(r#"{"l":{"0":1,"2":3}}"#).l, vec![1, 3]);
        assert!(probe(r#"{"l":[]}"#).l.is_empty());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(serde_json::from_str::<Probe>(r#"{"a":"x1"}"#).is_err());
        assert!(serde_json::from_str::<Probe>(r#"{"f":"maybe"}"#).is_err());
        assert!(serde_json::from_str::<Probe>(r#"{"m":"1,5"}"#).is_err());
    }
}
