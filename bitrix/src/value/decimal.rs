//! An exact decimal number for money and quantities.
//!
//! Bitrix sends amounts as strings (`"1176.00"` in CRM) or as JSON numbers (`1176`, `99.9` in
//! `sale.*`). Both become a [`Decimal`] without `f64` arithmetic: a JSON number is read through
//! its shortest round-trip text, so `99.9` is exactly `99.9`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Add, Mul, Neg, Sub};
use std::str::FromStr;

/// The most fractional digits a [`Decimal`] keeps; longer fractions are rounded half away from
/// zero (such values only appear as artefacts of binary floating point on the sending side).
///
/// ```
/// use bitrix_rest::Decimal;
/// let d: Decimal = "0.1234567891".parse().unwrap();
/// assert_eq!(d.scale(), bitrix_rest::value::MAX_SCALE);
/// ```
pub const MAX_SCALE: u32 = 9;

/// An exact decimal: `mantissa / 10^scale`.
///
/// Equality and ordering compare values, so `1.5 == 1.50`. [`Display`](fmt::Display) keeps the
/// scale it was given (`"1176.00"` prints as `1176.00`).
///
/// ```
/// use bitrix_rest::Decimal;
/// let price: Decimal = "1176.00".parse().unwrap();
/// let qty = Decimal::from(3);
/// assert_eq!((price * qty).to_string(), "3528.00");
/// assert_eq!(price, "1176".parse::<Decimal>().unwrap());
/// ```
#[derive(Clone, Copy, Default)]
pub struct Decimal {
    mantissa: i64,
    scale: u32,
}

/// Why a text is not a decimal number.
///
/// ```
/// let e = "1,5".parse::<bitrix_rest::Decimal>().unwrap_err();
/// assert_eq!(e.to_string(), "not a decimal number: \"1,5\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a decimal number: {0:?}")]
pub struct ParseDecimalError(pub String);

impl Decimal {
    /// Zero.
    ///
    /// ```
    /// assert!(bitrix_rest::Decimal::ZERO.is_zero());
    /// ```
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// `mantissa / 10^scale`; a scale above [`MAX_SCALE`] is rounded to it.
    ///
    /// ```
    /// use bitrix_rest::Decimal;
    /// assert_eq!(Decimal::new(12345, 2).to_string(), "123.45");
    /// ```
    pub fn new(mantissa: i64, scale: u32) -> Decimal {
        Self::from_wide(i128::from(mantissa), scale)
    }

    /// The digits after the decimal point this value carries.
    ///
    /// ```
    /// assert_eq!("1176.00".parse::<bitrix_rest::Decimal>().unwrap().scale(), 2);
    /// ```
    pub fn scale(self) -> u32 {
        self.scale
    }

    /// True when the value is zero.
    ///
    /// ```
    /// assert!("0.00".parse::<bitrix_rest::Decimal>().unwrap().is_zero());
    /// ```
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// True when the value is below zero.
    ///
    /// ```
    /// assert!("-0.01".parse::<bitrix_rest::Decimal>().unwrap().is_negative());
    /// ```
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The value rounded (half away from zero) to `digits` fractional digits, keeping that scale.
    ///
    /// ```
    /// use bitrix_rest::Decimal;
    /// let d: Decimal = "2.345".parse().unwrap();
    /// assert_eq!(d.round_dp(2).to_string(), "2.35");
    /// assert_eq!(Decimal::from(7).round_dp(2).to_string(), "7.00");
    /// ```
    pub fn round_dp(self, digits: u32) -> Decimal {
        Self::from_wide(self.wide_at(self.scale), self.scale).rescale(digits.min(MAX_SCALE))
    }

    /// The same value with trailing fractional zeros removed (`"2.50"` → `"2.5"`, `"3.00"` → `"3"`).
    ///
    /// ```
    /// assert_eq!("2.50".parse::<bitrix_rest::Decimal>().unwrap().normalized().to_string(), "2.5");
    /// ```
    pub fn normalized(self) -> Decimal {
        let mut d = self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    /// The whole part, truncated toward zero, when it fits an `i64`.
    ///
    /// ```
    /// assert_eq!("-7.9".parse::<bitrix_rest::Decimal>().unwrap().trunc(), -7);
    /// ```
    pub fn trunc(self) -> i64 {
        self.mantissa / 10_i64.pow(self.scale)
    }

    /// The nearest `f64`, for display scaling only (never for arithmetic).
    ///
    /// ```
    /// assert_eq!("1.5".parse::<bitrix_rest::Decimal>().unwrap().to_f64(), 1.5);
    /// ```
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10_f64.powi(self.scale as i32)
    }

