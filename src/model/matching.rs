//! Which store product each deal row is, and which basket item of the linked order it
//! corresponds to.
//!
//! A row's product is found by, in order:
//! 1. **XML_ID**: the portal product's XML_ID equals a store product's XML_ID, or the
//!    `productXmlId` a basket item carries;
//! 2. **the configured property**: the portal product's property value equals the store
//!    product's value of its configured property (with the property "alone", this is the
//!    only step: XML_IDs are not compared);
//!
//! Codes are compared trimmed and ignoring case, as the store's database compares them (its
//! `=XML_ID` filter finds `guid-a` for `GUID-A`, so the rows must pair up alike).
//!
//! 3. otherwise the row is **unmatched** — never guessed by name. Free-text rows (no portal
//!    product) are unmatched.
//!
//! A free-text row (a service, packaging: no product on either side) pairs with a free-text
//! basket line of the same name (trimmed, any case), so the same service in the deal and the
//! order is compared by quantity and price instead of being "missing" on both sides. That names
//! no product, so it is no guess.
//!
//! When several store products share a key (two brands' parts under one article), the one the
//! linked order holds is taken; with none of them in the order the row is **ambiguous**: no
//! product is taken (its stock would be another product's), and the row names them. A row
//! then takes a basket item of that store product (or with that
//! XML_ID) not taken by an earlier row, so a product listed twice pairs up twice: the one at the
//! row's price and quantity, else at its price, else the first. Basket items no row took are "only
//! in the order".

use bitrix_rest::models::{catalog::Product, crm::ProductRow, sale::BasketItem};

use crate::model::settings::{PropertyPair, xml_ids_compared};
use crate::model::text::lowercase;

/// How a row found its store product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Equal XML_IDs.
    XmlId,
    /// Equal values of the configured property.
    Property,
}

/// Why a row has no store product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmatched {
    /// A free-text row (a service, packaging): no product in the CRM, so none in the store.
    FreeText,
    /// Its CRM product is not among the portal products read: the catalogue did not answer,
    /// or the product is gone from it. Its codes are unknown.
    NotListed,
    /// Its CRM product has no XML_ID, nor a value of the configured property: nothing to look
    /// for in the store.
    NoCode,
    /// The store has no product with its code.
    NotInStore,
    /// Several store products share its code, and no line of the order tells which is the
    /// deal's: none is taken.
    Ambiguous,
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
    /// Whether XML_IDs pair products (false when the property alone does).
    pub by_xml_id: bool,
    /// Why there is no store product (`None` when there is one).
    pub unmatched: Option<Unmatched>,
    /// The store products sharing its code, when none could be taken ([`Unmatched::Ambiguous`]).
    pub sharing: Vec<u64>,
    /// The portal product's value of the configured property (an article), when it has one.
    pub value: Option<String>,
}

impl RowMatch {
    /// True when the row has a store product.
    pub fn is_matched(&self) -> bool {
        self.store_product_id.is_some()
    }

    /// True when basket `item` is this row's product: the same store product, or the XML_ID
    /// the basket carries.
    pub fn is_product_of(&self, item: &BasketItem) -> bool {
        self.store_product_id
            .is_some_and(|id| i64::try_from(id).ok() == Some(item.product_id))
            || self.by_xml_id
                && self.xml_id.as_deref().is_some_and(|x| {
                    key(item.product_xml_id.as_deref()).is_some_and(|y| same_code(x, &y))
                })
    }

    /// True when both rows are the same product (a product listed in two deal rows).
    pub fn same_product(&self, other: &RowMatch) -> bool {
        match (self.store_product_id, other.store_product_id) {
            (Some(a), Some(b)) => a == b,
            _ => {
                self.by_xml_id
                    && matches!((&self.xml_id, &other.xml_id), (Some(a), Some(b)) if same_code(a, b))
            }
        }
    }
}

/// Rows and basket matched to each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductMatching {
    /// One entry per deal row, in row order.
    pub rows: Vec<RowMatch>,
    /// Basket items no row took, by ID, in basket order; not the further lines of a product
    /// the deal has (those are in `split`).
    pub basket_only: Vec<u64>,
    /// Products the deal and the order list in a different number of lines.
    pub split: Vec<SplitProduct>,
}

