use serde_json::json;

use crate::model::contacts::search::{
    CandidateSearch, PropertyHit, buyer_name_in, duplicate_email_call, duplicate_phone_call,
    email_search_call, phone_search_call,
};
use crate::model::contacts::{
    Buyer, ContactMatch, Email, MatchedOn, Phone, duplicate_groups, has_any_means, match_buyer,
    other_buyer,
};

use super::fixtures::{contact, from, order};

fn phone(s: &str) -> Phone {
    Phone::parse(s).unwrap()
}

/// Order `order_id`'s property `code` holding `value`, as the store lists it.
fn hit(order_id: u64, code: &str, value: &str) -> PropertyHit {
    PropertyHit {
        order_id,
        code: code.into(),
        value: Some(value.into()),
    }
}

#[test]
fn russian_numbers_in_every_usual_form_are_one_number() {
    for typed in [
        "8 (916) 123-45-67",
        "+7 916 123 45 67",
        "+79161234567",
        "89161234567",
        "916 123-45-67",
        "7-916-123-45-67",
        " +7(916)123.45.67 ",
    ] {
        assert_eq!(phone(typed).as_str(), "+79161234567", "{typed}");
    }
}

#[test]
fn numbers_with_an_explicit_country_code_are_left_as_digits() {
    assert_eq!(phone("+44 20 7946 0958").as_str(), "+442079460958");
    assert_eq!(
        phone("+81 3 1234 5678").as_str(),
        "+81312345678",
        "no 8→7 after a plus"
    );
    assert_eq!(phone("0049 30 1234567").as_str(), "+49301234567");
    assert_eq!(phone("+1 415 123 4567").as_str(), "+14151234567");
}

#[test]
fn a_number_with_and_without_its_country_code_or_trunk_prefix_is_one_number() {
    assert_eq!(phone("212.555.0100"), phone("+1 (212) 555-0100"));
    assert_eq!(phone("(212) 555-0100"), phone("+1 212 555 0100"));
    assert_eq!(phone("020 7946 0958"), phone("+44 20 7946 0958"));
    assert_eq!(phone("8 (916) 123-45-67"), phone("+7 916 123 45 67"));
    assert_ne!(phone("+1 212 555 0101"), phone("+1 212 555 0100"));
    // Countries whose national numbers are shorter than ten digits, with a trunk `0`.
    let berlin = phone("+49 30 1234567");
    for typed in [
        "+49 (030) 123-4567",
        "+49 (0)30 1234567",
        "030 1234567",
        "0049 30 1234567",
    ] {
        assert_eq!(phone(typed), berlin, "{typed}");
    }
    assert_eq!(berlin.significant_digits(), "301234567");
    assert_eq!(phone("+380 44 123 4567"), phone("044 123 4567"), "Kyiv");
    assert_ne!(
        phone("7123456"),
        phone("+7 123456"),
        "a local number is no country code"
    );
    assert_ne!(phone("555-01-00"), phone("+7 916 555 01 00"));
    // The search finds the national digits in any formatting.
    assert_eq!(
        phone("+1 (212) 555-0100").significant_digits(),
        "2125550100"
    );
}

#[test]
fn numbers_written_with_two_country_codes_are_two_numbers() {
    let same = |a: &str, b: &str| phone(a).same_number(&phone(b));
    // Sacramento is not Moscow, and a toll-free number is a country's own.
    assert!(!same("+1 (916) 123-4567", "+7 916 123 45 67"));
    assert!(!same("+1 800 555 0199", "8 800 555-01-99"));
    // Written without a code, a number may be either.
    assert!(same("(916) 123-4567", "+1 916 123 4567"));
    assert!(same("916 123-45-67", "+7 916 123 45 67"));
    // The same code, however written.
    assert!(same("8 (916) 123-45-67", "+7 916 123 45 67"));
    assert!(same("0049 30 1234567", "+49 (0)30 1234567"));
}

