//! A REST failure: the `error` code (text or number), its description and the HTTP status.

use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub struct RestError {
    pub status: u16,
    /// A string (`"expired_token"`, `""`) or, for `sale.*` / `catalog.*`, a number.
    pub code: Code,
    pub description: String,
    /// The failing argument, for `ERROR_ARGUMENT`.
    pub argument: Option<String>,
}

/// An error code as the modules send it.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    Text(String),
    Number(u64),
}

impl Code {
    fn to_json(&self) -> Value {
        match self {
            Code::Text(t) => Value::String(t.clone()),
            Code::Number(n) => json!(n),
        }
    }
}

impl RestError {
    pub fn new(status: u16, code: &str, description: impl Into<String>) -> RestError {
        RestError {
            status,
            code: Code::Text(code.to_string()),
            description: description.into(),
            argument: None,
        }
    }

    /// A numeric code as the `sale` and `catalog` modules answer (`200540400001`), HTTP 400.
    pub fn numeric(code: u64, description: impl Into<String>) -> RestError {
        RestError {
            status: 400,
            code: Code::Number(code),
            description: description.into(),
            argument: None,
        }
    }

    /// The `crm` module's usual failure: an empty code, HTTP 400.
    pub fn crm(description: impl Into<String>) -> RestError {
        RestError::new(400, "", description)
    }

    pub fn crm_not_found() -> RestError {
        RestError::crm("Not found")
    }

    pub fn no_auth() -> RestError {
        RestError::new(401, "NO_AUTH_FOUND", "Wrong authorization data")
    }

    /// A webhook whose user and secret the server does not know (`rest` module,
    /// `apauth/auth.php`).
    pub fn invalid_credentials() -> RestError {
        RestError::new(401, "INVALID_CREDENTIALS", "Invalid request credentials")
    }

    pub fn expired() -> RestError {
        RestError::new(
            401,
            "expired_token",
            "The access token provided has expired",
        )
    }

    pub fn invalid_token() -> RestError {
        RestError::new(401, "invalid_token", "The access token provided is invalid")
    }

    pub fn insufficient_scope() -> RestError {
        RestError::new(
            401,
            "insufficient_scope",
            "The request requires higher privileges than provided by the access token",
        )
    }

    pub fn access_denied() -> RestError {
        RestError::new(403, "ACCESS_DENIED", "Access denied!")
    }

    /// A module refusing a caller without the rights to `method`, in that module's own shape:
    /// `sale.*` and `catalog.*` with a numeric code, `crm.*` with an empty one (HTTP 400 both),
    /// anything else with `ACCESS_DENIED`.
    pub fn refused_by_module(method: &str) -> RestError {
        let module = method.split('.').next().unwrap_or_default();
        match module.to_ascii_lowercase().as_str() {
            "sale" | "catalog" => RestError::numeric(200040300010, "Access Denied"),
            "crm" => RestError::crm("Access denied."),
            _ => RestError::access_denied(),
        }
    }

    pub fn method_not_found() -> RestError {
        RestError::new(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
    }

    pub fn query_limit() -> RestError {
        RestError::new(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
    }

    pub fn internal() -> RestError {
        RestError::new(500, "INTERNAL_SERVER_ERROR", "Internal server error")
    }

    pub fn wrong_auth_type() -> RestError {
        RestError::new(
            403,
            "WRONG_AUTH_TYPE",
            "Current authorization type is denied for this method Application context required",
        )
    }

    /// `ERROR_ARGUMENT` with the argument's name, as the placement methods answer.
    pub fn argument(name: &str, description: impl Into<String>) -> RestError {
        RestError {
            argument: Some(name.to_string()),
            ..RestError::new(400, "ERROR_ARGUMENT", description)
        }
    }

    /// The JSON body: `{"error": ..., "error_description": ...}` (plus `argument` when known).
    pub fn body(&self) -> Value {
        match &self.argument {
            Some(argument) => {
                json!({"error": self.code.to_json(), "error_description": self.description, "argument": argument})
            }
            None => json!({"error": self.code.to_json(), "error_description": self.description}),
        }
    }
}

impl From<rusqlite::Error> for RestError {
    fn from(e: rusqlite::Error) -> RestError {
        RestError::new(500, "INTERNAL_SERVER_ERROR", format!("Database error: {e}"))
    }
}
