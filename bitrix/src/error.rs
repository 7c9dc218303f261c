//! The one error type of this crate, and the kinds a UI can act on.

use std::fmt;

/// What kind of failure, so a caller can decide what to show and do.
///
/// ```
/// use bitrix_rest::{Error, ErrorKind};
/// let e = Error::from_rest("crm.deal.get", 401, "expired_token", "The access token provided has expired");
/// assert_eq!(e.kind, ErrorKind::Auth);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Credentials missing, expired or invalid (`expired_token`, `invalid_token`, `NO_AUTH_FOUND`,
    /// or a failed token refresh): sign in again.
    Auth,
    /// The app or webhook lacks a scope (`insufficient_scope`): an admin must grant it.
    Scope,
    /// The user may not do this (`ACCESS_DENIED`, `INVALID_CREDENTIALS`, `user_access_error`).
    Access,
    /// The record (or the method: `ERROR_METHOD_NOT_FOUND`) does not exist.
    NotFound,
    /// Too many requests (`QUERY_LIMIT_EXCEEDED`, `OVERLOAD_LIMIT`, HTTP 503).
    RateLimit,
    /// The method's time budget is spent (`OPERATION_TIME_LIMIT`, HTTP 429): wait before calling it.
    TimeLimit,
    /// The server refused the parameters (HTTP 400: empty or numeric codes, `INVALID_REQUEST`,
    /// `ERROR_BATCH_LENGTH_EXCEEDED`, …).
    BadRequest,
    /// The server failed (HTTP 5xx, `INTERNAL_SERVER_ERROR`, `ERROR_UNEXPECTED_ANSWER`).
    Server,
    /// The request did not complete: offline, DNS, TLS, CORS, connection reset, timeout.
    Network,
    /// The response could not be read (not JSON, no `result`, a field of the wrong type).
    Malformed,
    /// The caller cancelled the request (see [`Cancel`](crate::Cancel)).
    Cancelled,
    /// A batch command that did not run because the batch halted at an earlier error.
    Halted,
    /// The caller's input is unusable: a malformed webhook URL, a duplicate batch command name,
    /// parameters that are not a JSON object.
    Usage,
}

/// A REST error code as the server sent it: text (possibly empty, as many `crm.*` failures
/// send) or a number (as `sale.*` sends).
///
/// ```
/// use bitrix_rest::RestCode;
/// assert_eq!(RestCode::Numeric(200540400001).to_string(), "200540400001");
/// assert!(RestCode::Text(String::new()).is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RestCode {
    /// A text code such as `ACCESS_DENIED`, or `""`.
    Text(String),
    /// A numeric code such as `200540400001`.
    Numeric(i64),
}

impl RestCode {
    /// True for the empty text code `""`.
    ///
    /// ```
    /// assert!(!bitrix_rest::RestCode::Text("ACCESS_DENIED".into()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        matches!(self, RestCode::Text(t) if t.is_empty())
    }

    /// True when the code is this text (ASCII case-insensitive).
    ///
    /// ```
    /// assert!(bitrix_rest::RestCode::Text("expired_token".into()).is("EXPIRED_TOKEN"));
    /// ```
    pub fn is(&self, code: &str) -> bool {
        matches!(self, RestCode::Text(t) if t.eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for RestCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestCode::Text(t) => f.write_str(t),
            RestCode::Numeric(n) => write!(f, "{n}"),
        }
    }
}

/// A failed call: what kind, the REST code and description, the HTTP status and the method.
///
/// `Clone + PartialEq`, so it can be kept in UI state and passed as a property. Its text never
/// contains a webhook secret or an access token.
///
/// ```
/// use bitrix_rest::{Error, ErrorKind, RestCode};
/// let e = Error::from_rest("crm.deal.get", 400, "", "Not found");
/// assert_eq!(e.kind, ErrorKind::NotFound);
/// assert_eq!(e.code, Some(RestCode::Text(String::new())));
/// assert_eq!(e.to_string(), "crm.deal.get: Not found (HTTP 400, code \"\")");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// The REST code, when the server sent an error envelope.
    pub code: Option<RestCode>,
    /// The server's `error_description`, or what went wrong on this side.
    pub description: String,
    /// The HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// The REST method called (`crm.deal.get`; `batch` for a batch request).
    pub method: String,
    /// True for a write whose outcome is unknown (the connection failed or the server failed
    /// while it ran): it may or may not have been applied, so check before repeating it.
    pub maybe_applied: bool,
}

