//! Portal-wide methods: placements, users, the app, method discovery.

pub mod placement;
pub mod user;
