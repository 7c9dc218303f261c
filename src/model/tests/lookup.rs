use serde_json::json;

use bitrix_rest::models::catalog::Price;

use crate::model::call::Batch;
use crate::model::catalog_query::{price_commands, products_per_stock_command, stock_commands};
use crate::model::lookup::{
    LookupHit, LookupQuery, LookupResults, LookupScope, MAX_RESULTS, Relevance, found_count,
    lookup_batch, lookup_hits, matches_as_typed, name_filter,
};

use super::fixtures::{d, from, product, stock};

/// What the lookup shows for `typed` when the store's list of names holds `names`.
fn by_names(typed: &str, names: &[bitrix_rest::models::catalog::Product]) -> Vec<LookupHit> {
    let results = LookupResults {
        lists: [&[], &[], &[], names, &[], &[]],
        ..Default::default()
    };
    lookup_hits(&q(typed), results, scope(), &[1])
}

/// The IDs, in order, of the products among `names` that a search for `typed` keeps.
fn found_ids(typed: &str, names: &[bitrix_rest::models::catalog::Product]) -> Vec<u64> {
    let mut ids: Vec<u64> = by_names(typed, names)
        .iter()
        .map(|h| h.product.id)
        .collect();
    ids.sort_unstable();
    ids
}

fn scope() -> LookupScope<'static> {
    LookupScope {
        iblock_id: 23,
        variations_iblock_id: None,
        article_property: Some("property101"),
        variation_article_property: None,
        warehouses: &[],
        warehouse_count: 3,
        price_type: 1,
    }
}

fn q(s: &str) -> LookupQuery {
    LookupQuery::parse(s).unwrap()
}

#[test]
fn queries_are_trimmed_collapsed_and_need_two_characters() {
    assert_eq!(q("  чай   ник ").as_str(), "чай ник");
    assert_eq!(q("ёж").as_str(), "ёж", "two Cyrillic characters are enough");
    assert_eq!(LookupQuery::parse(" я "), None);
    assert_eq!(LookupQuery::parse(""), None);
    // Pasted: a zero-width space and an en dash in an article.
    assert_eq!(q("\u{200B}SR\u{2013}0111").as_str(), "SR-0111");
    assert_eq!(LookupQuery::parse("\u{200B}я\u{00A0}"), None);
}

#[test]
fn a_code_holding_like_wildcards_is_asked_as_typed() {
    // `P_357` as a LIKE prefix would also find `P1357`, `P2357` … which could take every slot.
    let b = lookup_batch(&q("P_357"), scope());
    let filter = |name: &str| b.get(name).unwrap().params["filter"].clone();
    assert_eq!(filter("by_xml"), json!({"iblockId": 23, "xmlId": "P_357"}));
    assert_eq!(
        filter("by_article"),
        json!({"iblockId": 23, "property101": "P_357"})
    );
    let b = lookup_batch(&q("100%"), scope());
    assert_eq!(
        b.get("by_xml").unwrap().params["filter"],
        json!({"iblockId": 23, "xmlId": "100%"})
    );
}

#[test]
fn the_lookup_is_one_batch_with_iblock_in_every_product_filter() {
    let b = lookup_batch(&q("чайник"), scope());
    assert!(b.fits_one_request());
    assert_eq!(
        &b.names()[..6],
        &[
            "by_xml_exact",
            "by_xml",
            "by_article_exact",
            "by_article",
            "by_prefix",
            "by_name"
        ]
    );
    let filters: Vec<_> = b.names()[..6]
        .iter()
        .map(|n| b.get(n).unwrap().params["filter"].clone())
        .collect();
    assert_eq!(filters[0], json!({"iblockId": 23, "=xmlId": "чайник"}));
    assert_eq!(filters[1], json!({"iblockId": 23, "=%xmlId": "чайник%"}));
    assert_eq!(
        filters[2],
        json!({"iblockId": 23, "=property101": "чайник"})
    );
    assert_eq!(
        filters[3],
        json!({"iblockId": 23, "=%property101": "чайник%"})
    );
    assert_eq!(filters[4], json!({"iblockId": 23, "=%name": "чайник%"}));
    assert_eq!(filters[5], json!({"iblockId": 23, "%name": "чайник"}));
    let select = b.get("by_name").unwrap().params["select"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        select.contains(&json!("id"))
            && select.contains(&json!("iblockId"))
            && select.contains(&json!("property101"))
    );
}

#[test]
fn a_catalogue_with_variations_searches_them_alike_in_the_same_request() {
    let with_variations = LookupScope {
        variations_iblock_id: Some(24),
        ..scope()
    };
    let b = lookup_batch(&q("футболка белая"), with_variations);
    assert!(b.fits_one_request(), "{:?}", b.names());
    for (list, filter) in [
        (
            "by_xml",
            json!({"iblockId": 24, "=%xmlId": "футболка белая%"}),
        ),
        // `белая` may be `белый` there: the words by their stems, the short one at the
        // name's start (`Белая футболка`) …
        (
            "by_prefix",
            json!({"iblockId": 24, "=%name": "%футболк%", "%=name": "бел%"}),
        ),
        // … and at a later word's start.
        (
            "by_phrase",
            json!({"iblockId": 24, "=%name": "%футболк%", "%=name": "% бел%"}),
        ),
    ] {
        let call = b.get(&format!("{list}_variations")).expect(list);
        assert_eq!(call.method, "catalog.product.offer.list");
        assert_eq!(call.params["filter"], filter, "{list}");
        assert_eq!(call.params["start"], json!(-1));
    }
    assert!(
        b.get("by_article_variations").is_none(),
        "a variation's article is a property of its own catalogue, not configured here"
    );
    let stock = b.get("stock0").unwrap().params.to_string();
    assert!(
        stock.contains("$result[by_xml_variations][offers][0][id]"),
        "{stock}"
    );
}

#[test]
fn the_lookups_product_lists_skip_counting() {
    let b = lookup_batch(&q("чайник"), scope());
    for name in ["by_xml", "by_article", "by_prefix", "by_name"] {
        assert_eq!(b.get(name).unwrap().params["start"], json!(-1), "{name}");
    }
}

