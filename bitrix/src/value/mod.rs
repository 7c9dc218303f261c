//! Values as Bitrix sends them: exact decimals and lenient field readers.

mod decimal;
pub mod lenient;

pub use decimal::{Decimal, MAX_SCALE, ParseDecimalError};
