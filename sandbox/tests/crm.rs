//! The portal: deals, product rows, contacts, duplicates, stages, pipelines, placements.

mod common;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use common::*;
use serde_json::json;

#[test]
fn deal_fields_have_the_crm_types() {
    let sandbox = sandbox();
    let deal = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 1})).json()["result"].clone();
    assert_eq!(
        deal["STAGE_ID"].as_str().unwrap().split(':').next(),
        Some("C1")
    );
    assert_eq!(deal["CATEGORY_ID"], "1");
    assert!(
        deal["OPPORTUNITY"].as_str().unwrap().ends_with(".00")
            || deal["OPPORTUNITY"].as_str().unwrap().contains('.')
    );
    assert_eq!(deal["ORIGINATOR_ID"], "3");
    assert!(deal["COMPANY_ID"].is_null());
    assert!(deal["DATE_MODIFY"].as_str().unwrap().ends_with("+03:00"));
    let missing = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 999}));
    assert_eq!(
        (missing.status, missing.json()),
        (400, json!({"error": "", "error_description": "Not found"}))
    );
}

#[test]
fn deal_update_writes_fields_and_moves_date_modify() {
    let sandbox = sandbox();
    let before =
        portal_call(&sandbox, 2, "crm.deal.get", json!({"id": 9})).json()["result"].clone();
    let answer = portal_call(
        &sandbox,
        2,
        "crm.deal.update",
        json!({"id": 9, "fields": {"STAGE_ID": "WON", "OPPORTUNITY": 1234.5, "UF_CRM_STORE_ORDER": "777"}}),
    );
    assert_eq!(answer.json()["result"], true, "{}", answer.body);
    let after = portal_call(&sandbox, 2, "crm.deal.get", json!({"id": 9})).json()["result"].clone();
    assert_eq!(after["STAGE_ID"], "WON");
    assert_eq!(after["CLOSED"], "Y");
    assert_eq!(after["OPPORTUNITY"], "1234.50");
    assert_eq!(after["UF_CRM_STORE_ORDER"], "777");
    assert_eq!(after["MODIFY_BY_ID"], "2");
    assert!(after["DATE_MODIFY"].as_str() > before["DATE_MODIFY"].as_str());
    let bad = portal_call(
        &sandbox,
        2,
        "crm.deal.update",
        json!({"id": 9, "fields": {"STAGE_ID": "C1:NEW"}}),
    );
    assert_eq!((bad.status, bad.json()["error"].clone()), (400, json!("")));
}

#[test]
fn deal_add_starts_in_the_first_stage_of_its_pipeline() {
    let sandbox = sandbox();
    let id = portal_call(
        &sandbox,
        1,
        "crm.deal.add",
        json!({"fields": {"TITLE": "Новая", "CATEGORY_ID": 1}}),
    )
    .json()["result"]
        .as_u64()
        .unwrap();
    let deal = portal_call(&sandbox, 1, "crm.deal.get", json!({"id": id})).json()["result"].clone();
    assert_eq!(
        (deal["TITLE"].clone(), deal["STAGE_ID"].clone()),
        (json!("Новая"), json!("C1:NEW"))
    );
}

