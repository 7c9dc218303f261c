use serde_json::json;

use crate::model::matching::{
    MatchInput, MatchedBy, ProductMatching, SplitProduct, Unmatched, match_products,
};
use crate::model::settings::PropertyPair;

use super::fixtures::{basket, product, row};

fn pair() -> PropertyPair {
    PropertyPair {
        portal: "property45".into(),
        store: "property101".into(),
        alone: false,
    }
}

#[test]
fn rows_match_store_products_by_trimmed_xml_id() {
    let rows = vec![row(1, "Чайник", "1", "100"), row(2, "Чашка", "2", "50")];
    let portal = vec![
        product(1, "Чайник", Some(" 1C-0042 "), json!({})),
        product(2, "Чашка", Some("1C-0043"), json!({})),
    ];
    let store = vec![
        product(6973, "Чайник электрический", Some("1C-0042"), json!({})),
        product(6974, "Чашка", Some("1C-0043"), json!({})),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &[],
        property: None,
    });
    assert_eq!(m.rows[0].store_product_id, Some(6973));
    assert_eq!(m.rows[0].xml_id.as_deref(), Some("1C-0042"));
    assert_eq!(m.rows[0].by, Some(MatchedBy::XmlId));
    assert_eq!(m.rows[1].store_product_id, Some(6974));
    assert_eq!(m.rows[1].basket_item_id, None);
}

#[test]
fn codes_differing_only_in_letter_case_are_the_same_product() {
    // 1C writes GUIDs in lower case; a CRM import may have them in upper case. The store's
    // database finds either for the other, so the rows must pair up alike.
    let rows = vec![row(1, "Чай", "1", "100"), row(2, "Кофе", "1", "50")];
    let portal = vec![
        product(1, "Чай", Some("GUID-CASE"), json!({})),
        product(2, "Кофе", Some("Кофе-01"), json!({})),
    ];
    let store = vec![product(3, "Чай", Some("guid-case"), json!({}))];
    let items = vec![
        basket(501, 3, Some("guid-case"), "1", "100"),
        basket(502, 9, Some("КОФЕ-01"), "1", "50"),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &items,
        property: None,
    });
    let pairs: Vec<_> = m
        .rows
        .iter()
        .map(|r| (r.store_product_id, r.basket_item_id, r.xml_id.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            (Some(3), Some(501), Some("GUID-CASE")),
            (Some(9), Some(502), Some("Кофе-01"))
        ],
        "the row keeps the portal's own spelling"
    );
    assert!(m.basket_only.is_empty(), "nothing is only in the order");
}

#[test]
fn a_row_whose_xml_id_differs_matches_by_the_configured_property() {
    let rows = vec![row(1, "Чайник", "1", "100")];
    let portal = vec![product(
        1,
        "Чайник",
        Some("P-1"),
        json!({"property45": {"valueId": 1, "value": "ART-42"}}),
    )];
    let store = vec![product(
        70,
        "Чайник",
        Some("S-1"),
        json!({"property101": {"valueId": 9, "value": " ART-42 "}}),
    )];
    let p = pair();
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &[],
        property: Some(&p),
    });
    assert_eq!(m.rows[0].store_product_id, Some(70));
    assert_eq!(m.rows[0].by, Some(MatchedBy::Property));
    let without = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &[],
        property: None,
    });
    assert!(
        !without.rows[0].is_matched(),
        "no property configured: XML_ID only"
    );
}

#[test]
fn store_products_sharing_a_property_value_take_the_one_the_order_holds() {
    let rows = vec![row(1, "Дубль", "1", "100")];
    let portal = vec![product(
        1,
        "Дубль",
        Some("crm-4"),
        json!({"property45": {"valueId": 1, "value": "DUP"}}),
    )];
    let dup = |id: u64| {
        product(
            id,
            "Дубль",
            Some(&format!("st-{id}")),
            json!({"property101": {"valueId": id, "value": "dup"}}),
        )
    };
    let store = vec![dup(4), dup(44)];
    let p = pair();
    let run = |items: &[bitrix_rest::models::sale::BasketItem]| {
        match_products(MatchInput {
            rows: &rows,
            portal_products: &portal,
            store_products: &store,
            basket: items,
            property: Some(&p),
        })
    };
    let m = run(&[basket(501, 44, Some("st-44"), "1", "100")]);
    assert_eq!(
        (m.rows[0].store_product_id, m.rows[0].basket_item_id),
        (Some(44), Some(501)),
        "the order's product, not the lowest ID"
    );
    assert!(m.basket_only.is_empty());
    // No order to tell by: neither is taken (the stock would be another product's), and the
    // row names both.
    let alone = &run(&[]).rows[0];
    assert_eq!(alone.store_product_id, None, "no order: no guess");
    assert_eq!(alone.unmatched, Some(Unmatched::Ambiguous));
    assert_eq!(alone.sharing, [4, 44]);
}