    /// The smaller of two values.
    ///
    /// ```
    /// use bitrix_rest::Decimal;
    /// assert_eq!(Decimal::from(2).min(Decimal::from(3)), Decimal::from(2));
    /// ```
    pub fn min(self, other: Decimal) -> Decimal {
        if other < self { other } else { self }
    }

    /// The larger of two values.
    ///
    /// ```
    /// use bitrix_rest::Decimal;
    /// assert_eq!(Decimal::from(2).max(Decimal::from(3)), Decimal::from(3));
    /// ```
    pub fn max(self, other: Decimal) -> Decimal {
        if other > self { other } else { self }
    }

    fn rescale(self, scale: u32) -> Decimal {
        match scale.cmp(&self.scale) {
            Ordering::Equal => self,
            Ordering::Greater => Self::from_wide(self.wide_at(scale), scale),
            Ordering::Less => {
                let div = 10_i128.pow(self.scale - scale);
                let m = i128::from(self.mantissa);
                let q = m / div;
                let r = m % div;
                let rounded = if r.abs() * 2 >= div {
                    q + m.signum()
                } else {
                    q
                };
                Self::from_wide(rounded, scale)
            }
        }
    }

    /// The mantissa expressed at a larger or equal `scale`.
    fn wide_at(self, scale: u32) -> i128 {
        i128::from(self.mantissa) * 10_i128.pow(scale.saturating_sub(self.scale))
    }

    /// Builds from a wide mantissa, rounding the scale down to [`MAX_SCALE`] and dropping
    /// fractional digits while the mantissa does not fit an `i64`; saturates beyond that
    /// (amounts of 10^18 do not occur in a CRM).
    fn from_wide(mut m: i128, mut scale: u32) -> Decimal {
        while scale > MAX_SCALE || (scale > 0 && i64::try_from(m).is_err()) {
            let r = m % 10;
            m /= 10;
            if r.abs() >= 5 {
                m += m.signum().max(r.signum());
            }
            scale -= 1;
        }
        let mantissa = i64::try_from(m).unwrap_or(if m < 0 { i64::MIN } else { i64::MAX });
        Decimal { mantissa, scale }
    }
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Self {
        Decimal {
            mantissa: v,
            scale: 0,
        }
    }
}

impl From<i32> for Decimal {
    fn from(v: i32) -> Self {
        Decimal::from(i64::from(v))
    }
}

impl From<u32> for Decimal {
    fn from(v: u32) -> Self {
        Decimal::from(i64::from(v))
    }
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    /// Accepts `-12`, `+3.50`, `.5`, `1e3`, `1.5E-2`, with surrounding spaces.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || ParseDecimalError(text.to_owned());
        let s = text.trim();
        let (mantissa_text, exponent) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().map_err(|_| err())?),
            None => (s, 0),
        };
        let (negative, digits) = match mantissa_text.as_bytes().first() {
            Some(b'-') => (true, &mantissa_text[1..]),
            Some(b'+') => (false, &mantissa_text[1..]),
            _ => (false, mantissa_text),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int_part.len() + frac_part.len() == 0 || !all_digits(int_part) || !all_digits(frac_part)
        {
            return Err(err());
        }
        let mut m: i128 = 0;
        let mut scale: i32 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            if m > i128::MAX / 100 {
                return Err(err());
            }
            m = m * 10 + i128::from(b - b'0');
        }
        scale += frac_part.len() as i32 - exponent;
        if scale < 0 {
            if scale < -30 {
                return Err(err());
            }
            m *= 10_i128.pow((-scale) as u32);
            scale = 0;
        }
        if m > i128::from(i64::MAX) * 10_i128.pow(scale.min(30) as u32) && scale < 19 {
            return Err(err());
        }
        if negative {
            m = -m;
        }
        Ok(Decimal::from_wide(m, scale as u32))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let abs = self.mantissa.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let div = 10_u64.pow(self.scale);
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / div,
            abs % div,
            width = self.scale as usize
        )
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.wide_at(scale).cmp(&other.wide_at(scale))
    }
}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let n = self.normalized();
        n.mantissa.hash(state);
        n.scale.hash(state);
    }
}

