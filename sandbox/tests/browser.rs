//! The deal card in headless Chromium: the page hosts the built-in demo app, which asks for
//! its init data, calls REST with the token, tries to set an option and resizes its frame.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bitrix_sandbox::{Sandbox, SandboxConfig};
use common::*;
use serde_json::json;

fn chromium() -> Option<&'static str> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
}

/// The DOM of `url` after its scripts ran (virtual time), as Chromium's `--dump-dom` prints it.
fn dump_dom(browser: &str, url: &str) -> String {
    let profile = std::env::temp_dir().join(format!(
        "sandbox-chromium-{}-{}",
        std::process::id(),
        url.len()
    ));
    let mut child = Command::new(browser)
        .args(include_str!("../../dev/chromium-flags.txt").lines())
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().expect("chromium runs").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("chromium output");
    std::fs::remove_dir_all(profile).ok();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Chromium and a sandbox with the demo app installed; `None` (said on stderr) without
/// Chromium.
fn with_demo_app() -> Option<(&'static str, Sandbox)> {
    let Some(browser) = chromium() else {
        eprintln!("chromium is not installed: browser test not run");
        return None;
    };
    let sandbox = Sandbox::start(SandboxConfig {
        install_app: Some(json!({"mode": "demo"})),
        ..Default::default()
    })
    .unwrap();
    Some((browser, sandbox))
}

#[test]
fn the_demo_app_speaks_the_frame_protocol_inside_the_deal_card() {
    let Some((browser, sandbox)) = with_demo_app() else {
        return;
    };
    let portal = &sandbox.urls().portal;

    let rep = dump_dom(
        browser,
        &format!("{portal}/crm/deal/details/9/?user=2&tab=app"),
    );
    assert!(
        rep.contains("style=\"height: 321px;\""),
        "resizeWindow changed the frame's height:\n{rep}"
    );
    assert!(rep.contains("getInitData ok"), "{rep}");
    assert!(
        rep.contains("setAppOption error ACCESS_DENIED"),
        "a rep may not set app options:\n{rep}"
    );
    assert_eq!(
        sandbox.stats().methods["portal"]["profile"],
        1,
        "the app called REST with the token it got"
    );

    let admin = dump_dom(
        browser,
        &format!("{portal}/crm/deal/details/9/?user=1&tab=app"),
    );
    assert!(admin.contains("setAppOption ok"), "{admin}");
}

#[test]
fn the_app_page_runs_the_installer_then_the_index() {
    let Some(browser) = chromium() else {
        eprintln!("chromium is not installed: browser test not run");
        return;
    };
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let portal = &sandbox.urls().portal;
    dump_dom(
        browser,
        &format!("{portal}/marketplace/app/storelink/?user=1"),
    );
    let after = get(&format!("{portal}/marketplace/app/storelink/?user=1"));
    assert!(
        after.body.contains("index.html?"),
        "setInstallFinish installed the app:\n{}",
        after.body
    );
}

#[test]
fn open_application_shows_the_app_page_in_a_slider_and_answers_when_it_closes() {
    let Some(browser) = chromium() else {
        eprintln!("chromium is not installed: browser test not run");
        return;
    };
    let sandbox = Sandbox::start(SandboxConfig {
        install_app: Some(json!({"mode": "demo", "demo_open_application": true})),
        ..Default::default()
    })
    .unwrap();
    let portal = &sandbox.urls().portal;
    // The tab's app opens its page in a slider; the app there, opened with `{demo: "close"}`,
    // calls closeApplication; the slider closes and the opener gets its answer.
    let dom = dump_dom(
        browser,
        &format!("{portal}/crm/deal/details/9/?user=1&tab=storelink"),
    );
    assert!(dom.contains("openApplication ok"), "{dom}");
    assert!(dom.contains("openApplication closed"), "{dom}");
    assert!(
        !dom.contains("class=\"b24-slider\""),
        "the slider is gone:\n{dom}"
    );
    assert_eq!(
        sandbox.stats().methods["portal"]["profile"],
        2,
        "both the tab's app and the app in the slider called REST"
    );
}

#[test]
fn a_link_naming_the_app_tab_in_its_hash_opens_it() {
    let Some((browser, sandbox)) = with_demo_app() else {
        return;
    };
    let portal = &sandbox.urls().portal;
    let card = format!("{portal}/crm/deal/details/9/?user=2");
    let html = get(&card).body;
    let at = html.find("data-tab=\"app_").expect("an app tab") + "data-tab=\"".len();
    let tab = &html[at..at + html[at..].find('"').unwrap()];

    let closed = dump_dom(browser, &card);
    assert!(!closed.contains("b24-app-frame"), "the main tab by default");
    let opened = dump_dom(browser, &format!("{card}#{tab}"));
    assert!(opened.contains("b24-app-frame"), "{opened}");
    assert!(opened.contains("getInitData ok"), "{opened}");
}
