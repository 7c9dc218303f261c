//! Stock per warehouse and what is available to this deal.
//!
//! For each shown warehouse: **free** = on hand − reserved, never below zero. Stock reserved by
//! the deal's own linked order (its basket items' reservations in that warehouse) is available
//! to this deal too, unless the order is canceled or shipped:
//! **available** = free + own reserve (the own reserve counted at most up to what the warehouse
//! has reserved), never more than on hand. A warehouse without a stock record has zero of
//! everything. Totals add up the shown warehouses only, but for one thing: what the own order
//! holds in a warehouse the settings do not show is still the deal's, so it is available to the
//! deal as the order's reservation says (that warehouse's stock is not read), and said apart.
//!
//! Rows of the same product share its stock: rows are served in order, each taking what it
//! needs from what earlier rows left. **Shortage** = requested − available to the row, when
//! positive. Quantities are exact decimals, fractional ones included.

use bitrix_rest::Decimal;
use bitrix_rest::models::{
    catalog::{StoreStock, Warehouse},
    sale::Order,
};

use crate::model::sorted::sort_by_key;
use crate::model::text::lowercase;

/// A warehouse shown as a stock column (the deal tab's products, the lookup's results).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarehouseColumn {
    /// The warehouse.
    pub id: u64,
    /// Its title, trimmed (empty when the store no longer lists it).
    pub title: String,
    /// The store lists it as active (an admin may still choose to show an inactive one).
    pub active: bool,
}

impl WarehouseColumn {
    /// The column of warehouse `id`, from the store's warehouses `all`.
    pub fn of(id: u64, all: &[Warehouse]) -> WarehouseColumn {
        let found = all.iter().find(|w| w.id == id);
        WarehouseColumn {
            id,
            title: found.map(|w| told_apart(w, all)).unwrap_or_default(),
            active: found.is_none_or(|w| w.active),
        }
    }
}

/// A warehouse's title, trimmed, with its ID when another of `all` has the same title (three
/// warehouses called «Склад» read «Склад (ID 3)» …). Blank stays blank.
pub fn told_apart(warehouse: &Warehouse, all: &[Warehouse]) -> String {
    let title = warehouse.title.trim();
    let key = lowercase(title);
    let repeated = !title.is_empty()
        && all
            .iter()
            .any(|w| w.id != warehouse.id && lowercase(w.title.trim()) == key);
    match repeated {
        true => format!("{title} (ID {})", warehouse.id),
        false => title.to_owned(),
    }
}

/// Stock the deal's own order holds, per (store product, warehouse), in basket order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnReserve(Vec<((u64, u64), Decimal)>);

impl OwnReserve {
    /// The reserves of a linked order's basket; none without an order, or when the order is
    /// canceled or shipped (its reserve no longer holds stock for the deal). A partly shipped
    /// order's basket still holds what it has not shipped.
    pub fn of_order(order: Option<&Order>) -> OwnReserve {
        let mut held: Vec<((u64, u64), Decimal)> = Vec::new();
        let Some(order) = order.filter(|o| !o.canceled && !o.is_shipped()) else {
            return OwnReserve(held);
        };
        for item in &order.basket_items {
            let Ok(product) = u64::try_from(item.product_id) else {
                continue;
            };
            for r in &item.reservations {
                if let Some(store) = r.store_id {
                    let quantity = r.quantity.max(Decimal::ZERO);
                    match held.iter_mut().find(|(at, _)| *at == (product, store)) {
                        Some((_, sum)) => *sum = *sum + quantity,
                        None => held.push(((product, store), quantity)),
                    }
                }
            }
        }
        OwnReserve(held)
    }

    /// What the order holds of `product_id` in `warehouse_id`.
    pub fn get(&self, product_id: u64, warehouse_id: u64) -> Decimal {
        self.0
            .iter()
            .find(|(at, _)| *at == (product_id, warehouse_id))
            .map_or(Decimal::ZERO, |(_, quantity)| *quantity)
    }

    /// What the order holds of `product_id` outside the warehouses `shown`.
    pub fn elsewhere(&self, product_id: u64, shown: &[u64]) -> Decimal {
        self.0
            .iter()
            .filter(|((product, store), _)| *product == product_id && !shown.contains(store))
            .map(|(_, quantity)| *quantity)
            .sum()
    }

    /// True when the order holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The warehouses to show, in display order: the ones chosen in settings that the store still
/// has active (when its list is known: a closed warehouse sells nothing, so its stock is no
/// one's to promise), else — none of them left — every active warehouse by sort and ID.
pub fn shown_warehouses(chosen: &[u64], warehouses: &[Warehouse]) -> Vec<u64> {
    let still_open: Vec<u64> = chosen
        .iter()
        .copied()
        .filter(|id| warehouses.is_empty() || warehouses.iter().any(|w| w.id == *id && w.active))
        .collect();
    if !still_open.is_empty() {
        return still_open;
    }
    let mut active: Vec<&Warehouse> = warehouses.iter().filter(|w| w.active).collect();
    sort_by_key(&mut active, |w| (w.sort, w.id));
    active.into_iter().map(|w| w.id).collect()
}

/// One product in one warehouse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarehouseStock {
    /// The warehouse.
    pub warehouse_id: u64,
    /// On hand.
    pub amount: Decimal,
    /// Reserved by all orders.
    pub reserved: Decimal,
    /// On hand − reserved, never below zero.
    pub free: Decimal,
    /// Of the reserve, what the deal's own order holds.
    pub own_reserve: Decimal,
    /// Free + own reserve: what this deal can have from here.
    pub available: Decimal,
}

