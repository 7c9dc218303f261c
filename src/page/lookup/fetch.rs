//! One lookup request: the plan from the model, one batch to the store, the answer read back.

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::value::FromValue;
use bitrix_rest::{Client, Error, ErrorKind};

use crate::fetch::answers::{self, Answers};
use crate::model::lookup::LookupQuery;
use crate::model::lookup_search::{LookupAnswer, Replies, lookup_answer, lookup_plan};
use crate::model::settings::Settings;

struct Read<'a>(&'a Answers);

impl Replies for Read<'_> {
    fn list_of<T: FromValue>(&self, name: &str, key: &str) -> Result<Vec<T>, Error> {
        self.0.list(name, Some(key))
    }
}

/// Asks the store for `query` (one HTTP request) and reads the answer.
pub async fn search(
    client: &Client,
    settings: &Settings,
    query: &LookupQuery,
    known: Option<Vec<Warehouse>>,
) -> Result<LookupAnswer, Error> {
    let plan = lookup_plan(query, settings, known.as_deref()).ok_or_else(|| {
        // The panel is only shown with a store catalogue configured.
        Error::new(
            ErrorKind::Usage,
            "catalog.product.list",
            "no store catalogue",
        )
    })?;
    let answers = answers::run(client, &plan.batch).await?;
    lookup_answer(&plan, &Read(&answers), settings, known.as_deref())
}