#[test]
fn a_product_in_two_lines_at_two_prices_pairs_each_row_with_its_own_line() {
    let rows = vec![row(1, "Чай", "2", "200"), row(1, "Чай", "3", "150")];
    let portal = vec![product(1, "Чай", Some("A"), json!({}))];
    let store = vec![product(70, "Чай", Some("A"), json!({}))];
    // The order lists the same two lines the other way round.
    let items = vec![
        basket(501, 70, Some("A"), "3", "150"),
        basket(502, 70, Some("A"), "2", "200"),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &items,
        property: None,
    });
    let lines: Vec<_> = m.rows.iter().map(|r| r.basket_item_id).collect();
    assert_eq!(lines, vec![Some(502), Some(501)]);
}

#[test]
fn products_are_never_matched_by_name() {
    let rows = vec![row(1, "Чайник", "1", "100"), row(0, "Доставка", "1", "300")];
    let portal = vec![product(1, "Чайник", None, json!({}))];
    let store = vec![
        product(70, "Чайник", Some("X"), json!({})),
        product(71, "Доставка", None, json!({})),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &[],
        property: None,
    });
    assert!(!m.rows[0].is_matched());
    assert!(!m.rows[1].is_matched(), "a free-text row is unmatched");
    assert_eq!(m.rows[0].xml_id, None);
}

#[test]
fn the_basket_pairs_with_rows_and_keeps_what_no_row_took() {
    let rows = vec![
        row(1, "Чайник", "1", "100"),
        row(1, "Чайник", "2", "100"),
        row(2, "Чашка", "1", "50"),
    ];
    let portal = vec![
        product(1, "Чайник", Some("A"), json!({})),
        product(2, "Чашка", Some("B"), json!({})),
    ];
    let store = vec![product(70, "Чайник", Some("A"), json!({}))];
    let items = vec![
        basket(501, 70, Some("A"), "1", "100"),
        basket(502, 99, Some("Z"), "1", "10"),
        basket(503, 70, None, "2", "100"),
        basket(504, 80, Some("B"), "1", "50"),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &items,
        property: None,
    });
    let pairs: Vec<_> = m
        .rows
        .iter()
        .map(|r| (r.store_product_id, r.basket_item_id))
        .collect();
    assert_eq!(
        pairs,
        vec![
            (Some(70), Some(501)),
            (Some(70), Some(503)),
            (Some(80), Some(504))
        ]
    );
    assert_eq!(m.basket_only, vec![502]);
    assert_eq!(
        m.rows[2].by,
        Some(MatchedBy::XmlId),
        "the basket's productXmlId is a store XML_ID too"
    );
}

#[test]
fn when_store_products_share_an_xml_id_the_ordered_one_is_taken_else_none() {
    let rows = vec![row(1, "Чайник", "1", "100")];
    let portal = vec![product(1, "Чайник", Some("A"), json!({}))];
    let store = vec![
        product(90, "Чайник 2", Some("A"), json!({})),
        product(70, "Чайник", Some("A"), json!({})),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &[],
        property: None,
    });
    assert_eq!(m.rows[0].store_product_id, None);
    assert_eq!(m.rows[0].unmatched, Some(Unmatched::Ambiguous));
    assert_eq!(m.rows[0].sharing, [90, 70]);

    // The order holds the other one: that is the deal's product.
    let items = vec![basket(501, 90, Some("A"), "1", "100")];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &items,
        property: None,
    });
    assert_eq!(
        (m.rows[0].store_product_id, m.rows[0].basket_item_id),
        (Some(90), Some(501))
    );
}

#[test]
fn no_rows_and_an_empty_basket_match_nothing() {
    let m = match_products(MatchInput {
        rows: &[],
        portal_products: &[],
        store_products: &[],
        basket: &[],
        property: None,
    });
    assert_eq!(m, ProductMatching::default());
}

#[test]
fn a_free_text_line_pairs_with_the_orders_line_of_the_same_name_and_nothing_else() {
    let rows = vec![
        row(0, " Упаковка подарочная ", "1", "5"),
        row(0, "Монтаж", "1", "900"),
        row(1, "Упаковка подарочная", "1", "5"),
    ];
    let mut wrapping = basket(901, 0, None, "1", "5");
    wrapping.name = "упаковка ПОДАРОЧНАЯ".into();
    let mut product_line = basket(902, 77, None, "1", "5");
    product_line.name = "Монтаж".into();
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &[product(1, "Упаковка подарочная", None, json!({}))],
        store_products: &[],
        basket: &[wrapping, product_line],
        property: None,
    });
    assert_eq!(
        m.rows[0].basket_item_id,
        Some(901),
        "same free-text name, any case"
    );
    assert_eq!(m.rows[0].store_product_id, None, "still no store product");
    assert_eq!(
        m.rows[1].basket_item_id, None,
        "a line with a product is never paired by name"
    );
    assert_eq!(
        m.rows[2].basket_item_id, None,
        "a row with a product is never paired by name"
    );
    assert_eq!(m.basket_only, vec![902]);
}

