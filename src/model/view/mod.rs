//! Everything the deal tab shows for one deal, assembled from both systems' answers:
//! the deal, the order card, the rows with their store product and stock, the differences.
//! Plus the requests that fetch it ([`requests`](crate::model::view::requests)), the cheap checks while the tab is open
//! ([`poll`](crate::model::view::poll)) and what changed between two views ([`changes`](crate::model::view::changes)).

mod cards;
pub mod changes;
pub mod poll;
pub mod requests;
mod row;

pub use crate::model::stock::WarehouseColumn;
pub use cards::{ContactCard, DealCard, OrderCard, OrderChoice};
pub use row::ViewRow;

use bitrix_rest::Decimal;
use bitrix_rest::models::{
    catalog::{Measure, Product, StoreStock, Warehouse},
    crm::{Contact, Deal, ProductRow, Status},
    sale::{BasketItem, Order, SaleStatus, StatusLang},
};

use crate::model::catalog_query::article_of;
use crate::model::contacts::other_buyer;
use crate::model::link::{LinkedOrder, UnresolvedLink, unresolved_links};
use crate::model::linked_elsewhere::OtherDeal;
use crate::model::matching::{MatchInput, match_products};
use crate::model::reconcile::{
    Difference, DifferenceKind, ReconcileInput, UncomparedRow, delivery_rows, differences,
    stage_ahead_unmapped, stage_lost, uncompared_rows, unmapped_status,
};
use crate::model::settings::Settings;
use crate::model::shared_link::{LinkProbe, OrderKeys, deals_linked};
use crate::model::sorted::sort_by_key;
use crate::model::stock::{OwnReserve, rows_stock, shown_warehouses};
use crate::model::unit::Unit;
use crate::model::variants::{VariantInput, VariantPair, variant_pairs};

/// The store's side of a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreState {
    /// No store connection in settings (admin: settings; rep: ask the administrator).
    NotConfigured,
    /// The store's answer is still awaited (its part shows as a placeholder).
    Pending,
    /// The store did not answer; the CRM part is shown alone.
    Unavailable,
    /// The store answered and no rule found an order: candidates and "Link" are offered.
    NotLinked,
    /// The deal's order is shown.
    Linked,
}

/// What the store returned for a deal open.
#[derive(Debug, Clone, Copy)]
pub struct StoreAnswer<'a> {
    /// The link as resolved ([`crate::model::link::resolve_link`]); `None` = not linked.
    pub link: Option<&'a LinkedOrder>,
    /// The chosen order in full (`sale.order.get`: basket, payments, shipments, properties).
    pub order: Option<&'a Order>,
    /// Order statuses.
    pub statuses: &'a [SaleStatus],
    /// Their names (any languages).
    pub status_names: &'a [StatusLang],
    /// The store's warehouses.
    pub warehouses: &'a [Warehouse],
    /// The store's units of measure (a product's `measure` names one by ID).
    pub measures: &'a [Measure],
    /// Store products found for the deal's rows.
    pub products: &'a [Product],
    /// The variations among the order's basket products (with `parentId`).
    pub basket_variations: &'a [Product],
    /// Stock records.
    pub stock: &'a [StoreStock],
}

/// The store side of the inputs.
#[derive(Debug, Clone, Copy)]
pub enum StoreSide<'a> {
    /// No store connection configured.
    NotConfigured,
    /// The store has not answered yet.
    Pending,
    /// The store request failed.
    Unavailable,
    /// The store answered.
    Answered(StoreAnswer<'a>),
}

/// Everything a view is built from.
#[derive(Debug, Clone, Copy)]
pub struct DealInputs<'a> {
    /// The deal.
    pub deal: &'a Deal,
    /// Its rows.
    pub rows: &'a [ProductRow],
    /// Its contact, if any.
    pub contact: Option<&'a Contact>,
    /// The portal products of the rows.
    pub portal_products: &'a [Product],
    /// The portal's product catalogue did not answer: rows without a listed product have no
    /// known code, so nothing says they are missing from the order or the deal.
    pub catalogue_unread: bool,
    /// Deal stages (any pipelines).
    pub stages: &'a [Status],
    /// Other deals listed as holding a link to the same order, by probe
    /// ([`crate::model::shared_link`]).
    pub same_link: &'a [(LinkProbe, Vec<Deal>)],
    /// The settings.
    pub settings: &'a Settings,
    /// The rep's language.
    pub lang: &'a str,
    /// The store's answer.
    pub store: StoreSide<'a>,
}

