//! Bitrix24 CRM records: deals, product rows, contacts, stages, pipelines, deal fields.

use serde::{Deserialize, Serialize};

use crate::value::{Decimal, lenient};

/// A deal (`crm.deal.get`, `crm.deal.list`).
///
/// ```
/// use bitrix_rest::models::crm::Deal;
/// let deal: Deal = serde_json::from_str(r#"{"ID":"410","TITLE":"Store #165","STAGE_ID":"C1:NEW",
///   "CATEGORY_ID":"1","OPPORTUNITY":"1176.00","CURRENCY_ID":"RUB","CONTACT_ID":"84",
///   "COMPANY_ID":null,"ORIGINATOR_ID":"3","ORIGIN_ID":"9","DATE_MODIFY":"2024-08-30T14:29:00+03:00",
///   "UF_CRM_ORDER":"165"}"#).unwrap();
/// assert_eq!(deal.id, 410);
/// assert_eq!(deal.opportunity.to_string(), "1176.00");
/// assert_eq!(deal.user_field("UF_CRM_ORDER").as_deref(), Some("165"));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Deal {
    /// The record's ID.
    #[serde(rename = "ID", deserialize_with = "lenient::id")]
    pub id: u64,
    /// The title.
    #[serde(rename = "TITLE", default, deserialize_with = "lenient::string")]
    pub title: String,
    /// `"NEW"` in the default pipeline, `"C1:NEW"` in pipeline 1.
    #[serde(rename = "STAGE_ID", default, deserialize_with = "lenient::string")]
    pub stage_id: String,
    /// The pipeline; 0 is the default one.
    #[serde(
        rename = "CATEGORY_ID",
        default,
        deserialize_with = "lenient::int_or_zero"
    )]
    pub category_id: i64,
    /// The deal's sum.
    #[serde(
        rename = "OPPORTUNITY",
        default,
        deserialize_with = "lenient::decimal_or_zero"
    )]
    pub opportunity: Decimal,
    /// The currency code.
    #[serde(rename = "CURRENCY_ID", default, deserialize_with = "lenient::string")]
    pub currency_id: String,
    /// The deal's main contact.
    #[serde(rename = "CONTACT_ID", default, deserialize_with = "lenient::opt_id")]
    pub contact_id: Option<u64>,
    /// The deal's company.
    #[serde(rename = "COMPANY_ID", default, deserialize_with = "lenient::opt_id")]
    pub company_id: Option<u64>,
    /// The responsible user.
    #[serde(
        rename = "ASSIGNED_BY_ID",
        default,
        deserialize_with = "lenient::opt_id"
    )]
    pub assigned_by_id: Option<u64>,
    /// The external system that created the deal (the store connector's connection ID).
    #[serde(
        rename = "ORIGINATOR_ID",
        default,
        deserialize_with = "lenient::opt_string"
    )]
    pub originator_id: Option<String>,
    /// The record's ID in that system (the store order's ID for the built-in connector).
    #[serde(
        rename = "ORIGIN_ID",
        default,
        deserialize_with = "lenient::opt_string"
    )]
    pub origin_id: Option<String>,
    /// ISO 8601 with offset, e.g. `2024-08-30T14:29:00+03:00`.
    #[serde(rename = "DATE_MODIFY", default, deserialize_with = "lenient::string")]
    pub date_modify: String,
    /// Every other field, notably the user fields `UF_CRM_*`.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Deal {
    /// A user field (or any other unmodelled field) as text; `None` when absent, `null` or empty.
    /// Numbers read as their text; a multiple field reads as its first value.
    ///
    /// ```
    /// let deal: bitrix_rest::models::crm::Deal = serde_json::from_str(r#"{"ID":"1","UF_CRM_ORDER":["165"]}"#).unwrap();
    /// assert_eq!(deal.user_field("UF_CRM_ORDER").as_deref(), Some("165"));
    /// assert_eq!(deal.user_field("UF_CRM_NONE"), None);
    /// ```
    pub fn user_field(&self, name: &str) -> Option<String> {
        scalar_text(self.other.get(name)?)
    }
}

fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(items) => items.iter().find_map(scalar_text),
        _ => None,
    }
}

