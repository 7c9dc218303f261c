//! The JSON data-set format (documented in `sandbox/README.md`). Every section is optional;
//! what is missing gets a sensible default (two users, the general pipeline, the usual statuses).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedData {
    #[serde(default)]
    pub portal: PortalSeed,
    #[serde(default)]
    pub store: StoreSeed,
    #[serde(default)]
    pub app: Option<AppSeed>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortalSeed {
    #[serde(default)]
    pub users: Vec<UserSeed>,
    #[serde(default)]
    pub pipelines: Vec<PipelineSeed>,
    #[serde(default)]
    pub deal_user_fields: Vec<UserFieldSeed>,
    #[serde(default)]
    pub contacts: Vec<ContactSeed>,
    #[serde(default)]
    pub products: Vec<PortalProductSeed>,
    #[serde(default)]
    pub deals: Vec<DealSeed>,
    /// Information block of the CRM catalogue (default 25).
    #[serde(default)]
    pub catalog_iblock_id: Option<u64>,
    /// Secret of the admin's inbound webhook (default `portal-admin-webhook`).
    #[serde(default)]
    pub webhook_secret: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserSeed {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub admin: bool,
    #[serde(default)]
    pub position: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineSeed {
    /// 0 is the general pipeline (stages `NEW`, ...); others have stages `C<id>:NEW`.
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub sort: Option<i64>,
    pub stages: Vec<StageSeed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StageSeed {
    /// `NEW`, or `C1:NEW`; the `C<id>:` prefix is added when missing.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub sort: Option<i64>,
    /// `P` in progress (default), `S` won, `F` lost.
    #[serde(default)]
    pub semantics: Option<String>,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserFieldSeed {
    /// `UF_CRM_...`
    pub name: String,
    /// `string` (default), `integer`, `double`, `boolean`, `date`, `datetime`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    pub label: Label,
    #[serde(default)]
    pub multiple: bool,
}

/// A text in both languages, or one text for both.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Label {
    Both { ru: String, en: String },
    One(String),
}

impl Label {
    pub fn ru(&self) -> &str {
        match self {
            Label::Both { ru, .. } => ru,
            Label::One(text) => text,
        }
    }
    pub fn en(&self) -> &str {
        match self {
            Label::Both { en, .. } => en,
            Label::One(text) => text,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactSeed {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub second_name: Option<String>,
    #[serde(default)]
    pub phones: Vec<Communication>,
    #[serde(default)]
    pub emails: Vec<Communication>,
    #[serde(default)]
    pub comments: Option<String>,
    #[serde(default)]
    pub assigned_by: Option<u64>,
}

/// A phone or e-mail: the value alone (type `WORK`), or with its type (`MOBILE`, `HOME`, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Communication {
    Typed {
        value: String,
        #[serde(rename = "type")]
        value_type: String,
    },
    Plain(String),
}

impl Communication {
    pub fn value(&self) -> &str {
        match self {
            Communication::Typed { value, .. } | Communication::Plain(value) => value,
        }
    }
    pub fn value_type(&self) -> &str {
        match self {
            Communication::Typed { value_type, .. } => value_type,
            Communication::Plain(_) => "WORK",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortalProductSeed {
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DealSeed {
    pub id: u64,
    pub title: String,
    /// Pipeline (`CATEGORY_ID`), default 0.
    #[serde(default)]
    pub pipeline: u64,
    /// `NEW` or `C1:NEW`; the prefix is added when missing.
    pub stage: String,
    /// `OPPORTUNITY`; default: the sum of the rows.
    #[serde(default)]
    pub opportunity: Option<f64>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub contact_id: Option<u64>,
    #[serde(default)]
    pub assigned_by: Option<u64>,
    #[serde(default)]
    pub originator_id: Option<String>,
    #[serde(default)]
    pub origin_id: Option<String>,
    /// User fields: `{"UF_CRM_ORDER_ID": "9"}`; each must be declared in `dealUserFields`.
    #[serde(default)]
    pub uf: BTreeMap<String, Value>,
    #[serde(default)]
    pub comments: Option<String>,
    #[serde(default)]
    pub date_create: Option<String>,
    #[serde(default)]
    pub date_modify: Option<String>,
    #[serde(default)]
    pub rows: Vec<RowSeed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RowSeed {
    /// A portal product, or 0 / absent for a free-text row.
    #[serde(default)]
    pub product_id: u64,
    /// Default: the product's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Price per unit after discount, tax included. Default: the product's price.
    #[serde(default)]
    pub price: Option<f64>,
    pub quantity: f64,
    /// Discount in percent of the price before discount.
    #[serde(default)]
    pub discount_rate: Option<f64>,
    #[serde(default)]
    pub tax_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoreSeed {
    /// Information block of the store's catalogue (default 2).
    #[serde(default)]
    pub iblock_id: Option<u64>,
    /// ID of the article property, read as `property<ID>` (default 105, code `CML2_ARTICLE`).
    #[serde(default)]
    pub article_property_id: Option<u64>,
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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppSeed {
    /// Installed: `setInstallFinish` already happened.
    #[serde(default = "yes")]
    pub installed: bool,
    /// App options (name → any JSON value); placeholders like `${STORE_WEBHOOK_URL}` allowed.
    #[serde(default)]
    pub options: BTreeMap<String, Value>,
    /// User options: user ID (as text) → name → value.
    #[serde(default)]
    pub user_options: BTreeMap<String, BTreeMap<String, Value>>,
    /// Default: `crm`, `catalog`, `placement`, `user_brief`.
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// Default when installed: the deal tab bound to `${WIDGET_URL}/index.html`.
    #[serde(default)]
    pub placements: Option<Vec<PlacementSeed>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlacementSeed {
    pub placement: String,
    pub handler: String,
    #[serde(default)]
    pub title: Option<String>,
}
