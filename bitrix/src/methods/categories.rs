//! Deal pipelines: `crm.category.list {entityTypeId: 2}` → `{categories}`.

use serde_json::json;

use super::handler;
use crate::models::crm::Category;
use crate::{Clock, Command, Error, Transport};

/// `crm.category.list` for deals (`entityTypeId` 2).
///
/// ```
/// assert_eq!(bitrix_rest::methods::categories::deal_pipelines().params()["entityTypeId"], 2);
/// ```
pub fn deal_pipelines() -> Command<Vec<Category>> {
    Command::decoded("crm.category.list", json!({ "entityTypeId": 2 })).key("categories")
}

handler!(
    /// Pipelines of the portal. Reach it with [`Client::categories`](crate::Client::categories).
    categories => categories::Categories
);

impl<T: Transport, C: Clock> Categories<'_, T, C> {
    /// The deal pipelines.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// for p in client.categories().deal_pipelines().await? { println!("{} {}", p.id, p.name); }
    /// # Ok(()) }
    /// ```
    pub async fn deal_pipelines(self) -> Result<Vec<Category>, Error> {
        self.client.send(deal_pipelines()).await
    }
}
