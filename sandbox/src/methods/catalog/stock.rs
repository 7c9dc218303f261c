//! `catalog.storeproduct.list` (no LIKE), `catalog.store.list`, `catalog.price.list`.

use crate::methods::wrapped_list::wrapped_list;
use crate::query::{Dialect, Entity, Field, Kind, ORM_OPS, STORE_PRODUCT_OPS};
use crate::rest::{Ctx, Params, Reply, RestError};

fn run(ctx: &Ctx, params: &Params, entity: Entity, wrapper: &str) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    wrapped_list(&conn, params, &entity, wrapper, None)
}

fn entity(
    from: &str,
    base_where: Option<String>,
    fields: Vec<Field>,
    ops: &'static [&'static str],
) -> Entity {
    Entity {
        from: from.into(),
        base_where,
        id_sql: format!("{from}.id"),
        fields,
        ops,
        dialect: Dialect::Orm,
        default_uf: false,
    }
}

pub fn store_product_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let fields = vec![
        Field::new("id", "store_products.id", Kind::Int),
        Field::new("productId", "product_id", Kind::Int),
        Field::new("storeId", "store_id", Kind::Int),
        Field::new("amount", "amount", Kind::Float),
        Field::new("quantityReserved", "quantity_reserved", Kind::Float),
    ];
    run(
        ctx,
        params,
        entity("store_products", None, fields, STORE_PRODUCT_OPS),
        "storeProducts",
    )
}

pub fn store_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    use Kind::*;
    let fields = vec![
        Field::new("id", "stores.id", Int),
        Field::new("title", "title", Text),
        Field::new("active", "active", Char),
        Field::new("address", "address", Text),
        Field::new("description", "''", Text),
        Field::new("gpsN", "0", Float),
        Field::new("gpsS", "0", Float),
        Field::new("imageId", "NULL", Int),
        Field::new("dateModify", "date_modify", Date),
        Field::new("dateCreate", "date_create", Date),
        Field::new("userId", "1", Int),
        Field::new("modifiedBy", "1", Int),
        Field::new("phone", "''", Text),
        Field::new("schedule", "''", Text),
        Field::new("xmlId", "xml_id", Text),
        Field::new("sort", "sort", Int),
        Field::new("email", "''", Text),
        Field::new("issuingCenter", "'N'", Char),
        Field::new("code", "code", Text),
        Field::new("isDefault", "is_default", Char),
    ];
    run(
        ctx,
        params,
        entity("stores", None, fields, ORM_OPS),
        "stores",
    )
}

pub fn price_list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    use Kind::*;
    let fields = vec![
        Field::new("id", "prices.id", Int),
        Field::new("catalogGroupId", "catalog_group_id", Int),
        Field::new("currency", "currency", Text),
        Field::new("extraId", "NULL", Int),
        Field::new("price", "price", Float),
        Field::new("productId", "product_id", Int),
        Field::new("quantityFrom", "NULL", Int),
        Field::new("quantityTo", "NULL", Int),
        Field::new("timestampX", "timestamp_x", Date),
    ];
    let side = ctx.caller.side.name();
    run(
        ctx,
        params,
        entity("prices", Some(format!("side = '{side}'")), fields, ORM_OPS),
        "prices",
    )
}
