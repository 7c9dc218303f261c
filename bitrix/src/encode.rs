//! Form encoding in PHP bracket notation, the way the Bitrix `rest` module (PHP) reads it.
//!
//! `{"filter":{">ID":5},"select":["ID","TITLE"]}` becomes
//! `filter[%3EID]=5&select[0]=ID&select[1]=TITLE`. Lists always carry explicit indices, so lists
//! of maps (`rows[0][PRICE]=…&rows[0][QUANTITY]=…`) keep their rows together.
//!
//! Scalars: strings as UTF-8, percent-encoded; numbers as JSON writes them; `true`/`false` as
//! `1`/`0` (what PHP's own `http_build_query` sends, and what PHP reads as booleans); `null` as
//! an empty value. An empty list or map cannot be expressed in PHP form encoding and is left out,
//! as `http_build_query` and the official JS SDK do.

use serde_json::{Map, Value};

/// Encodes request parameters (a JSON object) as an `application/x-www-form-urlencoded` body.
///
/// ```
/// use serde_json::json;
/// let body = bitrix_rest::encode::form(json!({
///     "filter": {"%TITLE": "Чай & кофе"},
///     "select": ["ID", "TITLE"],
/// }).as_object().unwrap());
/// assert_eq!(
///     body,
///     "filter[%25TITLE]=%D0%A7%D0%B0%D0%B9%20%26%20%D0%BA%D0%BE%D1%84%D0%B5\
///      &select[0]=ID&select[1]=TITLE"
/// );
/// ```
pub fn form(params: &Map<String, Value>) -> String {
    let mut out = String::new();
    for (key, value) in params {
        pair(&mut out, &component(key), value);
    }
    out
}

/// Percent-encodes one component: everything except `A-Z a-z 0-9 - _ . ~` becomes `%XX` of its
/// UTF-8 bytes (a space becomes `%20`).
///
/// ```
/// assert_eq!(bitrix_rest::encode::component("a b&c=д[]"), "a%20b%26c%3D%D0%B4%5B%5D");
/// ```
pub fn component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Writes `key=value` pairs for one value under an already encoded `key`.
fn pair(out: &mut String, key: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pair(out, &format!("{key}[{}]", component(k)), v);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pair(out, &format!("{key}[{i}]"), v);
            }
        }
        scalar => {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            out.push_str(&component(&scalar_text(scalar)));
        }
    }
}

/// The text PHP should receive for a scalar.
pub(crate) fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        // Containers are expanded by `pair`; a container reaching here is written as JSON text.
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The pairs of a body, sorted: map key order is serde_json's business, not the wire's.
    fn enc(v: Value) -> Vec<String> {
        let body = form(v.as_object().expect("test params are objects"));
        let mut pairs: Vec<String> = body.split('&').map(str::to_owned).collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn nested_maps_and_lists_use_php_brackets_with_indices() {
        let body = enc(json!({
            "id": 410,
            "rows": [
                {"PRODUCT_ID": 27, "PRICE": "1176.00", "QUANTITY": 2},
                {"PRODUCT_ID": 0, "PRODUCT_NAME": "Доставка"}
            ]
        }));
        assert_eq!(
            body,
            [
                "id=410",
                "rows[0][PRICE]=1176.00",
                "rows[0][PRODUCT_ID]=27",
                "rows[0][QUANTITY]=2",
                "rows[1][PRODUCT_ID]=0",
                "rows[1][PRODUCT_NAME]=%D0%94%D0%BE%D1%81%D1%82%D0%B0%D0%B2%D0%BA%D0%B0",
            ]
        );
    }

    #[test]
    fn filter_prefixes_and_special_characters_are_escaped() {
        let body = enc(
            json!({"filter": {">=DATE_MODIFY": "2024-08-30T14:29:00+03:00", "%TITLE": "a&b=c?d#e"}}),
        );
        assert_eq!(
            body,
            [
                "filter[%25TITLE]=a%26b%3Dc%3Fd%23e",
                "filter[%3E%3DDATE_MODIFY]=2024-08-30T14%3A29%3A00%2B03%3A00",
            ]
        );
    }

    #[test]
    fn scalars_follow_php_conventions_and_empty_containers_vanish() {
        let body =
            enc(json!({"a": true, "b": false, "c": null, "d": 1.5, "e": [], "f": {}, "g": -3}));
        assert_eq!(body, ["a=1", "b=0", "c=", "d=1.5", "g=-3"]);
    }

    #[test]
    fn every_non_unreserved_byte_is_percent_encoded() {
        let all: String = (0x20u8..0x7f).map(char::from).collect();
        let enc = component(&all);
        assert!(
            enc.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b))
        );
        assert_eq!(component("€"), "%E2%82%AC");
        assert_eq!(component(""), "");
    }
}
