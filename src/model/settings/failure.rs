//! Why a call to the store or the portal failed, in the terms the settings page explains it:
//! each kind has its own sentence and its own remedy ("check the address", "grant the scope").

use bitrix_rest::{Error, ErrorKind};

/// What went wrong, as the admin needs to hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestFailure {
    /// No answer at all: offline, wrong host, TLS, CORS.
    Unreachable,
    /// The server took the request but gave no answer within the time limit.
    TimedOut,
    /// The credentials were not accepted: for a webhook, an unknown user or secret.
    Credentials,
    /// The user behind the credentials may not do this (`ACCESS_DENIED`).
    AccessDenied,
    /// The webhook or app lacks a scope (`insufficient_scope`): the scope named by the method
    /// (`sale`, `catalog`, `crm`), empty when the method does not say.
    ScopeMissing {
        /// The scope to grant.
        scope: String,
    },
    /// The method does not exist there (`ERROR_METHOD_NOT_FOUND`): a module is missing.
    MethodMissing {
        /// The method.
        method: String,
    },
    /// The answer is not the Bitrix REST API's (not JSON, or a page that is not found).
    NotBitrix,
    /// Too many requests or the method's time budget is spent: try again later.
    Busy,
    /// The server failed (HTTP 5xx).
    ServerFailed {
        /// The HTTP status, when one arrived.
        status: Option<u16>,
    },
    /// Anything else: the server's own description.
    Other {
        /// What the server (or the client) said.
        description: String,
    },
}

impl RestFailure {
    /// The failure an error stands for.
    pub fn of(error: &Error) -> RestFailure {
        if error.has_code("INVALID_CREDENTIALS") || error.has_code("NO_AUTH_FOUND") {
            return RestFailure::Credentials;
        }
        if error.has_code(bitrix_rest::REQUEST_TIMEOUT) {
            return RestFailure::TimedOut;
        }
        if error.has_code("ERROR_METHOD_NOT_FOUND") {
            return RestFailure::MethodMissing {
                method: error.method.clone(),
            };
        }
        match error.kind {
            ErrorKind::Network | ErrorKind::Cancelled => RestFailure::Unreachable,
            ErrorKind::Auth => RestFailure::Credentials,
            ErrorKind::Access => RestFailure::AccessDenied,
            ErrorKind::Scope => RestFailure::ScopeMissing {
                scope: scope_of(&error.method),
            },
            ErrorKind::Malformed | ErrorKind::NotFound if error.code.is_none() => {
                RestFailure::NotBitrix
            }
            ErrorKind::RateLimit | ErrorKind::TimeLimit => RestFailure::Busy,
            ErrorKind::Server => RestFailure::ServerFailed {
                status: error.status,
            },
            _ => RestFailure::Other {
                description: error.description.clone(),
            },
        }
    }

    /// A stable name of the kind, for `data-failure` attributes and tests.
    pub fn code(&self) -> &'static str {
        match self {
            RestFailure::Unreachable => "unreachable",
            RestFailure::TimedOut => "timed-out",
            RestFailure::Credentials => "credentials",
            RestFailure::AccessDenied => "access-denied",
            RestFailure::ScopeMissing { .. } => "scope-missing",
            RestFailure::MethodMissing { .. } => "method-missing",
            RestFailure::NotBitrix => "not-bitrix",
            RestFailure::Busy => "busy",
            RestFailure::ServerFailed { .. } => "server-failed",
            RestFailure::Other { .. } => "other",
        }
    }
}

/// The scope a method belongs to: its first name part (`sale.order.list` → `sale`), none for
/// `batch` and unqualified methods.
/// The scope a method belongs to (`catalog` for `catalog.product.list`); empty for one
/// without a module (`batch`).
pub fn scope_of(method: &str) -> String {
    match method.split_once('.') {
        Some((scope, _)) => scope.to_owned(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_left_unanswered_is_a_timeout_not_an_unreachable_address() {
        let mut e = Error::new(ErrorKind::Network, "batch", "no answer within 25 s");
        e.code = Some(bitrix_rest::RestCode::Text(
            bitrix_rest::REQUEST_TIMEOUT.into(),
        ));
        assert_eq!(RestFailure::of(&e), RestFailure::TimedOut);
        assert_eq!(RestFailure::of(&e).code(), "timed-out");
        let offline = Error::new(ErrorKind::Network, "batch", "Failed to fetch");
        assert_eq!(RestFailure::of(&offline), RestFailure::Unreachable);
    }

    #[test]
    fn a_wrong_webhook_secret_is_a_credentials_failure_whatever_the_code() {
        let sandbox = Error::from_rest("batch", 401, "NO_AUTH_FOUND", "Wrong authorization data");
        let real = Error::from_rest(
            "batch",
            401,
            "INVALID_CREDENTIALS",
            "Invalid request credentials",
        );
        assert_eq!(RestFailure::of(&sandbox), RestFailure::Credentials);
        assert_eq!(RestFailure::of(&real), RestFailure::Credentials);
    }

    #[test]
    fn a_missing_scope_names_the_scope_of_the_method() {
        let e = Error::from_rest("catalog.store.list", 401, "insufficient_scope", "");
        assert_eq!(
            RestFailure::of(&e),
            RestFailure::ScopeMissing {
                scope: "catalog".into()
            }
        );
        let whole = Error::from_rest("batch", 403, "insufficient_scope", "");
        assert_eq!(
            RestFailure::of(&whole),
            RestFailure::ScopeMissing {
                scope: String::new()
            }
        );
    }

    #[test]
    fn an_unknown_method_says_which_module_is_missing() {
        let e = Error::from_rest(
            "catalog.catalog.list",
            404,
            "ERROR_METHOD_NOT_FOUND",
            "Method not found!",
        );
        assert_eq!(
            RestFailure::of(&e),
            RestFailure::MethodMissing {
                method: "catalog.catalog.list".into()
            }
        );
    }

    #[test]
    fn no_answer_and_a_foreign_answer_are_told_apart() {
        let offline = Error::new(ErrorKind::Network, "batch", "Failed to fetch");
        let html = Error::new(ErrorKind::Malformed, "batch", "not JSON").with_status(200);
        let page_404 = Error::new(ErrorKind::NotFound, "batch", "no such page").with_status(404);
        assert_eq!(RestFailure::of(&offline), RestFailure::Unreachable);
        assert_eq!(RestFailure::of(&html), RestFailure::NotBitrix);
        assert_eq!(RestFailure::of(&page_404), RestFailure::NotBitrix);
    }

    #[test]
    fn access_limits_and_server_errors_keep_their_kind() {
        let denied = Error::from_rest("sale.status.list", 403, "ACCESS_DENIED", "Access denied!");
        let busy = Error::from_rest("batch", 503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
        let failed = Error::from_rest("batch", 500, "INTERNAL_SERVER_ERROR", "boom");
        let https = Error::from_rest("batch", 400, "INVALID_REQUEST", "Https required.");
        assert_eq!(RestFailure::of(&denied), RestFailure::AccessDenied);
        assert_eq!(RestFailure::of(&busy), RestFailure::Busy);
        assert_eq!(
            RestFailure::of(&failed),
            RestFailure::ServerFailed { status: Some(500) }
        );
        assert_eq!(
            RestFailure::of(&https),
            RestFailure::Other {
                description: "Https required.".into()
            }
        );
        assert_eq!(RestFailure::of(&https).code(), "other");
    }
}
