//! StoreLink: the online-store order, stock and two-way edits inside a Bitrix24 deal card.

pub mod frame;
pub mod model;
