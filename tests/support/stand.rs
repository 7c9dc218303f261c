//! One test's world: its own sandbox (portal, store, the built widget) on free ports and its
//! own headless Chromium. On a failing test it saves a screenshot and the page's HTML under
//! `target/e2e-screenshots/` and says where.

use std::ops::Deref;
use std::path::PathBuf;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use serde_json::Value;

use super::browser::Browser;
use super::page::tid;
use super::seeds::SeedFile;

/// Who looks at the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum User {
    /// User 1, a portal administrator.
    Admin,
    /// User 2, a sales rep.
    Rep,
}

impl User {
    fn id(self) -> u64 {
        match self {
            User::Admin => 1,
            User::Rep => 2,
        }
    }
}

/// How a test's sandbox starts.
pub struct Setup {
    /// The data set.
    pub seed: Seed,
    /// `Some(app options)`: StoreLink is installed with these options.
    pub install: Option<Value>,
    /// Record network events in the browser (see [`Browser::network_log`]).
    pub performance_log: bool,
    /// The sandbox's rate limit stays on (as on a real portal) unless this is false.
    pub rate_limit: bool,
    /// A seed file that must outlive the sandbox's start.
    pub seed_file: Option<SeedFile>,
}

impl Setup {
    /// The demo data set with StoreLink installed and configured by `options`.
    pub fn demo(options: Value) -> Setup {
        Setup {
            seed: Seed::Demo,
            install: Some(options),
            performance_log: false,
            rate_limit: true,
            seed_file: None,
        }
    }

    /// The demo data set, StoreLink not installed yet.
    pub fn not_installed() -> Setup {
        Setup {
            install: None,
            ..Setup::demo(Value::Null)
        }
    }

    /// A data set the test wrote, with StoreLink installed and configured by `options`.
    pub fn own_seed(file: SeedFile, options: Value) -> Setup {
        Setup {
            seed: Seed::File(file.path().to_path_buf()),
            seed_file: Some(file),
            ..Setup::demo(options)
        }
    }
}

/// A sandbox and a browser for one test.
pub struct Stand {
    pub sandbox: Sandbox,
    pub browser: Browser,
    name: String,
    _seed_file: Option<SeedFile>,
}

/// The built widget: `$STORELINK_DIST`, else `<repo>/dist`.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("STORELINK_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    for file in [
        "index.html",
        "install.html",
        "storelink.js",
        "storelink_bg.wasm",
    ] {
        assert!(
            dir.join(file).is_file(),
            "{} has no {file}: run ./build.sh build first (or set STORELINK_DIST)",
            dir.display()
        );
    }
    dir
}

/// `<repo>/target/<name>`: where screenshots and bench results go.
pub fn target_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(name)
}

impl Stand {
    /// Starts a sandbox with `setup` and a browser. `name` names the failure screenshot.
    pub fn start(name: &str, setup: Setup) -> Stand {
        // A screenshot left by an earlier failure of this test would mislead.
        for ext in ["png", "html"] {
            let _ =
                std::fs::remove_file(target_path("e2e-screenshots").join(format!("{name}.{ext}")));
        }
        let config = SandboxConfig {
            widget_dir: Some(dist_dir()),
            seed: setup.seed,
            install_app: setup.install,
            rate_limit: if setup.rate_limit {
                SandboxConfig::default().rate_limit
            } else {
                None
            },
            ..SandboxConfig::default()
        };
        let sandbox = Sandbox::start(config).unwrap_or_else(|e| panic!("sandbox: {e}"));
        let browser = Browser::start(setup.performance_log);
        Stand {
            sandbox,
            browser,
            name: name.to_owned(),
            _seed_file: setup.seed_file,
        }
    }

    /// A portal page's URL for `user` in Russian: `path` plus `?user=..&lang=ru`.
    pub fn portal_page(&self, path: &str, user: User) -> String {
        self.portal_page_in(path, user, "ru")
    }

    /// A portal page's URL for `user` in `lang`.
    pub fn portal_page_in(&self, path: &str, user: User, lang: &str) -> String {
        let joiner = if path.contains('?') { '&' } else { '?' };
        format!(
            "{}{path}{joiner}user={}&lang={lang}",
            self.sandbox.urls().portal,
            user.id()
        )
    }

    /// Opens a portal page in the top-level window.
    pub fn goto(&self, url: &str) {
        self.browser
            .driver
            .leave_frames()
            .unwrap_or_else(|e| panic!("browser: {e}"));
        self.browser
            .driver
            .goto(url)
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
    }

