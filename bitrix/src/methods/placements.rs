//! Placements: `placement.bind/unbind/get/list`.

use serde_json::{Value, json};

use super::handler;
use crate::models::app::PlacementBinding;
use crate::{Access, Clock, Command, Error, Transport};

/// What to bind: a placement code, the handler URL and its titles.
///
/// ```
/// use bitrix_rest::methods::placements::Binding;
/// let b = Binding::new("CRM_DEAL_DETAIL_TAB", "https://app.example/index.html", "Store")
///     .title_in("ru", "Магазин");
/// assert_eq!(b.to_params()["LANG_ALL"]["ru"]["TITLE"], "Магазин");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The placement code, e.g. `CRM_DEAL_DETAIL_TAB`.
    pub placement: String,
    /// The URL opened in the iframe.
    pub handler: String,
    /// The default title.
    pub title: String,
    /// A description.
    pub description: String,
    /// Titles per language.
    pub titles: Vec<(String, String)>,
    /// Descriptions per language (with `LANG_ALL` the portal reads each language's description
    /// there and ignores `DESCRIPTION`).
    pub descriptions: Vec<(String, String)>,
}

impl Binding {
    /// A binding with a title and no translations.
    ///
    /// ```
    /// use bitrix_rest::methods::placements::Binding;
    /// let b = Binding::new("CRM_DEAL_DETAIL_TAB", "https://app.example/", "Store");
    /// assert_eq!(b.to_params()["PLACEMENT"], "CRM_DEAL_DETAIL_TAB");
    /// ```
    pub fn new(placement: &str, handler: &str, title: &str) -> Binding {
        Binding {
            placement: placement.to_owned(),
            handler: handler.to_owned(),
            title: title.to_owned(),
            description: String::new(),
            titles: Vec::new(),
            descriptions: Vec::new(),
        }
    }

    /// Adds a title in one language (`ru`, `en`, …).
    ///
    /// ```
    /// use bitrix_rest::methods::placements::Binding;
    /// let b = Binding::new("CRM_DEAL_DETAIL_TAB", "https://app.example/", "Store").title_in("en", "Store");
    /// assert_eq!(b.titles.len(), 1);
    /// ```
    pub fn title_in(mut self, lang: &str, title: &str) -> Binding {
        self.titles.push((lang.to_owned(), title.to_owned()));
        self
    }

    /// Adds a description in one language.
    ///
    /// ```
    /// use bitrix_rest::methods::placements::Binding;
    /// let b = Binding::new("CRM_DEAL_DETAIL_TAB", "https://app.example/", "Store")
    ///     .title_in("ru", "Магазин")
    ///     .description_in("ru", "Заказ и остатки");
    /// assert_eq!(b.to_params()["LANG_ALL"]["ru"]["DESCRIPTION"], "Заказ и остатки");
    /// ```
    pub fn description_in(mut self, lang: &str, description: &str) -> Binding {
        self.descriptions
            .push((lang.to_owned(), description.to_owned()));
        self
    }

    /// The `placement.bind` parameters.
    ///
    /// ```
    /// use bitrix_rest::methods::placements::Binding;
    /// let p = Binding::new("CRM_DEAL_DETAIL_TAB", "https://app.example/", "Store").to_params();
    /// assert_eq!(p["HANDLER"], "https://app.example/");
    /// ```
    pub fn to_params(&self) -> Value {
        let mut params = json!({
            "PLACEMENT": self.placement,
            "HANDLER": self.handler,
            "TITLE": self.title,
            "DESCRIPTION": self.description,
        });
        let mut langs = serde_json::Map::new();
        for (lang, title) in &self.titles {
            langs.insert(lang.clone(), json!({ "TITLE": title }));
        }
        for (lang, description) in &self.descriptions {
            let entry = langs.entry(lang.clone()).or_insert_with(|| json!({}));
            entry["DESCRIPTION"] = json!(description);
        }
        if !langs.is_empty() {
            params["LANG_ALL"] = Value::Object(langs);
        }
        params
    }
}

/// `placement.bind` → `true`.
///
/// ```
/// use bitrix_rest::methods::placements::{bind, Binding};
/// assert_eq!(bind(&Binding::new("CRM_DEAL_DETAIL_TAB", "https://a.example/", "Store")).method(), "placement.bind");
/// ```
pub fn bind(binding: &Binding) -> Command<bool> {
    Command::decoded("placement.bind", binding.to_params())
}

/// `placement.unbind {PLACEMENT, HANDLER?}` → how many bindings were removed.
///
/// ```
/// let c = bitrix_rest::methods::placements::unbind("CRM_DEAL_DETAIL_TAB", None);
/// assert_eq!(c.result_key(), Some("count"));
/// ```
pub fn unbind(placement: &str, handler: Option<&str>) -> Command<u64> {
    let mut params = json!({ "PLACEMENT": placement });
    if let Some(h) = handler {
        params["HANDLER"] = json!(h);
    }
    Command::decoded("placement.unbind", params).key("count")
}

/// `placement.get`: what this app has bound.
///
/// ```
/// assert_eq!(bitrix_rest::methods::placements::bound().method(), "placement.get");
/// ```
pub fn bound() -> Command<Vec<PlacementBinding>> {
    Command::decoded("placement.get", Value::Null)
}

/// `placement.list`: the placement codes this app may bind to.
///
/// ```
/// assert_eq!(bitrix_rest::methods::placements::available().access(), bitrix_rest::Access::Read);
/// ```
pub fn available() -> Command<Vec<String>> {
    Command::decoded("placement.list", Value::Null).with_access(Access::Read)
}

handler!(
    /// Placements of the app. Reach it with [`Client::placements`](crate::Client::placements).
    placements => placements::Placements
);

impl<T: Transport, C: Clock> Placements<'_, T, C> {
    /// Binds a placement. Already bound counts as success and returns `false`; a new binding
    /// returns `true`. Bitrix24 has no code of its own for "already bound": it passes on its
    /// placement table's error as `ERROR_CORE`, "Unable to set placement handler: Handler
    /// already binded", so the description tells.
    ///
    /// ```no_run
    /// # async fn run(portal: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// use bitrix_rest::methods::placements::Binding;
    /// portal.placements().bind(&Binding::new("CRM_DEAL_DETAIL_TAB", "https://a.example/", "Store")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn bind(self, binding: &Binding) -> Result<bool, Error> {
        match self.client.send(bind(binding)).await {
            Ok(done) => Ok(done),
            Err(e) if already_bound(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Unbinds a placement (one handler, or all of this app's); returns how many were removed.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let removed = client.placements().unbind("CRM_DEAL_DETAIL_TAB", None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn unbind(self, placement: &str, handler: Option<&str>) -> Result<u64, Error> {
        self.client.send(unbind(placement, handler)).await
    }

    /// What this app has bound.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// for b in client.placements().bound().await? { println!("{} → {}", b.placement, b.handler); }
    /// # Ok(()) }
    /// ```
    pub async fn bound(self) -> Result<Vec<PlacementBinding>, Error> {
        self.client.send(bound()).await
    }

    /// The placement codes this app may bind to.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let codes = client.placements().available().await?;
    /// let has_tab = codes.iter().any(|c| c == "CRM_DEAL_DETAIL_TAB");
    /// # Ok(()) }
    /// ```
    pub async fn available(self) -> Result<Vec<String>, Error> {
        self.client.send(available()).await
    }
}

/// The error `placement.bind` answers for a handler bound already (any letter case; the
/// portal's wording is "Handler already binded").
fn already_bound(e: &Error) -> bool {
    e.description
        .to_ascii_lowercase()
        .contains("already binded")
}