#[test]
fn an_unmatched_row_says_why_it_has_no_store_product() {
    let rows = vec![
        row(1, "Listed, code unknown to the store", "1", "1"),
        row(2, "Listed without any code", "1", "1"),
        row(3, "Not listed by the portal", "1", "1"),
        row(0, "Gift wrapping", "1", "1"),
        row(4, "Matched", "1", "1"),
        row(5, "Property value only", "1", "1"),
    ];
    let portal = vec![
        product(1, "A", Some("NOPE"), json!({})),
        product(2, "B", Some("  "), json!({})),
        product(4, "D", Some("K-4"), json!({})),
        product(
            5,
            "E",
            None,
            json!({"property45": {"valueId": 1, "value": "ART-5"}}),
        ),
    ];
    let store = vec![product(40, "D", Some("K-4"), json!({}))];
    let p = pair();
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &[],
        property: Some(&p),
    });
    let why: Vec<Option<Unmatched>> = m.rows.iter().map(|r| r.unmatched).collect();
    assert_eq!(
        why,
        [
            Some(Unmatched::NotInStore),
            Some(Unmatched::NoCode),
            Some(Unmatched::NotListed),
            Some(Unmatched::FreeText),
            None,
            // A property value is a code: the store was asked and has none.
            Some(Unmatched::NotInStore),
        ]
    );
}

#[test]
fn a_further_order_line_of_a_deal_product_is_split_not_order_only() {
    let rows = vec![row(1, "Чайник", "3", "100"), row(2, "Чашка", "1", "50")];
    let portal = vec![
        product(1, "Чайник", Some("A"), json!({})),
        product(2, "Чашка", Some("B"), json!({})),
    ];
    let store = vec![product(70, "Чайник", Some("A"), json!({}))];
    let items = vec![
        basket(501, 70, Some("A"), "1", "100"),
        basket(502, 70, Some("A"), "2", "100"),
        basket(503, 99, Some("Z"), "1", "10"),
    ];
    let m = match_products(MatchInput {
        rows: &rows,
        portal_products: &portal,
        store_products: &store,
        basket: &items,
        property: None,
    });
    assert_eq!(m.rows[0].basket_item_id, Some(501));
    assert_eq!(m.basket_only, vec![503], "502 is the kettle's second line");
    assert_eq!(
        m.split,
        vec![SplitProduct {
            rows: vec![0],
            items: vec![501, 502]
        }]
    );
}

/// Catalogues that share no codes: Bitrix gave each hand-made product its own ID as XML_ID, so
/// the portal's cable (17) and the store's table (17) have the same one. With the property
/// alone, the cable is the store's cable by its article, and the table's XML_ID pairs nothing,
/// not even the order's line of the table.
#[test]
fn with_the_property_alone_equal_xml_ids_of_unrelated_products_do_not_pair() {
    let rows = vec![
        row(17, "Кабель USB", "1", "300"),
        row(18, "Без артикула", "1", "5"),
    ];
    let portal = vec![
        product(
            17,
            "Кабель USB",
            Some("17"),
            json!({"property45": {"valueId": 1, "value": "USB-2M"}}),
        ),
        product(18, "Без артикула", Some("18"), json!({})),
    ];
    let store = vec![
        product(
            17,
            "Стол дубовый",
            Some("17"),
            json!({"property101": {"valueId": 5, "value": "TBL-OAK"}}),
        ),
        product(
            40,
            "Кабель USB 2 м",
            Some("40"),
            json!({"property101": {"valueId": 6, "value": "usb-2m"}}),
        ),
        product(18, "Лампа", Some("18"), json!({})),
    ];
    let items = vec![
        basket(901, 17, Some("17"), "1", "25000"),
        basket(902, 40, Some("40"), "1", "300"),
    ];
    let matched_by = |property: &PropertyPair| {
        match_products(MatchInput {
            rows: &rows,
            portal_products: &portal,
            store_products: &store,
            basket: &items,
            property: Some(property),
        })
    };
    let m = matched_by(&PropertyPair {
        alone: true,
        ..pair()
    });
    assert_eq!(m.rows[0].store_product_id, Some(40));
    assert_eq!(m.rows[0].by, Some(MatchedBy::Property));
    assert_eq!(m.rows[0].basket_item_id, Some(902));
    assert_eq!(
        m.rows[1].store_product_id, None,
        "XML_ID 18 is not compared"
    );
    assert_eq!(m.rows[1].unmatched, Some(Unmatched::NoCode));
    assert_eq!(m.basket_only, vec![901], "the table is only in the order");

    // XML_ID first (the other choice), the same data pairs the cable with the table.
    let first = matched_by(&pair());
    assert_eq!(first.rows[0].store_product_id, Some(17));
}
