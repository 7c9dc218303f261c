//! Links into the app: the deal card opening the app's tab at once, and the app's page as a
//! slider shows it (`openApplication`), without the portal's frame, with the opener's options.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig};
use common::*;
use serde_json::{Value, json};

fn installed() -> Sandbox {
    Sandbox::start(SandboxConfig {
        rate_limit: None,
        install_app: Some(json!({"mode": "demo"})),
        ..Default::default()
    })
    .unwrap()
}

fn page_config(html: &str) -> Value {
    let marker = r#"<script type="application/json" id="b24-config">"#;
    let start = html.find(marker).expect("config block") + marker.len();
    let end = html[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&html[start..end]).unwrap()
}

fn open_tab(sandbox: &Sandbox, query: &str) -> Value {
    let page = get(&format!(
        "{}/crm/deal/details/9/?user=1{query}",
        sandbox.urls().portal
    ));
    assert_eq!(page.status, 200);
    let config = page_config(&page.body);
    assert!(
        page.body.contains(&format!(
            r#"data-tab="{}""#,
            config["frames"][0]["tab"].as_str().unwrap()
        )),
        "the app tab is on the page"
    );
    config
}

#[test]
fn tab_storelink_or_app_opens_the_first_app_tab_and_unknown_tabs_the_main_one() {
    let sandbox = installed();
    let config = open_tab(&sandbox, "");
    let app_tab = config["frames"][0]["tab"].as_str().unwrap().to_string();
    assert!(app_tab.starts_with("app_"), "{app_tab}");
    assert_eq!(config["openTab"], "main");
    assert_eq!(open_tab(&sandbox, "&tab=storelink")["openTab"], app_tab);
    assert_eq!(open_tab(&sandbox, "&tab=app")["openTab"], app_tab);
    assert_eq!(
        open_tab(&sandbox, &format!("&tab={app_tab}"))["openTab"],
        app_tab
    );
    assert_eq!(open_tab(&sandbox, "&tab=app_999")["openTab"], "main");
}

#[test]
fn the_app_page_in_a_slider_has_no_portal_frame_and_gets_the_openers_options() {
    let sandbox = installed();
    let portal = &sandbox.urls().portal;
    let slider = get(&format!(
        "{portal}/marketplace/app/storelink/?user=2&lang=en&IFRAME=Y&PLACEMENT_OPTIONS=%7B%22demo%22%3A%22close%22%7D"
    ));
    assert!(
        slider.body.contains(r#"class="b24-iframe""#),
        "{}",
        slider.body
    );
    assert!(!slider.body.contains("b24-header") && !slider.body.contains("b24-menu"));
    let config = page_config(&slider.body);
    assert!(config["keep"].as_str().unwrap().contains("IFRAME=Y"));
    let frame = &config["frames"][0];
    assert!(
        frame["src"]
            .as_str()
            .unwrap()
            .ends_with("&PLACEMENT=DEFAULT")
    );
    let init = post_json(
        &format!(
            "{portal}/_portal/frame/{}",
            frame["session"].as_str().unwrap()
        ),
        &json!({"command": "getInitData", "params": {}}),
    )
    .json();
    assert_eq!(init["PLACEMENT"], "DEFAULT");
    assert_eq!(init["PLACEMENT_OPTIONS"], json!({"demo": "close"}));
    assert_eq!(init["LANG"], "en");

    let plain = get(&format!("{portal}/marketplace/app/storelink/?user=2"));
    assert!(plain.body.contains("b24-header"));
    let session = page_config(&plain.body)["frames"][0]["session"]
        .as_str()
        .unwrap()
        .to_string();
    let init = post_json(
        &format!("{portal}/_portal/frame/{session}"),
        &json!({"command": "getInitData", "params": {}}),
    )
    .json();
    assert_eq!(
        init["PLACEMENT_OPTIONS"],
        json!([]),
        "no options: an empty PHP array"
    );
}

#[test]
fn a_data_set_without_users_1_and_2_is_opened_as_its_first_admin_and_first_other_user() {
    let seed = json!({"portal": {
        "users": [
            {"id": 7, "name": "Rita", "lastName": "Rep"},
            {"id": 5, "name": "Anna", "lastName": "Admin", "admin": true}
        ],
        "deals": [{"id": 9, "title": "x", "stage": "NEW"}]
    }});
    let sandbox = Sandbox::start(SandboxConfig {
        rate_limit: None,
        seed: bitrix_sandbox::Seed::Json(seed.to_string()),
        ..Default::default()
    })
    .unwrap();
    let portal = &sandbox.urls().portal;
    for (query, user, name) in [
        ("user=1", 5, "Anna Admin"),
        ("user=2", 7, "Rita Rep"),
        ("", 5, "Anna Admin"),
    ] {
        let page = get(&format!("{portal}/crm/deal/details/9/?{query}"));
        assert_eq!(page.status, 200);
        assert_eq!(page_config(&page.body)["user"], json!(user), "{query}");
        assert!(page.body.contains(name), "{query}: {name}");
    }
}

#[test]
fn a_portal_in_a_third_language_tells_the_app_that_language_and_shows_its_own_pages_in_english() {
    let sandbox = installed();
    let page = get(&format!(
        "{}/crm/deal/details/9/?user=2&lang=DE",
        sandbox.urls().portal
    ));
    assert!(
        page.body.contains(">Deals<"),
        "the portal's pages in English"
    );
    let config = page_config(&page.body);
    let frame = &config["frames"][0];
    assert!(frame["src"].as_str().unwrap().contains("&LANG=de&"));
    assert!(config["keep"].as_str().unwrap().contains("lang=de"));
    let init = post_json(
        &format!(
            "{}/_portal/frame/{}",
            sandbox.urls().portal,
            frame["session"].as_str().unwrap()
        ),
        &json!({"command": "getInitData", "params": {}}),
    )
    .json();
    assert_eq!(init["LANG"], "de");
    // Not a language code: the pages' own.
    let odd = get(&format!(
        "{}/crm/deal/details/9/?user=2&lang=d%22e",
        sandbox.urls().portal
    ));
    assert!(
        page_config(&odd.body)["frames"][0]["src"]
            .as_str()
            .unwrap()
            .contains("&LANG=en&")
    );
}
