//! `catalog.measure.list` (the store): the units of measure a product's `measure` names by ID,
//! as `{"measures": [...]}` with `id` and `code` as numbers. The five a fresh install has carry
//! no `measureTitle` or `symbol` (`null`), as the `catalog` module writes them; units a data
//! set adds carry its name in both.

use crate::methods::wrapped_list::wrapped_list;
use crate::query::{Dialect, Entity, Field, Kind, MEASURE_OPS};
use crate::rest::{Ctx, Params, Reply, RestError};

fn entity() -> Entity {
    use Kind::*;
    Entity {
        from: "measures".into(),
        base_where: None,
        id_sql: "measures.id".into(),
        fields: vec![
            Field::new("id", "measures.id", Int),
            Field::new("code", "code", Int),
            Field::new("isDefault", "is_default", Char),
            Field::new("measureTitle", "measure_title", Text),
            Field::new("symbol", "symbol", Text),
            Field::new("symbolIntl", "symbol_intl", Text),
            Field::new("symbolLetterIntl", "symbol_letter_intl", Text),
        ],
        ops: MEASURE_OPS,
        dialect: Dialect::Orm,
        default_uf: false,
    }
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    wrapped_list(&conn, params, &entity(), "measures", None)
}