    /// Steps into the app's iframe of the visible tab (waiting for it to exist; a page that
    /// reloads meanwhile is waited for too).
    pub fn enter_app_frame(&self) {
        self.browser
            .wait_for("the app's frame", |b| enter_app_frame_in(b, None));
    }

    /// Steps into the app's iframe inside the slider the app opened over the portal's page
    /// (`openApplication`), waiting for both to exist.
    pub fn enter_slider_app_frame(&self) {
        self.browser.wait_for("the app's frame in the slider", |b| {
            enter_app_frame_in(b, Some(".b24-slider-frame"))
        });
    }

    /// Back to the portal's page around the app.
    pub fn leave_app_frame(&self) {
        self.browser
            .driver
            .leave_frames()
            .unwrap_or_else(|e| panic!("browser: {e}"));
    }

    /// Opens a deal card with the StoreLink tab open, steps into its frame and waits until the
    /// tab has finished loading (`ready` or `error`); returns that state.
    pub fn open_deal(&self, deal_id: u64, user: User) -> String {
        self.open_deal_in(deal_id, user, "ru")
    }

    /// [`Stand::open_deal`] in a language.
    pub fn open_deal_in(&self, deal_id: u64, user: User, lang: &str) -> String {
        let url = self.portal_page_in(&format!("/crm/deal/details/{deal_id}/?tab=app"), user, lang);
        self.goto(&url);
        self.enter_app_frame();
        self.wait_deal_loaded()
    }

    /// Waits until the deal tab in the current frame is `ready` or `error`.
    pub fn wait_deal_loaded(&self) -> String {
        let tab = tid("deal-tab");
        self.browser
            .wait_for("the deal tab to finish loading", |b| {
                b.attr(&tab, "data-state").filter(|s| s != "loading")
            })
    }

    /// Opens a deal, insisting that it loads (`ready`).
    pub fn open_deal_ready(&self, deal_id: u64, user: User) {
        let state = self.open_deal(deal_id, user);
        assert_eq!(
            state,
            "ready",
            "deal {deal_id} did not load: {}",
            self.browser.text(&tid("deal-tab")).unwrap_or_default()
        );
    }

    /// Opens StoreLink's own page (`/marketplace/app/storelink/`) and steps into its frame.
    pub fn open_app_page(&self, user: User) {
        self.goto(&self.portal_page("/marketplace/app/storelink/", user));
        self.enter_app_frame();
    }

    /// What the portal page logged of the frame protocol (`getInitData ok`, ...).
    pub fn frame_log(&self) -> Vec<String> {
        self.leave_app_frame();
        self.browser
            .js(
                "const el = document.getElementById('b24-frame-log'); return el ? el.textContent : '';",
                vec![],
            )
            .as_str()
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn save_failure(&self) {
        let dir = target_path("e2e-screenshots");
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let html = self
            .browser
            .driver
            .execute("return document.documentElement.outerHTML;", vec![])
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned));
        if let Some(html) = html {
            let _ = std::fs::write(dir.join(format!("{}.html", self.name)), html);
        }
        // The log is often all there is of a failed run elsewhere: what the frame showed.
        let shown = self
            .browser
            .driver
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let shown: String = shown.chars().take(2000).collect();
        eprintln!("the current frame showed:\n{shown}");
        let _ = self.browser.driver.leave_frames();
        if let Ok(png) = self.browser.driver.screenshot() {
            let path = dir.join(format!("{}.png", self.name));
            if std::fs::write(&path, png).is_ok() {
                eprintln!(
                    "screenshot of the failure: {} (the current frame's HTML next to it)",
                    path.display()
                );
            }
        }
    }
}

impl Deref for Stand {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}

impl Drop for Stand {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.save_failure();
        }
    }
}

/// One try at stepping into the app's iframe of the visible tab, from the top page or from the
/// portal page shown in the `inside` iframe (a slider); `None` while a frame is not there yet.
fn enter_app_frame_in(b: &Browser, inside: Option<&str>) -> Option<()> {
    let driver = &b.driver;
    driver.leave_frames().ok()?;
    if let Some(css) = inside {
        let outer = driver.find(css).ok()?;
        driver.enter_frame(&outer).ok()?;
    }
    let frame = driver
        .find(".b24-tab-body:not([hidden]) iframe.b24-app-frame")
        .ok()?;
    match driver.enter_frame(&frame) {
        Ok(()) => Some(()),
        Err(e) if e.is_transient() => None,
        Err(e) => panic!("entering the app's frame: {e}"),
    }
}
