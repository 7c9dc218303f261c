//! One deal open: one batch to the portal, then one to the store (the store's batch needs the
//! deal's link fields and its products' XML_IDs) — or both at once when the store batch of the
//! previous open is given as a guess (see [`crate::model::view::requests::guess`]). Link rules
//! keeping both an order's ID and its number cost one more portal request, after the store's
//! (see [`crate::model::shared_link`]).

use bitrix_rest::models::catalog::Product;
use bitrix_rest::models::crm::{Category, Contact, Deal, ProductRow, Status};
use bitrix_rest::{Client, Error, ErrorKind};
use futures::future::Either;

use super::answers::{Answers, run};
use super::store_side::{Guessed, StoreData, fetch_store};
use crate::model::call::Batch;
use crate::model::catalog_query::{VARIATION_LIST, VARIATIONS_KEY};
use crate::model::settings::Settings;
use crate::model::shared_link::{LinkProbe, OrderKeys, cross_calls};
use crate::model::view::requests::{OpenHints, StoreOpen, missing_portal_products, portal_plan};
use crate::model::view::{DealInputs, DealView};

/// What a deal open needs to know besides the deal's ID.
#[derive(Debug, Clone, Copy)]
pub struct OpenContext<'a> {
    pub portal: &'a Client,
    /// `None` when no store connection is configured.
    pub store: Option<&'a Client>,
    pub settings: &'a Settings,
    /// The rep's language code (`ru`, `en`).
    pub lang: &'a str,
    /// The order the rep picked earlier among several the link rule found.
    pub preferred_order: Option<u64>,
    /// Sizes remembered from the previous open of this deal.
    pub hints: &'a OpenHints,
    /// The store batch of the previous open of this deal, sent alongside the portal's.
    pub guess: Option<&'a Batch>,
}

/// Everything fetched for one deal, owned; [`DealData::view`] assembles what the tab shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DealData {
    pub deal: Deal,
    pub rows: Vec<ProductRow>,
    pub contact: Option<Contact>,
    pub portal_products: Vec<Product>,
    /// Why the portal's product catalogue could not be read (the rows' codes are unknown).
    pub catalogue_error: Option<Error>,
    pub stages: Vec<Status>,
    pub pipelines: Vec<Category>,
    /// Other deals listed as holding a link to the same order, by probe (checked in the view).
    pub same_link: Vec<(LinkProbe, Vec<Deal>)>,
    pub store: StoreData,
    /// HTTP requests made, per system: (portal, store).
    pub requests: (usize, usize),
    /// The store batch this open needed (to send as the next open's guess).
    pub store_batch: Option<Batch>,
}

/// Fetches deal `deal_id` from the portal and its order and stock from the store. Fails only
/// when the portal cannot give the deal itself; a store failure is part of the data.
///
/// `crm_ready` is handed the portal's part (the store [`StoreData::Pending`]) as soon as it is
/// complete while the store's answer is still awaited, so a slow store does not hide the deal.
pub async fn open_deal(
    ctx: OpenContext<'_>,
    deal_id: u64,
    crm_ready: &dyn Fn(&DealData),
) -> Result<DealData, Error> {
    let plan = portal_plan(deal_id, ctx.settings, ctx.hints);
    let guess = async {
        match (ctx.store, ctx.guess) {
            (Some(store), Some(guess)) => Some(Guessed {
                batch: guess,
                answers: run(store, guess).await,
            }),
            _ => None,
        }
    };
    let portal = run(ctx.portal, &plan.batch);
    futures::pin_mut!(guess, portal);
    // The portal's answer is used as soon as it is in; the guessed store batch may go on.
    let (answers, guessed) = match futures::future::select(portal, guess).await {
        Either::Left((answers, guess)) => (answers, Either::Left(guess)),
        Either::Right((guessed, portal)) => (portal.await, Either::Right(guessed)),
    };
    let answers = answers?;
    let mut requests = (answers.requests(), 0);
    let deal: Deal = answers.get(&plan.deal)?;
    let rows: Vec<ProductRow> = answers.list(&plan.rows, None)?;
    // A deal without a contact leaves the contact command unresolved: no contact.
    let contact: Option<Contact> = deal
        .contact_id
        .and_then(|_| answers.get(&plan.contact).ok());
    let mut stages: Vec<Status> = Vec::new();
    for name in &plan.stages {
        for s in lenient_list::<Status>(&answers, name, None) {
            if !stages.iter().any(|k| k.status_id == s.status_id) {
                stages.push(s);
            }
        }
    }
    let pipelines = plan
        .pipelines
        .as_deref()
        .map(|name| lenient_list(&answers, name, Some("categories")))
        .unwrap_or_default();
    let mut portal_products: Vec<Product> = Vec::new();
    let mut catalogue_error = None;
    for name in &plan.products {
        read_products(&answers, name, &mut portal_products, &mut catalogue_error);
    }
    for name in &plan.variations {
        read_variations(&answers, name, &mut portal_products);
    }
    // Optional: a failed list shows no warning rather than failing the open.
    let same_link = plan
        .same_link
        .iter()
        .map(|(probe, name)| (*probe, lenient_list::<Deal>(&answers, name, None)))
        .collect();
    // Rows beyond the batch's slots; a products command that failed is not asked again.
    let more = catalogue_error
        .is_none()
        .then(|| missing_portal_products(ctx.settings, &rows, &portal_products))
        .flatten();
    if let Some(batch) = more {
        match run(ctx.portal, &batch).await {
            Ok(more) => {
                requests.0 += more.requests();
                for command in &batch.commands {
                    if command.call.method == VARIATION_LIST {
                        read_variations(&more, &command.name, &mut portal_products);
                    } else {
                        read_products(
                            &more,
                            &command.name,
                            &mut portal_products,
                            &mut catalogue_error,
                        );
                    }
                }
            }
            Err(e) if e.kind == ErrorKind::Cancelled => return Err(e),
            Err(e) => {
                requests.0 += 1;
                catalogue_error = Some(e);
            }
        }
    }
    let mut data = DealData {
        deal,
        rows,
        contact,
        portal_products,
        catalogue_error,
        stages,
        pipelines,
        same_link,
        store: StoreData::NotConfigured,
        requests,
        store_batch: None,
    };
    let Some(store) = ctx.store else {
        return Ok(data);
    };
    data.store = StoreData::Pending;
    crm_ready(&data);
    let guessed = match guessed {
        Either::Left(running) => running.await,
        Either::Right(done) => done,
    };
    let open = StoreOpen {
        deal: &data.deal,
        rows: &data.rows,
        portal_products: &data.portal_products,
        lang: ctx.lang,
    };
    let fetched = fetch_store(store, ctx, open, guessed).await;
    data.requests.1 = fetched.requests;
    data.store = fetched.data;
    data.store_batch = fetched.batch;
    ask_across(ctx.portal, &mut data, ctx.settings).await?;
    Ok(data)
}