#[test]
fn stock_and_prices_of_the_found_products_come_in_the_same_batch() {
    let b = lookup_batch(&q("чайник"), scope());
    let stock_ids: Vec<_> = b
        .commands
        .iter()
        .filter(|c| c.call.method == "catalog.storeproduct.list")
        .flat_map(|c| {
            c.call.params["filter"]["@productId"]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(stock_ids.len(), 2 + 5 + 2 + 5 + MAX_RESULTS + MAX_RESULTS);
    assert_eq!(stock_ids[0], "$result[by_xml_exact][products][0][id]");
    assert_eq!(stock_ids[2], "$result[by_xml][products][0][id]");
    assert_eq!(stock_ids[14], "$result[by_prefix][products][0][id]");
    let per_command = products_per_stock_command(3);
    assert!(
        b.commands
            .iter()
            .filter(|c| c.call.method == "catalog.storeproduct.list")
            .all(|c| c.call.params["filter"]["@productId"]
                .as_array()
                .unwrap()
                .len()
                <= per_command)
    );
    let price = b.get("price0").unwrap();
    assert_eq!(price.method, "catalog.price.list");
    assert_eq!(price.params["filter"]["catalogGroupId"], 1);
}

#[test]
fn without_an_article_property_there_is_no_article_search() {
    let b = lookup_batch(
        &q("чайник"),
        LookupScope {
            article_property: None,
            ..scope()
        },
    );
    assert!(b.get("by_article").is_none());
}

#[test]
fn stock_commands_never_need_a_second_page() {
    let ids: Vec<_> = (1..=40).map(|i| json!(i)).collect();
    let mut b = Batch::new();
    let names = stock_commands(&mut b, "stock", &ids, &[], 4);
    assert_eq!(
        names,
        vec!["stock0", "stock1", "stock2", "stock3"],
        "12 products × 4 warehouses ≤ 50 records"
    );
    let mut shown = Batch::new();
    stock_commands(&mut shown, "s", &ids, &[2, 5], 9);
    assert_eq!(
        shown.len(),
        2,
        "two shown warehouses: 25 products a command"
    );
    assert_eq!(
        shown.get("s0").unwrap().params["filter"]["@storeId"],
        json!([2, 5])
    );
    let mut many = Batch::new();
    stock_commands(&mut many, "s", &ids[..3], &[], 80);
    assert_eq!(
        many.len(),
        3,
        "more than 50 warehouses: one product a command"
    );
    let mut prices = Batch::new();
    assert_eq!(price_commands(&mut prices, "p", &ids, 2).len(), 1);
}

fn price(product_id: u64, group: u64, value: &str) -> Price {
    from(
        json!({"productId": product_id, "catalogGroupId": group, "price": value, "currency": "RUB"}),
    )
}

#[test]
fn results_are_merged_deduplicated_and_ranked_exact_first() {
    let art = |v: &str| json!({"property101": {"valueId": 1, "value": v}});
    let kettle_xml = product(1, "Чайник Bosch", Some("ЧАЙ-1"), art("A-1"));
    let by_article = product(2, "Плита", Some("X"), art("чай-1"));
    let prefix_b = product(3, "чайник стеклянный", None, json!({}));
    let prefix_a = product(4, "Чайник Ёлка", None, json!({}));
    let contains = product(5, "Набор: чайник и чашки", None, json!({}));
    let query = q("чай-1");
    let results = LookupResults {
        lists: [
            &[product(1, "Чайник Bosch", Some("чай-1"), art("A-1"))],
            std::slice::from_ref(&by_article),
            &[],
            &[contains.clone(), kettle_xml.clone()],
            &[],
            &[],
        ],
        stock: &[],
        prices: &[],
    };
    let hits = lookup_hits(&query, results, scope(), &[1]);
    let ranked: Vec<_> = hits.iter().map(|h| (h.product.id, h.relevance)).collect();
    assert_eq!(
        ranked,
        vec![
            (1, Relevance::ExactXmlId),
            (2, Relevance::ExactArticle),
            (5, Relevance::NameContains)
        ]
    );
    assert_eq!(hits[1].article.as_deref(), Some("чай-1"));

    let query = q("чайник");
    let results = LookupResults {
        lists: [
            &[],
            &[],
            &[prefix_b.clone(), prefix_a.clone()],
            &[contains.clone(), prefix_a.clone()],
            &[],
            &[],
        ],
        ..Default::default()
    };
    let ranked: Vec<_> = lookup_hits(&query, results, scope(), &[])
        .iter()
        .map(|h| (h.product.id, h.relevance))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (4, Relevance::NamePrefix),
            (3, Relevance::NamePrefix),
            (5, Relevance::NameContains)
        ],
        "by name: «ёлка» reads «елка», before «стеклянный»"
    );
}

#[test]
fn results_carry_stock_per_warehouse_and_the_price_and_are_capped() {
    let list: Vec<_> = (1..=15)
        .map(|i| product(i, &format!("Чайник {i:02}"), None, json!({})))
        .collect();
    let records = vec![
        stock(1, 1, "5", "1"),
        stock(1, 2, "2", "0"),
        stock(1, 3, "9", "0"),
    ];
    let prices = vec![price(1, 2, "999"), price(1, 1, "1176.00")];
    let results = LookupResults {
        lists: [&[], &[], &list, &[], &[], &[]],
        stock: &records,
        prices: &prices,
    };
    let hits = lookup_hits(&q("чайник"), results, scope(), &[1, 2]);
    assert_eq!(hits.len(), MAX_RESULTS);
    let first = &hits[0];
    assert_eq!(first.product.id, 1);
    assert_eq!(
        first
            .stock
            .warehouses
            .iter()
            .map(|w| w.free)
            .collect::<Vec<_>>(),
        vec![d("4"), d("2")]
    );
    assert_eq!(first.stock.total_free, d("6"));
    assert_eq!(first.price.as_ref().unwrap().price, d("1176"));
    assert!(hits[1].price.is_none());
    assert_eq!(hits[1].stock.total_free, d("0"));
}

#[test]
fn several_words_are_each_a_substring_of_the_name_in_any_order() {
    assert_eq!(name_filter("чайник"), json!({"%name": "чайник"}));
    assert_eq!(
        name_filter("арабика кофе"),
        json!({"%name": "арабика", "=%name": "%кофе%"})
    );
    // Words holding a digit first (a size, a number), then the longest; ties keep the typed
    // order.
    assert_eq!(
        name_filter("чай с бергамотом листовой 100"),
        json!({"%name": "100", "=%name": "%бергамотом%", "%=name": "%листовой%"})
    );
    // A pack's count (or a number's sign) with anything between: `№ 7` too.
    assert_eq!(
        name_filter("сироп карамель солёная 250 №7"),
        json!({"%name": "250", "=%name": "%№%7%", "%=name": "%карамель%"})
    );
    let b = lookup_batch(&q("Арабика кофе"), scope());
    assert_eq!(
        b.get("by_name").unwrap().params["filter"],
        json!({"iblockId": 23, "%name": "Арабика", "=%name": "%кофе%"})
    );
}

