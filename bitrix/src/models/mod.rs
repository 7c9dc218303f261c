//! Typed records of the methods StoreLink uses, as both systems send them.
//!
//! - [`crm`]: Bitrix24 CRM (UPPER_CASE fields, numbers as strings).
//! - [`sale`]: the online store's orders and baskets (camelCase, typed numbers).
//! - [`catalog`]: products, warehouses, stock and prices (both systems run the `catalog` module).
//! - [`app`]: placements and the current user.
//!
//! Every record ignores fields it does not know and reads numbers, flags and empty values
//! leniently (see [`crate::value::lenient`]).

pub mod app;
pub mod catalog;
pub mod crm;
mod decode;
pub mod sale;
