//! The differences between a deal and its linked order, each with both values.
//!
//! - **Sum**: the order's `price` is its total *with* delivery; a deal's sum is usually either
//!   that total (the connector's way) or the goods only. So the sums agree when the deal's sum
//!   equals the order total, or the order total minus delivery (the price of shipments that
//!   are neither the system placeholder nor canceled). Otherwise a `sum` difference carries the
//!   deal sum, the order total and the delivery. Different currencies on the two sides are
//!   always a difference (no conversion), said once: row prices are then not compared.
//!   Amounts are compared at two decimals, by value (`1176.00` = `1176`).
//! - **Status**: the order status maps (for the deal's pipeline) to a stage other than the
//!   deal's. A status without a mapping in that pipeline produces no difference; a deal
//!   stage without one only when the status maps to a later stage of the pipeline (a completed
//!   order behind a deal still in negotiation), as stages without a status lie between those
//!   with one.
//!   Cancellation is a flag beside the status, so it is compared on its own, against the deal
//!   stage's outcome (`SEMANTICS`): a canceled order whose deal is not lost is a `status`
//!   difference, and so is a lost deal whose order is neither canceled nor at a status that maps
//!   to a lost stage. A canceled order is not compared by its status.
//! - **Products**: a row with no basket item → `missing-in-order`, unless its product was never
//!   looked for in the store (no code, or none read: [`UncomparedRow`], said apart); a basket
//!   item no row took → `missing-in-deal`, unless named as such a row; a paired row and item
//!   with different quantities → `quantity`, or unit prices differing at two decimals →
//!   `price`. Units of one kind that convert (kg and g, l and ml, m and cm, by OKEI code or
//!   short name) are compared converted: 0,5 kg at 1 000 is 500 g at 1. A product listed in
//!   more than one line on a side is compared in total, at its first row: one
//!   `missing-in-order` when the order lacks it, else one `quantity` difference when the
//!   totals differ, and nothing "missing"; each row's price is still compared with its line's
//!   (or the product's first line's). A free-text row named as a delivery stands for
//!   the order's delivery, which the sum compares; a row of quantity 0 the order lacks is no
//!   difference.
//!
//! Order of the list: sum, status, then per row in row order, then what is only in the order.

use bitrix_rest::Decimal;
use bitrix_rest::models::{
    crm::{Deal, ProductRow, Status},
    sale::{BasketItem, Order},
};

use crate::model::mapping::StageMapping;
use crate::model::matching::{ProductMatching, RowMatch, SplitProduct, Unmatched, names_alike};
use crate::model::text::lowercase;
use crate::model::unit::Unit;

/// The kind of a difference; [`DifferenceKind::as_str`] is the markup's `data-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DifferenceKind {
    /// Deal sum vs order total.
    Sum,
    /// Deal stage vs order status.
    Status,
    /// A deal row the order lacks.
    MissingInOrder,
    /// A basket item the deal lacks.
    MissingInDeal,
    /// Quantity differs.
    Quantity,
    /// Unit price differs.
    Price,
}

impl DifferenceKind {
    /// `sum`, `status`, `missing-in-order`, `missing-in-deal`, `quantity`, `price`.
    pub fn as_str(self) -> &'static str {
        match self {
            DifferenceKind::Sum => "sum",
            DifferenceKind::Status => "status",
            DifferenceKind::MissingInOrder => "missing-in-order",
            DifferenceKind::MissingInDeal => "missing-in-deal",
            DifferenceKind::Quantity => "quantity",
            DifferenceKind::Price => "price",
        }
    }
}

