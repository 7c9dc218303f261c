//! `catalog.catalog.list`: the trade catalogues (information blocks holding products), so an
//! app can find the `iblockId` its product queries need. Variation catalogues carry the
//! product catalogue in `productIblockId`.

use crate::methods::wrapped_list::wrapped_list;
use crate::query::{Dialect, Entity, Field, Kind, ORM_OPS};
use crate::rest::{Ctx, Params, Reply, RestError};
use crate::state::Side;

fn entity(side: Side) -> Entity {
    use Kind::*;
    Entity {
        from: "catalogs".into(),
        base_where: Some(format!("side = '{}'", side.name())),
        id_sql: "catalogs.iblock_id".into(),
        fields: vec![
            Field::new("id", "catalogs.iblock_id", Int),
            Field::new("iblockId", "catalogs.iblock_id", Int),
            Field::new("iblockTypeId", "iblock_type_id", Text),
            Field::new("lid", "'s1'", Text),
            Field::new("name", "name", Text),
            Field::new("productIblockId", "product_iblock_id", Int),
            Field::new("skuPropertyId", "sku_property_id", Int),
            Field::new("subscription", "'N'", Char),
            Field::new("vatId", "1", Int),
        ],
        ops: ORM_OPS,
        dialect: Dialect::Orm,
        default_uf: false,
    }
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    wrapped_list(&conn, params, &entity(ctx.caller.side), "catalogs", None)
}
