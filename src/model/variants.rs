//! A deal row and an order line that are variants of one store product: the row holds the
//! product itself (sold in sizes, colours) and the line one of its variants, or the two hold
//! different variants of it. The differences say each is missing on the other side, which is
//! true; the tab adds that they are one product in another variant, so the rep does not look
//! for two unrelated products.

use bitrix_rest::models::{catalog::Product, sale::BasketItem};

use crate::model::catalog_query::parent_of;
use crate::model::matching::ProductMatching;
use crate::model::reconcile::Difference;

/// A row missing from the order and a line missing from the deal that are variants of one
/// product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantPair {
    /// The deal row's product name.
    pub deal_name: String,
    /// The order lines' names: one, or several variants of the deal row's product.
    pub order_names: Vec<String>,
    /// The row holds another variant (not the product itself).
    pub other_variant: bool,
}

/// What [`variant_pairs`] reads.
#[derive(Debug, Clone, Copy)]
pub struct VariantInput<'a> {
    /// The differences of the deal and its order.
    pub differences: &'a [Difference],
    /// How the deal's rows matched store products.
    pub matching: &'a ProductMatching,
    /// The store products of the deal's rows (variations with their `parentId`).
    pub store_products: &'a [Product],
    /// The variations among the order's basket products (with their `parentId`).
    pub basket_variations: &'a [Product],
    /// The order's basket.
    pub basket: &'a [BasketItem],
}

/// The rows missing from the order paired with the lines missing from the deal that are
/// variants of the same product, in the order of the lines: a row takes every line of its
/// product's variants (the product's own row, or one variant's row).
pub fn variant_pairs(input: VariantInput<'_>) -> Vec<VariantPair> {
    let parent =
        |products: &[Product], id: u64| products.iter().find(|p| p.id == id).and_then(parent_of);
    // Rows missing from the order: name, store product, its product when a variant.
    let mut rows: Vec<(&str, u64, Option<u64>)> = input
        .differences
        .iter()
        .filter_map(|d| match d {
            Difference::MissingInOrder { row, name, .. } => {
                let id = input.matching.rows.get(*row)?.store_product_id?;
                Some((name.as_str(), id, parent(input.store_products, id)))
            }
            _ => None,
        })
        .collect();
    let mut out: Vec<(u64, VariantPair)> = Vec::new();
    for d in input.differences {
        let Difference::MissingInDeal {
            basket_item_id,
            name,
            ..
        } = d
        else {
            continue;
        };
        let Some(product_id) = input
            .basket
            .iter()
            .find(|it| it.id == *basket_item_id)
            .and_then(|it| u64::try_from(it.product_id).ok())
        else {
            continue;
        };
        let Some(family) = parent(input.basket_variations, product_id) else {
            continue;
        };
        // A row of this product already paired: one more of its variants.
        if let Some((_, pair)) = out.iter_mut().find(|(of, _)| *of == family) {
            pair.order_names.push(name.clone());
            continue;
        }
        let found = rows
            .iter()
            .position(|(_, id, of)| *id == family || *of == Some(family));
        if let Some(at) = found {
            let (deal_name, id, _) = rows.remove(at);
            out.push((
                family,
                VariantPair {
                    deal_name: deal_name.to_owned(),
                    order_names: vec![name.clone()],
                    other_variant: id != family,
                },
            ));
        }
    }
    out.into_iter().map(|(_, pair)| pair).collect()
}