/// What the deal tab renders.
#[derive(Debug, Clone, PartialEq)]
pub struct DealView {
    /// The deal.
    pub deal: DealCard,
    /// The store's side.
    pub store: StoreState,
    /// The linked order.
    pub order: Option<OrderCard>,
    /// The orders the link rule found when it found several (a selector); else empty.
    pub choices: Vec<OrderChoice>,
    /// The warehouse columns, in display order.
    pub warehouses: Vec<WarehouseColumn>,
    /// One entry per deal row.
    pub rows: Vec<ViewRow>,
    /// The differences between deal and order (empty without an order).
    pub differences: Vec<Difference>,
    /// What the deal's link fields hold when the store has no order for any of it (only while
    /// [`StoreState::NotLinked`]).
    pub unresolved: Vec<UnresolvedLink>,
    /// The linked order's status when the settings map it to no stage of the deal's pipeline
    /// (stage and status not compared).
    pub unmapped_status: Option<String>,
    /// The deal's stage when no status maps to it and it is ahead of its order's (compared
    /// only for lagging behind).
    pub unmapped_stage: Option<String>,
    /// The deal rows whose products were never looked for in the store, so not compared with
    /// the order (only with an answered order and the catalogue read).
    pub uncompared: Vec<UncomparedRow>,
    /// Rows missing from the order and lines missing from the deal that are variants of one
    /// product.
    pub variants: Vec<VariantPair>,
}

impl DealView {
    /// The linked order's delivery when the deal's sum is the order's total without it, as the
    /// sum comparison allows: the two sums on screen then differ by it, and no difference
    /// says why.
    pub fn delivery_left_out(&self) -> Option<Decimal> {
        let order = self.order.as_ref()?;
        let sum = self.deal.sum.round_dp(2);
        let without = (order.total - order.delivery_price).round_dp(2);
        let apart = !order.delivery_price.is_zero()
            && order.currency == self.deal.currency
            && sum != order.total.round_dp(2)
            && sum == without;
        apart.then_some(order.delivery_price)
    }

