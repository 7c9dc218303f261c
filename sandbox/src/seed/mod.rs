//! Data sets: the demo and large generators, and JSON files in the documented format.

mod catalog_gen;
mod catalogs;
pub mod defaults;
mod demo;
pub mod format;
mod insert_app;
mod insert_orders;
mod insert_portal;
mod insert_store;
mod large;
mod measures;
mod names;
mod row_prices;
mod stock_plan;
mod validate;

pub use format::SeedData;
pub use row_prices::{RowPrices, round2};

use crate::config::{Seed, Urls};
use crate::db::{self, Db, schema};
use crate::error::SandboxError;
use crate::stock;

/// Builds the data set a [`Seed`] names, checked.
pub fn build(seed: &Seed) -> Result<SeedData, SandboxError> {
    let data = match seed {
        Seed::Demo => demo::generate(),
        Seed::Large => large::generate(),
        Seed::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| SandboxError::SeedFile {
                path: path.display().to_string(),
                source,
            })?;
            parse(&text)?
        }
        Seed::Json(text) => parse(text)?,
    };
    validate::check(&data).map_err(SandboxError::SeedInvalid)?;
    Ok(data)
}

/// Parses the JSON format; an error names the path of the field (`store.orders[2].basket[0].quantity`).
pub fn parse(text: &str) -> Result<SeedData, SandboxError> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let at = if path.is_empty() || path == "." {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        };
        // Broken JSON is one thing; JSON that misses a required field or has one of the wrong
        // type is another (the file itself is fine).
        match inner.classify() {
            serde_json::error::Category::Data => SandboxError::SeedInvalid(at),
            _ => SandboxError::SeedJson(at),
        }
    })
}

/// Replaces the database's content with `data`, in one transaction. Rows are written without
/// the secondary indexes, which are then built once; stock figures are written final (see
/// `stock_plan`), order totals computed in one statement.
pub fn load(
    db: &Db,
    data: &SeedData,
    urls: &Urls,
    install_app: Option<&serde_json::Value>,
) -> Result<(), SandboxError> {
    db.write(|tx| {
        schema::drop_indexes(tx)?;
        db::clear(tx)?;
        insert_portal::insert(tx, &data.portal)?;
        insert_store::insert(tx, &data.store)?;
        schema::create_indexes(tx)?;
        stock::recompute_all_order_prices(tx)?;
        insert_app::insert(tx, data, urls, install_app)?;
        Ok::<(), SandboxError>(())
    })
}

/// Replaces `${WIDGET_URL}`, `${PORTAL_URL}`, `${STORE_URL}` and `${STORE_WEBHOOK_URL}` in every
/// string of `value`.
pub fn substitute(value: &serde_json::Value, urls: &Urls) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(substitute_text(s, urls)),
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, urls)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, urls)))
                .collect(),
        ),
        other => other.clone(),
    }
}

pub fn substitute_text(text: &str, urls: &Urls) -> String {
    text.replace("${STORE_WEBHOOK_URL}", &urls.store_webhook)
        .replace("${WIDGET_URL}", &urls.widget)
        .replace("${PORTAL_URL}", &urls.portal)
        .replace("${STORE_URL}", &urls.store)
}
