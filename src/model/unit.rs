//! A unit of measure as a record names it: the portal's own name (`шт`) and, when given, its
//! OKEI code (`796`, pieces), which says what it is in any language.

use bitrix_rest::Decimal;
use bitrix_rest::models::catalog::{Measure, Product};
use bitrix_rest::models::{crm::ProductRow, sale::BasketItem};

use crate::model::text::lowercase;

/// The kinds of unit that convert.
const MASS: u8 = 0;
const VOLUME: u8 = 1;
const LENGTH: u8 = 2;

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

    /// For two units of one kind that convert by a fixed factor (mass, volume, length, by their
    /// OKEI codes or short names), the factors `(a, b)` such that `x` of this unit is `y` of `other` when
    /// `x × a = y × b`: 0,5 kg is 500 g.
    pub fn convertible(&self, other: &Unit) -> Option<(Decimal, Decimal)> {
        let ((kind, a), (other_kind, b)) = (self.measure()?, other.measure()?);
        (kind == other_kind).then(|| (Decimal::from(a), Decimal::from(b)))
    }

    /// The unit prices of this unit are best compared per: itself, or the main unit of its kind
    /// (kg, l, m) when it is smaller — a price per gram or centimetre loses its cents at two
    /// decimals (0,8735 ₽ a cm is 87,35 ₽ a m). `None` for a unit that does not convert.
    pub fn price_unit(&self) -> Option<Unit> {
        let (kind, size) = self.measure()?;
        let (main_size, name, code) = match kind {
            MASS => (1_000_000, "кг", 166),
            VOLUME => (1_000, "л", 112),
            _ => (1_000, "м", 6),
        };
        Some(match size < main_size {
            true => Unit {
                name: name.into(),
                code: Some(code),
            },
            false => self.clone(),
        })
    }

    /// `quantity` of this unit in unit `to`, when the two convert (0,5 kg is 500 g); exact,
    /// since the sizes listed here are powers of ten.
    pub fn convert(&self, quantity: Decimal, to: &Unit) -> Option<Decimal> {
        let (a, b) = self.convertible(to)?;
        let (a, b) = (a.trunc(), b.trunc());
        if a >= b {
            return Some(quantity * Decimal::from(a / b));
        }
        let digits = (b / a).ilog10();
        Some(quantity * Decimal::new(1, digits))
    }

    /// The unit's kind and its size in the smallest unit of that kind listed here: by OKEI
    /// code, or by its usual short name when the record has no code.
    fn measure(&self) -> Option<(u8, i64)> {
        let code = match self.code {
            Some(code) => code,
            None => {
                let name = lowercase(self.name.trim().trim_end_matches('.'));
                match name.as_str() {
                    "мг" | "mg" => 161,
                    "г" | "гр" | "g" => 163,
                    "кг" | "kg" => 166,
                    "т" | "t" => 168,
                    "мл" | "ml" => 111,
                    "л" | "l" => 112,
                    "мм" | "mm" => 3,
                    "см" | "cm" => 4,
                    "м" | "m" => 6,
                    "км" | "km" => 8,
                    _ => return None,
                }
            }
        };
        Some(match code {
            161 => (MASS, 1),             // mg
            163 => (MASS, 1_000),         // g
            166 => (MASS, 1_000_000),     // kg
            168 => (MASS, 1_000_000_000), // t
            111 => (VOLUME, 1),           // ml (cm³)
            112 => (VOLUME, 1_000),       // l
            113 => (VOLUME, 1_000_000),   // m³
            3 => (LENGTH, 1),             // mm
            4 => (LENGTH, 10),            // cm
            5 => (LENGTH, 100),           // dm
            6 => (LENGTH, 1_000),         // m
            8 => (LENGTH, 1_000_000),     // km
            _ => return None,
        })
    }

    /// An order line's unit.
    /// A store product's unit: its `measure` among the store's `measures` (`None` when it
    /// names none the list has). The units a fresh store has carry no symbol: their code says
    /// what they are.
    pub fn of_product(product: &Product, measures: &[Measure]) -> Option<Unit> {
        let id: u64 = product.property_text("measure")?.parse().ok()?;
        let measure = measures.iter().find(|m| m.id == id)?;
        Some(Unit {
            name: measure.symbol.clone().unwrap_or_default(),
            code: measure.code,
        })
    }

    pub fn of_line(item: &BasketItem) -> Unit {
        Unit {
            name: item.measure_name.clone().unwrap_or_default(),
            code: item.measure_code,
        }
    }
}
