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
use super::decimal::DecimalVisitor;

/// A loosely typed scalar as it arrived.
enum Scalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
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

fn int_from<E: Error>(s: Scalar) -> Result<Option<i128>, E> {
    match s {
        Scalar::Null => Ok(None),
        Scalar::Int(i) => Ok(Some(i)),
        Scalar::Float(f) if f.fract() == 0.0 && f.is_finite() => Ok(Some(f as i128)),
        Scalar::Text(t) if t.trim().is_empty() => Ok(None),
        Scalar::Text(t) => t
            .trim()
            .parse::<i128>()
            .map(Some)
            .map_err(|_| E::custom(format!("expected an integer, got {t:?}"))),
        Scalar::Bool(_) | Scalar::Float(_) => Err(E::custom("expected an integer")),
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
    match int_from(scalar(d)?)? {
        Some(i) => u64::try_from(i).map_err(D::Error::custom),
        None => Err(D::Error::custom("expected an identifier, got nothing")),
    }
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
    match int_from(scalar(d)?)? {
        Some(0) | None => Ok(None),
        Some(i) => u64::try_from(i).map(Some).map_err(D::Error::custom),
    }
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
    let v = int_from(scalar(d)?)?.unwrap_or(0);
    i64::try_from(v).map_err(D::Error::custom)
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
    match scalar(d)? {
        Scalar::Null => Ok(false),
        Scalar::Bool(b) => Ok(b),
        Scalar::Int(i) => Ok(i != 0),
        Scalar::Text(t) => match t.trim() {
            "Y" | "y" | "1" | "true" => Ok(true),
            "N" | "n" | "0" | "false" | "" => Ok(false),
            other => Err(D::Error::custom(format!("expected Y or N, got {other:?}"))),
        },
        Scalar::Float(_) => Err(D::Error::custom("expected Y or N, got a fraction")),
    }
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
    Ok(match scalar(d)? {
        Scalar::Null => String::new(),
        Scalar::Bool(b) => if b { "Y" } else { "N" }.to_owned(),
        Scalar::Int(i) => int_text(i),
        Scalar::Float(f) => {
            serde_json::Number::from_f64(f).map_or_else(String::new, |n| n.to_string())
        }
        Scalar::Text(t) => t,
    })
}

/// An integer that came as `i64` or `u64` as text, without pulling in 128-bit formatting.
fn int_text(i: i128) -> String {
    match (i64::try_from(i), u64::try_from(i)) {
        (Ok(v), _) => v.to_string(),
        (_, Ok(v)) => v.to_string(),
        _ => String::new(),
    }
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
    let s = string(d)?;
    Ok(if s.is_empty() { None } else { Some(s) })
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
    Ok(opt_decimal(d)?.unwrap_or(Decimal::ZERO))
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
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::Text(t) if t.trim().is_empty() => Ok(None),
        Scalar::Text(t) => DecimalVisitor.visit_str(&t).map(Some),
        Scalar::Int(i) => i64::try_from(i)
            .map(|v| Some(Decimal::from(v)))
            .map_err(D::Error::custom),
        Scalar::Float(f) => DecimalVisitor.visit_f64(f).map(Some),
        Scalar::Bool(_) => Err(D::Error::custom("expected a number, got a boolean")),
    }
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
