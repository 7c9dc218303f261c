//! One lookup request: the plan from the model, one batch to the store, the answer read back.

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::value::FromValue;
use bitrix_rest::{Client, Error, ErrorKind};

use crate::fetch::answers::{self, Answers};
use crate::fetch::warehouses::rest_of_warehouses;
use crate::model::lookup::LookupQuery;
use crate::model::lookup_search::{LookupAnswer, LookupPlan, Replies, lookup_answer, lookup_plan};
use crate::model::settings::Settings;

struct Read<'a>(&'a Answers);

impl Replies for Read<'_> {
    fn list_of<T: FromValue>(&self, name: &str, key: &str) -> Result<Vec<T>, Error> {
        self.0.list(name, Some(key))
    }
}

/// Asks the store for `query` (one HTTP request) and reads the answer. A store with more
/// warehouses than one page lists, not yet known, takes more: the first request's stock
/// covered too few warehouses, so every warehouse is read and the lookup asked again (the
/// answer hands the list on, so this happens once).
pub async fn search(
    client: &Client,
    settings: &Settings,
    query: &LookupQuery,
    mut known: Option<Vec<Warehouse>>,
) -> Result<LookupAnswer, Error> {
    // Set once every warehouse was read here: the answer hands them on.
    let mut read_all = false;
    loop {
        let plan = plan_of(query, settings, known.as_deref())?;
        let answers = answers::run(client, &plan.batch).await?;
        let pages: Vec<String> = plan.warehouses.iter().cloned().collect();
        let (rest, _) = rest_of_warehouses(client, &answers, &pages).await?;
        if rest.is_empty() {
            let mut answer = lookup_answer(&plan, &Read(&answers), settings, known.as_deref())?;
            if read_all {
                answer.warehouses = known;
            }
            return Ok(answer);
        }
        let mut all: Vec<Warehouse> = answers.list(&pages[0], Some("stores"))?;
        all.extend(rest);
        known = Some(all);
        read_all = true;
    }
}

fn plan_of(
    query: &LookupQuery,
    settings: &Settings,
    known: Option<&[Warehouse]>,
) -> Result<LookupPlan, Error> {
    lookup_plan(query, settings, known).ok_or_else(|| {
        // The panel is only shown with a store catalogue configured.
        Error::new(
            ErrorKind::Usage,
            "catalog.product.list",
            "no store catalogue",
        )
    })
}
