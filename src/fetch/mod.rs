//! Fetching from both systems: runs the requests [`crate::model`] plans through the REST
//! clients and hands the answers back as owned data. No browser API: the same code runs in the
//! widget and in native tests against the sandbox.

pub mod answers;
pub mod deal;
pub mod link;
pub mod live;
pub mod store_side;
pub mod warehouses;

pub use answers::{Answers, run};