#[test]
fn product_rows_set_replaces_every_row_and_recomputes_the_sum() {
    let sandbox = sandbox();
    let rows = json!([
        {"PRODUCT_ID": 1001, "PRICE": 1200, "QUANTITY": 2, "TAX_RATE": 20},
        {"PRODUCT_NAME": "Доставка", "PRICE": 350, "QUANTITY": 1, "DISCOUNT_TYPE_ID": 2, "DISCOUNT_RATE": 10}
    ]);
    let answer = portal_call(
        &sandbox,
        1,
        "crm.deal.productrows.set",
        json!({"id": 21, "rows": rows}),
    );
    assert_eq!(answer.json()["result"], true, "{}", answer.body);
    let got =
        portal_call(&sandbox, 1, "crm.deal.productrows.get", json!({"id": 21})).json()["result"]
            .clone();
    assert_eq!(got.as_array().unwrap().len(), 2);
    assert_eq!(got[0]["OWNER_TYPE"], "D");
    assert_eq!(got[0]["PRODUCT_ID"], 1001);
    assert!(got[0]["PRODUCT_NAME"].as_str().unwrap().starts_with("Кофе"));
    assert_eq!(got[0]["PRICE"], 1200);
    assert_eq!(got[0]["PRICE_EXCLUSIVE"], 1000);
    assert_eq!(got[1]["PRICE_NETTO"].as_f64().unwrap(), 388.89);
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.get", json!({"id": 21})).json()["result"]["OPPORTUNITY"],
        "2750.00"
    );
    let cleared = portal_call(
        &sandbox,
        1,
        "crm.deal.productrows.set",
        json!({"id": 21, "rows": []}),
    );
    assert_eq!(cleared.json()["result"], true);
    assert_eq!(
        portal_call(&sandbox, 1, "crm.deal.productrows.get", json!({"id": 21})).json()["result"],
        json!([])
    );
    let bad = portal_call(
        &sandbox,
        1,
        "crm.deal.productrows.set",
        json!({"id": 21, "rows": "nonsense"}),
    );
    assert_eq!(bad.status, 400);
    let unknown = portal_call(
        &sandbox,
        1,
        "crm.deal.productrows.set",
        json!({"id": 21, "rows": [{"PRODUCT_ID": 424242, "PRICE": 1, "QUANTITY": 1}]}),
    );
    assert_eq!(unknown.status, 400);
}

#[test]
fn contacts_carry_phones_and_emails_and_duplicates_are_found_by_normalized_value() {
    let sandbox = sandbox();
    let contact =
        portal_call(&sandbox, 1, "crm.contact.get", json!({"id": 1})).json()["result"].clone();
    assert_eq!(contact["PHONE"][0]["VALUE"], "+79161234567");
    assert_eq!(contact["PHONE"][0]["VALUE_TYPE"], "MOBILE");
    assert_eq!(contact["EMAIL"][0]["TYPE_ID"], "EMAIL");
    let found = portal_call(
        &sandbox,
        1,
        "crm.duplicate.findbycomm",
        json!({"type": "PHONE", "values": ["8 (916) 123-45-67"], "entity_type": "CONTACT"}),
    )
    .json();
    assert_eq!(found["result"], json!({"CONTACT": [1]}));
    let email = contact["EMAIL"][0]["VALUE"]
        .as_str()
        .unwrap()
        .to_uppercase();
    let by_email = portal_call(
        &sandbox,
        1,
        "crm.duplicate.findbycomm",
        json!({"type": "EMAIL", "values": [email]}),
    )
    .json();
    assert_eq!(by_email["result"], json!({"CONTACT": [1]}));
    let none = portal_call(
        &sandbox,
        1,
        "crm.duplicate.findbycomm",
        json!({"type": "PHONE", "values": ["+10000000000"]}),
    )
    .json();
    assert_eq!(none["result"], json!([]));
    let untyped = portal_call(
        &sandbox,
        1,
        "crm.duplicate.findbycomm",
        json!({"values": ["1"]}),
    );
    assert_eq!(untyped.status, 400);
}

#[test]
fn contact_add_and_update_change_multi_fields() {
    let sandbox = sandbox();
    let id = portal_call(&sandbox, 1, "crm.contact.add", json!({"fields": {"NAME": "Пётр", "LAST_NAME": "Новый", "PHONE": [{"VALUE": "+7 999 000-11-22", "VALUE_TYPE": "WORK"}]}})).json()["result"].as_u64().unwrap();
    let contact =
        portal_call(&sandbox, 1, "crm.contact.get", json!({"id": id})).json()["result"].clone();
    let phone_id = contact["PHONE"][0]["ID"].as_str().unwrap().to_string();
    portal_call(
        &sandbox,
        1,
        "crm.contact.update",
        json!({"id": id, "fields": {"PHONE": [{"ID": phone_id, "VALUE": "+79990001133"}], "EMAIL": [{"VALUE": "p@example.ru"}]}}),
    );
    let contact =
        portal_call(&sandbox, 1, "crm.contact.get", json!({"id": id})).json()["result"].clone();
    assert_eq!(contact["PHONE"].as_array().unwrap().len(), 1);
    assert_eq!(contact["PHONE"][0]["VALUE"], "+79990001133");
    assert_eq!(contact["EMAIL"][0]["VALUE"], "p@example.ru");
    let listed = portal_call(
        &sandbox,
        1,
        "crm.contact.list",
        json!({"filter": {"ID": id}, "select": ["ID", "NAME", "PHONE"]}),
    )
    .json();
    assert_eq!(listed["result"][0]["PHONE"][0]["VALUE"], "+79990001133");
}

