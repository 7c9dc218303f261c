//! Envelope and error parsing on real response shapes from the official documentation.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use bitrix_rest::models::app::{PlacementBinding, User};
use bitrix_rest::models::catalog::{Price, Product, StoreStock, Warehouse};
use bitrix_rest::models::crm::{
    Category, Contact, Deal, Duplicates, FieldInfo, ProductRow, Status,
};
use bitrix_rest::models::sale::{BasketItem, Order, SaleStatus};
use bitrix_rest::{Decimal, ErrorKind, Reply, RestCode};
use common::resource;
use serde::de::DeserializeOwned;

fn typed<T: DeserializeOwned>(file: &str, key: Option<&str>) -> Reply<T> {
    let reply = Reply::parse("test", 200, &resource(file)).unwrap();
    let reply = match key {
        None => reply,
        Some(k) => Reply {
            result: reply.result[k].clone(),
            ..reply
        },
    };
    reply.decode().unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn crm_fixtures_read_into_typed_records() {
    let deal = typed::<Deal>("crm_deal_get.json", None);
    assert_eq!(deal.result.id, 410);
    assert!(deal.time.result_time_is_sane());
    let page = typed::<Vec<Deal>>("crm_deal_list.json", None);
    assert_eq!(
        page.result[0].opportunity,
        "19999.99".parse::<Decimal>().unwrap()
    );
    assert!(page.total.is_some());
    let rows = typed::<Vec<ProductRow>>("crm_deal_productrows_get.json", None);
    assert!(!rows.result.is_empty());
    let contact = typed::<Contact>("crm_contact_get.json", None);
    assert!(contact.result.id > 0);
    let dup = typed::<Duplicates>("crm_duplicate_findbycomm.json", None);
    assert_eq!(dup.result.contact, vec![275, 2297]);
    let stages = typed::<Vec<Status>>("crm_status_list.json", None);
    assert!(!stages.result.is_empty());
    let fields = typed::<BTreeMap<String, FieldInfo>>("crm_deal_fields.json", None);
    assert_eq!(fields.result["ID"].kind, "integer");
    let categories = typed::<Vec<Category>>("crm_category_list.json", Some("categories"));
    assert!(!categories.result.is_empty());
}

#[test]
fn store_fixtures_read_into_typed_records() {
    let order = typed::<Order>("sale_order_get.json", Some("order"));
    assert!(!order.result.basket_items.is_empty());
    let orders = typed::<Vec<Order>>("sale_order_list.json", Some("orders"));
    assert_eq!(orders.result[0].price, Decimal::from(1176));
    assert_eq!(orders.total, Some(1));
    let item = typed::<BasketItem>("sale_basketitem_add.json", Some("basketItem"));
    assert!(item.result.id > 0);
    let statuses = typed::<Vec<SaleStatus>>("sale_status_list.json", Some("statuses"));
    assert!(!statuses.result.is_empty());
    let stock = typed::<Vec<StoreStock>>("catalog_storeproduct_list.json", Some("storeProducts"));
    assert_eq!(stock.result[0].amount, Decimal::from(54));
    let stores = typed::<Vec<Warehouse>>("catalog_store_list.json", Some("stores"));
    assert!(!stores.result.is_empty());
    let prices = typed::<Vec<Price>>("catalog_price_list.json", Some("prices"));
    assert!(!prices.result.is_empty());
    let products = typed::<Vec<Product>>("catalog_product_list.json", Some("products"));
    assert!(!products.result.is_empty());
}

#[test]
fn app_fixtures_read_into_typed_records() {
    let bound = typed::<Vec<PlacementBinding>>("placement_get.json", None);
    assert_eq!(bound.result[0].placement, "CRM_DEAL_LIST_TOOLBAR");
    let me = typed::<User>("user_current.json", None);
    assert!(me.result.id > 0);
}

#[test]
fn time_reads_the_cloud_operating_budget() {
    let reply = Reply::parse(
        "crm.duplicate.findbycomm",
        200,
        &resource("crm_duplicate_findbycomm.json"),
    )
    .unwrap();
    assert_eq!(reply.time.operating, Some(0.0));
    assert_eq!(reply.time.operating_reset_at, Some(1750684660.0));
    assert_eq!(
        reply.time.date_start.as_deref(),
        Some("2025-06-23T16:07:40+03:00")
    );
}

#[test]
fn documented_error_bodies_parse_to_errors_with_code_and_description() {
    for file in [
        "crm_deal_get.error.json",
        "crm_deal_list.error.json",
        "crm_contact_get.error.json",
        "catalog_storeproduct_list.error.json",
        "sale_basketitem_add.error.json",
        "sale_order_get.error.json",
        "placement_get.error.json",
    ] {
        let e = Reply::parse("m", 400, &resource(file)).unwrap_err();
        assert!(e.code.is_some(), "{file}");
        assert!(!e.description.is_empty(), "{file}");
        assert_eq!(e.status, Some(400));
    }
    let sale = Reply::parse(
        "sale.order.get",
        400,
        &resource("sale_order_get.error.json"),
    )
    .unwrap_err();
    assert_eq!(sale.code, Some(RestCode::Numeric(200540400001)));
    let crm = Reply::parse("crm.deal.get", 400, &resource("crm_deal_get.error.json")).unwrap_err();
    assert!(crm.code.as_ref().unwrap().is_empty());
}

/// Every row of the reference table: code, HTTP status → kind.
#[test]
fn every_documented_error_code_has_its_kind() {
    let table: &[(&str, u16, ErrorKind)] = &[
        ("expired_token", 401, ErrorKind::Auth),
        ("invalid_token", 401, ErrorKind::Auth),
        ("NO_AUTH_FOUND", 401, ErrorKind::Auth),
        ("insufficient_scope", 403, ErrorKind::Scope),
        ("insufficient_scope", 401, ErrorKind::Scope),
        ("ACCESS_DENIED", 403, ErrorKind::Access),
        ("INVALID_CREDENTIALS", 401, ErrorKind::Auth),
        ("INVALID_CREDENTIALS", 403, ErrorKind::Auth),
        ("user_access_error", 403, ErrorKind::Access),
        ("ERROR_METHOD_NOT_FOUND", 404, ErrorKind::NotFound),
        ("QUERY_LIMIT_EXCEEDED", 503, ErrorKind::RateLimit),
        ("OVERLOAD_LIMIT", 503, ErrorKind::RateLimit),
        ("OPERATION_TIME_LIMIT", 429, ErrorKind::TimeLimit),
        ("ERROR_BATCH_LENGTH_EXCEEDED", 400, ErrorKind::BadRequest),
        ("ERROR_BATCH_METHOD_NOT_ALLOWED", 405, ErrorKind::BadRequest),
        ("INVALID_REQUEST", 400, ErrorKind::BadRequest),
        ("INTERNAL_SERVER_ERROR", 500, ErrorKind::Server),
        ("ERROR_UNEXPECTED_ANSWER", 500, ErrorKind::Server),
        ("PORTAL_DELETED", 500, ErrorKind::Server),
        ("ERROR_MANIFEST_IS_NOT_AVAILABLE", 404, ErrorKind::NotFound),
        ("", 400, ErrorKind::BadRequest),
    ];
    for &(code, status, kind) in table {
        let body = format!(r#"{{"error":"{code}","error_description":"d"}}"#);
        let e = Reply::parse("m", status, &body).unwrap_err();
        assert_eq!(e.kind, kind, "{code} {status}");
        assert_eq!(e.code, Some(RestCode::Text(code.into())));
        assert_eq!((e.status, e.method.as_str()), (Some(status), "m"));
    }
    let not_found = Reply::parse(
        "crm.deal.get",
        400,
        r#"{"error":"","error_description":"Not found"}"#,
    )
    .unwrap_err();
    assert_eq!(not_found.kind, ErrorKind::NotFound);
    let numeric = Reply::parse(
        "sale.order.get",
        400,
        r#"{"error":200540400001,"error_description":"order does not exist"}"#,
    )
    .unwrap_err();
    assert_eq!(
        (numeric.kind, numeric.code),
        (ErrorKind::BadRequest, Some(RestCode::Numeric(200540400001)))
    );
}

/// A refusal for want of rights reads as one, whichever module sends it: `sale.*` and
/// `catalog.*` with HTTP 400 and a numeric code `2000403000NN`, CRM with HTTP 400, an empty code
/// and "Access denied.". Neighbouring numeric codes (not found, bad argument) stay what they are.
#[test]
fn refusals_for_want_of_rights_read_as_access_in_every_module() {
    for (method, body) in [
        (
            "catalog.product.list",
            r#"{"error":200040300010,"error_description":"Access Denied"}"#,
        ),
        (
            "sale.order.list",
            r#"{"error":200040300010,"error_description":"Insufficient permissions to read"}"#,
        ),
        (
            "sale.order.update",
            r#"{"error":200040300020,"error_description":"No access to edit"}"#,
        ),
        (
            "crm.deal.get",
            r#"{"error":"","error_description":"Access denied."}"#,
        ),
    ] {
        let e = Reply::parse(method, 400, body).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Access, "{method} {body}");
    }
    for code in [200040300000_i64, 200040400001, 201140400001] {
        let body = format!(r#"{{"error":{code},"error_description":"d"}}"#);
        let e = Reply::parse("sale.shipment.get", 400, &body).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadRequest, "{code}");
    }
}

#[test]
fn bodies_that_are_not_envelopes_never_panic() {
    for (status, body) in [
        (200, ""),
        (200, "null"),
        (200, "[1,2]"),
        (200, "{\"result\":"),
        (502, "<html>502</html>"),
        (200, "{\"time\":{}}"),
    ] {
        let e = Reply::parse("m", status, body).unwrap_err();
        assert!(
            matches!(e.kind, ErrorKind::Malformed | ErrorKind::Server),
            "{body}: {e}"
        );
    }
    assert_eq!(
        Reply::parse("m", 502, "<html>502</html>").unwrap_err().kind,
        ErrorKind::Server
    );
    // `time` is informative: an odd one is ignored, not fatal.
    let odd_time = Reply::parse("m", 200, r#"{"result":1,"time":"soon"}"#).unwrap();
    assert_eq!(odd_time.time, bitrix_rest::Time::default());
}

trait Sane {
    fn result_time_is_sane(&self) -> bool;
}

impl Sane for bitrix_rest::Time {
    fn result_time_is_sane(&self) -> bool {
        self.start.is_some() && self.duration.is_some()
    }
}

#[test]
fn no_duplicates_arrive_as_an_empty_list_and_read_as_none_found() {
    let reply = Reply::parse(
        "crm.duplicate.findbycomm",
        200,
        r#"{"result":[],"time":{}}"#,
    )
    .unwrap();
    let found: Duplicates = reply.decode().unwrap().result;
    assert_eq!(found, Duplicates::default());
}