/// Asks, now that the store named the linked order, for the deals holding it under the rules
/// that keep the other kind of key than the linking one ([`cross_calls`]): one more portal
/// request, made only with such rules. Its lists join the other probes' (a failed one reads as
/// empty, as theirs do).
async fn ask_across(
    portal: &Client,
    data: &mut DealData,
    settings: &Settings,
) -> Result<(), Error> {
    let StoreData::Answered(answer) = &data.store else {
        return Ok(());
    };
    let (Some(link), Some(order)) = (&answer.link, &answer.order) else {
        return Ok(());
    };
    let keys = OrderKeys {
        id: order.id,
        number: order.account_number.clone(),
    };
    let calls = cross_calls(data.deal.id, &settings.link_rules, link.rule_index, &keys);
    if calls.is_empty() {
        return Ok(());
    }
    let mut batch = Batch::new();
    for (probe, call) in &calls {
        batch.push(probe.name(), call.clone());
    }
    match run(portal, &batch).await {
        Ok(answers) => {
            data.requests.0 += answers.requests();
            for (probe, _) in calls {
                let listed = lenient_list::<Deal>(&answers, &probe.name(), None);
                data.same_link.push((probe, listed));
            }
        }
        Err(e) if e.kind == ErrorKind::Cancelled => return Err(e),
        Err(_) => data.requests.0 += 1,
    }
    Ok(())
}

/// A list answer where a failed or absent command reads as empty (for optional parts).
pub(crate) fn lenient_list<T: bitrix_rest::value::FromValue>(
    answers: &Answers,
    name: &str,
    key: Option<&str>,
) -> Vec<T> {
    answers.list(name, key).unwrap_or_default()
}

/// Adds a products command's answer to `products`; a failed one is kept in `failed` (the
/// first failure) and the rows it was for stay without codes.
/// Variations are optional: a portal that cannot list them leaves those rows unchecked.
fn read_variations(answers: &Answers, name: &str, products: &mut Vec<Product>) {
    products.extend(lenient_list::<Product>(answers, name, Some(VARIATIONS_KEY)));
}

fn read_products(
    answers: &Answers,
    name: &str,
    products: &mut Vec<Product>,
    failed: &mut Option<Error>,
) {
    match answers.list(name, Some("products")) {
        Ok(list) => products.extend(list),
        Err(e) => {
            failed.get_or_insert(e);
        }
    }
}

impl DealData {
    /// The view the tab renders.
    pub fn view(&self, settings: &Settings, lang: &str) -> DealView {
        DealView::build(DealInputs {
            deal: &self.deal,
            rows: &self.rows,
            contact: self.contact.as_ref(),
            portal_products: &self.portal_products,
            catalogue_unread: self.catalogue_error.is_some(),
            stages: &self.stages,
            same_link: &self.same_link,
            settings,
            lang,
            store: self.store.side(),
        })
    }

    /// Sizes to plan the next open of this deal with.
    pub fn hints(&self) -> OpenHints {
        let (basket, warehouses) = match &self.store {
            StoreData::Answered(a) => (
                a.order.as_ref().map(|o| o.basket_items.len()),
                Some(a.warehouses.len()).filter(|n| *n > 0),
            ),
            _ => (None, None),
        };
        OpenHints {
            row_count: Some(self.rows.len()),
            basket_count: basket,
            warehouse_count: warehouses,
            ..OpenHints::default()
        }
    }
}
