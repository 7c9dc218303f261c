//! What every request handler shares.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use crate::config::Urls;
use crate::db::Db;
use crate::faults::Faults;
use crate::pages::frame::FrameSession;
use crate::rest::bucket::Bucket;
use crate::stats::Counters;
use crate::tokens::TokenStore;

/// Which system a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Portal,
    Store,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Portal => "portal",
            Side::Store => "store",
        }
    }
}

pub struct AppState {
    pub db: Db,
    pub tokens: TokenStore,
    pub stats: Counters,
    pub faults: Faults,
    pub portal_bucket: Bucket,
    pub store_bucket: Bucket,
    pub urls: Urls,
    pub widget_dir: Option<PathBuf>,
    /// Deal-card and app pages open in a browser, by session key.
    pub frames: Mutex<HashMap<String, FrameSession>>,
    /// Identifies the portal to apps (`MEMBER_ID`).
    pub member_id: String,
    /// Flips to `true` when the sandbox stops, so held requests end at once.
    pub stopping: watch::Receiver<bool>,
    /// Requests held by a `timeout` fault right now (answered 504 when the sandbox stops).
    pub held: std::sync::atomic::AtomicUsize,
    /// `crm.deal.*`'s fields, user fields included; cleared when a data set is loaded.
    pub deal_entity: Mutex<Option<Arc<crate::query::Entity>>>,
    /// Options given to `install_app`, applied again on every reset.
    pub install_app: Option<serde_json::Value>,
}

impl AppState {
    pub fn bucket(&self, side: Side) -> &Bucket {
        match side {
            Side::Portal => &self.portal_bucket,
            Side::Store => &self.store_bucket,
        }
    }

    /// Portal host as apps see it in `DOMAIN`: `127.0.0.1:8081`.
    pub fn portal_domain(&self) -> String {
        self.urls
            .portal
            .trim_start_matches("http://")
            .trim_start_matches("https://")
            .to_string()
    }
}