#[test]
fn an_extension_is_not_part_of_the_number() {
    let main = "+79030000004";
    for text in [
        "+7 903 000-00-04 доб. 12",
        "8 (903) 000-00-04, доб. 12",
        "+7 903 000 00 04 Доб.12",
        "+7 903 000 00 04 ext. 12",
        "+7 903 000 00 04 x12",
        "+7 903 000 00 04 #12",
        "+7 903 000 00 04 вн. 305",
    ] {
        assert_eq!(phone(text).as_str(), main, "{text}");
    }
}

#[test]
fn what_is_too_short_or_too_long_is_not_a_phone() {
    assert_eq!(Phone::parse("123-45"), None);
    assert_eq!(Phone::parse("call me"), None);
    assert_eq!(Phone::parse(""), None);
    assert_eq!(Phone::parse("+1234567890123456"), None);
}

#[test]
fn emails_are_trimmed_and_lower_cased() {
    assert_eq!(
        Email::parse("  Anna.P@Mail.RU ").unwrap().as_str(),
        "anna.p@mail.ru"
    );
    assert_eq!(
        Email::parse("mailto:IVAN@example.com").unwrap().as_str(),
        "ivan@example.com"
    );
    for bad in [
        "",
        "anna",
        "@mail.ru",
        "anna@",
        "anna@mail",
        "a b@mail.ru",
        "a@b@c.ru",
        "anna@.ru",
    ] {
        assert_eq!(Email::parse(bad), None, "{bad}");
    }
}

fn order_with_buyer(props: serde_json::Value) -> bitrix_rest::models::sale::Order {
    let mut o = order(9, json!({}), vec![]);
    o.property_values = from(props);
    o
}

#[test]
fn the_buyer_comes_from_the_order_properties() {
    let o = order_with_buyer(json!([
        {"code": "FIO", "value": " Анна Петрова "},
        {"code": "PHONE", "value": "8 (916) 123-45-67"},
        {"code": "EMAIL", "value": "Anna@Mail.ru"}
    ]));
    let b = Buyer::of_order(&o);
    assert_eq!(b.name.as_deref(), Some("Анна Петрова"));
    assert_eq!(b.normalized_phone(), Some(phone("+79161234567")));
    assert_eq!(b.normalized_email().unwrap().as_str(), "anna@mail.ru");
}

#[test]
fn a_buyer_without_fio_is_named_by_name_and_last_name_and_may_lack_everything() {
    let b = Buyer::of_order(&order_with_buyer(json!([
        {"code": "NAME", "value": "Иван"}, {"code": "LAST_NAME", "value": "Сидоров"},
        {"code": "PHONE", "value": ""}
    ])));
    assert_eq!(b.name.as_deref(), Some("Иван Сидоров"));
    assert_eq!(b.phone, None);
    assert_eq!(
        Buyer::of_order(&order_with_buyer(json!([]))),
        Buyer::default()
    );
}

#[test]
fn the_buyer_matches_contacts_by_phone_or_email_never_by_name() {
    let buyer = Buyer {
        name: Some("Анна Петрова".into()),
        phone: Some("8 (916) 123-45-67".into()),
        email: Some("anna@mail.ru".into()),
    };
    let contacts = vec![
        contact(1, "Анна Петрова", &["+7 999 000 00 00"], &[]),
        contact(2, "Аня", &[], &["ANNA@mail.ru"]),
        contact(3, "Петрова", &["+79161234567"], &[]),
        contact(4, "А. П.", &["89161234567"], &[" anna@mail.ru"]),
    ];
    assert_eq!(
        match_buyer(&buyer, &contacts),
        vec![
            ContactMatch {
                contact_id: 4,
                on: MatchedOn::PhoneAndEmail
            },
            ContactMatch {
                contact_id: 3,
                on: MatchedOn::Phone
            },
            ContactMatch {
                contact_id: 2,
                on: MatchedOn::Email
            },
        ]
    );
    assert!(match_buyer(&Buyer::default(), &contacts).is_empty());
}

