//! The requests of one deal open, as data: one portal batch, then one store batch built from
//! the portal's answer. Each fits one HTTP request up to 50 deal rows.
//!
//! Why in sequence: the store batch needs what only the portal knows — the link fields of the
//! deal (`UF_CRM_…`, `ORIGIN_ID`) and the XML_IDs of its products.
//!
//! Within each batch, IDs an earlier command returns are passed to later ones with
//! `$result[...]` references (documented for batch): the contact by `$result[deal][CONTACT_ID]`,
//! the deal's pipeline stages by `DEAL_STAGE_$result[deal][CATEGORY_ID]`, the portal products by
//! `$result[rows][i][PRODUCT_ID]`, the full order by `$result[link0][orders][0][id]`, and stock
//! and prices by `$result[products0][products][i][id]` and
//! `$result[link0_order][order][basketItems][i][productId]`. A list of IDs is one list command
//! with an array filter (`id` = IN for products, `@productId` for stock and prices), so the
//! number of commands does not grow with each product. A slot past the end of its list does not
//! resolve to an ID and matches nothing; the view keeps only records of products it knows.
//!
//! Cacheable lists (stages, pipelines, statuses and their names, warehouses) are left out when
//! the UI says it has them.

use bitrix_rest::models::{
    catalog::Product,
    crm::{Deal, ProductRow},
};
use serde_json::{Value, json};

use crate::model::call::{Batch, Call, PAGE_SIZE, result_ref, slot_refs};
use crate::model::catalog_query::{
    ASSUMED_WAREHOUSES, price_commands, product_list_call, stock_commands,
};
use crate::model::link::{LinkCandidate, link_candidates, reference_commands};
use crate::model::settings::Settings;

/// What the UI remembers from earlier opens; everything is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenHints {
    /// Rows this deal had last time (plans the product slots; default 50).
    pub row_count: Option<usize>,
    /// Basket items its order had last time (default: the number of rows, at least 10).
    pub basket_count: Option<usize>,
    /// Warehouses the store has (plans the stock commands; default 5).
    pub warehouse_count: Option<usize>,
    /// The stages of every pipeline are cached.
    pub stages_cached: bool,
    /// The pipelines are cached.
    pub pipelines_cached: bool,
    /// The order statuses and their names are cached.
    pub statuses_cached: bool,
    /// The warehouse list is cached.
    pub warehouses_cached: bool,
}

/// The portal batch and the names of its commands.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalPlan {
    /// What to send.
    pub batch: Batch,
    /// `crm.deal.get`.
    pub deal: String,
    /// `crm.deal.productrows.get`.
    pub rows: String,
    /// `crm.contact.get` (fails, harmlessly, for a deal without a contact).
    pub contact: String,
    /// `crm.status.list` commands (default pipeline, the deal's pipeline); empty when cached.
    pub stages: Vec<String>,
    /// `crm.category.list`, unless cached.
    pub pipelines: Option<String>,
    /// `catalog.product.list` commands for the rows' portal products.
    pub products: Vec<String>,
}

impl PortalPlan {
    /// The batch as HTTP requests (one up to 50 commands; see [`Batch::into_requests`]).
    pub fn requests(&self) -> Vec<Batch> {
        self.batch.clone().into_requests()
    }
}

fn round_up(n: usize) -> usize {
    n.max(1).div_ceil(PAGE_SIZE) * PAGE_SIZE
}

