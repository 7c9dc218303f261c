//! The pages, the app's frame and the parent side of the frame protocol.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig};
use common::*;
use serde_json::{Value, json};

fn installed() -> Sandbox {
    Sandbox::start(SandboxConfig {
        rate_limit: None,
        install_app: Some(json!({"store_webhook": "${STORE_WEBHOOK_URL}", "mode": "demo"})),
        ..Default::default()
    })
    .unwrap()
}

/// The page's embedded configuration (frames with their session keys).
fn page_config(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/json" id="b24-config">"#)
        .expect("config block")
        + 48;
    let end = html[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&html[start..end]).unwrap()
}

fn frame_command(sandbox: &Sandbox, session: &str, command: &str, params: Value) -> Value {
    post_json(
        &format!("{}/_portal/frame/{session}", sandbox.urls().portal),
        &json!({"command": command, "params": params}),
    )
    .json()
}

#[test]
fn the_deal_card_hosts_the_app_with_name_and_src_as_bitrix24() {
    let sandbox = installed();
    let page = get(&format!(
        "{}/crm/deal/details/9/?user=2&lang=en",
        sandbox.urls().portal
    ));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Store"), "the tab title in English");
    let config = page_config(&page.body);
    let frame = &config["frames"][0];
    let domain = sandbox.urls().portal.trim_start_matches("http://");
    let sid = frame["sid"].as_str().unwrap();
    assert_eq!(frame["name"], format!("{domain}|0|{sid}"));
    assert_eq!(
        frame["src"],
        format!(
            "{}/index.html?DOMAIN={domain}&PROTOCOL=0&LANG=en&APP_SID={sid}",
            sandbox.urls().widget
        )
    );
    assert_eq!(frame["origin"], sandbox.urls().widget);
}

#[test]
fn get_init_data_gives_a_working_token_options_and_the_deal_id() {
    let sandbox = installed();
    let page = get(&format!(
        "{}/crm/deal/details/9/?user=2",
        sandbox.urls().portal
    ));
    let session = page_config(&page.body)["frames"][0]["session"]
        .as_str()
        .unwrap()
        .to_string();
    let init = frame_command(&sandbox, &session, "getInitData", json!({}));
    assert_eq!(init["PLACEMENT"], "CRM_DEAL_DETAIL_TAB");
    assert_eq!(init["PLACEMENT_OPTIONS"], json!({"ID": "9"}));
    assert_eq!(
        (
            init["IS_ADMIN"].clone(),
            init["LANG"].clone(),
            init["PATH"].clone()
        ),
        (json!(false), json!("ru"), json!("/rest"))
    );
    assert_eq!(
        init["APP_OPTIONS"]["store_webhook"],
        sandbox.urls().store_webhook.as_str()
    );
    assert_eq!(
        init["USER_OPTIONS"],
        json!([]),
        "empty options are an empty PHP array"
    );
    let token = init["AUTH_ID"].as_str().unwrap();
    let me = get(&format!(
        "{}/rest/user.current.json?auth={token}",
        sandbox.urls().portal
    ))
    .json();
    assert_eq!(me["result"]["ID"], "2");
    let refreshed = frame_command(&sandbox, &session, "refreshAuth", json!({}));
    assert_ne!(refreshed["AUTH_ID"], init["AUTH_ID"]);
    assert_eq!(refreshed["AUTH_EXPIRES"], 3600);
}

