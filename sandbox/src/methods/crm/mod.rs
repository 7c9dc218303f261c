//! `crm.*`: deals, product rows, contacts, stages.

pub mod contact;
pub mod deal;
pub mod deal_entity;
pub mod deal_fields;
pub mod duplicate;
pub mod product_rows;
pub mod status;
