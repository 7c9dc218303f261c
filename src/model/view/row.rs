//! A deal row of the view.

use bitrix_rest::Decimal;
use bitrix_rest::models::{catalog::Product, crm::ProductRow, sale::BasketItem};

use crate::model::catalog_query::sold_in_sizes;
use crate::model::matching::{MatchedBy, RowMatch, Unmatched};
use crate::model::stock::RowStock;
use crate::model::unit::Unit;

/// One deal row as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRow {
    /// Its position in the deal.
    pub index: usize,
    /// The CRM row ID, when it has one (the key across refreshes).
    pub row_id: Option<u64>,
    /// The product name in the deal.
    pub name: String,
    /// The portal product's XML_ID (`data-xml-id`).
    pub xml_id: Option<String>,
    /// Quantity in the deal.
    pub quantity: Decimal,
    /// Unit price in the deal.
    pub price: Decimal,
    /// Unit of measure: the deal row's, or the order line's for a line only in the order.
    pub unit: Unit,
    /// The matched store product (`None` = unmatched).
    pub store_product_id: Option<u64>,
    /// Its name in the store.
    pub store_name: Option<String>,
    /// Its article in the store (the settings' article property), when read.
    pub store_article: Option<String>,
    /// The store product is switched off (`active` N): not for sale, whatever its stock.
    pub store_inactive: bool,
    /// The store sells the product only in sizes (variations) and the product itself has no
    /// stock: the deal should hold one of its sizes.
    pub store_in_sizes: bool,
    /// Why the row has no store product (`None` when it has one).
    pub unmatched: Option<Unmatched>,
    /// The names of the store products sharing its code, when none could be taken.
    pub sharing: Vec<String>,
    /// The CRM product's value of the configured property (an article), when it has one.
    pub property_value: Option<String>,
    /// How it matched.
    pub matched_by: Option<MatchedBy>,
    /// The basket item of the order for this row.
    pub basket_item_id: Option<u64>,
    /// Quantity in the order.
    pub order_quantity: Option<Decimal>,
    /// The order line's unit (default without a line).
    pub order_unit: Unit,
    /// Unit price in the order.
    pub order_price: Option<Decimal>,
    /// Stock figures (`None` for an unmatched row or without the store).
    pub stock: Option<RowStock>,
    /// The unit the stock figures count in, when it is not the row's: the store's, which its
    /// order line (or the first line of its product) carries, or else the store product names
    /// (see the view's `StockUnit`).
    pub stock_unit: Option<Unit>,
    /// Without an order line, the store keeps the product in a unit the row's does not
    /// convert to (pieces against kg): its stock cannot be weighed against the row's
    /// quantity, so it is neither short nor in stock.
    pub units_apart: bool,
    /// Its whole order line has been shipped: the goods already left the store, so only a
    /// deal quantity beyond the shipped one needs stock.
    pub shipped: bool,
    /// A line of the order that no deal row has: shown after the deal's rows with its stock,
    /// since it is what the customer ordered (its deal quantity is zero).
    pub order_only: bool,
    /// A deal line standing for the linked order's delivery (named as one, no product): the
    /// sums compare it, it has no stock.
    pub delivery: bool,
}

impl ViewRow {
    /// True when the row matches no store product.
    pub fn is_unmatched(&self) -> bool {
        self.store_product_id.is_none()
    }

    /// What is missing for this row, when there is a shortage (never for a product sold in
    /// sizes: it has no stock of its own, and its sizes are not this row's).
    pub fn shortage(&self) -> Option<Decimal> {
        match self.store_in_sizes || self.units_apart {
            true => None,
            false => self.stock.as_ref().and_then(|s| s.shortage),
        }
    }

    pub(super) fn of(
        index: usize,
        row: &ProductRow,
        m: &RowMatch,
        stock: Option<RowStock>,
        products: &[Product],
        item: Option<&BasketItem>,
        line_shipped: bool,
    ) -> ViewRow {
        let product = m
            .store_product_id
            .and_then(|id| products.iter().find(|p| p.id == id));
        let store_name = m.store_product_id.and_then(|_| {
            product
                .map(|p| p.name.clone())
                .or_else(|| item.map(|i| i.name.clone()))
        });
        let store_inactive = product.is_some_and(|p| !p.active);
        ViewRow {
            store_in_sizes: in_sizes_only(product, stock.as_ref()),
            index,
            row_id: row.id,
            name: row.product_name.clone(),
            xml_id: m.xml_id.clone(),
            quantity: row.quantity,
            price: row.price,
            unit: Unit::of_row(row),
            store_product_id: m.store_product_id,
            store_name,
            store_article: None,
            store_inactive,
            unmatched: m.unmatched,
            sharing: m
                .sharing
                .iter()
                .filter_map(|id| products.iter().find(|p| p.id == *id))
                .map(|p| p.name.clone())
                .collect(),
            property_value: m.value.clone(),
            matched_by: m.by,
            basket_item_id: m.basket_item_id,
            order_quantity: item.map(|i| i.quantity),
            order_unit: item.map(Unit::of_line).unwrap_or_default(),
            order_price: item.map(|i| i.price),
            stock,
            stock_unit: None,
            units_apart: false,
            shipped: line_shipped,
            order_only: false,
            delivery: false,
        }
    }

    /// An order line no deal row has, at position `index` (after the deal's rows).
    pub(super) fn order_only(
        index: usize,
        item: &BasketItem,
        stock: Option<RowStock>,
        products: &[Product],
        line_shipped: bool,
    ) -> ViewRow {
        let store_product_id = u64::try_from(item.product_id).ok().filter(|id| *id > 0);
        let product = store_product_id.and_then(|id| products.iter().find(|p| p.id == id));
        ViewRow {
            index,
            row_id: None,
            name: item.name.clone(),
            xml_id: item.product_xml_id.clone(),
            quantity: Decimal::ZERO,
            price: item.price,
            unit: Unit::of_line(item),
            store_product_id,
            store_name: None,
            store_article: None,
            store_inactive: product.is_some_and(|p| !p.active),
            store_in_sizes: in_sizes_only(product, stock.as_ref()),
            unmatched: store_product_id.is_none().then_some(Unmatched::FreeText),
            sharing: Vec::new(),
            property_value: None,
            matched_by: None,
            basket_item_id: Some(item.id),
            order_quantity: Some(item.quantity),
            order_unit: Unit::of_line(item),
            order_price: Some(item.price),
            stock,
            stock_unit: None,
            units_apart: false,
            shipped: line_shipped,
            order_only: true,
            delivery: false,
        }
    }
}

/// A product the store sells in sizes (see [`sold_in_sizes`]) with no stock of its own (one
/// that has some is counted as any product).
fn in_sizes_only(product: Option<&Product>, stock: Option<&RowStock>) -> bool {
    product.is_some_and(sold_in_sizes) && stock.is_none_or(|s| !s.product.has_any_on_hand())
}
