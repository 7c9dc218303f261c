//! Pages of 50, filters, order, select; batch with references, halt and limits.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::{Value, json};

/// A portal with `n` deals, from a JSON seed.
fn with_deals(n: u64) -> Sandbox {
    let deals: Vec<Value> = (1..=n).map(|i| json!({"id": i, "title": format!("Deal {i}"), "stage": if i % 2 == 0 { "WON" } else { "NEW" }, "opportunity": i as f64 * 10.0})).collect();
    let seed = json!({"portal": {"deals": deals}});
    Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap()
}

fn ids(body: &Value) -> Vec<String> {
    body["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ID"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn lists_page_120_rows_by_50_with_next_and_total() {
    let sandbox = with_deals(120);
    let first = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "order": {"ID": "ASC"}}),
    )
    .json();
    assert_eq!(first["result"].as_array().unwrap().len(), 50);
    assert_eq!(
        (first["next"].clone(), first["total"].clone()),
        (json!(50), json!(120))
    );
    let second = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "order": {"ID": "ASC"}, "start": 50}),
    )
    .json();
    assert_eq!(ids(&second)[0], "51");
    assert_eq!(second["next"], 100);
    let last = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "order": {"ID": "ASC"}, "start": "100"}),
    )
    .json();
    assert_eq!(last["result"].as_array().unwrap().len(), 20);
    assert!(
        last.get("next").is_none(),
        "no next on the last page: {last}"
    );
    assert_eq!(last["total"], 120);
}

#[test]
fn start_minus_one_skips_the_count() {
    let sandbox = with_deals(120);
    let body = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "filter": {">ID": 60}, "order": {"ID": "ASC"}, "start": -1}),
    )
    .json();
    assert_eq!(body["result"].as_array().unwrap().len(), 50);
    assert_eq!(ids(&body)[0], "61");
    assert!(
        body.get("total").is_none() && body.get("next").is_none(),
        "{body}"
    );
}

#[test]
fn filter_prefixes_select_the_documented_rows() {
    let sandbox = with_deals(10);
    let cases = [
        (json!({">=ID": 8}), vec!["8", "9", "10"]),
        (json!({"<ID": 3}), vec!["1", "2"]),
        (json!({"<=OPPORTUNITY": 20}), vec!["1", "2"]),
        (json!({"@ID": [2, 4]}), vec!["2", "4"]),
        (json!({"!@ID": [1, 2, 3, 4, 5, 6, 7, 8]}), vec!["9", "10"]),
        (json!({"=STAGE_ID": "WON", ">ID": 6}), vec!["8", "10"]),
        (json!({"!STAGE_ID": "WON", "<ID": 5}), vec!["1", "3"]),
        (json!({"!=STAGE_ID": "NEW", "<ID": 5}), vec!["2", "4"]),
        (json!({"%TITLE": "deal 1"}), vec!["1", "10"]),
        (json!({"=%TITLE": "Deal 1%"}), vec!["1", "10"]),
        (json!({"ID": [3, 5]}), vec!["3", "5"]),
    ];
    for (filter, expected) in cases {
        let body = portal_call(
            &sandbox,
            1,
            "crm.deal.list",
            json!({"select": ["ID"], "filter": filter, "order": {"ID": "ASC"}}),
        )
        .json();
        assert_eq!(ids(&body), expected, "filter {filter}");
    }
}

