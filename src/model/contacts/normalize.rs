//! Phone and e-mail normalisation, so that one buyer written differently is one buyer.

use std::fmt;

use crate::model::text::lowercase;

/// A phone number reduced to its digits with the country code: `+79161234567`.
///
/// Rules, for what people type in Russia and elsewhere:
/// - an extension is not part of the number: the text from `доб.`, `ext.`, `вн.`, ` x`, `#`, `,`
///   or `;` on is ignored (`+7 903 000-00-04 доб. 12` = `+79030000004`);
/// - everything but digits is ignored (spaces, brackets, dashes, dots, a leading `+`);
/// - a leading `00` (international prefix) is dropped: `0049…` = `+49…`;
/// - without a leading `+` or `00`, an 11-digit number starting with `8` is Russian with the
///   trunk prefix: `8 (916) 123-45-67` = `+7 916 123 45 67`;
/// - without a leading `+` or `00`, a 10-digit number not starting with `0` is a Russian local
///   number: `916 123-45-67` = `+79161234567`;
/// - other numbers are kept as their digits (`+44 20 7946 0958` = `+442079460958`);
/// - fewer than 7 or more than 15 digits is not a phone number.
///
/// Two phones are the same number when their [significant digits](Phone::significant_digits)
/// are: the national number, as far as it can be told, cut to its last ten digits. A number
/// written with its country code (`+49 30 1234567`, `+49 (0)30 1234567`) loses the code
/// (E.164's codes are a prefix code: `1` and `7` are one digit, a short list two, the rest
/// three) and a trunk `0` after it; one written without (`030 1234567`) loses its trunk `0`. So
/// a number with and without its country code, or with a trunk prefix, is one number
/// (`+1 (212) 555-0100` = `212.555.0100`, `+44 20 7946 0958` = `020 7946 0958`,
/// `+49 (030) 123-4567` = `+49 30 1234567` = `030 1234567`). Two numbers both written with
/// their country codes are one number only when the codes agree
/// ([`same_number`](Phone::same_number)): `+1 (916) 123-4567` in Sacramento is not
/// `+7 916 123-45-67` in Moscow. A number written without one may still be either.
#[derive(Clone)]
pub struct Phone {
    /// `+` and the digits.
    full: String,
    /// See [`Phone::significant_digits`].
    national: String,
    /// The country code, when the number was written with one (`+`, `00`, or Russia's trunk
    /// `8`); `None` when it was assumed.
    country: Option<String>,
}

impl Phone {
    /// Normalises typed text; `None` when it is not a phone number.
    ///
    /// ```
    /// use storelink::model::contacts::Phone;
    /// let a = Phone::parse("8 (916) 123-45-67").unwrap();
    /// assert_eq!(a, Phone::parse("+7 916 123 45 67").unwrap());
    /// assert_eq!(a.as_str(), "+79161234567");
    /// ```
    pub fn parse(text: &str) -> Option<Phone> {
        let text = without_extension(text);
        let trimmed = text.trim_start();
        let international = trimmed.starts_with('+');
        let mut digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
        let mut explicit = international;
        if !international && digits.starts_with("00") {
            digits.drain(..2);
            explicit = true;
        }
        // Written with a country code (or Russia's trunk `8`), not assumed.
        let mut written = explicit;
        if !explicit {
            if digits.len() == 11 && digits.starts_with('8') {
                digits.replace_range(..1, "7");
                explicit = true;
                written = true;
            } else if digits.len() == 10 && !digits.starts_with('0') {
                digits.insert(0, '7');
                explicit = true;
            }
        }
        if !(7..=15).contains(&digits.len()) {
            return None;
        }
        let national = match explicit {
            // With its country code (or a Russian one, added above).
            true => &digits[country_code_len(&digits)..],
            false => &digits[..],
        };
        // A trunk `0` (`030 1234567`, `+49 (0)30 1234567`), but not a run of them.
        let national = match national.strip_prefix('0') {
            Some(rest) if !rest.starts_with('0') => rest,
            _ => national,
        };
        let national = &national[national.len().saturating_sub(NATIONAL_DIGITS)..];
        let country = written.then(|| digits[..country_code_len(&digits)].to_owned());
        Some(Phone {
            national: national.to_owned(),
            full: format!("+{digits}"),
            country,
        })
    }

    /// True when `other` is this number: the same [significant digits](Self::significant_digits),
    /// and, when both were written with a country code, the same code.
    pub fn same_number(&self, other: &Phone) -> bool {
        self.national == other.national
            && match (&self.country, &other.country) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    /// `+` and the digits.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// The digits without `+`.
    pub fn digits(&self) -> &str {
        &self.full[1..]
    }

    /// The digits a buyer may have written in any form: the national number without a trunk
    /// `0`, at most its last ten digits (see [`Phone`]).
    pub fn significant_digits(&self) -> &str {
        &self.national
    }
}

/// The length of the country code `digits` start with (E.164 codes are a prefix code).
fn country_code_len(digits: &str) -> usize {
    const TWO_DIGITS: [&str; 44] = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    match digits.as_bytes().first() {
        Some(b'1' | b'7') => 1,
        _ if TWO_DIGITS.iter().any(|code| digits.starts_with(code)) => 2,
        _ => 3,
    }
}

/// How many trailing digits identify a number whatever prefix it was written with.
const NATIONAL_DIGITS: usize = 10;

impl PartialEq for Phone {
    fn eq(&self, other: &Phone) -> bool {
        self.significant_digits() == other.significant_digits()
    }
}

impl Eq for Phone {}

impl PartialOrd for Phone {
    fn partial_cmp(&self, other: &Phone) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Phone {
    fn cmp(&self, other: &Phone) -> std::cmp::Ordering {
        self.significant_digits().cmp(other.significant_digits())
    }
}

impl std::hash::Hash for Phone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.significant_digits().hash(state);
    }
}

/// `text` up to an extension marker, if it has one.
fn without_extension(text: &str) -> &str {
    const MARKERS: [&str; 7] = ["доб", "ext", "вн", " x", "#", ",", ";"];
    let lower = lowercase(text);
    // Lower-casing keeps every character's length in bytes for the letters the markers use, so
    // a position in `lower` is one in `text` when both have the same length.
    if lower.len() != text.len() {
        return text;
    }
    let cut = MARKERS.iter().filter_map(|m| lower.find(m)).min();
    match cut {
        Some(at) if text.is_char_boundary(at) => &text[..at],
        _ => text,
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.full)
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

/// An e-mail address trimmed and lower-cased: `Anna.P@Mail.RU ` = `anna.p@mail.ru`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl Email {
    /// Normalises typed text (a `mailto:` prefix is dropped); `None` unless it has one `@`
    /// with text on both sides, a dot in the domain, and no spaces.
    pub fn parse(text: &str) -> Option<Email> {
        let t = text.trim();
        let t = t
            .get(..7)
            .filter(|p| p.eq_ignore_ascii_case("mailto:"))
            .map_or(t, |_| &t[7..]);
        let lower = lowercase(t.trim());
        let (local, domain) = lower.split_once('@')?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !lower.chars().any(char::is_whitespace)
            // A batch would read it as a reference (see `inert`).
            && !lower.contains("$result");
        ok.then_some(Email(lower))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
