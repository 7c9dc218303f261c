//! `sale.status.list` and `sale.statusLang.list` (status names live there).

use serde_json::{Value, json};

use crate::query::{self, Dialect, Entity, Field, Kind, ORM_NO_IN_OPS, STATUS_LANG_OPS};
use crate::rest::{Ctx, Params, Reply, RestError, ordered, param};

fn status() -> Entity {
    Entity {
        name: "status",
        from: "sale_statuses".into(),
        base_where: None,
        id_sql: "sale_statuses.rowid".into(),
        fields: vec![
            Field::new("id", "id", Kind::Text),
            Field::new("type", "type", Kind::Text),
            Field::new("sort", "sort", Kind::Int),
            Field::new("notify", "notify", Kind::Char),
            Field::new("color", "color", Kind::Text),
            Field::new("xmlId", "xml_id", Kind::Text),
        ],
        ops: ORM_NO_IN_OPS,
        dialect: Dialect::Orm,
        default_uf: false,
    }
}

fn status_lang() -> Entity {
    Entity {
        name: "statusLang",
        from: "sale_status_langs".into(),
        base_where: None,
        id_sql: "sale_status_langs.rowid".into(),
        fields: vec![
            Field::new("statusId", "status_id", Kind::Text),
            Field::new("lid", "lid", Kind::Text),
            Field::new("name", "name", Kind::Text),
            Field::new("description", "description", Kind::Text),
        ],
        ops: STATUS_LANG_OPS,
        dialect: Dialect::Orm,
        default_uf: false,
    }
}

fn run(ctx: &Ctx, params: &Params, entity: Entity, wrapper: &str) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    let mut order = ordered(params, "order");
    if order.is_none() && entity.name == "status" {
        order = Some(json!({"sort": "asc"}));
    }
    let page = query::list(
        &conn,
        &entity,
        param(params, "select"),
        param(params, "filter"),
        order.as_ref(),
        param(params, "start"),
    )?;
    let rows: Vec<Value> = page
        .rows
        .into_iter()
        .map(|(_, r)| Value::Object(r))
        .collect();
    Ok(Reply::page(json!({ wrapper: rows }), page.total, page.next))
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    run(ctx, params, status(), "statuses")
}

pub fn lang_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    run(ctx, params, status_lang(), "statusLangs")
}
