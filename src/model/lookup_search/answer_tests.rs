use std::collections::BTreeMap;

use bitrix_rest::models::catalog::Warehouse;
use bitrix_rest::value::FromValue;
use bitrix_rest::{Decimal, Error, ErrorKind};
use serde_json::{Value, json};

use super::*;
use crate::model::lookup::Relevance;

/// Replies as the store would send them: each command's `result`, or its error.
#[derive(Default)]
struct Fake(BTreeMap<String, Result<Value, Error>>);

impl Fake {
    fn with(mut self, name: &str, result: Value) -> Fake {
        self.0.insert(name.to_owned(), Ok(result));
        self
    }
    fn failing(mut self, name: &str, error: Error) -> Fake {
        self.0.insert(name.to_owned(), Err(error));
        self
    }
}

impl Replies for Fake {
    fn list_of<T: FromValue>(&self, name: &str, key: &str) -> Result<Vec<T>, Error> {
        match self.0.get(name) {
            None => Ok(Vec::new()),
            Some(Err(e)) => Err(e.clone()),
            Some(Ok(v)) => Ok(Vec::<T>::from_value(&v[key]).unwrap_or_default()),
        }
    }
}

fn settings(chosen: &[u64]) -> Settings {
    Settings {
        store_iblock_id: Some(2),
        article_property: Some("property105".into()),
        warehouses: chosen.to_vec(),
        price_type_id: 1,
        ..Settings::default()
    }
}

fn q(text: &str) -> LookupQuery {
    LookupQuery::parse(text).unwrap()
}

