//! Data sets the tests and the bench write themselves, in the sandbox's seed format
//! (`sandbox/README.md`), as temporary files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};

/// A seed written to a temporary file, removed when dropped.
pub struct SeedFile(PathBuf);

impl SeedFile {
    pub fn write(name: &str, seed: &Value) -> SeedFile {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "storelink-seed-{name}-{}-{}.json",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        let text = serde_json::to_string_pretty(seed).expect("a seed is plain JSON");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        SeedFile(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for SeedFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The deal user field that holds the order ID, as in `dev/app-options.json`.
pub const ORDER_FIELD: &str = "UF_CRM_STORE_ORDER";

/// A tiny coffee shop where every case of the deal tab happens once.
///
/// Warehouses 1 "Основной склад", 2 "Магазин на Тверской", 3 "Дальний склад" (the tests show
/// only 1 and 2). Store products (portal ID = store ID + 1000, shared XML_IDs):
///
/// | store | product | stock |
/// |---|---|---|
/// | 1 | Кофе Бразилия (`mini-brazil`) | wh1 10 (order 501 reserves 3), wh2 4 with 1 reserved elsewhere, wh3 100 |
/// | 2 | Турка медная (`mini-turka`) | wh1 2 (order 501 reserves 1) |
/// | 3 | Фильтры бумажные (`mini-filters`) | wh2 30 |
/// | 4 | Чайник заварочный (`mini-kettle`) | wh1 5 (order 501 reserves 1); only in the store |
/// | 6 | Кофе Колумбия (`mini-colombia`) | wh1 50 |
///
/// Portal product 1009 "Подарочная карта" exists only in the CRM.
///
/// - Deal 1 → order 501 (`M-501`, status P "paid", delivery 300, user field): rows Brazil ×5 at
///   690 (order has 3: quantity), turka ×1 at 1300 (order 1450: price), filters ×40 (not in the
///   order; 30 in stock: a shortage of 10), gift card (unmatched); the kettle only in the order;
///   deal sum 9 999 (order total 5 920: sum); stage NEW vs status P → EXECUTING (status).
/// - Deal 2 (contact with `+7 916 123 45 67`) has no order; order 502 `M-502` has the phone
///   written `8 (916) 123-45-67`; order 503 `M-503` belongs to someone else (its `DEAL_ID`
///   property names deal 1).
/// - Deal 3 is named by two orders' `xmlId` (504 `M-504`, 505 `M-505`): a selector.
/// - Deal 4, still at NEW, is named by the `xmlId` of order 506 `M-506`, which was canceled.
pub fn mini_shop() -> Value {
    let stock = |wh: u64, amount: f64, reserved: f64| json!({"warehouse": wh, "amount": amount, "reserved": reserved});
    let product = |id: u64, name: &str, xml: &str, article: &str, price: f64, stock: Vec<Value>| json!({"id": id, "name": name, "xmlId": xml, "article": article, "price": price, "stock": stock});
    let portal_product = |id: u64, name: &str, xml: &str, price: f64| json!({"id": id, "name": name, "xmlId": xml, "price": price});
    let buyer =
        |fio: &str, phone: &str, email: &str| json!({"FIO": fio, "PHONE": phone, "EMAIL": email});
    json!({
        "portal": {
            "dealUserFields": [
                {"name": ORDER_FIELD, "type": "string", "label": {"ru": "Заказ в магазине", "en": "Store order"}}
            ],
            "contacts": [
                {"id": 1, "name": "Пётр", "lastName": "Кофейников",
                 "phones": [{"value": "+7 916 123 45 67", "type": "MOBILE"}], "emails": ["petr@example.ru"]},
                {"id": 2, "name": "Анна", "lastName": "Чайкина",
                 "phones": [{"value": "+79035550001", "type": "MOBILE"}], "emails": ["anna@example.ru"]}
            ],
            "products": [
                portal_product(1001, "Кофе Бразилия, 250 г", "mini-brazil", 690.0),
                portal_product(1002, "Турка медная, 500 мл", "mini-turka", 1450.0),
                portal_product(1003, "Фильтры бумажные №4", "mini-filters", 250.0),
                portal_product(1006, "Кофе Колумбия, 250 г", "mini-colombia", 750.0),
                portal_product(1009, "Подарочная карта", "mini-gift-card", 1000.0)
            ],
            "deals": [
                {"id": 1, "title": "Мини: заказ M-501", "stage": "NEW", "contactId": 2, "assignedBy": 2,
                 "opportunity": 9999, "uf": {ORDER_FIELD: "501"},
                 "rows": [
                    {"productId": 1001, "price": 690, "quantity": 5},
                    {"productId": 1002, "price": 1300, "quantity": 1},
                    {"productId": 1003, "price": 250, "quantity": 40},
                    {"productId": 1009, "price": 1000, "quantity": 1}
                 ]},
                {"id": 2, "title": "Мини: без заказа", "stage": "NEW", "contactId": 1, "assignedBy": 2,
                 "rows": [{"productId": 1006, "price": 750, "quantity": 2}]},
                {"id": 3, "title": "Мини: два заказа", "stage": "NEW", "contactId": 2, "assignedBy": 2,
                 "rows": [{"productId": 1006, "price": 750, "quantity": 1}]},
                {"id": 4, "title": "Мини: отменённый заказ", "stage": "NEW", "assignedBy": 2,
                 "opportunity": 750, "rows": [{"productId": 1006, "price": 750, "quantity": 1}]}
            ]
        },
        "store": {
            "warehouses": [
                {"id": 1, "title": "Основной склад", "sort": 10},
                {"id": 2, "title": "Магазин на Тверской", "sort": 20},
                {"id": 3, "title": "Дальний склад", "sort": 30}
            ],
            "products": [
                product(1, "Кофе Бразилия, 250 г", "mini-brazil", "KF-001", 690.0,
                    vec![stock(1, 10.0, 0.0), stock(2, 4.0, 1.0), stock(3, 100.0, 0.0)]),
                product(2, "Турка медная, 500 мл", "mini-turka", "TR-002", 1450.0, vec![stock(1, 2.0, 0.0)]),
                product(3, "Фильтры бумажные №4", "mini-filters", "FL-003", 250.0, vec![stock(2, 30.0, 0.0)]),
                product(4, "Чайник заварочный, 600 мл", "mini-kettle", "CH-004", 2100.0, vec![stock(1, 5.0, 0.0)]),
                product(6, "Кофе Колумбия, 250 г", "mini-colombia", "KF-006", 750.0, vec![stock(1, 50.0, 0.0)])
            ],
            "orders": [
                {"id": 501, "accountNumber": "M-501", "status": "P", "warehouse": 1,
                 "basket": [
                    {"id": 9001, "productId": 1, "price": 690, "quantity": 3},
                    {"id": 9002, "productId": 2, "price": 1450, "quantity": 1},
                    {"id": 9003, "productId": 4, "price": 2100, "quantity": 1}
                 ],
                 "shipments": [{"delivery": "Курьер", "price": 300}],
                 "properties": buyer("Чайкина Анна", "+79035550001", "anna@example.ru")},
                {"id": 502, "accountNumber": "M-502", "status": "N", "warehouse": 1,
                 "basket": [{"id": 9021, "productId": 6, "price": 750, "quantity": 2}],
                 "properties": buyer("Кофейников Пётр", "8 (916) 123-45-67", "petr.k@example.com")},
                {"id": 503, "accountNumber": "M-503", "status": "N", "warehouse": 1,
                 "basket": [{"id": 9031, "productId": 6, "price": 750, "quantity": 1}],
                 "properties": {"FIO": "Сидоров Семён", "PHONE": "+79990001122",
                                "EMAIL": "semen@example.ru", "DEAL_ID": "1"}},
                {"id": 504, "accountNumber": "M-504", "status": "N", "warehouse": 1, "xmlId": "3",
                 "basket": [{"id": 9041, "productId": 6, "price": 750, "quantity": 1}],
                 "properties": buyer("Чайкина Анна", "+79035550001", "anna@example.ru")},
                {"id": 505, "accountNumber": "M-505", "status": "P", "warehouse": 1, "xmlId": "3",
                 "basket": [{"id": 9051, "productId": 6, "price": 750, "quantity": 2}],
                 "properties": buyer("Чайкина Анна", "+79035550001", "anna@example.ru")},
                {"id": 506, "accountNumber": "M-506", "status": "N", "warehouse": 1, "xmlId": "4",
                 "canceled": true,
                 "basket": [{"id": 9061, "productId": 6, "price": 750, "quantity": 1}],
                 "properties": buyer("Орлова Вера", "+79990002233", "vera@example.ru")}
            ]
        }
    })
}

/// A shop whose deal 1 has `rows` product rows, each a different product, linked (user
/// field) to order 1 with the same products; stock in two warehouses. For the bench.
pub fn rows_shop(rows: usize) -> Value {
    let n = rows as u64;
    let store_products: Vec<Value> = (1..=n)
        .map(|i| {
            json!({"id": i, "name": format!("Товар {i}"), "xmlId": format!("bench-{i}"),
                   "article": format!("B-{i:04}"), "price": 100 + i,
                   "stock": [{"warehouse": 1, "amount": 20 + i % 7}, {"warehouse": 2, "amount": i % 5}]})
        })
        .collect();
    let portal_products: Vec<Value> = (1..=n)
        .map(|i| json!({"id": 1000 + i, "name": format!("Товар {i}"), "xmlId": format!("bench-{i}"), "price": 100 + i}))
        .collect();
    let deal_rows: Vec<Value> = (1..=n)
        .map(|i| json!({"productId": 1000 + i, "price": 100 + i, "quantity": 1 + i % 3}))
        .collect();
    let basket: Vec<Value> = (1..=n)
        .map(|i| json!({"productId": i, "price": 100 + i, "quantity": 1 + i % 3}))
        .collect();
    json!({
        "portal": {
            "dealUserFields": [{"name": ORDER_FIELD, "label": "Store order"}],
            "contacts": [{"id": 1, "name": "Покупатель", "phones": ["+79160000001"], "emails": ["buyer@example.ru"]}],
            "products": portal_products,
            "deals": [{"id": 1, "title": format!("{rows} строк"), "stage": "NEW", "contactId": 1,
                       "uf": {ORDER_FIELD: "1"}, "rows": deal_rows}]
        },
        "store": {
            "warehouses": [{"id": 1, "title": "Склад 1"}, {"id": 2, "title": "Склад 2"}],
            "products": store_products,
            "orders": [{"id": 1, "accountNumber": "B-1", "status": "N", "warehouse": 1, "basket": basket,
                        "properties": {"FIO": "Покупатель", "PHONE": "+79160000001", "EMAIL": "buyer@example.ru"}}]
        }
    })
}
