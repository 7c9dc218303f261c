//! `sale.*`: orders, their baskets (moving the reserve), property values, statuses.

pub mod basket;
pub mod entities;
pub mod order;
pub mod property_value;
pub mod status;

use crate::rest::RestError;

/// `100`: a required action parameter is missing, as the ORM controllers say it.
pub fn missing(name: &str) -> RestError {
    RestError::numeric(
        100,
        format!("Could not find value for parameter {{{name}}}"),
    )
}
