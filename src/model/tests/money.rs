use crate::model::money::{NBSP, NumberStyle, currency_sign, format_money, format_quantity};

use super::fixtures::d;

#[test]
fn russian_money_groups_with_no_break_spaces_and_a_decimal_comma() {
    assert_eq!(
        format_money(d("1176"), "RUB", NumberStyle::Ru),
        format!("1{NBSP}176,00{NBSP}₽")
    );
    assert_eq!(
        format_money(d("1234567.891"), "USD", NumberStyle::Ru),
        format!("1{NBSP}234{NBSP}567,89{NBSP}$")
    );
    assert_eq!(
        format_money(d("0.5"), "EUR", NumberStyle::Ru),
        format!("0,50{NBSP}€")
    );
}

#[test]
fn english_money_puts_the_sign_first_with_comma_groups() {
    assert_eq!(
        format_money(d("1176.00"), "RUB", NumberStyle::En),
        "₽1,176.00"
    );
    assert_eq!(
        format_money(d("999.995"), "USD", NumberStyle::En),
        "$1,000.00"
    );
    assert_eq!(format_money(d("12"), "usd", NumberStyle::En), "$12.00");
}

#[test]
fn negative_amounts_use_the_minus_sign_before_everything() {
    assert_eq!(
        format_money(d("-5.5"), "USD", NumberStyle::En),
        "\u{2212}$5.50"
    );
    assert_eq!(
        format_money(d("-1500"), "RUB", NumberStyle::Ru),
        format!("\u{2212}1{NBSP}500,00{NBSP}₽")
    );
    assert_eq!(format_money(d("-0.001"), "RUB", NumberStyle::En), "₽0.00");
}

#[test]
fn unknown_currencies_show_their_code_after_the_number() {
    assert_eq!(
        format_money(d("1176"), "KGS", NumberStyle::En),
        format!("1,176.00{NBSP}KGS")
    );
    assert_eq!(
        format_money(d("1176"), "kgs", NumberStyle::Ru),
        format!("1{NBSP}176,00{NBSP}KGS")
    );
    assert_eq!(format_money(d("3"), "", NumberStyle::En), "3.00");
    assert_eq!(currency_sign("RUR"), Some("₽"));
    assert_eq!(currency_sign("XYZ"), None);
}

#[test]
fn equal_values_of_different_scales_format_the_same() {
    assert_eq!(
        format_money(d("1176"), "RUB", NumberStyle::Ru),
        format_money(d("1176.0000"), "RUB", NumberStyle::Ru)
    );
}

#[test]
fn quantities_drop_trailing_zeros_and_use_the_languages_mark() {
    assert_eq!(format_quantity(d("2.000"), NumberStyle::Ru), "2");
    assert_eq!(format_quantity(d("1.250"), NumberStyle::Ru), "1,25");
    assert_eq!(format_quantity(d("1.250"), NumberStyle::En), "1.25");
    assert_eq!(format_quantity(d("12500"), NumberStyle::En), "12,500");
    assert_eq!(format_quantity(d("-0.5"), NumberStyle::En), "\u{2212}0.5");
    assert_eq!(format_quantity(d("0"), NumberStyle::Ru), "0");
}

#[test]
fn languages_choose_russian_or_english_style() {
    assert_eq!(NumberStyle::for_lang("ru"), NumberStyle::Ru);
    assert_eq!(NumberStyle::for_lang(" UA "), NumberStyle::Ru);
    assert_eq!(NumberStyle::for_lang("en"), NumberStyle::En);
    assert_eq!(NumberStyle::for_lang("de"), NumberStyle::En);
    assert_eq!(NumberStyle::for_lang(""), NumberStyle::En);
}