/// One difference, with the values of both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The deal's sum agrees neither with the order total nor with the total minus delivery.
    Sum {
        /// The deal's `OPPORTUNITY`.
        deal: Decimal,
        /// The deal's currency.
        deal_currency: String,
        /// The order's total, delivery included.
        order_total: Decimal,
        /// The delivery price inside that total.
        order_delivery: Decimal,
        /// A deal row stands for the order's delivery ([`delivery_rows`]): the deal's sum
        /// holds it too, so the sums compare with it only.
        delivery_in_deal: bool,
        /// The order's currency.
        order_currency: String,
        /// Nothing else differs and the sums are within a hundredth a line of each other:
        /// prices the store keeps to more decimals than the deal (33,3333 against 33,33).
        rounding: bool,
    },
    /// The order status maps to another stage than the deal's.
    Status {
        /// The deal's stage.
        stage_id: String,
        /// The order's status.
        status_id: String,
        /// The stage the status maps to.
        expected_stage_id: String,
    },
    /// The order is canceled, but the deal is not lost.
    Canceled {
        /// The deal's stage (in progress or won).
        stage_id: String,
    },
    /// The deal is lost, but the order goes on.
    Lost {
        /// The deal's (lost) stage.
        stage_id: String,
        /// The order's status.
        status_id: String,
    },
    /// A deal row the order does not have.
    MissingInOrder {
        /// The row's index.
        row: usize,
        /// The row's product name.
        name: String,
        /// The row's product XML_ID.
        xml_id: Option<String>,
        /// Quantity in the deal.
        quantity: Decimal,
        /// The row's unit.
        unit: Unit,
        /// Unit price in the deal.
        price: Decimal,
        /// True when the store has no product with the row's code.
        unmatched: bool,
    },
    /// A basket item the deal does not have.
    MissingInDeal {
        /// The basket item.
        basket_item_id: u64,
        /// Its name.
        name: String,
        /// The product's XML_ID, when the basket carries it.
        xml_id: Option<String>,
        /// Quantity in the order.
        quantity: Decimal,
        /// The line's unit.
        unit: Unit,
        /// Unit price in the order.
        price: Decimal,
    },
    /// The same product in different quantities.
    Quantity {
        /// The row's index.
        row: usize,
        /// The basket item.
        basket_item_id: u64,
        /// The row's product name.
        name: String,
        /// Quantity in the deal.
        deal: Decimal,
        /// Quantity in the order.
        order: Decimal,
        /// The deal row's unit.
        unit: Unit,
        /// The order line's unit (may differ: the same quantity in another unit differs too).
        order_unit: Unit,
    },
    /// The same product at different unit prices.
    Price {
        /// The row's index.
        row: usize,
        /// The basket item.
        basket_item_id: u64,
        /// The row's product name.
        name: String,
        /// Unit price in the deal.
        deal: Decimal,
        /// The deal's currency.
        deal_currency: String,
        /// Unit price in the order.
        order: Decimal,
        /// The order's currency.
        order_currency: String,
        /// The unit both prices are per, when one was converted to it: the larger of two units
        /// that convert, at least the main unit of their kind (0,8735 a cm is 87,35 a m).
        per: Option<Unit>,
        /// The deal's and the order's units, when they differ and do not convert (a pack
        /// against a piece): each price is per its own.
        units: Option<(Unit, Unit)>,
    },
}

impl Difference {
    /// Its kind.
    pub fn kind(&self) -> DifferenceKind {
        match self {
            Difference::Sum { .. } => DifferenceKind::Sum,
            Difference::Status { .. } | Difference::Canceled { .. } | Difference::Lost { .. } => {
                DifferenceKind::Status
            }
            Difference::MissingInOrder { .. } => DifferenceKind::MissingInOrder,
            Difference::MissingInDeal { .. } => DifferenceKind::MissingInDeal,
            Difference::Quantity { .. } => DifferenceKind::Quantity,
            Difference::Price { .. } => DifferenceKind::Price,
        }
    }
}

/// A deal row whose product was never looked for in the store: its CRM product has no code to
/// match by, or Bitrix24 did not give it. Whether the order holds it is unknown, so it is said
/// as not compared rather than "in the deal but not in the order", and an order line of the
/// same name is not said "not in the deal" either (two sentences contradicting each other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncomparedRow {
    /// The row's index.
    pub row: usize,
    /// The row's product name.
    pub name: String,
    /// Quantity in the deal.
    pub quantity: Decimal,
    /// The row's unit.
    pub unit: Unit,
    /// True when Bitrix24 did not give the product's code; false when the product has none.
    pub code_unread: bool,
}

