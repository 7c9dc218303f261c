//! What changed between two successive views of the same deal, so the UI can mark it for a
//! moment after a live update. Rows are followed by their CRM row ID (by position when they
//! have none).

use super::{DealView, ViewRow};

/// How a row is followed across views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKey {
    /// By its CRM row ID.
    Id(u64),
    /// By its position (rows without an ID).
    Index(usize),
}

impl RowKey {
    /// The key of a row.
    pub fn of(row: &ViewRow) -> RowKey {
        row.row_id.map_or(RowKey::Index(row.index), RowKey::Id)
    }
}

/// A changed part of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowField {
    /// The row is new.
    Added,
    /// Product name or matched store product.
    Product,
    /// Quantity in the deal.
    Quantity,
    /// Unit price in the deal.
    Price,
    /// Quantity or price in the order.
    Order,
    /// Free stock or own reserve in one warehouse.
    Warehouse(u64),
    /// Available to the deal.
    Available,
    /// The shortage appeared, vanished or changed.
    Shortage,
}

/// A changed field of the order card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderField {
    /// Another order (or none) is linked now.
    Linked,
    /// Status.
    Status,
    /// Paid.
    Paid,
    /// Canceled.
    Canceled,
    /// Shipped.
    Shipped,
    /// Total or currency.
    Total,
    /// Payments or deliveries.
    PaymentOrDelivery,
    /// Buyer's name, phone or e-mail.
    Buyer,
}

/// A changed field of the deal card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealField {
    /// Title.
    Title,
    /// Stage.
    Stage,
    /// Sum or currency.
    Sum,
    /// Contact.
    Contact,
}

/// Everything that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewChanges {
    /// Deal card fields.
    pub deal: Vec<DealField>,
    /// Order card fields.
    pub order: Vec<OrderField>,
    /// Rows that are new or changed, with what changed, in the new view's order.
    pub rows: Vec<(RowKey, Vec<RowField>)>,
    /// Rows that are gone.
    pub removed_rows: Vec<RowKey>,
    /// The list of differences changed.
    pub differences: bool,
}

impl ViewChanges {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.deal.is_empty()
            && self.order.is_empty()
            && self.rows.is_empty()
            && self.removed_rows.is_empty()
            && !self.differences
    }

    /// What changed in one row (empty when nothing did).
    pub fn row(&self, key: RowKey) -> &[RowField] {
        self.rows
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[], |(_, f)| f.as_slice())
    }
}

/// What changed from `before` to `after`.
pub fn changes(before: &DealView, after: &DealView) -> ViewChanges {
    let mut out = ViewChanges::default();
    let (a, b) = (&before.deal, &after.deal);
    let deal_checks = [
        (a.title != b.title, DealField::Title),
        (a.stage_id != b.stage_id, DealField::Stage),
        (a.sum != b.sum || a.currency != b.currency, DealField::Sum),
        (a.contact != b.contact, DealField::Contact),
    ];
    out.deal = deal_checks
        .into_iter()
        .filter(|(c, _)| *c)
        .map(|(_, f)| f)
        .collect();
    out.order = match (&before.order, &after.order) {
        (None, None) => Vec::new(),
        (Some(a), Some(b)) if a.id == b.id => [
            (a.status_id != b.status_id, OrderField::Status),
            (
                a.paid != b.paid || a.paid_sum != b.paid_sum,
                OrderField::Paid,
            ),
            (a.canceled != b.canceled, OrderField::Canceled),
            (
                (a.shipped, a.partly_shipped) != (b.shipped, b.partly_shipped),
                OrderField::Shipped,
            ),
            (
                a.total != b.total || a.currency != b.currency,
                OrderField::Total,
            ),
            (
                a.payments != b.payments || a.deliveries != b.deliveries,
                OrderField::PaymentOrDelivery,
            ),
            (a.buyer != b.buyer, OrderField::Buyer),
        ]
        .into_iter()
        .filter(|(c, _)| *c)
        .map(|(_, f)| f)
        .collect(),
        _ => vec![OrderField::Linked],
    };
    // The rows whose key is gone, found once.
    let gone: Vec<&ViewRow> = before
        .rows
        .iter()
        .filter(|r| !after.rows.iter().any(|n| RowKey::of(n) == RowKey::of(r)))
        .collect();
    // Rows saved anew get new IDs (the CRM replaces a deal's rows as a whole): a row whose ID
    // is gone is compared with a gone row of the same product — first those with the same
    // quantity and price, then the rest in order — each gone row with one new row, and only
    // what differs is marked.
    let mut old_of: Vec<Option<&ViewRow>> = after
        .rows
        .iter()
        .map(|row| {
            before
                .rows
                .iter()
                .find(|r| RowKey::of(r) == RowKey::of(row))
        })
        .collect();
    let mut unpaired = gone.clone();
    let same_line = |a: &ViewRow, b: &ViewRow| {
        same_product(a, b) && a.quantity == b.quantity && a.price == b.price
    };
    for exact in [true, false] {
        for (row, old) in after.rows.iter().zip(old_of.iter_mut()) {
            if old.is_some() {
                continue;
            }
            let pairs = |r: &&ViewRow| match exact {
                true => same_line(r, row),
                false => same_product(r, row),
            };
            if let Some(at) = unpaired.iter().position(pairs) {
                *old = Some(unpaired.remove(at));
            }
        }
    }
    for (row, old) in after.rows.iter().zip(old_of) {
        let fields = match old {
            None => vec![RowField::Added],
            Some(old) => row_changes(old, row),
        };
        if !fields.is_empty() {
            out.rows.push((RowKey::of(row), fields));
        }
    }
    out.removed_rows = gone.into_iter().map(RowKey::of).collect();
    out.differences =
        before.differences != after.differences || before.uncompared != after.uncompared;
    out
}

/// The same product line: name, code and store product.
fn same_product(a: &ViewRow, b: &ViewRow) -> bool {
    a.name == b.name && a.xml_id == b.xml_id && a.store_product_id == b.store_product_id
}

fn row_changes(old: &ViewRow, new: &ViewRow) -> Vec<RowField> {
    let mut out = Vec::new();
    if old.name != new.name || old.store_product_id != new.store_product_id {
        out.push(RowField::Product);
    }
    if old.quantity != new.quantity {
        out.push(RowField::Quantity);
    }
    if old.price != new.price {
        out.push(RowField::Price);
    }
    if old.order_quantity != new.order_quantity || old.order_price != new.order_price {
        out.push(RowField::Order);
    }
    if let Some(stock) = &new.stock {
        for w in &stock.product.warehouses {
            let before = old.stock.as_ref().and_then(|s| {
                s.product
                    .warehouses
                    .iter()
                    .find(|o| o.warehouse_id == w.warehouse_id)
            });
            if before.is_none_or(|o| o.free != w.free || o.own_reserve != w.own_reserve) {
                out.push(RowField::Warehouse(w.warehouse_id));
            }
        }
    }
    if old.stock.as_ref().map(|s| s.available) != new.stock.as_ref().map(|s| s.available) {
        out.push(RowField::Available);
    }
    if old.shortage() != new.shortage() {
        out.push(RowField::Shortage);
    }
    out
}
