//! Which store product each deal row is, and which basket item of the linked order it
//! corresponds to.
//!
//! A row's product is found by, in order:
//! 1. **XML_ID**: the portal product's XML_ID (trimmed, exact) equals a store product's XML_ID,
//!    or the `productXmlId` a basket item carries;
//! 2. **the configured property**: the portal product's property value (trimmed, exact) equals
//!    the store product's value of its configured property;
//! 3. otherwise the row is **unmatched** — never guessed by name. Free-text rows (no portal
//!    product) are unmatched.
//!
//! When several store products share a key, the one with the lowest ID is taken. A row then
//! takes the first basket item of that store product (or with that XML_ID) not taken by an
//! earlier row, so a product listed twice pairs up twice. Basket items no row took are "only
//! in the order".

use std::collections::{BTreeMap, BTreeSet};

use bitrix_rest::models::{catalog::Product, crm::ProductRow, sale::BasketItem};

use crate::model::settings::PropertyPair;

/// How a row found its store product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Equal XML_IDs.
    XmlId,
    /// Equal values of the configured property.
    Property,
}

/// The match of one deal row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowMatch {
    /// The portal product's XML_ID (trimmed), when it has one.
    pub xml_id: Option<String>,
    /// The store product; `None` = unmatched.
    pub store_product_id: Option<u64>,
    /// How it was found.
    pub by: Option<MatchedBy>,
    /// The basket item of the linked order for this row, when there is one.
    pub basket_item_id: Option<u64>,
}

impl RowMatch {
    /// True when the row has a store product.
    pub fn is_matched(&self) -> bool {
        self.store_product_id.is_some()
    }
}

/// Rows and basket matched to each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductMatching {
    /// One entry per deal row, in row order.
    pub rows: Vec<RowMatch>,
    /// Basket items no row took, by ID, in basket order.
    pub basket_only: Vec<u64>,
}

/// What matching needs.
#[derive(Debug, Clone, Copy)]
pub struct MatchInput<'a> {
    /// The deal's rows.
    pub rows: &'a [ProductRow],
    /// The portal products of the rows (with `xmlId` and the configured property).
    pub portal_products: &'a [Product],
    /// Store products found for the rows' keys.
    pub store_products: &'a [Product],
    /// The linked order's basket (empty without an order).
    pub basket: &'a [BasketItem],
    /// The property compared after XML_ID, if configured.
    pub property: Option<&'a PropertyPair>,
}

fn key(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Matches every row (see the module doc for the rules).
pub fn match_products(input: MatchInput<'_>) -> ProductMatching {
    let portal: BTreeMap<u64, &Product> = input.portal_products.iter().map(|p| (p.id, p)).collect();
    let mut store_sorted: Vec<&Product> = input.store_products.iter().collect();
    store_sorted.sort_by_key(|p| p.id);
    let mut by_xml: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_prop: BTreeMap<String, u64> = BTreeMap::new();
    for p in &store_sorted {
        if let Some(x) = key(p.xml_id.as_deref()) {
            by_xml.entry(x).or_insert(p.id);
        }
        if let Some(v) = input.property.and_then(|pair| p.property_text(&pair.store)) {
            by_prop.entry(v).or_insert(p.id);
        }
    }
    for item in input.basket {
        if let (Some(x), Ok(id)) = (
            key(item.product_xml_id.as_deref()),
            u64::try_from(item.product_id),
        ) && id > 0
        {
            by_xml.entry(x).or_insert(id);
        }
    }

    let mut taken: BTreeSet<u64> = BTreeSet::new();
    let rows = input
        .rows
        .iter()
        .map(|row| {
            let product = u64::try_from(row.product_id)
                .ok()
                .and_then(|id| portal.get(&id).copied());
            let xml_id = product.and_then(|p| key(p.xml_id.as_deref()));
            let via_xml = xml_id.as_ref().and_then(|x| by_xml.get(x)).copied();
            let via_prop = || {
                let pair = input.property?;
                let value = product?.property_text(&pair.portal)?;
                by_prop.get(&value).copied()
            };
            let (store_product_id, by) = match via_xml {
                Some(id) => (Some(id), Some(MatchedBy::XmlId)),
                None => match via_prop() {
                    Some(id) => (Some(id), Some(MatchedBy::Property)),
                    None => (None, None),
                },
            };
            let basket_item_id = input
                .basket
                .iter()
                .find(|item| {
                    !taken.contains(&item.id)
                        && (store_product_id
                            .is_some_and(|id| i64::try_from(id).ok() == Some(item.product_id))
                            || (xml_id.is_some() && key(item.product_xml_id.as_deref()) == xml_id))
                })
                .map(|item| item.id);
            if let Some(id) = basket_item_id {
                taken.insert(id);
            }
            RowMatch {
                xml_id,
                store_product_id,
                by,
                basket_item_id,
            }
        })
        .collect();
    let basket_only = input
        .basket
        .iter()
        .filter(|item| !taken.contains(&item.id))
        .map(|item| item.id)
        .collect();
    ProductMatching { rows, basket_only }
}
