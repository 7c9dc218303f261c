//! Lists as Bitrix serves them: `select` (with `*` and `UF_*`), `filter` with prefixes,
//! `order`, and pages of 50 with `next` and `total` (`start=-1`: no count).

mod fields;
mod filter;
mod prefixes;

pub use fields::{Field, Kind, money, number};
pub use prefixes::{
    CRM_OPS, MEASURE_OPS, ORM_NO_IN_OPS, ORM_OPS, STATUS_LANG_OPS, STORE_PRODUCT_OPS,
};

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::{Map, Value};

use crate::rest::RestError;

pub const PAGE: u64 = 50;

/// How a module treats what it does not know.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dialect {
    /// `crm.*`: field names in any case; unknown filter, order and select fields are ignored.
    Crm,
    /// `sale.*`, `catalog.*` (ORM controllers): exact camelCase names; unknown fields are errors.
    Orm,
}

/// A listable entity: its table, fields, and which filter prefixes its method supports.
#[derive(Debug, Clone)]
pub struct Entity {
    pub from: String,
    pub base_where: Option<String>,
    pub id_sql: String,
    pub fields: Vec<Field>,
    pub ops: &'static [&'static str],
    pub dialect: Dialect,
    /// Default selection when none is given: `*` plus, for CRM, `UF_*`.
    pub default_uf: bool,
}

/// A row with its row ID.
pub type Row = (i64, Map<String, Value>);

/// One page of rows, each with its row ID (for methods that add nested data).
#[derive(Debug)]
pub struct Page {
    pub rows: Vec<Row>,
    pub total: Option<u64>,
    pub next: Option<u64>,
}

impl Entity {
    pub fn field(&self, name: &str) -> Option<&Field> {
        match self.dialect {
            Dialect::Crm => self
                .fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(name)),
            Dialect::Orm => self.fields.iter().find(|f| f.name == name),
        }
    }

    pub fn error(&self, text: String) -> RestError {
        match self.dialect {
            Dialect::Crm => RestError::crm(text),
            Dialect::Orm => RestError::numeric(0, text),
        }
    }

    /// The fields a `select` names.
    pub fn selection(&self, select: Option<&Value>) -> Result<Vec<&Field>, RestError> {
        let names: Vec<String> = match select {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(Value::Object(map)) => map
                .values()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
            _ => vec![],
        };
        let mut out: Vec<&Field> = vec![];
        fn push<'f>(f: &'f Field, out: &mut Vec<&'f Field>) {
            if !out.iter().any(|o| o.name == f.name) {
                out.push(f);
            }
        }
        if names.is_empty() {
            for f in self
                .fields
                .iter()
                .filter(|f| f.star || (self.default_uf && f.name.starts_with("UF_")))
            {
                push(f, &mut out);
            }
            return Ok(out);
        }
        for name in &names {
            if name == "*" {
                self.fields
                    .iter()
                    .filter(|f| f.star)
                    .for_each(|f| push(f, &mut out));
            } else if name.eq_ignore_ascii_case("UF_*") && self.dialect == Dialect::Crm {
                self.fields
                    .iter()
                    .filter(|f| f.name.starts_with("UF_"))
                    .for_each(|f| push(f, &mut out));
            } else if let Some(f) = self.field(name) {
                push(f, &mut out);
            } else if self.dialect == Dialect::Orm {
                return Err(self.error(format!("Unknown field definition `{name}` in select")));
            }
        }
        Ok(out)
    }

    /// `ORDER BY` from an `order` object; the ID breaks ties.
    fn order_by(&self, order: Option<&Value>) -> Result<String, RestError> {
        let mut parts = vec![];
        let pairs: Vec<(&String, &Value)> = match order {
            Some(Value::Object(map)) => map.iter().collect(),
            // Keys in the caller's order, as `rest::ordered` gives them.
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|m| m.iter())
                .collect(),
            _ => vec![],
        };
        {
            for (name, dir) in pairs {
                let Some(f) = self.field(name) else {
                    if self.dialect == Dialect::Orm {
                        return Err(
                            self.error(format!("Unknown field definition `{name}` in order"))
                        );
                    }
                    continue;
                };
                let desc = dir.as_str().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
                parts.push(format!("{} {}", f.sql, if desc { "DESC" } else { "ASC" }));
            }
        }
        parts.push(format!("{} ASC", self.id_sql));
        Ok(parts.join(", "))
    }
}

/// `start`: the offset of the page; negative means "no count".
pub fn start_of(value: Option<&Value>) -> i64 {
    match value {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

/// Runs a list call: `select`, `filter`, `order`, `start` as the method received them.
pub fn list(
    conn: &Connection,
    entity: &Entity,
    select: Option<&Value>,
    filter: Option<&Value>,
    order: Option<&Value>,
    start: Option<&Value>,
) -> Result<Page, RestError> {
    let fields = entity.selection(select)?;
    let (conditions, binds) = filter::conditions(entity, filter)?;
    let order_by = entity.order_by(order)?;
    let start = start_of(start);
    let offset = start.max(0) as u64;
    let where_sql = where_clause(entity, &conditions);
    let columns: Vec<&str> = fields.iter().map(|f| f.sql.as_str()).collect();
    let sql = format!(
        "SELECT {}{}{} FROM {}{} ORDER BY {} LIMIT {} OFFSET {}",
        entity.id_sql,
        if columns.is_empty() { "" } else { ", " },
        columns.join(", "),
        entity.from,
        where_sql,
        order_by,
        PAGE,
        offset
    );
    let rows = query_rows(conn, &sql, &binds, &fields)?;
    if start < 0 {
        return Ok(Page {
            rows,
            total: None,
            next: None,
        });
    }
    let count_sql = format!("SELECT COUNT(*) FROM {}{}", entity.from, where_sql);
    let total: u64 = conn.query_row(&count_sql, rusqlite::params_from_iter(binds.iter()), |r| {
        r.get::<_, i64>(0)
    })? as u64;
    let next = (offset + PAGE < total).then_some(offset + PAGE);
    Ok(Page {
        rows,
        total: Some(total),
        next,
    })
}

/// Every default field of one record, or `None`.
pub fn get(
    conn: &Connection,
    entity: &Entity,
    id: i64,
) -> Result<Option<Map<String, Value>>, RestError> {
    let fields = entity.selection(None)?;
    let columns: Vec<&str> = fields.iter().map(|f| f.sql.as_str()).collect();
    let mut conditions = vec![format!("{} = ?", entity.id_sql)];
    if let Some(base) = &entity.base_where {
        conditions.push(base.clone());
    }
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE {}",
        entity.id_sql,
        columns.join(", "),
        entity.from,
        conditions.join(" AND ")
    );
    let mut rows = query_rows(conn, &sql, &[Sql::Integer(id)], &fields)?;
    Ok(rows.pop().map(|(_, row)| row))
}

fn where_clause(entity: &Entity, conditions: &[String]) -> String {
    let mut all: Vec<String> = entity.base_where.iter().cloned().collect();
    all.extend(conditions.iter().cloned());
    if all.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", all.join(" AND "))
    }
}

fn query_rows(
    conn: &Connection,
    sql: &str,
    binds: &[Sql],
    fields: &[&Field],
) -> Result<Vec<Row>, RestError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(binds.iter()))?;
    let mut out = vec![];
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let mut map = Map::new();
        for (i, f) in fields.iter().enumerate() {
            map.insert(
                f.name.clone(),
                fields::output(f.kind, row.get_ref(i + 1)?, id),
            );
        }
        out.push((id, map));
    }
    Ok(out)
}
