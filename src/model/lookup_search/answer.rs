//! One lookup's request and the answer read from its replies.
//!
//! The request is [`lookup_batch`] plus, until the UI knows the store's warehouses, their list
//! (`catalog.store.list`, named [`WAREHOUSES`]): titles for the columns and, when settings
//! choose none, which warehouses are shown (the active ones). While the list is not known the
//! stock commands are planned for [`PAGE_SIZE`] warehouses (one product a command), so no
//! store with up to 50 warehouses loses stock records to a second page; once known, stock is
//! asked for the shown warehouses only: one HTTP request. (A search typed before the
//! warehouses are known — as the page opens — in a catalogue with variations plans more
//! stock commands than one batch holds, and takes two or three.)
//!
//! A product found several ways (by prefix and by substring) is in several stock commands; its
//! records are counted once (the store keeps one record per product and warehouse).
//!
//! Any failed command fails the answer: stock shown as zero because its command failed would
//! be a wrong answer, not a partial one. Prices alone are optional: without them the stock is
//! still the answer, and the prices are said to be unknown. The lists of variations alone are optional (a store
//! that may not list them still answers with its products), unless the store refused them as
//! a bad request (see `optional_variations`).

use bitrix_rest::models::catalog::{Measure, Price, Product, StoreStock, Warehouse};
use bitrix_rest::value::FromValue;
use bitrix_rest::{Error, ErrorKind};

use crate::model::call::{Batch, PAGE_SIZE};
use crate::model::catalog_query::{
    MEASURES_KEY, VARIATIONS_KEY, measure_list_call, warehouse_list_call,
};
use crate::model::lookup::{
    BY_PARENT, LookupHit, LookupQuery, LookupResults, LookupScope, PARENT_LIST, exact_of,
    found_count, holds_every_word, lookup_batch, lookup_hits, variations_of, words_apart,
};
use crate::model::settings::Settings;
use crate::model::stock::{WarehouseColumn, shown_warehouses};
use crate::model::unit::Unit;

/// The product lists of the lookup batch, in ranking order (absent ones read as empty).
pub const PRODUCT_LISTS: [&str; 5] = ["by_xml", "by_article", "by_prefix", "by_name", "by_phrase"];
/// The warehouse list command, while the warehouses are not known.
pub const WAREHOUSES: &str = "warehouses";
/// The store's units of measure, so each result's stock says its unit (1,2 kg is not 12 pcs).
pub const MEASURES: &str = "measures";

/// What to send for one lookup, and the names of its commands.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupPlan {
    /// The query.
    pub query: LookupQuery,
    /// The one batch.
    pub batch: Batch,
    /// `catalog.storeproduct.list` commands.
    pub stock: Vec<String>,
    /// `catalog.price.list` commands.
    pub prices: Vec<String>,
    /// `catalog.store.list`, when the warehouses were not known.
    pub warehouses: Option<String>,
}

fn scope<'a>(
    settings: &'a Settings,
    iblock_id: u64,
    shown: &'a [u64],
    count: usize,
) -> LookupScope<'a> {
    LookupScope {
        iblock_id,
        variations_iblock_id: settings.store_variations_iblock_id,
        article_property: settings.article_property.as_deref(),
        variation_article_property: settings.variation_article_property.as_deref(),
        warehouses: shown,
        warehouse_count: count,
        price_type: settings.price_type_id,
    }
}

/// The request of a lookup; `None` while the store catalogue is not configured. `known`: the
/// store's warehouses, when an earlier answer (or the deal view) brought them.
pub fn lookup_plan(
    query: &LookupQuery,
    settings: &Settings,
    known: Option<&[Warehouse]>,
) -> Option<LookupPlan> {
    let iblock = settings.store_iblock_id?;
    let mut batch = match known {
        Some(list) => {
            let shown = shown_warehouses(&settings.warehouses, list);
            lookup_batch(query, scope(settings, iblock, &shown, shown.len()))
        }
        None => lookup_batch(
            query,
            scope(settings, iblock, &settings.warehouses, PAGE_SIZE),
        ),
    };
    let warehouses = known.is_none().then(|| {
        batch.push(WAREHOUSES, warehouse_list_call(0));
        WAREHOUSES.to_owned()
    });
    batch.push(MEASURES, measure_list_call());
    let named = |method: &str| -> Vec<String> {
        batch
            .commands
            .iter()
            .filter(|c| c.call.method == method)
            .map(|c| c.name.clone())
            .collect()
    };
    Some(LookupPlan {
        query: query.clone(),
        stock: named("catalog.storeproduct.list"),
        prices: named("catalog.price.list"),
        warehouses,
        batch,
    })
}

/// Read access to the replies of a sent batch, by command name (the UI's
/// [`Answers`](crate::fetch::answers::Answers); a map of JSON in tests).
pub trait Replies {
    /// The list in command `name`'s result under `key` (`products`, `storeProducts`, …);
    /// a command not in the batch is an error.
    fn list_of<T: FromValue>(&self, name: &str, key: &str) -> Result<Vec<T>, Error>;
}

