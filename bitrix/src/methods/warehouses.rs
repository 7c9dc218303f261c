//! Warehouses: `catalog.store.list`.

use super::handler;
use crate::models::catalog::Warehouse;
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `catalog.store.list` → `{stores}` (one page).
///
/// ```
/// assert_eq!(bitrix_rest::methods::warehouses::list(&Default::default()).result_key(), Some("stores"));
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<Warehouse>> {
    Command::decoded("catalog.store.list", query.to_params()).key("stores")
}

handler!(
    /// Warehouses. Reach it with [`Client::warehouses`](crate::Client::warehouses).
    warehouses => warehouses::Warehouses
);

impl<T: Transport, C: Clock> Warehouses<'_, T, C> {
    /// Every warehouse.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// for w in client.warehouses().list().await? { println!("{} {}", w.id, w.title); }
    /// # Ok(()) }
    /// ```
    pub async fn list(self) -> Result<Vec<Warehouse>, Error> {
        self.client.list_all(list(&ListQuery::new())).await
    }
}
