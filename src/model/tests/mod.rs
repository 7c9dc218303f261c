//! Unit tests of the model, one file per module, through the public API.

mod fixtures;

mod contacts;
mod link;
mod mapping;
mod money;
mod settings;
mod webhook;