#[test]
fn a_size_is_found_however_its_decimal_and_times_signs_are_written() {
    // The times sign is asked as LIKE's "any one character", under a key that reads
    // wildcards; the other words as before.
    assert_eq!(
        name_filter("саморез 4,2x75"),
        json!({"=%name": "%4,2_75%", "%name": "саморез"})
    );
    assert_eq!(name_filter("4.2х75"), json!({"=%name": "%4.2_75%"}));
    assert_eq!(
        name_filter("болт m8x40 din 933"),
        json!({"=%name": "%m8_40%", "%name": "933", "%=name": "%болт%"})
    );
    // A decimal mark is no times sign: `2,5` does not find `12×50`.
    assert_eq!(
        name_filter("хомут 2,5"),
        json!({"%name": "2,5", "=%name": "%хомут%"})
    );
    // Marks not between digits, and a query holding wildcards of its own, stay as typed.
    assert_eq!(name_filter("x.5"), json!({"%name": "x.5"}));
    assert_eq!(name_filter("4,2_75"), json!({"%name": "4,2_75"}));
    let b = lookup_batch(&q("саморез 4.2x75"), scope());
    assert_eq!(
        b.get("by_prefix").unwrap().params["filter"]["=%name"],
        json!("саморез 4.2_75%")
    );
    // The other decimal mark, and a size's look-alike letters in the other alphabet, are asked
    // word by word in a list of their own (the store's LIKE has no "either").
    let other = |typed: &str| {
        lookup_batch(&q(typed), scope())
            .get("by_phrase")
            .map(|c| c.params["filter"].clone())
    };
    assert_eq!(
        other("саморез 4.2x75"),
        Some(json!({"iblockId": 23, "=%name": "%4,2_75%", "%name": "саморез"}))
    );
    assert_eq!(
        other("болт м8х40"),
        Some(json!({"iblockId": 23, "=%name": "%m8_40%", "%name": "болт"}))
    );
    assert_eq!(other("M12"), Some(json!({"iblockId": 23, "%name": "М12"})));
    assert_eq!(other("2.5"), Some(json!({"iblockId": 23, "%name": "2,5"})));
    // A word whose letters are not all look-alikes is its own (`200мг`); one word without
    // another spelling has no such list.
    assert_eq!(other("кран"), None);
    assert_eq!(
        other("нурофен 200мг"),
        Some(json!({"iblockId": 23, "%name": "нурофен 200мг"})),
        "several words: the phrase"
    );
    // What the store finds is kept and ranked with the sizes read alike.
    // The store's matches are checked with the look-alikes read alike.
    let bolts = [
        product(4, "Болт DIN 933 M8x40", None, json!({})),
        product(5, "Болт М8х40 DIN933", None, json!({})),
        product(6, "Болт DIN 933 M12x80 (18 40)", None, json!({})),
    ];
    let hits = by_names("болт м8х40", &bolts);
    let ids: Vec<u64> = hits.iter().map(|h| h.product.id).collect();
    assert_eq!(ids, vec![5, 4]);
    let screws = [
        product(1, "Саморез по дереву 4,2х75 чёрный", None, json!({})),
        product(2, "Саморез 4.2×75 оцинк.", None, json!({})),
        product(3, "Саморез 4,2*75", None, json!({})),
    ];
    for typed in ["саморез 4.2x75", "4,2х75"] {
        let hits = by_names(typed, &screws);
        let ids: Vec<u64> = hits.iter().map(|h| h.product.id).collect();
        assert_eq!(ids.len(), 3, "{typed}: {ids:?}");
    }
    let hits = by_names("саморез 4.2x75", &screws);
    let ranks: Vec<(u64, Relevance)> = hits.iter().map(|h| (h.product.id, h.relevance)).collect();
    assert_eq!(
        ranks,
        vec![
            (3, Relevance::NamePrefix),
            (2, Relevance::NamePrefix),
            (1, Relevance::NameWords)
        ]
    );
}

#[test]
fn a_size_dictated_with_spaces_around_its_sign_is_one_word() {
    assert_eq!(q("саморез 4.2 x 75").as_str(), "саморез 4.2x75");
    assert_eq!(q("болт M8 х 40 din").as_str(), "болт M8х40 din");
    assert_eq!(q("4,2 × 75 × 3").as_str(), "4,2×75×3");
    // Not between numbers: a word like any other.
    assert_eq!(q("x 5").as_str(), "x 5");
    assert_eq!(q("труба x ПП").as_str(), "труба x ПП");
}

#[test]
fn a_number_and_its_unit_typed_together_find_them_written_apart() {
    assert_eq!(
        name_filter("нурофен 200мг"),
        json!({"=%name": "%200%мг%", "%name": "нурофен"})
    );
    assert_eq!(name_filter("омега3"), json!({"=%name": "%омега%3%"}));
    // One letter beside a number is asked as typed (`d3`, a vitamin, not "d…3").
    assert_eq!(name_filter("d3"), json!({"%name": "d3"}));
    // A hyphen typed is the product's own (`омега-3`), a code's too.
    assert_eq!(name_filter("омега-3"), json!({"%name": "омега-3"}));
    let drugs = [
        product(1, "Нурофен 200 мг №10", None, json!({})),
        product(2, "Нурофен 200мг таблетки", None, json!({})),
        product(3, "Нурофен детский 200 таблеток по 5 мг", None, json!({})),
    ];
    assert_eq!(
        found_ids("нурофен 200мг", &drugs),
        vec![1, 2],
        "not 200 tablets of 5 mg"
    );
}

#[test]
fn a_number_typed_alone_ranks_the_names_holding_it_whole_first() {
    let drills = [
        product(1, "Сверло 1,5 мм", None, json!({})),
        product(2, "Сверло 25 мм", None, json!({})),
        product(3, "Сверло по бетону 5х110", None, json!({})),
        product(4, "Сверло 5 мм", None, json!({})),
        product(5, "Сверло 5,5 мм", None, json!({})),
    ];
    let hits = by_names("сверло 5", &drills);
    let ids: Vec<u64> = hits.iter().map(|h| h.product.id).collect();
    assert_eq!(ids, vec![4, 5, 3, 1, 2]);
}

#[test]
fn a_name_starting_with_a_word_typed_ranks_before_one_holding_it_further_on() {
    let drugs = [
        product(
            1,
            "Некст ибупрофен+парацетамол 200+500 мг №10",
            None,
            json!({}),
        ),
        product(2, "Парацетамол таблетки 500 мг №20", None, json!({})),
    ];
    let hits = by_names("парацетамол 500", &drugs);
    let ids: Vec<u64> = hits.iter().map(|h| h.product.id).collect();
    assert_eq!(ids, vec![2, 1]);
}

#[test]
fn a_short_query_does_not_find_products_by_the_start_of_their_1c_guid() {
    let guid = |start: &str| format!("{start}0a9c2-1111-2222-3333-444455556666");
    let aspirin = product(1, "Аспирин", Some(&guid("d3f")), json!({}));
    let vitamin = product(2, "Витамин D3 2000 МЕ", Some(&guid("a1b")), json!({}));
    let coded = product(3, "Мазь", Some("D3-KIT"), json!({}));
    let results = LookupResults {
        lists: [
            &[aspirin.clone(), coded.clone()],
            &[],
            &[],
            std::slice::from_ref(&vitamin),
            &[],
            &[],
        ],
        ..Default::default()
    };
    let ids: Vec<u64> = lookup_hits(&q("d3"), results, scope(), &[1])
        .iter()
        .map(|h| h.product.id)
        .collect();
    assert_eq!(ids, vec![3, 2], "a code that is no GUID still counts");
    assert_eq!(found_count(&q("d3"), &results, &scope()), 2);
    // Four characters and more: a GUID's start is what the rep typed.
    let results = LookupResults {
        lists: [std::slice::from_ref(&aspirin), &[], &[], &[], &[], &[]],
        ..Default::default()
    };
    let ids: Vec<u64> = lookup_hits(&q("d3f0"), results, scope(), &[1])
        .iter()
        .map(|h| h.product.id)
        .collect();
    assert_eq!(ids, vec![1]);
}

#[test]
fn accented_names_read_as_typed_without_accents() {
    let cream = product(1, "Avène Cicalfate+ крем 40 мл", None, json!({}));
    let hits = by_names("avene cicalfate крем 40 мл", std::slice::from_ref(&cream));
    assert_eq!(hits.len(), 1, "every word held, read without accents");
    let hits = by_names("avene", std::slice::from_ref(&cream));
    assert_eq!(hits[0].relevance, Relevance::NamePrefix);
}

