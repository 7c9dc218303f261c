//! The store batch of a deal open, built from the portal's answer.

use bitrix_rest::models::{
    catalog::Product,
    crm::{Deal, ProductRow},
    sale::Order,
};
use serde_json::{Value, json};

use super::OpenHints;
use crate::model::call::{Batch, Call, PAGE_SIZE, slot_refs};
use crate::model::catalog_query::{
    ASSUMED_WAREHOUSES, VARIATIONS_KEY, measure_list_call, product_list_call, stock_commands,
    variation_list_call, warehouse_pages,
};
use crate::model::link::{
    LinkCandidate, LinkedOrder, link_candidates, order_get_call, reference_commands,
};
use crate::model::settings::Settings;
use crate::model::sorted::sort_dedup;

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
    /// `catalog.store.list` pages (as many as the warehouses last counted fill), unless cached.
    pub warehouses: Vec<String>,
    /// `catalog.measure.list`: the units the store's products count in.
    pub measures: String,
    /// `catalog.product.list` commands for the deal's products.
    pub products: Vec<String>,
    /// `catalog.product.offer.list` commands for those that are variations (by XML_ID, when
    /// the store's catalogue has variations).
    pub variations: Vec<String>,
    /// `catalog.storeproduct.list` commands of the deal's products and variations.
    pub stock: Vec<String>,
    /// Per candidate (as `links`), when the store's catalogue has variations: the
    /// `catalog.product.offer.list` of its order's basket products, for their `parentId` (an
    /// order line that is a variant of a deal row's product says so).
    pub basket_variations: Vec<Option<String>>,
    /// Per candidate (as `links`): the stock commands of its order's basket. Only the rule
    /// that linked the order needs its own: the others' fail with their order (no order found).
    pub basket_stock: Vec<Vec<String>>,
    /// How many of the fetched order's basket items the stock commands cover (`$result` slots);
    /// stock for items past them is asked once the order is known.
    pub basket_slots: usize,
}

impl StorePlan {
    /// The batch as HTTP requests (one up to 50 deal rows; see [`Batch::into_requests`]).
    pub fn requests(&self) -> Vec<Batch> {
        self.batch.clone().into_requests()
    }

    /// The name of the full-order command (`sale.order.get`) of the rule that linked the order.
    pub fn full_order_command(&self, linked: &LinkedOrder) -> Option<&str> {
        let position = self.link_position(linked)?;
        self.links.get(position).map(|(_, full)| full.as_str())
    }

    /// The stock commands the view needs: the products' and variations', and the basket's of
    /// the rule that linked `linked` (none without a link).
    pub fn stock_needed(&self, linked: Option<&LinkedOrder>) -> Vec<String> {
        let basket = linked
            .and_then(|l| self.link_position(l))
            .and_then(|i| self.basket_stock.get(i))
            .map_or(&[][..], Vec::as_slice);
        self.stock.iter().chain(basket).cloned().collect()
    }

    /// The command listing the variations among the basket products of the rule that linked
    /// `linked`, when there is one.
    pub fn basket_variations_needed(&self, linked: Option<&LinkedOrder>) -> Option<&str> {
        let position = linked.and_then(|l| self.link_position(l))?;
        self.basket_variations.get(position)?.as_deref()
    }

    /// Every stock command of the batch.
    pub fn all_stock(&self) -> impl Iterator<Item = &String> {
        self.stock.iter().chain(self.basket_stock.iter().flatten())
    }

    fn link_position(&self, linked: &LinkedOrder) -> Option<usize> {
        self.candidates
            .iter()
            .position(|c| c.rule_index == linked.rule_index)
    }
}