/// The portal batch of a deal open.
pub fn portal_plan(deal_id: u64, settings: &Settings, hints: &OpenHints) -> PortalPlan {
    let mut batch = Batch::new();
    batch.push("deal", Call::new("crm.deal.get", json!({"id": deal_id})));
    batch.push(
        "rows",
        Call::new("crm.deal.productrows.get", json!({"id": deal_id})),
    );
    let contact_id = result_ref("deal", &["CONTACT_ID"]);
    batch.push(
        "contact",
        Call::new("crm.contact.get", json!({"id": contact_id})),
    );
    let mut stages = Vec::new();
    if !hints.stages_cached {
        let own = format!("DEAL_STAGE_{}", result_ref("deal", &["CATEGORY_ID"]));
        for (name, entity) in [("stages", "DEAL_STAGE".to_owned()), ("stages_deal", own)] {
            batch.push(
                name,
                Call::new(
                    "crm.status.list",
                    json!({"filter": {"ENTITY_ID": entity}, "order": {"SORT": "ASC"}}),
                ),
            );
            stages.push(name.to_owned());
        }
    }
    let pipelines = (!hints.pipelines_cached).then(|| {
        batch.push(
            "pipelines",
            Call::new("crm.category.list", json!({"entityTypeId": 2})),
        );
        "pipelines".to_owned()
    });
    let mut products = Vec::new();
    if let Some(iblock) = settings.portal_iblock_id {
        let extra: Vec<&str> = settings
            .product_property
            .as_ref()
            .map(|p| p.portal.as_str())
            .into_iter()
            .collect();
        let slots = slot_refs(
            "rows",
            &[],
            round_up(hints.row_count.unwrap_or(PAGE_SIZE)),
            "PRODUCT_ID",
        );
        for (i, chunk) in slots.chunks(PAGE_SIZE).enumerate() {
            let name = format!("products{i}");
            batch.push(
                name.clone(),
                product_list_call(iblock, json!({"id": chunk}), &extra, None),
            );
            products.push(name);
        }
    }
    PortalPlan {
        batch,
        deal: "deal".into(),
        rows: "rows".into(),
        contact: "contact".into(),
        stages,
        pipelines,
        products,
    }
}

/// The portal products the batch could not cover (rows beyond the planned slots, or a failed
/// products command): `catalog.product.list` with their IDs, or `None` when nothing is missing.
pub fn missing_portal_products(
    settings: &Settings,
    rows: &[ProductRow],
    products: &[Product],
) -> Option<Call> {
    let iblock = settings.portal_iblock_id?;
    let mut missing: Vec<u64> = rows
        .iter()
        .filter_map(|r| u64::try_from(r.product_id).ok())
        .filter(|id| *id > 0 && !products.iter().any(|p| p.id == *id))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing.truncate(PAGE_SIZE);
    let extra: Vec<&str> = settings
        .product_property
        .iter()
        .map(|p| p.portal.as_str())
        .collect();
    (!missing.is_empty()).then(|| product_list_call(iblock, json!({"id": missing}), &extra, None))
}

/// The store batch and the names of its commands.
#[derive(Debug, Clone, PartialEq)]
pub struct StorePlan {
    /// What to send.
    pub batch: Batch,
    /// The link rules that apply to the deal, in rule order.
    pub candidates: Vec<LinkCandidate>,
    /// Per candidate: the list command and the full-order command.
    pub links: Vec<(String, String)>,
    /// `sale.status.list`, unless cached.
    pub statuses: Option<String>,
    /// `sale.statusLang.list` commands (the rep's language, English), unless cached.
    pub status_names: Vec<String>,
    /// `catalog.store.list`, unless cached.
    pub warehouses: Option<String>,
    /// `catalog.product.list` commands for the deal's products.
    pub products: Vec<String>,
    /// `catalog.storeproduct.list` commands.
    pub stock: Vec<String>,
    /// `catalog.price.list` commands.
    pub prices: Vec<String>,
}

impl StorePlan {
    /// The batch as HTTP requests (one up to 50 deal rows; see [`Batch::into_requests`]).
    pub fn requests(&self) -> Vec<Batch> {
        self.batch.clone().into_requests()
    }
}

/// What the store batch is built from: the portal's answer.
#[derive(Debug, Clone, Copy)]
pub struct StoreOpen<'a> {
    /// The deal.
    pub deal: &'a Deal,
    /// Its rows.
    pub rows: &'a [ProductRow],
    /// The portal products of the rows (XML_IDs, matching property).
    pub portal_products: &'a [Product],
    /// The rep's language (status names).
    pub lang: &'a str,
}

