//! Internationalised domain names as the network knows them: each label with letters outside
//! ASCII becomes `xn--` and its Punycode (RFC 3492), so `магазин.рф` is `xn--80aairftm.xn--p1ai`.
//! Labels are lower-cased first (the case mapping IDNA applies to Cyrillic and Latin).

use crate::model::text::lowercase;

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// `host` with every non-ASCII label in its `xn--` form; `None` when a label cannot be encoded
/// (too long to count).
pub fn ascii_host(host: &str) -> Option<String> {
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| {
            if label.is_ascii() {
                Some(label.to_ascii_lowercase())
            } else {
                encode(&lowercase(label)).map(|code| format!("xn--{code}"))
            }
        })
        .collect();
    Some(labels?.join("."))
}

/// The Punycode of `label` (RFC 3492, section 6.3); `None` on overflow.
pub fn encode(label: &str) -> Option<String> {
    let input: Vec<u32> = label.chars().map(u32::from).collect();
    let mut output: String = label.chars().filter(char::is_ascii).collect();
    let basic = output.len() as u32;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0_u32, INITIAL_BIAS);
    let mut handled = basic;
    while (handled as usize) < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    output.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

/// `host` as people write it: every `xn--` label decoded (a label that does not decode stays
/// as it is), so a message names `магазин.рф` as the admin typed it.
pub fn unicode_host(host: &str) -> String {
    host.split('.')
        .map(|label| match label.strip_prefix("xn--").and_then(decode) {
            Some(text) => text,
            None => label.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The text of Punycode `code` (RFC 3492, section 6.2); `None` when it is not valid.
pub fn decode(code: &str) -> Option<String> {
    let (basic, rest) = match code.rfind('-') {
        Some(at) => (&code[..at], &code[at + 1..]),
        None => ("", code),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0_u32, INITIAL_BIAS);
    let mut digits = rest.chars();
    while let Some(first) = digits.next() {
        let old_i = i;
        let (mut w, mut k) = (1_u32, BASE);
        let mut c = Some(first);
        loop {
            let d = value(c?)?;
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
            c = digits.next();
        }
        let len = output.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

/// A Punycode digit's value.
fn value(c: char) -> Option<u32> {
    match c {
        'a'..='z' => Some(c as u32 - 'a' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32),
        '0'..='9' => Some(c as u32 - '0' as u32 + 26),
        _ => None,
    }
}

fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn digit(d: u32) -> char {
    match d {
        0..=25 => char::from(b'a' + d as u8),
        _ => char::from(b'0' + (d - 26) as u8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_encode_as_rfc_3492_and_the_registries_do() {
        assert_eq!(encode("рф").as_deref(), Some("p1ai"));
        assert_eq!(encode("пример").as_deref(), Some("e1afmkfd"));
        assert_eq!(encode("испытание").as_deref(), Some("80akhbyknj4f"));
        assert_eq!(encode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(encode("münchen").as_deref(), Some("mnchen-3ya"));
    }

    #[test]
    fn codes_decode_back_to_their_labels() {
        for label in ["рф", "пример", "испытание", "bücher", "münchen", "магазин"]
        {
            let code = encode(label).unwrap();
            assert_eq!(decode(&code).as_deref(), Some(label), "{code}");
        }
        assert_eq!(unicode_host("xn--80aairftm.xn--p1ai"), "магазин.рф");
        assert_eq!(unicode_host("shop.example"), "shop.example");
        assert_eq!(unicode_host("xn--!!.ru"), "xn--!!.ru", "not a code: kept");
    }

    #[test]
    fn only_non_ascii_labels_change_and_case_is_folded() {
        assert_eq!(
            ascii_host("Магазин.РФ").as_deref(),
            Some("xn--80aairftm.xn--p1ai")
        );
        assert_eq!(ascii_host("shop.example").as_deref(), Some("shop.example"));
        assert_eq!(
            ascii_host("кофе.shop.RU").as_deref(),
            Some("xn--e1ajmy.shop.ru")
        );
    }
}
