//! The prices of a CRM product row, derived from the final price, the discount and the
//! (included) tax rate as Bitrix24 derives them.

use std::collections::HashMap;

use super::format::{PortalProductSeed, RowSeed};

/// The prices of a product row, derived as Bitrix24 does from the final price, the discount
/// percentage and the (included) tax rate.
pub struct RowPrices {
    pub product_id: u64,
    pub name: String,
    pub price: f64,
    pub exclusive: f64,
    pub netto: f64,
    pub brutto: f64,
    pub quantity: f64,
    pub discount_rate: f64,
    pub discount_sum: f64,
    pub tax_rate: Option<f64>,
}

impl RowPrices {
    pub fn of(row: &RowSeed, catalog: &HashMap<u64, &PortalProductSeed>) -> RowPrices {
        let product = catalog.get(&row.product_id);
        let name = row
            .name
            .clone()
            .or_else(|| product.map(|p| p.name.clone()))
            .unwrap_or_default();
        // Without a price the catalogue price is the price before the discount.
        let discount = row.discount_rate.unwrap_or(0.0);
        let price = row
            .price
            .or_else(|| product.map(|p| p.price * (1.0 - discount / 100.0)))
            .unwrap_or(0.0);
        RowPrices::compute(
            row.product_id,
            name,
            price,
            row.quantity,
            row.discount_rate.unwrap_or(0.0),
            row.tax_rate,
        )
    }

    pub fn compute(
        product_id: u64,
        name: String,
        price: f64,
        quantity: f64,
        discount_rate: f64,
        tax_rate: Option<f64>,
    ) -> RowPrices {
        let tax = 1.0 + tax_rate.unwrap_or(0.0) / 100.0;
        let exclusive = price / tax;
        let netto = if discount_rate < 100.0 {
            exclusive / (1.0 - discount_rate / 100.0)
        } else {
            exclusive
        };
        RowPrices {
            product_id,
            name,
            price: round2(price),
            exclusive: round2(exclusive),
            netto: round2(netto),
            brutto: round2(netto * tax),
            quantity,
            discount_rate,
            discount_sum: round2(netto - exclusive),
            tax_rate,
        }
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