/// The store batch of a deal open; `None` without a store connection. Each source of product
/// IDs (a products command, a candidate order's basket) has its own stock and price commands,
/// so [`Batch::into_requests`] can split a large plan without cutting a reference.
pub fn store_plan(
    open: StoreOpen<'_>,
    settings: &Settings,
    hints: &OpenHints,
) -> Option<StorePlan> {
    let iblock = settings
        .store_iblock_id
        .filter(|_| settings.store_webhook.is_some())?;
    let mut batch = Batch::new();
    let candidates = link_candidates(open.deal, &settings.link_rules);
    let links: Vec<(String, String)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = format!("link{i}");
            reference_commands(&name, &c.reference, &mut batch);
            let full = format!("{name}_order");
            (name, full)
        })
        .collect();
    let mut status_names = Vec::new();
    let statuses = (!hints.statuses_cached).then(|| {
        batch.push(
            "statuses",
            Call::new("sale.status.list", json!({"filter": {"type": "O"}})),
        );
        let lang = open.lang.trim().to_ascii_lowercase();
        let mut langs = vec![lang.clone()];
        if lang != "en" {
            langs.push("en".into());
        }
        for (i, l) in langs.iter().enumerate() {
            let name = format!("status_names{i}");
            batch.push(
                name.clone(),
                Call::new("sale.statusLang.list", json!({"filter": {"lid": l}})),
            );
            status_names.push(name);
        }
        "statuses".to_owned()
    });
    let warehouses = (!hints.warehouses_cached).then(|| {
        batch.push(
            "warehouses",
            Call::new("catalog.store.list", json!({"order": {"sort": "asc"}})),
        );
        "warehouses".to_owned()
    });
    let count = hints.warehouse_count.unwrap_or(ASSUMED_WAREHOUSES);
    let mut stock = Vec::new();
    let mut prices = Vec::new();
    let mut add_ids = |batch: &mut Batch, source: &str, ids: &[Value]| {
        stock.extend(stock_commands(
            batch,
            &format!("{source}_stock"),
            ids,
            &settings.warehouses,
            count,
        ));
        prices.extend(price_commands(
            batch,
            &format!("{source}_price"),
            ids,
            settings.price_type_id,
        ));
    };
    let prop = settings.product_property.as_ref();
    let store_extra: Vec<&str> = prop.map(|p| p.store.as_str()).into_iter().collect();
    let mut products = Vec::new();
    for (i, (key, values)) in product_keys(open.portal_products, settings)
        .into_iter()
        .enumerate()
    {
        let name = format!("products{i}");
        batch.push(
            name.clone(),
            product_list_call(iblock, json!({ key: values }), &store_extra, None),
        );
        add_ids(
            &mut batch,
            &name,
            &slot_refs(&name, &["products"], values.len(), "id"),
        );
        products.push(name);
    }
    let basket_slots = hints.basket_count.unwrap_or(open.rows.len().max(10));
    for (list, full) in &links {
        add_ids(
            &mut batch,
            list,
            &slot_refs(full, &["order", "basketItems"], basket_slots, "productId"),
        );
    }
    Some(StorePlan {
        batch,
        candidates,
        links,
        statuses,
        status_names,
        warehouses,
        products,
        stock,
        prices,
    })
}

/// The store product queries: XML_IDs of the portal products (50 a command), then the values
/// of the matching property, when configured. Each entry is a filter key and its values.
fn product_keys(portal_products: &[Product], settings: &Settings) -> Vec<(String, Vec<String>)> {
    let distinct = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    let xml_ids = distinct(
        portal_products
            .iter()
            .filter_map(|p| {
                p.xml_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_owned)
            })
            .collect(),
    );
    let mut out: Vec<(String, Vec<String>)> = xml_ids
        .chunks(PAGE_SIZE)
        .map(|c| ("xmlId".to_owned(), c.to_vec()))
        .collect();
    if let Some(pair) = &settings.product_property {
        let values = distinct(
            portal_products
                .iter()
                .filter_map(|p| p.property_text(&pair.portal))
                .collect(),
        );
        out.extend(
            values
                .chunks(PAGE_SIZE)
                .map(|c| (pair.store.clone(), c.to_vec())),
        );
    }
    out
}
