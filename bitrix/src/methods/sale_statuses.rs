//! Order and delivery statuses: `sale.status.list`, `sale.statusLang.list`.

use serde_json::Value;

use super::handler;
use crate::models::sale::{SaleStatus, StatusLang};
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `sale.status.list` → `{statuses}`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::sale_statuses::list().result_key(), Some("statuses"));
/// ```
pub fn list() -> Command<Vec<SaleStatus>> {
    Command::decoded("sale.status.list", Value::Null).key("statuses")
}

/// `sale.statusLang.list {filter: {lid}}` → `{statusLangs}`: status names in one language.
///
/// ```
/// let c = bitrix_rest::methods::sale_statuses::names("ru");
/// assert_eq!(c.params()["filter"]["lid"], "ru");
/// ```
pub fn names(lang: &str) -> Command<Vec<StatusLang>> {
    Command::decoded(
        "sale.statusLang.list",
        ListQuery::new().filter("lid", lang).to_params(),
    )
    .key("statusLangs")
}

handler!(
    /// Statuses of the store. Reach it with [`Client::sale_statuses`](crate::Client::sale_statuses).
    sale_statuses => sale_statuses::SaleStatuses
);

impl<T: Transport, C: Clock> SaleStatuses<'_, T, C> {
    /// Every order and delivery status.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let order_statuses: Vec<_> = client.sale_statuses().list().await?
    ///     .into_iter().filter(|s| s.kind == "O").collect();
    /// # Ok(()) }
    /// ```
    pub async fn list(self) -> Result<Vec<SaleStatus>, Error> {
        self.client.list_all(list()).await
    }

    /// Status names in one language.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let names = client.sale_statuses().names("ru").await?;
    /// # Ok(()) }
    /// ```
    pub async fn names(self, lang: &str) -> Result<Vec<StatusLang>, Error> {
        self.client.list_all(names(lang)).await
    }
}
