//! Contacts: `crm.contact.get/list/add/update` (phones and e-mails are multi-fields).

use serde_json::{Value, json};

use super::handler;
use crate::models::crm::Contact;
use crate::value::{DecodeError, FromValue, lenient};
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `crm.contact.get {id}`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::contacts::get(84).method(), "crm.contact.get");
/// ```
pub fn get(id: u64) -> Command<Contact> {
    Command::decoded("crm.contact.get", json!({ "id": id }))
}

/// `crm.contact.list` (one page). Select `PHONE`/`EMAIL` explicitly to get them.
///
/// ```
/// let q = bitrix_rest::ListQuery::new().select(["ID", "NAME", "PHONE", "EMAIL"]);
/// assert_eq!(bitrix_rest::methods::contacts::list(&q).method(), "crm.contact.list");
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<Contact>> {
    Command::decoded("crm.contact.list", query.to_params())
}

/// `crm.contact.add {fields}` → the new contact's ID.
///
/// ```
/// let c = bitrix_rest::methods::contacts::add(serde_json::json!({"NAME": "Анна",
///     "PHONE": [{"VALUE": "+79161234567", "VALUE_TYPE": "WORK"}]}));
/// assert_eq!(c.access(), bitrix_rest::Access::Write);
/// ```
pub fn add(fields: Value) -> Command<NewId> {
    Command::decoded("crm.contact.add", json!({ "fields": fields }))
}

/// `crm.contact.update {id, fields}` → `true`. A multi-field entry with its `ID` is changed,
/// one without is added; `{"ID": …, "VALUE": ""}` deletes it.
///
/// ```
/// let c = bitrix_rest::methods::contacts::update(84, serde_json::json!({"LAST_NAME": "Петрова"}));
/// assert_eq!(c.params()["id"], 84);
/// ```
pub fn update(id: u64, fields: Value) -> Command<bool> {
    Command::decoded("crm.contact.update", json!({ "id": id, "fields": fields }))
}

/// An ID returned by an `*.add` method (a number, sometimes a numeric string).
///
/// ```
/// let id: bitrix_rest::methods::contacts::NewId = serde_json::from_str("\"275\"").unwrap();
/// assert_eq!(id.0, 275);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct NewId(#[serde(deserialize_with = "lenient::id")] pub u64);

impl FromValue for NewId {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        u64::from_value(v).map(NewId)
    }
}

handler!(
    /// Contacts of the portal. Reach it with [`Client::contacts`](crate::Client::contacts).
    contacts => contacts::Contacts
);

impl<T: Transport, C: Clock> Contacts<'_, T, C> {
    /// Reads a contact.
    ///
    /// ```no_run
    /// # async fn run(portal: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let c = portal.contacts().get(84).await?;
    /// println!("{} {:?}", c.full_name(), c.phone.first().map(|p| &p.value));
    /// # Ok(()) }
    /// ```
    pub async fn get(self, id: u64) -> Result<Contact, Error> {
        self.client.send(get(id)).await
    }

    /// Reads one page of contacts.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let q = bitrix_rest::ListQuery::new().select(["ID", "NAME", "PHONE"]).filter("%LAST_NAME", "Петр");
    /// let found = client.contacts().list(&q).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, query: &ListQuery) -> Result<Vec<Contact>, Error> {
        self.client.send(list(query)).await
    }

    /// Adds a contact; returns its ID.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let id = client.contacts().add(serde_json::json!({"NAME": "Анна",
    ///     "PHONE": [{"VALUE": "+79161234567", "VALUE_TYPE": "WORK"}]})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add(self, fields: Value) -> Result<u64, Error> {
        Ok(self.client.send(add(fields)).await?.0)
    }

    /// Changes a contact.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// client.contacts().update(84, serde_json::json!({"LAST_NAME": "Петрова"})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(self, id: u64, fields: Value) -> Result<bool, Error> {
        self.client.send(update(id, fields)).await
    }
}
