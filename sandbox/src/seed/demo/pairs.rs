//! The demo's deals 1–24 and orders 101–124: how each pair is linked and what is special
//! about it (README: "The demo data set").

use std::collections::BTreeMap;

use serde_json::json;

use super::people::{capitalize_email, format_phone_8, person};
use super::{
    Now, ORDER_FIELD, ORIGINATOR, PORTAL_ID_OFFSET, PRODUCTS, STORE_ONLY, days_ago, stocked,
};
use crate::rng::Rng;
use crate::seed::catalog_gen::Item;
use crate::seed::format::*;
use crate::seed::names::STREETS;

/// How a deal finds its order, and what is special about the pair.
#[derive(Clone, Copy, PartialEq)]
enum Link {
    Origin,
    UserField,
    Property,
    Both,
    None,
}

/// The deals 1–24 and their orders 101–124, each pair linked its own way (see [`Link`]),
/// with the cases reps meet.
pub fn linked_pairs(seed: &mut SeedData, items: &[Item], rng: &mut Rng, now: Now) {
    let days_ago = |d: i64, h: i64| days_ago(now, d, h);
    let stocked = stocked(seed);
    let scarce = (0..PRODUCTS - STORE_ONLY).find(|&i| {
        let total: f64 = seed.store.products[i].stock.iter().map(|s| s.amount).sum();
        (1.0..=5.0).contains(&total)
    });
    let links = [
        Link::Origin,
        Link::Origin,
        Link::Origin,
        Link::Origin,
        Link::Origin,
        Link::Origin,
        Link::Origin,
        Link::Origin,
        Link::UserField,
        Link::UserField,
        Link::UserField,
        Link::UserField,
        Link::UserField,
        Link::UserField,
        Link::UserField,
        Link::UserField,
        Link::Property,
        Link::Property,
        Link::Both,
        Link::Both,
        Link::None,
        Link::None,
        Link::UserField,
        Link::UserField,
    ];
    let stages0 = [
        "NEW",
        "PREPARATION",
        "PREPAYMENT_INVOICE",
        "EXECUTING",
        "FINAL_INVOICE",
    ];
    let stages1 = ["NEW", "PREPARATION", "EXECUTING"];
    for (k, link) in links.iter().enumerate() {
        let deal_id = k as u64 + 1;
        let order_id = 101 + k as u64;
        let buyer = k % 16;
        let who = person(buyer);
        let mut basket: Vec<(usize, f64)> = (0..rng.range(1, 4))
            .map(|_| (*rng.pick(&stocked), rng.range(1, 3) as f64))
            .collect();
        basket.sort_by_key(|b| b.0);
        basket.dedup_by_key(|b| b.0);
        let mut order = OrderSeed {
            id: order_id,
            account_number: None,
            status: "N".into(),
            user_id: Some(buyer as u64 + 10),
            currency: None,
            warehouse: Some(if k % 5 == 4 { 3 } else { 1 }),
            canceled: false,
            paid: false,
            deducted: false,
            xml_id: None,
            comments: None,
            date_insert: Some(days_ago(30 - k as i64, 3)),
            date_update: Some(days_ago(30 - k as i64, 1)),
            basket: vec![],
            payments: None,
            shipments: Some(vec![ShipmentSeed {
                delivery: Some("Курьерская доставка".into()),
                price: Some(if k % 3 == 0 { 0.0 } else { 350.0 }),
                status: None,
            }]),
            properties: BTreeMap::from([
                ("FIO".into(), format!("{} {}", who.last, who.first)),
                ("PHONE".into(), who.phone.clone()),
                ("EMAIL".into(), who.email.clone()),
                ("CITY".into(), "Москва".into()),
                (
                    "ADDRESS".into(),
                    format!(
                        "{}, д. {}, кв. {}",
                        STREETS[k % STREETS.len()],
                        3 + k,
                        10 + k * 3
                    ),
                ),
            ]),
        };
        let mut rows: Vec<RowSeed> = vec![];
        let mut opportunity = None;
        let mut pipeline = if *link == Link::Origin { 1 } else { 0 };
        let mut stage = if pipeline == 1 {
            stages1[k % 3].to_string()
        } else {
            stages0[k % 5].to_string()
        };
        match deal_id {
            // Buyer's phone written differently from the contact's.
            9 => {
                order
                    .properties
                    .insert("PHONE".into(), format_phone_8(&who.phone));
            }
            // The deal's sum differs from its order.
            10 => opportunity = Some(-1.0),
            // A product only in the CRM catalogue.
            11 => rows.push(RowSeed {
                product_id: PORTAL_ID_OFFSET + 901,
                name: None,
                price: None,
                quantity: 1.0,
                discount_rate: None,
                tax_rate: None,
                measure_code: None,
                measure_name: None,
            }),
            // A product only in the store.
            12 => basket.push((PRODUCTS - 1, 1.0)),
            // More than the warehouses hold.
            13 => {
                if let Some(i) = scarce {
                    basket = vec![(i, 40.0)]
                }
            }
            // Buyer's e-mail written differently from the contact's.
            14 => {
                order
                    .properties
                    .insert("EMAIL".into(), capitalize_email(&who.email));
            }
            // A shipped order, a won deal.
            15 => {
                order.status = "F".into();
                order.paid = true;
                order.deducted = true;
                stage = "WON".into();
            }
            // A paid order.
            16 | 24 => {
                order.status = "P".into();
                order.paid = true;
            }
            // Deals that reach their order by the order's DEAL_ID property; 118's `xmlId` is
            // the deal ID as well (a link by the order's XML_ID), 117's another system's key.
            17 | 18 => {
                order
                    .properties
                    .insert("DEAL_ID".into(), deal_id.to_string());
                order.xml_id = Some(if deal_id == 18 {
                    deal_id.to_string()
                } else {
                    format!("b24-deal-{deal_id}")
                });
            }
            // A canceled order; the deal was lost.
            23 => {
                order.canceled = true;
                stage = "LOSE".into();
            }
            _ => {}
        }
        for (i, quantity) in &basket {
            let product = &seed.store.products[*i];
            order.basket.push(BasketSeed {
                id: None,
                product_id: product.id,
                name: None,
                price: None,
                quantity: *quantity,
                xml_id: None,
                measure_code: None,
                measure_name: None,
            });
            if *i < PRODUCTS - STORE_ONLY {
                rows.push(RowSeed {
                    product_id: PORTAL_ID_OFFSET + *i as u64 + 1,
                    name: None,
                    price: Some(items[*i].price),
                    quantity: *quantity,
                    discount_rate: None,
                    tax_rate: Some(20.0),
                    measure_code: None,
                    measure_name: None,
                });
            }
        }
        if opportunity.is_some() {
            let sum: f64 = rows
                .iter()
                .map(|r| r.price.unwrap_or(0.0) * r.quantity)
                .sum();
            opportunity = Some(sum + 1500.0);
        }
        let has_order = *link != Link::None;
        let mut uf = BTreeMap::new();
        if matches!(link, Link::UserField | Link::Both) {
            uf.insert(ORDER_FIELD.to_string(), json!(order_id.to_string()));
        }
        if k % 4 == 0 {
            uf.insert(
                "UF_CRM_DELIVERY_DATE".into(),
                json!(days_ago(-(k as i64 % 5) - 1, 0)),
            );
        }
        if !has_order {
            pipeline = 0;
            stage = "NEW".into();
        }
        let title = match link {
            Link::Origin | Link::Both => format!("Заказ #{order_id}"),
            Link::None => format!("Консультация: {} {}", who.first, who.last),
            _ => format!("{} {} — заказ с сайта", who.first, who.last),
        };
        seed.portal.deals.push(DealSeed {
            id: deal_id,
            title,
            pipeline,
            stage,
            opportunity,
            currency: None,
            contact_id: Some(buyer as u64 + 1),
            assigned_by: Some(if k % 3 == 0 { 1 } else { 2 }),
            originator_id: matches!(link, Link::Origin | Link::Both)
                .then(|| ORIGINATOR.to_string()),
            origin_id: matches!(link, Link::Origin | Link::Both).then(|| order_id.to_string()),
            uf,
            comments: None,
            date_create: Some(days_ago(30 - k as i64, 2)),
            date_modify: Some(days_ago(30 - k as i64, 0)),
            rows,
        });
        if has_order {
            seed.store.orders.push(order);
        }
    }
}
