//! Checks of the portal part: unique IDs, stages of known pipelines, declared user fields,
//! known contacts, users and products.

use std::collections::{BTreeMap, BTreeSet};

use super::Problems;
use crate::seed::defaults::{self, stage_id};
use crate::seed::format::SeedData;

pub(super) fn check(seed: &SeedData, p: &mut Problems) {
    let portal = &seed.portal;
    let iblock = portal.catalog_iblock_id.unwrap_or(defaults::PORTAL_IBLOCK);
    if portal.offers_iblock_id == Some(iblock) {
        p.add(
            "portal.offersIblockId".into(),
            format!("{iblock} is the catalogue's own iblock"),
        );
    }
    let mut seen = BTreeSet::new();
    for (i, user) in portal.users.iter().enumerate() {
        p.id(&mut seen, user.id, || format!("portal.users[{i}].id"));
    }
    let users: BTreeSet<u64> = if portal.users.is_empty() {
        [1, 2].into()
    } else {
        portal.users.iter().map(|u| u.id).collect()
    };

    let mut stages: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for (i, pipeline) in portal.pipelines.iter().enumerate() {
        p.unique(&mut seen, pipeline.id, || {
            format!("portal.pipelines[{i}].id")
        });
        if pipeline.stages.is_empty() {
            p.add(
                format!("portal.pipelines[{i}].stages"),
                "a pipeline needs at least one stage",
            );
        }
        let known = stages.entry(pipeline.id).or_default();
        for (j, stage) in pipeline.stages.iter().enumerate() {
            let at = format!("portal.pipelines[{i}].stages[{j}]");
            if let Some(other) = foreign_pipeline(pipeline.id, &stage.id) {
                p.add(
                    format!("{at}.id"),
                    format!(
                        "{:?} carries the prefix of pipeline {other}: write it without one, or C{}:",
                        stage.id, pipeline.id
                    ),
                );
            }
            if stage.name.trim().is_empty() {
                p.add(format!("{at}.name"), "must not be blank");
            }
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
            defaults::standard_stages()
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
        p.id(&mut contacts, contact.id, || {
            format!("portal.contacts[{i}].id")
        });
        if let Some(user) = contact.assigned_by
            && !users.contains(&user)
        {
            p.add(
                format!("portal.contacts[{i}].assignedBy"),
                format!("user {user} is not in portal.users"),
            );
        }
    }
    let kinds: Vec<(u64, Option<u64>)> = portal
        .products
        .iter()
        .map(|x| (x.id, x.variation_of))
        .collect();
    p.variations("portal.products", &kinds, portal.offers_iblock_id);
    let mut products = BTreeSet::new();
    for (i, product) in portal.products.iter().enumerate() {
        p.id(&mut products, product.id, || {
            format!("portal.products[{i}].id")
        });
        p.amount(
            || format!("portal.products[{i}].price"),
            Some(product.price),
        );
    }

    let prices: BTreeMap<u64, f64> = portal.products.iter().map(|x| (x.id, x.price)).collect();
    let mut seen = BTreeSet::new();
    for (i, deal) in portal.deals.iter().enumerate() {
        let at = format!("portal.deals[{i}]");
        p.id(&mut seen, deal.id, || format!("{at}.id"));
        p.amount(|| format!("{at}.opportunity"), deal.opportunity);
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
            && !contacts.contains(&contact)
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
            if row.product_id != 0 && !products.contains(&row.product_id) {
                p.add(
                    format!("{at}.productId"),
                    format!("product {} is not in portal.products", row.product_id),
                );
            }
            if row.product_id == 0 && (row.name.is_none() || row.price.is_none()) {
                p.add(at.clone(), "a row without productId needs name and price");
            }
            p.amount(|| format!("{at}.price"), row.price);
            p.quantity(|| format!("{at}.quantity"), row.quantity);
            p.percent(|| format!("{at}.discountRate"), row.discount_rate);
            p.percent(|| format!("{at}.taxRate"), row.tax_rate);
            p.unit(&at, row.measure_code, &row.measure_name);
        }
        p.total(
            || format!("{at}.rows"),
            deal.rows.iter().map(|row| {
                let listed = prices.get(&row.product_id).copied();
                row.price.or(listed).unwrap_or(0.0) * row.quantity
            }),
        );
    }
}

/// The pipeline whose prefix (`C2:`) a stage of `pipeline` carries, when it is another's.
fn foreign_pipeline(pipeline: u64, stage: &str) -> Option<u64> {
    let rest = stage.strip_prefix('C')?;
    let (digits, _) = rest.split_once(':')?;
    let other: u64 = digits.parse().ok()?;
    (other != pipeline).then_some(other)
}
