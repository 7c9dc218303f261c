//! The quick stock lookup as the rep uses it, on top of [`crate::model::lookup`]:
//!
//! - [`state`]: typing, the pause before a search, which answer is current (stale answers are
//!   dropped by their sequence number), what stays on screen while the next answer loads, and
//!   the highlighted result. Plain transitions: the UI runs the timer and the request this state
//!   asks for, and reports back with the numbers it was given.
//! - [`answer`]: one lookup's request (the model's batch, plus the warehouse list until it is
//!   known) and the answer read from its replies: warehouse columns and ranked results.

pub mod answer;
pub mod state;

pub use crate::model::stock::WarehouseColumn;
pub use answer::{LookupAnswer, LookupPlan, Replies, lookup_answer, lookup_plan};
pub use state::{DEBOUNCE_MS, LookupEvent, LookupState, Search, Shown, Waiting};
