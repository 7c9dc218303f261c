//! The REST methods of both systems.

mod catalog;
mod crm;
mod portal;
mod sale;
mod wrapped_list;

use crate::rest::registry::Method;

const CRM: &[&str] = &["crm"];
const CATALOG: &[&str] = &["catalog"];
const SALE: &[&str] = &["sale"];
const PLACEMENT: &[&str] = &["placement"];
const USER: &[&str] = &["user", "user_brief", "user_basic"];
const ANY: &[&str] = &[];

/// Bitrix24: CRM, its catalogue, placements, users.
pub fn portal() -> Vec<Method> {
    vec![
        Method::new("crm.deal.get", CRM, crm::deal::get),
        Method::new("crm.deal.list", CRM, crm::deal::list),
        Method::new("crm.deal.add", CRM, crm::deal::add),
        Method::new("crm.deal.update", CRM, crm::deal::update),
        Method::new("crm.deal.fields", CRM, crm::deal_fields::fields),
        Method::new("crm.deal.productrows.get", CRM, crm::product_rows::get),
        Method::new("crm.deal.productrows.set", CRM, crm::product_rows::set),
        Method::new("crm.contact.get", CRM, crm::contact::get),
        Method::new("crm.contact.list", CRM, crm::contact::list),
        Method::new("crm.contact.add", CRM, crm::contact::add),
        Method::new("crm.contact.update", CRM, crm::contact::update),
        Method::new(
            "crm.duplicate.findbycomm",
            CRM,
            crm::duplicate::find_by_comm,
        ),
        Method::new("crm.status.list", CRM, crm::status::list),
        Method::new("crm.category.list", CRM, crm::status::category_list),
        Method::new(
            "catalog.catalog.list",
            CATALOG,
            catalog::trade_catalog::list,
        ),
        Method::new("catalog.product.list", CATALOG, catalog::product::list),
        Method::new("catalog.product.get", CATALOG, catalog::product::get),
        Method::new(
            "catalog.product.offer.list",
            CATALOG,
            catalog::product::offer_list,
        ),
        Method::new("catalog.price.list", CATALOG, catalog::stock::price_list),
        Method::admin_app("placement.bind", PLACEMENT, portal::placement::bind),
        Method::admin_app("placement.unbind", PLACEMENT, portal::placement::unbind),
        Method::admin_app("placement.get", PLACEMENT, portal::placement::get),
        Method {
            app_only: true,
            ..Method::new("placement.list", PLACEMENT, portal::placement::list)
        },
        Method::new("user.current", USER, portal::user::current),
        Method::new("profile", ANY, portal::user::profile),
        Method::new("app.info", ANY, portal::user::app_info),
        Method::new("app.option.get", ANY, portal::user::app_option_get),
        Method::new("methods", ANY, portal::user::methods),
        Method::new("scope", ANY, portal::user::scope),
    ]
}

/// 1C-Bitrix Site Manager: the online store's `sale` and `catalog` modules.
pub fn store() -> Vec<Method> {
    vec![
        Method::new("sale.order.list", SALE, sale::order::list),
        Method::new("sale.order.get", SALE, sale::order::get),
        Method::new("sale.order.update", SALE, sale::order::update),
        Method::new("sale.basketitem.list", SALE, sale::basket::list),
        Method::new("sale.basketitem.get", SALE, sale::basket::get),
        Method::new("sale.basketitem.add", SALE, sale::basket::add),
        Method::new("sale.basketitem.update", SALE, sale::basket::update),
        Method::new("sale.basketitem.delete", SALE, sale::basket::delete),
        Method::new("sale.propertyvalue.list", SALE, sale::property_value::list),
        Method::new("sale.status.list", SALE, sale::status::list),
        Method::new("sale.statusLang.list", SALE, sale::status::lang_list),
        Method::new(
            "catalog.catalog.list",
            CATALOG,
            catalog::trade_catalog::list,
        ),
        Method::new("catalog.product.list", CATALOG, catalog::product::list),
        Method::new("catalog.product.get", CATALOG, catalog::product::get),
        Method::new(
            "catalog.product.offer.list",
            CATALOG,
            catalog::product::offer_list,
        ),
        Method::new(
            "catalog.storeproduct.list",
            CATALOG,
            catalog::stock::store_product_list,
        ),
        Method::new("catalog.store.list", CATALOG, catalog::stock::store_list),
        Method::new("catalog.price.list", CATALOG, catalog::stock::price_list),
        Method::new("catalog.measure.list", CATALOG, catalog::measure::list),
        Method::new("user.current", USER, portal::user::current),
        Method::new("profile", ANY, portal::user::profile),
        Method::new("methods", ANY, portal::user::methods),
        Method::new("scope", ANY, portal::user::scope),
    ]
}

/// The write paths of the methods, for edits made outside REST (the control API).
pub mod edits {
    pub use super::crm::deal::write_fields as deal_fields_raw;
    pub use super::crm::product_rows::{deal_exists, replace_rows as deal_rows};
    pub use super::sale::basket::update_item as basket_item;
    pub use super::sale::order::update_fields as order_fields;

    use rusqlite::Transaction;
    use serde_json::{Map, Value};

    use crate::rest::RestError;

    pub fn deal_fields(
        tx: &Transaction,
        id: u64,
        fields: &Map<String, Value>,
        user: u64,
    ) -> Result<(), RestError> {
        deal_fields_raw(tx, id, fields, user, false)
    }
}
