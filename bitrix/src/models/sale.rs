//! Online-store records of the `sale` module: orders, basket items, payments, shipments,
//! order properties and statuses.

use serde::{Deserialize, Serialize};

use crate::value::{Decimal, lenient};

/// An order (`sale.order.list` → `{orders}`, `sale.order.get` → `{order}`).
///
/// `sale.order.list` carries only the order's own fields; `sale.order.get` adds the basket,
/// payments, shipments and property values.
///
/// ```
/// use bitrix_rest::models::sale::Order;
/// let order: Order = serde_json::from_str(r#"{"id":9,"accountNumber":"165","statusId":"N",
///   "price":1176,"currency":"RUB","userId":2,"dateUpdate":"2022-10-14T17:19:11+03:00",
///   "payed":"N","canceled":"N","xmlId":"bx_63498bf7c8d31"}"#).unwrap();
/// assert_eq!(order.account_number, "165");
/// assert!(!order.payed);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The order number the buyer sees.
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_number: String,
    /// The status code.
    #[serde(default, deserialize_with = "lenient::string")]
    pub status_id: String,
    /// The order total, delivery included.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub price: Decimal,
    /// The currency code (`RUB`, `USD`, …).
    #[serde(default, deserialize_with = "lenient::string")]
    pub currency: String,
    /// The buyer (a store user).
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub user_id: Option<u64>,
    /// Created, ISO 8601 with offset.
    #[serde(default, deserialize_with = "lenient::string")]
    pub date_insert: String,
    /// Last change, ISO 8601 with offset.
    #[serde(default, deserialize_with = "lenient::string")]
    pub date_update: String,
    /// Paid in full.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub payed: bool,
    /// Cancelled.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub canceled: bool,
    /// Shipped (deprecated on the order itself, still sent).
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub deducted: bool,
    /// The external code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub xml_id: Option<String>,
    /// The buyer's comment.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_description: Option<String>,
    /// The manager's comment.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub comments: Option<String>,
    /// The basket (in `sale.order.get`).
    #[serde(default, deserialize_with = "lenient::list")]
    pub basket_items: Vec<BasketItem>,
    /// The payments (in `sale.order.get`).
    #[serde(default, deserialize_with = "lenient::list")]
    pub payments: Vec<Payment>,
    /// The shipments (in `sale.order.get`).
    #[serde(default, deserialize_with = "lenient::list")]
    pub shipments: Vec<Shipment>,
    /// The order properties (in `sale.order.get`).
    #[serde(default, deserialize_with = "lenient::list")]
    pub property_values: Vec<PropertyValue>,
}

impl Order {
    /// The value of the order property with this code (`FIO`, `PHONE`, `EMAIL`, …).
    ///
    /// ```
    /// let o: bitrix_rest::models::sale::Order = serde_json::from_str(
    ///     r#"{"id":1,"propertyValues":[{"code":"EMAIL","value":"a@b.example"}]}"#).unwrap();
    /// assert_eq!(o.property("email"), Some("a@b.example"));
    /// ```
    pub fn property(&self, code: &str) -> Option<&str> {
        self.property_values
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(code))
            .and_then(|p| p.value.as_deref())
    }

    /// True when everything has left the store: the order says so itself (`deducted`), or it
    /// has real shipments (not the system placeholder, not canceled) and every one is shipped.
    ///
    /// ```
    /// let o: bitrix_rest::models::sale::Order = serde_json::from_str(
    ///     r#"{"id":1,"shipments":[{"id":1,"system":"Y","deducted":"N"},{"id":2,"system":"N","deducted":"Y"}]}"#).unwrap();
    /// assert!(o.is_shipped());
    /// ```
    pub fn is_shipped(&self) -> bool {
        let mut real = self.real_shipments().peekable();
        self.deducted || (real.peek().is_some() && real.all(|s| s.deducted))
    }

    /// True when some real shipments have left the store and others have not.
    ///
    /// ```
    /// let o: bitrix_rest::models::sale::Order = serde_json::from_str(
    ///     r#"{"id":1,"shipments":[{"id":2,"deducted":"Y"},{"id":3,"deducted":"N"}]}"#).unwrap();
    /// assert!(o.is_partly_shipped() && !o.is_shipped());
    /// ```
    pub fn is_partly_shipped(&self) -> bool {
        !self.is_shipped() && self.real_shipments().any(|s| s.deducted)
    }

    /// How much of basket line `basket_item_id` (of `quantity`) has left the store: all of it
    /// when the order is shipped, else what its shipped shipments list for it (`shipmentItems`;
    /// nothing when they do not list it).
    ///
    /// ```
    /// use bitrix_rest::Decimal;
    /// let o: bitrix_rest::models::sale::Order = serde_json::from_str(r#"{"id":1,"shipments":[
    ///     {"id":2,"deducted":"Y","shipmentItems":[{"basketId":7,"quantity":2}]},
    ///     {"id":3,"deducted":"N","shipmentItems":[{"basketId":7,"quantity":3}]}]}"#).unwrap();
    /// assert_eq!(o.shipped_quantity(7, Decimal::from(5)), Decimal::from(2));
    /// ```
    pub fn shipped_quantity(&self, basket_item_id: u64, quantity: Decimal) -> Decimal {
        if self.is_shipped() {
            return quantity;
        }
        self.real_shipments()
            .filter(|s| s.deducted)
            .flat_map(|s| &s.shipment_items)
            .filter(|i| i.basket_id == basket_item_id)
            .fold(Decimal::ZERO, |sum, i| sum + i.quantity)
            .min(quantity)
    }

    /// The shipments that carry goods: not the system placeholder, not canceled.
    fn real_shipments(&self) -> impl Iterator<Item = &Shipment> {
        self.shipments.iter().filter(|s| !s.system && !s.canceled)
    }
}