/// A product listed in more than one line on either side (twice in the deal, twice in the
/// order, or both): its quantities are compared in total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitProduct {
    /// Its deal rows, in row order.
    pub rows: Vec<usize>,
    /// Its basket lines, in basket order (none: the order lacks it).
    pub items: Vec<u64>,
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
    /// The property compared after XML_ID (or alone), if configured.
    pub property: Option<&'a PropertyPair>,
}

/// Two codes (trimmed already) are the same, ignoring case.
fn same_code(a: &str, b: &str) -> bool {
    match (a.is_ascii(), b.is_ascii()) {
        (true, true) => a.eq_ignore_ascii_case(b),
        _ => a == b || lowercase(a) == lowercase(b),
    }
}

fn key(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Store products by a key (XML_ID, a property value), kept in lower case; several products
/// may share one. Short lists searched in order.
#[derive(Default)]
struct ByKey(Vec<(String, u64)>);

impl ByKey {
    /// Every product with the key.
    fn ids(&self, key: &str) -> Vec<u64> {
        let key = lowercase(key);
        self.0
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, id)| *id)
            .collect()
    }

    /// The product with the key, the lowest ID of several.
    fn get(&self, key: &str) -> Option<u64> {
        self.ids(key).into_iter().min()
    }

    fn insert(&mut self, key: String, id: u64) {
        let key = lowercase(&key);
        if !self.0.iter().any(|(k, known)| *k == key && *known == id) {
            self.0.push((key, id));
        }
    }

    /// Adds `id` for a key not known yet.
    fn insert_new(&mut self, key: String, id: u64) {
        if self.get(&key).is_none() {
            self.0.push((lowercase(&key), id));
        }
    }
}

/// Of the order's lines that may be a row's, the one at the row's price and quantity, else
/// at its price, else the first: the same product in two lines at two prices pairs up as the
/// rep wrote it, whatever order the lines come in.
fn best_line<'a>(row: &ProductRow, lines: &[&'a BasketItem]) -> Option<&'a BasketItem> {
    let same_price = |item: &&&BasketItem| item.price == row.price;
    lines
        .iter()
        .find(|item| same_price(item) && item.quantity == row.quantity)
        .or_else(|| lines.iter().find(same_price))
        .or_else(|| lines.first())
        .copied()
}

/// A free-text row and a free-text basket line with the same name ([`names_alike`]).
fn same_line(row: &ProductRow, item: &BasketItem) -> bool {
    names_alike(&row.product_name, &item.name)
}

/// Whether a deal row's name and an order line's are one: equal trimmed, in any letter case,
/// and not blank.
pub fn names_alike(row_name: &str, line_name: &str) -> bool {
    let name = |text: &str| lowercase(text.trim());
    !row_name.trim().is_empty() && name(row_name) == name(line_name)
}