    /// Assembles the view.
    pub fn build(input: DealInputs<'_>) -> DealView {
        let deal = DealCard::of(input.deal, input.contact, input.stages);
        let (state, answer) = match input.store {
            StoreSide::NotConfigured => (StoreState::NotConfigured, None),
            StoreSide::Pending => (StoreState::Pending, None),
            StoreSide::Unavailable => (StoreState::Unavailable, None),
            StoreSide::Answered(a) if a.link.is_some() && a.order.is_some() => {
                (StoreState::Linked, Some(a))
            }
            StoreSide::Answered(a) => (StoreState::NotLinked, Some(a)),
        };
        let order = answer
            .and_then(|a| a.order)
            .filter(|_| state == StoreState::Linked);
        let store_products = answer.map_or(&[][..], |a| a.products);
        let basket = order.map_or(&[][..], |o| &o.basket_items[..]);
        let matching = match_products(MatchInput {
            rows: input.rows,
            portal_products: input.portal_products,
            store_products,
            basket,
            property: input.settings.product_property.as_ref(),
        });
        let warehouses: Vec<WarehouseColumn> = answer.map_or_else(Vec::new, |a| {
            shown_warehouses(&input.settings.warehouses, a.warehouses)
                .into_iter()
                .map(|id| WarehouseColumn::of(id, a.warehouses))
                .collect()
        });
        let shown: Vec<u64> = warehouses.iter().map(|w| w.id).collect();
        // Each row's order line, when it has one.
        let lines: Vec<Option<&BasketItem>> = matching
            .rows
            .iter()
            .map(|m| {
                m.basket_item_id
                    .and_then(|id| basket.iter().find(|i| i.id == id))
            })
            .collect();
        // What of each row's order line has left the store already (a shipped order: all; a
        // partly shipped one: what its shipped shipments carry). A row needs stock only for
        // what it asks beyond that.
        let shipped_of = |it: &BasketItem| {
            order.map_or(Decimal::ZERO, |o| o.shipped_quantity(it.id, it.quantity))
        };
        let shipped: Vec<Decimal> = lines
            .iter()
            .map(|line| line.map_or(Decimal::ZERO, shipped_of))
            .collect();
        // A lost deal will take nothing from the store: its rows show stock but are never
        // short. (A canceled order behind a deal still open is a difference; its rows may
        // still be short.)
        let wants_nothing = stage_lost(input.stages, &input.deal.stage_id) == Some(true);
        // The deal rows standing for the answered order's delivery.
        let delivery = match (order, answer) {
            (Some(o), Some(_)) => delivery_rows(input.rows, &matching, o),
            _ => Vec::new(),
        };
        // Rows whose products were never looked for are not compared with the order; a line
        // of the order named as one of them is not shown as the order's alone either.
        let (uncompared, named_alike) = match (order, answer) {
            (Some(o), Some(_)) if !input.catalogue_unread => {
                uncompared_rows(input.rows, &matching, o, &delivery)
            }
            _ => (Vec::new(), Vec::new()),
        };
        // The order's lines no deal row has: what the customer ordered still needs stock.
        // (Without the portal's catalogue no row could be paired: none is called order-only.)
        let order_only: Vec<&BasketItem> = matching
            .basket_only
            .iter()
            .filter(|_| !input.catalogue_unread)
            .filter(|id| !named_alike.contains(id))
            .filter_map(|id| basket.iter().find(|i| i.id == *id))
            .collect();
        let only_shipped: Vec<Decimal> = order_only.iter().map(|it| shipped_of(it)).collect();
        let need = |quantity: Decimal, shipped: Decimal| {
            if wants_nothing {
                Decimal::ZERO
            } else {
                (quantity - shipped).max(Decimal::ZERO)
            }
        };
        // What each row's stock counts in (see `StockUnit`): its order line's unit, its
        // product's first line's (a 700 g top-up of apples sold by the kg asks 0,7), or the
        // store product's own (300 g of nuts the store keeps by the kg ask 0,3).
        let measures = answer.map_or(&[][..], |a| a.measures);
        let stock_units: Vec<StockUnit> = input
            .rows
            .iter()
            .zip(&matching.rows)
            .zip(&lines)
            .enumerate()
            .map(|(index, ((row, m), line))| {
                let own = Unit::of_row(row);
                // A line in a unit the row's does not convert to tells nothing of its need.
                let line = line.or_else(|| {
                    let split = matching.split.iter().find(|s| s.rows.contains(&index))?;
                    let id = split.items.first()?;
                    let it = basket.iter().find(|i| i.id == *id)?;
                    let theirs = Unit::of_line(it);
                    (!own.differs_from(&theirs) || own.convertible(&theirs).is_some()).then_some(it)
                });
                if let Some(it) = line {
                    return StockUnit::Line(it);
                }
                let product = store_products
                    .iter()
                    .find(|p| Some(p.id) == m.store_product_id);
                match product.and_then(|p| Unit::of_product(p, measures)) {
                    Some(unit) if own.convertible(&unit).is_some() => StockUnit::Product(unit),
                    Some(unit) if own.differs_from(&unit) => StockUnit::Apart(unit),
                    _ => StockUnit::Own,
                }
            })
            .collect();
        let mut requests: Vec<_> = input
            .rows
            .iter()
            .zip(&matching.rows)
            .zip(stock_units.iter().zip(&shipped))
            .map(|((r, m), (unit, shipped))| (m.store_product_id, need(unit.asks(r), *shipped)))
            .collect();
        requests.extend(order_only.iter().zip(&only_shipped).map(|(it, shipped)| {
            let product = u64::try_from(it.product_id).ok().filter(|id| *id > 0);
            (product, need(it.quantity, *shipped))
        }));
        let mut stock = match answer {
            Some(a) => rows_stock(&requests, a.stock, &shown, &OwnReserve::of_order(order)),
            None => vec![None; requests.len()],
        };
        let only_stock = stock.split_off(input.rows.len());
        let mut rows: Vec<ViewRow> = input
            .rows
            .iter()
            .enumerate()
            .zip(
                matching
                    .rows
                    .iter()
                    .zip(stock)
                    .zip(lines.iter().zip(&shipped)),
            )
            .map(|((index, row), ((m, s), (line, shipped)))| {
                let line_shipped = line.is_some_and(|it| *shipped >= it.quantity);
                let mut row = ViewRow::of(index, row, m, s, store_products, *line, line_shipped);
                let counted_in = &stock_units[index];
                row.stock_unit = counted_in
                    .unit()
                    .filter(|unit| unit.differs_from(&row.unit));
                row.units_apart = matches!(counted_in, StockUnit::Apart(_));
                // A product in several lines is compared in total (a difference), not per line.
                if matching.split.iter().any(|s| s.rows.contains(&index)) {
                    row.order_quantity = None;
                }
                row
            })
            .collect();
        for &index in &delivery {
            rows[index].delivery = true;
        }
        let first = rows.len();
        for (i, ((it, s), shipped)) in order_only
            .iter()
            .zip(only_stock)
            .zip(&only_shipped)
            .enumerate()
        {
            let line_shipped = *shipped >= it.quantity;
            rows.push(ViewRow::order_only(
                first + i,
                it,
                s,
                store_products,
                line_shipped,
            ));
        }
        // The store's article of each row's product, when the settings name the property.
        let articles = [
            input.settings.article_property.as_deref(),
            input.settings.variation_article_property.as_deref(),
        ];
        let basket_variations = answer.map_or(&[][..], |a| a.basket_variations);
        for row in &mut rows {
            let product = store_products
                .iter()
                .chain(basket_variations)
                .find(|p| Some(p.id) == row.store_product_id);
            row.store_article = product.and_then(|p| article_of(p, articles));
        }
        let differences = match (order, answer) {
            (Some(o), Some(_)) => differences(ReconcileInput {
                deal: input.deal,
                rows: input.rows,
                order: o,
                matching: &matching,
                mapping: &input.settings.stage_mapping,
                stages: input.stages,
            }),
            _ => Vec::new(),
        };
        let differences = if input.catalogue_unread {
            let compared = |d: &Difference| {
                !matches!(
                    d.kind(),
                    DifferenceKind::MissingInOrder | DifferenceKind::MissingInDeal
                )
            };
            differences.into_iter().filter(compared).collect()
        } else {
            differences
        };
        let variants = variant_pairs(VariantInput {
            differences: &differences,
            matching: &matching,
            store_products,
            basket_variations,
            basket,
        });
        let answered_order = order.filter(|_| answer.is_some());
        let mapping = &input.settings.stage_mapping;
        let unmapped_status = answered_order
            .and_then(|o| unmapped_status(input.deal, o, mapping, input.stages))
            .map(str::to_owned);
        let unmapped_stage = answered_order
            .and_then(|o| stage_ahead_unmapped(input.deal, o, mapping, input.stages))
            .map(str::to_owned);
        let link = answer.and_then(|a| a.link);
        let order_card = match (order, link, answer) {
            (Some(o), Some(l), Some(a)) => {
                let mut card = OrderCard::of(o, l, a, input.settings, input.lang);
                card.shared_with = shared_with(input, l.rule_index, &card.keys());
                card.other_buyer = input.contact.is_some_and(|c| other_buyer(&card.buyer, c));
                Some(card)
            }
            _ => None,
        };
        let choices = link
            .filter(|l| l.is_ambiguous())
            .map(|l| l.choices.iter().map(OrderChoice::of).collect())
            .unwrap_or_default();
        let unresolved = match state {
            StoreState::NotLinked => unresolved_links(input.deal, &input.settings.link_rules),
            _ => Vec::new(),
        };
        DealView {
            deal,
            store: state,
            order: order_card,
            choices,
            warehouses,
            rows,
            differences,
            unresolved,
            unmapped_status,
            unmapped_stage,
            uncompared,
            variants,
        }
    }
}