/// A line of an order's basket (`sale.basketitem.*` → `{basketItem}` / `{basketItems}`).
///
/// ```
/// let b: bitrix_rest::models::sale::BasketItem = serde_json::from_str(
///     r#"{"id":"255","orderId":"236","productId":348,"name":"T-Shirt","price":980,"quantity":1,"currency":"USD"}"#).unwrap();
/// assert_eq!((b.id, b.order_id), (255, Some(236)));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BasketItem {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The order.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub order_id: Option<u64>,
    /// The store catalogue's product; `0` for a custom line.
    #[serde(default, deserialize_with = "lenient::int_or_zero")]
    pub product_id: i64,
    /// The name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// Price per unit after discounts.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub price: Decimal,
    /// The price before discounts.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub base_price: Decimal,
    /// The discount per unit.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub discount_price: Decimal,
    /// The currency code (`RUB`, `USD`, …).
    #[serde(default, deserialize_with = "lenient::string")]
    pub currency: String,
    /// The quantity.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub quantity: Decimal,
    /// The price was set by hand, not by the catalogue.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub custom_price: bool,
    /// The line's own key; StoreLink writes one on lines it adds, so a retry finds them.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub xml_id: Option<String>,
    /// The product's XML_ID (the 1C code), when the basket carries it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub product_xml_id: Option<String>,
    /// The unit's name (`шт`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub measure_name: Option<String>,
    /// The unit's OKEI code (796 = pieces).
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub measure_code: Option<u64>,
    /// Last change, ISO 8601 with offset.
    #[serde(default, deserialize_with = "lenient::string")]
    pub date_update: String,
    /// Where the line's quantity is reserved (sent inside `sale.order.get`).
    #[serde(default, deserialize_with = "lenient::list")]
    pub reservations: Vec<Reservation>,
}

/// A reserve of a basket line in one warehouse.
///
/// ```
/// let r: bitrix_rest::models::sale::Reservation = serde_json::from_str(r#"{"id":39,"quantity":1,"storeId":1}"#).unwrap();
/// assert_eq!(r.store_id, Some(1));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reservation {
    /// The record's ID.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<u64>,
    /// The warehouse.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub store_id: Option<u64>,
    /// The quantity.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub quantity: Decimal,
}

impl BasketItem {
    /// Quantity × price.
    ///
    /// ```
    /// let b: bitrix_rest::models::sale::BasketItem = serde_json::from_str(r#"{"id":1,"price":99.9,"quantity":3}"#).unwrap();
    /// assert_eq!(b.sum().to_string(), "299.7");
    /// ```
    pub fn sum(&self) -> Decimal {
        self.price * self.quantity
    }
}

/// A payment of an order.
///
/// ```
/// let p: bitrix_rest::models::sale::Payment = serde_json::from_str(r#"{"id":123,"paySystemName":"Card","sum":1480,"paid":"N"}"#).unwrap();
/// assert!(!p.paid);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The payment system.
    #[serde(default, deserialize_with = "lenient::string")]
    pub pay_system_name: String,
    /// The amount.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub sum: Decimal,
    /// Paid.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub paid: bool,
}