impl std::error::Error for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.method, self.description)?;
        match (&self.status, &self.code) {
            (Some(s), Some(c)) => write!(f, " (HTTP {s}, code {:?})", c.to_string())?,
            (Some(s), None) => write!(f, " (HTTP {s})")?,
            (None, Some(c)) => write!(f, " (code {:?})", c.to_string())?,
            (None, None) => {}
        }
        if self.maybe_applied {
            f.write_str("; the write may or may not have been applied: check before repeating it")?;
        }
        Ok(())
    }
}

impl Error {
    /// An error of this kind that is not a REST error envelope (network, malformed, usage…).
    ///
    /// ```
    /// use bitrix_rest::{Error, ErrorKind};
    /// let e = Error::new(ErrorKind::Network, "crm.deal.get", "connection refused");
    /// assert_eq!(e.to_string(), "crm.deal.get: connection refused");
    /// ```
    pub fn new(
        kind: ErrorKind,
        method: impl Into<String>,
        description: impl Into<String>,
    ) -> Error {
        Error::plain(kind, method.into(), description.into())
    }

    /// The one non-generic constructor behind [`new`](Error::new) (one copy in a wasm build).
    #[inline(never)]
    fn plain(kind: ErrorKind, method: String, description: String) -> Error {
        Error {
            kind,
            code: None,
            description,
            status: None,
            method,
            maybe_applied: false,
        }
    }

    /// The error for a REST error envelope `{"error": code, "error_description": …}` received
    /// with this HTTP status; the kind follows from the code and the status.
    ///
    /// ```
    /// use bitrix_rest::{Error, ErrorKind};
    /// let e = Error::from_rest("sale.order.get", 400, 200540400001_i64, "order not found");
    /// assert_eq!(e.kind, ErrorKind::BadRequest);
    /// ```
    pub fn from_rest(
        method: impl Into<String>,
        status: u16,
        code: impl Into<RestCode>,
        description: impl Into<String>,
    ) -> Error {
        let code = code.into();
        let description = description.into();
        Error {
            kind: classify(&code, status, &description),
            code: Some(code),
            description,
            status: Some(status),
            method: method.into(),
            maybe_applied: false,
        }
    }

    /// A REST error that arrived without its own HTTP status (a batch command's error).
    pub(crate) fn from_rest_in_batch(method: &str, code: RestCode, description: String) -> Error {
        Error {
            kind: classify(&code, 0, &description),
            code: Some(code),
            description,
            status: None,
            method: method.to_owned(),
            maybe_applied: false,
        }
    }

    /// The same error with this HTTP status.
    ///
    /// ```
    /// use bitrix_rest::{Error, ErrorKind};
    /// let e = Error::new(ErrorKind::Malformed, "batch", "not JSON").with_status(200);
    /// assert_eq!(e.status, Some(200));
    /// ```
    pub fn with_status(mut self, status: u16) -> Error {
        self.status = Some(status);
        self
    }

    /// True when this REST code was received (ASCII case-insensitive).
    ///
    /// ```
    /// use bitrix_rest::Error;
    /// let e = Error::from_rest("batch", 503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
    /// assert!(e.has_code("QUERY_LIMIT_EXCEEDED"));
    /// ```
    pub fn has_code(&self, code: &str) -> bool {
        self.code.as_ref().is_some_and(|c| c.is(code))
    }

    /// True for `expired_token` and `invalid_token`: a refreshed OAuth token may fix it.
    ///
    /// ```
    /// use bitrix_rest::Error;
    /// assert!(Error::from_rest("x", 401, "expired_token", "").is_refreshable());
    /// assert!(!Error::from_rest("x", 401, "NO_AUTH_FOUND", "").is_refreshable());
    /// ```
    pub fn is_refreshable(&self) -> bool {
        self.has_code("expired_token") || self.has_code("invalid_token")
    }

