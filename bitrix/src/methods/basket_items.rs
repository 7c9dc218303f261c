//! Basket lines of store orders: `sale.basketitem.list/add/update/delete`.

use serde_json::{Value, json};

use super::handler;
use crate::models::sale::BasketItem;
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `sale.basketitem.list` → `{basketItems}` (one page).
///
/// ```
/// use bitrix_rest::{ListQuery, methods::basket_items};
/// let c = basket_items::list(&ListQuery::new().filter("orderId", 9));
/// assert_eq!(c.result_key(), Some("basketItems"));
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<BasketItem>> {
    Command::decoded("sale.basketitem.list", query.to_params()).key("basketItems")
}

/// `sale.basketitem.add {fields: {orderId, productId, currency, quantity, …, xmlId}}` →
/// `{basketItem}`. Give it an `xmlId` so a retry after a timeout can find the line instead of
/// adding it twice.
///
/// ```
/// let c = bitrix_rest::methods::basket_items::add(serde_json::json!({"orderId": 9, "productId": 6973,
///     "currency": "RUB", "quantity": 1, "xmlId": "storelink-1"}));
/// assert_eq!(c.result_key(), Some("basketItem"));
/// ```
pub fn add(fields: Value) -> Command<BasketItem> {
    Command::decoded("sale.basketitem.add", json!({ "fields": fields })).key("basketItem")
}

/// `sale.basketitem.update {id, fields}` → `{basketItem}`.
///
/// ```
/// let c = bitrix_rest::methods::basket_items::update(255, serde_json::json!({"quantity": 3}));
/// assert_eq!(c.params()["fields"]["quantity"], 3);
/// ```
pub fn update(id: u64, fields: Value) -> Command<BasketItem> {
    Command::decoded(
        "sale.basketitem.update",
        json!({ "id": id, "fields": fields }),
    )
    .key("basketItem")
}

/// `sale.basketitem.delete {id}` → `true`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::basket_items::delete(255).method(), "sale.basketitem.delete");
/// ```
pub fn delete(id: u64) -> Command<bool> {
    Command::decoded("sale.basketitem.delete", json!({ "id": id }))
}

handler!(
    /// Basket lines of the store. Reach it with [`Client::basket_items`](crate::Client::basket_items).
    basket_items => basket_items::BasketItems
);

impl<T: Transport, C: Clock> BasketItems<'_, T, C> {
    /// The lines of one order.
    ///
    /// ```no_run
    /// # async fn run(store: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let lines = store.basket_items().of_order(9).await?;
    /// # Ok(()) }
    /// ```
    pub async fn of_order(self, order_id: u64) -> Result<Vec<BasketItem>, Error> {
        self.client
            .list_all(list(&ListQuery::new().filter("orderId", order_id)))
            .await
    }

    /// Adds a line.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let line = client.basket_items().add(serde_json::json!({"orderId": 9, "productId": 6973,
    ///     "currency": "RUB", "quantity": 1, "xmlId": "storelink-9-6973"})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add(self, fields: Value) -> Result<BasketItem, Error> {
        self.client.send(add(fields)).await
    }

    /// Changes a line.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let line = client.basket_items().update(255, serde_json::json!({"quantity": 3})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(self, id: u64, fields: Value) -> Result<BasketItem, Error> {
        self.client.send(update(id, fields)).await
    }

    /// Removes a line.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// client.basket_items().delete(255).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(self, id: u64) -> Result<bool, Error> {
        self.client.send(delete(id)).await
    }
}
