//! The generated catalogue shared by the demo and large data sets.

use super::format::{PortalProductSeed, StockSeed, StoreProductSeed, WarehouseSeed};
use super::names::{FAMILIES, guid};
use crate::rng::Rng;

pub fn warehouses() -> Vec<WarehouseSeed> {
    vec![
        WarehouseSeed {
            id: 1,
            title: "Основной склад".into(),
            address: Some("Москва, ул. Складская, 12".into()),
            active: Some(true),
            sort: Some(100),
        },
        WarehouseSeed {
            id: 2,
            title: "Магазин на Тверской".into(),
            address: Some("Москва, ул. Тверская, 7".into()),
            active: Some(true),
            sort: Some(200),
        },
        WarehouseSeed {
            id: 3,
            title: "Склад Санкт-Петербург".into(),
            address: Some("Санкт-Петербург, Московский пр-т, 118".into()),
            active: Some(true),
            sort: Some(300),
        },
    ]
}

/// One catalogue entry before it is split into the two systems.
pub struct Item {
    pub name: String,
    pub article: String,
    pub xml_id: String,
    pub price: f64,
    pub expensive: bool,
}

/// At least `count` products, cycling through families, models, variants and product lines.
pub fn items(count: usize) -> Vec<Item> {
    let lines = ["", " Premium", " Эконом", " Select", " Gold", " Travel"];
    let mut out = Vec::with_capacity(count);
    'outer: for (line_no, line) in lines.iter().cycle().enumerate() {
        for family in FAMILIES {
            for (m, model) in family.models.iter().enumerate() {
                for (v, variant) in family.variants.iter().enumerate() {
                    if out.len() >= count {
                        break 'outer;
                    }
                    let n = out.len() as u64 + 1;
                    let round = line_no / lines.len();
                    let suffix = if round > 0 {
                        format!(" №{}", round + 1)
                    } else {
                        String::new()
                    };
                    let multiplier = 1.0 + v as f64 * 0.85 + line_no as f64 % 6.0 * 0.15;
                    out.push(Item {
                        name: format!("{} {}{}{}, {}", family.base, model, line, suffix, variant),
                        article: format!(
                            "{}-{:02}{}{}",
                            family.article,
                            m + 1,
                            v + 1,
                            line_no % 6 + 1
                        ) + &if round > 0 {
                            format!("-{round}")
                        } else {
                            String::new()
                        },
                        xml_id: guid(n),
                        price: ((family.price * multiplier) / 10.0).round() * 10.0,
                        expensive: family.price > 10000.0,
                    });
                }
            }
        }
    }
    out
}

/// Uneven stock: the main warehouse holds most, the shop a little, some products none at all.
pub fn stock(rng: &mut Rng, item: &Item) -> Vec<StockSeed> {
    if rng.chance(6) {
        return vec![StockSeed {
            warehouse: 1,
            amount: 0.0,
            reserved: 0.0,
        }];
    }
    let scale = if item.expensive { 4 } else { 60 };
    let mut out = vec![StockSeed {
        warehouse: 1,
        amount: rng.range(0, scale) as f64,
        reserved: 0.0,
    }];
    if rng.chance(60) {
        out.push(StockSeed {
            warehouse: 2,
            amount: rng.range(0, scale / 6 + 1) as f64,
            reserved: 0.0,
        });
    }
    if rng.chance(50) {
        out.push(StockSeed {
            warehouse: 3,
            amount: rng.range(0, scale / 2) as f64,
            reserved: if rng.chance(10) { 1.0 } else { 0.0 },
        });
    }
    out
}

pub fn store_product(id: u64, item: &Item, stock: Vec<StockSeed>) -> StoreProductSeed {
    StoreProductSeed {
        id,
        name: item.name.clone(),
        xml_id: Some(item.xml_id.clone()),
        article: Some(item.article.clone()),
        price: item.price,
        currency: None,
        active: None,
        purchasing_price: Some((item.price * 0.55).round()),
        variation_of: None,
        measure_code: None,
        measure_name: None,
        stock,
    }
}

pub fn portal_product(id: u64, item: &Item) -> PortalProductSeed {
    PortalProductSeed {
        id,
        name: item.name.clone(),
        xml_id: Some(item.xml_id.clone()),
        article: Some(item.article.clone()),
        price: item.price,
        currency: None,
        active: None,
        variation_of: None,
    }
}
