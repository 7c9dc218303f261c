//! Envelopes, encodings, CORS, auth errors and method lookup, over real HTTP.

mod common;

use common::*;
use serde_json::json;

#[test]
fn success_envelope_has_result_and_a_time_block() {
    let sandbox = sandbox();
    let body = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).json();
    let time = &body["time"];
    for key in [
        "start",
        "finish",
        "duration",
        "processing",
        "date_start",
        "date_finish",
    ] {
        assert!(!time[key].is_null(), "time.{key} missing in {time}");
    }
    assert!(time["date_start"].as_str().unwrap().ends_with("+03:00"));
    assert_eq!(body["result"]["ID"], "1");
}

#[test]
fn parameters_arrive_by_query_form_brackets_and_json_alike() {
    let sandbox = sandbox();
    let token = sandbox.issue_token(1).access_token;
    let portal = &sandbox.urls().portal;
    let by_query = get(&format!(
        "{portal}/rest/crm.deal.list.json?auth={token}&filter[%3EID]=20&select[]=ID&select[]=TITLE"
    ));
    let by_form = post_form(
        &format!("{portal}/rest/crm.deal.list.json"),
        &format!("auth={token}&filter%5B%3EID%5D=20&select%5B%5D=ID&select%5B%5D=TITLE"),
    );
    let by_json = post_json(
        &format!("{portal}/rest/crm.deal.list.json"),
        &json!({"auth": token, "filter": {">ID": 20}, "select": ["ID", "TITLE"]}),
    );
    for answer in [&by_query, &by_form, &by_json] {
        assert_eq!(answer.status, 200, "{}", answer.body);
        let rows = answer.json()["result"].as_array().unwrap().clone();
        let ids: Vec<&str> = rows.iter().map(|r| r["ID"].as_str().unwrap()).collect();
        assert_eq!(ids, ["21", "22", "23", "24"]);
        assert_eq!(
            rows[0].as_object().unwrap().len(),
            2,
            "only the selected fields: {:?}",
            rows[0]
        );
    }
}

#[test]
fn method_names_ignore_case_and_the_json_suffix() {
    let sandbox = sandbox();
    let token = sandbox.issue_token(1).access_token;
    let portal = &sandbox.urls().portal;
    for path in ["CRM.Deal.Get.json", "crm.deal.get", "crm.deal.GET"] {
        let answer = get(&format!("{portal}/rest/{path}?id=2&auth={token}"));
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(answer.json()["result"]["ID"], "2");
    }
}

#[test]
fn every_rest_answer_carries_the_cors_headers_errors_included() {
    let sandbox = sandbox();
    let portal = &sandbox.urls().portal;
    let error = get(&format!("{portal}/rest/crm.deal.get.json?id=1"));
    assert_eq!(error.status, 401);
    assert_eq!(error.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        error.header("access-control-allow-headers"),
        Some("origin, content-type, accept")
    );
    let ok = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1}));
    assert_eq!(ok.header("access-control-allow-origin"), Some("*"));
    let store_error = store_call(&sandbox, "sale.order.get", json!({"id": 999_999}));
    assert_eq!(store_error.status, 400);
    assert_eq!(store_error.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn a_preflight_fails_like_an_unauthenticated_call_and_is_counted() {
    let sandbox = sandbox();
    let answer = request(
        "OPTIONS",
        &format!("{}/rest/crm.deal.get.json", sandbox.urls().portal),
        None,
        "",
    );
    assert_eq!(answer.status, 401);
    assert_eq!(answer.json()["error"], "NO_AUTH_FOUND");
    assert_eq!(sandbox.stats().preflights.get("portal"), Some(&1));
}

#[test]
fn auth_errors_have_their_codes_and_statuses() {
    let sandbox = sandbox();
    let portal = &sandbox.urls().portal;
    let none = get(&format!("{portal}/rest/crm.deal.get.json?id=1"));
    assert_eq!(
        (none.status, none.json()["error"].clone()),
        (401, json!("NO_AUTH_FOUND"))
    );
    let unknown = get(&format!(
        "{portal}/rest/crm.deal.get.json?id=1&auth=nonsense"
    ));
    assert_eq!(
        (unknown.status, unknown.json()["error"].clone()),
        (401, json!("invalid_token"))
    );
    let token = sandbox.issue_token(1).access_token;
    sandbox.expire_all_tokens();
    let expired = get(&format!(
        "{portal}/rest/crm.deal.get.json?id=1&auth={token}"
    ));
    assert_eq!(
        (expired.status, expired.json()["error"].clone()),
        (401, json!("expired_token"))
    );
    assert_eq!(
        expired.json()["error_description"],
        "The access token provided has expired"
    );
    let missing = portal_call(&sandbox, 1, "crm.nothing.here", json!({}));
    assert_eq!(
        (missing.status, missing.json()["error"].clone()),
        (404, json!("ERROR_METHOD_NOT_FOUND"))
    );
}

#[test]
fn access_token_parameter_works_like_auth() {
    let sandbox = sandbox();
    let token = sandbox.issue_token(2).access_token;
    let answer = get(&format!(
        "{}/rest/user.current.json?access_token={token}",
        sandbox.urls().portal
    ));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["result"]["ID"], "2");
}

#[test]
fn expired_tokens_are_refreshed_through_the_oauth_endpoint() {
    let sandbox = sandbox();
    let portal = &sandbox.urls().portal;
    let token = sandbox.issue_token(1);
    sandbox.expire_all_tokens();
    let refreshed = get(&format!(
        "{portal}/oauth/token/?grant_type=refresh_token&client_id=x&client_secret=y&refresh_token={}",
        token.refresh_token
    ));
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    let body = refreshed.json();
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["client_endpoint"], format!("{portal}/rest/"));
    let fresh = body["access_token"].as_str().unwrap();
    assert_eq!(
        get(&format!("{portal}/rest/profile.json?auth={fresh}")).status,
        200
    );
    let reused = get(&format!(
        "{portal}/oauth/token/?grant_type=refresh_token&refresh_token={}",
        token.refresh_token
    ));
    assert_eq!(
        (reused.status, reused.json()["error"].clone()),
        (400, json!("invalid_grant"))
    );
}

#[test]
fn tokens_expire_after_the_configured_ttl() {
    let sandbox = bitrix_sandbox::Sandbox::start(bitrix_sandbox::SandboxConfig {
        token_ttl: std::time::Duration::from_millis(300),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap();
    let token = sandbox.issue_token(1).access_token;
    let url = format!("{}/rest/profile.json?auth={token}", sandbox.urls().portal);
    assert_eq!(get(&url).status, 200);
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(get(&url).json()["error"], "expired_token");
}

#[tokio::test]
async fn the_sandbox_starts_and_stops_inside_a_tokio_test() {
    let sandbox = bitrix_sandbox::Sandbox::start(bitrix_sandbox::SandboxConfig::default()).unwrap();
    let url = format!(
        "{}/rest/profile.json?auth={}",
        sandbox.urls().portal,
        sandbox.issue_token(1).access_token
    );
    let status = tokio::task::spawn_blocking(move || get(&url).status)
        .await
        .unwrap();
    assert_eq!(status, 200);
    drop(sandbox);
}

#[test]
fn dropping_the_sandbox_frees_its_ports() {
    let sandbox = sandbox();
    let portal = sandbox.urls().portal.clone();
    let port: u16 = portal.rsplit(':').next().unwrap().parse().unwrap();
    drop(sandbox);
    let again = bitrix_sandbox::Sandbox::start(bitrix_sandbox::SandboxConfig {
        portal_port: port,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(again.urls().portal, portal);
}