#[test]
fn contacts_sharing_a_phone_or_email_are_grouped_transitively() {
    let contacts = vec![
        contact(10, "Анна", &["8 (916) 123-45-67"], &[]),
        contact(3, "Анна П.", &["+79161234567"], &["anna@mail.ru"]),
        contact(7, "А. Петрова", &[], &["Anna@Mail.ru"]),
        contact(5, "Иван", &["+79990000000"], &["ivan@mail.ru"]),
        contact(6, "Пётр", &["not a phone"], &[]),
        contact(3, "Анна П.", &["+79161234567"], &["anna@mail.ru"]),
    ];
    let groups = duplicate_groups(&contacts);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].contact_ids, vec![3, 7, 10]);
    assert_eq!(groups[0].shared_phones, vec![phone("+79161234567")]);
    assert_eq!(
        groups[0].shared_emails,
        vec![Email::parse("anna@mail.ru").unwrap()]
    );
    assert!(duplicate_groups(&contacts[3..5]).is_empty());
}

#[test]
fn the_phone_search_uses_like_with_every_digit_separated() {
    let call = phone_search_call(&phone("8 (916) 123-45-67"));
    assert_eq!(call.method, "sale.propertyvalue.list");
    assert_eq!(
        call.params["filter"],
        json!({"=code": "PHONE", "=%value": "%9%1%6%1%2%3%4%5%6%7%"})
    );
    // Without the country code, so that `020 7946 0958` is found too.
    let foreign = phone_search_call(&phone("+44 20 7946 0958"));
    assert_eq!(foreign.params["filter"]["=%value"], "%2%0%7%9%4%6%0%9%5%8%");
}

#[test]
fn the_email_search_uses_like_with_the_address() {
    let call = email_search_call(&Email::parse("Anna@Mail.ru").unwrap());
    assert_eq!(
        call.params["filter"],
        json!({"=code": "EMAIL", "=%value": "%anna@mail.ru%"})
    );
}

#[test]
fn a_contact_without_phone_or_email_has_no_search() {
    assert!(CandidateSearch::for_contact(&contact(1, "Анна", &["?"], &[])).is_none());
}

#[test]
fn candidate_orders_are_only_those_whose_value_normalises_to_the_contacts() {
    let c = contact(1, "Анна", &["+7 916 123-45-67"], &["anna@mail.ru"]);
    let search = CandidateSearch::for_contact(&c).unwrap();
    assert_eq!(
        search.batch.names(),
        vec!["phone0", "phone0_orders", "email0", "email0_orders"]
    );
    assert_eq!(
        search.batch.get("phone0_orders").unwrap().params["filter"]["@id"][0],
        "$result[phone0][propertyValues][0][orderId]"
    );
    let hit = |order_id: u64, value: &str| PropertyHit {
        order_id,
        code: String::new(),
        value: Some(value.into()),
    };
    let hits = vec![
        (
            "phone0".to_string(),
            vec![
                hit(20, "8 (916) 123-45-67"),
                hit(21, "+7 (916) 123-45-678"), // more digits: LIKE finds it, the check refuses it
                hit(22, "9 1 6 1 2 3 4 5 6 7 0"), // other digits after: another number
                hit(25, "+1 (916) 123-4567"),   // the same digits in Sacramento: another number
            ],
        ),
        (
            "email0".to_string(),
            vec![
                hit(20, "ANNA@mail.ru"),
                hit(23, "anna@mail.ru "),
                hit(24, "joanna@mail.ru"), // LIKE %anna@mail.ru% finds it, the check refuses it
            ],
        ),
    ];
    let orders = vec![
        vec![
            order(20, json!({}), vec![]),
            order(21, json!({}), vec![]),
            order(22, json!({}), vec![]),
            order(25, json!({}), vec![]),
        ],
        vec![
            order(20, json!({}), vec![]),
            order(23, json!({}), vec![]),
            order(24, json!({}), vec![]),
        ],
    ];
    let found: Vec<(u64, MatchedOn)> = search
        .candidates(&hits, &orders)
        .into_iter()
        .map(|c| (c.order.id, c.on))
        .collect();
    // The better match first, then the newest.
    assert_eq!(
        found,
        vec![(20, MatchedOn::PhoneAndEmail), (23, MatchedOn::Email)]
    );
}

