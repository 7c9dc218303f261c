//! Unit tests of the model, one file per module, through the public API.

mod fixtures;

mod mapping;
mod settings;
mod webhook;
