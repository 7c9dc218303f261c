//! The store's half of a deal open: the linked order, statuses, warehouses, products, stock.

use bitrix_rest::models::catalog::{Measure, Product, StoreStock, Warehouse};
use bitrix_rest::models::sale::{BasketItem, Order, SaleStatus, StatusLang};
use bitrix_rest::value::FromValue;
use bitrix_rest::{Client, Error, ErrorKind};
use serde_json::Value;

use super::answers::{Answers, run};
use super::deal::{OpenContext, lenient_list};
use super::warehouses::rest_of_warehouses;
use crate::model::call::Batch;
use crate::model::catalog_query::{MEASURES_KEY, VARIATIONS_KEY};
use crate::model::contacts::search::PropertyHit;
use crate::model::link::{
    LinkedOrder, OrderReference, answers_reference, as_written, resolve_link,
};
use crate::model::sorted::sort_dedup;
use crate::model::view::poll::stock_batch;
use crate::model::view::requests::{
    OpenHints, StoreOpen, StorePlan, chosen_order_fetch, store_plan,
};
use crate::model::view::{StoreAnswer, StoreSide};

/// What the store gave for a deal.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreData {
    /// No store connection configured.
    NotConfigured,
    /// Bitrix24 answered and the store has not yet (the tab may show the CRM part meanwhile).
    Pending,
    /// The store could not be asked or refused: why.
    Unavailable(Error),
    /// The store answered.
    Answered(Box<StoreResult>),
}

/// The store's answer for a deal, owned.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreResult {
    pub link: Option<LinkedOrder>,
    pub order: Option<Order>,
    pub statuses: Vec<SaleStatus>,
    pub status_names: Vec<StatusLang>,
    pub warehouses: Vec<Warehouse>,
    pub measures: Vec<Measure>,
    pub products: Vec<Product>,
    /// The variations among the order's basket products, with their `parentId`.
    pub basket_variations: Vec<Product>,
    pub stock: Vec<StoreStock>,
}

impl StoreData {
    /// The borrowed form the view is built from.
    pub fn side(&self) -> StoreSide<'_> {
        match self {
            StoreData::NotConfigured => StoreSide::NotConfigured,
            StoreData::Pending => StoreSide::Pending,
            StoreData::Unavailable(_) => StoreSide::Unavailable,
            StoreData::Answered(a) => StoreSide::Answered(StoreAnswer {
                link: a.link.as_ref(),
                order: a.order.as_ref(),
                statuses: &a.statuses,
                status_names: &a.status_names,
                warehouses: &a.warehouses,
                measures: &a.measures,
                products: &a.products,
                basket_variations: &a.basket_variations,
                stock: &a.stock,
            }),
        }
    }

    /// The store's error, when it failed.
    pub fn error(&self) -> Option<&Error> {
        match self {
            StoreData::Unavailable(e) => Some(e),
            _ => None,
        }
    }
}

/// The settings name a store webhook but no store catalogue: nothing can be asked for.
pub fn catalogue_not_chosen() -> Error {
    Error::new(
        ErrorKind::Usage,
        SETTINGS_INCOMPLETE,
        "the store's catalogue is not chosen in the settings",
    )
}

/// True for [`catalogue_not_chosen`]: a matter for the settings, not a store failure.
pub fn is_catalogue_not_chosen(error: &Error) -> bool {
    error.kind == ErrorKind::Usage && error.method == SETTINGS_INCOMPLETE
}

const SETTINGS_INCOMPLETE: &str = "settings";

/// The store batch sent before the portal answered, and what the store said to it.
pub(super) struct Guessed<'a> {
    pub batch: &'a Batch,
    pub answers: Result<Answers, Error>,
}

/// Why the store answered nothing of a guessed batch, when it did not.
fn unanswered(guessed: &Guessed) -> Option<Error> {
    match &guessed.answers {
        Err(e) if e.kind == ErrorKind::Cancelled => None,
        Err(e) => Some(e.clone()),
        Ok(answers) => answers.unanswered(guessed.batch),
    }
}

/// The store's side of an open: the data, the HTTP requests it took, and the batch it needed.
pub(super) struct StoreFetch {
    pub data: StoreData,
    pub requests: usize,
    pub batch: Option<Batch>,
}

