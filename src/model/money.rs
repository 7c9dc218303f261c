//! Amounts and quantities for display, by currency and language.
//!
//! Money always shows two decimals, rounded half away from zero:
//! - **ru**: digits grouped by three with a no-break space, a decimal comma, then a no-break
//!   space and the currency sign: `1 176,00 ₽`, `−5,50 $`.
//! - **en** (and every other language): the sign before the number, comma groups, decimal
//!   point: `₽1,176.00`, `−$5.50`.
//!
//! A currency without a known sign shows its ISO code after the number in both languages:
//! `1 176,00 KGS`, `1,176.00 KGS`. The minus sign is U+2212.
//!
//! Quantities show no trailing zeros (`2`, `1.5` / `1,5`), grouped the same way.

use bitrix_rest::Decimal;

/// The no-break space used between digit groups and before a currency sign.
pub const NBSP: char = '\u{a0}';
const MINUS: char = '\u{2212}';

/// The display language of numbers: Russian conventions, or English for every other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1 176,00 ₽`.
    Ru,
    /// `₽1,176.00`.
    En,
}

impl NumberStyle {
    /// The style of a Bitrix24 `LANG` code: `ru`, `by`, `kz`, `ua` read Russian style; the rest
    /// English style.
    pub fn for_lang(lang: &str) -> NumberStyle {
        match lang.trim().to_ascii_lowercase().as_str() {
            "ru" | "by" | "kz" | "ua" => NumberStyle::Ru,
            _ => NumberStyle::En,
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            NumberStyle::Ru => (NBSP, ','),
            NumberStyle::En => (',', '.'),
        }
    }
}

/// The sign of a currency, when it has a well-known one.
pub fn currency_sign(code: &str) -> Option<&'static str> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "RUB" | "RUR" => "₽",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "UAH" => "₴",
        "KZT" => "₸",
        "BYN" => "Br",
        "CNY" => "¥",
        "JPY" => "¥",
        "TRY" => "₺",
        "INR" => "₹",
        _ => return None,
    })
}

/// An amount of money for display.
///
/// ```
/// use storelink::model::money::{format_money, NumberStyle};
/// use bitrix_rest::Decimal;
/// let amount: Decimal = "1176".parse().unwrap();
/// assert_eq!(format_money(amount, "RUB", NumberStyle::Ru), "1\u{a0}176,00\u{a0}₽");
/// assert_eq!(format_money(amount, "RUB", NumberStyle::En), "₽1,176.00");
/// ```
pub fn format_money(amount: Decimal, currency: &str, style: NumberStyle) -> String {
    let number = group(amount.round_dp(2), style);
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, number),
    };
    let minus = if negative {
        MINUS.to_string()
    } else {
        String::new()
    };
    let code = currency.trim().to_ascii_uppercase();
    match (currency_sign(&code), style) {
        (Some(sign), NumberStyle::Ru) => format!("{minus}{digits}{NBSP}{sign}"),
        (Some(sign), NumberStyle::En) => format!("{minus}{sign}{digits}"),
        (None, _) if code.is_empty() => format!("{minus}{digits}"),
        (None, _) => format!("{minus}{digits}{NBSP}{code}"),
    }
}

/// A quantity for display: no trailing zeros, grouped, the style's decimal mark.
///
/// ```
/// use storelink::model::money::{format_quantity, NumberStyle};
/// let q: bitrix_rest::Decimal = "1.500".parse().unwrap();
/// assert_eq!(format_quantity(q, NumberStyle::Ru), "1,5");
/// assert_eq!(format_quantity(q, NumberStyle::En), "1.5");
/// ```
pub fn format_quantity(quantity: Decimal, style: NumberStyle) -> String {
    let text = group(quantity.normalized(), style);
    match text.strip_prefix('-') {
        Some(rest) => format!("{MINUS}{rest}"),
        None => text,
    }
}

/// The decimal's own digits, grouped by three, with the style's marks (`-` kept ASCII here).
fn group(value: Decimal, style: NumberStyle) -> String {
    let (group_sep, decimal_mark) = style.separators();
    let text = value.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut out = String::from(sign);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(decimal_mark);
        out.push_str(frac_part);
    }
    out
}
