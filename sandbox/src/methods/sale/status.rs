//! `sale.status.list` and `sale.statusLang.list` (status names live there).

use serde_json::json;

use crate::methods::wrapped_list::wrapped_list;
use crate::query::{Dialect, Entity, Field, Kind, ORM_NO_IN_OPS, STATUS_LANG_OPS};
use crate::rest::{Ctx, Params, Reply, RestError};

fn status() -> Entity {
    Entity {
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

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    // Without an order, statuses come in their `sort` order.
    let by_sort = Some(json!({"sort": "asc"}));
    wrapped_list(&conn, params, &status(), "statuses", by_sort)
}

pub fn lang_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    wrapped_list(&conn, params, &status_lang(), "statusLangs", None)
}
