//! The demo data set: a coffee-and-tea shop whose orders come into Bitrix24 as deals, with
//! every case a rep meets (see README: "The demo data set"). The catalogue and pipelines are
//! here; the buyers in `people`, the linked deal/order pairs in `pairs`, the orders not yet in
//! the CRM in `new_orders`.

mod new_orders;
mod pairs;
mod people;

use super::catalog_gen;
use super::defaults;
use super::format::*;
use crate::rng::Rng;

/// Portal product IDs are the store's plus this: the two catalogues share XML_IDs, not IDs.
pub const PORTAL_ID_OFFSET: u64 = 1000;
pub const PRODUCTS: usize = 326;
pub const STORE_ONLY: usize = 4;
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
            variation_of: None,
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
    seed.portal.contacts = people::contacts();
    seed.store.statuses = defaults::statuses();
    let now = chrono::Utc::now();
    pairs::linked_pairs(&mut seed, &items, &mut rng, now);
    new_orders::orders_not_in_crm(&mut seed, &mut rng, now);
    seed
}

/// The moment the data set is built; dates are set relative to it.
pub type Now = chrono::DateTime<chrono::Utc>;

/// `d` days and `h` hours before `now`, in the portal's time zone.
fn days_ago(now: Now, d: i64, h: i64) -> String {
    crate::clock::format(
        (now - chrono::Duration::hours(d * 24 + h)).with_timezone(&crate::clock::zone()),
    )
}

/// Catalogue positions (shared by both sides) with at least 6 in one warehouse.
fn stocked(seed: &SeedData) -> Vec<usize> {
    (0..PRODUCTS - STORE_ONLY)
        .filter(|&i| seed.store.products[i].stock.iter().any(|s| s.amount >= 6.0))
        .collect()
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