#[test]
fn select_star_and_user_fields_and_order() {
    let sandbox = sandbox();
    let body = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["*"], "filter": {"ID": 9}}),
    )
    .json();
    let deal = &body["result"][0];
    assert_eq!(deal["ID"], "9");
    assert!(
        deal.get("UF_CRM_STORE_ORDER").is_none(),
        "* excludes user fields"
    );
    let with_uf = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID", "UF_*"], "filter": {"ID": 9}}),
    )
    .json();
    assert_eq!(with_uf["result"][0]["UF_CRM_STORE_ORDER"], "109");
    assert!(with_uf["result"][0].get("TITLE").is_none());
    let by_uf = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "filter": {"UF_CRM_STORE_ORDER": "110"}}),
    )
    .json();
    assert_eq!(ids(&by_uf), ["10"]);
    let by_number = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "filter": {"UF_CRM_STORE_ORDER": 110}}),
    )
    .json();
    assert_eq!(
        ids(&by_number),
        ["10"],
        "a number finds the stored text, as in PHP"
    );
    let desc = portal_call(
        &sandbox,
        1,
        "crm.deal.list",
        json!({"select": ["ID"], "order": {"ID": "DESC"}}),
    )
    .json();
    assert_eq!(ids(&desc)[0], "24");
}

