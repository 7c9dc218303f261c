//! The requests of one deal open, as data: one portal batch, then one store batch built from
//! the portal's answer. Each fits one HTTP request up to 50 deal rows.
//!
//! Why in sequence: the store batch needs what only the portal knows — the link fields of the
//! deal (`UF_CRM_…`, `ORIGIN_ID`) and the XML_IDs of its products. From the second open of a
//! deal in the same browser on, the store batch of the previous open is sent alongside the
//! portal's and its answers are used when the portal's answer yields the same batch (see
//! [`guess`]).
//!
//! Within each batch, IDs an earlier command returns are passed to later ones with
//! `$result[...]` references (documented for batch): the contact by `$result[deal][CONTACT_ID]`,
//! the deal's pipeline stages by `DEAL_STAGE_$result[deal][CATEGORY_ID]`, the portal products by
//! `$result[rows][i][PRODUCT_ID]`, the full order by `$result[link0][orders][0][id]`, and stock
//! and prices by `$result[products0][products][i][id]` and
//! `$result[link0_order][order][basketItems][i][productId]`. A list of IDs is one list command
//! with an array filter (`id` = IN for products, `@productId` for stock and prices), so the
//! number of commands does not grow with each product. A slot past the end of its list does not
//! resolve to an ID (Bitrix puts the list there, which an ID filter reads as 1); the view keeps
//! only records of products it knows.
//!
//! Cacheable lists (stages, pipelines, statuses and their names, warehouses) are left out when
//! the UI says it has them.

pub mod guess;
mod portal;
mod store;

pub use portal::{PortalPlan, deal_get_call, missing_portal_products, portal_plan};
pub use store::{StoreOpen, StorePlan, chosen_order_fetch, store_plan};

/// What the UI remembers from earlier opens; everything is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenHints {
    /// Rows this deal had last time (plans the product slots; default 50).
    pub row_count: Option<usize>,
    /// Basket items its order had last time (default: the number of rows, at least 10).
    pub basket_count: Option<usize>,
    /// Warehouses the store has (plans the stock commands; default 5).
    pub warehouse_count: Option<usize>,
    /// The stages of every pipeline are cached.
    pub stages_cached: bool,
    /// The pipelines are cached.
    pub pipelines_cached: bool,
    /// The order statuses and their names are cached.
    pub statuses_cached: bool,
    /// The warehouse list is cached.
    pub warehouses_cached: bool,
}