/// The extra `sale.order.get` needed when the order shown is not the one the batch fetched in
/// full (the rep picked another of several, or the store listed them in another order).
pub fn chosen_order_fetch(linked: &LinkedOrder, fetched: Option<&Order>) -> Option<Call> {
    let chosen = linked.chosen_order()?;
    (fetched.map(|o| o.id) != Some(chosen.id)).then(|| order_get_call(chosen.id))
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
    let count = hints.warehouse_count.unwrap_or(ASSUMED_WAREHOUSES);
    let warehouses = if hints.warehouses_cached {
        Vec::new()
    } else {
        warehouse_pages(&mut batch, "warehouses", count)
    };
    // A row without an order line is asked of the stock in its product's unit.
    let measures = "measures".to_owned();
    batch.push(measures.clone(), measure_list_call());
    // The tab compares the deal's prices with the order's; the catalogue's prices are the
    // lookup's, not asked here.
    let mut stock = Vec::new();
    let add_ids = |batch: &mut Batch, source: &str, ids: &[Value]| {
        stock_commands(
            batch,
            &format!("{source}_stock"),
            ids,
            &settings.warehouses,
            count,
        )
    };
    let prop = settings.product_property.as_ref();
    // The article too, shown under a row whose code is a 1C GUID.
    let mut store_extra: Vec<&str> = prop.map(|p| p.store.as_str()).into_iter().collect();
    if let Some(article) = settings.article_property.as_deref()
        && !store_extra.contains(&article)
    {
        store_extra.push(article);
    }
    let variation_extra: Vec<&str> = ["parentId"]
        .into_iter()
        .chain(settings.variation_article_property.as_deref())
        .collect();
    let mut products = Vec::new();
    let mut variations = Vec::new();
    for (i, (key, values)) in product_keys(open.portal_products, settings)
        .into_iter()
        .enumerate()
    {
        let name = format!("products{i}");
        batch.push(
            name.clone(),
            product_list_call(iblock, json!({ key: values }), &store_extra, None),
        );
        stock.extend(add_ids(
            &mut batch,
            &name,
            &slot_refs(&name, &["products"], values.len(), "id"),
        ));
        products.push(name);
    }
    // A variation's own properties differ from its product's: matched by XML_ID only.
    if let Some(offers) = settings
        .store_variations_iblock_id
        .filter(|_| settings.matches_by_xml_id())
    {
        let xml_ids = variation_xml_ids(open.portal_products, settings);
        for (i, chunk) in xml_ids.chunks(PAGE_SIZE).enumerate() {
            let name = format!("variations{i}");
            batch.push(
                name.clone(),
                variation_list_call(offers, json!({ "xmlId": chunk }), &variation_extra, None),
            );
            stock.extend(add_ids(
                &mut batch,
                &name,
                &slot_refs(&name, &[VARIATIONS_KEY], chunk.len(), "id"),
            ));
            variations.push(name);
        }
    }
    let basket_slots = hints.basket_count.unwrap_or(open.rows.len().max(10));
    let basket_stock = links
        .iter()
        .map(|(list, full)| {
            let slots = slot_refs(full, &["order", "basketItems"], basket_slots, "productId");
            add_ids(&mut batch, list, &slots)
        })
        .collect();
    let basket_variations = links
        .iter()
        .map(|(list, full)| {
            let offers = settings.store_variations_iblock_id?;
            let slots = slot_refs(full, &["order", "basketItems"], basket_slots, "productId");
            let name = format!("{list}_variations");
            batch.push(
                name.clone(),
                variation_list_call(offers, json!({ "id": slots }), &variation_extra, None),
            );
            Some(name)
        })
        .collect();
    Some(StorePlan {
        batch,
        candidates,
        links,
        statuses,
        status_names,
        warehouses,
        measures,
        products,
        variations,
        stock,
        basket_variations,
        basket_stock,
        basket_slots,
    })
}

/// The XML_IDs to look for among the store's variations: those of the portal's variations,
/// or every XML_ID when the portal's catalogue of variations is not known.
fn variation_xml_ids(portal_products: &[Product], settings: &Settings) -> Vec<String> {
    let portal_variations = settings.portal_variations_iblock_id;
    let mut ids: Vec<String> = portal_products
        .iter()
        .filter(|p| portal_variations.is_none() || p.iblock_id == portal_variations)
        .filter_map(|p| xml_id(p).map(str::to_owned))
        .collect();
    sort_dedup(&mut ids);
    ids
}

fn xml_id(p: &Product) -> Option<&str> {
    p.xml_id.as_deref().map(str::trim).filter(|x| !x.is_empty())
}

/// The store product queries: XML_IDs of the portal products (50 a command; none when the
/// property alone matches), then the values of the matching property, when configured. Each
/// entry is a filter key and its values.
fn product_keys(portal_products: &[Product], settings: &Settings) -> Vec<(String, Vec<String>)> {
    let distinct = |mut v: Vec<String>| {
        sort_dedup(&mut v);
        v
    };
    let xml_ids = distinct(
        portal_products
            .iter()
            .filter(|_| settings.matches_by_xml_id())
            .filter_map(|p| xml_id(p).map(str::to_owned))
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
