//! List methods: a query builder, page after page (`start`/`next`), and the fast mode for big
//! exports (order by ID, filter `>ID`, `start=-1`), both as streams that hold one page at a time.

use futures::Stream;
use serde_json::{Map, Value, json};

use crate::client::Client;
use crate::clock::Clock;
use crate::command::Command;
use crate::error::{Error, ErrorKind};
use crate::transport::Transport;

/// Rows in one page of any list method.
///
/// ```
/// assert_eq!(bitrix_rest::PAGE_SIZE, 50);
/// ```
pub const PAGE_SIZE: usize = 50;

/// `select`, `filter`, `order` and other parameters of a list method.
///
/// Map keys are kept in `serde_json`'s order (sorted unless its `preserve_order` feature is
/// on), so give `order` one key when the sort priority matters.
///
/// ```
/// use bitrix_rest::ListQuery;
/// let q = ListQuery::new().select(["ID", "TITLE"]).filter(">ID", 5).order("ID", "ASC");
/// assert_eq!(q.to_params()["filter"][">ID"], 5);
/// assert_eq!(q.to_params()["select"][1], "TITLE");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    params: Map<String, Value>,
}

impl ListQuery {
    /// No parameters.
    ///
    /// ```
    /// assert_eq!(bitrix_rest::ListQuery::new().to_params(), serde_json::json!({}));
    /// ```
    pub fn new() -> ListQuery {
        ListQuery::default()
    }

