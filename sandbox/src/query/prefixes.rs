//! Which filter prefixes each list method accepts, as its documentation page lists them. A
//! prefix a method does not list stays part of the field name (see `filter`), so the real
//! error (or, for `crm.*`, the real silence) follows.

/// `crm.deal.list`, `crm.contact.list`, `crm.status.list`: no NOT LIKE forms.
pub const CRM_OPS: &[&str] = &[
    ">=", ">", "<=", "<", "@", "!@", "%", "=%", "%=", "=", "!=", "!",
];

/// The full set of the ORM controllers: `sale.order.list`, `sale.basketitem.list`,
/// `catalog.store.list`, `catalog.price.list`, `catalog.catalog.list`.
pub const ORM_OPS: &[&str] = &[
    ">=", ">", "<=", "<", "@", "!@", "%", "=%", "%=", "!%", "!=%", "!%=", "=", "!=", "!",
];

/// `catalog.measure.list`: as [`ORM_OPS`] but without `!` (its page lists `!=` alone).
pub const MEASURE_OPS: &[&str] = &[
    ">=", ">", "<=", "<", "@", "!@", "%", "=%", "%=", "!%", "!=%", "!%=", "=", "!=",
];

/// The ORM set without `@`/`!@` (IN is `=` with a list): `catalog.product.list`,
/// `sale.propertyvalue.list`, `sale.status.list`.
pub const ORM_NO_IN_OPS: &[&str] = &[
    ">=", ">", "<=", "<", "%", "=%", "%=", "!%", "!=%", "!%=", "=", "!=", "!",
];

/// `sale.statusLang.list`: as [`ORM_NO_IN_OPS`] but without `!`.
pub const STATUS_LANG_OPS: &[&str] = &[
    "=", "%", ">", "<", "!=", "!%", ">=", "<=", "=%", "%=", "!=%", "!%=",
];

/// `catalog.storeproduct.list`: comparisons and IN, no LIKE.
pub const STORE_PRODUCT_OPS: &[&str] = &[">=", ">", "<=", "<", "@", "!@", "=", "!=", "!"];
