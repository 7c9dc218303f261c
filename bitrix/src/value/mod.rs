//! Values as Bitrix sends them: exact decimals and lenient field readers.

pub(crate) mod decimal;
mod decode;
pub mod lenient;

pub use decimal::{Decimal, MAX_SCALE, ParseDecimalError};
pub use decode::{DecodeError, Fields, FromValue, kind};