#[test]
fn batch_resolves_references_and_reports_errors_per_command() {
    let sandbox = sandbox();
    let token = sandbox.issue_token(1).access_token;
    // Written as text: the commands must reach the server in this order.
    let text = format!(
        r#"{{"auth": "{token}", "halt": 0, "cmd": {{
            "deal": "crm.deal.get?id=9",
            "rows": "crm.deal.productrows.get?id=$result[deal][ID]",
            "contact": "crm.contact.get?id=$result[deal][CONTACT_ID]",
            "list": "crm.deal.list?filter[ID]=3&select[]=ID",
            "again": "crm.deal.get?id=$result[list][0][ID]",
            "missing": "crm.deal.get?id=999999",
            "stages": "crm.status.list?filter[ENTITY_ID]=DEAL_STAGE"
        }}}}"#
    );
    let body = request(
        "POST",
        &format!("{}/rest/batch.json", sandbox.urls().portal),
        Some("application/json"),
        &text,
    );
    assert_eq!(body.status, 200, "{}", body.body);
    let result = &body.json()["result"];
    assert_eq!(result["result"]["deal"]["ID"], "9", "{result}");
    assert!(
        result["result"]["rows"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    assert_eq!(
        result["result"]["contact"]["ID"], result["result"]["deal"]["CONTACT_ID"],
        "{}",
        result["result_error"]
    );
    assert_eq!(result["result"]["again"]["ID"], "3");
    assert_eq!(
        result["result_error"]["missing"],
        json!({"error": "", "error_description": "Not found"})
    );
    assert_eq!(result["result_total"]["list"], 1);
    assert_eq!(result["result_total"]["stages"], 7);
    assert!(result["result_time"]["deal"]["duration"].is_number());
}

#[test]
fn batch_halts_at_the_first_error_and_empty_sections_are_lists() {
    let sandbox = sandbox();
    let halted = portal_call(&sandbox, 1, "batch", json!({"halt": 1, "cmd": {"a": "crm.deal.get?id=1", "b": "crm.deal.get?id=0", "c": "crm.deal.get?id=2"}})).json();
    let r = &halted["result"];
    assert_eq!(r["result"]["a"]["ID"], "1");
    assert!(r["result_error"]["b"].is_object());
    assert!(
        r["result"].get("c").is_none() && r["result_error"].get("c").is_none(),
        "c never ran: {r}"
    );
    let clean = portal_call(
        &sandbox,
        1,
        "batch",
        json!({"cmd": {"a": "crm.deal.get?id=1"}}),
    )
    .json();
    assert_eq!(clean["result"]["result_error"], json!([]));
    assert_eq!(clean["result"]["result_total"], json!([]));
    assert_eq!(clean["result"]["result_next"], json!([]));
}

#[test]
fn batch_of_51_commands_is_refused_and_nested_batch_is_not_allowed() {
    let sandbox = sandbox();
    let cmd: serde_json::Map<String, Value> = (0..51)
        .map(|i| (format!("c{i}"), json!("profile")))
        .collect();
    let too_long = portal_call(&sandbox, 1, "batch", json!({"cmd": cmd}));
    assert_eq!(
        (too_long.status, too_long.json()["error"].clone()),
        (400, json!("ERROR_BATCH_LENGTH_EXCEEDED"))
    );
    let nested = portal_call(
        &sandbox,
        1,
        "batch",
        json!({"cmd": {"inner": "batch?cmd[x]=profile"}}),
    )
    .json();
    assert_eq!(
        nested["result"]["result_error"]["inner"]["error"],
        "ERROR_BATCH_METHOD_NOT_ALLOWED"
    );
}

#[test]
fn form_encoded_batch_with_a_list_of_commands_answers_a_list() {
    let sandbox = sandbox();
    let token = sandbox.issue_token(1).access_token;
    let body = format!(
        "auth={token}&cmd%5B0%5D=crm.deal.get%3Fid%3D1&cmd%5B1%5D=crm.deal.get%3Fid%3D%24result%5B0%5D%5BID%5D"
    );
    let answer = post_form(&format!("{}/rest/batch", sandbox.urls().portal), &body).json();
    assert_eq!(answer["result"]["result"][0]["ID"], "1");
    assert_eq!(answer["result"]["result"][1]["ID"], "1");
}

#[test]
fn the_bucket_answers_503_after_the_burst_and_recovers() {
    let sandbox = sandbox();
    sandbox.set_rate_limit(Some(bitrix_sandbox::BucketConfig {
        burst: 3,
        drain_per_sec: 20.0,
    }));
    let token = sandbox.issue_token(1).access_token;
    let url = format!("{}/rest/profile.json?auth={token}", sandbox.urls().portal);
    let statuses: Vec<u16> = (0..4).map(|_| get(&url).status).collect();
    assert_eq!(&statuses[..3], [200, 200, 200]);
    let refused = get(&url);
    assert_eq!(
        (refused.status, refused.json()["error"].clone()),
        (503, json!("QUERY_LIMIT_EXCEEDED"))
    );
    assert!(
        sandbox
            .stats()
            .rejected_503
            .get("portal")
            .copied()
            .unwrap_or(0)
            >= 1
    );
    // Draining one request takes 50 ms at 20/s; wait a little longer.
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(get(&url).status, 200);
    sandbox.set_rate_limit(None);
    assert!((0..20).all(|_| get(&url).status == 200));
}

#[test]
fn a_batch_counts_once_against_the_bucket() {
    let sandbox = sandbox();
    sandbox.set_rate_limit(Some(bitrix_sandbox::BucketConfig {
        burst: 2,
        drain_per_sec: 0.01,
    }));
    let cmd: serde_json::Map<String, Value> = (0..50)
        .map(|i| {
            (
                format!("c{i}"),
                json!(format!("crm.deal.get?id={}", i % 20 + 1)),
            )
        })
        .collect();
    let answer = portal_call(&sandbox, 1, "batch", json!({"cmd": cmd}));
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json()["result"]["result"].as_object().unwrap().len(),
        50
    );
    assert_eq!(portal_call(&sandbox, 1, "profile", json!({})).status, 200);
    assert_eq!(portal_call(&sandbox, 1, "profile", json!({})).status, 503);
}

#[test]
fn order_follows_the_callers_key_priority() {
    let sandbox = with_deals(6);
    let token = sandbox.issue_token(1).access_token;
    let url = format!("{}/rest/crm.deal.list.json", sandbox.urls().portal);
    let by_stage_first = format!(
        r#"{{"auth": "{token}", "select": ["ID"], "order": {{"STAGE_ID": "ASC", "ID": "DESC"}}}}"#
    );
    let answer = request("POST", &url, Some("application/json"), &by_stage_first).json();
    assert_eq!(ids(&answer), ["5", "3", "1", "6", "4", "2"]);
    let by_form = post_form(
        &url,
        &format!("auth={token}&select[]=ID&order[ID]=DESC&order[STAGE_ID]=ASC"),
    )
    .json();
    assert_eq!(ids(&by_form), ["6", "5", "4", "3", "2", "1"]);
}
