//! The methods each side knows, their scopes, and the call itself.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Ctx, Params, Reply, RestError};
use crate::methods;
use crate::state::Side;

pub type Handler = fn(&Ctx, &Params) -> Result<Reply, RestError>;

#[derive(Clone, Copy)]
pub struct Method {
    pub name: &'static str,
    /// Any of these scopes allows the call; empty: every caller may.
    pub scopes: &'static [&'static str],
    /// Only portal administrators may call it.
    pub admin: bool,
    /// Only the app's OAuth token may call it (not a webhook).
    pub app_only: bool,
    pub handler: Handler,
}

impl Method {
    pub const fn new(
        name: &'static str,
        scopes: &'static [&'static str],
        handler: Handler,
    ) -> Method {
        Method {
            name,
            scopes,
            admin: false,
            app_only: false,
            handler,
        }
    }

    pub const fn admin_app(
        name: &'static str,
        scopes: &'static [&'static str],
        handler: Handler,
    ) -> Method {
        Method {
            name,
            scopes,
            admin: true,
            app_only: true,
            handler,
        }
    }
}

fn table(side: Side) -> &'static HashMap<String, Method> {
    static PORTAL: OnceLock<HashMap<String, Method>> = OnceLock::new();
    static STORE: OnceLock<HashMap<String, Method>> = OnceLock::new();
    let build = |list: Vec<Method>| {
        list.into_iter()
            .map(|m| (m.name.to_ascii_lowercase(), m))
            .collect()
    };
    match side {
        Side::Portal => PORTAL.get_or_init(|| build(methods::portal())),
        Side::Store => STORE.get_or_init(|| build(methods::store())),
    }
}

/// A method by name, in any case, as Bitrix looks them up.
pub fn find(side: Side, name: &str) -> Option<&'static Method> {
    table(side).get(&name.to_ascii_lowercase())
}

/// Names of the methods the caller's scopes allow, sorted.
pub fn available(ctx: &Ctx) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = table(ctx.caller.side)
        .values()
        .filter(|m| {
            m.scopes.is_empty()
                || m.scopes
                    .iter()
                    .any(|s| ctx.caller.scopes.iter().any(|c| c == s))
        })
        .map(|m| m.name)
        .collect();
    names.sort_unstable();
    names
}

/// Runs one method (not `batch`) with the checks the real server makes.
pub fn call(ctx: &Ctx, name: &str, params: &Params) -> Result<Reply, RestError> {
    let method = find(ctx.caller.side, name).ok_or_else(RestError::method_not_found)?;
    if !method.scopes.is_empty()
        && !method
            .scopes
            .iter()
            .any(|s| ctx.caller.scopes.iter().any(|c| c == s))
    {
        return Err(RestError::insufficient_scope());
    }
    if method.app_only && !ctx.caller.app_context {
        return Err(RestError::wrong_auth_type());
    }
    if method.admin && !ctx.caller.is_admin {
        return Err(RestError::access_denied());
    }
    (method.handler)(ctx, params)
}