/// Runs the store batch for `open` — or takes the answers to `guessed` when that was the same
/// batch.
pub(super) async fn fetch_store(
    store: &Client,
    ctx: OpenContext<'_>,
    open: StoreOpen<'_>,
    guessed: Option<Guessed<'_>>,
) -> StoreFetch {
    // A guess sent for nothing still counts as a request made.
    let guess_requests = |g: &Guessed| g.answers.as_ref().map_or(1, Answers::requests);
    let Some(plan) = store_plan(open, ctx.settings, ctx.hints) else {
        // A webhook without the catalogue settings cannot be queried for products.
        return StoreFetch {
            data: StoreData::Unavailable(catalogue_not_chosen()),
            requests: guessed.as_ref().map_or(0, guess_requests),
            batch: None,
        };
    };
    let (answers, mut requests) = match guessed {
        Some(g) if *g.batch == plan.batch => {
            let requests = guess_requests(&g);
            (g.answers, requests)
        }
        // The store answered nothing of the guess, through its retries: asking again with the
        // batch this open needs would keep the rep waiting through a second round of them.
        Some(g) if let Some(e) = unanswered(&g) => (Err(e), guess_requests(&g)),
        other => {
            let wasted = other.as_ref().map_or(0, guess_requests);
            let answers = run(store, &plan.batch).await;
            let requests = answers.as_ref().map_or(0, Answers::requests);
            (answers, wasted + requests)
        }
    };
    let asked = Asked {
        preferred: ctx.preferred_order,
        chosen_warehouses: &ctx.settings.warehouses,
    };
    let data = match answered(store, &plan, answers, asked, &mut requests).await {
        Ok(result) => StoreData::Answered(Box::new(result)),
        Err(e) => StoreData::Unavailable(e),
    };
    // The next open plans with the store's real warehouse count: hand it that batch to guess.
    let counted = match &data {
        StoreData::Answered(a) if !a.warehouses.is_empty() => Some(a.warehouses.len()),
        _ => None,
    };
    let batch = match counted.filter(|n| ctx.hints.warehouse_count != Some(*n)) {
        Some(count) => {
            let hints = OpenHints {
                warehouse_count: Some(count),
                ..ctx.hints.clone()
            };
            store_plan(open, ctx.settings, &hints).map_or(plan.batch, |p| p.batch)
        }
        None => plan.batch,
    };
    StoreFetch {
        data,
        requests,
        batch: Some(batch),
    }
}

/// What the open asked the store for beyond its plan.
struct Asked<'a> {
    /// The order the rep picked earlier among several.
    preferred: Option<u64>,
    /// The warehouses the settings show (none: all).
    chosen_warehouses: &'a [u64],
}

/// The store's result from its answers to `plan`, fetching the chosen order when the batch
/// fetched another, and the stock again when the store has more warehouses than the plan
/// assumed (each counted in `requests`). Fails when the store did not answer usably.
async fn answered(
    store: &Client,
    plan: &StorePlan,
    answers: Result<Answers, Error>,
    asked: Asked<'_>,
    requests: &mut usize,
) -> Result<StoreResult, Error> {
    let preferred = asked.preferred;
    let answers = answers?;
    // The warehouse list is the simplest command: when even it failed, the store is not usable.
    for name in &plan.warehouses {
        answers.list::<Warehouse>(name, Some("stores"))?;
    }
    let mut result = read_answers(plan, &answers, preferred)?;
    // More warehouses than the pages asked for (the first open on this browser, or the store
    // has added some): the rest.
    let (rest, more_requests) = rest_of_warehouses(store, &answers, &plan.warehouses).await?;
    *requests += more_requests;
    result.warehouses.extend(rest);
    let refetch = result
        .link
        .as_ref()
        .and_then(|link| chosen_order_fetch(link, result.order.as_ref()));
    let refetched = refetch.is_some();
    if let Some(call) = refetch {
        *requests += 1;
        result.order = order_of(store.call(call.method, call.params).await?);
    }
    let shown: Vec<u64> = if asked.chosen_warehouses.is_empty() {
        result.warehouses.iter().map(|w| w.id).collect()
    } else {
        asked.chosen_warehouses.to_vec()
    };
    // Stock planned for fewer warehouses than the store has: a first page without every record
    // would show stock the store has as none. Ask again for all, sized by the real count.
    // Otherwise only what the batch could not ask: the products of basket items past its slots
    // (the order has grown since the last open) or of an order fetched afterwards.
    let (again, replace) = match stock_cut_off(plan, &answers) {
        true => (stocked_products(&result), true),
        false => (unasked_stock(plan, &result, refetched), false),
    };
    if !again.is_empty() {
        let batch = stock_batch(&again, &shown);
        let names: Vec<String> = batch.commands.iter().map(|c| c.name.clone()).collect();
        let more = run(store, &batch).await?;
        *requests += more.requests();
        let stock = all(&more, &names, "storeProducts")?;
        match replace {
            true => result.stock = stock,
            false => result.stock.extend(stock),
        }
    }
    Ok(result)
}

