//! Request parameters as PHP sees them: query string and form body in bracket notation
//! (`filter[>ID]=5&select[]=ID`), or a JSON body — merged into one JSON object.

use serde_json::{Map, Value};

/// A PHP array while it is being built: ordered keys, values are strings or arrays.
#[derive(Debug, Clone)]
enum Php {
    Text(String),
    Array(Vec<(String, Php)>),
}

impl Php {
    fn insert(&mut self, keys: &[String], value: String) {
        let Php::Array(entries) = self else { return };
        let Some((first, rest)) = keys.split_first() else {
            return;
        };
        let key = if first.is_empty() {
            // `a[]=x` appends with the next integer key, as PHP does.
            let next = entries
                .iter()
                .filter_map(|(k, _)| k.parse::<i64>().ok())
                .max()
                .map_or(0, |m| m + 1);
            next.to_string()
        } else {
            first.clone()
        };
        if rest.is_empty() {
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = Php::Text(value),
                None => entries.push((key, Php::Text(value))),
            }
            return;
        }
        let slot = match entries.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                if !matches!(entries[i].1, Php::Array(_)) {
                    entries[i].1 = Php::Array(vec![]);
                }
                i
            }
            None => {
                entries.push((key, Php::Array(vec![])));
                entries.len() - 1
            }
        };
        entries[slot].1.insert(rest, value);
    }

    fn into_json(self) -> Value {
        match self {
            Php::Text(s) => Value::String(s),
            Php::Array(entries) => php_array_to_json(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, v.into_json()))
                    .collect(),
            ),
        }
    }
}

/// A PHP array in JSON: a list when its keys are 0, 1, 2, ... in order, else an object —
/// and an empty array is `[]`, exactly as `json_encode` writes it.
pub fn php_array_to_json(entries: Vec<(String, Value)>) -> Value {
    let sequential = entries
        .iter()
        .enumerate()
        .all(|(i, (k, _))| *k == i.to_string());
    if sequential {
        Value::Array(entries.into_iter().map(|(_, v)| v).collect())
    } else {
        Value::Object(entries.into_iter().collect())
    }
}

/// Splits `filter[>ID][0]` into `filter`, `>ID`, `0`. A key without brackets is one part.
fn split_key(key: &str) -> Vec<String> {
    let Some(open) = key.find('[') else {
        return vec![key.to_string()];
    };
    if open == 0 {
        return vec![key.to_string()];
    }
    let mut parts = vec![key[..open].to_string()];
    let mut rest = &key[open..];
    while let Some(stripped) = rest.strip_prefix('[') {
        match stripped.find(']') {
            Some(close) => {
                parts.push(stripped[..close].to_string());
                rest = &stripped[close + 1..];
            }
            None => break,
        }
    }
    parts
}

/// Objects whose key order matters (batch commands run in order; `order` sorts by the first
/// key first). JSON objects here lose their order, so it is kept beside them.
const ORDERED: &[&str] = &["cmd", "order"];

fn order_key(name: &str) -> String {
    format!("\u{1}keys:{}", name.to_ascii_lowercase())
}

/// The keys of parameter `name` (an object) in the order the request gave them.
pub fn key_order<'a>(params: &'a Map<String, Value>, name: &str) -> Option<&'a Vec<Value>> {
    params.get(&order_key(name)).and_then(Value::as_array)
}

/// Parses `application/x-www-form-urlencoded` text (query string or body) into `into`.
pub fn parse_form(text: &str, into: &mut Map<String, Value>) {
    let mut root = Php::Array(vec![]);
    for (key, value) in form_urlencoded::parse(text.as_bytes()) {
        if key.is_empty() {
            continue;
        }
        root.insert(&split_key(&key), value.into_owned());
    }
    let Php::Array(entries) = root else { return };
    for (key, value) in entries {
        if ORDERED.iter().any(|o| o.eq_ignore_ascii_case(&key))
            && let Php::Array(inner) = &value
        {
            let keys = inner
                .iter()
                .map(|(k, _)| Value::String(k.clone()))
                .collect();
            into.insert(order_key(&key), Value::Array(keys));
        }
        into.insert(key, value.into_json());
    }
}

