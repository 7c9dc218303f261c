//! Stock per warehouse: `catalog.storeproduct.list`.

use super::handler;
use crate::models::catalog::StoreStock;
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `catalog.storeproduct.list {filter}` → `{storeProducts}` (one page).
///
/// ```
/// use bitrix_rest::{ListQuery, methods::store_products};
/// let c = store_products::list(&ListQuery::new().filter("productId", vec![6973, 6974]));
/// assert_eq!(c.result_key(), Some("storeProducts"));
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<StoreStock>> {
    Command::decoded("catalog.storeproduct.list", query.to_params()).key("storeProducts")
}

/// The stock of these products in every warehouse (one page: at most 50 rows; use
/// [`Client::list_all`](crate::Client::list_all) for more).
///
/// ```
/// let c = bitrix_rest::methods::store_products::of_products(&[6973]);
/// assert_eq!(c.params()["filter"]["productId"][0], 6973);
/// ```
pub fn of_products(product_ids: &[u64]) -> Command<Vec<StoreStock>> {
    list(&ListQuery::new().filter("productId", product_ids.to_vec()))
}

handler!(
    /// Warehouse stock. Reach it with [`Client::store_products`](crate::Client::store_products).
    store_products => store_products::StoreProducts
);

impl<T: Transport, C: Clock> StoreProducts<'_, T, C> {
    /// Every stock row matching the query, all pages.
    ///
    /// ```no_run
    /// # async fn run(store: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::ListQuery;
    /// let stock = store.store_products().list(&ListQuery::new().filter("productId", vec![6973])).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, query: &ListQuery) -> Result<Vec<StoreStock>, Error> {
        self.client.list_all(list(query)).await
    }
}
