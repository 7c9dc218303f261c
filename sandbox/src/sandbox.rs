//! A running sandbox: three origins on loopback served by its own runtime thread.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::{oneshot, watch};

use crate::config::{BucketConfig, FaultKind, SandboxConfig, Seed, Token, Urls};
use crate::control::ops;
use crate::db::Db;
use crate::error::SandboxError;
use crate::faults::{Fault, Faults};
use crate::rest::bucket::Bucket;
use crate::seed::{self, defaults};
use crate::state::AppState;
use crate::stats::{Counters, Stats};
use crate::tokens::TokenStore;
use crate::{rng, server};

/// A local Bitrix24 portal, 1C-Bitrix store and app host. Dropping it stops everything and
/// frees the ports.
pub struct Sandbox {
    state: Arc<AppState>,
    stop: Option<oneshot::Sender<()>>,
    stopping: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

fn bind(what: &'static str, port: u16) -> Result<TcpListener, SandboxError> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|source| SandboxError::Bind {
        what,
        port,
        source,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| SandboxError::Bind { what, port, source })?;
    Ok(listener)
}

fn port_of(listener: &TcpListener, what: &'static str) -> Result<u16, SandboxError> {
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|source| SandboxError::Bind {
            what,
            port: 0,
            source,
        })
}

impl Sandbox {
    /// Starts the sandbox and returns once all three origins accept connections. Works from
    /// synchronous code and from inside a tokio runtime alike.
    pub fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let db = Db::open(config.db.as_deref())?;
        let fresh = db.is_empty()?;
        let data = if fresh {
            Some(seed::build(&config.seed)?)
        } else {
            None
        };

        let widget = bind("widget", config.widget_port)?;
        let portal = bind("portal", config.portal_port)?;
        let store = bind("store", config.store_port)?;
        let base =
            |l: &TcpListener, what| port_of(l, what).map(|p| format!("http://127.0.0.1:{p}"));
        let (hook_user, hook_secret) = match &data {
            Some(d) => d
                .store
                .webhook
                .as_ref()
                .map(|w| (w.user_id, w.secret.clone())),
            None => ops::store_webhook(&db)?,
        }
        .unwrap_or((
            defaults::STORE_WEBHOOK_USER,
            defaults::STORE_WEBHOOK_SECRET.to_string(),
        ));
        let portal_secret = match &data {
            Some(d) => d.portal.webhook_secret.clone(),
            None => ops::portal_webhook_secret(&db)?,
        }
        .unwrap_or_else(|| defaults::PORTAL_WEBHOOK_SECRET.to_string());
        let store_url = base(&store, "store")?;
        let portal_url = base(&portal, "portal")?;
        let urls = Urls {
            widget: base(&widget, "widget")?,
            store_webhook: format!("{store_url}/rest/{hook_user}/{hook_secret}/"),
            portal_webhook: format!("{portal_url}/rest/1/{portal_secret}/"),
            portal: portal_url,
            store: store_url,
        };
        match &data {
            Some(d) => seed::load(&db, d, &urls, config.install_app.as_ref())?,
            None => {
                if let Some(options) = &config.install_app {
                    ops::install(&db, &urls, options)?;
                }
            }
        }
        ops::keep_store_webhook(&db, &urls)?;

