//! Request parameters as PHP sees them: query string and form body in bracket notation
//! (`filter[>ID]=5&select[]=ID`, see `form`), or a JSON body — merged into one JSON object.
//! Where key order matters it is kept beside the object (see `json_order`).

mod form;
mod json_order;

pub use form::{parse_form, php_array_to_json};

use serde_json::{Map, Value};

/// Objects whose key order matters (batch commands run in order; `order` sorts by the first
/// key first). JSON objects here lose their order, so it is kept beside them.
pub(super) const ORDERED: &[&str] = &["cmd", "order"];

pub(super) fn order_key(name: &str) -> String {
    format!("\u{1}keys:{}", name.to_ascii_lowercase())
}

/// The keys of parameter `name` (an object) in the order the request gave them.
pub fn key_order<'a>(params: &'a Map<String, Value>, name: &str) -> Option<&'a Vec<Value>> {
    params.get(&order_key(name)).and_then(Value::as_array)
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
                json_order::record_json_order(body, &mut params);
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
