//! Headless Chromium driven through its own ChromeDriver on a free port, with a fresh profile.
//! Dropping the browser ends the session, stops ChromeDriver and removes the profile.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

use super::webdriver::{WebDriver, WebDriverError};

/// The flags every run uses, one per line: headless, as root, nothing in the background that
/// makes requests. The in-browser tests' runners read the same file.
const CHROMIUM_FLAGS: &str = include_str!("../../dev/chromium-flags.txt");

/// The window's size: wide enough for the deal card, tall enough for a whole tab.
pub const WINDOW_SIZE: (u32, u32) = (1280, 1600);

/// A running ChromeDriver with one Chromium session.
pub struct Browser {
    pub driver: WebDriver,
    chromedriver: Child,
    profile: PathBuf,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

fn fresh_profile() -> PathBuf {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "storelink-e2e-{}-{}-{nanos}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("a fresh Chromium profile directory");
    dir
}

impl Browser {
    /// Starts ChromeDriver (`CHROMEDRIVER`, else `/usr/bin/chromedriver`) and a headless
    /// Chromium (`CHROMIUM`, else `/usr/bin/chromium`). `performance_log` records network
    /// events for [`Browser::network_log`].
    pub fn start(performance_log: bool) -> Browser {
        let chromedriver_path = env_or("CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium_path = env_or("CHROMIUM", "/usr/bin/chromium");
        let (chromedriver, port) = start_chromedriver(&chromedriver_path);
        let profile = fresh_profile();
        let mut starting = BrowserStarting {
            chromedriver: Some(chromedriver),
            profile: profile.clone(),
        };
        let server = format!("http://127.0.0.1:{port}");
        let mut args: Vec<String> = CHROMIUM_FLAGS.lines().map(str::to_owned).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.push(format!("--window-size={},{}", WINDOW_SIZE.0, WINDOW_SIZE.1));
        let mut capabilities = json!({
            "alwaysMatch": {
                "browserName": "chrome",
                "pageLoadStrategy": "normal",
                "goog:chromeOptions": { "binary": chromium_path, "args": args },
            }
        });
        if performance_log {
            capabilities["alwaysMatch"]["goog:loggingPrefs"] = json!({ "performance": "ALL" });
            capabilities["alwaysMatch"]["goog:chromeOptions"]["perfLoggingPrefs"] =
                json!({ "enableNetwork": true, "enablePage": false });
        }
        let driver = WebDriver::new_session(&server, capabilities)
            .unwrap_or_else(|e| panic!("cannot start Chromium {chromium_path}: {e}"));
        Browser {
            driver,
            chromedriver: starting.chromedriver.take().expect("set above"),
            profile,
        }
    }

    /// Network events recorded since the last call (ChromeDriver's performance log), as the
    /// DevTools messages `{"method": "Network.requestWillBeSent", "params": {...}}`.
    pub fn network_log(&self) -> Result<Vec<Value>, WebDriverError> {
        let entries = self.driver.log("performance")?;
        Ok(entries
            .iter()
            .filter_map(|e| e["message"].as_str())
            .filter_map(|m| serde_json::from_str::<Value>(m).ok())
            .map(|m| m["message"].clone())
            .filter(|m| {
                m["method"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("Network."))
            })
            .collect())
    }
}

/// Until the session exists, a panic still stops ChromeDriver and removes the profile.
struct BrowserStarting {
    chromedriver: Option<Child>,
    profile: PathBuf,
}

impl Drop for BrowserStarting {
    fn drop(&mut self) {
        if let Some(mut child) = self.chromedriver.take() {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(&self.profile);
        }
    }
}

/// ChromeDriver on port 0 — it binds a free port itself and says which, so no other server can
/// take it in between — and that port. A ChromeDriver that ends or stays silent is started
/// again, twice at most; then the test fails with what each one printed.
fn start_chromedriver(path: &str) -> (Child, u16) {
    let mut failures = Vec::new();
    for _ in 0..3 {
        let mut child = Command::new(path)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {path} ({e}): install chromium-driver or set CHROMEDRIVER")
            });
        let said = child.stdout.take().expect("piped above");
        let complained = child.stderr.take().expect("piped above");
        match listening_port(said, complained) {
            Ok(port) => return (child, port),
            Err(failure) => {
                let _ = child.kill();
                let _ = child.wait();
                failures.push(failure);
            }
        }
    }
    panic!("chromedriver did not start: {failures:#?}")
}

/// The port ChromeDriver says it listens on ("... started successfully on port 35171."),
/// within 20 s; what it prints later is read and dropped on the same threads. The error holds
/// what it printed until then.
fn listening_port(said: ChildStdout, complained: ChildStderr) -> Result<u16, String> {
    let printed = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let errors = printed.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(complained).lines().map_while(Result::ok) {
            errors.lock().map(|mut e| e.push(line)).ok();
        }
    });
    let (tell, told) = std::sync::mpsc::channel();
    let seen = printed.clone();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(said).lines().map_while(Result::ok);
        let port = lines.by_ref().find_map(|line| {
            seen.lock().map(|mut s| s.push(line.clone())).ok();
            let (_, rest) = line.split_once("started successfully on port ")?;
            rest.trim_end_matches('.').trim().parse::<u16>().ok()
        });
        let _ = tell.send(port);
        lines.for_each(drop);
    });
    let outcome = told.recv_timeout(Duration::from_secs(20));
    let printed = printed.lock().map(|p| p.join("\n")).unwrap_or_default();
    match outcome {
        Ok(Some(port)) => Ok(port),
        Ok(None) => Err(format!(
            "it ended without saying its port; it printed: {printed}"
        )),
        Err(_) => Err(format!(
            "it did not say its port within 20 s; it printed: {printed}"
        )),
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.quit();
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
