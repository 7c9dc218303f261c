//! Sends the settings page's batches (planned in [`crate::model::settings::load`]) and reads
//! each command's answer by name.

use std::collections::BTreeMap;

use bitrix_rest::models::app::User;
use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::models::crm::{Category, Deal, FieldInfo, Status};
use bitrix_rest::models::sale::{SaleStatus, StatusLang};
use bitrix_rest::{Batch as RestBatch, BatchResults, Client, Error, ErrorKind, RetryPolicy};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::fetch::warehouses::all_warehouses;
use crate::model::app_admin::AppAdmin;
use crate::model::call::Batch;
use crate::model::settings::check::Catalog;
use crate::model::settings::failure::RestFailure;
use crate::model::settings::load::{
    CATALOGS, DEFAULT_STAGES, FIELDS, ME, NAMES, NAMES_EN, ORIGINS, PIPELINES, PortalChoices,
    STAGE_SLOTS, STATUSES, StoreFindings, WAREHOUSES, missing_stages_batch, origin_sources,
    portal_batch, stage_slot, store_batch, store_findings,
};
use crate::model::webhook::StoreWebhook;

/// Every command's outcome of one planned batch; a batch that could not be sent at all gives
/// its error to every command.
struct Answers {
    results: Result<BatchResults, Error>,
}

impl Answers {
    async fn of(client: &Client, batch: &Batch) -> Answers {
        let mut rest = RestBatch::new();
        for command in &batch.commands {
            let added = rest.add::<Value>(
                &command.name,
                command.call.method,
                command.call.params.clone(),
            );
            if let Err(e) = added {
                return Answers { results: Err(e) };
            }
        }
        Answers {
            results: client.run_batch(rest).await,
        }
    }

    /// True when command `name` answered a list page with more pages after it.
    fn has_next_page(&self, name: &str) -> bool {
        self.results
            .as_ref()
            .ok()
            .and_then(|r| r.raw(name))
            .is_some_and(|reply| reply.as_ref().is_ok_and(|r| r.next.is_some()))
    }

    /// The result of command `name`, read from `result[key]` when a key is given.
    fn get<T: DeserializeOwned>(&self, name: &str, key: Option<&str>) -> Result<T, Error> {
        let results = self.results.as_ref().map_err(Clone::clone)?;
        let reply = match results.raw(name) {
            Some(Ok(reply)) => reply,
            Some(Err(e)) => return Err(e.clone()),
            None => {
                return Err(Error::new(
                    ErrorKind::Usage,
                    name,
                    "the command is not in this batch",
                ));
            }
        };
        let value = match key {
            Some(key) => reply.result.get(key).cloned().unwrap_or(Value::Null),
            None => reply.result.clone(),
        };
        serde_json::from_value(value)
            .map_err(|e| Error::new(ErrorKind::Malformed, &reply.method, e.to_string()))
    }
}

/// Loads what the page needs from the portal: one request (two on portals with more
/// pipelines than the batch reads stages of).
pub async fn load_portal(portal: &Client) -> PortalChoices {
    let answers = Answers::of(portal, &portal_batch()).await;
    let pipelines: Result<Vec<Category>, Error> = answers.get(PIPELINES, Some("categories"));
    let mut stages: Vec<Result<Vec<Status>, Error>> = vec![answers.get(DEFAULT_STAGES, None)];
    stages.extend((0..STAGE_SLOTS).map(|i| answers.get(&stage_slot(i), None)));
    if let Ok(list) = &pipelines {
        let more = missing_stages_batch(list);
        if !more.is_empty() {
            let extra = Answers::of(portal, &more).await;
            stages.extend(more.names().iter().map(|name| extra.get(name, None)));
        }
    }
    let fields: Result<BTreeMap<String, FieldInfo>, Error> = answers.get(FIELDS, None);
    let catalogs: Result<Vec<Catalog>, Error> = answers.get(CATALOGS, Some("catalogs"));
    let mut choices = PortalChoices::of(fields, pipelines, stages, catalogs);
    // Optional: without it the admin types the source.
    if let Ok(deals) = answers.get::<Vec<Deal>>(ORIGINS, None) {
        choices.origin_sources = origin_sources(&deals);
    }
    // Optional: without it reps are not told a name.
    choices.me = answers
        .get::<User>(ME, None)
        .ok()
        .and_then(|me| AppAdmin::of_user(&me));
    choices
}

/// Loads (or checks) the store: one request, and one more per further 50 warehouses.
pub async fn load_store(store: &Client, lang: &str) -> Result<StoreFindings, RestFailure> {
    let answers = Answers::of(store, &store_batch(lang)).await;
    let mut warehouses: Result<Vec<Warehouse>, Error> = answers.get(WAREHOUSES, Some("stores"));
    if warehouses.is_ok() && answers.has_next_page(WAREHOUSES) {
        warehouses = all_warehouses(store).await;
    }
    let statuses: Result<Vec<SaleStatus>, Error> = answers.get(STATUSES, Some("statuses"));
    let catalogs: Result<Vec<Catalog>, Error> = answers.get(CATALOGS, Some("catalogs"));
    let mut names: Vec<StatusLang> = answers.get(NAMES, Some("statusLangs")).unwrap_or_default();
    if let Ok(english) = answers.get::<Vec<StatusLang>>(NAMES_EN, Some("statusLangs")) {
        names.extend(english);
    }
    store_findings(warehouses, statuses, catalogs, &names, lang)
}

/// A client for a webhook typed in the form: it fails fast (one retry) so a wrong address is
/// reported in seconds.
pub fn check_client(hook: &StoreWebhook) -> Result<Client, RestFailure> {
    let retry = RetryPolicy {
        max_retries: 1,
        ..RetryPolicy::default()
    };
    Client::builder()
        .retry(retry)
        .webhook(&hook.base_url())
        .map_err(|e| RestFailure::of(&e))
}
