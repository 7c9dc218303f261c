//! The models read by [`FromValue`]: the same lenient rules as their serde derives (the tests
//! in `tests/decoders.rs` compare both on the documented shapes), in far less wasm code.

use crate::value::{DecodeError, Fields, FromValue};

use super::{app, catalog, crm, sale};

impl FromValue for app::PlacementBinding {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = app::PlacementBinding {
            placement: f.required_string("placement"),
            handler: f.string("handler"),
            title: f.string("title"),
            description: f.string("description"),
        };
        f.finish(record)
    }
}

impl FromValue for app::User {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = app::User {
            id: f.id("ID"),
            name: f.string("NAME"),
            last_name: f.string("LAST_NAME"),
            email: f.opt_string("EMAIL"),
        };
        f.finish(record)
    }
}

impl FromValue for catalog::Product {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = catalog::Product {
            id: f.id("id"),
            iblock_id: f.opt_id("iblockId"),
            name: f.string("name"),
            xml_id: f.opt_string("xmlId"),
            code: f.opt_string("code"),
            active: f.yes_no("active"),
            available: f.yes_no("available"),
            quantity: f.opt_decimal("quantity"),
            quantity_reserved: f.opt_decimal("quantityReserved"),
            other: f.rest(&[
                "id",
                "iblockId",
                "name",
                "xmlId",
                "code",
                "active",
                "available",
                "quantity",
                "quantityReserved",
            ]),
        };
        f.finish(record)
    }
}

impl FromValue for catalog::Warehouse {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = catalog::Warehouse {
            id: f.id("id"),
            title: f.string("title"),
            active: f.yes_no("active"),
            address: f.opt_string("address"),
            sort: f.int_or_zero("sort"),
        };
        f.finish(record)
    }
}

impl FromValue for catalog::Measure {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = catalog::Measure {
            id: f.id("id"),
            code: f.opt_id("code"),
            symbol: f.opt_string("symbol"),
        };
        f.finish(record)
    }
}

impl FromValue for catalog::StoreStock {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = catalog::StoreStock {
            id: f.opt_id("id"),
            product_id: f.id("productId"),
            store_id: f.id("storeId"),
            amount: f.decimal_or_zero("amount"),
            quantity_reserved: f.decimal_or_zero("quantityReserved"),
        };
        f.finish(record)
    }
}

