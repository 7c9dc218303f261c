//! Catalogue products (portal and store): `catalog.product.list/get`.

use serde_json::json;

use super::handler;
use crate::models::catalog::Product;
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `catalog.product.list` → `{products}` (one page). Bitrix requires `id` and `iblockId` in
/// `select` and `iblockId` in `filter`.
///
/// ```
/// use bitrix_rest::{ListQuery, methods::products};
/// let q = ListQuery::new().select(["id", "iblockId", "name", "xmlId"]).filter("iblockId", 23);
/// assert_eq!(products::list(&q).result_key(), Some("products"));
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<Product>> {
    Command::decoded("catalog.product.list", query.to_params()).key("products")
}

/// `catalog.product.get {id}` → `{product}`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::products::get(6973).result_key(), Some("product"));
/// ```
pub fn get(id: u64) -> Command<Product> {
    Command::decoded("catalog.product.get", json!({ "id": id })).key("product")
}

handler!(
    /// Catalogue products. Reach it with [`Client::products`](crate::Client::products).
    products => products::Products
);

impl<T: Transport, C: Clock> Products<'_, T, C> {
    /// Reads one page of products.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let q = bitrix_rest::ListQuery::new().select(["id", "iblockId", "name", "xmlId"]).filter("iblockId", 23);
    /// let page = client.products().list(&q).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, query: &ListQuery) -> Result<Vec<Product>, Error> {
        self.client.send(list(query)).await
    }

    /// Reads a product.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let product = client.products().get(6973).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(self, id: u64) -> Result<Product, Error> {
        self.client.send(get(id)).await
    }
}