/// The deal rows not compared with the order ([`UncomparedRow`]), and the order's lines no row
/// took that are named as one of them ([`named_alike`]); `delivery` are the rows standing for
/// the order's delivery ([`delivery_rows`]), compared as it.
pub fn uncompared_rows(
    rows: &[ProductRow],
    matching: &ProductMatching,
    order: &Order,
    delivery: &[usize],
) -> (Vec<UncomparedRow>, Vec<u64>) {
    let mut uncompared = Vec::new();
    let mut named_alike = Vec::new();
    for (index, (row, m)) in rows.iter().zip(&matching.rows).enumerate() {
        let code_unread = match m.unmatched {
            Some(Unmatched::NoCode) => false,
            Some(Unmatched::NotListed) => true,
            _ => continue,
        };
        if m.basket_item_id.is_some() || row.quantity.is_zero() || delivery.contains(&index) {
            continue;
        }
        named_alike.extend(matching.basket_only.iter().copied().filter(|id| {
            order
                .basket_items
                .iter()
                .any(|it| it.id == *id && names_alike(&row.product_name, &it.name))
        }));
        uncompared.push(UncomparedRow {
            row: index,
            name: row.product_name.clone(),
            quantity: row.quantity,
            unit: Unit::of_row(row),
            code_unread,
        });
    }
    (uncompared, named_alike)
}

/// The delivery price inside an order's total: shipments that are neither the system
/// placeholder nor canceled.
pub fn delivery_price(order: &Order) -> Decimal {
    order
        .shipments
        .iter()
        .filter(|s| !s.system && !s.canceled)
        .map(|s| s.price_delivery)
        .sum()
}

/// Words a deal row named as the delivery holds (the start of a word where it declines):
/// Russian, English (US and UK), German.
const DELIVERY_WORDS: [&str; 8] = [
    "доставк",
    "delivery",
    "shipping",
    "postage",
    "carriage",
    "freight",
    "versand",
    "lieferung",
];

/// The deal rows that stand for the order's delivery: lines of no store product (free text,
/// or a service of the CRM catalogue), paired with no basket line, named as a delivery
/// ("Доставка", "Delivery", "Versandkosten", or a delivery service of the order, as the Bitrix24
/// store connector writes it), when the order has a delivery (a free one too). Their price is
/// the delivery's, which the sum compares; a line that only costs what the delivery costs is
/// not one (gift wrapping at 350 ₽ is a line the order lacks).
pub fn delivery_rows(rows: &[ProductRow], matching: &ProductMatching, order: &Order) -> Vec<usize> {
    let services: Vec<String> = order
        .shipments
        .iter()
        .filter(|s| !s.system && !s.canceled)
        .map(|s| lowercase(s.delivery_name.trim()))
        .collect();
    if services.is_empty() {
        return Vec::new();
    }
    let named_as_delivery = |name: &str| {
        let name = lowercase(name.trim());
        DELIVERY_WORDS.iter().any(|word| name.contains(word))
            || services
                .iter()
                .any(|s| !s.is_empty() && name.contains(s.as_str()))
    };
    rows.iter()
        .zip(&matching.rows)
        .enumerate()
        .filter(|(_, (row, m))| {
            m.basket_item_id.is_none()
                && m.store_product_id.is_none()
                && named_as_delivery(&row.product_name)
        })
        .map(|(index, _)| index)
        .collect()
}

/// What the comparison needs.
#[derive(Debug, Clone, Copy)]
pub struct ReconcileInput<'a> {
    /// The deal.
    pub deal: &'a Deal,
    /// Its rows.
    pub rows: &'a [ProductRow],
    /// The linked order, with its basket and shipments.
    pub order: &'a Order,
    /// Rows matched to the basket ([`crate::model::matching::match_products`]).
    pub matching: &'a ProductMatching,
    /// The status mapping of the settings.
    pub mapping: &'a StageMapping,
    /// The deal stages known (any pipelines), for their outcome.
    pub stages: &'a [Status],
}

