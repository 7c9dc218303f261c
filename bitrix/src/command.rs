//! A typed call: a method, its parameters, and how to read its result.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::retry::Access;
use crate::value::{DecodeError, FromValue};

/// How a result value becomes an `R`.
pub(crate) type Decoder<R> = fn(Value) -> Result<R, DecodeError>;

/// Reads with serde (any `DeserializeOwned` type); natively the error names the failing path.
pub(crate) fn serde_decoder<R: DeserializeOwned>(v: Value) -> Result<R, DecodeError> {
    #[cfg(not(target_arch = "wasm32"))]
    return serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        DecodeError::at(path, e.into_inner().to_string())
    });
    // In wasm32 the path is left out: tracking it doubles the decoder code of every type.
    #[cfg(target_arch = "wasm32")]
    return serde_json::from_value(v).map_err(|e| DecodeError::new(e.to_string()));
}

/// Reads with the hand-written, non-generic [`FromValue`] decoders (small in wasm).
fn value_decoder<R: FromValue>(v: Value) -> Result<R, DecodeError> {
    R::from_value(&v)
}

/// One typed REST call: `method` with `params`, whose result (or `result[key]`) reads as `R`.
/// Send it with [`Client::send`](crate::Client::send) or add it to a
/// [`Batch`](crate::Batch); the typed handlers (`client.deals()`, …) build these.
///
/// ```
/// use serde_json::json;
/// use bitrix_rest::{Access, Command, models::sale::Order};
/// let get = Command::<Order>::decoded("sale.order.get", json!({"id": 9})).key("order");
/// assert_eq!(get.method(), "sale.order.get");
/// assert_eq!(get.access(), Access::Read);
/// ```
pub struct Command<R> {
    pub(crate) method: String,
    pub(crate) params: Value,
    pub(crate) access: Access,
    pub(crate) key: Option<&'static str>,
    pub(crate) decode: Decoder<R>,
}

impl<R> std::fmt::Debug for Command<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Command")
            .field("method", &self.method)
            .field("params", &self.params)
            .field("access", &self.access)
            .field("key", &self.key)
            .finish()
    }
}

impl<R> Clone for Command<R> {
    fn clone(&self) -> Self {
        Command {
            method: self.method.clone(),
            params: self.params.clone(),
            access: self.access,
            key: self.key,
            decode: self.decode,
        }
    }
}

impl<R: DeserializeOwned> Command<R> {
    /// A call of `method` with `params` (a JSON object, or `null` for none), its result read
    /// with serde. Whether it reads or writes is guessed from the method's name
    /// ([`Access::of_method`]).
    ///
    /// ```
    /// let c = bitrix_rest::Command::<serde_json::Value>::new("crm.deal.get", serde_json::json!({"id": 410}));
    /// assert_eq!(c.access(), bitrix_rest::Access::Read);
    /// ```
    pub fn new(method: impl Into<String>, params: Value) -> Command<R> {
        Command::with_decoder(method.into(), params, serde_decoder::<R>)
    }
}

impl<R: FromValue> Command<R> {
    /// Like [`new`](Command::new), reading the result with the type's [`FromValue`] decoder
    /// instead of serde: what the typed handlers use, several times smaller in wasm.
    ///
    /// ```
    /// use bitrix_rest::{Command, models::crm::Deal};
    /// let c = Command::<Deal>::decoded("crm.deal.get", serde_json::json!({"id": 410}));
    /// assert_eq!(c.method(), "crm.deal.get");
    /// ```
    pub fn decoded(method: impl Into<String>, params: Value) -> Command<R> {
        Command::with_decoder(method.into(), params, value_decoder::<R>)
    }
}

impl<R> Command<R> {
    pub(crate) fn with_decoder(method: String, params: Value, decode: Decoder<R>) -> Command<R> {
        Command {
            access: Access::of_method(&method),
            method,
            params,
            key: None,
            decode,
        }
    }

    /// Reads the result from `result[key]` (`{"order": {…}}` → the order).
    ///
    /// ```
    /// use bitrix_rest::{Command, models::sale::Order};
    /// let list = Command::<Vec<Order>>::decoded("sale.order.list", serde_json::Value::Null).key("orders");
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

    /// The same call with its raw result (a `Value`), keeping the key.
    pub(crate) fn raw(&self) -> Command<Value> {
        Command {
            method: self.method.clone(),
            params: self.params.clone(),
            access: self.access,
            key: self.key,
            decode: Ok,
        }
    }
}
