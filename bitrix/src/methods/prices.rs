//! Prices: `catalog.price.list`.

use super::handler;
use crate::models::catalog::Price;
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `catalog.price.list {filter}` → `{prices}` (one page).
///
/// ```
/// use bitrix_rest::{ListQuery, methods::prices};
/// let c = prices::list(&ListQuery::new().filter("productId", vec![6973]));
/// assert_eq!(c.result_key(), Some("prices"));
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<Price>> {
    Command::decoded("catalog.price.list", query.to_params()).key("prices")
}

handler!(
    /// Prices. Reach it with [`Client::prices`](crate::Client::prices).
    prices => prices::Prices
);

impl<T: Transport, C: Clock> Prices<'_, T, C> {
    /// Every price matching the query, all pages.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let q = bitrix_rest::ListQuery::new().filter("productId", vec![6973]);
    /// let prices = client.prices().list(&q).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, query: &ListQuery) -> Result<Vec<Price>, Error> {
        self.client.list_all(list(query)).await
    }
}
