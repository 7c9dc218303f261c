//! A unit of measure as a record names it: the portal's own name (`шт`) and, when given, its
//! OKEI code (`796`, pieces), which says what it is in any language.

use bitrix_rest::models::{crm::ProductRow, sale::BasketItem};

use crate::model::text::lowercase;

/// The unit a deal row or an order line counts in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// The name the record carries (`шт`, `кг`); may be empty.
    pub name: String,
    /// The OKEI code, when the record has one.
    pub code: Option<u64>,
}

impl Unit {
    /// A deal row's unit.
    pub fn of_row(row: &ProductRow) -> Unit {
        Unit {
            name: row.measure_name.clone(),
            code: row.measure_code,
        }
    }

    /// True when both records name a unit and they are not the same one: by OKEI code when
    /// both have one, else by name (in any letter case). A side that names none agrees.
    pub fn differs_from(&self, other: &Unit) -> bool {
        match (self.code, other.code) {
            (Some(a), Some(b)) => a != b,
            _ => {
                let (a, b) = (self.name.trim(), other.name.trim());
                !a.is_empty() && !b.is_empty() && lowercase(a) != lowercase(b)
            }
        }
    }

    /// An order line's unit.
    pub fn of_line(item: &BasketItem) -> Unit {
        Unit {
            name: item.measure_name.clone().unwrap_or_default(),
            code: item.measure_code,
        }
    }
}