#[test]
fn codes_match_ignoring_case_and_a_code_prefix_ranks_above_names() {
    let art = |v: &str| json!({"property101": {"valueId": 1, "value": v}});
    let exact = product(1, "Кофе Бразилия", Some("KF-1"), art("KF-001"));
    let by_code = product(2, "Кофе Колумбия", Some("kf-12"), json!({}));
    let by_article = product(3, "Турка", Some("t-9"), art("KF-0099"));
    let by_name = product(4, "kf-1 фильтры (набор)", None, json!({}));
    let query = q("kf-1");
    let results = LookupResults {
        lists: [
            &[exact.clone(), by_code.clone()],
            std::slice::from_ref(&by_article),
            std::slice::from_ref(&by_name),
            &[],
            &[],
            &[],
        ],
        ..Default::default()
    };
    let ranked: Vec<_> = lookup_hits(&query, results, scope(), &[])
        .iter()
        .map(|h| (h.product.id, h.relevance))
        .collect();
    // `KF-0099` is listed by the store's LIKE for `kf-0`, not `kf-1`: it ranks by its name.
    assert_eq!(
        ranked,
        vec![
            (1, Relevance::ExactXmlId),
            (2, Relevance::CodePrefix),
            (4, Relevance::NamePrefix),
            (3, Relevance::NameContains),
        ]
    );
    let by_article_exact = lookup_hits(
        &q("kf-0099"),
        LookupResults {
            lists: [&[], std::slice::from_ref(&by_article), &[], &[], &[], &[]],
            ..Default::default()
        },
        scope(),
        &[],
    );
    assert_eq!(by_article_exact[0].relevance, Relevance::ExactArticle);
}

#[test]
fn percent_and_underscore_in_a_query_are_taken_as_typed_not_as_wildcards() {
    let art = |v: &str| json!({"property101": {"valueId": 1, "value": v}});
    // The store's LIKE reads `tea_` as "tea and any character": it lists all three.
    let typed = product(1, "Чай с регистром", Some("x1"), art("TEA_1%"));
    let spaced = product(2, "Чай с пробелами", Some("x2"), art("TEA 2"));
    let named = product(3, "Набор tea_time", None, json!({}));
    let listed = [typed.clone(), spaced.clone(), named.clone()];
    let results = || LookupResults {
        lists: [&[], &listed, &[], &listed, &[], &[]],
        ..Default::default()
    };
    let found: Vec<u64> = lookup_hits(&q("tea_"), results(), scope(), &[])
        .iter()
        .map(|h| h.product.id)
        .collect();
    assert_eq!(found, vec![1, 3], "the article TEA_1%, the name tea_time");
    assert!(lookup_hits(&q("%_%"), results(), scope(), &[]).is_empty());
    assert!(!matches_as_typed(&q("tea_"), &spaced, &scope()));
    // Without those characters the store's answer stands (its collation folds more).
    assert!(matches_as_typed(&q("чаи"), &spaced, &scope()));
}

/// The names `query` shows when the store's name-prefix list holds `names`, in this order.
fn names_shown(query: &str, names: &[impl AsRef<str>]) -> Vec<String> {
    let products: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| product(i as u64 + 1, n.as_ref(), None, json!({})))
        .collect();
    let results = LookupResults {
        lists: [&[], &[], &products, &[], &[], &[]],
        ..Default::default()
    };
    lookup_hits(&q(query), results, scope(), &[])
        .iter()
        .map(|h| h.product.name.clone())
        .collect()
}

#[test]
fn names_within_a_rank_sort_their_numbers_by_value() {
    let names = [
        "Кофемолка Gold №10",
        "кофемолка Gold №2",
        "Кофемолка Gold №1",
        "Кофемолка",
    ];
    let order = names_shown("кофемолка", &names);
    assert_eq!(
        order,
        [
            "Кофемолка",
            "Кофемолка Gold №1",
            "кофемолка Gold №2",
            "Кофемолка Gold №10"
        ]
    );
}

#[test]
fn a_list_the_store_cut_short_keeps_its_text_order_so_no_number_seems_missing() {
    // The store listed 12 names starting "Кофе №" in its text order; the first 10 are shown.
    let mut names: Vec<String> = (1..=12).map(|n| format!("Кофе №{n}")).collect();
    names.sort();
    let shown = names_shown("кофе", &names);
    // №1, №10, №11, №12, №2, … №7: a run in the store's order, not №1–№7 then №10–№12
    // with №8 and №9 seemingly missing.
    assert_eq!(shown, names[..10]);
}

#[test]
fn only_products_whose_stock_and_price_were_asked_for_are_shown() {
    // The store lists by name as text: "№10".."№19" before "№2"; the batch asked stock and
    // prices for its first ten entries only.
    let names: Vec<String> = (10..=19)
        .chain(2..=9)
        .map(|n| format!("Серия №{n}"))
        .collect();
    let list: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| product(i as u64 + 1, n, None, json!({})))
        .collect();
    let records: Vec<_> = (1..=10).map(|id| stock(id, 1, "7", "0")).collect();
    let prices: Vec<_> = (1..=10).map(|id| price(id, 1, "100")).collect();
    let results = LookupResults {
        lists: [&[], &[], &[], &list, &[], &[]],
        stock: &records,
        prices: &prices,
    };
    let hits = lookup_hits(&q("серия"), results, scope(), &[1]);
    assert_eq!(hits.len(), MAX_RESULTS);
    for hit in &hits {
        assert!(
            hit.product.id <= 10,
            "{} was not asked for",
            hit.product.name
        );
        assert_eq!(hit.stock.total_free, d("7"), "{}", hit.product.name);
        assert!(hit.price.is_some(), "{}", hit.product.name);
    }
    assert_eq!(
        hits[0].product.name, "Серия №10",
        "ranked among the asked ones"
    );
}

#[test]
fn several_words_as_typed_rank_above_the_same_words_apart_and_are_asked_for() {
    let batch = lookup_batch(&q("серия 10"), scope());
    assert_eq!(
        batch.get("by_phrase").unwrap().params["filter"]["%name"],
        "серия 10"
    );
    assert!(
        lookup_batch(&q("серия"), scope())
            .get("by_phrase")
            .is_none(),
        "one word: by_name is that search already"
    );
    let apart = product(100, "Товар 100: шуруповёрт серия 3", None, json!({}));
    let typed = product(44, "Товар 44: перфоратор серия 10", None, json!({}));
    let records = vec![stock(100, 1, "5", "0"), stock(44, 1, "7", "0")];
    let results = LookupResults {
        lists: [
            &[],
            &[],
            &[],
            std::slice::from_ref(&apart),
            std::slice::from_ref(&typed),
            &[],
        ],
        stock: &records,
        prices: &[],
    };
    let ranked: Vec<_> = lookup_hits(&q("серия 10"), results, scope(), &[1])
        .iter()
        .map(|h| (h.product.id, h.relevance, h.stock.total_free))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (44, Relevance::NameContains, d("7")),
            (100, Relevance::NameWords, d("5"))
        ]
    );
}

#[test]
fn names_holding_every_word_typed_rank_first_though_the_store_was_asked_three() {
    // The store checked "100", "дарджилинг" and "gold"; "чай" is not sent.
    let query = q("чай Дарджилинг Gold 100");
    let batch = lookup_batch(&query, scope());
    assert!(
        !batch.get("by_name").unwrap().params["filter"]
            .to_string()
            .contains("чай"),
        "a filter holds three words"
    );
    let tin = product(7, "Кофе Дарджилинг Gold, 100 г", None, json!({}));
    let pack = product(9, "Чай Дарджилинг Gold, 100 г", None, json!({}));
    let listed = [tin.clone(), pack.clone()];
    let results = LookupResults {
        lists: [&[], &[], &[], &listed, &[], &[]],
        stock: &[],
        prices: &[],
    };
    let ranked: Vec<u64> = lookup_hits(&query, results, scope(), &[1])
        .iter()
        .map(|h| h.product.id)
        .collect();
    assert_eq!(
        ranked,
        vec![9, 7],
        "the 100 g pack first (25 g sorts first by name), the tin still listed"
    );
}