impl WarehouseStock {
    /// More is reserved than is on hand: a stock-keeping error someone should look at.
    pub fn over_reserved(&self) -> bool {
        self.reserved > self.amount
    }
}

/// One product across the shown warehouses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductStock {
    /// The store product.
    pub product_id: u64,
    /// One entry per shown warehouse, in display order.
    pub warehouses: Vec<WarehouseStock>,
    /// Free stock in the shown warehouses.
    pub total_free: Decimal,
    /// Available to this deal: in the shown warehouses, and its order's reserve in others.
    pub available: Decimal,
    /// What the deal's own order holds in warehouses not shown (part of `available`).
    pub reserved_elsewhere: Decimal,
}

/// The stock of one product in the shown warehouses (`records` may hold any products and
/// warehouses; the others are ignored).
pub fn product_stock(
    product_id: u64,
    records: &[StoreStock],
    shown: &[u64],
    own: &OwnReserve,
) -> ProductStock {
    let warehouses: Vec<WarehouseStock> = shown
        .iter()
        .map(|&warehouse_id| {
            // One record per product and warehouse: the same record fetched twice (a product
            // both in the deal and in the order) counts once.
            let (amount, reserved) = records
                .iter()
                .find(|r| r.product_id == product_id && r.store_id == warehouse_id)
                .map_or((Decimal::ZERO, Decimal::ZERO), |r| {
                    (r.amount, r.quantity_reserved)
                });
            let free = (amount - reserved).max(Decimal::ZERO);
            let own_reserve = own.get(product_id, warehouse_id);
            let counted = own_reserve.min(reserved.max(Decimal::ZERO));
            let available = (free + counted).min(amount.max(Decimal::ZERO));
            WarehouseStock {
                warehouse_id,
                amount,
                reserved,
                free,
                own_reserve,
                available,
            }
        })
        .collect();
    let reserved_elsewhere = own.elsewhere(product_id, shown);
    ProductStock {
        product_id,
        total_free: warehouses.iter().map(|w| w.free).sum(),
        available: warehouses.iter().map(|w| w.available).sum::<Decimal>() + reserved_elsewhere,
        reserved_elsewhere,
        warehouses,
    }
}

impl ProductStock {
    /// Whether any shown warehouse has some of the product on hand: a product sold in sizes
    /// has none of its own (its sizes have).
    pub fn has_any_on_hand(&self) -> bool {
        self.warehouses.iter().any(|w| !w.amount.is_zero())
    }

    /// What the shown warehouses have on hand that other orders hold: on the shelf, but not
    /// this deal's (a manager may release it; "0" alone would read as none at all).
    pub fn held_for_others(&self) -> Decimal {
        self.warehouses
            .iter()
            .map(|w| (w.amount.max(Decimal::ZERO) - w.available).max(Decimal::ZERO))
            .sum()
    }

    /// Adds `other`'s figures (the same warehouses, in the same order) to these: a product
    /// sold in sizes has theirs together.
    pub fn add(&mut self, other: &ProductStock) {
        for (w, o) in self.warehouses.iter_mut().zip(&other.warehouses) {
            w.amount = w.amount + o.amount;
            w.reserved = w.reserved + o.reserved;
            w.free = w.free + o.free;
            w.own_reserve = w.own_reserve + o.own_reserve;
            w.available = w.available + o.available;
        }
        self.total_free = self.total_free + other.total_free;
        self.available = self.available + other.available;
        self.reserved_elsewhere = self.reserved_elsewhere + other.reserved_elsewhere;
    }
}

/// The stock figures of one deal row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowStock {
    /// The product's stock (shared by rows of the same product).
    pub product: ProductStock,
    /// What is left available to this row after earlier rows of the same product.
    pub available: Decimal,
    /// Requested − available, when positive.
    pub shortage: Option<Decimal>,
    /// An earlier row of the same product came first: `available` is what it left.
    pub after_earlier_rows: bool,
}

/// The stock of every row: `rows` holds each row's store product (`None` = unmatched, which
/// gets no figures) and requested quantity.
pub fn rows_stock(
    rows: &[(Option<u64>, Decimal)],
    records: &[StoreStock],
    shown: &[u64],
    own: &OwnReserve,
) -> Vec<Option<RowStock>> {
    // What earlier rows left of each product.
    let mut left: Vec<(u64, Decimal)> = Vec::new();
    rows.iter()
        .map(|&(product, requested)| {
            let product_id = product?;
            // The product's own records first, then one search per warehouse among them (not
            // among all: 500 rows in 40 warehouses are 20 000 records).
            let mine: Vec<StoreStock> = records
                .iter()
                .filter(|r| r.product_id == product_id)
                .cloned()
                .collect();
            let stock = product_stock(product_id, &mine, shown, own);
            let requested = requested.max(Decimal::ZERO);
            let earlier = left.iter_mut().find(|(id, _)| *id == product_id);
            let after_earlier_rows = earlier.is_some();
            let available = match earlier {
                Some((_, remaining)) => {
                    let available = *remaining;
                    *remaining = (available - requested).max(Decimal::ZERO);
                    available
                }
                None => {
                    let available = stock.available;
                    left.push((product_id, (available - requested).max(Decimal::ZERO)));
                    available
                }
            };
            let missing = requested - available;
            Some(RowStock {
                product: stock,
                available,
                shortage: (missing > Decimal::ZERO).then_some(missing),
                after_earlier_rows,
            })
        })
        .collect()
}