/// Every difference (see the module doc for the rules and order).
pub fn differences(input: ReconcileInput<'_>) -> Vec<Difference> {
    let ReconcileInput {
        deal,
        rows,
        order,
        matching,
        mapping,
        stages,
    } = input;
    let mut out = Vec::new();
    let delivery_rows = delivery_rows(rows, matching, order);
    if let Some(d) = sum_difference(deal, order, !delivery_rows.is_empty()) {
        out.push(d);
    }
    if let Some(d) = status_difference(deal, order, mapping, stages) {
        out.push(d);
    }
    let item = |id: u64| order.basket_items.iter().find(|i| i.id == id);
    let split_of_row = |index: usize| matching.split.iter().find(|s| s.rows.contains(&index));
    let (uncompared, named_alike) = uncompared_rows(rows, matching, order, &delivery_rows);
    // What the CRM's prices kept to kopecks make of the lines (see `push_price_difference`).
    let mut rounded = Decimal::ZERO;
    for (index, (row, m)) in rows.iter().zip(&matching.rows).enumerate() {
        if let Some(s) = split_of_row(index) {
            // A product in several lines: its total is compared once, at its first row (missing
            // from the order, or a quantity); each row's price against its own line, or the
            // product's first line.
            if s.rows.first() == Some(&index)
                && let Some(d) = split_difference(s, (rows, m), order)
            {
                out.push(d);
            }
            let line = m.basket_item_id.or(s.items.first().copied()).and_then(item);
            if let Some(it) = line {
                rounded = rounded + push_price_difference(&mut out, index, row, it, (deal, order));
            }
            continue;
        }
        match m.basket_item_id.and_then(item) {
            // The deal's own line for the order's delivery is in the order: as its delivery.
            None if delivery_rows.contains(&index) => {}
            // A line zeroed rather than removed asks nothing of the order.
            None if row.quantity.is_zero() => {}
            // A product never looked for in the store is not said missing (see `UncomparedRow`).
            None if uncompared.iter().any(|u| u.row == index) => {}
            None => out.push(missing_in_order(index, row, m, row.quantity)),
            Some(it) => {
                rounded = rounded + push_line_differences(&mut out, index, row, it, (deal, order));
            }
        }
    }
    for &id in matching
        .basket_only
        .iter()
        .filter(|id| !named_alike.contains(id))
    {
        if let Some(it) = item(id) {
            out.push(Difference::MissingInDeal {
                basket_item_id: it.id,
                name: it.name.clone(),
                xml_id: it.product_xml_id.clone(),
                quantity: it.quantity,
                unit: Unit::of_line(it),
                price: it.price,
            });
        }
    }
    // Rows of one product at one price against one line say it once.
    let mut said: Vec<(u64, Decimal, Decimal)> = Vec::new();
    out.retain(|d| match d {
        Difference::Price {
            basket_item_id,
            deal,
            order,
            ..
        } => {
            let key = (*basket_item_id, *deal, *order);
            let first = !said.contains(&key);
            said.push(key);
            first
        }
        _ => true,
    });
    // A sum that differs by what rounding makes, with nothing else to explain it, says so
    // (a quantity told in another unit but the same number makes no money of it).
    let only_sum = out.iter().all(|d| match d {
        Difference::Sum { .. } | Difference::Status { .. } => true,
        Difference::Quantity { deal, order, .. } => deal == order,
        _ => false,
    });
    if only_sum && within_rounding(deal, order, rounded) {
        for d in &mut out {
            if let Difference::Sum { rounding, .. } = d {
                *rounding = true;
            }
        }
    }
    out
}

/// The order's status when the settings map it to no stage of the deal's pipeline (or to a
/// stage the portal no longer has): stage and status were not compared, and the tab says so
/// rather than "agree". `None` for a canceled order (compared by its cancellation).
/// A lost deal is compared by that alone: an order not canceled is a difference.
pub fn unmapped_status<'a>(
    deal: &Deal,
    order: &'a Order,
    mapping: &StageMapping,
    stages: &[Status],
) -> Option<&'a str> {
    let unmapped = !order.canceled
        && stage_lost(stages, &deal.stage_id) != Some(true)
        && mapped_stage(deal, order, mapping, stages).is_none();
    unmapped.then_some(order.status_id.as_str())
}