/// A product row of a deal (`crm.deal.productrows.get`).
///
/// `crm.deal.productrows.set` replaces all rows: send the full list, with `id` left out.
///
/// ```
/// let row: bitrix_rest::models::crm::ProductRow = serde_json::from_str(
///     r#"{"ID":"5","PRODUCT_ID":"27","PRODUCT_NAME":"Чайник","PRICE":"1176.00","QUANTITY":"2","TAX_INCLUDED":"Y"}"#).unwrap();
/// assert_eq!(row.sum().to_string(), "2352.00");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ProductRow {
    /// The record's ID.
    #[serde(
        rename = "ID",
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing
    )]
    pub id: Option<u64>,
    /// The deal (or other owner) the row belongs to.
    #[serde(
        rename = "OWNER_ID",
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing
    )]
    pub owner_id: Option<u64>,
    /// The portal catalogue's product; `0` for a free-text row.
    #[serde(
        rename = "PRODUCT_ID",
        default,
        deserialize_with = "lenient::int_or_zero"
    )]
    pub product_id: i64,
    /// The product's name on this row.
    #[serde(rename = "PRODUCT_NAME", default, deserialize_with = "lenient::string")]
    pub product_name: String,
    /// Price per unit, after discount, with tax.
    #[serde(
        rename = "PRICE",
        default,
        deserialize_with = "lenient::decimal_or_zero"
    )]
    pub price: Decimal,
    /// The quantity.
    #[serde(
        rename = "QUANTITY",
        default,
        deserialize_with = "lenient::decimal_or_zero"
    )]
    pub quantity: Decimal,
    /// 1 = a sum, 2 = a percentage.
    #[serde(
        rename = "DISCOUNT_TYPE_ID",
        default,
        deserialize_with = "lenient::int_or_zero"
    )]
    pub discount_type_id: i64,
    /// The discount rate.
    #[serde(
        rename = "DISCOUNT_RATE",
        default,
        deserialize_with = "lenient::decimal_or_zero"
    )]
    pub discount_rate: Decimal,
    /// The discount per unit.
    #[serde(
        rename = "DISCOUNT_SUM",
        default,
        deserialize_with = "lenient::decimal_or_zero"
    )]
    pub discount_sum: Decimal,
    /// The tax rate, percent.
    #[serde(
        rename = "TAX_RATE",
        default,
        deserialize_with = "lenient::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub tax_rate: Option<Decimal>,
    /// The price includes tax.
    #[serde(
        rename = "TAX_INCLUDED",
        default,
        deserialize_with = "lenient::yes_no",
        serialize_with = "yes_no"
    )]
    pub tax_included: bool,
    /// The unit's OKEI code (796 = pieces).
    #[serde(
        rename = "MEASURE_CODE",
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub measure_code: Option<u64>,
    /// The unit's name (`шт`).
    #[serde(rename = "MEASURE_NAME", default, deserialize_with = "lenient::string")]
    pub measure_name: String,
    /// The sort index.
    #[serde(rename = "SORT", default, deserialize_with = "lenient::int_or_zero")]
    pub sort: i64,
}

fn yes_no<S: serde::Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *v { "Y" } else { "N" })
}

impl ProductRow {
    /// Quantity × price.
    ///
    /// ```
    /// let row: bitrix_rest::models::crm::ProductRow = serde_json::from_str(r#"{"PRICE":"10.50","QUANTITY":"3"}"#).unwrap();
    /// assert_eq!(row.sum().to_string(), "31.50");
    /// ```
    pub fn sum(&self) -> Decimal {
        self.price * self.quantity
    }
}

/// A phone, e-mail or messenger entry of a contact (`PHONE`, `EMAIL`).
///
/// ```
/// let m: bitrix_rest::models::crm::Multifield = serde_json::from_str(
///     r#"{"ID":"1","VALUE_TYPE":"WORK","VALUE":"a@b.example","TYPE_ID":"EMAIL"}"#).unwrap();
/// assert_eq!(m.value, "a@b.example");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Multifield {
    /// The record's ID.
    #[serde(
        rename = "ID",
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<u64>,
    /// `WORK`, `MOBILE`, `HOME`, …
    #[serde(rename = "VALUE_TYPE", default, deserialize_with = "lenient::string")]
    pub value_type: String,
    /// The value.
    #[serde(rename = "VALUE", default, deserialize_with = "lenient::string")]
    pub value: String,
    /// `PHONE` or `EMAIL`.
    #[serde(
        rename = "TYPE_ID",
        default,
        deserialize_with = "lenient::string",
        skip_serializing
    )]
    pub type_id: String,
}

