//! The store part of a data set: the catalogue with stock per warehouse, order statuses and
//! orders with their baskets, payments, shipments and properties.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Label;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoreSeed {
    /// Information block of the store's catalogue (default 2).
    #[serde(default)]
    pub iblock_id: Option<u64>,
    /// Name of the catalogue (`catalog.catalog.list`).
    #[serde(default)]
    pub catalog_name: Option<String>,
    /// Information block of its variations catalogue (default: the catalogue's + 1; 0: none).
    #[serde(default)]
    pub offers_iblock_id: Option<u64>,
    /// ID of the article property, read as `property<ID>` (default 105, code `CML2_ARTICLE`).
    #[serde(default)]
    pub article_property_id: Option<u64>,
    /// ID of the article property of the catalogue of variations, which has properties of its
    /// own (default 121, code `CML2_ARTICLE` there too).
    #[serde(default)]
    pub offers_article_property_id: Option<u64>,
    /// The inbound webhook: user 1 and secret `store-webhook-secret` by default.
    #[serde(default)]
    pub webhook: Option<WebhookSeed>,
    #[serde(default)]
    pub warehouses: Vec<WarehouseSeed>,
    #[serde(default)]
    pub products: Vec<StoreProductSeed>,
    #[serde(default)]
    pub statuses: Vec<StatusSeed>,
    #[serde(default)]
    pub orders: Vec<OrderSeed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WebhookSeed {
    pub user_id: u64,
    pub secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WarehouseSeed {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub sort: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoreProductSeed {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub xml_id: Option<String>,
    #[serde(default)]
    pub article: Option<String>,
    pub price: f64,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub purchasing_price: Option<f64>,
    /// A variation (trade offer) of this product: it lives in the catalogue of variations.
    #[serde(default)]
    pub variation_of: Option<u64>,
    /// The unit it is sold in: its OKEI code (default 796, pieces); given with
    /// `measure_name`. A code the store's measures lack adds a measure (see
    /// `seed::measures`); the product's `measure` is that measure's ID.
    #[serde(default)]
    pub measure_code: Option<u64>,
    /// The unit's name (default `шт`): title and symbol of a measure the code adds.
    #[serde(default)]
    pub measure_name: Option<String>,
    /// Stock per warehouse. Reserves of open orders are added from the orders themselves.
    #[serde(default)]
    pub stock: Vec<StockSeed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StockSeed {
    pub warehouse: u64,
    pub amount: f64,
    /// Reserved by something other than the seeded orders (default 0).
    #[serde(default)]
    pub reserved: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusSeed {
    pub id: String,
    /// `O` order status (default), `D` delivery status.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub sort: Option<i64>,
    #[serde(default)]
    pub color: Option<String>,
    pub names: Label,
    #[serde(default)]
    pub descriptions: Option<Label>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderSeed {
    pub id: u64,
    /// Default: the ID as text.
    #[serde(default)]
    pub account_number: Option<String>,
    pub status: String,
    /// The buyer's user ID on the store (default 1).
    #[serde(default)]
    pub user_id: Option<u64>,
    #[serde(default)]
    pub currency: Option<String>,
    /// Warehouse that ships (and reserves) the order; default the first one.
    #[serde(default)]
    pub warehouse: Option<u64>,
    #[serde(default)]
    pub canceled: bool,
    #[serde(default)]
    pub paid: bool,
    /// Shipped: stock deducted, nothing reserved.
    #[serde(default)]
    pub deducted: bool,
    #[serde(default)]
    pub xml_id: Option<String>,
    #[serde(default)]
    pub comments: Option<String>,
    #[serde(default)]
    pub date_insert: Option<String>,
    #[serde(default)]
    pub date_update: Option<String>,
    pub basket: Vec<BasketSeed>,
    /// Default: one payment of the whole price (paid when the order is).
    #[serde(default)]
    pub payments: Option<Vec<PaymentSeed>>,
    /// Default: one courier shipment.
    #[serde(default)]
    pub shipments: Option<Vec<ShipmentSeed>>,
    /// Order properties by code: `FIO`, `PHONE`, `EMAIL`, `ADDRESS`, ...
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BasketSeed {
    #[serde(default)]
    pub id: Option<u64>,
    /// A store product, or 0 for a position outside the catalogue.
    pub product_id: u64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub price: Option<f64>,
    pub quantity: f64,
    #[serde(default)]
    pub xml_id: Option<String>,
    /// The unit's OKEI code (default 796, pieces); given with `measure_name`.
    #[serde(default)]
    pub measure_code: Option<u64>,
    /// The unit's name (default `шт`).
    #[serde(default)]
    pub measure_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentSeed {
    #[serde(default)]
    pub sum: Option<f64>,
    #[serde(default)]
    pub paid: Option<bool>,
    #[serde(default)]
    pub pay_system: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShipmentSeed {
    #[serde(default)]
    pub delivery: Option<String>,
    #[serde(default)]
    pub price: Option<f64>,
    #[serde(default)]
    pub status: Option<String>,
}