fn warehouses() -> Vec<Warehouse> {
    serde_json::from_value(json!([
        {"id": 1, "title": "Основной склад", "active": "Y", "sort": 100},
        {"id": 2, "title": "Магазин на Тверской", "active": "Y", "sort": 50},
        {"id": 3, "title": "Закрытый", "active": "N", "sort": 10},
    ]))
    .unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn first_lookup_lists_the_warehouses_and_plans_stock_for_up_to_fifty_of_them() {
    let plan = lookup_plan(&q("турка"), &settings(&[]), None).unwrap();
    assert_eq!(plan.warehouses.as_deref(), Some(WAREHOUSES));
    assert_eq!(
        plan.batch.get(WAREHOUSES).unwrap().method,
        "catalog.store.list"
    );
    assert!(
        plan.batch.fits_one_request(),
        "one HTTP request: {} commands",
        plan.batch.len()
    );
    for name in &plan.stock {
        let filter = &plan.batch.get(name).unwrap().params["filter"];
        assert_eq!(filter["@productId"].as_array().unwrap().len(), 1, "{name}");
        assert!(filter.get("@storeId").is_none(), "all warehouses: {filter}");
    }
    assert_eq!(plan.prices, vec!["price0"]);
}

#[test]
fn once_warehouses_are_known_stock_is_asked_for_the_shown_ones_only() {
    let known = warehouses();
    let plan = lookup_plan(&q("турка"), &settings(&[]), Some(&known)).unwrap();
    assert_eq!(plan.warehouses, None);
    assert!(plan.batch.get(WAREHOUSES).is_none());
    assert_eq!(
        plan.stock,
        vec!["stock0", "stock1"],
        "30 products found at most, 2 warehouses: 25 products a command"
    );
    assert_eq!(
        plan.batch.get("stock0").unwrap().params["filter"]["@storeId"],
        json!([2, 1]),
        "the active warehouses by sort"
    );
    let chosen = lookup_plan(&q("турка"), &settings(&[3, 1, 2]), Some(&known)).unwrap();
    assert_eq!(
        chosen.batch.get("stock0").unwrap().params["filter"]["@storeId"],
        json!([1, 2]),
        "the settings' choice, in its order, without the closed warehouse 3"
    );
}

#[test]
fn without_a_store_catalogue_there_is_nothing_to_send() {
    let none = Settings {
        store_iblock_id: None,
        ..settings(&[])
    };
    assert_eq!(lookup_plan(&q("турка"), &none, None), None);
}

fn product(id: u64, name: &str, xml: &str, article: &str) -> Value {
    json!({"id": id, "iblockId": 2, "name": name, "xmlId": xml, "active": "Y",
        "property105": {"valueId": id, "value": article}})
}

#[test]
fn the_answer_has_warehouse_columns_and_free_stock_per_shown_warehouse() {
    let plan = lookup_plan(&q("KZ-0111"), &settings(&[]), None).unwrap();
    let replies = Fake::default()
        .with(WAREHOUSES, json!({"stores": warehouses()}))
        .with(
            "by_article",
            json!({"products": [product(11, "Турка медная", "guid-11", "KZ-0111")]}),
        )
        .with(
            "stock0",
            json!({"storeProducts": [
                {"productId": 11, "storeId": 1, "amount": 7, "quantityReserved": 2},
                {"productId": 11, "storeId": 3, "amount": 100, "quantityReserved": 0}
            ]}),
        )
        .with(
            "price0",
            json!({"prices": [{"productId": 11, "catalogGroupId": 1, "price": 1450, "currency": "RUB"}]}),
        );
    let answer = lookup_answer(&plan, &replies, &settings(&[]), None).unwrap();
    let titles: Vec<_> = answer
        .columns
        .iter()
        .map(|c| (c.id, c.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        vec![(2, "Магазин на Тверской"), (1, "Основной склад")],
        "active warehouses by sort; the inactive one is not shown"
    );
    let hit = &answer.hits[0];
    assert_eq!(hit.relevance, Relevance::ExactArticle);
    assert_eq!(hit.article.as_deref(), Some("KZ-0111"));
    let free: Vec<_> = hit
        .stock
        .warehouses
        .iter()
        .map(|w| (w.warehouse_id, w.free))
        .collect();
    assert_eq!(free, vec![(2, d("0")), (1, d("5"))]);
    assert_eq!(
        hit.stock.total_free,
        d("5"),
        "the hidden warehouse does not count"
    );
    assert_eq!(hit.price.as_ref().unwrap().price, d("1450"));
    assert!(!answer.capped);
    assert_eq!(answer.warehouses.as_ref().map(Vec::len), Some(3));
}

#[test]
fn known_warehouses_name_the_columns_and_a_vanished_chosen_one_is_dropped() {
    let known = warehouses();
    let plan = lookup_plan(&q("турка"), &settings(&[9, 1]), Some(&known)).unwrap();
    let answer = lookup_answer(&plan, &Fake::default(), &settings(&[9, 1]), Some(&known)).unwrap();
    assert_eq!(
        answer.columns,
        vec![WarehouseColumn {
            id: 1,
            title: "Основной склад".into(),
            active: true,
        }]
    );
    assert!(answer.hits.is_empty(), "nothing found");
    assert_eq!(answer.warehouses, None, "not listed again");
}

#[test]
fn a_failed_stock_command_fails_the_lookup_instead_of_showing_zero() {
    let plan = lookup_plan(&q("турка"), &settings(&[]), None).unwrap();
    let replies = Fake::default()
        .with(WAREHOUSES, json!({"stores": warehouses()}))
        .with(
            "by_name",
            json!({"products": [product(1, "Турка", "g1", "A1")]}),
        )
        .failing(
            "stock0",
            Error::new(ErrorKind::Server, "catalog.storeproduct.list", "boom"),
        );
    let error = lookup_answer(&plan, &replies, &settings(&[]), None).unwrap_err();
    assert_eq!(error.method, "catalog.storeproduct.list");
    let failed_list = Fake::default().failing(
        "by_prefix",
        Error::new(ErrorKind::Network, "batch", "connection refused"),
    );
    assert_eq!(
        lookup_answer(&plan, &failed_list, &settings(&[]), None)
            .unwrap_err()
            .kind,
        ErrorKind::Network
    );
}

#[test]
fn more_matches_than_shown_mark_the_answer_capped() {
    let known = warehouses();
    let plan = lookup_plan(&q("кофе"), &settings(&[]), Some(&known)).unwrap();
    let names = |n: u64| -> Value {
        Value::Array(
            (1..=n)
                .map(|i| product(i, &format!("Кофе {i:02}"), &format!("g{i}"), "-"))
                .collect(),
        )
    };
    let exactly = Fake::default().with("by_prefix", json!({ "products": names(10) }));
    let answer = lookup_answer(&plan, &exactly, &settings(&[]), Some(&known)).unwrap();
    assert_eq!((answer.hits.len(), answer.capped), (10, false));
    let more = Fake::default()
        .with("by_prefix", json!({ "products": names(10) }))
        .with("by_name", json!({ "products": names(11) }));
    let answer = lookup_answer(&plan, &more, &settings(&[]), Some(&known)).unwrap();
    assert_eq!((answer.hits.len(), answer.capped), (10, true));
}

#[test]
fn a_short_stems_other_words_filling_the_first_slots_are_not_said_to_be_nothing() {
    // `серые`: a later word starting with `сер` — twelve earrings "серебряные" sort first, the
    // grey T-shirt is the store's thirteenth: not among those given stock, but there.
    let known = warehouses();
    let plan = lookup_plan(&q("серые"), &settings(&[]), Some(&known)).unwrap();
    let mut earrings: Vec<Value> = (1..=12)
        .map(|i| {
            product(
                i,
                &format!("Серьги серебряные {i:02}"),
                &format!("g{i}"),
                "-",
            )
        })
        .collect();
    let crowded = |earrings: &[Value]| {
        Fake::default().with("by_phrase", json!({ "products": earrings.to_vec() }))
    };
    let answer = lookup_answer(&plan, &crowded(&earrings), &settings(&[]), Some(&known)).unwrap();
    assert_eq!(
        (answer.hits.len(), answer.capped),
        (0, false),
        "truly nothing"
    );
    earrings.push(product(13, "Футболка, серый", "g13", "-"));
    let answer = lookup_answer(&plan, &crowded(&earrings), &settings(&[]), Some(&known)).unwrap();
    assert_eq!(
        (answer.hits.len(), answer.capped),
        (0, true),
        "one beyond the slots"
    );
    // A page full of others: the store may hold more beyond it.
    let page: Vec<Value> = (1..=50)
        .map(|i| {
            product(
                i,
                &format!("Серьги серебряные {i:02}"),
                &format!("g{i}"),
                "-",
            )
        })
        .collect();
    let answer = lookup_answer(&plan, &crowded(&page), &settings(&[]), Some(&known)).unwrap();
    assert_eq!((answer.hits.len(), answer.capped), (0, true), "a full page");
}

#[test]
fn more_codes_matching_than_their_list_shows_mark_the_answer_capped() {
    // Ten XML_IDs start with the query; the code list shows the store's first five.
    let known = warehouses();
    let plan = lookup_plan(&q("art-0123"), &settings(&[]), Some(&known)).unwrap();
    let codes = Value::Array(
        (0..10)
            .map(|i| product(i + 1, &format!("Товар {i}"), &format!("ART-0123{i}"), "-"))
            .collect(),
    );
    let replies = Fake::default().with("by_xml", json!({ "products": codes }));
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    assert_eq!((answer.hits.len(), answer.capped), (5, true));
}

#[test]
fn a_product_whose_code_is_the_query_comes_first_though_longer_codes_fill_the_prefix_list() {
    // `KZ-0111-1` … sort before `KZ-0111` by name: the prefix list's first five are all longer
    // codes, and the product with the very code typed comes from its own command.
    let known = warehouses();
    let plan = lookup_plan(&q("kz-0111"), &settings(&[]), Some(&known)).unwrap();
    let longer = Value::Array(
        (1..=10)
            .map(|i| product(i, &format!("Вариант {i}"), &format!("KZ-0111-{i}"), "-"))
            .collect(),
    );
    let exact = product(99, "Кофе в зёрнах", "KZ-0111", "-");
    let replies = Fake::default()
        .with("by_xml", json!({ "products": longer }))
        .with("by_xml_exact", json!({ "products": [exact] }))
        .with("by_article_exact", json!({ "products": [] }));
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    let first = &answer.hits[0];
    assert_eq!(
        (first.product.id, first.relevance),
        (99, Relevance::ExactXmlId)
    );
    assert!(answer.capped, "the other codes are more than shown");
    // An article equal to the query alike.
    let by_article = product(77, "Чай", "T-77", "KZ-0111");
    let replies = Fake::default()
        .with(
            "by_xml",
            json!({ "products": [product(1, "Вариант", "KZ-0111-1", "-")] }),
        )
        .with("by_article_exact", json!({ "products": [by_article] }));
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    assert_eq!(
        (answer.hits[0].product.id, answer.hits[0].relevance),
        (77, Relevance::ExactArticle)
    );
}

#[test]
fn a_product_found_by_prefix_and_by_substring_has_its_stock_counted_once() {
    let plan = lookup_plan(&q("кофе"), &settings(&[]), None).unwrap();
    let coffee = product(5, "Кофе Бразилия", "g5", "KZ-5");
    let record = json!({"productId": 5, "storeId": 1, "amount": 18, "quantityReserved": 0});
    let replies = Fake::default()
        .with(WAREHOUSES, json!({"stores": warehouses()}))
        .with("by_prefix", json!({"products": [coffee.clone()]}))
        .with("by_name", json!({"products": [coffee]}))
        .with("stock2", json!({"storeProducts": [record.clone()]}))
        .with("stock12", json!({"storeProducts": [record]}));
    let answer = lookup_answer(&plan, &replies, &settings(&[]), None).unwrap();
    assert_eq!(answer.hits.len(), 1);
    assert_eq!(answer.hits[0].stock.total_free, d("18"));
}

#[test]
fn an_answer_says_whether_articles_were_searched() {
    let known = warehouses();
    let with = settings(&[]);
    let plan = lookup_plan(&q("турка"), &with, Some(&known)).unwrap();
    let answer = lookup_answer(&plan, &Fake::default(), &with, Some(&known)).unwrap();
    assert!(answer.by_article);
    let without = Settings {
        article_property: None,
        ..settings(&[])
    };
    let plan = lookup_plan(&q("турка"), &without, Some(&known)).unwrap();
    let answer = lookup_answer(&plan, &Fake::default(), &without, Some(&known)).unwrap();
    assert!(!answer.by_article);
}

#[test]
fn each_result_carries_its_products_unit_and_a_store_without_units_still_answers() {
    let known = warehouses();
    let s = settings(&[]);
    let plan = lookup_plan(&q("сыр"), &s, Some(&known)).unwrap();
    assert_eq!(
        plan.batch.get(MEASURES).unwrap().method,
        "catalog.measure.list"
    );
    let cheese = json!({"id": 5, "iblockId": 2, "name": "Сыр", "measure": 4});
    let milk = json!({"id": 6, "iblockId": 2, "name": "Сыр плавленый", "measure": 5});
    let replies = Fake::default()
        .with("by_name", json!({"products": [cheese, milk]}))
        .with(
            MEASURES,
            json!({"measures": [{"id": 4, "code": 166, "symbol": null}, {"id": 5, "code": 796, "symbol": null}]}),
        );
    let answer = lookup_answer(&plan, &replies, &s, Some(&known)).unwrap();
    let units: Vec<Option<u64>> = answer
        .hits
        .iter()
        .map(|h| h.unit.as_ref().and_then(|u| u.code))
        .collect();
    assert_eq!(units, [Some(166), Some(796)]);
    // The store refused its units: the results stand, without them.
    let refused = Fake::default()
        .with(
            "by_name",
            json!({"products": [{"id": 5, "iblockId": 2, "name": "Сыр", "measure": 4}]}),
        )
        .failing(
            MEASURES,
            Error::new(ErrorKind::Access, "catalog.measure.list", "denied"),
        );
    let answer = lookup_answer(&plan, &refused, &s, Some(&known)).unwrap();
    assert_eq!(answer.hits.len(), 1);
    assert_eq!(answer.hits[0].unit, None);
}

#[test]
fn a_size_found_by_its_own_article_is_answered_with_its_stock() {
    let known = warehouses();
    let with = Settings {
        store_variations_iblock_id: Some(3),
        article_property: None,
        variation_article_property: Some("property121".into()),
        ..settings(&[])
    };
    let plan = lookup_plan(&q("ts-1-xl"), &with, Some(&known)).unwrap();
    assert!(plan.batch.fits_one_request(), "{}", plan.batch.len());
    let size = json!({"id": 7, "iblockId": 3, "name": "Футболка, размер XL", "xmlId": "tee#xl",
        "property121": {"value": "TS-1-XL", "valueId": 5}, "parentId": {"value": "1", "valueId": 6}});
    let record = json!({"id": 1, "productId": 7, "storeId": 1, "amount": 4, "quantityReserved": 1});
    let mut replies =
        Fake::default().with("by_article_exact_variations", json!({"offers": [size]}));
    for name in &plan.stock {
        replies = replies.with(name, json!({"storeProducts": [record.clone()]}));
    }
    let answer = lookup_answer(&plan, &replies, &with, Some(&known)).unwrap();
    assert!(answer.by_article, "the variations' articles were searched");
    let hit = &answer.hits[0];
    assert_eq!(
        (hit.product.id, hit.relevance, hit.article.as_deref()),
        (7, Relevance::ExactArticle, Some("TS-1-XL"))
    );
    assert_eq!(hit.stock.total_free, d("3"));
}

#[test]
fn a_store_refusing_the_variations_lists_fails_the_lookup_but_one_that_cannot_list_them_does_not() {
    let known = warehouses();
    let with = Settings {
        store_variations_iblock_id: Some(3),
        variation_article_property: Some("property999".into()),
        ..settings(&[])
    };
    let plan = lookup_plan(&q("футболка"), &with, Some(&known)).unwrap();
    let products = json!({"products": [product(1, "Футболка", "tee", "TS-1")]});
    // The store refuses a property its catalogue of variations does not have: said, not a
    // product without its sizes.
    let refused = Fake::default().with("by_name", products.clone()).failing(
        "by_name_variations",
        Error::new(
            ErrorKind::BadRequest,
            "catalog.product.offer.list",
            "Unknown field definition `property999`",
        ),
    );
    let error = lookup_answer(&plan, &refused, &with, Some(&known)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::BadRequest);
    // A store whose webhook may not list variations still answers with its products.
    let denied = Fake::default().with("by_name", products).failing(
        "by_name_variations",
        Error::new(ErrorKind::Access, "catalog.product.offer.list", "denied"),
    );
    let answer = lookup_answer(&plan, &denied, &with, Some(&known)).unwrap();
    assert_eq!(answer.hits.len(), 1);
}

#[test]
fn sizes_of_a_product_no_list_found_do_not_make_the_answer_capped() {
    let known = warehouses();
    let with = Settings {
        store_variations_iblock_id: Some(3),
        ..settings(&[])
    };
    let plan = lookup_plan(&q("стул"), &with, Some(&known)).unwrap();
    // One chair; the variations' list, asked for the products found, also brings a sofa's
    // colours (a slot the store could not fill reads as another product).
    let chair = product(5, "Стул Норд", "chair", "CH-1");
    let sofa_colour = json!({"id": 21, "iblockId": 3, "name": "Диван Осло, серый", "xmlId": "sofa#g",
        "parentId": {"value": "1", "valueId": 9}});
    let replies = Fake::default()
        .with("by_prefix", json!({"products": [chair]}))
        .with(BY_PARENT, json!({"offers": [sofa_colour]}));
    let answer = lookup_answer(&plan, &replies, &with, Some(&known)).unwrap();
    assert_eq!(answer.hits.len(), 1);
    assert!(!answer.capped, "one chair found, one shown");
}

#[test]
fn words_the_store_did_not_search_by_keep_only_the_products_holding_every_word() {
    // Five words: the store searches three ("18", "аккумуляторный", "шуруповерт"); "makita"
    // then narrows what it found.
    let known = warehouses();
    let typed = "шуруповерт аккумуляторный makita 18 в";
    let plan = lookup_plan(&q(typed), &settings(&[]), Some(&known)).unwrap();
    let drill = |id: u64, brand: &str| {
        product(
            id,
            &format!("Шуруповёрт аккумуляторный {brand} 18 В"),
            &format!("g{id}"),
            "-",
        )
    };
    let found = json!({"products": [drill(1, "Bosch"), drill(2, "Makita"), drill(3, "DeWALT")]});
    let replies = Fake::default().with("by_name", found);
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    let ids: Vec<u64> = answer.hits.iter().map(|h| h.product.id).collect();
    assert_eq!(ids, vec![2]);
    assert_eq!((answer.every_word, answer.capped), (Some(true), false));
    // None holds every word: what the store found stands, said as found by its words.
    let found = json!({"products": [drill(1, "Bosch"), drill(3, "DeWALT")]});
    let replies = Fake::default().with("by_name", found);
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    assert_eq!(answer.hits.len(), 2);
    assert_eq!(answer.every_word, Some(false));
    // Three words or fewer: the store searched them all.
    let plan = lookup_plan(&q("шуруповерт makita"), &settings(&[]), Some(&known)).unwrap();
    let found = json!({"products": [drill(2, "Makita")]});
    let replies = Fake::default().with("by_name", found);
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    assert_eq!(answer.every_word, None);
}

#[test]
fn prices_the_store_refuses_leave_the_stock_answered_and_say_so() {
    let known = warehouses();
    let plan = lookup_plan(&q("турка"), &settings(&[]), Some(&known)).unwrap();
    let record = json!({"productId": 1, "storeId": 1, "amount": 4, "quantityReserved": 1});
    let refused = Error::new(ErrorKind::Access, "catalog.price.list", "access denied");
    let mut replies = Fake::default()
        .with(
            "by_name",
            json!({"products": [product(1, "Турка", "g1", "A1")]}),
        )
        .with(&plan.stock[0], json!({ "storeProducts": [record] }));
    for name in &plan.prices {
        replies = replies.failing(name, refused.clone());
    }
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    assert_eq!(answer.prices_refused, Some(refused));
    let hit = &answer.hits[0];
    assert_eq!((hit.stock.available, hit.price.is_none()), (d("3"), true));
}

#[test]
fn words_left_out_of_the_first_set_are_asked_as_a_second_and_their_finds_kept() {
    // Five words: the store is asked "12", "аккумуляторный", "шуруповерт" in one list, and
    // "вихрь" (filled up with "12", "аккумуляторный") in another.
    let known = warehouses();
    let typed = "шуруповерт аккумуляторный 12 в вихрь";
    let plan = lookup_plan(&q(typed), &settings(&[]), Some(&known)).unwrap();
    assert_eq!(
        plan.batch.get("by_phrase").unwrap().params["filter"],
        json!({"iblockId": 2, "%name": "12", "=%name": "%аккумуляторный%", "%=name": "%вихрь%"})
    );
    let drill = |id: u64, brand: &str| {
        product(
            id,
            &format!("Шуруповёрт аккумуляторный {brand} 12 В"),
            &format!("g{id}"),
            "-",
        )
    };
    let first: Vec<Value> = (1..=10).map(|i| drill(i, &format!("Bosch {i}"))).collect();
    let replies = Fake::default()
        .with("by_name", json!({ "products": first }))
        .with("by_phrase", json!({"products": [drill(20, "Вихрь")]}));
    let answer = lookup_answer(&plan, &replies, &settings(&[]), Some(&known)).unwrap();
    let ids: Vec<u64> = answer.hits.iter().map(|h| h.product.id).collect();
    assert_eq!(ids, vec![20]);
    assert_eq!(answer.every_word, Some(true));
}