/// A contact (`crm.contact.get`, `crm.contact.list`).
///
/// ```
/// let c: bitrix_rest::models::crm::Contact = serde_json::from_str(r#"{"ID":"84","NAME":"Анна","EMAIL":null}"#).unwrap();
/// assert!(c.email.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Contact {
    /// The record's ID.
    #[serde(rename = "ID", deserialize_with = "lenient::id")]
    pub id: u64,
    /// The name.
    #[serde(rename = "NAME", default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The second (middle) name.
    #[serde(rename = "SECOND_NAME", default, deserialize_with = "lenient::string")]
    pub second_name: String,
    /// The last name.
    #[serde(rename = "LAST_NAME", default, deserialize_with = "lenient::string")]
    pub last_name: String,
    /// Phone numbers.
    #[serde(rename = "PHONE", default, deserialize_with = "lenient::list")]
    pub phone: Vec<Multifield>,
    /// E-mail addresses.
    #[serde(rename = "EMAIL", default, deserialize_with = "lenient::list")]
    pub email: Vec<Multifield>,
    /// Last change, ISO 8601 with offset.
    #[serde(rename = "DATE_MODIFY", default, deserialize_with = "lenient::string")]
    pub date_modify: String,
}

impl Contact {
    /// "Name Second-name Last-name" without empty parts.
    ///
    /// ```
    /// let c: bitrix_rest::models::crm::Contact = serde_json::from_str(r#"{"ID":"1","NAME":"Анна","SECOND_NAME":"","LAST_NAME":"Петрова"}"#).unwrap();
    /// assert_eq!(c.full_name(), "Анна Петрова");
    /// ```
    pub fn full_name(&self) -> String {
        [&self.name, &self.second_name, &self.last_name]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What `crm.duplicate.findbycomm` found: IDs per entity type (`[]` when nothing).
///
/// ```
/// let d: bitrix_rest::models::crm::Duplicates = serde_json::from_str(r#"{"CONTACT":[275,2297]}"#).unwrap();
/// assert_eq!(d.contact, vec![275, 2297]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Duplicates {
    /// Matching contacts.
    #[serde(rename = "CONTACT", default)]
    pub contact: Vec<u64>,
    /// Matching companies.
    #[serde(rename = "COMPANY", default)]
    pub company: Vec<u64>,
    /// Matching leads.
    #[serde(rename = "LEAD", default)]
    pub lead: Vec<u64>,
}

/// An item of a CRM reference list (`crm.status.list`): for deals, a stage of a pipeline.
///
/// ```
/// let s: bitrix_rest::models::crm::Status = serde_json::from_str(
///     r#"{"ID":"5","ENTITY_ID":"DEAL_STAGE_1","STATUS_ID":"C1:WON","NAME":"Won","SORT":"60","SEMANTICS":"S"}"#).unwrap();
/// assert!(s.is_final());
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Status {
    /// The record's ID.
    #[serde(rename = "ID", default, deserialize_with = "lenient::opt_id")]
    pub id: Option<u64>,
    /// `DEAL_STAGE` for the default pipeline, `DEAL_STAGE_<categoryId>` for the others.
    #[serde(rename = "ENTITY_ID", default, deserialize_with = "lenient::string")]
    pub entity_id: String,
    /// The stage code as a deal's `STAGE_ID` holds it (`NEW`, `C1:WON`).
    #[serde(rename = "STATUS_ID", default, deserialize_with = "lenient::string")]
    pub status_id: String,
    /// The name.
    #[serde(rename = "NAME", default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The sort index.
    #[serde(rename = "SORT", default, deserialize_with = "lenient::int_or_zero")]
    pub sort: i64,
    /// The pipeline.
    #[serde(rename = "CATEGORY_ID", default, deserialize_with = "lenient::opt_id")]
    pub category_id: Option<u64>,
    /// The colour (`#RRGGBB`).
    #[serde(rename = "COLOR", default, deserialize_with = "lenient::opt_string")]
    pub color: Option<String>,
    /// `S` (won), `F` (lost) or none (in progress).
    #[serde(
        rename = "SEMANTICS",
        default,
        deserialize_with = "lenient::opt_string"
    )]
    pub semantics: Option<String>,
}