    /// True when the server refused the call before running it, so repeating it is safe
    /// even for a write: rate limit, time limit and authentication errors.
    ///
    /// ```
    /// use bitrix_rest::Error;
    /// assert!(Error::from_rest("crm.deal.update", 503, "QUERY_LIMIT_EXCEEDED", "").was_refused());
    /// assert!(!Error::from_rest("crm.deal.update", 500, "INTERNAL_SERVER_ERROR", "").was_refused());
    /// ```
    pub fn was_refused(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Auth | ErrorKind::Scope | ErrorKind::RateLimit | ErrorKind::TimeLimit
        )
    }
}

impl From<&str> for RestCode {
    fn from(t: &str) -> RestCode {
        RestCode::Text(t.to_owned())
    }
}

impl From<String> for RestCode {
    fn from(t: String) -> RestCode {
        RestCode::Text(t)
    }
}

impl From<i64> for RestCode {
    fn from(n: i64) -> RestCode {
        RestCode::Numeric(n)
    }
}

/// The kind of a REST error, from its code first, then from its HTTP status.
fn classify(code: &RestCode, status: u16, description: &str) -> ErrorKind {
    if let RestCode::Text(t) = code {
        match t.to_ascii_uppercase().as_str() {
            // A webhook whose secret or user the server does not accept answers
            // `INVALID_CREDENTIALS` (`rest` module, `apauth/auth.php`), as a token it does not
            // accept answers `NO_AUTH_FOUND`: the credentials, not the user's rights.
            "EXPIRED_TOKEN"
            | "INVALID_TOKEN"
            | "NO_AUTH_FOUND"
            | "INVALID_CREDENTIALS"
            | "INVALID_GRANT"
            | "WRONG_AUTH_TYPE"
            | "AUTHORIZATION_ERROR" => return ErrorKind::Auth,
            "INSUFFICIENT_SCOPE" => return ErrorKind::Scope,
            "ACCESS_DENIED" | "USER_ACCESS_ERROR" | "PAYMENT_REQUIRED" => {
                return ErrorKind::Access;
            }
            "ERROR_METHOD_NOT_FOUND" | "ERROR_NOT_FOUND" | "NOT_FOUND" => {
                return ErrorKind::NotFound;
            }
            "QUERY_LIMIT_EXCEEDED" | "OVERLOAD_LIMIT" => return ErrorKind::RateLimit,
            "OPERATION_TIME_LIMIT" => return ErrorKind::TimeLimit,
            "INTERNAL_SERVER_ERROR" | "ERROR_UNEXPECTED_ANSWER" | "PORTAL_DELETED" => {
                return ErrorKind::Server;
            }
            // CRM methods refuse a record the user may not see with an empty code and this text.
            "" if description
                .trim()
                .trim_end_matches('.')
                .eq_ignore_ascii_case("access denied") =>
            {
                return ErrorKind::Access;
            }
            _ => {}
        }
    }
    if let RestCode::Numeric(n) = code
        && is_numeric_access_code(*n)
    {
        return ErrorKind::Access;
    }
    match status {
        401 => ErrorKind::Auth,
        403 => ErrorKind::Access,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::TimeLimit,
        s if s >= 500 => ErrorKind::Server,
        _ if description.trim().eq_ignore_ascii_case("not found") => ErrorKind::NotFound,
        _ => ErrorKind::BadRequest,
    }
}

/// `sale.*` and `catalog.*` refuse a call the webhook's user has no right to with HTTP 400 and a
/// numeric code of the family `2000403000NN` from `…010` on ("Access Denied", "Insufficient permissions to
/// read the trade catalog", "No access to edit": `200040300010`, `…020`, `…030`, `…040`, …).
fn is_numeric_access_code(code: i64) -> bool {
    (200_040_300_010..200_040_300_100).contains(&code)
}