/// Records the key order of the `ORDERED` objects of a JSON body.
fn record_json_order(body: &[u8], into: &mut Map<String, Value>) {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Value>, A::Error> {
            let mut keys = vec![];
            while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                keys.push(Value::String(key));
            }
            Ok(keys)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Value>, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(vec![])
        }
    }
    struct Top<'m>(&'m mut Map<String, Value>);
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if ORDERED.iter().any(|o| o.eq_ignore_ascii_case(&key)) {
                    let keys = map.next_value_seed(KeySeed)?;
                    if !keys.is_empty() {
                        self.0.insert(order_key(&key), Value::Array(keys));
                    }
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }
    struct KeySeed;
    impl<'de> serde::de::DeserializeSeed<'de> for KeySeed {
        type Value = Vec<Value>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Value>, D::Error> {
            d.deserialize_any(KeysOrNothing)
        }
    }
    struct KeysOrNothing;
    impl<'de> Visitor<'de> for KeysOrNothing {
        type Value = Vec<Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("anything")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Value>, A::Error> {
            Keys.visit_map(map)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Vec<Value>, A::Error> {
            Keys.visit_seq(seq)
        }
        fn visit_str<E>(self, _: &str) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_bool<E>(self, _: bool) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_i64<E>(self, _: i64) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_u64<E>(self, _: u64) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_f64<E>(self, _: f64) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_unit<E>(self) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let _ = de.deserialize_map(Top(into));
}

/// All parameters of a request: the query string, then the body (form or JSON) on top.
pub fn collect(
    query: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Map<String, Value>, String> {
    let mut params = Map::new();
    if let Some(query) = query {
        parse_form(query, &mut params);
    }
    if body.is_empty() {
        return Ok(params);
    }
    let kind = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if kind == "application/json" {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => {
                params.extend(map);
                record_json_order(body, &mut params);
            }
            Ok(_) => {}
            Err(e) => return Err(format!("JSON body is not valid: {e}")),
        }
    } else if kind == "application/x-www-form-urlencoded" || kind.is_empty() {
        parse_form(&String::from_utf8_lossy(body), &mut params);
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> Value {
        let mut map = Map::new();
        parse_form(text, &mut map);
        map.retain(|k, _| !k.starts_with('\u{1}'));
        Value::Object(map)
    }

    #[test]
    fn bracket_notation_builds_nested_arrays_like_php() {
        let got = parse(
            "filter%5B%3EID%5D=5&select[]=ID&select[]=TITLE&fields[QUANTITY]=2&order[ID]=desc",
        );
        assert_eq!(
            got,
            json!({"filter": {">ID": "5"}, "select": ["ID", "TITLE"], "fields": {"QUANTITY": "2"}, "order": {"ID": "desc"}})
        );
    }

    #[test]
    fn numbered_keys_make_a_list_only_when_sequential() {
        assert_eq!(
            parse("rows[0][PRICE]=1&rows[1][PRICE]=2"),
            json!({"rows": [{"PRICE": "1"}, {"PRICE": "2"}]})
        );
        assert_eq!(
            parse("cmd[5]=a&cmd[7]=b"),
            json!({"cmd": {"5": "a", "7": "b"}})
        );
    }

    #[test]
    fn key_order_of_commands_survives_json_and_forms() {
        let json = collect(
            None,
            Some("application/json"),
            br#"{"cmd": {"z": "a", "b": "c", "m": "d"}, "order": {"TITLE": "ASC", "ID": "DESC"}}"#,
        )
        .unwrap();
        assert_eq!(
            key_order(&json, "cmd"),
            Some(&vec![json!("z"), json!("b"), json!("m")])
        );
        assert_eq!(
            key_order(&json, "ORDER"),
            Some(&vec![json!("TITLE"), json!("ID")])
        );
        let mut form = Map::new();
        parse_form("cmd[z]=a&cmd[b]=c", &mut form);
        assert_eq!(key_order(&form, "cmd"), Some(&vec![json!("z"), json!("b")]));
    }

    #[test]
    fn json_body_is_merged_over_the_query() {
        let got = collect(
            Some("auth=abc&id=1"),
            Some("application/json; charset=utf-8"),
            br#"{"id": 2, "fields": {"TITLE": "x"}}"#,
        )
        .unwrap();
        assert_eq!(
            Value::Object(got),
            json!({"auth": "abc", "id": 2, "fields": {"TITLE": "x"}})
        );
    }
}
