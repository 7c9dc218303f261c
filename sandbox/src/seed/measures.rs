//! The store's units of measure (`catalog.measure.list`): the five a fresh 1C-Bitrix install
//! has, then one for every other OKEI code the data set's products name, in the order they
//! first name it (next ID, title and symbol from the product's `measureName`). A product's
//! `measure` is the ID of its unit's measure; pieces without one.

use std::collections::BTreeMap;

use rusqlite::{Transaction, params};

use super::defaults::{DEFAULT_MEASURE_CODE, INSTALLED_MEASURES};
use super::format::StoreSeed;

/// One row of the measures table.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub id: u64,
    pub code: u64,
    pub title: Option<String>,
    pub symbol: Option<String>,
    pub symbol_intl: Option<String>,
    pub symbol_letter_intl: Option<String>,
    pub is_default: bool,
}

/// The measures of a data set and the ID of each code.
pub struct Measures {
    pub rows: Vec<Measure>,
    ids: BTreeMap<u64, u64>,
}

impl Measures {
    pub fn of(store: &StoreSeed) -> Measures {
        let mut rows: Vec<Measure> = INSTALLED_MEASURES
            .iter()
            .map(|&(id, code, intl, letter)| Measure {
                id,
                code,
                title: None,
                symbol: None,
                symbol_intl: Some(intl.into()),
                symbol_letter_intl: Some(letter.into()),
                is_default: code == DEFAULT_MEASURE_CODE,
            })
            .collect();
        let mut ids: BTreeMap<u64, u64> = rows.iter().map(|m| (m.code, m.id)).collect();
        for product in &store.products {
            let (Some(code), Some(name)) = (product.measure_code, &product.measure_name) else {
                continue;
            };
            if ids.contains_key(&code) {
                continue;
            }
            let id = rows.iter().map(|m| m.id).max().unwrap_or(0) + 1;
            ids.insert(code, id);
            rows.push(Measure {
                id,
                code,
                title: Some(name.clone()),
                symbol: Some(name.clone()),
                symbol_intl: None,
                symbol_letter_intl: None,
                is_default: false,
            });
        }
        Measures { rows, ids }
    }

    /// The measure ID of a product's unit: its code's, or pieces' without one.
    pub fn id_of(&self, code: Option<u64>) -> u64 {
        let code = code.unwrap_or(DEFAULT_MEASURE_CODE);
        self.ids.get(&code).copied().unwrap_or_else(|| {
            self.ids
                .get(&DEFAULT_MEASURE_CODE)
                .copied()
                .unwrap_or_default()
        })
    }

    pub fn insert(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut stmt = tx.prepare(
            "INSERT INTO measures (id, code, measure_title, symbol, symbol_intl, symbol_letter_intl, is_default)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for m in &self.rows {
            stmt.execute(params![
                m.id,
                m.code,
                m.title,
                m.symbol,
                m.symbol_intl,
                m.symbol_letter_intl,
                if m.is_default { "Y" } else { "N" }
            ])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(products: serde_json::Value) -> StoreSeed {
        serde_json::from_value(serde_json::json!({ "products": products })).unwrap()
    }

    #[test]
    fn installed_codes_keep_their_ids_and_new_codes_get_the_next_ones_in_order() {
        let measures = Measures::of(&store(serde_json::json!([
            {"id": 1, "name": "Гвозди", "price": 1, "measureCode": 166, "measureName": "кг"},
            {"id": 2, "name": "Плитка", "price": 1, "measureCode": 55, "measureName": "м²"},
            {"id": 3, "name": "Чай", "price": 1},
            {"id": 4, "name": "Перчатки", "price": 1, "measureCode": 715, "measureName": "пар"},
            {"id": 5, "name": "Плинтус", "price": 1, "measureCode": 55, "measureName": "м²"}
        ])));
        assert_eq!(measures.id_of(Some(166)), 4);
        assert_eq!(measures.id_of(None), 5, "pieces");
        assert_eq!(measures.id_of(Some(55)), 6);
        assert_eq!(measures.id_of(Some(715)), 7);
        assert_eq!(measures.rows.len(), 7);
        let added = &measures.rows[5];
        assert_eq!(
            (added.title.as_deref(), added.symbol.as_deref()),
            (Some("м²"), Some("м²"))
        );
        assert!(!added.is_default && added.symbol_intl.is_none());
        let defaults: Vec<u64> = measures
            .rows
            .iter()
            .filter(|m| m.is_default)
            .map(|m| m.code)
            .collect();
        assert_eq!(defaults, [796]);
    }
}
