//! Reading stored settings field by field, by hand: each field that is missing or has the
//! wrong shape reads as `None` (its default), without serde's generic machinery (a wasm
//! bundle's size matters more than a derive's convenience here).

use serde_json::{Map, Value};

use super::rules::{LinkRule, OrderKey, PropertyPair, is_user_field_code};
use crate::model::mapping::{PipelineMapping, StageMapping, StatusStage};

/// A whole number, from a JSON number or a numeric string.
pub fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A non-negative whole number.
pub fn uint(v: &Value) -> Option<u64> {
    int(v).and_then(|n| u64::try_from(n).ok())
}

/// A string (not a number: codes and URLs are written as text).
pub fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// A list of non-negative whole numbers; `None` when it is not a list of them.
pub fn uint_list(v: &Value) -> Option<Vec<u64>> {
    v.as_array()?.iter().map(uint).collect()
}

/// `{"kind": "user-field", "field": "UF_CRM_ORDER", "holds": "id"}` and the other kinds; an
/// unknown kind or a missing required member is `None`.
pub fn link_rule(v: &Value) -> Option<LinkRule> {
    let m = v.as_object()?;
    let get = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
    Some(match m.get("kind")?.as_str()? {
        // Only a deal user field: a standard one (`TITLE`, `STAGE_ID`) is never written by Link.
        "user-field" => LinkRule::UserField {
            field: get("field").filter(|f| is_user_field_code(f))?,
            holds: match m.get("holds").and_then(Value::as_str) {
                Some("number") => OrderKey::Number,
                None | Some("id") => OrderKey::Id,
                Some(_) => return None,
            },
        },
        "origin-id" => LinkRule::OriginId {
            originator_id: get("originatorId"),
        },
        "order-xml-id" => LinkRule::OrderXmlId,
        "order-property" => LinkRule::OrderProperty { code: get("code")? },
        _ => return None,
    })
}

/// `{"portal": "property45", "store": "property101"}`.
pub fn property_pair(v: &Value) -> Option<PropertyPair> {
    let m = v.as_object()?;
    Some(PropertyPair {
        portal: text(m.get("portal")?)?,
        store: text(m.get("store")?)?,
        alone: m.get("alone").and_then(Value::as_bool).unwrap_or(false),
    })
}

/// `{"pipelines": [{"categoryId": 0, "pairs": [{"statusId": "N", "stageId": "NEW"}]}]}`;
/// a malformed pair or pipeline is skipped.
pub fn stage_mapping(v: &Value) -> Option<StageMapping> {
    let pipelines = v.get("pipelines")?.as_array()?;
    Some(StageMapping {
        pipelines: pipelines.iter().filter_map(pipeline).collect(),
    })
}

fn pipeline(v: &Value) -> Option<PipelineMapping> {
    let category_id = v.get("categoryId").map_or(Some(0), int)?;
    let pairs = v
        .get("pairs")
        .and_then(Value::as_array)
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|p| {
                    Some(StatusStage {
                        status_id: text(p.get("statusId")?)?,
                        stage_id: text(p.get("stageId")?)?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(PipelineMapping { category_id, pairs })
}

/// A member of the settings object, `None` when absent or `null`.
pub fn member<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// `{"field": "UF_CRM_ORDER", "label": "Order on the site"}`.
pub fn field_label(v: &Value) -> Option<super::FieldLabel> {
    let m = v.as_object()?;
    let text = |k: &str| m.get(k).and_then(Value::as_str).map(str::trim);
    let (field, label) = (text("field")?, text("label")?);
    (!field.is_empty() && !label.is_empty()).then(|| super::FieldLabel {
        field: field.to_owned(),
        label: label.to_owned(),
    })
}
