//! The trade catalogues `catalog.catalog.list` shows on each side: the product catalogue and,
//! unless the data set turns it off, the catalogue of its variations (offers), whose
//! `productIblockId` points back at the product catalogue.

use rusqlite::{Transaction, params};

use super::format::{PortalSeed, StoreSeed};

/// One side's catalogue pair as a data set describes it.
pub struct CatalogPair<'a> {
    pub side: &'static str,
    pub iblock: u64,
    pub name: &'a str,
    pub iblock_type: &'static str,
    /// The variations' information block, its type, and the property linking a variation to
    /// its product.
    pub offers: Option<(u64, &'static str, u64)>,
}

/// The offers iblock a data set asks for: default the catalogue's + 1, `0` for none.
fn offers_of(iblock: u64, wanted: Option<u64>) -> Option<u64> {
    match wanted {
        Some(0) => None,
        Some(id) => Some(id),
        None => Some(iblock + 1),
    }
}

pub fn portal(portal: &PortalSeed, iblock: u64) -> CatalogPair<'_> {
    CatalogPair {
        side: "portal",
        iblock,
        name: portal
            .catalog_name
            .as_deref()
            .unwrap_or("Каталог товаров CRM"),
        iblock_type: "CRM_PRODUCT_CATALOG",
        offers: offers_of(iblock, portal.offers_iblock_id)
            .map(|id| (id, "CRM_PRODUCT_CATALOG", 131)),
    }
}

pub fn store(store: &StoreSeed, iblock: u64) -> CatalogPair<'_> {
    CatalogPair {
        side: "store",
        iblock,
        name: store.catalog_name.as_deref().unwrap_or("Каталог товаров"),
        iblock_type: "catalog",
        offers: offers_of(iblock, store.offers_iblock_id).map(|id| (id, "offers", 120)),
    }
}

pub fn insert(tx: &Transaction, pair: &CatalogPair<'_>) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO catalogs (side, iblock_id, iblock_type_id, name, product_iblock_id, sku_property_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    stmt.execute(params![
        pair.side,
        pair.iblock,
        pair.iblock_type,
        pair.name,
        None::<u64>,
        None::<u64>
    ])?;
    if let Some((offers, iblock_type, sku_property)) = pair.offers {
        stmt.execute(params![
            pair.side,
            offers,
            iblock_type,
            format!("{} (предложения)", pair.name),
            pair.iblock,
            sku_property
        ])?;
    }
    Ok(())
}

/// `type` of a simple product, a product with variations, and a variation (trade offer).
const SIMPLE: u64 = 1;
const WITH_VARIATIONS: u64 = 3;
const VARIATION: u64 = 4;

/// Which products of one side have variations: they get their own product type.
pub struct ProductKinds(std::collections::BTreeSet<u64>);

impl ProductKinds {
    /// From each product's ID and the product it is a variation of.
    pub fn of(products: impl Iterator<Item = (u64, Option<u64>)>) -> ProductKinds {
        ProductKinds(products.filter_map(|(_, parent)| parent).collect())
    }

    /// The information block and product type of product `id`: a variation lives in the
    /// variations' catalogue (`offers`; validation made sure there is one).
    pub fn place(
        &self,
        id: u64,
        variation_of: Option<u64>,
        iblock: u64,
        offers: Option<u64>,
    ) -> (u64, u64) {
        match (variation_of, offers) {
            (Some(_), Some(offers)) => (offers, VARIATION),
            _ if self.0.contains(&id) => (iblock, WITH_VARIATIONS),
            _ => (iblock, SIMPLE),
        }
    }
}
