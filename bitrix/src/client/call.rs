//! One call from start to end: limiter, send, parse, refresh, retry.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use serde_json::{Map, Value};

use super::Client;
use crate::clock::Clock;
use crate::command::Command;
use crate::encode;
use crate::envelope::Reply;
use crate::error::{Error, ErrorKind, RestCode};
use crate::platform::{BoxFuture, lock};
use crate::retry::{self, Access};
use crate::transport::REQUEST_TIMEOUT;
use crate::transport::{HttpRequest, Transport, TransportError};

impl<T: Transport, C: Clock> Client<T, C> {
    /// Calls `method` with `params` (a JSON object) and returns its `result`.
    /// Reads and writes are told apart by the method's name ([`Access::of_method`]).
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let deal = client.call("crm.deal.get", serde_json::json!({"id": 410})).await?;
    /// println!("{}", deal["TITLE"]);
    /// # Ok(()) }
    /// ```
    pub async fn call(&self, method: &str, params: Value) -> Result<Value, Error> {
        Ok(self.call_reply(method, params).await?.result)
    }

    /// Like [`call`](Self::call), returning the whole reply (`total`, `next`, `time`).
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let page = client.call_reply("crm.deal.list", serde_json::json!({"start": 0})).await?;
    /// println!("{} deals, next page at {:?}", page.total.unwrap_or(0), page.next);
    /// # Ok(()) }
    /// ```
    pub async fn call_reply(&self, method: &str, params: Value) -> Result<Reply, Error> {
        self.call_with(method, params, Access::of_method(method))
            .await
    }

    /// Like [`call_reply`](Self::call_reply), saying whether the method reads or writes.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::Access;
    /// let r = client.call_with("crm.duplicate.findbycomm",
    ///     serde_json::json!({"type": "PHONE", "values": ["+79161234567"]}), Access::Read).await?;
    /// # Ok(()) }
    /// ```
    pub async fn call_with(
        &self,
        method: &str,
        params: Value,
        access: Access,
    ) -> Result<Reply, Error> {
        let params = object(method, params)?;
        self.execute(method, encode::form(&params), access).await
    }

