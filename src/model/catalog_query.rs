//! Store catalogue queries shared by the deal view and the stock lookup: products, stock per
//! warehouse and prices, as batch commands sized so that no command needs a second page.
//!
//! `catalog.storeproduct.list` returns one record per product and warehouse, 50 a page. A
//! stock command therefore covers at most `50 / warehouses` products, so its first page holds
//! every record. Product IDs may be plain numbers or `$result[...]` references to an earlier
//! command of the same batch (see [`crate::model::call::slot_refs`]).

use serde_json::{Map, Value, json};

use crate::model::call::{Batch, Call, PAGE_SIZE};

/// The product fields every store product query selects (`id` and `iblockId` are required;
/// `type` tells a product sold in sizes, see [`sold_in_sizes`]).
pub const PRODUCT_FIELDS: &[&str] = &[
    "id", "iblockId", "name", "xmlId", "active", "quantity", "type", "measure",
];

/// `catalog.measure.list`: the store's units of measure, which a product's `measure` names by
/// ID (the first 50; a store has a handful).
pub fn measure_list_call() -> Call {
    Call::new(
        "catalog.measure.list",
        json!({"select": ["id", "code", "symbol"]}),
    )
}

/// The key of `catalog.measure.list`'s list.
pub const MEASURES_KEY: &str = "measures";

/// Bitrix's `type` of a product sold in variations (sizes, colours): it has none of its own
/// stock, its variations have.
const TYPE_WITH_VARIATIONS: u64 = 3;

/// Whether the store sells `product` only in its variations (`type` 3).
pub fn sold_in_sizes(product: &bitrix_rest::models::catalog::Product) -> bool {
    product
        .property_text("type")
        .and_then(|t| t.parse::<u64>().ok())
        == Some(TYPE_WITH_VARIATIONS)
}

/// The product a variation belongs to (`parentId`, when it was selected).
pub fn parent_of(product: &bitrix_rest::models::catalog::Product) -> Option<u64> {
    product.property_text("parentId")?.trim().parse().ok()
}

/// A store product's article: the first of `properties` (the products' article property, then
/// the variations' own) it has a value of.
pub fn article_of(
    product: &bitrix_rest::models::catalog::Product,
    properties: [Option<&str>; 2],
) -> Option<String> {
    properties
        .into_iter()
        .flatten()
        .find_map(|key| product.property_text(key))
}

/// How many warehouses to plan for when the store's list is not known yet.
pub const ASSUMED_WAREHOUSES: usize = 5;

/// The method listing product variations (trade offers) of a catalogue of variations.
pub const VARIATION_LIST: &str = "catalog.product.offer.list";

/// Where [`VARIATION_LIST`]'s answer holds its list (`catalog.product.list`'s is `products`).
pub const VARIATIONS_KEY: &str = "offers";

/// `catalog.product.list` in catalogue `iblock_id` with `filter` (more conditions), selecting
/// [`PRODUCT_FIELDS`] and `extra_fields` (properties such as `property101`).
pub fn product_list_call(
    iblock_id: u64,
    filter: Value,
    extra_fields: &[&str],
    order: Option<Value>,
) -> Call {
    list_call(
        "catalog.product.list",
        iblock_id,
        filter,
        extra_fields,
        order,
    )
}

/// A product list that matches nothing but names `property` (`property105`) in its select: the
/// store refuses it (HTTP 400, "Unknown field definition") when its catalogue `iblock_id` has
/// no such property. Asked before settings naming a property are saved.
pub fn property_probe_call(iblock_id: u64, property: &str) -> Call {
    product_list_call(iblock_id, json!({"id": 0}), &[property], None)
}

/// [`VARIATION_LIST`] in catalogue of variations `iblock_id`, as [`product_list_call`]; the
/// answer's list is under [`VARIATIONS_KEY`]. `extra_fields` are the variations' own
/// properties: a catalogue of variations has properties of its own.
pub fn variation_list_call(
    iblock_id: u64,
    filter: Value,
    extra_fields: &[&str],
    order: Option<Value>,
) -> Call {
    list_call(VARIATION_LIST, iblock_id, filter, extra_fields, order)
}

/// [`property_probe_call`] for a property of the catalogue of variations `iblock_id`.
pub fn variation_probe_call(iblock_id: u64, property: &str) -> Call {
    variation_list_call(iblock_id, json!({"id": 0}), &[property], None)
}

/// The variations (in catalogue `iblock_id`) of the products whose IDs `parents` holds, each with
/// its `parentId` and the `extra_fields` (their own properties).
pub fn variations_of_products_call(
    iblock_id: u64,
    parents: Vec<Value>,
    extra_fields: &[&str],
    order: Option<Value>,
) -> Call {
    let filter = json!({ "parentId": parents });
    let fields: Vec<&str> = ["parentId"].iter().chain(extra_fields).copied().collect();
    list_call(VARIATION_LIST, iblock_id, filter, &fields, order)
}

