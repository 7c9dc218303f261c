//! `sale.propertyvalue.list`: the values of order properties (buyer's name, phone, e-mail,
//! address, custom ones), one record per order and property, as the buyer typed them.

use serde_json::{Value, json};

use crate::query::{self, Dialect, Entity, Field, Kind, ORM_NO_IN_OPS};
use crate::rest::{Ctx, Params, Reply, RestError, ordered, param};

fn entity() -> Entity {
    use Kind::*;
    Entity {
        name: "propertyValue",
        from: "property_values".into(),
        base_where: None,
        id_sql: "property_values.id".into(),
        fields: vec![
            Field::new("id", "property_values.id", Int),
            Field::new("orderId", "order_id", Int),
            Field::new("orderPropsId", "order_props_id", Int),
            Field::new("orderPropsXmlId", "NULL", Text),
            Field::new("code", "code", Text),
            Field::new("name", "name", Text),
            Field::new("value", "value", Text),
        ],
        ops: ORM_NO_IN_OPS,
        dialect: Dialect::Orm,
        default_uf: false,
    }
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    let page = query::list(
        &conn,
        &entity(),
        param(params, "select"),
        param(params, "filter"),
        ordered(params, "order").as_ref(),
        param(params, "start"),
    )?;
    let values: Vec<Value> = page
        .rows
        .into_iter()
        .map(|(_, row)| Value::Object(row))
        .collect();
    Ok(Reply::page(
        json!({ "propertyValues": values }),
        page.total,
        page.next,
    ))
}
