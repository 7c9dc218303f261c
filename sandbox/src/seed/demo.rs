//! The demo data set: a coffee-and-tea shop whose orders come into Bitrix24 as deals, with
//! every case a rep meets (see README: "The demo data set").

use std::collections::BTreeMap;

use serde_json::json;

use super::catalog_gen::{self, Item};
use super::defaults;
use super::format::*;
use super::names::{FIRST_NAMES, LAST_NAMES, STREETS, translit};
use crate::rng::Rng;

/// Portal product IDs are the store's plus this: the two catalogues share XML_IDs, not IDs.
pub const PORTAL_ID_OFFSET: u64 = 1000;
const PRODUCTS: usize = 326;
const STORE_ONLY: usize = 4;
pub const ORIGINATOR: &str = "3";
pub const ORDER_FIELD: &str = "UF_CRM_STORE_ORDER";

pub fn generate() -> SeedData {
    let mut rng = Rng::new(20_240_830);
    let items = catalog_gen::items(PRODUCTS);
    let mut seed = SeedData::default();
    seed.store.warehouses = catalog_gen::warehouses();
    for (i, item) in items.iter().enumerate() {
        let stock = catalog_gen::stock(&mut rng, item);
        seed.store
            .products
            .push(catalog_gen::store_product(i as u64 + 1, item, stock));
        if i < PRODUCTS - STORE_ONLY {
            seed.portal.products.push(catalog_gen::portal_product(
                PORTAL_ID_OFFSET + i as u64 + 1,
                item,
            ));
        }
    }
    for (n, (name, price)) in [
        ("Подарочный сертификат 3000 ₽", 3000.0),
        ("Сборка и настройка кофемашины", 1500.0),
        ("Дегустационный набор «6 стран»", 1890.0),
        ("Онлайн-курс бариста", 4900.0),
    ]
    .into_iter()
    .enumerate()
    {
        seed.portal.products.push(PortalProductSeed {
            id: PORTAL_ID_OFFSET + 900 + n as u64,
            name: name.into(),
            xml_id: Some(format!("crm-only-{}", n + 1)),
            article: None,
            price,
            currency: None,
            active: None,
        });
    }
    seed.portal.pipelines = vec![
        PipelineSeed {
            id: 0,
            name: "Общая".into(),
            sort: Some(100),
            stages: defaults::standard_stages(),
        },
        PipelineSeed {
            id: 1,
            name: "Интернет-магазин".into(),
            sort: Some(200),
            stages: vec![
                stage("NEW", "Новый заказ", "P", "#39A8EF"),
                stage("PREPARATION", "Сборка", "P", "#2FC6F6"),
                stage("EXECUTING", "Доставка", "P", "#FFA900"),
                stage("WON", "Заказ выполнен", "S", "#7BD500"),
                stage("LOSE", "Отменён", "F", "#FF5752"),
            ],
        },
    ];
    seed.portal.deal_user_fields = vec![
        UserFieldSeed {
            name: ORDER_FIELD.into(),
            kind: Some("string".into()),
            label: Label::Both {
                ru: "Номер заказа в магазине".into(),
                en: "Store order ID".into(),
            },
            multiple: false,
        },
        UserFieldSeed {
            name: "UF_CRM_DELIVERY_DATE".into(),
            kind: Some("date".into()),
            label: Label::Both {
                ru: "Дата доставки".into(),
                en: "Delivery date".into(),
            },
            multiple: false,
        },
    ];
    seed.portal.contacts = contacts();
    seed.store.statuses = defaults::statuses();
    build_orders_and_deals(&mut seed, &items, &mut rng);
    seed
}

fn stage(id: &str, name: &str, semantics: &str, color: &str) -> StageSeed {
    StageSeed {
        id: id.into(),
        name: name.into(),
        sort: None,
        semantics: Some(semantics.into()),
        color: Some(color.into()),
    }
}

struct Person {
    first: &'static str,
    last: &'static str,
    phone: String,
    email: String,
}

fn person(i: usize) -> Person {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    // The surname agrees with the first name's gender (Мария Смирнова, Иван Петров).
    let feminine = i % 2 == 1;
    let surnames: Vec<&str> = LAST_NAMES
        .iter()
        .copied()
        .filter(|l| l.ends_with('а') == feminine)
        .collect();
    let last = surnames[(i / 2 * 3 + i / 16) % surnames.len()];
    Person {
        first,
        last,
        phone: format!("+7916{:07}", 1_234_567 + i * 1_111),
        email: format!("{}.{}@mail.ru", translit(first), translit(last)),
    }
}

fn contacts() -> Vec<ContactSeed> {
    (0..16)
        .map(|i| {
            let p = person(i);
            ContactSeed {
                id: i as u64 + 1,
                name: p.first.into(),
                last_name: Some(p.last.into()),
                second_name: None,
                phones: vec![Communication::Typed {
                    value: p.phone,
                    value_type: "MOBILE".into(),
                }],
                emails: vec![Communication::Typed {
                    value: p.email,
                    value_type: "WORK".into(),
                }],
                comments: None,
                assigned_by: Some(if i % 3 == 0 { 1 } else { 2 }),
            }
        })
        .collect()
}

/// How a deal finds its order, and what is special about the pair.
#[derive(Clone, Copy, PartialEq)]
enum Link {
    Origin,
    UserField,
    Property,
    Both,
    None,
}

fn build_orders_and_deals(seed: &mut SeedData, items: &[Item], rng: &mut Rng) {
    let now = chrono::Utc::now();
    let days_ago = |d: i64, h: i64| {
        crate::clock::format(
            (now - chrono::Duration::hours(d * 24 + h)).with_timezone(&crate::clock::zone()),
        )
    };
    let stocked: Vec<usize> = (0..PRODUCTS - STORE_ONLY)
        .filter(|&i| seed.store.products[i].stock.iter().any(|s| s.amount >= 6.0))
        .collect();
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
            // A deal that reaches its order by the order's DEAL_ID property.
            17 | 18 => {
                order
                    .properties
                    .insert("DEAL_ID".into(), deal_id.to_string());
                order.xml_id = Some(format!("b24-deal-{deal_id}"));
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
            });
            if *i < PRODUCTS - STORE_ONLY {
                rows.push(RowSeed {
                    product_id: PORTAL_ID_OFFSET + *i as u64 + 1,
                    name: None,
                    price: Some(items[*i].price),
                    quantity: *quantity,
                    discount_rate: None,
                    tax_rate: Some(20.0),
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
    // Orders that have not reached the CRM yet, some from buyers the CRM does not know.
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

/// `+79161234567` → `8 (916) 123-45-67`
fn format_phone_8(phone: &str) -> String {
    let d: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if d.len() != 11 {
        return phone.to_string();
    }
    format!("8 ({}) {}-{}-{}", &d[1..4], &d[4..7], &d[7..9], &d[9..11])
}

/// `ivan.petrov@mail.ru` → `Ivan.Petrov@Mail.RU`
fn capitalize_email(email: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in email.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = matches!(c, '.' | '@');
    }
    out.replace(".ru", ".RU")
}
