//! The tables of both systems. Dates are ISO 8601 text in +03:00, so text order is time order.

use rusqlite::Connection;

/// The tables. Their secondary indexes are in [`INDEXES`], so that a data set can be loaded
/// without them and they are built once, sorted, afterwards.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- portal: users, pipelines, deals, contacts
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT,
    admin INTEGER NOT NULL DEFAULT 0, position TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS pipelines (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 100);
CREATE TABLE IF NOT EXISTS stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, entity_id TEXT NOT NULL, status_id TEXT NOT NULL,
    name TEXT NOT NULL, sort INTEGER NOT NULL, semantics TEXT, color TEXT,
    category_id INTEGER, system TEXT NOT NULL DEFAULT 'N');
CREATE TABLE IF NOT EXISTS deal_user_fields (
    name TEXT PRIMARY KEY, type TEXT NOT NULL, label_ru TEXT NOT NULL, label_en TEXT NOT NULL,
    multiple INTEGER NOT NULL DEFAULT 0, sort INTEGER NOT NULL DEFAULT 100);
CREATE TABLE IF NOT EXISTS deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, type_id TEXT, stage_id TEXT NOT NULL,
    category_id INTEGER NOT NULL DEFAULT 0, probability INTEGER, currency_id TEXT NOT NULL DEFAULT 'RUB',
    opportunity REAL NOT NULL DEFAULT 0, is_manual_opportunity TEXT NOT NULL DEFAULT 'N',
    tax_value REAL NOT NULL DEFAULT 0, contact_id INTEGER, company_id INTEGER,
    begindate TEXT, closedate TEXT, assigned_by_id INTEGER NOT NULL DEFAULT 1,
    created_by_id INTEGER NOT NULL DEFAULT 1, modify_by_id INTEGER NOT NULL DEFAULT 1,
    date_create TEXT NOT NULL, date_modify TEXT NOT NULL, opened TEXT NOT NULL DEFAULT 'Y',
    closed TEXT NOT NULL DEFAULT 'N', comments TEXT, source_id TEXT, source_description TEXT,
    originator_id TEXT, origin_id TEXT, uf TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS deal_rows (
    id INTEGER PRIMARY KEY AUTOINCREMENT, deal_id INTEGER NOT NULL, product_id INTEGER NOT NULL DEFAULT 0,
    product_name TEXT NOT NULL, price REAL NOT NULL, price_exclusive REAL NOT NULL,
    price_netto REAL NOT NULL, price_brutto REAL NOT NULL, quantity REAL NOT NULL,
    discount_type_id INTEGER NOT NULL DEFAULT 2, discount_rate REAL NOT NULL DEFAULT 0,
    discount_sum REAL NOT NULL DEFAULT 0, tax_rate REAL, tax_included TEXT NOT NULL DEFAULT 'Y',
    customized TEXT NOT NULL DEFAULT 'Y', measure_code INTEGER NOT NULL DEFAULT 796,
    measure_name TEXT NOT NULL DEFAULT 'шт', sort INTEGER NOT NULL DEFAULT 10, xml_id TEXT);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, second_name TEXT, last_name TEXT,
    honorific TEXT, type_id TEXT NOT NULL DEFAULT 'CLIENT', source_id TEXT, post TEXT, comments TEXT,
    assigned_by_id INTEGER NOT NULL DEFAULT 1, created_by_id INTEGER NOT NULL DEFAULT 1,
    modify_by_id INTEGER NOT NULL DEFAULT 1, date_create TEXT NOT NULL, date_modify TEXT NOT NULL,
    opened TEXT NOT NULL DEFAULT 'Y', export TEXT NOT NULL DEFAULT 'Y',
    originator_id TEXT, origin_id TEXT);
CREATE TABLE IF NOT EXISTS contact_comms (
    id INTEGER PRIMARY KEY AUTOINCREMENT, contact_id INTEGER NOT NULL, kind TEXT NOT NULL,
    value TEXT NOT NULL, value_type TEXT NOT NULL, normalized TEXT NOT NULL);

-- catalogues: side 'portal' or 'store'
CREATE TABLE IF NOT EXISTS catalogs (
    side TEXT NOT NULL, iblock_id INTEGER NOT NULL, iblock_type_id TEXT NOT NULL, name TEXT NOT NULL,
    product_iblock_id INTEGER, sku_property_id INTEGER, PRIMARY KEY (side, iblock_id));