/// The unit a deal row's stock counts in: the store's.
enum StockUnit<'a> {
    /// Its order line's (or its product's first line's, whose unit the row's converts to).
    Line(&'a BasketItem),
    /// Without a line, the store product's own unit, which the row's converts to.
    Product(Unit),
    /// Without a line, the store product's own unit, which the row's does not convert to
    /// (pieces against kg): its stock cannot be weighed against the row.
    Apart(Unit),
    /// Not known: the row's own.
    Own,
}

impl StockUnit<'_> {
    /// What deal row `row` asks of the store's stock, in this unit. A row in a unit that
    /// converts to its line's asks its quantity converted (2 500 g of a product sold by the kg:
    /// 2,5); one in a unit that does not (packs against pieces) asks what the order holds, the
    /// only figure in the store's unit. A row in units apart asks nothing it could be said to
    /// take: the product's later rows see the stock whole.
    fn asks(&self, row: &ProductRow) -> Decimal {
        let own = Unit::of_row(row);
        match self {
            StockUnit::Line(line) => {
                let theirs = Unit::of_line(line);
                match own.differs_from(&theirs) {
                    true => own.convert(row.quantity, &theirs).unwrap_or(line.quantity),
                    false => row.quantity,
                }
            }
            StockUnit::Product(unit) => own.convert(row.quantity, unit).unwrap_or(row.quantity),
            StockUnit::Apart(_) => Decimal::ZERO,
            StockUnit::Own => row.quantity,
        }
    }

    /// The unit, when known.
    fn unit(&self) -> Option<Unit> {
        match self {
            StockUnit::Line(line) => Some(Unit::of_line(line)),
            StockUnit::Product(unit) | StockUnit::Apart(unit) => Some(unit.clone()),
            StockUnit::Own => None,
        }
    }
}

/// The other deals holding a link to `order`, this deal's link by rule `rule_index`.
fn shared_with(input: DealInputs<'_>, rule_index: usize, order: &OrderKeys) -> Vec<OtherDeal> {
    let rules = &input.settings.link_rules;
    let found = input
        .same_link
        .iter()
        .filter(|(probe, _)| probe.source == rule_index)
        .flat_map(|(probe, listed)| deals_linked(input.deal, rules, *probe, order, listed));
    let mut out: Vec<OtherDeal> = Vec::new();
    for d in found {
        if !out.iter().any(|o| o.id == d.id) {
            out.push(d);
        }
    }
    sort_by_key(&mut out, |o| o.id);
    out
}
