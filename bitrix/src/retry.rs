//! Which failures are retried, how often and after how long; and which methods are reads.

use std::time::Duration;

use crate::error::{Error, ErrorKind};

/// Whether a call only reads or may change data. Reads are retried on server and network
/// failures; writes are not, because they may have been applied.
///
/// ```
/// use bitrix_rest::Access;
/// assert_eq!(Access::of_method("crm.deal.get"), Access::Read);
/// assert_eq!(Access::of_method("crm.deal.productrows.get"), Access::Read);
/// assert_eq!(Access::of_method("sale.order.getFields"), Access::Read);
/// assert_eq!(Access::of_method("crm.deal.update"), Access::Write);
/// assert_eq!(Access::of_method("some.unknown.method"), Access::Write);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Only reads: safe to repeat.
    Read,
    /// May change data: never repeated blindly.
    Write,
}

impl Access {
    /// Guesses from the method's last name part: `get…`, `list…`, `fields`, `current`,
    /// `search`, `find…`, `count`, `info`, … are reads; anything else is a write (the safe
    /// guess). Override it per call when a method is misjudged.
    ///
    /// ```
    /// use bitrix_rest::Access;
    /// assert_eq!(Access::of_method("crm.duplicate.findbycomm"), Access::Read);
    /// assert_eq!(Access::of_method("sale.basketitem.add"), Access::Write);
    /// ```
    pub fn of_method(method: &str) -> Access {
        let last = method
            .rsplit('.')
            .next()
            .unwrap_or(method)
            .to_ascii_lowercase();
        let read = last.starts_with("get")
            || last.starts_with("list")
            || last.starts_with("find")
            || last.ends_with("fields")
            || matches!(
                last.as_str(),
                "current"
                    | "search"
                    | "count"
                    | "info"
                    | "methods"
                    | "scope"
                    | "profile"
                    | "access"
            );
        if read { Access::Read } else { Access::Write }
    }
}

/// How failed calls are repeated.
///
/// - `QUERY_LIMIT_EXCEEDED` (HTTP 503): the server refused before running the call, so any call
///   is retried, after `base_delay`, doubling up to `max_delay`, at most `max_retries` times.
/// - Server errors (5xx) and network failures: reads are retried the same way; writes are not,
///   and their error says the write may or may not have been applied.
/// - Everything else is returned at once (expired tokens are handled by the refresh logic).
///
/// ```
/// use std::time::Duration;
/// use bitrix_rest::{Access, Error, ErrorKind, RetryPolicy};
/// let policy = RetryPolicy::default();
/// let busy = Error::from_rest("crm.deal.update", 503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
/// assert_eq!(policy.delay(&busy, Access::Write, 0), Some(Duration::from_secs(1)));
/// assert_eq!(policy.delay(&busy, Access::Write, 1), Some(Duration::from_secs(2)));
/// assert_eq!(policy.delay(&busy, Access::Write, 3), None);
/// let offline = Error::new(ErrorKind::Network, "crm.deal.update", "connection reset");
/// assert_eq!(policy.delay(&offline, Access::Write, 0), None);
/// assert!(policy.delay(&offline, Access::Read, 0).is_some());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first delay.
    pub base_delay: Duration,
    /// The longest delay.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, after 1 s, 2 s, 4 s (the official JS SDK also retries 3 times).
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::RetryPolicy::NONE.max_retries, 0);
    /// ```
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };

    /// How long to wait before retry number `retries_done + 1` of a call that failed with
    /// `error`, or `None` when it must not be retried.
    ///
    /// ```
    /// use bitrix_rest::{Access, Error, RetryPolicy};
    /// let e = Error::from_rest("crm.deal.get", 500, "INTERNAL_SERVER_ERROR", "");
    /// assert_eq!(RetryPolicy::default().delay(&e, Access::Read, 2), Some(std::time::Duration::from_secs(4)));
    /// ```
    pub fn delay(&self, error: &Error, access: Access, retries_done: u32) -> Option<Duration> {
        if retries_done >= self.max_retries || !is_retryable(error, access) {
            return None;
        }
        let factor = 2_u32.saturating_pow(retries_done);
        Some(
            self.base_delay
                .checked_mul(factor)
                .unwrap_or(self.max_delay)
                .min(self.max_delay),
        )
    }
}

fn is_retryable(error: &Error, access: Access) -> bool {
    if error.has_code("QUERY_LIMIT_EXCEEDED") {
        return true;
    }
    // The transport already waited its whole time limit: the server is not answering.
    if error.has_code(crate::transport::REQUEST_TIMEOUT) {
        return false;
    }
    match error.kind {
        ErrorKind::Network | ErrorKind::Server => access == Access::Read,
        _ => false,
    }
}

/// True when a write that failed this way may still have been applied.
pub(crate) fn outcome_unknown(error: &Error) -> bool {
    match error.kind {
        ErrorKind::Network => true,
        // A 5xx may come after the method ran; a 200 we could not read certainly did.
        ErrorKind::Server | ErrorKind::Malformed => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RestCode;

    #[test]
    fn a_read_the_transport_gave_up_on_is_not_asked_again() {
        let mut timed_out = Error::new(ErrorKind::Network, "batch", "no answer within 25 s");
        timed_out.code = Some(RestCode::Text(crate::transport::REQUEST_TIMEOUT.into()));
        assert_eq!(
            RetryPolicy::default().delay(&timed_out, Access::Read, 0),
            None
        );
        let offline = Error::new(ErrorKind::Network, "batch", "Failed to fetch");
        assert!(
            RetryPolicy::default()
                .delay(&offline, Access::Read, 0)
                .is_some()
        );
    }
}
