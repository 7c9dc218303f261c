//! A typed call: a method, its parameters, and how to read its result.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::retry::Access;

/// One typed REST call: `method` with `params`, whose result (or `result[key]`) reads as `R`.
/// Send it with [`Client::send`](crate::Client::send) or add it to a
/// [`Batch`](crate::Batch); the typed handlers (`client.deals()`, …) build these.
///
/// ```
/// use serde_json::json;
/// use bitrix_rest::{Access, Command, models::sale::Order};
/// let get = Command::<Order>::new("sale.order.get", json!({"id": 9})).key("order");
/// assert_eq!(get.method(), "sale.order.get");
/// assert_eq!(get.access(), Access::Read);
/// ```
#[derive(Debug)]
pub struct Command<R> {
    pub(crate) method: String,
    pub(crate) params: Value,
    pub(crate) access: Access,
    pub(crate) key: Option<&'static str>,
    _result: PhantomData<fn() -> R>,
}

impl<R> Clone for Command<R> {
    fn clone(&self) -> Self {
        Command {
            method: self.method.clone(),
            params: self.params.clone(),
            access: self.access,
            key: self.key,
            _result: PhantomData,
        }
    }
}

impl<R: DeserializeOwned> Command<R> {
    /// A call of `method` with `params` (a JSON object, or `null` for none). Whether it reads or
    /// writes is guessed from the method's name ([`Access::of_method`]).
    ///
    /// ```
    /// let c = bitrix_rest::Command::<serde_json::Value>::new("crm.deal.get", serde_json::json!({"id": 410}));
    /// assert_eq!(c.access(), bitrix_rest::Access::Read);
    /// ```
    pub fn new(method: impl Into<String>, params: Value) -> Command<R> {
        let method = method.into();
        Command {
            access: Access::of_method(&method),
            method,
            params,
            key: None,
            _result: PhantomData,
        }
    }

    /// Reads the result from `result[key]` (`{"order": {…}}` → the order).
    ///
    /// ```
    /// use bitrix_rest::{Command, models::sale::Order};
    /// let list = Command::<Vec<Order>>::new("sale.order.list", serde_json::Value::Null).key("orders");
    /// assert_eq!(list.result_key(), Some("orders"));
    /// ```
    pub fn key(mut self, key: &'static str) -> Command<R> {
        self.key = Some(key);
        self
    }

    /// Overrides the read/write guess.
    ///
    /// ```
    /// use bitrix_rest::{Access, Command};
    /// let c = Command::<bool>::new("my.custom.check", serde_json::Value::Null).with_access(Access::Read);
    /// assert_eq!(c.access(), Access::Read);
    /// ```
    pub fn with_access(mut self, access: Access) -> Command<R> {
        self.access = access;
        self
    }
}

impl<R> Command<R> {
    /// The REST method.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::methods::deals::get(1).method(), "crm.deal.get");
    /// ```
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The parameters.
    ///
    /// ```
    /// let c = bitrix_rest::Command::<bool>::new("crm.deal.update", serde_json::json!({"id": 1}));
    /// assert_eq!(c.params()["id"], 1);
    /// ```
    pub fn params(&self) -> &Value {
        &self.params
    }

    /// The parameters, to adjust them.
    ///
    /// ```
    /// let mut c = bitrix_rest::Command::<bool>::new("crm.deal.update", serde_json::json!({"id": 1}));
    /// c.params_mut()["fields"] = serde_json::json!({"TITLE": "New"});
    /// ```
    pub fn params_mut(&mut self) -> &mut Value {
        &mut self.params
    }

    /// Read or write.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::methods::deals::update(1, serde_json::json!({})).access(), bitrix_rest::Access::Write);
    /// ```
    pub fn access(&self) -> Access {
        self.access
    }

    /// The key the result is read from, if any.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::methods::orders::get(9).result_key(), Some("order"));
    /// ```
    pub fn result_key(&self) -> Option<&'static str> {
        self.key
    }

    /// The same call, read as another type.
    pub(crate) fn retype<S>(self) -> Command<S> {
        Command {
            method: self.method,
            params: self.params,
            access: self.access,
            key: self.key,
            _result: PhantomData,
        }
    }
}