/// Matches every row (see the module doc for the rules).
pub fn match_products(input: MatchInput<'_>) -> ProductMatching {
    // A portal product listed twice: the last one counts.
    let portal = |id: u64| input.portal_products.iter().rev().find(|p| p.id == id);
    let by_xml_id = xml_ids_compared(input.property);
    let mut by_xml = ByKey::default();
    let mut by_prop = ByKey::default();
    for p in input.store_products {
        if let Some(x) = key(p.xml_id.as_deref()).filter(|_| by_xml_id) {
            by_xml.insert(x, p.id);
        }
        if let Some(v) = input.property.and_then(|pair| p.property_text(&pair.store)) {
            by_prop.insert(v, p.id);
        }
    }
    for item in input.basket {
        if let (Some(x), Ok(id)) = (
            key(item.product_xml_id.as_deref()).filter(|_| by_xml_id),
            u64::try_from(item.product_id),
        ) && id > 0
        {
            by_xml.insert_new(x, id);
        }
    }

    let mut taken: Vec<u64> = Vec::new();
    let rows: Vec<RowMatch> = input
        .rows
        .iter()
        .map(|row| {
            let product = u64::try_from(row.product_id).ok().and_then(portal);
            let xml_id = product.and_then(|p| key(p.xml_id.as_deref()));
            let value = input
                .property
                .and_then(|pair| product?.property_text(&pair.portal));
            // The store products with the row's XML_ID, else with its property's value: the
            // lowest ID stands for them until the order tells which (see below).
            let by_code = |index: &ByKey, code: Option<&str>| {
                code.map(|c| index.ids(c)).filter(|ids| !ids.is_empty())
            };
            let (sharing, by) = match by_code(&by_xml, xml_id.as_deref()) {
                Some(ids) => (ids, Some(MatchedBy::XmlId)),
                None => match by_code(&by_prop, value.as_deref()) {
                    Some(ids) => (ids, Some(MatchedBy::Property)),
                    None => (Vec::new(), None),
                },
            };
            let store_product_id = sharing.iter().copied().min();
            let free_text = row.product_id <= 0;
            let unmatched = match (store_product_id, product) {
                (Some(_), _) => None,
                _ if free_text => Some(Unmatched::FreeText),
                (None, None) => Some(Unmatched::NotListed),
                _ if (xml_id.is_none() || !by_xml_id) && value.is_none() => Some(Unmatched::NoCode),
                _ => Some(Unmatched::NotInStore),
            };
            let mut m = RowMatch {
                xml_id,
                store_product_id,
                by,
                basket_item_id: None,
                by_xml_id,
                unmatched,
                sharing: Vec::new(),
                value: value.clone(),
            };
            let lines: Vec<&BasketItem> = input
                .basket
                .iter()
                .filter(|item| {
                    !taken.contains(&item.id)
                        && (m.is_product_of(item)
                            || u64::try_from(item.product_id).is_ok_and(|id| sharing.contains(&id))
                            || (free_text && item.product_id <= 0 && same_line(row, item)))
                })
                .collect();
            let mut ordered = None;
            if let Some(item) = best_line(row, &lines) {
                taken.push(item.id);
                m.basket_item_id = Some(item.id);
                // Store products sharing the code: the one the order holds is the deal's.
                ordered = u64::try_from(item.product_id).ok().filter(|id| *id > 0);
                if ordered.is_some() && m.by.is_some() {
                    m.store_product_id = ordered;
                }
            }
            // Several share it and the order names none of them: taking one would show another
            // product's stock (a Febi link for a Gates belt of the same article).
            if sharing.len() > 1 && !ordered.is_some_and(|id| sharing.contains(&id)) {
                m.store_product_id = None;
                m.by = None;
                m.unmatched = Some(Unmatched::Ambiguous);
                m.sharing = sharing;
            }
            m
        })
        .collect();
    let untaken: Vec<u64> = input
        .basket
        .iter()
        .filter(|item| !taken.contains(&item.id))
        .map(|item| item.id)
        .collect();
    let split = split_products(&rows, &untaken, input.basket);
    let basket_only = untaken
        .into_iter()
        .filter(|id| !split.iter().any(|s| s.items.contains(id)))
        .collect();
    ProductMatching {
        rows,
        basket_only,
        split,
    }
}

/// The products listed in more than one line on either side.
fn split_products(rows: &[RowMatch], untaken: &[u64], basket: &[BasketItem]) -> Vec<SplitProduct> {
    let mut out: Vec<SplitProduct> = Vec::new();
    for (index, m) in rows.iter().enumerate() {
        let is_product = m.store_product_id.is_some() || m.xml_id.is_some();
        if !is_product || out.iter().any(|s| s.rows.contains(&index)) {
            continue;
        }
        let same: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, other)| other.same_product(m))
            .map(|(i, _)| i)
            .collect();
        let items: Vec<u64> = basket
            .iter()
            .filter(|it| {
                same.iter().any(|&i| rows[i].basket_item_id == Some(it.id))
                    || (untaken.contains(&it.id) && m.is_product_of(it))
            })
            .map(|it| it.id)
            .collect();
        if same.len() > 1 || items.len() > 1 {
            out.push(SplitProduct { rows: same, items });
        }
    }
    out
}
