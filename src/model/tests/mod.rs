//! Unit tests of the model, one file per module, through the public API.

mod fixtures;

mod call;
mod contacts;
mod link;
mod linked_elsewhere;
mod lookup;
mod mapping;
mod matching;
mod money;
mod reconcile;
mod settings;
mod settings_validate;
mod shared_link;
mod stock;
mod unit;
mod view;
mod view_changes;
mod view_requests;
mod view_requests_store;
mod webhook;
