//! The configurable rules inside the settings: how deals link to orders and how products match.

use serde::{Deserialize, Serialize};

/// What a deal user field holds about its order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderKey {
    /// The order's ID (`id` in `sale.order.*`).
    #[default]
    Id,
    /// The order number the buyer sees (`accountNumber`).
    Number,
}

/// One way a deal may point at its store order. The settings hold an ordered list; the first
/// rule that finds an order wins.
///
/// Stored as `{"kind": "user-field", "field": "UF_CRM_ORDER", "holds": "id"}`,
/// `{"kind": "origin-id", "originatorId": "3"}`, `{"kind": "order-xml-id"}`,
/// `{"kind": "order-property", "code": "DEAL_ID"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum LinkRule {
    /// A deal user field (`UF_CRM_…`) holds the order's ID or number.
    UserField {
        /// The field's code, e.g. `UF_CRM_STORE_ORDER`.
        field: String,
        /// Whether it holds the order ID or number.
        #[serde(default)]
        holds: OrderKey,
    },
    /// The built-in store connector's link: the deal's `ORIGIN_ID` is the order ID.
    OriginId {
        /// When set, only deals whose `ORIGINATOR_ID` equals it (the connection's ID) count.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        originator_id: Option<String>,
    },
    /// The order's `xmlId` holds the deal ID.
    OrderXmlId,
    /// An order property (by its code) holds the deal ID.
    OrderProperty {
        /// The property's code, e.g. `DEAL_ID`.
        code: String,
    },
}

impl LinkRule {
    /// True when "Link this order" can record the link on the portal (in the deal) for this
    /// rule; the other rules record it in the store.
    pub fn is_written_to_deal(&self) -> bool {
        matches!(self, LinkRule::UserField { .. } | LinkRule::OriginId { .. })
    }
}

/// The rules used when nothing is configured: the built-in connector's `ORIGIN_ID`, which
/// existing portals already have.
pub fn default_link_rules() -> Vec<LinkRule> {
    vec![LinkRule::OriginId {
        originator_id: None,
    }]
}

/// A product property compared on both sides when XML_IDs do not match: the key as
/// `catalog.product.list` selects it (`property<ID>`), on the portal and in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyPair {
    /// The portal catalogue's property, e.g. `property45`.
    pub portal: String,
    /// The store catalogue's property, e.g. `property101`.
    pub store: String,
    /// Products match by this property alone, XML_IDs not compared: for catalogues whose
    /// XML_IDs are not shared codes (Bitrix gives a product made by hand its own ID as XML_ID,
    /// so unrelated products of two catalogues would pair up by number).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alone: bool,
}

/// True unless products match by `property` alone: XML_IDs are compared (first, or only).
pub fn xml_ids_compared(property: Option<&PropertyPair>) -> bool {
    property.is_none_or(|p| !p.alone)
}

/// True for a product property key as `catalog.product.list` names it: `property` and a
/// positive number (`property101`).
pub fn is_property_key(key: &str) -> bool {
    key.strip_prefix("property").is_some_and(|n| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0')
    })
}

/// A property key as the admin typed it, in the shape `catalog.product.list` names it: a bare
/// number (`105`), `PROPERTY105` in capitals and `PROPERTY_105` as 1C-Bitrix's own pages write
/// it become `property105`. Anything else is returned trimmed, for [`is_property_key`] to refuse.
pub fn property_key(typed: &str) -> String {
    let typed = typed.trim();
    let prefix = "property";
    let number = match typed.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => {
            let rest = &typed[prefix.len()..];
            rest.strip_prefix('_').unwrap_or(rest)
        }
        _ => typed,
    };
    let key = format!("{prefix}{number}");
    if is_property_key(&key) {
        key
    } else {
        typed.to_owned()
    }
}

/// True for a deal user field code: `UF_CRM_` followed by letters, digits or `_`.
pub fn is_user_field_code(code: &str) -> bool {
    code.strip_prefix("UF_CRM_").is_some_and(|rest| {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// True for an order property code: letters, digits, `_` or `-`, 1–50 characters.
pub fn is_property_code(code: &str) -> bool {
    (1..=50).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