CREATE TABLE IF NOT EXISTS products (
    side TEXT NOT NULL, id INTEGER NOT NULL, iblock_id INTEGER NOT NULL, name TEXT NOT NULL,
    code TEXT, xml_id TEXT, article TEXT, active TEXT NOT NULL DEFAULT 'Y',
    available TEXT NOT NULL DEFAULT 'Y', quantity REAL NOT NULL DEFAULT 0,
    quantity_reserved REAL NOT NULL DEFAULT 0, quantity_trace TEXT NOT NULL DEFAULT 'Y',
    can_buy_zero TEXT NOT NULL DEFAULT 'N', measure INTEGER NOT NULL DEFAULT 5,
    vat_included TEXT NOT NULL DEFAULT 'Y', purchasing_price REAL, purchasing_currency TEXT,
    weight REAL NOT NULL DEFAULT 0, sort INTEGER NOT NULL DEFAULT 500, type INTEGER NOT NULL DEFAULT 1,
    section_id INTEGER, parent_id INTEGER, date_create TEXT NOT NULL, timestamp_x TEXT NOT NULL,
    name_folded TEXT GENERATED ALWAYS AS (ulower(name)) STORED,
    xml_id_folded TEXT GENERATED ALWAYS AS (ulower(xml_id)) STORED,
    article_folded TEXT GENERATED ALWAYS AS (ulower(article)) STORED,
    PRIMARY KEY (side, id));
-- the store's units of measure (`catalog.measure.list`); a product's `measure` is one's ID
CREATE TABLE IF NOT EXISTS measures (
    id INTEGER PRIMARY KEY, code INTEGER NOT NULL UNIQUE, measure_title TEXT, symbol TEXT,
    symbol_intl TEXT, symbol_letter_intl TEXT, is_default TEXT NOT NULL DEFAULT 'N');
CREATE TABLE IF NOT EXISTS prices (
    id INTEGER PRIMARY KEY AUTOINCREMENT, side TEXT NOT NULL, product_id INTEGER NOT NULL,
    catalog_group_id INTEGER NOT NULL DEFAULT 1, price REAL NOT NULL, currency TEXT NOT NULL,
    timestamp_x TEXT NOT NULL);

