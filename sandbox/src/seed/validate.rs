//! Checks a data set before anything is written, naming the record and field that is wrong.

use std::collections::{BTreeMap, BTreeSet};

use super::defaults::stage_id;
use super::format::SeedData;
use crate::clock;

/// Every problem found, one line each: `store.orders[2].basket[0].productId: ...`.
pub fn check(seed: &SeedData) -> Result<(), String> {
    let mut problems = Problems::default();
    check_portal(seed, &mut problems);
    check_store(seed, &mut problems);
    check_app(seed, &mut problems);
    problems.into_result()
}

#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, at: String, what: impl Into<String>) {
        self.0.push(format!("{at}: {}", what.into()));
    }
    fn unique(&mut self, at: String, seen: &mut BTreeSet<String>, id: impl ToString) {
        let id = id.to_string();
        if !seen.insert(id.clone()) {
            self.add(at, format!("duplicate id {id}"));
        }
    }
    fn date(&mut self, at: String, value: &Option<String>) {
        if let Some(text) = value
            && clock::normalize(text).is_none()
        {
            self.add(
                at,
                format!("{text:?} is not a date (use 2024-08-30T14:29:00+03:00)"),
            );
        }
    }
    fn into_result(self) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0.join("\n"))
        }
    }
}

fn check_portal(seed: &SeedData, p: &mut Problems) {
    let portal = &seed.portal;
    let mut seen = BTreeSet::new();
    for (i, user) in portal.users.iter().enumerate() {
        p.unique(format!("portal.users[{i}].id"), &mut seen, user.id);
    }
    let users: BTreeSet<u64> = if portal.users.is_empty() {
        [1, 2].into()
    } else {
        portal.users.iter().map(|u| u.id).collect()
    };

    let mut stages: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for (i, pipeline) in portal.pipelines.iter().enumerate() {
        p.unique(format!("portal.pipelines[{i}].id"), &mut seen, pipeline.id);
        if pipeline.stages.is_empty() {
            p.add(
                format!("portal.pipelines[{i}].stages"),
                "a pipeline needs at least one stage",
            );
        }
        let known = stages.entry(pipeline.id).or_default();
        for (j, stage) in pipeline.stages.iter().enumerate() {
            let at = format!("portal.pipelines[{i}].stages[{j}]");
            if !known.insert(stage_id(pipeline.id, &stage.id)) {
                p.add(format!("{at}.id"), format!("duplicate stage {}", stage.id));
            }
            if let Some(s) = &stage.semantics
                && !["P", "S", "F"].contains(&s.as_str())
            {
                p.add(
                    format!("{at}.semantics"),
                    format!("{s:?} must be P, S or F"),
                );
            }
        }
    }
    if portal.pipelines.is_empty() {
        stages.insert(
            0,
            super::defaults::standard_stages()
                .into_iter()
                .map(|s| s.id)
                .collect(),
        );
    } else if !stages.contains_key(&0) {
        p.add(
            "portal.pipelines".into(),
            "pipeline 0 (the general one) is required",
        );
    }

    let mut fields = BTreeSet::new();
    for (i, field) in portal.deal_user_fields.iter().enumerate() {
        let at = format!("portal.dealUserFields[{i}]");
        if !field.name.starts_with("UF_CRM_") {
            p.add(
                format!("{at}.name"),
                format!("{:?} must start with UF_CRM_", field.name),
            );
        }
        if !fields.insert(field.name.clone()) {
            p.add(
                format!("{at}.name"),
                format!("duplicate field {}", field.name),
            );
        }
        if let Some(kind) = &field.kind
            && !["string", "integer", "double", "boolean", "date", "datetime"]
                .contains(&kind.as_str())
        {
            p.add(
                format!("{at}.type"),
                format!("{kind:?} must be string, integer, double, boolean, date or datetime"),
            );
        }
    }

    let mut contacts = BTreeSet::new();
    for (i, contact) in portal.contacts.iter().enumerate() {
        p.unique(
            format!("portal.contacts[{i}].id"),
            &mut contacts,
            contact.id,
        );
    }
    let mut products = BTreeSet::new();
    for (i, product) in portal.products.iter().enumerate() {
        p.unique(
            format!("portal.products[{i}].id"),
            &mut products,
            product.id,
        );
        if product.price < 0.0 {
            p.add(
                format!("portal.products[{i}].price"),
                "must not be negative",
            );
        }
    }

    let mut seen = BTreeSet::new();
    for (i, deal) in portal.deals.iter().enumerate() {
        let at = format!("portal.deals[{i}]");
        p.unique(format!("{at}.id"), &mut seen, deal.id);
        match stages.get(&deal.pipeline) {
            None => p.add(
                format!("{at}.pipeline"),
                format!("pipeline {} is not in portal.pipelines", deal.pipeline),
            ),
            Some(known) if !known.contains(&stage_id(deal.pipeline, &deal.stage)) => p.add(
                format!("{at}.stage"),
                format!(
                    "{:?} is not a stage of pipeline {} (known: {})",
                    deal.stage,
                    deal.pipeline,
                    known.iter().cloned().collect::<Vec<_>>().join(", ")
                ),
            ),
            Some(_) => {}
        }
        if let Some(contact) = deal.contact_id
            && !contacts.contains(&contact.to_string())
        {
            p.add(
                format!("{at}.contactId"),
                format!("contact {contact} is not in portal.contacts"),
            );
        }
        if let Some(user) = deal.assigned_by
            && !users.contains(&user)
        {
            p.add(
                format!("{at}.assignedBy"),
                format!("user {user} is not in portal.users"),
            );
        }
        for name in deal.uf.keys() {
            if !fields.contains(name) {
                p.add(
                    format!("{at}.uf.{name}"),
                    "not declared in portal.dealUserFields",
                );
            }
        }
        p.date(format!("{at}.dateCreate"), &deal.date_create);
        p.date(format!("{at}.dateModify"), &deal.date_modify);
        for (j, row) in deal.rows.iter().enumerate() {
            let at = format!("{at}.rows[{j}]");
            if row.product_id != 0 && !products.contains(&row.product_id.to_string()) {
                p.add(
                    format!("{at}.productId"),
                    format!("product {} is not in portal.products", row.product_id),
                );
            }
            if row.product_id == 0 && (row.name.is_none() || row.price.is_none()) {
                p.add(at.clone(), "a row without productId needs name and price");
            }
            if row.quantity <= 0.0 {
                p.add(format!("{at}.quantity"), "must be above 0");
            }
        }
    }
}

