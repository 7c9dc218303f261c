//! `user.current`, `profile`, `app.info`, `methods`, `scope`.

use rusqlite::OptionalExtension;
use serde_json::{Value, json};

use crate::methods_access::app_options;
use crate::rest::{Ctx, Params, Reply, RestError, registry};
use crate::state::Side;

fn user_row(ctx: &Ctx) -> Result<(String, String, Option<String>, bool, String), RestError> {
    if ctx.caller.side == Side::Store {
        return Ok((
            "Администратор".into(),
            "Магазина".into(),
            Some("shop@example.ru".into()),
            true,
            String::new(),
        ));
    }
    let conn = ctx.state.db.lock();
    conn.query_row(
        "SELECT name, last_name, email, admin, position FROM users WHERE id = ?1",
        [ctx.caller.user_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .optional()?
    .ok_or_else(|| RestError::new(400, "ERROR_CORE", "User not found"))
}

pub fn current(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    let (name, last_name, email, _, position) = user_row(ctx)?;
    Ok(Reply::new(json!({
        "ID": ctx.caller.user_id.to_string(), "XML_ID": null, "ACTIVE": true, "NAME": name, "LAST_NAME": last_name,
        "SECOND_NAME": "", "EMAIL": email, "LAST_LOGIN": crate::clock::now_text(), "DATE_REGISTER": "2023-01-10T00:00:00+03:00",
        "IS_ONLINE": "Y", "TIME_ZONE": "Europe/Moscow", "TIME_ZONE_OFFSET": "10800", "PERSONAL_GENDER": "",
        "PERSONAL_PHOTO": null, "WORK_POSITION": position, "UF_DEPARTMENT": [1], "USER_TYPE": "employee"
    })))
}

pub fn profile(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    let (name, last_name, _, admin, _) = user_row(ctx)?;
    Ok(Reply::new(json!({
        "ID": ctx.caller.user_id.to_string(), "ADMIN": admin, "NAME": name, "LAST_NAME": last_name,
        "PERSONAL_GENDER": "", "PERSONAL_PHOTO": null, "TIME_ZONE": "Europe/Moscow", "TIME_ZONE_OFFSET": 10800
    })))
}

pub fn app_info(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    if !ctx.caller.app_context {
        // A webhook is not an application.
        return Ok(Reply::new(
            json!({"SCOPE": ctx.caller.scopes, "LICENSE": "ru_project", "LICENSE_TYPE": "project", "LICENSE_FAMILY": "project"}),
        ));
    }
    let conn = ctx.state.db.lock();
    let installed: bool = conn
        .query_row(
            "SELECT installed FROM app_state WHERE code = 'storelink'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false);
    Ok(Reply::new(json!({
        "ID": 1, "CODE": "storelink", "VERSION": 1, "STATUS": "L", "INSTALLED": installed, "PAYMENT_EXPIRED": "N",
        "DAYS": null, "LANGUAGE_ID": "ru", "LICENSE": "ru_project", "LICENSE_TYPE": "project", "LICENSE_FAMILY": "project"
    })))
}

/// `app.option.get`: the app's options (scope `basic`, in the application's context only):
/// every option as an object (`[]` when there are none), or with `option` that one's value
/// (`null` when not set).
pub fn app_option_get(ctx: &Ctx, params: &Params) -> Result<Reply, RestError> {
    if !ctx.caller.app_context {
        return Err(RestError::new(
            400,
            "AccessException",
            "Application context required",
        ));
    }
    let options = app_options(&ctx.state.db.lock())?;
    let result = match params.get("option").and_then(Value::as_str) {
        Some(name) => options.get(name).cloned().unwrap_or(Value::Null),
        None if options.is_empty() => json!([]),
        None => Value::Object(options),
    };
    Ok(Reply::new(result))
}

pub fn methods(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    let mut names: Vec<&str> = registry::available(ctx);
    names.push("batch");
    names.sort_unstable();
    Ok(Reply::new(json!(names)))
}

pub fn scope(ctx: &Ctx, _params: &Params) -> Result<Reply, RestError> {
    Ok(Reply::new(Value::Array(
        ctx.caller.scopes.iter().map(|s| json!(s)).collect(),
    )))
}