        let (stopping_tx, stopping_rx) = watch::channel(false);
        let state = Arc::new(AppState {
            db,
            tokens: TokenStore::new(config.token_ttl),
            stats: Counters::default(),
            faults: Faults::default(),
            portal_bucket: Bucket::new(config.rate_limit),
            store_bucket: Bucket::new(config.rate_limit),
            urls,
            widget_dir: config.widget_dir.clone(),
            frames: Mutex::new(HashMap::new()),
            member_id: rng::secret(16),
            held: std::sync::atomic::AtomicUsize::new(0),
            deal_entity: Mutex::new(None),
            stopping: stopping_rx,
            install_app: config.install_app.clone(),
        });

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("bitrix-sandbox")
            .enable_all()
            .build()
            .map_err(SandboxError::Runtime)?;
        for (listener, router) in [
            (widget, server::widget_router(state.clone())),
            (portal, server::portal_router(state.clone())),
            (store, server::store_router(state.clone())),
        ] {
            runtime.spawn(async move {
                // The listener was bound above; converting it cannot fail on a live runtime.
                if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                    let _ = axum::serve(listener, router).await;
                }
            });
        }
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let held = state.clone();
        let thread = std::thread::Builder::new()
            .name("bitrix-sandbox-main".into())
            .spawn(move || {
                runtime.block_on(async {
                    let _ = stop_rx.await;
                    // Requests held by a timeout fault were just released: let them answer.
                    if held.held.load(std::sync::atomic::Ordering::SeqCst) > 0 {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                });
                drop(held);
                runtime.shutdown_timeout(Duration::from_millis(500));
            })
            .map_err(SandboxError::Runtime)?;
        Ok(Sandbox {
            state,
            stop: Some(stop_tx),
            stopping: stopping_tx,
            thread: Some(thread),
        })
    }

    pub fn urls(&self) -> &Urls {
        &self.state.urls
    }

    /// An OAuth token pair of `user_id` for calls to the portal.
    pub fn issue_token(&self, user_id: u64) -> Token {
        self.state.tokens.issue(user_id)
    }

    /// Every access token issued so far expires now; refresh tokens stay valid.
    pub fn expire_all_tokens(&self) {
        self.state.tokens.expire_all();
    }

    pub fn set_token_ttl(&self, ttl: Duration) {
        self.state.tokens.set_ttl(ttl);
    }

    pub fn stats(&self) -> Stats {
        self.state.stats.snapshot()
    }

    pub fn reset_stats(&self) {
        self.state.stats.reset();
    }

    /// Delay every REST answer by `ms` milliseconds.
    pub fn set_latency(&self, ms: u64) {
        self.state.faults.set_latency(ms);
    }

    /// Fail `rate` (0..=1) of the REST calls to methods matching `method_pattern` (`*` allowed).
    pub fn set_fault(&self, method_pattern: &str, rate: f64, kind: FaultKind) {
        self.state.faults.add(Fault {
            method: method_pattern.to_string(),
            rate,
            kind,
        });
    }

    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }

    /// `None` switches the rate limit off; the buckets start empty.
    pub fn set_rate_limit(&self, limit: Option<BucketConfig>) {
        self.state.portal_bucket.configure(limit);
        self.state.store_bucket.configure(limit);
    }

    /// Replaces every record with a data set. The URLs (and the store webhook) stay.
    pub fn reset(&self, seed: Seed) -> Result<(), SandboxError> {
        ops::reset(&self.state, &seed)
    }

    /// Another user edits a deal's fields (`{"TITLE": ..., "STAGE_ID": ...}`); `DATE_MODIFY` moves.
    pub fn edit_deal(&self, id: u64, fields: Value) -> Result<(), SandboxError> {
        ops::deal(&self.state, id, &fields)
    }

    /// Another user replaces a deal's product rows (`[{"PRODUCT_ID": ..., "PRICE": ..., "QUANTITY": ...}]`).
    pub fn edit_deal_rows(&self, id: u64, rows: Value) -> Result<(), SandboxError> {
        ops::deal_rows(&self.state, id, &rows)
    }

    /// Another user edits an order (`{"statusId": "P", "canceled": "Y", ...}`); `dateUpdate` moves.
    pub fn edit_order(&self, id: u64, fields: Value) -> Result<(), SandboxError> {
        ops::order(&self.state, id, &fields)
    }

    /// Another user edits a basket item (`{"quantity": 3, "price": 990}`); the reserve follows.
    pub fn edit_basket_item(&self, id: u64, fields: Value) -> Result<(), SandboxError> {
        ops::basket_item(&self.state, id, &fields)
    }

    /// An admin saves an app option in another window (`setAppOption`).
    pub fn set_app_option(&self, name: &str, value: Value) -> Result<(), SandboxError> {
        ops::app_option(&self.state, name, &value)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stopping.send(true);
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