#[test]
fn the_variations_of_the_products_found_come_in_the_same_batch_with_their_stock() {
    let with_variations = LookupScope {
        variations_iblock_id: Some(24),
        ..scope()
    };
    let b = lookup_batch(&q("TS-1"), with_variations);
    assert!(b.fits_one_request());
    let by_parent = b
        .get("by_parent")
        .expect("the variations of what was found");
    assert_eq!(by_parent.method, "catalog.product.offer.list");
    let parents = by_parent.params["filter"]["parentId"].as_array().unwrap();
    // Every product list's slots (not its variations'), exact ones included.
    assert!(parents.contains(&json!("$result[by_article_exact][products][0][id]")));
    assert!(
        by_parent.params["select"]
            .as_array()
            .unwrap()
            .contains(&json!("parentId"))
    );
    assert!(parents.contains(&json!("$result[by_article][products][4][id]")));
    assert!(parents.contains(&json!("$result[by_name][products][9][id]")));
    assert!(
        !parents
            .iter()
            .any(|p| p.as_str().unwrap().contains("_variations"))
    );
    let sent = serde_json::to_string(&b.commands).unwrap();
    assert!(sent.contains("$result[by_parent][offers][9][id]"), "{sent}");
    assert!(
        lookup_batch(&q("TS-1"), scope()).get("by_parent").is_none(),
        "no catalogue of variations, nothing to ask"
    );

    // A parent found by its article (no stock of its own) brings its sizes with theirs.
    let parent = product(
        1,
        "Футболка",
        Some("tee"),
        json!({"property101": {"value": "TS-1"}}),
    );
    let size_m = product(
        3,
        "Футболка, размер M",
        Some("tee#m"),
        json!({"parentId": {"value": "1", "valueId": "35"}}),
    );
    // A variation of a product no list found (what a slot past its list's end may bring).
    let stray = product(
        9,
        "Кружка, синяя",
        Some("mug#b"),
        json!({"parentId": {"value": "8", "valueId": "36"}}),
    );
    let listed_variations = [size_m.clone(), stray];
    let records = vec![stock(3, 1, "7", "0")];
    let hits: Vec<_> = lookup_hits(
        &q("TS-1"),
        LookupResults {
            lists: [
                &[],
                std::slice::from_ref(&parent),
                &[],
                &[],
                &[],
                &listed_variations,
            ],
            stock: &records,
            prices: &[],
        },
        with_variations,
        &[1],
    )
    .iter()
    .map(|h| (h.product.id, h.stock.total_free, h.in_sizes, h.size_of))
    .collect();
    // The size under its product, which shows their stock together, not a zero of its own.
    assert_eq!(
        hits,
        vec![(1, d("7"), true, None), (3, d("7"), false, Some(1))]
    );
}

#[test]
fn sizes_are_listed_under_their_product_which_sums_their_stock() {
    let with_variations = LookupScope {
        variations_iblock_id: Some(24),
        ..scope()
    };
    let size = |id: u64, name: &str, parent: u64| {
        product(
            id,
            name,
            Some(&format!("s{id}")),
            json!({"parentId": {"value": parent.to_string()}}),
        )
    };
    let gloves = product(1, "Перчатки", Some("gloves"), json!({}));
    let boots = product(
        2,
        "Перчатки-краги",
        Some("boots"),
        json!({"property101": {"value": "B"}}),
    );
    // The store lists the sizes before their product.
    let names = [
        size(11, "Перчатки L", 1),
        size(12, "Перчатки M", 1),
        gloves.clone(),
        boots,
    ];
    let records = vec![
        stock(11, 1, "5", "0"),
        stock(12, 1, "30", "1"),
        stock(12, 2, "10", "10"),
        stock(2, 1, "4", "0"),
    ];
    let hits = lookup_hits(
        &q("перчатки"),
        LookupResults {
            lists: [&[], &[], &[], &names, &[], &[]],
            stock: &records,
            prices: &[],
        },
        with_variations,
        &[1, 2],
    );
    let shown: Vec<_> = hits
        .iter()
        .map(|h| (h.product.id, h.size_of, h.stock.total_free))
        .collect();
    assert_eq!(
        shown,
        vec![
            (1, None, d("34")),
            (11, Some(1), d("5")),
            (12, Some(1), d("29")),
            (2, None, d("4")),
        ]
    );
    assert!(hits[0].in_sizes && !hits[3].in_sizes);
    // Per warehouse too.
    let per_warehouse: Vec<_> = hits[0].stock.warehouses.iter().map(|w| w.free).collect();
    assert_eq!(per_warehouse, vec![d("34"), d("0")]);
}

#[test]
fn a_code_typed_with_look_alike_letters_of_the_other_alphabet_is_found_exactly() {
    use crate::model::lookup::code_spellings;
    // `КМ` in Cyrillic, as a Russian keyboard types what reads `KM`.
    assert_eq!(
        code_spellings("КМ-0111"),
        ["КМ-0111", "KM-0111"],
        "Latin look-alikes; nothing left to make Cyrillic"
    );
    assert_eq!(code_spellings("km-0111"), ["km-0111", "км-0111"]);
    assert_eq!(code_spellings("Кофе"), ["Кофе"], "a word, not a code");
    assert_eq!(code_spellings("0111"), ["0111"]);
    // Each spelling is asked without its separators too.
    let b = lookup_batch(&q("КМ-0111"), scope());
    assert_eq!(
        b.get("by_xml_exact").unwrap().params["filter"]["=xmlId"],
        json!(["КМ-0111", "KM-0111", "КМ0111", "KM0111"])
    );
    assert_eq!(
        b.get("by_article_exact").unwrap().params["filter"]["=property101"],
        json!(["КМ-0111", "KM-0111", "КМ0111", "KM0111"])
    );
    // The product whose article is the Latin spelling ranks as the exact article.
    let latin = product(
        7,
        "Кофемолка",
        Some("grinder"),
        json!({"property101": {"value": "KM-0111"}}),
    );
    let hits = lookup_hits(
        &q("КМ-0111"),
        LookupResults {
            lists: [&[], std::slice::from_ref(&latin), &[], &[], &[], &[]],
            ..Default::default()
        },
        scope(),
        &[1],
    );
    assert_eq!(hits[0].relevance, Relevance::ExactArticle);
}