/// The deal's stage when no status maps to it and it is further along its pipeline than the
/// stage its order's status maps to: such a stage is compared only for lagging behind the
/// order (a deal may go further than the store follows), and the tab says so rather than a
/// plain "agree".
pub fn stage_ahead_unmapped<'a>(
    deal: &'a Deal,
    order: &Order,
    mapping: &StageMapping,
    stages: &[Status],
) -> Option<&'a str> {
    if order.canceled || stage_lost(stages, &deal.stage_id) == Some(true) {
        return None;
    }
    let expected = mapped_stage(deal, order, mapping, stages)?;
    let ahead = expected != deal.stage_id && !stage_compared(deal, mapping, stages, expected);
    ahead.then_some(deal.stage_id.as_str())
}

/// Whether the deal's stage is compared with stage `expected`: a stage some status maps to
/// always, any other only when it comes before `expected`.
fn stage_compared(deal: &Deal, mapping: &StageMapping, stages: &[Status], expected: &str) -> bool {
    mapping
        .status_for(deal.category_id, &deal.stage_id)
        .is_some()
        || stage_behind(stages, &deal.stage_id, expected)
}

/// The stage the settings map the order's status to in the deal's pipeline, when the portal
/// has that stage (while the stages are not known, any).
fn mapped_stage<'a>(
    deal: &Deal,
    order: &Order,
    mapping: &'a StageMapping,
    stages: &[Status],
) -> Option<&'a str> {
    mapping
        .stage_for(deal.category_id, &order.status_id)
        .filter(|id| stages.is_empty() || stages.iter().any(|s| s.status_id == *id))
}

/// Whether stage `stage_id` is a lost one; `None` for a stage not among `stages`.
pub fn stage_lost(stages: &[Status], stage_id: &str) -> Option<bool> {
    stages
        .iter()
        .find(|s| s.status_id == stage_id)
        .map(Status::is_lost)
}

/// The deal stage against the order's status and cancellation (see the module doc).
fn status_difference(
    deal: &Deal,
    order: &Order,
    mapping: &StageMapping,
    stages: &[Status],
) -> Option<Difference> {
    let lost = |stage_id: &str| stage_lost(stages, stage_id);
    let expected = mapped_stage(deal, order, mapping, stages);
    match (order.canceled, lost(&deal.stage_id)) {
        (true, Some(false)) => Some(Difference::Canceled {
            stage_id: deal.stage_id.clone(),
        }),
        (true, _) => None,
        (false, Some(true)) if expected.and_then(lost) != Some(true) => Some(Difference::Lost {
            stage_id: deal.stage_id.clone(),
            status_id: order.status_id.clone(),
        }),
        _ => {
            let expected = expected?;
            if mapping.pairs(deal.category_id, &order.status_id, &deal.stage_id) {
                return None;
            }
            let compared = stage_compared(deal, mapping, stages, expected);
            (compared && expected != deal.stage_id).then(|| Difference::Status {
                stage_id: deal.stage_id.clone(),
                status_id: order.status_id.clone(),
                expected_stage_id: expected.to_owned(),
            })
        }
    }
}

/// Whether the deal's stage comes before stage `expected` in its pipeline (both known): a
/// stage no status maps to is compared only so, as an order that went further than its deal.
fn stage_behind(stages: &[Status], stage_id: &str, expected: &str) -> bool {
    let sort = |id: &str| stages.iter().find(|s| s.status_id == id).map(|s| s.sort);
    matches!((sort(stage_id), sort(expected)), (Some(at), Some(then)) if at < then)
}

/// True unless the deal and the order name different currencies.
fn same_currency(deal: &Deal, order: &Order) -> bool {
    !currencies_differ(&deal.currency_id, &order.currency)
}

/// True when two currency codes name different currencies (an empty one is taken as the
/// other's).
pub fn currencies_differ(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && !b.is_empty() && !a.eq_ignore_ascii_case(b)
}

