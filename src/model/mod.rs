//! Pure domain logic: no web-sys, no I/O, no async. Tested natively with `cargo test --lib`.
//!
//! Inputs are the wire models of `bitrix-rest`; outputs are structured data (enums carrying the
//! numbers) that the UI renders in the rep's language. No business rule is left to a component.

/// The administrator a rep is told to ask, as an app option.
pub mod app_admin;
/// REST calls and batches as plain data, and `$result[...]` references.
pub mod call;
/// Store catalogue queries (products, stock, prices) sized to fit one page per command.
pub mod catalog_query;
/// Phones and e-mails normalised, buyers matched to contacts, duplicates, candidate orders.
pub mod contacts;
/// Which order(s) a deal points at, the queries that find them, and what linking writes.
pub mod link;
/// Orders offered for linking that another deal already links to.
pub mod linked_elsewhere;
/// The quick stock lookup: query, one batch, ranked results with stock and price.
pub mod lookup;
/// The lookup as the rep uses it: typing, stale answers, the request and its answer.
pub mod lookup_search;
/// The order-status ↔ deal-stage mapping and its prefill by names.
pub mod mapping;
/// Deal rows matched to store products and basket items: XML_ID, then a property, never name.
pub mod matching;
/// Money and quantities for display in ru / en.
pub mod money;
/// How often an open tab checks for changes: slower when a system asks, or fails.
pub mod pace;
/// Internationalised domain names in their ASCII (`xn--`) form.
pub mod punycode;
/// The differences between a deal and its order (`sum`, `status`, products, quantity, price).
pub mod reconcile;
/// The app's settings: one JSON app option, lenient loading, validation.
pub mod settings;
/// Other deals holding the same link to the order as the open deal.
pub mod shared_link;
/// One small stable sort for the model's short lists.
pub mod sorted;
/// Free stock per warehouse, what is available to this deal, shortages.
pub mod stock;
/// Lower-casing for comparison.
pub mod text;
/// Units of measure as deal rows and order lines name them.
pub mod unit;
/// Deal rows and order lines that are variants of one product.
pub mod variants;
/// One deal open: its requests, the view the tab renders, polling, what changed.
pub mod view;
/// The store's inbound webhook URL: parsing, normalising, masking.
pub mod webhook;

#[cfg(test)]
mod tests;