impl FromValue for catalog::Price {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = catalog::Price {
            id: f.opt_id("id"),
            product_id: f.id("productId"),
            catalog_group_id: f.opt_id("catalogGroupId"),
            price: f.decimal_or_zero("price"),
            currency: f.string("currency"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::Deal {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::Deal {
            id: f.id("ID"),
            title: f.string("TITLE"),
            stage_id: f.string("STAGE_ID"),
            category_id: f.int_or_zero("CATEGORY_ID"),
            opportunity: f.decimal_or_zero("OPPORTUNITY"),
            currency_id: f.string("CURRENCY_ID"),
            contact_id: f.opt_id("CONTACT_ID"),
            company_id: f.opt_id("COMPANY_ID"),
            assigned_by_id: f.opt_id("ASSIGNED_BY_ID"),
            originator_id: f.opt_string("ORIGINATOR_ID"),
            origin_id: f.opt_string("ORIGIN_ID"),
            date_modify: f.string("DATE_MODIFY"),
            other: f.rest(&[
                "ID",
                "TITLE",
                "STAGE_ID",
                "CATEGORY_ID",
                "OPPORTUNITY",
                "CURRENCY_ID",
                "CONTACT_ID",
                "COMPANY_ID",
                "ASSIGNED_BY_ID",
                "ORIGINATOR_ID",
                "ORIGIN_ID",
                "DATE_MODIFY",
            ]),
        };
        f.finish(record)
    }
}

impl FromValue for crm::ProductRow {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::ProductRow {
            id: f.opt_id("ID"),
            owner_id: f.opt_id("OWNER_ID"),
            product_id: f.int_or_zero("PRODUCT_ID"),
            product_name: f.string("PRODUCT_NAME"),
            price: f.decimal_or_zero("PRICE"),
            quantity: f.decimal_or_zero("QUANTITY"),
            discount_type_id: f.int_or_zero("DISCOUNT_TYPE_ID"),
            discount_rate: f.decimal_or_zero("DISCOUNT_RATE"),
            discount_sum: f.decimal_or_zero("DISCOUNT_SUM"),
            tax_rate: f.opt_decimal("TAX_RATE"),
            tax_included: f.yes_no("TAX_INCLUDED"),
            measure_code: f.opt_id("MEASURE_CODE"),
            measure_name: f.string("MEASURE_NAME"),
            sort: f.int_or_zero("SORT"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::Multifield {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::Multifield {
            id: f.opt_id("ID"),
            value_type: f.string("VALUE_TYPE"),
            value: f.string("VALUE"),
            type_id: f.string("TYPE_ID"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::Contact {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::Contact {
            id: f.id("ID"),
            name: f.string("NAME"),
            second_name: f.string("SECOND_NAME"),
            last_name: f.string("LAST_NAME"),
            phone: f.list("PHONE"),
            email: f.list("EMAIL"),
            date_modify: f.string("DATE_MODIFY"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::Duplicates {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::Duplicates {
            contact: f.numbers("CONTACT"),
            company: f.numbers("COMPANY"),
            lead: f.numbers("LEAD"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::Status {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::Status {
            id: f.opt_id("ID"),
            entity_id: f.string("ENTITY_ID"),
            status_id: f.string("STATUS_ID"),
            name: f.string("NAME"),
            sort: f.int_or_zero("SORT"),
            category_id: f.opt_id("CATEGORY_ID"),
            color: f.opt_string("COLOR"),
            semantics: f.opt_string("SEMANTICS"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::Category {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::Category {
            id: f.id("id"),
            name: f.string("name"),
            sort: f.int_or_zero("sort"),
            is_default: f.yes_no("isDefault"),
        };
        f.finish(record)
    }
}

impl FromValue for crm::FieldInfo {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = crm::FieldInfo {
            kind: f.string("type"),
            is_required: f.yes_no("isRequired"),
            is_read_only: f.yes_no("isReadOnly"),
            is_multiple: f.yes_no("isMultiple"),
            title: f.string("title"),
            list_label: f.opt_string("listLabel"),
            form_label: f.opt_string("formLabel"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::Order {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::Order {
            id: f.id("id"),
            account_number: f.string("accountNumber"),
            status_id: f.string("statusId"),
            price: f.decimal_or_zero("price"),
            currency: f.string("currency"),
            user_id: f.opt_id("userId"),
            date_insert: f.string("dateInsert"),
            date_update: f.string("dateUpdate"),
            payed: f.yes_no("payed"),
            canceled: f.yes_no("canceled"),
            deducted: f.yes_no("deducted"),
            xml_id: f.opt_string("xmlId"),
            user_description: f.opt_string("userDescription"),
            comments: f.opt_string("comments"),
            basket_items: f.list("basketItems"),
            payments: f.list("payments"),
            shipments: f.list("shipments"),
            property_values: f.list("propertyValues"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::BasketItem {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::BasketItem {
            id: f.id("id"),
            order_id: f.opt_id("orderId"),
            product_id: f.int_or_zero("productId"),
            name: f.string("name"),
            price: f.decimal_or_zero("price"),
            base_price: f.decimal_or_zero("basePrice"),
            discount_price: f.decimal_or_zero("discountPrice"),
            currency: f.string("currency"),
            quantity: f.decimal_or_zero("quantity"),
            custom_price: f.yes_no("customPrice"),
            xml_id: f.opt_string("xmlId"),
            product_xml_id: f.opt_string("productXmlId"),
            measure_name: f.opt_string("measureName"),
            measure_code: f.opt_id("measureCode"),
            date_update: f.string("dateUpdate"),
            reservations: f.list("reservations"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::Reservation {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::Reservation {
            id: f.opt_id("id"),
            store_id: f.opt_id("storeId"),
            quantity: f.decimal_or_zero("quantity"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::Payment {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::Payment {
            id: f.id("id"),
            pay_system_name: f.string("paySystemName"),
            sum: f.decimal_or_zero("sum"),
            paid: f.yes_no("paid"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::Shipment {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::Shipment {
            id: f.id("id"),
            delivery_name: f.string("deliveryName"),
            price_delivery: f.decimal_or_zero("priceDelivery"),
            status_id: f.string("statusId"),
            deducted: f.yes_no("deducted"),
            canceled: f.yes_no("canceled"),
            system: f.yes_no("system"),
            tracking_number: f.opt_string("trackingNumber"),
            shipment_items: f.list("shipmentItems"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::ShipmentItem {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::ShipmentItem {
            basket_id: f.id("basketId"),
            quantity: f.decimal_or_zero("quantity"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::PropertyValue {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::PropertyValue {
            id: f.opt_id("id"),
            order_id: f.opt_id("orderId"),
            order_props_id: f.opt_id("orderPropsId"),
            code: f.string("code"),
            name: f.string("name"),
            value: f.opt_string("value"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::SaleStatus {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::SaleStatus {
            id: f.required_string("id"),
            kind: f.string("type"),
            sort: f.int_or_zero("sort"),
            color: f.opt_string("color"),
        };
        f.finish(record)
    }
}

impl FromValue for sale::StatusLang {
    fn from_value(v: &serde_json::Value) -> Result<Self, DecodeError> {
        let f = Fields::of(v)?;
        let record = sale::StatusLang {
            status_id: f.required_string("statusId"),
            lid: f.string("lid"),
            name: f.string("name"),
        };
        f.finish(record)
    }
}