impl Status {
    /// True for a won or lost stage.
    ///
    /// ```
    /// let s: bitrix_rest::models::crm::Status = serde_json::from_str(r#"{"STATUS_ID":"NEW","SEMANTICS":null}"#).unwrap();
    /// assert!(!s.is_final());
    /// ```
    pub fn is_final(&self) -> bool {
        matches!(self.semantics.as_deref(), Some("S") | Some("F"))
    }

    /// True for a lost stage (semantics `F`).
    ///
    /// ```
    /// let s: bitrix_rest::models::crm::Status = serde_json::from_str(r#"{"STATUS_ID":"LOSE","SEMANTICS":"F"}"#).unwrap();
    /// assert!(s.is_lost());
    /// ```
    pub fn is_lost(&self) -> bool {
        self.semantics.as_deref() == Some("F")
    }
}

/// A deal pipeline (`crm.category.list` with `entityTypeId` 2 → `{categories}`).
///
/// ```
/// let c: bitrix_rest::models::crm::Category = serde_json::from_str(r#"{"id":1,"name":"Store orders","sort":200,"isDefault":"N"}"#).unwrap();
/// assert!(!c.is_default);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    /// The record's ID.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The sort index.
    #[serde(default, deserialize_with = "lenient::int_or_zero")]
    pub sort: i64,
    /// True for the default pipeline.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub is_default: bool,
}

/// The description of one field in `crm.deal.fields` (a map of field name → this).
///
/// ```
/// let f: bitrix_rest::models::crm::FieldInfo = serde_json::from_str(
///     r#"{"type":"string","isRequired":false,"isReadOnly":false,"isMultiple":false,"title":"UF_CRM_ORDER","listLabel":"Order"}"#).unwrap();
/// assert_eq!(f.label(), "Order");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    /// `string`, `integer`, `double`, `crm_status`, `enumeration`, …
    #[serde(rename = "type", default, deserialize_with = "lenient::string")]
    pub kind: String,
    /// The field must be filled.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub is_required: bool,
    /// The field cannot be written.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub is_read_only: bool,
    /// The field holds a list.
    #[serde(default, deserialize_with = "lenient::yes_no")]
    pub is_multiple: bool,
    /// The title.
    #[serde(default, deserialize_with = "lenient::string")]
    pub title: String,
    /// For user fields: the label shown in lists and forms (the title is the field code).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub list_label: Option<String>,
    /// The label in forms.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub form_label: Option<String>,
}

impl FieldInfo {
    /// The best human label: the form label, else the list label, else the title.
    ///
    /// ```
    /// let f: bitrix_rest::models::crm::FieldInfo = serde_json::from_str(r#"{"type":"string","title":"Title"}"#).unwrap();
    /// assert_eq!(f.label(), "Title");
    /// ```
    pub fn label(&self) -> &str {
        self.form_label
            .as_deref()
            .or(self.list_label.as_deref())
            .unwrap_or(&self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_row_reads_strings_and_serializes_for_set() {
        let row: ProductRow = serde_json::from_str(
            r#"{"ID":"5","OWNER_ID":"410","OWNER_TYPE":"D","PRODUCT_ID":"27","PRODUCT_NAME":"Чайник",
            "PRICE":"1176.00","QUANTITY":"2","DISCOUNT_TYPE_ID":"2","DISCOUNT_RATE":"0",
            "DISCOUNT_SUM":"0","TAX_RATE":null,"TAX_INCLUDED":"Y","MEASURE_CODE":"796",
            "MEASURE_NAME":"шт","SORT":"10"}"#,
        )
        .unwrap();
        assert_eq!(row.sum().to_string(), "2352.00");
        let out = serde_json::to_value(&row).unwrap();
        assert!(out.get("ID").is_none());
        assert_eq!(out["TAX_INCLUDED"], "Y");
        assert_eq!(out["PRICE"], "1176.00");
    }

    #[test]
    fn contact_reads_multifields_and_missing_lists() {
        let c: Contact = serde_json::from_str(
            r#"{"ID":"84","NAME":"Анна","LAST_NAME":"Петрова",
            "PHONE":[{"ID":"1","VALUE_TYPE":"WORK","VALUE":"+79161234567","TYPE_ID":"PHONE"}]}"#,
        )
        .unwrap();
        assert_eq!(c.full_name(), "Анна Петрова");
        assert_eq!(c.phone[0].value, "+79161234567");
        assert!(c.email.is_empty());
    }
}