#[test]
fn candidate_orders_under_way_come_before_those_done_with() {
    let c = contact(1, "Анна", &["+7 916 123-45-67"], &["anna@mail.ru"]);
    let search = CandidateSearch::for_contact(&c).unwrap();
    let phoned = |order_id: u64| hit(order_id, "", "+79161234567");
    let hits = vec![
        (
            "phone0".to_string(),
            vec![phoned(30), phoned(31), phoned(32)],
        ),
        ("email0".to_string(), vec![hit(30, "", "anna@mail.ru")]),
    ];
    let orders = vec![vec![
        order(30, json!({}), vec![]),
        order(31, json!({"deducted": "Y"}), vec![]),
        order(32, json!({"canceled": "Y"}), vec![]),
    ]];
    let found: Vec<u64> = search
        .candidates(&hits, &orders)
        .into_iter()
        .map(|c| c.order.id)
        .collect();
    assert_eq!(found, vec![30, 31, 32]);
}

#[test]
fn property_hits_read_the_documented_shape() {
    let hits: Vec<PropertyHit> = from(json!([
        {"code": "PHONE", "id": 10774, "name": "Phone", "orderId": 1650, "orderPropsId": 20, "value": "+7 916"},
        {"code": "EMAIL", "orderId": "1651", "value": null}
    ]));
    assert_eq!(hits[0].order_id, 1650);
    assert_eq!(hits[1].order_id, 1651);
    assert_eq!(hits[1].value, None);
}

#[test]
fn duplicate_searches_send_normalised_values_at_most_twenty() {
    let phones: Vec<Phone> = (0..25).map(|i| phone(&format!("+7916123{i:04}"))).collect();
    let call = duplicate_phone_call(&phones);
    assert_eq!(call.method, "crm.duplicate.findbycomm");
    assert_eq!(call.params["values"].as_array().unwrap().len(), 20);
    assert_eq!(call.params["type"], "PHONE");
    let e = duplicate_email_call(&[Email::parse("A@B.ru").unwrap()]);
    assert_eq!(
        e.params,
        json!({"type": "EMAIL", "values": ["a@b.ru"], "entity_type": "CONTACT"})
    );
}

#[test]
fn a_buyer_with_no_phone_or_email_of_the_contact_is_someone_else() {
    let buyer = |phone: Option<&str>, email: Option<&str>| Buyer {
        name: Some("Другой Покупатель".into()),
        phone: phone.map(str::to_owned),
        email: email.map(str::to_owned),
    };
    let jane = contact(5, "Jane", &["+7 916 123-45-67"], &["jane@doe.de"]);
    // Another phone and another e-mail: someone else.
    assert!(other_buyer(
        &buyer(Some("+7 999 000-00-00"), Some("other@buyer.ru")),
        &jane
    ));
    // One shared channel is enough, in any spelling.
    assert!(!other_buyer(
        &buyer(Some("8 (916) 123 45 67"), Some("other@buyer.ru")),
        &jane
    ));
    assert!(!other_buyer(&buyer(None, Some("JANE@doe.de")), &jane));
    // Nothing to compare: no claim.
    let phone_only = contact(6, "Ivan", &["+7 916 000-00-00"], &[]);
    assert!(!other_buyer(
        &buyer(None, Some("other@buyer.ru")),
        &phone_only
    ));
    assert!(!other_buyer(&buyer(None, None), &jane));
}

