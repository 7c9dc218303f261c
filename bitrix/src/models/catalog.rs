//! Records of the `catalog` module, which both the portal and the store run: products,
//! warehouses, stock per warehouse and prices.

use serde::{Deserialize, Serialize};

use crate::value::{Decimal, lenient};

/// A catalogue product (`catalog.product.list` → `{products}`, `catalog.product.get` → `{product}`).
///
/// `quantity` is the stock available for sale (all warehouses, minus reserves);
/// `quantity_reserved` what orders hold.
///
/// ```
/// let p: bitrix_rest::models::catalog::Product = serde_json::from_str(
///     r#"{"id":6973,"iblockId":23,"name":"Чайник","xmlId":"1C-0042","active":"Y","quantity":"52"}"#).unwrap();
/// assert_eq!(p.xml_id.as_deref(), Some("1C-0042"));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The catalogue's information block.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub iblock_id: Option<u64>,
    /// The name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The external code, usually the 1C code both catalogues share.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub xml_id: Option<String>,
    /// The symbolic code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub code: Option<String>,
    /// Active (`Y`/`N`).
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub active: bool,
    /// Available for sale.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub available: bool,
    /// The quantity.
    #[serde(default, deserialize_with = "lenient::opt_decimal")]
    pub quantity: Option<Decimal>,
    /// The quantity held by orders.
    #[serde(default, deserialize_with = "lenient::opt_decimal")]
    pub quantity_reserved: Option<Decimal>,
    /// Other selected fields, notably properties as `property<ID>`
    /// (`{"valueId":…,"value":…}` or a list of them).
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Product {
    /// The text of a selected property (`property123` or `PROPERTY_123`): its first value.
    ///
    /// ```
    /// let p: bitrix_rest::models::catalog::Product = serde_json::from_str(
    ///     r#"{"id":1,"property105":[{"valueId":9,"value":"ART-7"}]}"#).unwrap();
    /// assert_eq!(p.property_text("property105").as_deref(), Some("ART-7"));
    /// ```
    pub fn property_text(&self, key: &str) -> Option<String> {
        fn text(v: &serde_json::Value) -> Option<String> {
            match v {
                serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Object(o) => o.get("value").and_then(text),
                serde_json::Value::Array(items) => items.iter().find_map(text),
                _ => None,
            }
        }
        text(self.other.get(key)?)
    }
}

/// A warehouse (`catalog.store.list` → `{stores}`).
///
/// ```
/// let w: bitrix_rest::models::catalog::Warehouse = serde_json::from_str(r#"{"id":1,"title":"Main","active":"Y"}"#).unwrap();
/// assert!(w.active);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warehouse {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The title.
    #[serde(default, deserialize_with = "lenient::string")]
    pub title: String,
    /// Active (`Y`/`N`).
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub active: bool,
    /// The address.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub address: Option<String>,
    /// The sort index.
    #[serde(default, deserialize_with = "lenient::int_or_zero")]
    pub sort: i64,
}

/// A unit of measure (`catalog.measure.list` → `{measures}`), which a product's `measure`
/// names by ID. The units a fresh install has carry their OKEI `code` and no symbol of their
/// own (the store's pages name them from its language files).
///
/// ```
/// let m: bitrix_rest::models::catalog::Measure =
///     serde_json::from_str(r#"{"id":4,"code":166,"symbol":null}"#).unwrap();
/// assert_eq!((m.id, m.code, m.symbol), (4, Some(166), None));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The OKEI code (`166`, kilograms).
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub code: Option<u64>,
    /// Its short name (`кг`), when the store gave it one.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub symbol: Option<String>,
}

/// Stock of one product in one warehouse (`catalog.storeproduct.list` → `{storeProducts}`).
///
/// ```
/// let s: bitrix_rest::models::catalog::StoreStock = serde_json::from_str(
///     r#"{"id":11,"productId":6973,"storeId":1,"amount":54,"quantityReserved":2}"#).unwrap();
/// assert_eq!(s.amount, bitrix_rest::Decimal::from(54));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreStock {
    /// The record's ID.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<u64>,
    /// The catalogue product.
    #[serde(deserialize_with = "lenient::id")]
    pub product_id: u64,
    /// The warehouse.
    #[serde(deserialize_with = "lenient::id")]
    pub store_id: u64,
    /// On hand.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub amount: Decimal,
    /// Held by orders.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub quantity_reserved: Decimal,
}

impl StoreStock {
    /// On hand minus reserved, never below zero.
    ///
    /// ```
    /// let s: bitrix_rest::models::catalog::StoreStock = serde_json::from_str(
    ///     r#"{"productId":1,"storeId":1,"amount":1,"quantityReserved":3}"#).unwrap();
    /// assert_eq!(s.free(), bitrix_rest::Decimal::ZERO);
    /// ```
    pub fn free(&self) -> Decimal {
        (self.amount - self.quantity_reserved).max(Decimal::ZERO)
    }
}

/// A price of a product in a price type (`catalog.price.list` → `{prices}`).
///
/// ```
/// let p: bitrix_rest::models::catalog::Price = serde_json::from_str(
///     r#"{"id":1,"productId":6973,"catalogGroupId":1,"price":990.5,"currency":"RUB"}"#).unwrap();
/// assert_eq!(p.price.to_string(), "990.5");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    /// The record's ID.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<u64>,
    /// The catalogue product.
    #[serde(deserialize_with = "lenient::id")]
    pub product_id: u64,
    /// The price type; the base price type is usually 1.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub catalog_group_id: Option<u64>,
    /// The price.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub price: Decimal,
    /// The currency code (`RUB`, `USD`, …).
    #[serde(default, deserialize_with = "lenient::string")]
    pub currency: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_reads_properties_and_stock_reads_free_amount() {
        let p: Product = serde_json::from_str(
            r#"{"id":6973,"iblockId":23,"name":"Чайник","xmlId":"1C-0042","active":"Y",
            "available":"Y","quantity":52,"quantityReserved":2,
            "property101":{"valueId":5,"value":"ART-42"}}"#,
        )
        .unwrap();
        assert_eq!(p.property_text("property101").as_deref(), Some("ART-42"));
        let s: StoreStock = serde_json::from_str(
            r#"{"id":11,"productId":6973,"storeId":1,"amount":54,"quantityReserved":2}"#,
        )
        .unwrap();
        assert_eq!(s.free(), Decimal::from(52));
    }
}
