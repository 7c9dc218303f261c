//! `crm.deal.fields`: every field with its type and title; user fields with their labels.

use rusqlite::Connection;
use serde_json::{Map, Value, json};

use crate::rest::{Ctx, Params, Reply, RestError};

/// name, type, read-only, title.
const FIELDS: &[(&str, &str, bool, &str)] = &[
    ("ID", "integer", true, "ID"),
    ("TITLE", "string", false, "Название"),
    ("TYPE_ID", "crm_status", false, "Тип"),
    ("CATEGORY_ID", "crm_category", false, "Воронка"),
    ("STAGE_ID", "crm_status", false, "Стадия сделки"),
    ("STAGE_SEMANTIC_ID", "string", true, "Группа стадий"),
    ("IS_NEW", "char", true, "Новая сделка"),
    ("IS_RECURRING", "char", false, "Регулярная сделка"),
    ("IS_RETURN_CUSTOMER", "char", true, "Повторная сделка"),
    ("IS_REPEATED_APPROACH", "char", true, "Повторное обращение"),
    ("PROBABILITY", "integer", false, "Вероятность"),
    ("CURRENCY_ID", "crm_currency", false, "Валюта"),
    ("OPPORTUNITY", "double", false, "Сумма"),
    (
        "IS_MANUAL_OPPORTUNITY",
        "char",
        false,
        "Сумма заполнена вручную",
    ),
    ("TAX_VALUE", "double", false, "Ставка налога"),
    ("COMPANY_ID", "crm_company", false, "Компания"),
    ("CONTACT_ID", "crm_contact", false, "Контакт"),
    ("BEGINDATE", "date", false, "Дата начала"),
    ("CLOSEDATE", "date", false, "Дата завершения"),
    ("OPENED", "char", false, "Доступна для всех"),
    ("CLOSED", "char", false, "Закрыта"),
    ("COMMENTS", "string", false, "Комментарий"),
    ("ASSIGNED_BY_ID", "user", false, "Ответственный"),
    ("CREATED_BY_ID", "user", true, "Кем создана"),
    ("MODIFY_BY_ID", "user", true, "Кем изменена"),
    ("DATE_CREATE", "datetime", true, "Дата создания"),
    ("DATE_MODIFY", "datetime", true, "Дата изменения"),
    ("SOURCE_ID", "crm_status", false, "Источник"),
    (
        "SOURCE_DESCRIPTION",
        "string",
        false,
        "Дополнительно об источнике",
    ),
    ("ORIGINATOR_ID", "string", false, "Внешний источник"),
    (
        "ORIGIN_ID",
        "string",
        false,
        "Идентификатор элемента во внешнем источнике",
    ),
    ("MOVED_BY_ID", "user", true, "Кем изменена стадия"),
    ("MOVED_TIME", "datetime", true, "Дата изменения стадии"),
];

pub fn fields(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    let conn = ctx.state.db.lock();
    Ok(Reply::new(Value::Object(describe(&conn)?)))
}

fn describe(conn: &Connection) -> Result<Map<String, Value>, RestError> {
    let mut out = Map::new();
    for (name, kind, read_only, title) in FIELDS {
        let mut field = json!({
            "type": kind, "isRequired": false, "isReadOnly": read_only, "isImmutable": false,
            "isMultiple": false, "isDynamic": false, "title": title
        });
        if *kind == "crm_status" {
            let status_type = match *name {
                "STAGE_ID" => "DEAL_STAGE",
                "TYPE_ID" => "DEAL_TYPE",
                _ => "SOURCE",
            };
            field["statusType"] = json!(status_type);
        }
        out.insert(name.to_string(), field);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT name, type, label_ru, multiple FROM deal_user_fields ORDER BY sort, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    for row in rows {
        let (name, kind, label, multiple) = row?;
        out.insert(
            name.clone(),
            json!({
                "type": kind, "isRequired": false, "isReadOnly": false, "isImmutable": false, "isMultiple": multiple,
                "isDynamic": true, "title": name, "listLabel": label, "formLabel": label, "filterLabel": label, "settings": {}
            }),
        );
    }
    Ok(out)
}