#[test]
fn an_order_found_by_number_names_its_buyer_by_fio_else_by_name_and_last_name() {
    let hits = [
        hit(1, "PHONE", "+7 999 000-00-00"),
        hit(1, "FIO", " Анна Смирнова "),
        hit(1, "NAME", "Анна"),
        hit(2, "name", "John"),
        hit(2, "LAST_NAME", "Smith"),
        hit(3, "FIO", "  "),
        hit(3, "EMAIL", "x@y.ru"),
    ];
    assert_eq!(buyer_name_in(1, &hits).as_deref(), Some("Анна Смирнова"));
    assert_eq!(buyer_name_in(2, &hits).as_deref(), Some("John Smith"));
    // A blank name is no name; another order's name is not this one's.
    assert_eq!(buyer_name_in(3, &hits), None);
    assert_eq!(buyer_name_in(4, &hits), None);
}

#[test]
fn a_full_page_of_hits_says_older_orders_may_be_left_out() {
    let hit = |order_id: u64| PropertyHit {
        order_id,
        code: "PHONE".into(),
        value: Some("+79161234567".into()),
    };
    let few = vec![("phone0".to_owned(), (1..=3).map(hit).collect())];
    assert!(!CandidateSearch::may_have_more(&few));
    let full = vec![
        ("phone0".to_owned(), vec![hit(1)]),
        ("email0".to_owned(), (1..=50).map(hit).collect()),
    ];
    assert!(CandidateSearch::may_have_more(&full));
}

#[test]
fn a_contact_with_only_a_short_phone_has_means_but_nothing_to_search_by() {
    let short = contact(1, "Short", &["112"], &[" "]);
    assert!(has_any_means(&short), "the card shows 112");
    assert!(
        CandidateSearch::for_contact(&short).is_none(),
        "112 is searched for by nobody"
    );
    let bare = contact(2, "Bare", &[" "], &[]);
    assert!(!has_any_means(&bare));
    let mailed = contact(3, "Mailed", &[], &["a@b.ru"]);
    assert!(has_any_means(&mailed) && CandidateSearch::for_contact(&mailed).is_some());
}

#[test]
fn an_order_found_by_number_is_the_contacts_by_phone_or_email_or_anothers() {
    use crate::model::contacts::search::{BuyerIs, buyer_of};
    let contact: bitrix_rest::models::crm::Contact = serde_json::from_value(json!({
        "ID": "7", "PHONE": [{"VALUE": "+7 916 123-45-67", "VALUE_TYPE": "MOBILE"}],
        "EMAIL": [{"VALUE": "ivan@example.ru", "VALUE_TYPE": "WORK"}]
    }))
    .unwrap();
    let hits = [
        hit(1, "PHONE", "8 (916) 123-45-67"),
        hit(2, "EMAIL", "IVAN@example.ru"),
        hit(3, "PHONE", "+7 903 000-00-00"),
        hit(3, "EMAIL", "other@example.ru"),
    ];
    let of = |id| buyer_of(Some(&contact), id, &hits);
    assert_eq!(of(1), BuyerIs::Contact(MatchedOn::Phone));
    assert_eq!(of(2), BuyerIs::Contact(MatchedOn::Email));
    assert_eq!(of(3), BuyerIs::Other, "another buyer");
    assert_eq!(of(4), BuyerIs::Unknown, "the buyer has nothing to tell by");
    assert_eq!(
        buyer_of(None, 3, &hits),
        BuyerIs::Unknown,
        "a deal without a contact"
    );
    // A contact without an e-mail tells nothing about a buyer known by an e-mail only: no
    // claim that it is someone else.
    let phoned: bitrix_rest::models::crm::Contact = serde_json::from_value(json!({
        "ID": "8", "PHONE": [{"VALUE": "+7 916 123-45-67", "VALUE_TYPE": "MOBILE"}]
    }))
    .unwrap();
    assert_eq!(buyer_of(Some(&phoned), 2, &hits), BuyerIs::Unknown);
    assert_eq!(
        buyer_of(Some(&phoned), 3, &hits),
        BuyerIs::Other,
        "its phone is another's"
    );
}