/// The products whose stock the view shows but the batch did not ask: basket items past the
/// plan's slots, or every basket item of an order fetched after the batch (`refetched`).
fn unasked_stock(plan: &StorePlan, result: &StoreResult, refetched: bool) -> Vec<u64> {
    let Some(order) = &result.order else {
        return Vec::new();
    };
    let covered_basket = if refetched { 0 } else { plan.basket_slots };
    let asked: Vec<u64> = result
        .products
        .iter()
        .map(|p| p.id)
        .chain(
            order
                .basket_items
                .iter()
                .take(covered_basket)
                .filter_map(basket_product),
        )
        .collect();
    let mut missing: Vec<u64> = order
        .basket_items
        .iter()
        .skip(covered_basket)
        .filter_map(basket_product)
        .filter(|id| !asked.contains(id))
        .collect();
    sort_dedup(&mut missing);
    missing
}

/// True when a stock command's first page did not hold every record.
fn stock_cut_off(plan: &StorePlan, answers: &Answers) -> bool {
    plan.all_stock()
        .any(|name| answers.reply(name).is_ok_and(|r| r.next.is_some()))
}

/// The store products whose stock a deal shows: the deal's products and the order's.
fn stocked_products(result: &StoreResult) -> Vec<u64> {
    let basket = result
        .order
        .iter()
        .flat_map(|o| &o.basket_items)
        .filter_map(basket_product);
    let mut ids: Vec<u64> = result.products.iter().map(|p| p.id).chain(basket).collect();
    sort_dedup(&mut ids);
    ids
}

/// The store product of a basket item (none for a line without one).
fn basket_product(item: &BasketItem) -> Option<u64> {
    u64::try_from(item.product_id).ok().filter(|id| *id > 0)
}

/// The store's result from its answers. A command the store refused fails it when reading
/// it as empty would say something false: "no order" under a link the store would not list
/// (and a Link offered over it), "not in the store" for products, 0 in stock and "short" for
/// stock. Order-status lists only name statuses: without them a status shows its code.
fn read_answers(
    plan: &StorePlan,
    answers: &Answers,
    preferred: Option<u64>,
) -> Result<StoreResult, Error> {
    let mut found: Vec<Vec<Order>> = Vec::with_capacity(plan.links.len());
    for ((list, _), candidate) in plan.links.iter().zip(&plan.candidates) {
        let orders: Vec<Order> = answers.list(list, Some("orders"))?;
        let hits: Vec<PropertyHit> = match &candidate.reference {
            OrderReference::PropertyIsDeal { .. } => {
                answers.list(&format!("{list}_values"), Some("propertyValues"))?
            }
            _ => Vec::new(),
        };
        let answering = orders
            .into_iter()
            .filter(|o| answers_reference(&candidate.reference, o, &hits))
            .collect();
        found.push(as_written(&candidate.reference, answering));
    }
    let link = resolve_link(&plan.candidates, &found, preferred);
    let full = link.as_ref().and_then(|l| plan.full_order_command(l));
    let order = match full {
        Some(name) => order_of(answers.get::<Value>(name)?),
        None => None,
    };
    let mut products: Vec<Product> = all(answers, &plan.products, "products")?;
    products.extend(all::<Product>(answers, &plan.variations, VARIATIONS_KEY)?);
    let stock = all(answers, &plan.stock_needed(link.as_ref()), "storeProducts")?;
    // Only a note depends on them ("a variant of the deal's product"): read leniently.
    let basket_variations = plan
        .basket_variations_needed(link.as_ref())
        .map(|name| lenient_list(answers, name, Some(VARIATIONS_KEY)))
        .unwrap_or_default();
    Ok(StoreResult {
        link,
        order,
        statuses: plan
            .statuses
            .as_deref()
            .map(|n| lenient_list(answers, n, Some("statuses")))
            .unwrap_or_default(),
        status_names: plan
            .status_names
            .iter()
            .flat_map(|n| lenient_list::<StatusLang>(answers, n, Some("statusLangs")))
            .collect(),
        warehouses: all(answers, &plan.warehouses, "stores")?,
        // Without them a row with no order line counts in its own unit, as before.
        measures: lenient_list(answers, &plan.measures, Some(MEASURES_KEY)),
        products,
        basket_variations,
        stock,
    })
}

/// Every command's list, concatenated; the first command that failed fails it.
fn all<T: bitrix_rest::value::FromValue>(
    answers: &Answers,
    names: &[String],
    key: &str,
) -> Result<Vec<T>, Error> {
    let mut out = Vec::new();
    for name in names {
        out.extend(answers.list::<T>(name, Some(key))?);
    }
    Ok(out)
}

/// `sale.order.get` answers `{"order": {…}}`.
fn order_of(value: Value) -> Option<Order> {
    Order::from_value(value.get("order")?).ok()
}
