//! The store's warehouses past the pages a batch asked for (`catalog.store.list` holds 50 a
//! page): the remaining pages, all at once in one more batch when the store gave its total.

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::{Client, Error};

use super::answers::{Answers, run};
use crate::model::call::{Batch, PAGE_SIZE};
use crate::model::catalog_query::warehouse_list_call;

/// At most this many further batches are asked (a store that keeps answering `next` is not
/// followed for ever).
const MAX_ROUNDS: usize = 20;

/// The warehouses after the last of the `pages` in `answers` (none when that page was the
/// last), and the HTTP requests it took.
pub async fn rest_of_warehouses(
    store: &Client,
    answers: &Answers,
    pages: &[String],
) -> Result<(Vec<Warehouse>, usize), Error> {
    let mut rest = Vec::new();
    let mut requests = 0;
    let mut last = pages
        .last()
        .and_then(|name| answers.reply(name).ok())
        .map(|r| (r.next, r.total));
    for _ in 0..MAX_ROUNDS {
        let Some((Some(next), total)) = last else {
            break;
        };
        let next = usize::try_from(next).unwrap_or(usize::MAX);
        let end = total
            .and_then(|t| usize::try_from(t).ok())
            .filter(|t| *t > next)
            .unwrap_or(next + 1);
        let mut batch = Batch::new();
        let names: Vec<String> = (next..end)
            .step_by(PAGE_SIZE)
            .map(|start| {
                let name = format!("warehouses_{start}");
                batch.push(name.clone(), warehouse_list_call(start));
                name
            })
            .collect();
        let more = run(store, &batch).await?;
        requests += more.requests();
        for name in &names {
            rest.extend(more.list::<Warehouse>(name, Some("stores"))?);
        }
        last = names
            .last()
            .and_then(|name| more.reply(name).ok())
            .map(|r| {
                (
                    r.next
                        .filter(|n| usize::try_from(*n).is_ok_and(|n| n >= end)),
                    r.total,
                )
            });
    }
    Ok((rest, requests))
}

/// Every warehouse of the store, in the order the tab shows them (one request, more for a
/// store of more than 50).
pub async fn all_warehouses(store: &Client) -> Result<Vec<Warehouse>, Error> {
    let mut batch = Batch::new();
    batch.push("warehouses", warehouse_list_call(0));
    let answers = run(store, &batch).await?;
    let mut all: Vec<Warehouse> = answers.list("warehouses", Some("stores"))?;
    let (rest, _) = rest_of_warehouses(store, &answers, &["warehouses".to_owned()]).await?;
    all.extend(rest);
    Ok(all)
}