    /// Sends a typed command and returns its typed result.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::{Command, models::crm::Deal};
    /// let deal: Deal = client.send(Command::new("crm.deal.get", serde_json::json!({"id": 410}))).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send<R>(&self, command: Command<R>) -> Result<R, Error> {
        Ok(self.send_reply(command).await?.result)
    }

    /// Sends a typed command and returns the typed reply with `total`, `next` and `time`.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::{Command, models::crm::Deal};
    /// let page = client.send_reply(Command::<Vec<Deal>>::new("crm.deal.list", serde_json::json!({}))).await?;
    /// println!("{} of {:?}", page.result.len(), page.total);
    /// # Ok(()) }
    /// ```
    pub async fn send_reply<R>(&self, command: Command<R>) -> Result<Reply<R>, Error> {
        let params = object(&command.method, command.params)?;
        let reply = self
            .execute(&command.method, encode::form(&params), command.access)
            .await?;
        reply.decode_with(command.key, command.decode)
    }

    /// The call loop for an encoded form. Every HTTP attempt takes a turn from the shared
    /// limiter.
    ///
    /// Boxed, so its state machine exists once in a binary however many typed callers await
    /// it (this keeps the wasm build small).
    pub(crate) fn execute<'a>(
        &'a self,
        method: &'a str,
        form: String,
        access: Access,
    ) -> BoxFuture<'a, Result<Reply, Error>> {
        Box::pin(self.execute_inner(method, form, access))
    }

    async fn execute_inner(
        &self,
        method: &str,
        form: String,
        access: Access,
    ) -> Result<Reply, Error> {
        check_method(method)?;
        let mut retries = 0;
        let mut refreshed = false;
        let mut retrying: Option<Retrying> = None;
        loop {
            self.proactive_refresh(method).await?;
            let target = self.shared.credentials.target(method);
            self.wait_turn(method).await?;
            let body = match &target.auth {
                Some(auth) if form.is_empty() => auth.clone(),
                Some(auth) => format!("{form}&{auth}"),
                None => form.clone(),
            };
            let request = HttpRequest {
                url: &target.url,
                body,
                cancel: self.cancel.as_ref(),
            };
            let outcome = self.shared.transport.post(request).await;
            let error = match outcome {
                Ok(response) => match Reply::parse(method, response.status, &response.body) {
                    Ok(reply) => {
                        self.shared.limited.store(false, Ordering::Relaxed);
                        return Ok(reply);
                    }
                    Err(e) => e,
                },
                Err(TransportError::Cancelled) => return Err(cancelled(method)),
                Err(TransportError::Network(text)) => Error::new(ErrorKind::Network, method, text),
                Err(e @ TransportError::TimedOut(_)) => {
                    let mut error = Error::new(ErrorKind::Network, method, e.to_string());
                    error.code = Some(RestCode::Text(REQUEST_TIMEOUT.to_owned()));
                    error
                }
            };
            if self.is_cancelled() {
                return Err(cancelled(method));
            }
            let oauth = self.shared.credentials.oauth();
            if let Some(oauth) =
                oauth.filter(|o| error.is_refreshable() && !refreshed && o.refresh.is_some())
            {
                refreshed = true;
                let clock = self.shared.clock.clone();
                oauth
                    .refresh_after(target.generation, move || clock.now(), method)
                    .await
                    .map_err(|e| self.finish(e, Access::Read))?;
                continue;
            }
            let limited = error.has_code("QUERY_LIMIT_EXCEEDED");
            self.shared.limited.store(limited, Ordering::Relaxed);
            if limited {
                self.shared.slow_downs.fetch_add(1, Ordering::Relaxed);
                lock(&self.shared.bucket).fill(self.shared.clock.now());
            }
            match self.retry_policy().delay(&error, access, retries) {
                Some(delay) => {
                    // Counted among the calls trying again until it returns, whichever way.
                    if !limited && retrying.is_none() {
                        retrying = Some(Retrying::enter(&self.shared.retrying));
                    }
                    retries += 1;
                    self.pause(delay, method).await?;
                }
                None => return Err(self.finish(error, access)),
            }
        }
    }

    /// Refreshes an OAuth token that is about to expire. A failure here is not fatal: the call
    /// goes on with the old token, and an `expired_token` answer triggers the usual refresh.
    async fn proactive_refresh(&self, method: &str) -> Result<(), Error> {
        let Some(oauth) = self.shared.credentials.oauth() else {
            return Ok(());
        };
        if let Some(generation) = oauth.due(self.shared.clock.now()) {
            let clock = self.shared.clock.clone();
            let _ = oauth
                .refresh_after(generation, move || clock.now(), method)
                .await;
        }
        if self.is_cancelled() {
            return Err(cancelled(method));
        }
        Ok(())
    }

    /// Waits until the limiter lets one more request go.
    async fn wait_turn(&self, method: &str) -> Result<(), Error> {
        let wait = lock(&self.shared.bucket).reserve(self.shared.clock.now());
        self.pause(wait, method).await
    }

    /// Sleeps, unless cancelled first.
    async fn pause(&self, duration: Duration, method: &str) -> Result<(), Error> {
        if self.is_cancelled() {
            return Err(cancelled(method));
        }
        if duration.is_zero() {
            return Ok(());
        }
        let sleep = std::pin::pin!(self.shared.clock.sleep(duration));
        match &self.cancel {
            None => sleep.await,
            Some(cancel) => {
                let cancelled_fut = std::pin::pin!(cancel.cancelled());
                if let futures::future::Either::Right(_) =
                    futures::future::select(sleep, cancelled_fut).await
                {
                    return Err(cancelled(method));
                }
            }
        }
        Ok(())
    }

    fn is_cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
    }

    /// The error as the caller sees it: no secrets, and for a write whose outcome is unknown,
    /// the warning that it may have been applied.
    #[inline(never)]
    pub(crate) fn finish(&self, mut error: Error, access: Access) -> Error {
        error.description = self.shared.credentials.redact(&error.description);
        if access == Access::Write && retry::outcome_unknown(&error) {
            error.maybe_applied = true;
        }
        error
    }
}

fn cancelled(method: &str) -> Error {
    Error::new(ErrorKind::Cancelled, method, "cancelled")
}

/// Parameters must be a JSON object (or `null` for none).
pub(crate) fn object(method: &str, params: Value) -> Result<Map<String, Value>, Error> {
    match params {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(Error::new(
            ErrorKind::Usage,
            method,
            format!("parameters must be a JSON object, got {other}"),
        )),
    }
}

/// A method name goes into the URL path: letters, digits, dots and underscores only.
fn check_method(method: &str) -> Result<(), Error> {
    let ok = !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::Usage,
            method,
            "a method name is letters, digits, dots and underscores",
        ))
    }
}

/// A call that failed and tries again, counted as one in [`Client::is_retrying`] while it
/// lasts.
struct Retrying<'a>(&'a AtomicU32);

impl<'a> Retrying<'a> {
    fn enter(count: &'a AtomicU32) -> Retrying<'a> {
        count.fetch_add(1, Ordering::Relaxed);
        Retrying(count)
    }
}

impl Drop for Retrying<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}
