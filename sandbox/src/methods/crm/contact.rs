//! `crm.contact.get`, `.list`, `.add`, `.update`; phones and e-mails are multi-fields.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Transaction, params, params_from_iter};
use serde_json::{Map, Value, json};

use crate::clock;
use crate::query::{self, CRM_OPS, Dialect, Entity, Field, Kind};
use crate::rest::{Ctx, Params, Reply, RestError, as_id, as_text, fields_of, ordered, param_ci};
use crate::seed::defaults::{normalize_email, normalize_phone};

fn entity() -> Entity {
    use Kind::*;
    let fields = vec![
        Field::new("ID", "contacts.id", CrmId),
        Field::new("HONORIFIC", "honorific", Text),
        Field::new("NAME", "name", Text),
        Field::new("SECOND_NAME", "second_name", Text),
        Field::new("LAST_NAME", "last_name", Text),
        Field::new("PHOTO", "NULL", Text),
        Field::new("BIRTHDATE", "''", Text),
        Field::new("TYPE_ID", "type_id", Text),
        Field::new("SOURCE_ID", "source_id", Text),
        Field::new("SOURCE_DESCRIPTION", "NULL", Text),
        Field::new("POST", "post", Text),
        Field::new("COMMENTS", "comments", Text),
        Field::new("OPENED", "opened", Char),
        Field::new("EXPORT", "export", Char),
        Field::new(
            "HAS_PHONE",
            "CASE WHEN EXISTS (SELECT 1 FROM contact_comms c WHERE c.contact_id = contacts.id AND c.kind = 'PHONE') THEN 'Y' ELSE 'N' END",
            Char,
        ),
        Field::new(
            "HAS_EMAIL",
            "CASE WHEN EXISTS (SELECT 1 FROM contact_comms c WHERE c.contact_id = contacts.id AND c.kind = 'EMAIL') THEN 'Y' ELSE 'N' END",
            Char,
        ),
        Field::new("HAS_IMOL", "'N'", Char),
        Field::new("ASSIGNED_BY_ID", "assigned_by_id", CrmId),
        Field::new("CREATED_BY_ID", "created_by_id", CrmId),
        Field::new("MODIFY_BY_ID", "modify_by_id", CrmId),
        Field::new("DATE_CREATE", "date_create", Date),
        Field::new("DATE_MODIFY", "date_modify", Date),
        Field::new("COMPANY_ID", "NULL", CrmId),
        Field::new("LEAD_ID", "NULL", CrmId),
        Field::new("ORIGINATOR_ID", "originator_id", Text),
        Field::new("ORIGIN_ID", "origin_id", Text),
        Field::new("ORIGIN_VERSION", "NULL", Text),
        Field::new("LAST_ACTIVITY_TIME", "date_modify", Date),
        Field::new("LAST_ACTIVITY_BY", "modify_by_id", CrmId),
    ];
    Entity {
        from: "contacts".into(),
        base_where: None,
        id_sql: "contacts.id".into(),
        fields,
        ops: CRM_OPS,
        dialect: Dialect::Crm,
        default_uf: true,
    }
}

/// `[{ID, VALUE_TYPE, VALUE, TYPE_ID}]` of one kind.
fn communications(conn: &Connection, contact: i64, kind: &str) -> Result<Value, RestError> {
    let mut stmt = conn.prepare_cached("SELECT id, value_type, value FROM contact_comms WHERE contact_id = ?1 AND kind = ?2 ORDER BY id")?;
    let rows = stmt
        .query_map(params![contact, kind], |r| {
            Ok(json!({"ID": r.get::<_, i64>(0)?.to_string(), "VALUE_TYPE": r.get::<_, String>(1)?, "VALUE": r.get::<_, String>(2)?, "TYPE_ID": kind}))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(rows))
}

pub fn get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param_ci(params, "id"))
        .ok_or_else(|| RestError::crm("ID is not defined or invalid."))?;
    let conn = ctx.state.db.lock();
    let mut contact =
        query::get(&conn, &entity(), id as i64)?.ok_or_else(RestError::crm_not_found)?;
    for kind in ["PHONE", "EMAIL"] {
        let list = communications(&conn, id as i64, kind)?;
        if list.as_array().is_some_and(|l| !l.is_empty()) {
            contact.insert(kind.into(), list);
        }
    }
    Ok(Reply::new(Value::Object(contact)))
}

pub fn list(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    let select = param_ci(params, "select");
    let wanted: Vec<&str> = ["PHONE", "EMAIL"]
        .into_iter()
        .filter(|k| {
            select.and_then(Value::as_array).is_some_and(|s| {
                s.iter()
                    .any(|v| v.as_str().is_some_and(|v| v.eq_ignore_ascii_case(k)))
            })
        })
        .collect();
    let page = query::list(
        &conn,
        &entity(),
        select,
        param_ci(params, "filter"),
        ordered(params, "order").as_ref(),
        param_ci(params, "start"),
    )?;
    let mut rows = vec![];
    for (id, mut row) in page.rows {
        for kind in &wanted {
            let list = communications(&conn, id, kind)?;
            if list.as_array().is_some_and(|l| !l.is_empty()) {
                row.insert(kind.to_string(), list);
            }
        }
        rows.push(Value::Object(row));
    }
    Ok(Reply::page(Value::Array(rows), page.total, page.next))
}