impl Add for Decimal {
    type Output = Decimal;
    fn add(self, rhs: Decimal) -> Decimal {
        let scale = self.scale.max(rhs.scale);
        Decimal::from_wide(self.wide_at(scale) + rhs.wide_at(scale), scale)
    }
}

impl Sub for Decimal {
    type Output = Decimal;
    fn sub(self, rhs: Decimal) -> Decimal {
        self + (-rhs)
    }
}

impl Neg for Decimal {
    type Output = Decimal;
    fn neg(self) -> Decimal {
        Decimal::from_wide(-i128::from(self.mantissa), self.scale)
    }
}

impl Mul for Decimal {
    type Output = Decimal;
    fn mul(self, rhs: Decimal) -> Decimal {
        let m = i128::from(self.mantissa) * i128::from(rhs.mantissa);
        Decimal::from_wide(m, self.scale + rhs.scale)
    }
}

impl std::iter::Sum for Decimal {
    fn sum<I: Iterator<Item = Decimal>>(iter: I) -> Decimal {
        iter.fold(Decimal::ZERO, Add::add)
    }
}

impl serde::Serialize for Decimal {
    /// Serialized as a string, so no JSON reader turns it into a float.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    /// Accepts a JSON number or a numeric string.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

pub(crate) struct DecimalVisitor;

impl serde::de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a numeric string")
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        i64::try_from(v).map(Decimal::from).map_err(E::custom)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom("a non-finite number"));
        }
        from_f64(v).map_err(E::custom)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        v.parse().map_err(E::custom)
    }
}

/// A JSON float as a decimal through its shortest round-trip text (99.9 prints as "99.9"),
/// written by serde_json's own float printer rather than core's, which would add ~20 KB to a
/// wasm build.
pub(crate) fn from_f64(v: f64) -> Result<Decimal, String> {
    match serde_json::Number::from_f64(v) {
        Some(n) => n
            .to_string()
            .parse()
            .map_err(|e: ParseDecimalError| e.to_string()),
        None => Err("a non-finite number".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_crm_strings_and_keeps_their_scale() {
        assert_eq!(d("1176.00").to_string(), "1176.00");
        assert_eq!(d("-0.5").to_string(), "-0.5");
        assert_eq!(d(".5").to_string(), "0.5");
        assert_eq!(d(" 12 ").to_string(), "12");
        assert_eq!(d("1e3").to_string(), "1000");
        assert_eq!(d("1.5E-2").to_string(), "0.015");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in ["", "-", ".", "1.2.3", "abc", "1,5", "1e", "--1"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn equality_and_order_compare_values_not_scales() {
        assert_eq!(d("1.5"), d("1.50"));
        assert!(d("1.05") < d("1.5"));
        assert!(d("-2") < d("0.001"));
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(d("0.1") + d("0.2"), d("0.3"));
        assert_eq!(d("99.9") * Decimal::from(3), d("299.7"));
        assert_eq!(d("10") - d("10.01"), d("-0.01"));
        let total: Decimal = [d("1.10"), d("2.20"), d("3.30")].into_iter().sum();
        assert_eq!(total.to_string(), "6.60");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(d("2.345").round_dp(2).to_string(), "2.35");
        assert_eq!(d("-2.345").round_dp(2).to_string(), "-2.35");
        assert_eq!(d("2.344").round_dp(2).to_string(), "2.34");
        assert_eq!(d("0.30000000000000004").to_string(), "0.300000000");
    }

    #[test]
    fn json_numbers_and_strings_deserialize_exactly() {
        let v: Vec<Decimal> = serde_json::from_str(r#"[1176, 99.9, "1176.00", -3, 0.1]"#).unwrap();
        assert_eq!(v, vec![d("1176"), d("99.9"), d("1176"), d("-3"), d("0.1")]);
        assert_eq!(serde_json::to_string(&d("5.50")).unwrap(), r#""5.50""#);
    }
}
