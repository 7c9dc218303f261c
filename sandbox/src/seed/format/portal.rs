//! The portal part of a data set: users, pipelines, user fields, contacts, the CRM catalogue
//! and deals with their rows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Label;

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
    /// Name of the CRM catalogue (`catalog.catalog.list`).
    #[serde(default)]
    pub catalog_name: Option<String>,
    /// Information block of its variations catalogue (default: the catalogue's + 1; 0: none).
    #[serde(default)]
    pub offers_iblock_id: Option<u64>,
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
    /// A variation of this product: it lives in the catalogue of variations.
    #[serde(default)]
    pub variation_of: Option<u64>,
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
    /// The unit's OKEI code (default 796, pieces); given with `measure_name`.
    #[serde(default)]
    pub measure_code: Option<u64>,
    /// The unit's name (default `шт`).
    #[serde(default)]
    pub measure_name: Option<String>,
}
