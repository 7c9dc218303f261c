//! The demo's orders that have not reached the CRM yet.

use std::collections::BTreeMap;

use super::people::{format_phone_8, person};
use super::{Now, days_ago, stocked};
use crate::rng::Rng;
use crate::seed::format::*;

/// Orders 201–208 that have not reached the CRM yet, some from buyers the CRM does not know;
/// 201's buyer is contact 1 with the phone written `8 (916) …`.
pub fn orders_not_in_crm(seed: &mut SeedData, rng: &mut Rng, now: Now) {
    let days_ago = |d: i64, h: i64| days_ago(now, d, h);
    let stocked = stocked(seed);
    for n in 0..8u64 {
        let order_id = 201 + n;
        let who = person(16 + n as usize);
        let basket = (0..rng.range(1, 3))
            .map(|_| BasketSeed {
                id: None,
                product_id: seed.store.products[*rng.pick(&stocked)].id,
                name: None,
                price: None,
                quantity: rng.range(1, 2) as f64,
                xml_id: None,
                measure_code: None,
                measure_name: None,
            })
            .collect();
        seed.store.orders.push(OrderSeed {
            id: order_id,
            account_number: None,
            status: if n % 3 == 0 { "P".into() } else { "N".into() },
            user_id: Some(40 + n),
            currency: None,
            warehouse: Some(1 + n % 2),
            canceled: false,
            paid: n % 3 == 0,
            deducted: false,
            xml_id: None,
            comments: Some(if n == 2 {
                "Позвонить перед доставкой".into()
            } else {
                String::new()
            }),
            date_insert: Some(days_ago(2, n as i64)),
            date_update: Some(days_ago(1, n as i64)),
            basket,
            payments: None,
            shipments: None,
            properties: BTreeMap::from([
                ("FIO".into(), format!("{} {}", who.last, who.first)),
                (
                    "PHONE".into(),
                    if n == 0 {
                        format_phone_8(&person(0).phone)
                    } else {
                        who.phone
                    },
                ),
                ("EMAIL".into(), who.email),
            ]),
        });
    }
}