#[test]
fn an_isbn_is_found_whether_typed_or_kept_with_hyphens_or_without() {
    let isbn = |id: u64, name: &str, article: &str| {
        product(id, name, None, json!({"property101": {"value": article}}))
    };
    // Scanned off a barcode: the digits; the article list asks them with anything between.
    let b = lookup_batch(&q("9785171183662"), scope());
    assert_eq!(
        b.get("by_prefix").unwrap().params["filter"]["=%property101"],
        json!("9%7%8%5%1%7%1%1%8%3%6%6%2%")
    );
    // The articles starting as typed are still asked on their own.
    assert_eq!(
        b.get("by_article").unwrap().params["filter"]["=%property101"],
        json!("9785171183662%")
    );
    let kept = isbn(1, "Мастер и Маргарита", "978-5-17-118366-2");
    // What only looks alike to that pattern (other characters among the digits) is dropped.
    let alike = isbn(2, "Другая книга", "97X8-5171183662");
    let list = [kept.clone(), alike.clone()];
    let results = LookupResults {
        lists: [&[], &list, &[], &[], &[], &[]],
        ..Default::default()
    };
    let hits = lookup_hits(&q("9785171183662"), results, scope(), &[1]);
    let found: Vec<_> = hits.iter().map(|h| (h.product.id, h.relevance)).collect();
    assert_eq!(found, vec![(1, Relevance::ExactArticle)]);
    assert!(!matches_as_typed(&q("9785171183662"), &alike, &scope()));
    // Its first ten digits or more are the start of an article.
    let hits = lookup_hits(&q("9785171183"), results, scope(), &[1]);
    assert_eq!(hits[0].relevance, Relevance::CodePrefix);
    // Typed with hyphens (or spaces), the article kept without them is asked exactly too, and
    // one kept with other hyphens is found by the pattern.
    let b = lookup_batch(&q("978-5-389-06621-4"), scope());
    assert_eq!(
        b.get("by_article_exact").unwrap().params["filter"]["=property101"],
        json!(["978-5-389-06621-4", "9785389066214"])
    );
    let compact = isbn(3, "Ведьмак", "9785389066214");
    let other_hyphens = isbn(4, "Ведьмак", "978-5389-06621-4");
    for typed in ["978-5-389-06621-4", "978 5 389 06621 4"] {
        for kept in [&compact, &other_hyphens] {
            let hits = lookup_hits(
                &q(typed),
                LookupResults {
                    lists: [&[], std::slice::from_ref(kept), &[], &[], &[], &[]],
                    ..Default::default()
                },
                scope(),
                &[1],
            );
            assert_eq!(hits[0].relevance, Relevance::ExactArticle, "{typed}");
        }
    }
    // Shorter numbers (fewer than six digits) are asked as typed.
    let b = lookup_batch(&q("97851"), scope());
    assert_eq!(
        b.get("by_prefix").unwrap().params["filter"]["=%name"],
        json!("97851%")
    );
}

#[test]
fn a_part_number_is_found_whatever_separates_its_letters_and_digits() {
    let part = |id: u64, article: &str| {
        product(
            id,
            "Фильтр",
            None,
            json!({"property101": {"value": article}}),
        )
    };
    let kept = [
        part(1, "04E-115-561-H"),
        part(2, "W712/75"),
        part(3, "0 986 452 041"),
        part(5, "C 27 009"),
        part(6, "OP 526"),
        part(7, "560 408 054"),
        part(8, "КМ-0111"),
        part(9, "GSK-85"),
        part(10, "CAF-DSC-1L"),
        part(11, "АП-00123"),
    ];
    let exact = |typed: &str| {
        let hits = lookup_hits(
            &q(typed),
            // As the codes list (ten entries) finds them.
            LookupResults {
                lists: [&[], &[], &kept, &[], &[], &[]],
                ..Default::default()
            },
            scope(),
            &[1],
        );
        hits.iter()
            .filter(|h| h.relevance == Relevance::ExactArticle)
            .map(|h| h.product.id)
            .collect::<Vec<_>>()
    };
    // As a customer dictates it, as another catalogue prints it, in either case.
    assert_eq!(exact("04E115561H"), [1]);
    assert_eq!(exact("04e 115 561 h"), [1]);
    assert_eq!(exact("W 712/75"), [2]);
    assert_eq!(exact("W71275"), [2]);
    assert_eq!(exact("0986452041"), [3]);
    // Typed with the Cyrillic look-alike `С`, five characters, other separators.
    assert_eq!(exact("С27009"), [5]);
    assert_eq!(exact("OP526"), [6]);
    assert_eq!(exact("560-408-054"), [7]);
    // Typed in Latin without its hyphen, kept in Cyrillic look-alikes with it.
    assert_eq!(exact("KM0111"), [8]);
    // Dictated in groups of letters, or run together with a single digit.
    assert_eq!(exact("GSK 85"), [9]);
    assert_eq!(exact("CAFDSC1L"), [10]);
    assert_eq!(exact("caf dsc 1l"), [10]);
    // A Cyrillic article with letters that have no Latin twin (`П`), however separated.
    assert_eq!(exact("ап00123"), [11]);
    assert_eq!(exact("АП 00123"), [11]);
    let b = lookup_batch(&q("ап00123"), scope());
    assert_eq!(
        b.get("by_prefix").unwrap().params["filter"]["=%property101"],
        json!("а%п%0%0%1%2%3%")
    );
    let b = lookup_batch(&q("GSK 85"), scope());
    assert_eq!(
        b.get("by_prefix").unwrap().params["filter"]["=%property101"],
        json!("g%s%k%8%5%")
    );
    let b = lookup_batch(&q("04E115561H"), scope());
    assert_eq!(
        b.get("by_prefix").unwrap().params["filter"]["=%property101"],
        json!("0%4%e%1%1%5%5%6%1%h%")
    );
    // Typed in Latin, kept with the Cyrillic look-alikes: still the article typed.
    let cyrillic = part(4, "КМ-0111-Б");
    assert!(matches_as_typed(&q("KM-0111"), &cyrillic, &scope()));
    assert!(!matches_as_typed(&q("KM-0112"), &cyrillic, &scope()));
    // A brand typed beside a number is a search by name; a short code is asked as typed.
    for typed in ["bosch 0986452041", "TS-1-XL"] {
        let b = lookup_batch(&q(typed), scope());
        assert_eq!(
            b.get("by_prefix").unwrap().params["filter"]["=%name"],
            json!(format!("{typed}%")),
            "{typed}"
        );
    }
}

#[test]
fn a_sizes_own_article_is_searched_by_the_variations_own_property() {
    let scope = LookupScope {
        variations_iblock_id: Some(24),
        variation_article_property: Some("property121"),
        ..scope()
    };
    let b = lookup_batch(&q("TS-1-XL"), scope);
    assert!(b.fits_one_request(), "{:?}", b.names());
    let filter = |name: &str| b.get(name).expect(name).params["filter"].clone();
    let select = |name: &str| b.get(name).expect(name).params["select"].to_string();
    // The products' articles by their property, the variations' by theirs.
    assert_eq!(
        filter("by_article"),
        json!({"iblockId": 23, "=%property101": "TS-1-XL%"})
    );
    assert_eq!(
        filter("by_article_variations"),
        json!({"iblockId": 24, "=%property121": "TS-1-XL%"})
    );
    assert_eq!(
        filter("by_article_exact_variations")["=property121"],
        json!(["TS-1-XL", "ТS-1-ХL"])
    );
    assert_eq!(
        b.get("by_article_variations").unwrap().method,
        "catalog.product.offer.list"
    );
    // Every list of variations reads their article, so a size shows it.
    for name in ["by_article_variations", "by_name_variations", "by_parent"] {
        assert!(select(name).contains("property121"), "{name}");
        assert!(!select(name).contains("property101"), "{name}");
    }
    // And their product, so a size found by its name or code is listed under it.
    for name in ["by_xml_variations", "by_name_variations", "by_parent"] {
        assert_eq!(select(name).matches("parentId").count(), 1, "{name}");
    }
    assert!(!select("by_article").contains("property121"));
    let sent = serde_json::to_string(&b.commands).unwrap();
    assert!(
        sent.contains("$result[by_article_variations][offers][0][id]"),
        "their stock and prices are asked: {sent}"
    );

    // A size whose own article is the query ranks as the exact article, and shows it.
    let size_xl = product(
        7,
        "Футболка, размер XL",
        Some("tee#xl"),
        json!({"property121": {"value": "TS-1-XL"}, "parentId": {"value": "1"}}),
    );
    let named = product(8, "TS-1-XL чехол", None, json!({}));
    let hits = lookup_hits(
        &q("ts-1-xl"),
        LookupResults {
            lists: [
                &[],
                std::slice::from_ref(&size_xl),
                std::slice::from_ref(&named),
                &[],
                &[],
                &[],
            ],
            ..Default::default()
        },
        scope,
        &[],
    );
    let found: Vec<_> = hits
        .iter()
        .map(|h| (h.product.id, h.relevance, h.article.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (7, Relevance::ExactArticle, Some("TS-1-XL".to_owned())),
            (8, Relevance::NamePrefix, None)
        ]
    );
}

