//! `bitrix-sandbox`: a local stand-in for a Bitrix24 portal and a 1C-Bitrix online store,
//! backed by SQLite, for tests, demos and benchmarks. Written from the REST documentation,
//! independently of any client.
//!
//! ```no_run
//! use bitrix_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
//! let token = sandbox.issue_token(1);
//! println!("{}/rest/crm.deal.get.json?id=1&auth={}", sandbox.urls().portal, token.access_token);
//! ```

pub mod bench;
mod clock;
mod config;
mod control;
mod db;
mod error;
mod faults;
mod methods;
mod methods_access;
mod oauth;
mod pages;
mod query;
mod rest;
mod rng;
mod sandbox;
pub mod seed;
mod server;
mod state;
mod stats;
mod stock;
mod tokens;
mod widget;

pub use config::{BucketConfig, FaultKind, SandboxConfig, Seed, Token, Urls};
pub use error::SandboxError;
pub use faults::Fault;
pub use sandbox::Sandbox;
pub use stats::Stats;
