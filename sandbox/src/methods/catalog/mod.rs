//! `catalog.*`: trade catalogues, products (both catalogues), units of measure, stock per
//! warehouse, warehouses, prices.

pub mod measure;
pub mod product;
pub mod stock;
pub mod trade_catalog;