    /// The fields to return.
    ///
    /// ```
    /// let q = bitrix_rest::ListQuery::new().select(["ID", "TITLE"]);
    /// assert_eq!(q.to_params()["select"], serde_json::json!(["ID", "TITLE"]));
    /// ```
    pub fn select<I, S>(mut self, fields: I) -> ListQuery
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let list = fields
            .into_iter()
            .map(|f| Value::String(f.into()))
            .collect();
        self.params.insert("select".into(), Value::Array(list));
        self
    }

    /// Adds a filter condition; the key carries the operator prefix (`>ID`, `=STAGE_ID`, `%TITLE`).
    ///
    /// ```
    /// let q = bitrix_rest::ListQuery::new().filter("productId", vec![1, 2]);
    /// assert_eq!(q.to_params()["filter"]["productId"][1], 2);
    /// ```
    pub fn filter(self, key: &str, value: impl Into<Value>) -> ListQuery {
        self.nested("filter", key, value.into())
    }

    /// Adds a sort key with `ASC` or `DESC`.
    ///
    /// ```
    /// let q = bitrix_rest::ListQuery::new().order("DATE_MODIFY", "DESC");
    /// assert_eq!(q.to_params()["order"]["DATE_MODIFY"], "DESC");
    /// ```
    pub fn order(self, field: &str, direction: &str) -> ListQuery {
        self.nested("order", field, Value::String(direction.to_owned()))
    }

    /// Sets any other parameter (`entityTypeId`, `start`, …).
    ///
    /// ```
    /// let q = bitrix_rest::ListQuery::new().param("entityTypeId", 2);
    /// assert_eq!(q.to_params()["entityTypeId"], 2);
    /// ```
    pub fn param(mut self, key: &str, value: impl Into<Value>) -> ListQuery {
        self.params.insert(key.to_owned(), value.into());
        self
    }

    /// The parameters as a JSON object.
    ///
    /// ```
    /// let q = bitrix_rest::ListQuery::new().filter("=STAGE_ID", "NEW");
    /// assert_eq!(q.to_params(), serde_json::json!({"filter": {"=STAGE_ID": "NEW"}}));
    /// ```
    pub fn to_params(&self) -> Value {
        Value::Object(self.params.clone())
    }

    fn nested(mut self, section: &str, key: &str, value: Value) -> ListQuery {
        let entry = self
            .params
            .entry(section.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        if let Value::Object(map) = entry {
            map.insert(key.to_owned(), value);
        }
        self
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Every page of a list command, following `next` from the command's `start` (or 0).
    /// Each item is one page; nothing more is held.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use futures::TryStreamExt;
    /// use bitrix_rest::{ListQuery, methods::deals};
    /// let pages = client.pages(deals::list(&ListQuery::new().select(["ID", "TITLE"])));
    /// futures::pin_mut!(pages);
    /// while let Some(page) = pages.try_next().await? {
    ///     for deal in page { println!("{}", deal.title); }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn pages<R: 'static>(
        &self,
        command: Command<Vec<R>>,
    ) -> impl Stream<Item = Result<Vec<R>, Error>> + 'static {
        let client = self.clone();
        let first = command
            .params
            .get("start")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        futures::stream::try_unfold(Some(first), move |start| {
            let client = client.clone();
            let mut command = command.clone();
            async move {
                let Some(start) = start else {
                    return Ok(None);
                };
                set(&mut command.params, "start", json!(start));
                let reply = client.send_reply(command).await?;
                let next = match reply.next {
                    Some(n) if n <= start => {
                        return Err(Error::new(
                            ErrorKind::Malformed,
                            reply.method,
                            format!("`next` ({n}) does not move past `start` ({start})"),
                        ));
                    }
                    other => other,
                };
                Ok(Some((reply.result, next)))
            }
        })
    }

    /// Reads every page of a list command into one list. For big lists prefer
    /// [`pages`](Self::pages) or [`fast_pages`](Self::fast_pages).
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::{ListQuery, methods::orders};
    /// let all = client.list_all(orders::list(&ListQuery::new().filter("statusId", "N"))).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list_all<R: 'static>(&self, command: Command<Vec<R>>) -> Result<Vec<R>, Error> {
        use futures::TryStreamExt;
        let pages = self.pages(command);
        futures::pin_mut!(pages);
        let mut all = Vec::new();
        while let Some(page) = pages.try_next().await? {
            all.extend(page);
        }
        Ok(all)
    }

    /// The fast export: orders by `id_field` ascending, filters `>id_field` past the last row
    /// seen, sends `start=-1` (no counting), and stops at a page shorter than 50. Any other
    /// filter of the command is kept; its `order` is replaced.
    ///
    /// `id_field` is `"ID"` for `crm.*`, `"id"` for `sale.*` and `catalog.*`.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use futures::TryStreamExt;
    /// use bitrix_rest::{ListQuery, methods::deals};
    /// let pages = client.fast_pages(deals::list(&ListQuery::new().select(["ID", "TITLE"])), "ID");
    /// futures::pin_mut!(pages);
    /// while let Some(page) = pages.try_next().await? { println!("{} deals", page.len()); }
    /// # Ok(()) }
    /// ```
    pub fn fast_pages<R: 'static>(
        &self,
        command: Command<Vec<R>>,
        id_field: &str,
    ) -> impl Stream<Item = Result<Vec<R>, Error>> + 'static {
        let client = self.clone();
        let id_field = id_field.to_owned();
        let filter_key = format!(">{id_field}");
        let first = command
            .params
            .get("filter")
            .and_then(|f| f.get(&filter_key))
            .cloned()
            .unwrap_or(json!(0));
        let raw: Command<Value> = command.raw();
        let decode = command.decode;
        futures::stream::try_unfold(Some(first), move |after| {
            let client = client.clone();
            let mut raw = raw.clone();
            let id_field = id_field.clone();
            let filter_key = filter_key.clone();
            async move {
                let Some(after) = after else {
                    return Ok(None);
                };
                set(&mut raw.params, "start", json!(-1));
                set(&mut raw.params, "order", json!({ id_field.clone(): "ASC" }));
                let filter = raw.params.get("filter").cloned().unwrap_or(json!({}));
                let mut filter = if filter.is_object() {
                    filter
                } else {
                    json!({})
                };
                filter[filter_key.as_str()] = after;
                set(&mut raw.params, "filter", filter);
                let method = raw.method.clone();
                let rows = match client.send(raw).await? {
                    Value::Array(rows) => rows,
                    // PHP's empty list may come as `{}`/`[]`-like oddities; nothing more to read.
                    Value::Object(map) if map.is_empty() => Vec::new(),
                    Value::Null => Vec::new(),
                    other => {
                        return Err(Error::new(
                            ErrorKind::Malformed,
                            method,
                            format!("expected a list of rows, got {other}"),
                        ));
                    }
                };
                let full = rows.len() >= PAGE_SIZE;
                let last = match rows.last() {
                    Some(row) => Some(row_id(&method, row, &id_field)?),
                    None => None,
                };
                let page =
                    crate::envelope::decode_result(&method, None, Value::Array(rows), decode)?;
                let next = match last {
                    Some(id) if full => Some(json!(id)),
                    _ => None,
                };
                Ok(Some((page, next)))
            }
        })
    }
}

/// The ID of a row as a number (`"410"` or `410`).
fn row_id(method: &str, row: &Value, field: &str) -> Result<u64, Error> {
    let id = row.get(field).and_then(|v| match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    id.ok_or_else(|| {
        Error::new(
            ErrorKind::Malformed,
            method,
            format!("a row has no numeric `{field}` to continue after"),
        )
    })
}

fn set(params: &mut Value, key: &str, value: Value) {
    if !params.is_object() {
        *params = Value::Object(Map::new());
    }
    if let Value::Object(map) = params {
        map.insert(key.to_owned(), value);
    }
}
