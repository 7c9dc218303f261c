//! `catalog.*`: products (both catalogues), stock per warehouse, warehouses, prices.

pub mod product;
pub mod stock;