/// What a lookup found.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupAnswer {
    /// The query answered.
    pub query: LookupQuery,
    /// The shown warehouses, in display order (each hit's stock follows this order).
    pub columns: Vec<WarehouseColumn>,
    /// The ranked results (empty: nothing found).
    pub hits: Vec<LookupHit>,
    /// True when more products matched than are shown (at most
    /// [`MAX_RESULTS`](crate::model::lookup::MAX_RESULTS), fewer when only code lists matched),
    /// or may have (the store filled a list to a page): typing more narrows it. With no hits:
    /// the first products the store found were others (a short stem's other words), not
    /// "nothing found".
    pub capped: bool,
    /// For a query of more words than one filter holds ([`words_apart`]): `Some(true)` when
    /// the results are those holding every word typed (the others were dropped), `Some(false)`
    /// when no product found holds them all (the results hold some). `None` for three words or
    /// fewer (the store asked them all at once).
    pub every_word: Option<bool>,
    /// Why the store did not give the prices, when it refused them: the stock stands, the
    /// prices are unknown (a rep asking "do we have it?" still gets the answer).
    pub prices_refused: Option<Error>,
    /// Articles were searched too (the settings name the article property).
    pub by_article: bool,
    /// The store's warehouses, when this request listed them (for the next plans).
    pub warehouses: Option<Vec<Warehouse>>,
}

/// The answer to `plan` from its `replies` (see the module doc: any failed command fails it).
pub fn lookup_answer(
    plan: &LookupPlan,
    replies: &impl Replies,
    settings: &Settings,
    known: Option<&[Warehouse]>,
) -> Result<LookupAnswer, Error> {
    let listed: Option<Vec<Warehouse>> = match &plan.warehouses {
        Some(name) => Some(replies.list_of(name, "stores")?),
        None => None,
    };
    let warehouses: &[Warehouse] = listed.as_deref().or(known).unwrap_or_default();
    let shown = shown_warehouses(&settings.warehouses, warehouses);
    let mut lists: [Vec<Product>; 6] = Default::default();
    // A list the store filled to a page may have more beyond it, unseen and unchecked.
    let mut full_page = false;
    for (slot, name) in lists.iter_mut().zip(PRODUCT_LISTS) {
        // A code list starts with the products whose code is the query (`by_xml_exact`).
        for name in [exact_of(name), name.to_owned()] {
            let mut found = Vec::new();
            if plan.batch.get(&name).is_some() {
                found = replies.list_of::<Product>(&name, "products")?;
            }
            let variations = variations_of(&name);
            if plan.batch.get(&variations).is_some() {
                let sizes = optional_variations(replies, &variations)?;
                full_page |= sizes.len() >= PAGE_SIZE;
                found.extend(sizes);
            }
            full_page |= found.len() >= PAGE_SIZE;
            slot.extend(found);
        }
    }
    // The variations of the products found: optional, as the other lists of variations.
    if plan.batch.get(BY_PARENT).is_some() {
        lists[PARENT_LIST] = optional_variations(replies, BY_PARENT)?;
    }
    let mut stock: Vec<StoreStock> = gather(replies, &plan.stock, "storeProducts")?;
    // A product found several ways is in several stock commands: count its records once.
    let mut seen: Vec<(u64, u64)> = Vec::new();
    stock.retain(|r| {
        let key = (r.product_id, r.store_id);
        let first = !seen.contains(&key);
        if first {
            seen.push(key);
        }
        first
    });
    let (prices, prices_refused): (Vec<Price>, _) = match gather(replies, &plan.prices, "prices") {
        Ok(prices) => (prices, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let results = LookupResults {
        lists: [
            &lists[0], &lists[1], &lists[2], &lists[3], &lists[4], &lists[5],
        ],
        stock: &stock,
        prices: &prices,
    };
    let iblock = settings.store_iblock_id.unwrap_or_default();
    let scope = scope(settings, iblock, &shown, shown.len());
    let distinct = found_count(&plan.query, &results, &scope);
    let mut hits = lookup_hits(&plan.query, results, scope, &shown);
    // Optional: without the units the figures stand alone, as before.
    let measures: Vec<Measure> = replies.list_of(MEASURES, MEASURES_KEY).unwrap_or_default();
    for hit in &mut hits {
        hit.unit = Unit::of_product(&hit.product, &measures);
    }
    let mut capped = distinct > hits.len() || full_page;
    // Words the store did not search by narrow the results here: those holding every word
    // typed are kept, with their sizes (the rep typed the words to narrow); when none holds
    // them all, the results stand, said as found by the words searched.
    let every_word = words_apart(&plan.query).then(|| {
        let holds = |h: &LookupHit| holds_every_word(&plan.query, h);
        let kept: Vec<u64> = hits
            .iter()
            .filter(|h| h.size_of.is_none() && holds(h))
            .map(|h| h.product.id)
            .collect();
        if kept.is_empty() {
            return false;
        }
        let before = hits.len();
        hits.retain(|h| kept.contains(&h.size_of.unwrap_or(h.product.id)));
        capped &= hits.len() == before;
        true
    });
    let columns = shown
        .iter()
        .map(|&id| WarehouseColumn::of(id, warehouses))
        .collect();
    Ok(LookupAnswer {
        query: plan.query.clone(),
        columns,
        capped,
        every_word,
        prices_refused,
        by_article: plan.batch.get("by_article").is_some()
            || plan.batch.get(&variations_of("by_article")).is_some(),
        hits,
        warehouses: listed,
    })
}

/// A list of variations: optional — a store that cannot list variations (no such method, no
/// right to) still answers with its products — unless the store refused the request itself
/// (HTTP 400: the settings name a property its catalogue of variations does not have), which
/// would otherwise drop every size without a word.
fn optional_variations(replies: &impl Replies, name: &str) -> Result<Vec<Product>, Error> {
    match replies.list_of::<Product>(name, VARIATIONS_KEY) {
        Ok(list) => Ok(list),
        Err(e) if e.kind == ErrorKind::BadRequest => Err(e),
        Err(_) => Ok(Vec::new()),
    }
}

fn gather<T: FromValue>(
    replies: &impl Replies,
    names: &[String],
    key: &str,
) -> Result<Vec<T>, Error> {
    let mut all = Vec::new();
    for name in names {
        all.extend(replies.list_of::<T>(name, key)?);
    }
    Ok(all)
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