fn sum_difference(deal: &Deal, order: &Order, delivery_in_deal: bool) -> Option<Difference> {
    let same_currency = same_currency(deal, order);
    let delivery = delivery_price(order);
    let deal_sum = deal.opportunity.round_dp(2);
    let agrees =
        deal_sum == order.price.round_dp(2) || deal_sum == (order.price - delivery).round_dp(2);
    if same_currency && agrees {
        return None;
    }
    Some(Difference::Sum {
        deal: deal.opportunity,
        deal_currency: deal.currency_id.clone(),
        order_total: order.price,
        order_delivery: delivery,
        delivery_in_deal,
        order_currency: order.currency.clone(),
        rounding: false,
    })
}

/// True when `deal`'s sum is within a hundredth a line of `order`'s total (with or without its
/// delivery), plus what the deal's `rounded` prices make, in one currency: what prices kept to
/// more decimals in the store make of a sum.
fn within_rounding(deal: &Deal, order: &Order, rounded: Decimal) -> bool {
    if !same_currency(deal, order) {
        return false;
    }
    let lines = order.basket_items.len().max(1) as i64;
    let step = Decimal::new(lines, 2) + rounded;
    let close = |total: Decimal| {
        let gap = deal.opportunity - total;
        gap.max(-gap) <= step
    };
    close(order.price) || close(order.price - delivery_price(order))
}

fn push_line_differences(
    out: &mut Vec<Difference>,
    row: usize,
    r: &ProductRow,
    it: &BasketItem,
    (deal, order): (&Deal, &Order),
) -> Decimal {
    if let Some(d) = quantity_difference(row, r, it, (r.quantity, it.quantity)) {
        out.push(d);
    }
    push_price_difference(out, row, r, it, (deal, order))
}

/// Pushes the price difference of row `r` against line `it`, if any; returns the money of the
/// row's difference when the CRM's kopecks explain it and it is under one unit of money:
/// 899,90 ₽ a kg sold by the g is 0,90 ₽ a g in the CRM, and 500 g differ by 0,05 ₽ — not a
/// difference to act on, but the sum may differ by it.
fn push_price_difference(
    out: &mut Vec<Difference>,
    row: usize,
    r: &ProductRow,
    it: &BasketItem,
    (deal, order): (&Deal, &Order),
) -> Decimal {
    // Prices in two currencies are not compared: the sum's difference names both currencies.
    if !same_currency(deal, order) {
        return Decimal::ZERO;
    }
    // Prices per units of one kind compare per the larger of them — at least the main unit of
    // their kind — at two decimals (1 000 ₽ a kg is 1 ₽ a g; 0,8735 ₽ a cm is 87,35 ₽ a m,
    // and 0,87 ₽ a cm against it is a difference of 0,35 ₽ a m).
    let (deal_unit, order_unit) = (Unit::of_row(r), Unit::of_line(it));
    let per = match deal_unit.convertible(&order_unit) {
        Some((a, b)) => match a >= b {
            true => deal_unit.price_unit(),
            false => order_unit.price_unit(),
        },
        None => None,
    };
    // A price per `unit`, per `per`: as a quantity of `per` converts into `unit`.
    let priced = |price: Decimal, unit: &Unit| match &per {
        Some(per) => per.convert(price, unit),
        None => Some(price),
    };
    let (deal_price, order_price, per) =
        match (priced(r.price, &deal_unit), priced(it.price, &order_unit)) {
            (Some(d), Some(o)) => (d, o, per),
            _ => (r.price, it.price, None),
        };
    // Named only when a price was converted to it.
    let per = per.filter(|p| p.differs_from(&deal_unit) || p.differs_from(&order_unit));
    if deal_price.round_dp(2) == order_price.round_dp(2) {
        return Decimal::ZERO;
    }
    // The order's price per the deal's unit, as the CRM would keep it (to kopecks).
    let in_deal_unit = match deal_unit.differs_from(&order_unit) {
        true => deal_unit.convert(it.price, &order_unit),
        false => Some(it.price),
    };
    if let Some(exact) = in_deal_unit.filter(|p| p.round_dp(2) == r.price.round_dp(2)) {
        let gap = (r.price - exact) * r.quantity;
        let gap = gap.max(-gap);
        if gap < Decimal::from(1) {
            return gap;
        }
    }
    let units = (deal_unit.differs_from(&order_unit)
        && deal_unit.convertible(&order_unit).is_none())
    .then(|| (deal_unit.clone(), order_unit.clone()));
    out.push(Difference::Price {
        row,
        basket_item_id: it.id,
        name: r.product_name.clone(),
        deal: deal_price,
        deal_currency: deal.currency_id.clone(),
        order: order_price,
        order_currency: order.currency.clone(),
        per,
        units,
    });
    Decimal::ZERO
}

