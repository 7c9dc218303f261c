//! The large data set for benchmarks: 10,000 products, 2,000 orders, each with its deal.

use std::collections::BTreeMap;

use serde_json::json;

use super::catalog_gen;
use super::defaults;
use super::format::*;
use super::names::{FIRST_NAMES, LAST_NAMES, translit};
use crate::rng::Rng;

const PRODUCTS: usize = 10_000;
const ORDERS: u64 = 2_000;
const CONTACTS: u64 = 1_000;
const OFFSET: u64 = 100_000;

pub fn generate() -> SeedData {
    let mut rng = Rng::new(7);
    let items = catalog_gen::items(PRODUCTS);
    let mut seed = SeedData::default();
    seed.store.warehouses = catalog_gen::warehouses();
    seed.store.statuses = defaults::statuses();
    seed.portal.pipelines = defaults::pipelines();
    seed.portal.deal_user_fields = vec![UserFieldSeed {
        name: "UF_CRM_STORE_ORDER".into(),
        kind: None,
        label: Label::Both {
            ru: "Номер заказа в магазине".into(),
            en: "Store order ID".into(),
        },
        multiple: false,
    }];
    for (i, item) in items.iter().enumerate() {
        let stock = catalog_gen::stock(&mut rng, item);
        seed.store
            .products
            .push(catalog_gen::store_product(i as u64 + 1, item, stock));
        seed.portal
            .products
            .push(catalog_gen::portal_product(OFFSET + i as u64 + 1, item));
    }
    for c in 1..=CONTACTS {
        let first = FIRST_NAMES[c as usize % FIRST_NAMES.len()];
        let last = LAST_NAMES[(c as usize / FIRST_NAMES.len()) % LAST_NAMES.len()];
        seed.portal.contacts.push(ContactSeed {
            id: c,
            name: first.into(),
            last_name: Some(last.into()),
            second_name: None,
            phones: vec![Communication::Plain(format!("+7903{:07}", c * 37))],
            emails: vec![Communication::Plain(format!(
                "{}.{}{c}@example.ru",
                translit(first),
                translit(last)
            ))],
            comments: None,
            assigned_by: None,
        });
    }
    let stages = ["NEW", "PREPARATION", "EXECUTING", "WON"];
    for n in 1..=ORDERS {
        let lines: Vec<(usize, f64)> = (0..rng.range(1, 5))
            .map(|_| {
                (
                    rng.range(0, PRODUCTS as u64 - 1) as usize,
                    rng.range(1, 3) as f64,
                )
            })
            .collect();
        let contact = rng.range(1, CONTACTS);
        seed.store.orders.push(OrderSeed {
            id: n,
            account_number: None,
            status: if n % 4 == 0 { "P".into() } else { "N".into() },
            user_id: Some(contact),
            currency: None,
            warehouse: Some(1 + n % 3),
            canceled: n % 25 == 0,
            paid: n % 4 == 0,
            deducted: false,
            xml_id: None,
            comments: None,
            date_insert: None,
            date_update: None,
            basket: lines
                .iter()
                .map(|(i, q)| BasketSeed {
                    id: None,
                    product_id: *i as u64 + 1,
                    name: None,
                    price: None,
                    quantity: *q,
                    xml_id: None,
                    measure_code: None,
                    measure_name: None,
                })
                .collect(),
            payments: None,
            shipments: None,
            properties: BTreeMap::from([
                ("FIO".into(), format!("Покупатель {contact}")),
                ("PHONE".into(), format!("+7903{:07}", contact * 37)),
            ]),
        });
        seed.portal.deals.push(DealSeed {
            id: n,
            title: format!("Заказ #{n}"),
            pipeline: 0,
            stage: stages[(n % 4) as usize].into(),
            opportunity: None,
            currency: None,
            contact_id: Some(contact),
            assigned_by: Some(1 + n % 2),
            originator_id: None,
            origin_id: None,
            uf: BTreeMap::from([("UF_CRM_STORE_ORDER".to_string(), json!(n.to_string()))]),
            comments: None,
            date_create: None,
            date_modify: None,
            rows: lines
                .iter()
                .map(|(i, q)| RowSeed {
                    product_id: OFFSET + *i as u64 + 1,
                    name: None,
                    price: Some(items[*i].price),
                    quantity: *q,
                    discount_rate: None,
                    tax_rate: None,
                    measure_code: None,
                    measure_name: None,
                })
                .collect(),
        });
    }
    seed
}
