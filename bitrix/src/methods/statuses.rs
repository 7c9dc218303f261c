//! CRM reference lists, notably deal stages: `crm.status.list`.

use serde_json::json;

use super::handler;
use crate::models::crm::Status;
use crate::{Clock, Command, Error, Transport};

/// `crm.status.list {filter: {ENTITY_ID}}`: `DEAL_STAGE` for the default pipeline,
/// `DEAL_STAGE_<categoryId>` for the others.
///
/// ```
/// let c = bitrix_rest::methods::statuses::list("DEAL_STAGE_1");
/// assert_eq!(c.params()["filter"]["ENTITY_ID"], "DEAL_STAGE_1");
/// ```
pub fn list(entity_id: &str) -> Command<Vec<Status>> {
    Command::decoded(
        "crm.status.list",
        json!({ "filter": { "ENTITY_ID": entity_id }, "order": { "SORT": "ASC" } }),
    )
}

/// The reference-list code of a pipeline's stages.
///
/// ```
/// use bitrix_rest::methods::statuses::deal_stage_entity;
/// assert_eq!(deal_stage_entity(0), "DEAL_STAGE");
/// assert_eq!(deal_stage_entity(3), "DEAL_STAGE_3");
/// ```
pub fn deal_stage_entity(category_id: u64) -> String {
    if category_id == 0 {
        "DEAL_STAGE".to_owned()
    } else {
        format!("DEAL_STAGE_{category_id}")
    }
}

handler!(
    /// Reference lists of the portal. Reach it with [`Client::statuses`](crate::Client::statuses).
    statuses => statuses::Statuses
);

impl<T: Transport, C: Clock> Statuses<'_, T, C> {
    /// The items of a reference list.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let sources = client.statuses().list("SOURCE").await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, entity_id: &str) -> Result<Vec<Status>, Error> {
        self.client.send(list(entity_id)).await
    }

    /// The stages of a deal pipeline, in order.
    ///
    /// ```no_run
    /// # async fn run(portal: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// for stage in portal.statuses().deal_stages(1).await? { println!("{} {}", stage.status_id, stage.name); }
    /// # Ok(()) }
    /// ```
    pub async fn deal_stages(self, category_id: u64) -> Result<Vec<Status>, Error> {
        self.client
            .send(list(&deal_stage_entity(category_id)))
            .await
    }
}