#[test]
fn set_app_option_is_for_admins_and_user_options_for_everyone() {
    let sandbox = installed();
    let rep_page = get(&format!(
        "{}/crm/deal/details/3/?user=2",
        sandbox.urls().portal
    ));
    let rep = page_config(&rep_page.body)["frames"][0]["session"]
        .as_str()
        .unwrap()
        .to_string();
    let refused = frame_command(
        &sandbox,
        &rep,
        "setAppOption",
        json!({"name": "mode", "value": "hacked"}),
    );
    assert_eq!(refused["error"], "ACCESS_DENIED");
    assert_eq!(
        frame_command(&sandbox, &rep, "getInitData", json!({}))["APP_OPTIONS"]["mode"],
        "demo"
    );
    assert_eq!(
        frame_command(
            &sandbox,
            &rep,
            "setUserOption",
            json!({"name": "compact", "value": true})
        ),
        json!(true)
    );
    assert_eq!(
        frame_command(&sandbox, &rep, "getInitData", json!({}))["USER_OPTIONS"],
        json!({"compact": true})
    );

    let admin_page = get(&format!(
        "{}/crm/deal/details/3/?user=1",
        sandbox.urls().portal
    ));
    let admin = page_config(&admin_page.body)["frames"][0]["session"]
        .as_str()
        .unwrap()
        .to_string();
    // Stored as PHP receives a form-encoded value (texts, no nulls or empty lists), and
    // answered with every option.
    let answer = frame_command(
        &sandbox,
        &admin,
        "setAppOption",
        json!({"name": "mode", "value": {"a": 1, "on": true, "none": null, "rules": [], "text": "x"}}),
    );
    assert_eq!(answer["mode"], json!({"a": "1", "on": "true", "text": "x"}));
    assert_eq!(
        frame_command(&sandbox, &rep, "getInitData", json!({}))["APP_OPTIONS"]["mode"],
        json!({"a": "1", "on": "true", "text": "x"})
    );
    let text = json!({"rules": [], "poll": 5}).to_string();
    frame_command(
        &sandbox,
        &admin,
        "setAppOption",
        json!({"name": "settings", "value": text.clone()}),
    );
    assert_eq!(
        frame_command(&sandbox, &rep, "getInitData", json!({}))["APP_OPTIONS"]["settings"],
        json!(text),
        "a JSON text is kept as it was sent"
    );
    assert_eq!(
        frame_command(&sandbox, &admin, "fly", json!({}))["error"],
        "UNKNOWN_COMMAND"
    );
}

#[test]
fn the_app_page_installs_then_opens_the_index() {
    let sandbox = sandbox();
    let app = get(&format!(
        "{}/marketplace/app/storelink/?user=1",
        sandbox.urls().portal
    ));
    let frame = page_config(&app.body)["frames"][0].clone();
    assert!(frame["src"].as_str().unwrap().contains("/install.html?"));
    assert!(frame["src"].as_str().unwrap().ends_with("&INSTALL=true"));
    let session = frame["session"].as_str().unwrap();
    assert_eq!(
        frame_command(&sandbox, session, "getInitData", json!({}))["INSTALL"],
        true
    );
    assert_eq!(
        frame_command(&sandbox, session, "setInstallFinish", json!({})),
        json!(true)
    );
    let after = get(&format!(
        "{}/marketplace/app/storelink/?user=1",
        sandbox.urls().portal
    ));
    let src = page_config(&after.body)["frames"][0]["src"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        src.contains("/index.html?") && src.ends_with("&PLACEMENT=DEFAULT"),
        "{src}"
    );
}

#[test]
fn without_placements_the_card_has_no_app_tab_and_the_list_links_cards() {
    let sandbox = sandbox();
    let card = get(&format!("{}/crm/deal/details/1/", sandbox.urls().portal));
    assert_eq!(page_config(&card.body)["frames"], json!([]));
    let list = get(&format!(
        "{}/crm/deal/?user=2&lang=en",
        sandbox.urls().portal
    ));
    assert!(
        list.body
            .contains("/crm/deal/details/24/?user=2&amp;lang=en")
            || list.body.contains("/crm/deal/details/24/?user=2&lang=en")
    );
    assert_eq!(
        get(&format!("{}/crm/deal/details/999/", sandbox.urls().portal)).status,
        404
    );
}

#[test]
fn the_widget_origin_serves_files_with_their_types_and_no_frame_ban() {
    let dir = std::env::temp_dir().join(format!("sandbox-widget-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><p>app</p>").unwrap();
    std::fs::write(dir.join("pkg/app_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
    let sandbox = Sandbox::start(SandboxConfig {
        widget_dir: Some(dir.clone()),
        ..Default::default()
    })
    .unwrap();
    let wasm = get(&format!("{}/pkg/app_bg.wasm", sandbox.urls().widget));
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    let index = get(&format!(
        "{}/index.html?DOMAIN=x&APP_SID=y",
        sandbox.urls().widget
    ));
    assert_eq!(index.status, 200);
    assert!(index.header("x-frame-options").is_none());
    assert_eq!(
        get(&format!("{}/../secret", sandbox.urls().widget)).status,
        400,
        "no way out of the widget dir"
    );
    std::fs::remove_dir_all(dir).ok();
}
