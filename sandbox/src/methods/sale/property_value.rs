//! `sale.propertyvalue.list`: the values of order properties (buyer's name, phone, e-mail,
//! address, custom ones), one record per order and property, as the buyer typed them.

use crate::methods::wrapped_list::wrapped_list;
use crate::query::{Dialect, Entity, Field, Kind, ORM_NO_IN_OPS};
use crate::rest::{Ctx, Params, Reply, RestError};

fn entity() -> Entity {
    use Kind::*;
    Entity {
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
    wrapped_list(&conn, params, &entity(), "propertyValues", None)
}