#[test]
fn stages_and_pipelines_are_listed() {
    let sandbox = sandbox();
    let stages = portal_call(
        &sandbox,
        1,
        "crm.status.list",
        json!({"filter": {"ENTITY_ID": "DEAL_STAGE_1"}}),
    )
    .json();
    let list = stages["result"].as_array().unwrap();
    assert_eq!(list[0]["STATUS_ID"], "C1:NEW");
    assert_eq!(list[0]["CATEGORY_ID"], "1");
    let won = list.iter().find(|s| s["STATUS_ID"] == "C1:WON").unwrap();
    assert_eq!(
        (won["SEMANTICS"].clone(), won["EXTRA"]["SEMANTICS"].clone()),
        (json!("S"), json!("success"))
    );
    let categories =
        portal_call(&sandbox, 1, "crm.category.list", json!({"entityTypeId": 2})).json();
    let names: Vec<&str> = categories["result"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Общая", "Интернет-магазин"]);
    let fields = portal_call(&sandbox, 1, "crm.deal.fields", json!({})).json();
    assert_eq!(
        fields["result"]["UF_CRM_STORE_ORDER"]["listLabel"],
        "Номер заказа в магазине"
    );
    assert_eq!(fields["result"]["STAGE_ID"]["statusType"], "DEAL_STAGE");
}

#[test]
fn portal_catalogue_is_read_with_catalog_product_list() {
    let sandbox = sandbox();
    let body = portal_call(
        &sandbox,
        1,
        "catalog.product.list",
        json!({"select": ["id", "iblockId", "name", "xmlId"], "filter": {"iblockId": 25, "@id": [1001]}}),
    );
    assert_eq!(body.status, 400, "no @ prefix in catalog.product.list");
    let body = portal_call(&sandbox, 1, "catalog.product.list", json!({"select": ["id", "iblockId", "name", "xmlId"], "filter": {"iblockId": 25, "id": [1001, 1002]}})).json();
    let products = body["result"]["products"].as_array().unwrap();
    assert_eq!(products.len(), 2);
    assert_eq!(products[0]["iblockId"], 25);
    let store = store_call(&sandbox, "catalog.product.get", json!({"id": 1})).json();
    assert_eq!(
        products[0]["xmlId"], store["result"]["product"]["xmlId"],
        "both catalogues share XML_IDs"
    );
}

#[test]
fn placements_are_bound_by_admins_in_app_context_only() {
    let sandbox = sandbox();
    let params = json!({"PLACEMENT": "CRM_DEAL_DETAIL_TAB", "HANDLER": "http://127.0.0.1:1/index.html", "TITLE": "Store", "LANG_ALL": {"ru": {"TITLE": "Магазин"}, "en": {"TITLE": "Store"}}});
    let rep = portal_call(&sandbox, 2, "placement.bind", params.clone());
    assert_eq!(
        (rep.status, rep.json()["error"].clone()),
        (403, json!("ACCESS_DENIED"))
    );
    let hook = post_json(
        &format!("{}placement.bind.json", sandbox.urls().portal_webhook),
        &params,
    );
    assert_eq!(
        (hook.status, hook.json()["error"].clone()),
        (403, json!("WRONG_AUTH_TYPE"))
    );
    assert_eq!(
        portal_call(&sandbox, 1, "placement.bind", params.clone()).json()["result"],
        true
    );
    let again = portal_call(&sandbox, 1, "placement.bind", params.clone());
    assert_eq!(again.json()["error"], "ERROR_CORE");
    assert!(
        again.json()["error_description"]
            .as_str()
            .is_some_and(|d| d.contains("Handler already binded"))
    );
    let bound = portal_call(&sandbox, 1, "placement.get", json!({})).json();
    assert_eq!(bound["result"][0]["placement"], "CRM_DEAL_DETAIL_TAB");
    assert_eq!(bound["result"][0]["langAll"]["en"]["TITLE"], "Store");
    assert!(
        portal_call(&sandbox, 1, "placement.list", json!({})).json()["result"]
            .as_array()
            .unwrap()
            .contains(&json!("CRM_DEAL_DETAIL_TAB"))
    );
    let removed = portal_call(
        &sandbox,
        1,
        "placement.unbind",
        json!({"PLACEMENT": "CRM_DEAL_DETAIL_TAB"}),
    )
    .json();
    assert_eq!(removed["result"]["count"], 2);
    let empty = portal_call(&sandbox, 1, "placement.bind", json!({"HANDLER": "x"}));
    assert_eq!(
        (
            empty.json()["error"].clone(),
            empty.json()["argument"].clone()
        ),
        (json!("ERROR_ARGUMENT"), json!("PLACEMENT"))
    );
}

#[test]
fn users_profile_app_info_and_methods() {
    let sandbox = sandbox();
    let me = portal_call(&sandbox, 2, "user.current", json!({})).json();
    assert_eq!(me["result"]["ID"], "2");
    let profile = portal_call(&sandbox, 2, "profile", json!({})).json();
    assert_eq!(profile["result"]["ADMIN"], false);
    let info = portal_call(&sandbox, 1, "app.info", json!({})).json();
    assert_eq!(info["result"]["CODE"], "storelink");
    let methods = portal_call(&sandbox, 1, "methods", json!({})).json();
    let list = methods["result"].as_array().unwrap();
    assert!(list.contains(&json!("crm.deal.get")) && list.contains(&json!("batch")));
    assert!(!list.contains(&json!("sale.order.get")));
}

#[test]
fn app_options_are_read_back_in_the_apps_context_only() {
    let none = sandbox();
    let all = portal_call(&none, 2, "app.option.get", json!({})).json();
    assert_eq!(all["result"], json!([]), "no options: an empty PHP array");
    let sandbox = Sandbox::start(SandboxConfig {
        rate_limit: None,
        install_app: Some(json!({"settings": {"pollSeconds": 7}})),
        ..SandboxConfig::default()
    })
    .expect("sandbox starts");
    let all = portal_call(&sandbox, 2, "app.option.get", json!({})).json();
    assert_eq!(all["result"], json!({"settings": {"pollSeconds": 7}}));
    let one = portal_call(&sandbox, 2, "app.option.get", json!({"option": "settings"})).json();
    assert_eq!(one["result"], json!({"pollSeconds": 7}));
    // An admin saves in another window (control API): the next read has it.
    post_json(
        &format!("{}/_sandbox/edit/app-option", sandbox.urls().portal),
        &json!({"name": "settings", "value": {"pollSeconds": 9}}),
    );
    let one = portal_call(&sandbox, 2, "app.option.get", json!({"option": "settings"})).json();
    assert_eq!(one["result"], json!({"pollSeconds": 9}));
    let missing = portal_call(&sandbox, 2, "app.option.get", json!({"option": "nope"})).json();
    assert_eq!(missing["result"], json!(null));
    let by_webhook = post_json(
        &format!("{}app.option.get.json", sandbox.urls().portal_webhook),
        &json!({}),
    );
    assert_eq!(
        (by_webhook.status, by_webhook.json()["error"].clone()),
        (400, json!("AccessException"))
    );
}

#[test]
fn a_data_sets_own_app_options_win_over_the_installed_ones() {
    let seed = json!({"app": {"options": {"settings": {"storeIblockId": 7}}}});
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        install_app: Some(json!({"settings": {"storeIblockId": 2}, "admin": "Ольга"})),
        ..SandboxConfig::default()
    })
    .expect("sandbox starts");
    let all = portal_call(&sandbox, 2, "app.option.get", json!({})).json();
    assert_eq!(
        all["result"],
        json!({"settings": {"storeIblockId": 7}, "admin": "Ольга"}),
        "the data set's settings, and the installed options it does not name"
    );
}
