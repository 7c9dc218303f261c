//! `$result[name][path…]` references inside batch parameters: finding them and, when the
//! referenced command ran in an earlier request, substituting its value.

use std::ops::Range;

use serde_json::Value;

/// Which section of a batch reply a reference reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Result,
    Total,
    Next,
    Error,
    Time,
}

/// One reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub(crate) section: Section,
    pub(crate) name: String,
    pub(crate) path: Vec<String>,
    /// Where it sits in the text.
    pub(crate) span: Range<usize>,
}

/// Every reference in `text`.
pub(crate) fn find(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("$result") {
        let start = from + offset;
        let mut pos = start + "$result".len();
        let section = [
            ("_total", Section::Total),
            ("_next", Section::Next),
            ("_error", Section::Error),
            ("_time", Section::Time),
        ]
        .iter()
        .find(|(suffix, _)| text[pos..].starts_with(suffix))
        .map_or(Section::Result, |&(suffix, section)| {
            pos += suffix.len();
            section
        });
        let mut parts = Vec::new();
        while text[pos..].starts_with('[') {
            match text[pos + 1..].find(']') {
                Some(len) if len > 0 => {
                    parts.push(text[pos + 1..pos + 1 + len].to_owned());
                    pos += len + 2;
                }
                _ => break,
            }
        }
        if parts.is_empty() {
            from = pos;
            continue;
        }
        let name = parts.remove(0);
        found.push(Reference {
            section,
            name,
            path: parts,
            span: start..pos,
        });
        from = pos;
    }
    found
}

/// Every command name referenced anywhere in `params`.
pub(crate) fn names_in(params: &Value, out: &mut Vec<String>) {
    match params {
        Value::String(s) => out.extend(find(s).into_iter().map(|r| r.name)),
        Value::Array(items) => items.iter().for_each(|v| names_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| names_in(v, out)),
        _ => {}
    }
}

/// Replaces, in `params`, the references that `lookup` can answer (references to commands of
/// earlier requests). A string that is exactly one reference becomes the referenced value
/// (which may be a list or a map); a reference inside longer text becomes its text.
/// Returns the first reference `lookup` could not answer, as text, if any.
pub(crate) fn substitute(
    params: &mut Value,
    lookup: &dyn Fn(&Reference) -> Option<Option<Value>>,
) -> Result<(), String> {
    match params {
        Value::String(s) => {
            let refs = find(s);
            if refs.is_empty() {
                return Ok(());
            }
            let mut text = String::new();
            let mut last = 0;
            for r in &refs {
                let value = match lookup(r) {
                    // Not ours to resolve: the server resolves it within the same request.
                    None => continue,
                    Some(None) => return Err(s[r.span.clone()].to_owned()),
                    Some(Some(v)) => v,
                };
                if r.span == (0..s.len()) {
                    *params = value;
                    return Ok(());
                }
                text.push_str(&s[last..r.span.start]);
                text.push_str(&crate::encode::scalar_text(&value));
                last = r.span.end;
            }
            text.push_str(&s[last..]);
            *s = text;
            Ok(())
        }
        Value::Array(items) => items.iter_mut().try_for_each(|v| substitute(v, lookup)),
        Value::Object(map) => map.values_mut().try_for_each(|v| substitute(v, lookup)),
        _ => Ok(()),
    }
}

/// Follows `path` into `value`: map keys, or list indices.
pub(crate) fn follow<'v>(value: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, part| match v {
        Value::Object(map) => map.get(part.as_str()),
        Value::Array(items) => items.get(part.parse::<usize>().ok()?),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn references_are_found_with_sections_and_paths() {
        let refs = find("id=$result[deal][ID] and $result_total[list] and $result[found][0][ID]");
        assert_eq!(refs.len(), 3);
        assert_eq!(
            (refs[0].section, refs[0].name.as_str()),
            (Section::Result, "deal")
        );
        assert_eq!(refs[0].path, ["ID"]);
        assert_eq!(refs[1].section, Section::Total);
        assert_eq!(refs[2].path, ["0", "ID"]);
        assert!(find("$result without brackets, $result[] empty").is_empty());
    }

    #[test]
    fn whole_value_references_become_values_and_embedded_ones_text() {
        let mut params = json!({"id": "$result[deal][ID]", "note": "deal #$result[deal][ID]!", "keep": "$result[same][ID]"});
        let lookup = |r: &Reference| (r.name == "deal").then(|| Some(json!(410)));
        substitute(&mut params, &lookup).unwrap();
        assert_eq!(
            params,
            json!({"id": 410, "note": "deal #410!", "keep": "$result[same][ID]"})
        );
    }

    #[test]
    fn an_unanswerable_reference_is_reported() {
        let mut params = json!({"id": "$result[deal][NOPE]"});
        let lookup = |_: &Reference| Some(None);
        assert_eq!(
            substitute(&mut params, &lookup),
            Err("$result[deal][NOPE]".to_owned())
        );
    }

    #[test]
    fn paths_follow_keys_and_indices() {
        let v = json!({"items": [{"ID": "7"}]});
        assert_eq!(
            follow(&v, &["items".into(), "0".into(), "ID".into()]),
            Some(&json!("7"))
        );
        assert_eq!(follow(&v, &["items".into(), "x".into()]), None);
    }
}