-- store: warehouses, stock, orders
CREATE TABLE IF NOT EXISTS stores (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, active TEXT NOT NULL DEFAULT 'Y', address TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 100, code TEXT, xml_id TEXT, is_default TEXT NOT NULL DEFAULT 'N',
    date_create TEXT NOT NULL, date_modify TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS store_products (
    id INTEGER PRIMARY KEY AUTOINCREMENT, product_id INTEGER NOT NULL, store_id INTEGER NOT NULL,
    amount REAL NOT NULL, reserve_extra REAL NOT NULL DEFAULT 0,
    quantity_reserved REAL NOT NULL DEFAULT 0, UNIQUE (product_id, store_id));
CREATE TABLE IF NOT EXISTS sale_statuses (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, sort INTEGER NOT NULL, color TEXT,
    notify TEXT NOT NULL DEFAULT 'Y', xml_id TEXT);
CREATE TABLE IF NOT EXISTS sale_status_langs (
    status_id TEXT NOT NULL, lid TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (status_id, lid));
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account_number TEXT NOT NULL, status_id TEXT NOT NULL,
    date_status TEXT NOT NULL, lid TEXT NOT NULL DEFAULT 's1', person_type_id INTEGER NOT NULL DEFAULT 1,
    user_id INTEGER NOT NULL, currency TEXT NOT NULL, price REAL NOT NULL DEFAULT 0,
    discount_value REAL NOT NULL DEFAULT 0, tax_value REAL NOT NULL DEFAULT 0,
    payed TEXT NOT NULL DEFAULT 'N', date_payed TEXT, canceled TEXT NOT NULL DEFAULT 'N',
    date_canceled TEXT, reason_canceled TEXT NOT NULL DEFAULT '', deducted TEXT NOT NULL DEFAULT 'N',
    marked TEXT NOT NULL DEFAULT 'N', date_insert TEXT NOT NULL, date_update TEXT NOT NULL,
    comments TEXT NOT NULL DEFAULT '', user_description TEXT NOT NULL DEFAULT '', xml_id TEXT NOT NULL DEFAULT '',
    responsible_id INTEGER, store_id INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS basket_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, product_id INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL, price REAL NOT NULL, base_price REAL NOT NULL, discount_price REAL NOT NULL DEFAULT 0,
    currency TEXT NOT NULL, quantity REAL NOT NULL, custom_price TEXT NOT NULL DEFAULT 'N',
    xml_id TEXT NOT NULL DEFAULT '', product_xml_id TEXT NOT NULL DEFAULT '', catalog_xml_id TEXT NOT NULL DEFAULT '',
    measure_code TEXT NOT NULL DEFAULT '796', measure_name TEXT NOT NULL DEFAULT 'шт',
    sort INTEGER NOT NULL DEFAULT 100, vat_rate REAL, vat_included TEXT NOT NULL DEFAULT 'Y',
    weight REAL NOT NULL DEFAULT 0, can_buy TEXT NOT NULL DEFAULT 'Y', date_insert TEXT NOT NULL,
    date_update TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reservations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, basket_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
    store_id INTEGER NOT NULL, quantity REAL NOT NULL, date_reserve TEXT NOT NULL,
    date_reserve_end TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, account_number TEXT NOT NULL,
    sum REAL NOT NULL, currency TEXT NOT NULL, paid TEXT NOT NULL DEFAULT 'N', date_paid TEXT,
    pay_system_id INTEGER NOT NULL DEFAULT 1, pay_system_name TEXT NOT NULL, date_bill TEXT NOT NULL,
    xml_id TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS shipments (
    id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, account_number TEXT NOT NULL,
    delivery_id INTEGER NOT NULL DEFAULT 1, delivery_name TEXT NOT NULL, price_delivery REAL NOT NULL DEFAULT 0,
    status_id TEXT NOT NULL DEFAULT 'DN', deducted TEXT NOT NULL DEFAULT 'N', allow_delivery TEXT NOT NULL DEFAULT 'N',
    canceled TEXT NOT NULL DEFAULT 'N', currency TEXT NOT NULL, date_insert TEXT NOT NULL,
    tracking_number TEXT NOT NULL DEFAULT '', xml_id TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS property_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, order_props_id INTEGER NOT NULL,
    code TEXT NOT NULL, name TEXT NOT NULL, value TEXT);

-- the app and its placements
CREATE TABLE IF NOT EXISTS app_state (
    code TEXT PRIMARY KEY, installed INTEGER NOT NULL DEFAULT 0, options TEXT NOT NULL DEFAULT '{}',
    scopes TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS user_options (
    user_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (user_id, name));
CREATE TABLE IF NOT EXISTS placements (
    id INTEGER PRIMARY KEY AUTOINCREMENT, placement TEXT NOT NULL, handler TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', lang_all TEXT NOT NULL DEFAULT '{}',
    user_id INTEGER NOT NULL DEFAULT 0, options TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS webhooks (
    side TEXT NOT NULL, user_id INTEGER NOT NULL, secret TEXT NOT NULL, scopes TEXT NOT NULL,
    PRIMARY KEY (side, user_id, secret));
"#;

/// Secondary indexes: name and `table(columns)`.
pub const INDEXES: &[(&str, &str)] = &[
    ("deals_origin", "deals(origin_id)"),
    ("deal_rows_deal", "deal_rows(deal_id)"),
    ("contact_comms_contact", "contact_comms(contact_id)"),
    (
        "contact_comms_normalized",
        "contact_comms(kind, normalized)",
    ),
    ("products_xml", "products(side, xml_id)"),
    ("products_article", "products(side, article)"),
    ("products_folded", "products(side, name_folded)"),
    ("products_xml_folded", "products(side, xml_id_folded)"),
    ("products_article_folded", "products(side, article_folded)"),
    ("prices_product", "prices(side, product_id)"),
    ("basket_items_order", "basket_items(order_id)"),
    ("reservations_basket", "reservations(basket_id)"),
    ("reservations_product", "reservations(product_id, store_id)"),
    ("payments_order", "payments(order_id)"),
    ("shipments_order", "shipments(order_id)"),
    ("property_values_order", "property_values(order_id)"),
];

/// The version of [`SCHEMA`], kept in the database file (`PRAGMA user_version`). A file
/// written by another version has its tables dropped and made anew (the sandbox seeds its data
/// on every start anyway). 6: folded text reads accented Latin letters plain.
pub const VERSION: i32 = 6;

/// Creates the tables, first dropping those of a database file from another schema version.
pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    let version: i32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version != VERSION {
        for table in TABLES.iter().rev() {
            conn.execute(&format!("DROP TABLE IF EXISTS {table}"), [])?;
        }
    }
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(&format!("PRAGMA user_version = {VERSION}"))
}

/// Creates every secondary index that does not exist yet.
pub fn create_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, on) in INDEXES {
        conn.execute(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"), [])?;
    }
    Ok(())
}

/// Drops the secondary indexes (for a bulk load; [`create_indexes`] rebuilds them).
pub fn drop_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, _) in INDEXES {
        conn.execute(&format!("DROP INDEX IF EXISTS {name}"), [])?;
    }
    Ok(())
}

/// Every table, in an order safe for deleting.
pub const TABLES: &[&str] = &[
    "meta",
    "users",
    "pipelines",
    "stages",
    "deal_user_fields",
    "deals",
    "deal_rows",
    "contacts",
    "contact_comms",
    "catalogs",
    "products",
    "measures",
    "prices",
    "stores",
    "store_products",
    "sale_statuses",
    "sale_status_langs",
    "orders",
    "basket_items",
    "reservations",
    "payments",
    "shipments",
    "property_values",
    "app_state",
    "user_options",
    "placements",
    "webhooks",
];