#[test]
fn only_the_variations_article_configured_still_searches_articles() {
    let scope = LookupScope {
        variations_iblock_id: Some(24),
        article_property: None,
        variation_article_property: Some("property121"),
        ..scope()
    };
    let b = lookup_batch(&q("TS-1"), scope);
    assert!(
        b.get("by_article").is_none(),
        "no products' article property"
    );
    assert!(b.get("by_article_exact").is_none());
    assert!(b.get("by_article_variations").is_some());
    assert!(b.get("by_article_exact_variations").is_some());
}

#[test]
fn a_product_sold_in_more_sizes_than_are_listed_counts_them_all() {
    let with_variations = LookupScope {
        variations_iblock_id: Some(24),
        ..scope()
    };
    let socks = product(
        1,
        "Носки",
        Some("socks"),
        json!({"property101": {"value": "SK-7"}}),
    );
    let size = |id: u64| {
        product(
            id,
            &format!("Носки, размер {id}"),
            Some(&format!("socks#{id}")),
            json!({"parentId": {"value": "1"}}),
        )
    };
    // Twelve sizes, 19 free of each: more than the list has room for.
    let sizes: Vec<_> = (101..=112).map(size).collect();
    let records: Vec<_> = (101..=112).map(|id| stock(id, 1, "20", "1")).collect();
    let run = |parents: &[bitrix_rest::models::catalog::Product]| {
        lookup_hits(
            &q("SK-7"),
            LookupResults {
                lists: [&[], std::slice::from_ref(&socks), &[], &[], &[], parents],
                stock: &records,
                prices: &[],
            },
            with_variations,
            &[1],
        )
    };
    let hits = run(&sizes);
    assert_eq!(hits.len(), MAX_RESULTS);
    let product = &hits[0];
    assert_eq!(product.product.id, 1);
    assert!(product.in_sizes);
    assert_eq!(product.sizes_counted, 12);
    assert_eq!(
        product.stock.total_free,
        d("228"),
        "12 × 19, not the 9 listed"
    );
    assert!(!product.sizes_maybe_more);

    // The store listed more sizes than were asked for: the figures may leave some out.
    let many: Vec<_> = (101..=140).map(size).collect();
    assert!(run(&many)[0].sizes_maybe_more);
}

#[test]
fn a_code_with_a_wildcard_typed_in_the_other_alphabet_is_kept() {
    // The catalogue spells the article in Cyrillic (`ТЕ_50`); the rep types Latin `TE_50`. The
    // exact list asks both spellings, and the store's answer is not dropped as a wildcard match.
    let tv = product(
        3,
        "Телевизор",
        None,
        json!({"property101": {"value": "ТЕ_50"}}),
    );
    assert!(matches_as_typed(&q("TE_50"), &tv, &scope()));
    assert!(matches_as_typed(&q("te_5"), &tv, &scope()));
    // Still only as typed: `TE_50` does not stand for `TEX50`.
    let other = product(
        5,
        "Телевизор X",
        None,
        json!({"property101": {"value": "TEX50"}}),
    );
    assert!(!matches_as_typed(&q("TE_50"), &other, &scope()));
}

#[test]
fn an_apostrophe_typed_either_way_finds_the_name_written_with_the_other() {
    // Asked with any one character in the apostrophe's place, under a key reading wildcards.
    assert_eq!(
        name_filter("levi’s 501"),
        json!({"%name": "501", "=%name": "%levi_s%"})
    );
    assert_eq!(name_filter("l'oreal"), json!({"=%name": "%l_oreal%"}));
    let jeans = [
        product(1, "Jeans Levi's 501 W32/L34", None, json!({})),
        product(2, "Jeans Levi’s 501 W30/L32", None, json!({})),
        product(3, "Jeans Levi s 501 W34/L34", None, json!({})),
    ];
    for typed in ["levi’s 501", "Levi's 501", "levi`s"] {
        assert_eq!(
            found_ids(typed, &jeans),
            vec![1, 2],
            "{typed}: not the name with a space for it"
        );
    }
}

#[test]
fn a_word_in_the_customers_form_finds_the_catalogues() {
    // The words as typed in one list, by their stems in another: what is typed as the
    // catalogue writes it is never crowded out by a short stem's other words.
    let batch = lookup_batch(&q("кроссовки белые 42"), scope());
    let filter = |list: &str| batch.get(list).unwrap().params["filter"].clone();
    assert_eq!(
        filter("by_name"),
        json!({"iblockId": 23, "%name": "42", "=%name": "%кроссовки%", "%=name": "%белые%"})
    );
    assert_eq!(
        filter("by_phrase"),
        json!({"iblockId": 23, "%name": "42", "=%name": "%кроссовк%", "%=name": "% бел%"})
    );
    let single = lookup_batch(&q("синяя"), scope());
    assert_eq!(
        single.get("by_name").unwrap().params["filter"],
        json!({"iblockId": 23, "%name": "синяя"})
    );
    assert_eq!(
        single.get("by_phrase").unwrap().params["filter"],
        json!({"iblockId": 23, "=%name": "% син%"}),
        "a short stem at a word's start: not апельсин"
    );
    assert_eq!(
        single.get("by_prefix").unwrap().params["filter"],
        json!({"iblockId": 23, "=%name": "син%"}),
        "a word's start is the name's start too: Синяя чашка"
    );
    // Of two short stems the first typed is asked at the name's start, the other after a
    // space; a query with no short stem keeps the names starting as typed.
    assert_eq!(
        lookup_batch(&q("белые синие"), scope())
            .get("by_prefix")
            .unwrap()
            .params["filter"],
        json!({"iblockId": 23, "=%name": "бел%", "%=name": "% син%"})
    );
    assert_eq!(
        lookup_batch(&q("черную куртку"), scope())
            .get("by_prefix")
            .unwrap()
            .params["filter"],
        json!({"iblockId": 23, "=%name": "черную куртку%"})
    );
    // A word in its own form (a noun's nominative) asks no stems: `серия 10` keeps its
    // phrase list.
    assert_eq!(
        lookup_batch(&q("серия 10"), scope())
            .get("by_phrase")
            .unwrap()
            .params["filter"]["%name"],
        "серия 10"
    );
    let shoes = [
        product(1, "Кроссовки Nike Air Max 90, белый, 42", None, json!({})),
        product(2, "Кроссовки Nike Air Max 90, черный, 42", None, json!({})),
        product(3, "Бельё постельное, 42", None, json!({})),
        product(4, "Кроссовки Белгород 42", None, json!({})),
        product(5, "Куртка зимняя, черная", None, json!({})),
        product(6, "Кабель USB-C 1 м", None, json!({})),
        product(7, "Сок апельсина 1 л", None, json!({})),
    ];
    let ids = |typed: &str| found_ids(typed, &shoes);
    assert_eq!(ids("кроссовки белые 42"), vec![1], "not linen, not a town");
    assert_eq!(ids("белые"), vec![1]);
    assert_eq!(ids("Чёрные кроссовки"), vec![2]);
    assert_eq!(ids("черную куртку"), vec![5]);
    assert_eq!(ids("зимнюю куртку"), vec![5]);
    assert_eq!(ids("синие"), Vec::<u64>::new(), "not orange juice");
    let starting = [
        product(1, "Белая футболка", None, json!({})),
        product(2, "Серая кружка", None, json!({})),
        product(3, "Белгород, магнит", None, json!({})),
        product(4, "Серьги серебряные", None, json!({})),
    ];
    let ids = |typed: &str| found_ids(typed, &starting);
    assert_eq!(ids("белую футболку"), vec![1]);
    assert_eq!(ids("белые"), vec![1], "not a town");
    assert_eq!(ids("серые"), vec![2], "not earrings");
}

