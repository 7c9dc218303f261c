//! Duplicate search: `crm.duplicate.findbycomm`.

use serde_json::json;

use super::handler;
use crate::models::crm::Duplicates;
use crate::{Access, Clock, Command, Error, Transport};

/// What to match on.
///
/// ```
/// assert_eq!(bitrix_rest::methods::duplicates::Communication::Phone.code(), "PHONE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Communication {
    /// Phone numbers.
    Phone,
    /// E-mail addresses.
    Email,
}

impl Communication {
    /// The wire code: `PHONE` or `EMAIL`.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::methods::duplicates::Communication::Email.code(), "EMAIL");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Communication::Phone => "PHONE",
            Communication::Email => "EMAIL",
        }
    }
}

/// `crm.duplicate.findbycomm {type, values (at most 20), entity_type}` → IDs per entity type.
/// `entity_type` is `CONTACT`, `COMPANY` or `LEAD`; `None` searches all.
///
/// ```
/// use bitrix_rest::methods::duplicates::{find_by_comm, Communication};
/// let c = find_by_comm(Communication::Phone, &["+79161234567"], Some("CONTACT"));
/// assert_eq!(c.access(), bitrix_rest::Access::Read);
/// ```
pub fn find_by_comm(
    kind: Communication,
    values: &[&str],
    entity_type: Option<&str>,
) -> Command<Duplicates> {
    let mut params = json!({ "type": kind.code(), "values": values });
    if let Some(entity) = entity_type {
        params["entity_type"] = json!(entity);
    }
    Command::decoded("crm.duplicate.findbycomm", params).with_access(Access::Read)
}

handler!(
    /// Duplicate search on the portal. Reach it with [`Client::duplicates`](crate::Client::duplicates).
    duplicates => duplicates::DuplicateSearch
);

impl<T: Transport, C: Clock> DuplicateSearch<'_, T, C> {
    /// Finds contacts, companies or leads with these phones or e-mails.
    ///
    /// ```no_run
    /// # async fn run(portal: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::methods::duplicates::Communication;
    /// let found = portal.duplicates().find_by_comm(Communication::Email, &["a@b.example"], Some("CONTACT")).await?;
    /// println!("{:?}", found.contact);
    /// # Ok(()) }
    /// ```
    pub async fn find_by_comm(
        self,
        kind: Communication,
        values: &[&str],
        entity_type: Option<&str>,
    ) -> Result<Duplicates, Error> {
        self.client
            .send(find_by_comm(kind, values, entity_type))
            .await
    }
}
