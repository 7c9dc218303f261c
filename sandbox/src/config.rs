//! How a sandbox is started: ports, data set, limits.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Everything [`crate::Sandbox::start`] needs. `Default` is the demo data set on free ports,
/// the cloud rate limit (burst 50, drain 2/s) and one-hour tokens.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Static files of the app (the built widget). `None` serves the built-in demo app.
    pub widget_dir: Option<PathBuf>,
    /// Port of the widget origin; 0 picks a free one.
    pub widget_port: u16,
    /// Port of the portal origin (Bitrix24); 0 picks a free one.
    pub portal_port: u16,
    /// Port of the store origin (1C-Bitrix); 0 picks a free one.
    pub store_port: u16,
    /// The data set loaded on start (into an empty database).
    pub seed: Seed,
    /// Database file kept between runs; `None` keeps the data in memory.
    pub db: Option<PathBuf>,
    /// The leaky bucket of each REST origin; `None` switches limiting off.
    pub rate_limit: Option<BucketConfig>,
    /// Lifetime of OAuth access tokens.
    pub token_ttl: Duration,
    /// `Some(app options)`: StoreLink is installed, its deal tab bound and these options set.
    /// String values may contain `${STORE_WEBHOOK_URL}`, `${WIDGET_URL}`, `${PORTAL_URL}`,
    /// `${STORE_URL}`, replaced by the real URLs once the ports are known.
    pub install_app: Option<serde_json::Value>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            widget_dir: None,
            widget_port: 0,
            portal_port: 0,
            store_port: 0,
            seed: Seed::Demo,
            db: None,
            rate_limit: Some(BucketConfig::default()),
            token_ttl: Duration::from_secs(3600),
            install_app: None,
        }
    }
}

/// Which data set to load.
#[derive(Debug, Clone, PartialEq)]
pub enum Seed {
    /// A believable Russian store: 300+ products, 3 warehouses, 20+ deals.
    Demo,
    /// 10,000 products and 2,000 orders, for benchmarks.
    Large,
    /// A JSON data set in the format of `sandbox/README.md`, read from a file.
    File(PathBuf),
    /// The same JSON format, given as text.
    Json(String),
}

impl Seed {
    /// `demo`, `large`, or a path to a JSON file.
    pub fn parse(text: &str) -> Seed {
        match text {
            "demo" => Seed::Demo,
            "large" => Seed::Large,
            path => Seed::File(PathBuf::from(path)),
        }
    }
}

/// A leaky bucket: up to `burst` requests at once, `drain_per_sec` more each second.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BucketConfig {
    pub burst: u32,
    pub drain_per_sec: f64,
}

impl Default for BucketConfig {
    fn default() -> Self {
        BucketConfig {
            burst: 50,
            drain_per_sec: 2.0,
        }
    }
}

/// Where the three origins listen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Urls {
    /// `http://127.0.0.1:PORT` of the app's static files.
    pub widget: String,
    /// `http://127.0.0.1:PORT` of the Bitrix24 portal.
    pub portal: String,
    /// `http://127.0.0.1:PORT` of the 1C-Bitrix store.
    pub store: String,
    /// The store's inbound webhook, `http://127.0.0.1:PORT/rest/<user>/<secret>/`.
    pub store_webhook: String,
    /// An inbound webhook of the portal's admin (all scopes), `.../rest/1/<secret>/`.
    pub portal_webhook: String,
}

/// An OAuth token pair for calls to the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
}

/// What an injected fault does to a matching request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultKind {
    /// HTTP 500 `INTERNAL_SERVER_ERROR`.
    #[serde(rename = "500")]
    ServerError,
    /// HTTP 503 `QUERY_LIMIT_EXCEEDED`.
    #[serde(rename = "503")]
    Overloaded,
    /// No answer for 60 s, then HTTP 504 (the real server cuts requests off after 60 s).
    Timeout,
    /// The module's refusal for the matching method only (`sale`/`catalog`: HTTP 400 with code
    /// `200040300010`, `crm`: HTTP 400 "Access denied.", others `ACCESS_DENIED`): inside a batch
    /// the other commands still answer, as when the caller lacks the rights to one module.
    Denied,
}
