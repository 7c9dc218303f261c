//! `crm.status.list` (stages live here) and `crm.category.list` (pipelines).

use serde_json::{Value, json};

use crate::query::{self, CRM_OPS, Dialect, Entity, Field, Kind};
use crate::rest::{Ctx, Params, Reply, RestError, as_id, ordered, param_ci};

fn entity() -> Entity {
    use Kind::*;
    let fields = vec![
        Field::new("ID", "stages.id", CrmId),
        Field::new("ENTITY_ID", "entity_id", Text),
        Field::new("STATUS_ID", "status_id", Text),
        Field::new("NAME", "name", Text),
        Field::new(
            "NAME_INIT",
            "CASE WHEN system = 'Y' THEN name ELSE '' END",
            Text,
        ),
        Field::new("SORT", "sort", CrmId),
        Field::new("SYSTEM", "system", Char),
        Field::new("CATEGORY_ID", "category_id", CrmId),
        Field::new("COLOR", "color", Text),
        Field::new("SEMANTICS", "semantics", Text),
    ];
    Entity {
        from: "stages".into(),
        base_where: None,
        id_sql: "stages.id".into(),
        fields,
        ops: CRM_OPS,
        dialect: Dialect::Crm,
        default_uf: false,
    }
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    let order = ordered(params, "order").unwrap_or_else(|| json!({"SORT": "ASC"}));
    let page = query::list(
        &conn,
        &entity(),
        None,
        param_ci(params, "filter"),
        Some(&order),
        param_ci(params, "start"),
    )?;
    let rows: Vec<Value> = page
        .rows
        .into_iter()
        .map(|(_, mut row)| {
            let semantics = match row.get("SEMANTICS").and_then(Value::as_str) {
                Some("S") => "success",
                Some("F") => "failure",
                _ => "process",
            };
            row.insert("EXTRA".into(), json!({"SEMANTICS": semantics, "COLOR": row.get("COLOR").cloned().unwrap_or(Value::Null)}));
            Value::Object(row)
        })
        .collect();
    Ok(Reply::page(Value::Array(rows), page.total, page.next))
}

/// Deal pipelines (`entityTypeId` 2); other entity types have none here.
pub fn category_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let entity_type = as_id(param_ci(params, "entityTypeId"))
        .ok_or_else(|| RestError::new(400, "NOT_FOUND", "Entity type is not supported"))?;
    if entity_type != 2 {
        return Ok(Reply::page(json!({"categories": []}), Some(0), None));
    }
    let conn = ctx.state.db.lock();
    let mut stmt = conn.prepare_cached("SELECT id, name, sort FROM pipelines ORDER BY sort, id")?;
    let categories: Vec<Value> = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(json!({
                "id": id, "name": r.get::<_, String>(1)?, "sort": r.get::<_, i64>(2)?, "entityTypeId": 2,
                "isDefault": if id == 0 { "Y" } else { "N" }, "originId": "", "originatorId": ""
            }))
        })?
        .collect::<Result<_, _>>()?;
    let total = categories.len() as u64;
    Ok(Reply::page(
        json!({ "categories": categories }),
        Some(total),
        None,
    ))
}
