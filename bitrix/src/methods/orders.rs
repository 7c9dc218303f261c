//! Store orders: `sale.order.get/list/update`.

use serde_json::{Value, json};

use super::handler;
use crate::models::sale::Order;
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `sale.order.get {id}` → `{order}` with basket, payments, shipments and properties.
///
/// ```
/// assert_eq!(bitrix_rest::methods::orders::get(9).result_key(), Some("order"));
/// ```
pub fn get(id: u64) -> Command<Order> {
    Command::decoded("sale.order.get", json!({ "id": id })).key("order")
}

/// `sale.order.list {select, filter, order, start}` → `{orders}` (one page).
///
/// ```
/// use bitrix_rest::{ListQuery, methods::orders};
/// let c = orders::list(&ListQuery::new().filter("accountNumber", "165"));
/// assert_eq!(c.result_key(), Some("orders"));
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<Order>> {
    Command::decoded("sale.order.list", query.to_params()).key("orders")
}

/// `sale.order.update {id, fields}` → `{order}`, the whole order.
///
/// ```
/// let c = bitrix_rest::methods::orders::update(9, serde_json::json!({"statusId": "P"}));
/// assert_eq!(c.access(), bitrix_rest::Access::Write);
/// ```
pub fn update(id: u64, fields: Value) -> Command<Order> {
    Command::decoded("sale.order.update", json!({ "id": id, "fields": fields })).key("order")
}

handler!(
    /// Orders of the store. Reach it with [`Client::orders`](crate::Client::orders).
    orders => orders::Orders
);

impl<T: Transport, C: Clock> Orders<'_, T, C> {
    /// Reads an order with its basket, payments, shipments and properties.
    ///
    /// ```no_run
    /// # async fn run(store: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let order = store.orders().get(9).await?;
    /// for item in &order.basket_items { println!("{} × {}", item.name, item.quantity); }
    /// # Ok(()) }
    /// ```
    pub async fn get(self, id: u64) -> Result<Order, Error> {
        self.client.send(get(id)).await
    }

    /// Reads one page of orders.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let q = bitrix_rest::ListQuery::new().filter("accountNumber", "165");
    /// let found = client.orders().list(&q).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, query: &ListQuery) -> Result<Vec<Order>, Error> {
        self.client.send(list(query)).await
    }

    /// Changes an order; returns it as saved.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let order = client.orders().update(9, serde_json::json!({"statusId": "P"})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(self, id: u64, fields: Value) -> Result<Order, Error> {
        self.client.send(update(id, fields)).await
    }
}
