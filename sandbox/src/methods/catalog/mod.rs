//! `catalog.*`: trade catalogues, products (both catalogues), stock per warehouse, warehouses,
//! prices.

pub mod product;
pub mod stock;
pub mod trade_catalog;
