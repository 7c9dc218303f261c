//! The deal's fields as `crm.deal.*` shows them, user fields included.

use rusqlite::Connection;

use crate::query::{CRM_OPS, Dialect, Entity, Field, Kind};
use crate::rest::RestError;
use crate::state::AppState;
use std::sync::Arc;

/// Declared user fields: name, type, multiple.
pub fn user_fields(conn: &Connection) -> Result<Vec<(String, String, bool)>, RestError> {
    let mut stmt = conn
        .prepare_cached("SELECT name, type, multiple FROM deal_user_fields ORDER BY sort, name")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The entity, built once per data set (user fields only change with the seed).
pub fn cached(state: &AppState, conn: &Connection) -> Result<Arc<Entity>, RestError> {
    let mut slot = state.deal_entity.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(entity) = slot.as_ref() {
        return Ok(entity.clone());
    }
    let entity = Arc::new(entity(conn)?);
    *slot = Some(entity.clone());
    Ok(entity)
}

pub fn entity(conn: &Connection) -> Result<Entity, RestError> {
    use Kind::*;
    let mut fields = vec![
        Field::new("ID", "deals.id", CrmId),
        Field::new("TITLE", "title", Text),
        Field::new("TYPE_ID", "type_id", Text),
        Field::new("STAGE_ID", "stage_id", Text),
        Field::new("PROBABILITY", "probability", CrmId),
        Field::new("CURRENCY_ID", "currency_id", Text),
        Field::new("OPPORTUNITY", "opportunity", CrmMoney),
        Field::new("IS_MANUAL_OPPORTUNITY", "is_manual_opportunity", Char),
        Field::new("TAX_VALUE", "tax_value", CrmMoney),
        Field::new("LEAD_ID", "NULL", CrmId),
        Field::new("COMPANY_ID", "company_id", CrmId),
        Field::new("CONTACT_ID", "contact_id", CrmId),
        Field::new("QUOTE_ID", "NULL", CrmId),
        Field::new("BEGINDATE", "begindate", Date),
        Field::new("CLOSEDATE", "closedate", Date),
        Field::new("ASSIGNED_BY_ID", "assigned_by_id", CrmId),
        Field::new("CREATED_BY_ID", "created_by_id", CrmId),
        Field::new("MODIFY_BY_ID", "modify_by_id", CrmId),
        Field::new("DATE_CREATE", "date_create", Date),
        Field::new("DATE_MODIFY", "date_modify", Date),
        Field::new("OPENED", "opened", Char),
        Field::new("CLOSED", "closed", Char),
        Field::new("COMMENTS", "comments", Text),
        Field::new("ADDITIONAL_INFO", "NULL", Text),
        Field::new("LOCATION_ID", "NULL", Text),
        Field::new("CATEGORY_ID", "category_id", CrmId),
        Field::new(
            "STAGE_SEMANTIC_ID",
            "COALESCE((SELECT s.semantics FROM stages s WHERE s.status_id = deals.stage_id), 'P')",
            Text,
        ),
        Field::new(
            "IS_NEW",
            "CASE WHEN stage_id = (SELECT s.status_id FROM stages s WHERE s.category_id IS deals.category_id OR (deals.category_id = 0 AND s.category_id IS NULL) ORDER BY s.sort LIMIT 1) THEN 'Y' ELSE 'N' END",
            Char,
        ),
        Field::new("IS_RECURRING", "'N'", Char),
        Field::new("IS_RETURN_CUSTOMER", "'N'", Char),
        Field::new("IS_REPEATED_APPROACH", "'N'", Char),
        Field::new("SOURCE_ID", "source_id", Text),
        Field::new("SOURCE_DESCRIPTION", "source_description", Text),
        Field::new("ORIGINATOR_ID", "originator_id", Text),
        Field::new("ORIGIN_ID", "origin_id", Text),
        Field::new("MOVED_BY_ID", "modify_by_id", CrmId),
        Field::new("MOVED_TIME", "date_modify", Date),
        Field::new("LAST_ACTIVITY_TIME", "date_modify", Date),
        Field::new("UTM_SOURCE", "NULL", Text),
        Field::new("UTM_MEDIUM", "NULL", Text),
        Field::new("UTM_CAMPAIGN", "NULL", Text),
        Field::new("UTM_CONTENT", "NULL", Text),
        Field::new("UTM_TERM", "NULL", Text),
        Field::new("LAST_ACTIVITY_BY", "modify_by_id", CrmId),
    ];
    for (name, _, multiple) in user_fields(conn)? {
        let path = format!(
            "json_extract(uf, '$.\"{}\"')",
            name.replace(['\'', '"'], "")
        );
        // Single values compare and read as text, as PHP compares them loosely: a filter
        // `UF_CRM_ORDER = 110` finds the stored "110".
        let (sql, kind) = if multiple {
            (path, Kind::Json)
        } else {
            (format!("CAST({path} AS TEXT)"), Kind::UserField)
        };
        fields.push(Field::extra(&name, &sql, kind));
    }
    Ok(Entity {
        from: "deals".into(),
        base_where: None,
        id_sql: "deals.id".into(),
        fields,
        ops: CRM_OPS,
        dialect: Dialect::Crm,
        default_uf: true,
    })
}