pub fn add(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let fields = fields_of(params).cloned().unwrap_or_default();
    let user = ctx.caller.user_id;
    let id = ctx.state.db.write(|tx| {
        let now = clock::now_text();
        tx.execute(
            "INSERT INTO contacts (assigned_by_id, created_by_id, modify_by_id, date_create, date_modify) VALUES (?1, ?1, ?1, ?2, ?2)",
            params![user, now],
        )?;
        let id = tx.last_insert_rowid() as u64;
        write(tx, id, &fields, user, true)?;
        Ok::<u64, RestError>(id)
    })?;
    Ok(Reply::new(json!(id)))
}

pub fn update(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    let id = as_id(param_ci(params, "id"))
        .ok_or_else(|| RestError::crm("ID is not defined or invalid."))?;
    let fields = fields_of(params).cloned().unwrap_or_default();
    let user = ctx.caller.user_id;
    ctx.state.db.write(|tx| {
        let exists: i64 =
            tx.query_row("SELECT COUNT(*) FROM contacts WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        if exists == 0 {
            return Err(RestError::crm_not_found());
        }
        write(tx, id, &fields, user, false)
    })?;
    Ok(Reply::new(json!(true)))
}

const WRITABLE: &[(&str, &str)] = &[
    ("NAME", "name"),
    ("SECOND_NAME", "second_name"),
    ("LAST_NAME", "last_name"),
    ("HONORIFIC", "honorific"),
    ("TYPE_ID", "type_id"),
    ("SOURCE_ID", "source_id"),
    ("POST", "post"),
    ("COMMENTS", "comments"),
    ("ORIGINATOR_ID", "originator_id"),
    ("ORIGIN_ID", "origin_id"),
];

fn write(
    tx: &Transaction,
    id: u64,
    fields: &Map<String, Value>,
    user: u64,
    creating: bool,
) -> Result<(), RestError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    if creating && field("NAME").is_none() && field("LAST_NAME").is_none() {
        return Err(RestError::crm(
            "One of the fields must be filled in: Name, Last name",
        ));
    }
    let mut sets = vec![];
    let mut binds: Vec<Sql> = vec![];
    for (name, column) in WRITABLE {
        if let Some(v) = field(name) {
            sets.push(format!("{column} = ?"));
            binds.push(as_text(v).map(Sql::Text).unwrap_or(Sql::Null));
        }
    }
    if let Some(v) = field("ASSIGNED_BY_ID").and_then(|v| as_id(Some(v))) {
        sets.push("assigned_by_id = ?".into());
        binds.push(Sql::Integer(v as i64));
    }
    for kind in ["PHONE", "EMAIL"] {
        if let Some(items) = field(kind) {
            write_communications(tx, id, kind, items)?;
        }
    }
    if !creating {
        let previous: String = tx.query_row(
            "SELECT date_modify FROM contacts WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        sets.push("date_modify = ?".into());
        binds.push(Sql::Text(clock::bumped(Some(&previous))));
    }
    sets.push("modify_by_id = ?".into());
    binds.push(Sql::Integer(user as i64));
    binds.push(Sql::Integer(id as i64));
    tx.execute(
        &format!("UPDATE contacts SET {} WHERE id = ?", sets.join(", ")),
        params_from_iter(binds.iter()),
    )?;
    Ok(())
}

/// Items with an `ID` change (or with `DELETE: "Y"` remove) that value; items without add one.
fn write_communications(
    tx: &Transaction,
    contact: u64,
    kind: &str,
    items: &Value,
) -> Result<(), RestError> {
    let list: Vec<&Value> = match items {
        Value::Array(a) => a.iter().collect(),
        Value::Object(m) => m.values().collect(),
        _ => vec![],
    };
    for item in list {
        let Some(item) = item.as_object() else {
            continue;
        };
        let get = |n: &str| {
            item.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v)
        };
        let value = get("VALUE").and_then(as_text).unwrap_or_default();
        let value_type = get("VALUE_TYPE")
            .and_then(as_text)
            .unwrap_or_else(|| "WORK".into());
        let normalized = if kind == "PHONE" {
            normalize_phone(&value)
        } else {
            normalize_email(&value)
        };
        match get("ID").and_then(|v| as_id(Some(v))) {
            Some(comm)
                if get("DELETE").and_then(as_text).as_deref() == Some("Y") || value.is_empty() =>
            {
                tx.execute(
                    "DELETE FROM contact_comms WHERE id = ?1 AND contact_id = ?2",
                    params![comm, contact],
                )?;
            }
            Some(comm) => {
                tx.execute(
                    "UPDATE contact_comms SET value = ?3, value_type = ?4, normalized = ?5 WHERE id = ?1 AND contact_id = ?2",
                    params![comm, contact, value, value_type, normalized],
                )?;
            }
            None if !value.is_empty() => {
                tx.execute(
                    "INSERT INTO contact_comms (contact_id, kind, value, value_type, normalized) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![contact, kind, value, value_type, normalized],
                )?;
            }
            None => {}
        }
    }
    Ok(())
}