#[test]
fn a_packs_count_is_found_with_either_sign_together_or_apart() {
    assert_eq!(q("нурофен № 12").as_str(), "нурофен №12");
    assert_eq!(q("ибупрофен N 20").as_str(), "ибупрофен N20");
    let packs = [
        product(1, "Ибупрофен таблетки 200 мг №20", None, json!({})),
        product(2, "Ибупрофен таблетки 200 мг №10", None, json!({})),
        product(3, "Диклофенак таблетки 50 мг N20", None, json!({})),
        product(4, "Нурофен Форте 400 мг № 12", None, json!({})),
        product(5, "Ибупрофен 200 мг, 120 шт", None, json!({})),
    ];
    // What the store finds for each name (the words without a sign it matched itself).
    let ids = |typed: &str, of: &[usize]| {
        let found: Vec<_> = of.iter().map(|&i| packs[i - 1].clone()).collect();
        found_ids(typed, &found)
    };
    assert_eq!(ids("ибупрофен N20", &[1, 2, 5]), vec![1]);
    assert_eq!(ids("ибупрофен №20", &[1, 2, 5]), vec![1]);
    assert_eq!(ids("диклофенак №20", &[3]), vec![3]);
    assert_eq!(ids("нурофен №12", &[4]), vec![4]);
    assert_eq!(ids("нурофен N 12", &[4]), vec![4]);
    // Asked with anything between sign and number, the other sign in the second list.
    let b = lookup_batch(&q("ибупрофен N20"), scope());
    let filter = |list: &str| b.get(list).unwrap().params["filter"].clone();
    assert_eq!(
        filter("by_name"),
        json!({"iblockId": 23, "=%name": "%N%20%", "%name": "ибупрофен"})
    );
    assert_eq!(
        filter("by_phrase"),
        json!({"iblockId": 23, "=%name": "%№%20%", "%name": "ибупрофен"})
    );
}

#[test]
fn a_percent_sign_after_a_number_is_a_strength_not_a_wildcard() {
    let sprays = [
        product(
            1,
            "Ксилометазолин спрей назальный 0.1% 15 мл",
            None,
            json!({}),
        ),
        product(2, "Ксилометазолин спрей 0,05% 10 мл", None, json!({})),
        product(3, "Ксилометазолин капли 0,1 мг", None, json!({})),
    ];
    assert_eq!(found_ids("ксилометазолин 0,1%", &sprays), vec![1]);
    // The number asked without its sign, in either decimal mark.
    let b = lookup_batch(&q("ксилометазолин 0,1%"), scope());
    let filter = |list: &str| b.get(list).unwrap().params["filter"].clone();
    assert_eq!(
        filter("by_name"),
        json!({"iblockId": 23, "%name": "0,1", "=%name": "%ксилометазолин%"})
    );
    assert_eq!(
        filter("by_phrase"),
        json!({"iblockId": 23, "%name": "0.1", "=%name": "%ксилометазолин%"})
    );
    // A `%` typed elsewhere is still LIKE's wildcard, asked as typed.
    assert_eq!(
        lookup_batch(&q("кси%н"), scope())
            .get("by_name")
            .unwrap()
            .params["filter"],
        json!({"iblockId": 23, "%name": "кси%н"})
    );
}

#[test]
fn a_masculine_names_genitive_finds_the_name() {
    let drugs = [
        product(1, "Ибупрофен таблетки 200 мг №20", None, json!({})),
        product(2, "Нурофен Экспресс капс. 200мг х 16", None, json!({})),
        product(3, "Ибупрофеновая мазь 5%", None, json!({})),
        product(4, "Шампунь детский", None, json!({})),
    ];
    let ids = |typed: &str| found_ids(typed, &drugs);
    assert_eq!(ids("ибупрофена"), vec![1], "not the adjective");
    assert_eq!(ids("нурофена экспресс"), vec![2]);
    assert_eq!(ids("шампуня"), vec![4]);
    let asked = |typed: &str| {
        lookup_batch(&q(typed), scope())
            .get("by_phrase")
            .map(|c| c.params["filter"].clone())
    };
    assert_eq!(
        asked("ибупрофена"),
        Some(json!({"iblockId": 23, "=%name": "%ибупрофен%"}))
    );
    // A feminine noun's own form ending in `-ка` is asked as typed; `серия` too.
    assert_eq!(asked("куртка"), None);
    assert_eq!(
        asked("серия 10"),
        Some(json!({"iblockId": 23, "%name": "серия 10"}))
    );
}

#[test]
fn a_plural_genitive_dropping_a_vowel_in_the_other_forms_finds_them() {
    let goods = [
        product(1, "Кроссовки Nike Air, белый", None, json!({})),
        product(2, "Чашка фарфоровая", None, json!({})),
        product(3, "Батарейки AA, 4 шт", None, json!({})),
        product(4, "Кроссовер-кабель", None, json!({})),
        product(5, "Порошок стиральный", None, json!({})),
    ];
    let ids = |typed: &str| found_ids(typed, &goods);
    assert_eq!(ids("белых кроссовок"), vec![1]);
    assert_eq!(ids("чашек"), vec![2]);
    assert_eq!(ids("батареек"), vec![3]);
    assert_eq!(
        ids("порошок"),
        vec![5],
        "a word in its own form still as typed"
    );
    let batch = lookup_batch(&q("кроссовок"), scope());
    assert_eq!(
        batch.get("by_phrase").unwrap().params["filter"],
        json!({"iblockId": 23, "=%name": "%кроссовк%"})
    );
}

#[test]
fn a_word_typed_as_the_name_has_it_ranks_before_its_other_forms() {
    let cups = [
        product(1, "Кофемолка керамическая", None, json!({})),
        product(2, "Пуровер керамический", None, json!({})),
    ];
    let hits = by_names("керамический", &cups);
    let ranked: Vec<(u64, Relevance)> = hits.iter().map(|h| (h.product.id, h.relevance)).collect();
    assert_eq!(
        ranked,
        vec![(2, Relevance::NameContains), (1, Relevance::NameWords)]
    );
}

#[test]
fn an_english_plural_or_possessive_typed_without_its_apostrophe_finds_the_name() {
    let batch = lookup_batch(&q("levis 501"), scope());
    assert_eq!(
        batch.get("by_phrase").unwrap().params["filter"],
        json!({"iblockId": 23, "%name": "501", "=%name": "%levi%"})
    );
    let goods = [
        product(1, "Jeans Levi's 501", None, json!({})),
        product(2, "Bolt M8 DIN 933", None, json!({})),
        product(3, "Levitating lamp 501", None, json!({})),
    ];
    let ids = |typed: &str| found_ids(typed, &goods);
    assert_eq!(ids("levis 501"), vec![1], "not a levitating lamp");
    assert_eq!(ids("bolts"), vec![2]);
    // `glass` is no plural of `glas`.
    assert!(
        lookup_batch(&q("glass"), scope())
            .get("by_phrase")
            .is_none()
    );
}