/// Deal row `index` (matched as `m`) missing from the order, `quantity` of it.
fn missing_in_order(index: usize, row: &ProductRow, m: &RowMatch, quantity: Decimal) -> Difference {
    Difference::MissingInOrder {
        row: index,
        name: row.product_name.clone(),
        xml_id: m.xml_id.clone(),
        quantity,
        unit: Unit::of_row(row),
        price: row.price,
        // Only a code the store does not know says "not in the store's catalogue": a free-text
        // line or a product without a known code was never looked for.
        unmatched: m.unmatched == Some(Unmatched::NotInStore),
    }
}

/// A split product's totals under its first row (matched as `m`): missing from the order when
/// it has no line, else a quantity difference when they differ.
fn split_difference(
    s: &SplitProduct,
    (rows, m): (&[ProductRow], &RowMatch),
    order: &Order,
) -> Option<Difference> {
    let first = &rows[*s.rows.first()?];
    // Each side in the unit of its first row or line: a top-up of 700 g beside 1,5 kg adds
    // 0,7. Rows in units that do not add up (2 pieces beside 1 kg) are not compared: no
    // total would be true (missing from the order, the first row says what).
    let deal = total_in(
        &Unit::of_row(first),
        s.rows
            .iter()
            .map(|&i| (rows[i].quantity, Unit::of_row(&rows[i]))),
    );
    let lines: Vec<&BasketItem> = order
        .basket_items
        .iter()
        .filter(|it| s.items.contains(&it.id))
        .collect();
    let Some(first_line) = lines.first() else {
        let quantity = deal.unwrap_or(first.quantity);
        return Some(missing_in_order(s.rows[0], first, m, quantity));
    };
    let total = total_in(
        &Unit::of_line(first_line),
        lines.iter().map(|it| (it.quantity, Unit::of_line(it))),
    );
    let (Some(deal), Some(total)) = (deal, total) else {
        return None;
    };
    quantity_difference(s.rows[0], first, first_line, (deal, total))
}

/// `parts` added up in `unit`: each converted when its unit is another that converts to it
/// (700 g is 0,7 kg); `None` when one does not convert (2 pieces beside 1 kg add up to no
/// true total).
fn total_in(unit: &Unit, mut parts: impl Iterator<Item = (Decimal, Unit)>) -> Option<Decimal> {
    parts.try_fold(Decimal::ZERO, |sum, (quantity, of)| {
        let converted = match of.differs_from(unit) {
            true => of.convert(quantity, unit)?,
            false => quantity,
        };
        Some(sum + converted)
    })
}

/// Deal row `index` against order line `it` at quantities `(deal, order)`: a difference when
/// they differ, or when the two sides count in different units, unless those convert (0,5 kg
/// is 500 g).
fn quantity_difference(
    index: usize,
    r: &ProductRow,
    it: &BasketItem,
    (deal, order): (Decimal, Decimal),
) -> Option<Difference> {
    let (unit, order_unit) = (Unit::of_row(r), Unit::of_line(it));
    let same = match unit.convertible(&order_unit) {
        Some((a, b)) => deal * a == order * b,
        None => deal == order && !unit.differs_from(&order_unit),
    };
    (!same).then(|| Difference::Quantity {
        row: index,
        basket_item_id: it.id,
        name: r.product_name.clone(),
        deal,
        order,
        unit,
        order_unit,
    })
}