/// A shipment of an order.
///
/// ```
/// let s: bitrix_rest::models::sale::Shipment = serde_json::from_str(r#"{"id":338,"deliveryName":"Courier","priceDelivery":500,"system":"N"}"#).unwrap();
/// assert_eq!(s.price_delivery, bitrix_rest::Decimal::from(500));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shipment {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The delivery service.
    #[serde(default, deserialize_with = "lenient::string")]
    pub delivery_name: String,
    /// The delivery price.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub price_delivery: Decimal,
    /// A delivery status (`sale.status` of type `D`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub status_id: String,
    /// Shipped (stock deducted).
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub deducted: bool,
    /// Cancelled.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub canceled: bool,
    /// The hidden system shipment every order has.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub system: bool,
    /// The tracking number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub tracking_number: Option<String>,
    /// The basket lines it carries, and how many of each.
    #[serde(default, deserialize_with = "lenient::list")]
    pub shipment_items: Vec<ShipmentItem>,
}

/// A basket line in a shipment (`shipmentItems` of `sale.order.get`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShipmentItem {
    /// The basket item.
    #[serde(deserialize_with = "lenient::id")]
    pub basket_id: u64,
    /// How many of it.
    #[serde(default, deserialize_with = "lenient::decimal_or_zero")]
    pub quantity: Decimal,
}

/// A value of an order property (buyer's name `FIO`, `PHONE`, `EMAIL`, address, …).
///
/// ```
/// let p: bitrix_rest::models::sale::PropertyValue = serde_json::from_str(r#"{"code":"ADDRESS","id":1,"value":null}"#).unwrap();
/// assert_eq!(p.value, None);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyValue {
    /// The record's ID.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<u64>,
    /// The order it belongs to (sent by `sale.propertyvalue.list`; absent inside an order).
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub order_id: Option<u64>,
    /// The order property.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub order_props_id: Option<u64>,
    /// The symbolic code.
    #[serde(default, deserialize_with = "lenient::string")]
    pub code: String,
    /// The name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The value.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
}

/// An order or delivery status (`sale.status.list` → `{statuses}`). Names come separately,
/// from `sale.statusLang.list`.
///
/// ```
/// let s: bitrix_rest::models::sale::SaleStatus = serde_json::from_str(r#"{"id":"N","type":"O","sort":100}"#).unwrap();
/// assert_eq!(s.kind, "O");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleStatus {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// `O` for an order status, `D` for a delivery status.
    #[serde(rename = "type", default, deserialize_with = "lenient::string")]
    pub kind: String,
    /// The sort index.
    #[serde(default, deserialize_with = "lenient::int_or_zero")]
    pub sort: i64,
    /// The colour (`#RRGGBB`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub color: Option<String>,
}

/// A status name in one language (`sale.statusLang.list` → `{statusLangs}`).
///
/// ```
/// let s: bitrix_rest::models::sale::StatusLang = serde_json::from_str(r#"{"statusId":"N","lid":"ru","name":"Принят"}"#).unwrap();
/// assert_eq!(s.name, "Принят");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusLang {
    /// The status code.
    #[serde(deserialize_with = "lenient::string")]
    pub status_id: String,
    /// Language: `ru`, `en`, …
    #[serde(default, deserialize_with = "lenient::string")]
    pub lid: String,
    /// The name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_get_shape_reads_with_string_ids_inside_the_basket() {
        let order: Order = serde_json::from_str(
            r#"{"id":236,"accountNumber":"392","statusId":"N","price":1480,"currency":"USD",
            "payed":"N","canceled":"N","deducted":"N","dateUpdate":"2024-02-28T17:37:11+02:00",
            "basketItems":[{"id":"255","orderId":"236","productId":348,"name":"T-Shirt",
              "price":980,"basePrice":980,"quantity":1,"currency":"USD","xmlId":"bx_65df52a9ab47f",
              "productXmlId":"1000000386","customPrice":"N",
              "reservations":[{"basketId":255,"id":39,"quantity":1,"storeId":1}]}],
            "propertyValues":[{"code":"PHONE","id":1516,"name":"Phone","orderPropsId":22,"value":"14151234567"},
              {"code":"ADDRESS","id":1,"name":"Address","orderPropsId":26,"value":null}],
            "shipments":[{"id":338,"deliveryName":"Courier","priceDelivery":500,"statusId":"DN",
              "deducted":"N","canceled":"N","system":"N"}],
            "payments":[{"id":123,"paySystemName":"Card","sum":1480,"paid":"N"}]}"#,
        )
        .unwrap();
        assert_eq!(order.basket_items[0].id, 255);
        assert_eq!(order.basket_items[0].reservations[0].store_id, Some(1));
        assert_eq!(order.property("phone"), Some("14151234567"));
        assert_eq!(order.property("ADDRESS"), None);
        assert!(!order.is_shipped());
    }
}
