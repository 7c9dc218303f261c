//! `bitrix-rest`: a client for the REST API shared by Bitrix24 and 1C-Bitrix Site Manager.
//!
//! (Crate documentation is completed together with the client; see README.md.)

pub mod models;
pub mod value;

pub use value::Decimal;