fn check_store(seed: &SeedData, p: &mut Problems) {
    let store = &seed.store;
    let mut warehouses = BTreeSet::new();
    for (i, w) in store.warehouses.iter().enumerate() {
        p.unique(format!("store.warehouses[{i}].id"), &mut warehouses, w.id);
    }
    let mut products = BTreeSet::new();
    for (i, product) in store.products.iter().enumerate() {
        let at = format!("store.products[{i}]");
        p.unique(format!("{at}.id"), &mut products, product.id);
        if product.price < 0.0 {
            p.add(format!("{at}.price"), "must not be negative");
        }
        let mut stocked = BTreeSet::new();
        for (j, stock) in product.stock.iter().enumerate() {
            if !warehouses.contains(&stock.warehouse.to_string()) {
                p.add(
                    format!("{at}.stock[{j}].warehouse"),
                    format!("warehouse {} is not in store.warehouses", stock.warehouse),
                );
            }
            if !stocked.insert(stock.warehouse) {
                p.add(
                    format!("{at}.stock[{j}].warehouse"),
                    format!("warehouse {} listed twice", stock.warehouse),
                );
            }
            if stock.amount < 0.0 || stock.reserved < 0.0 {
                p.add(
                    format!("{at}.stock[{j}]"),
                    "amount and reserved must not be negative",
                );
            }
        }
    }
    let mut statuses = BTreeMap::new();
    for (i, status) in store.statuses.iter().enumerate() {
        let kind = status.kind.clone().unwrap_or_else(|| "O".into());
        if kind != "O" && kind != "D" {
            p.add(
                format!("store.statuses[{i}].type"),
                format!("{kind:?} must be O or D"),
            );
        }
        if statuses.insert(status.id.clone(), kind).is_some() {
            p.add(
                format!("store.statuses[{i}].id"),
                format!("duplicate status {}", status.id),
            );
        }
    }
    if store.statuses.is_empty() {
        for s in super::defaults::statuses() {
            statuses.insert(s.id, s.kind.unwrap_or_default());
        }
    }
    if !store.orders.is_empty() && store.warehouses.is_empty() {
        p.add(
            "store.warehouses".into(),
            "orders need at least one warehouse",
        );
    }
    let mut seen = BTreeSet::new();
    let mut basket_ids = BTreeSet::new();
    for (i, order) in store.orders.iter().enumerate() {
        let at = format!("store.orders[{i}]");
        p.unique(format!("{at}.id"), &mut seen, order.id);
        if statuses.get(&order.status).map(String::as_str) != Some("O") {
            p.add(
                format!("{at}.status"),
                format!(
                    "{:?} is not an order status (type O) in store.statuses",
                    order.status
                ),
            );
        }
        if let Some(w) = order.warehouse
            && !warehouses.contains(&w.to_string())
        {
            p.add(
                format!("{at}.warehouse"),
                format!("warehouse {w} is not in store.warehouses"),
            );
        }
        p.date(format!("{at}.dateInsert"), &order.date_insert);
        p.date(format!("{at}.dateUpdate"), &order.date_update);
        for (j, item) in order.basket.iter().enumerate() {
            let at = format!("{at}.basket[{j}]");
            if let Some(id) = item.id {
                p.unique(format!("{at}.id"), &mut basket_ids, id);
            }
            if item.product_id != 0 && !products.contains(&item.product_id.to_string()) {
                p.add(
                    format!("{at}.productId"),
                    format!("product {} is not in store.products", item.product_id),
                );
            }
            if item.product_id == 0 && (item.name.is_none() || item.price.is_none()) {
                p.add(
                    at.clone(),
                    "a position without productId needs name and price",
                );
            }
            if item.quantity <= 0.0 {
                p.add(format!("{at}.quantity"), "must be above 0");
            }
        }
        for (j, shipment) in order.shipments.iter().flatten().enumerate() {
            if let Some(status) = &shipment.status
                && statuses.get(status).map(String::as_str) != Some("D")
            {
                p.add(
                    format!("{at}.shipments[{j}].status"),
                    format!("{status:?} is not a delivery status (type D)"),
                );
            }
        }
    }
}

fn check_app(seed: &SeedData, p: &mut Problems) {
    let Some(app) = &seed.app else { return };
    for (i, placement) in app.placements.iter().flatten().enumerate() {
        if placement.placement.trim().is_empty() {
            p.add(
                format!("app.placements[{i}].placement"),
                "must not be empty",
            );
        }
        if placement.handler.trim().is_empty() {
            p.add(format!("app.placements[{i}].handler"), "must not be empty");
        }
    }
    for user in app.user_options.keys() {
        if user.parse::<u64>().is_err() {
            p.add(format!("app.userOptions.{user}"), "keys are user IDs");
        }
    }
}
