//! Deals: `crm.deal.get/list/update/fields`, `crm.deal.productrows.get/set`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::handler;
use crate::models::crm::{Deal, FieldInfo, ProductRow};
use crate::{Clock, Command, Error, ListQuery, Transport};

/// `crm.deal.get {id}`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::deals::get(410).params()["id"], 410);
/// ```
pub fn get(id: u64) -> Command<Deal> {
    Command::decoded("crm.deal.get", json!({ "id": id }))
}

/// `crm.deal.list {select, filter, order, start}` (one page; see [`Client::pages`](crate::Client::pages)).
///
/// ```
/// use bitrix_rest::{ListQuery, methods::deals};
/// let c = deals::list(&ListQuery::new().filter("=CATEGORY_ID", 1));
/// assert_eq!(c.method(), "crm.deal.list");
/// ```
pub fn list(query: &ListQuery) -> Command<Vec<Deal>> {
    Command::decoded("crm.deal.list", query.to_params())
}

/// `crm.deal.update {id, fields}` → `true`.
///
/// ```
/// let c = bitrix_rest::methods::deals::update(410, serde_json::json!({"STAGE_ID": "C1:WON"}));
/// assert_eq!(c.access(), bitrix_rest::Access::Write);
/// ```
pub fn update(id: u64, fields: Value) -> Command<bool> {
    Command::decoded("crm.deal.update", json!({ "id": id, "fields": fields }))
}

/// `crm.deal.fields`: every field with its type and labels, user fields (`UF_CRM_*`) included.
///
/// ```
/// assert_eq!(bitrix_rest::methods::deals::fields().method(), "crm.deal.fields");
/// ```
pub fn fields() -> Command<BTreeMap<String, FieldInfo>> {
    Command::decoded("crm.deal.fields", Value::Null)
}

/// `crm.deal.productrows.get {id}`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::deals::product_rows(410).params()["id"], 410);
/// ```
pub fn product_rows(id: u64) -> Command<Vec<ProductRow>> {
    Command::decoded("crm.deal.productrows.get", json!({ "id": id }))
}

/// `crm.deal.productrows.set {id, rows}` → `true`. It **replaces all rows**: pass the full,
/// freshly read list. (An empty list cannot be form-encoded; it is sent as no rows at all.)
///
/// ```
/// let c = bitrix_rest::methods::deals::set_product_rows(410, &[]);
/// assert_eq!(c.method(), "crm.deal.productrows.set");
/// ```
pub fn set_product_rows(id: u64, rows: &[ProductRow]) -> Command<bool> {
    let rows = serde_json::to_value(rows).unwrap_or(Value::Array(Vec::new()));
    Command::decoded(
        "crm.deal.productrows.set",
        json!({ "id": id, "rows": rows }),
    )
}

handler!(
    /// Deals of the portal. Reach it with [`Client::deals`](crate::Client::deals).
    deals => deals::Deals
);

impl<T: Transport, C: Clock> Deals<'_, T, C> {
    /// Reads a deal.
    ///
    /// ```no_run
    /// # async fn run(portal: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let deal = portal.deals().get(410).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(self, id: u64) -> Result<Deal, Error> {
        self.client.send(get(id)).await
    }

    /// Reads one page of deals.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let q = bitrix_rest::ListQuery::new().select(["ID", "TITLE"]).filter("=CATEGORY_ID", 1);
    /// let page = client.deals().list(&q).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(self, query: &ListQuery) -> Result<Vec<Deal>, Error> {
        self.client.send(list(query)).await
    }

    /// Changes fields of a deal.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// client.deals().update(410, serde_json::json!({"STAGE_ID": "C1:WON"})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(self, id: u64, fields: Value) -> Result<bool, Error> {
        self.client.send(update(id, fields)).await
    }

    /// Describes the deal fields.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let fields = client.deals().fields().await?;
    /// let order_field = fields.iter().find(|(_, f)| f.label() == "Order");
    /// # Ok(()) }
    /// ```
    pub async fn fields(self) -> Result<BTreeMap<String, FieldInfo>, Error> {
        self.client.send(fields()).await
    }

    /// Reads a deal's product rows.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let rows = client.deals().product_rows(410).await?;
    /// let total: bitrix_rest::Decimal = rows.iter().map(|r| r.sum()).sum();
    /// # Ok(()) }
    /// ```
    pub async fn product_rows(self, id: u64) -> Result<Vec<ProductRow>, Error> {
        self.client.send(product_rows(id)).await
    }

    /// Replaces a deal's product rows.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let mut rows = client.deals().product_rows(410).await?;
    /// rows.retain(|r| r.product_id != 27);
    /// client.deals().set_product_rows(410, &rows).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_product_rows(self, id: u64, rows: &[ProductRow]) -> Result<bool, Error> {
        self.client.send(set_product_rows(id, rows)).await
    }
}