fn list_call(
    method: &'static str,
    iblock_id: u64,
    filter: Value,
    extra_fields: &[&str],
    order: Option<Value>,
) -> Call {
    let mut f = Map::new();
    f.insert("iblockId".into(), json!(iblock_id));
    if let Value::Object(more) = filter {
        f.extend(more);
    }
    let select: Vec<&str> = PRODUCT_FIELDS.iter().chain(extra_fields).copied().collect();
    let mut params = json!({"select": select, "filter": f});
    if let Some(order) = order {
        params["order"] = order;
    }
    Call::new(method, params)
}

/// How many products one stock command may cover when `warehouses` warehouses are counted.
pub fn products_per_stock_command(warehouses: usize) -> usize {
    (PAGE_SIZE / warehouses.max(1)).max(1)
}

/// Appends the stock commands (`<prefix>0`, `<prefix>1`, …) for `product_ids`, restricted to
/// `shown` warehouses when that list is not empty. `warehouses` is how many warehouses the
/// records may span (the shown ones, or all the store has). Returns the command names.
pub fn stock_commands(
    batch: &mut Batch,
    prefix: &str,
    product_ids: &[Value],
    shown: &[u64],
    warehouses: usize,
) -> Vec<String> {
    if shown.len() > PAGE_SIZE {
        // More warehouses than a page holds: one product a command, in at most 50 of them.
        let mut names = Vec::new();
        for id in product_ids {
            for part in shown.chunks(PAGE_SIZE) {
                let name = format!("{prefix}{}", names.len());
                batch.push(name.clone(), stock_call(std::slice::from_ref(id), part));
                names.push(name);
            }
        }
        return names;
    }
    let span = if shown.is_empty() {
        warehouses
    } else {
        shown.len()
    };
    chunked(
        batch,
        prefix,
        product_ids,
        products_per_stock_command(span),
        |ids| stock_call(ids, shown),
    )
}

/// `catalog.storeproduct.list` of `ids` in the `shown` warehouses (all when empty).
fn stock_call(ids: &[Value], shown: &[u64]) -> Call {
    let mut filter = json!({"@productId": ids});
    if !shown.is_empty() {
        filter["@storeId"] = json!(shown);
    }
    Call::new(
        "catalog.storeproduct.list",
        json!({"select": ["id", "productId", "storeId", "amount", "quantityReserved"],
        "filter": filter}),
    )
}

/// `catalog.store.list` from record `start`, ordered by `sort` and then ID so that pages
/// neither overlap nor skip.
pub fn warehouse_list_call(start: usize) -> Call {
    let mut params = json!({"order": {"sort": "asc", "id": "asc"}});
    if start > 0 {
        params["start"] = json!(start);
    }
    Call::new("catalog.store.list", params)
}

/// Appends the warehouse list pages covering `count` warehouses (at least one page):
/// `<name>`, then `<name>_50`, `<name>_100`, … Returns the command names in page order.
pub fn warehouse_pages(batch: &mut Batch, name: &str, count: usize) -> Vec<String> {
    (0..count.max(1))
        .step_by(PAGE_SIZE)
        .map(|start| {
            let command = if start == 0 {
                name.to_owned()
            } else {
                format!("{name}_{start}")
            };
            batch.push(command.clone(), warehouse_list_call(start));
            command
        })
        .collect()
}

/// Appends the price commands (`<prefix>0`, …) for `product_ids` in price type `price_type`
/// (one price per product, so 50 products a command). Returns the command names.
pub fn price_commands(
    batch: &mut Batch,
    prefix: &str,
    product_ids: &[Value],
    price_type: u64,
) -> Vec<String> {
    chunked(batch, prefix, product_ids, PAGE_SIZE, |ids| {
        Call::new(
            "catalog.price.list",
            json!({"select": ["id", "productId", "catalogGroupId", "price", "currency"],
                "filter": {"@productId": ids, "catalogGroupId": price_type}}),
        )
    })
}

/// A few prices of type `price_type`, whichever products they are of: whether the store has
/// prices of that type at all.
pub fn prices_of_type_call(price_type: u64) -> Call {
    Call::new(
        "catalog.price.list",
        json!({"select": ["id"], "filter": {"catalogGroupId": price_type}, "start": -1}),
    )
}

fn chunked(
    batch: &mut Batch,
    prefix: &str,
    ids: &[Value],
    size: usize,
    make: impl Fn(&[Value]) -> Call,
) -> Vec<String> {
    ids.chunks(size.max(1))
        .enumerate()
        .map(|(i, chunk)| {
            let name = format!("{prefix}{i}");
            batch.push(name.clone(), make(chunk));
            name
        })
        .collect()
}
