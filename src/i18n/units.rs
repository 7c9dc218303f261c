//! Units of measure in the rep's language. The CRM writes a row's unit in the portal's own
//! language (`шт`); its OKEI code says what it is, so an English tab can name the common ones.

use bitrix_rest::Decimal;

use super::Lang;
use crate::model::money::{NumberStyle, format_quantity};
use crate::model::text::lowercase;
use crate::model::unit::Unit;

/// `quantity` in the rep's number style followed by its unit ("2 шт", "1 pc", "0,5 кг"), or
/// the bare number when the record names no unit.
pub fn quantity_with_unit(quantity: Decimal, unit: &Unit, lang: Lang) -> String {
    let number = format_quantity(quantity, NumberStyle::for_lang(lang.code()));
    let name = unit_name(quantity, unit, lang);
    if name.is_empty() {
        number
    } else {
        format!("{number} {name}")
    }
}

/// The unit to show after `quantity`: for English, the English name of a common OKEI code
/// (singular after exactly one: "1 pc", "2 pcs"); otherwise the CRM's own name, in Russian
/// declined after the number when it is a whole word ("2 набора", "5 пар", "1,5 упаковки").
pub fn unit_name(quantity: Decimal, unit: &Unit, lang: Lang) -> String {
    if lang == Lang::Ru {
        return russian_form(russian_name(unit), russian_case(quantity));
    }
    let one = quantity == Decimal::from(1);
    let english = match (lang, unit.code) {
        (Lang::En, Some(796)) if one => Some("pc"),
        (Lang::En, Some(715)) if one => Some("pair"),
        (Lang::En, Some(778)) if one => Some("pack"),
        (Lang::En, Some(839)) if one => Some("set"),
        (Lang::En, Some(796)) => Some("pcs"),
        (Lang::En, Some(163)) => Some("g"),
        (Lang::En, Some(166)) => Some("kg"),
        (Lang::En, Some(168)) => Some("t"),
        (Lang::En, Some(4)) => Some("cm"),
        (Lang::En, Some(18)) => Some("running m"),
        (Lang::En, Some(111)) => Some("ml"),
        (Lang::En, Some(112)) => Some("l"),
        (Lang::En, Some(6)) => Some("m"),
        (Lang::En, Some(55)) => Some("m²"),
        (Lang::En, Some(113)) => Some("m³"),
        (Lang::En, Some(715)) => Some("pairs"),
        (Lang::En, Some(778)) => Some("packs"),
        (Lang::En, Some(839)) => Some("sets"),
        _ => None,
    };
    english.map_or_else(|| unit.name.trim().to_owned(), str::to_owned)
}

/// The unit's own name, or for a unit named by code alone its usual Russian short name.
fn russian_name(unit: &Unit) -> &str {
    match unit.name.trim() {
        "" => unit.code.and_then(russian_short_name).unwrap_or_default(),
        name => name,
    }
}

/// The usual Russian short name of a common OKEI code, for a record that names its unit by
/// code alone (a store's units as a fresh install has them).
fn russian_short_name(code: u64) -> Option<&'static str> {
    Some(match code {
        796 => "шт",
        163 => "г",
        166 => "кг",
        168 => "т",
        4 => "см",
        18 => "пог. м",
        111 => "мл",
        112 => "л",
        6 => "м",
        55 => "м²",
        113 => "м³",
        715 => "пар",
        778 => "упак",
        839 => "компл",
        _ => return None,
    })
}

/// The unit a price is given for, as said after "per": "за пару", "per pair".
pub fn unit_per(unit: &Unit, lang: Lang) -> String {
    match lang {
        Lang::Ru => russian_form(russian_name(unit), ACCUSATIVE),
        _ => unit_name(Decimal::from(1), unit, lang),
    }
}

/// The unit named as a word alone, in a sentence about it: «набор», "pcs".
pub fn unit_word(unit: &Unit, lang: Lang) -> String {
    match lang {
        Lang::Ru => russian_form(russian_name(unit), NOMINATIVE),
        _ => unit_name(Decimal::from(2), unit, lang),
    }
}

/// Russian unit names written as whole words, in the forms a number asks for: after 1 (and 21,
/// 31…), after 2–4 and fractions, after 5–20, and after "за" (accusative). Abbreviations
/// (`шт`, `кг`, `упак`) do not change and are not listed.
const RUSSIAN_FORMS: &[[&str; 4]] = &[
    ["штука", "штуки", "штук", "штуку"],
    ["пара", "пары", "пар", "пару"],
    ["набор", "набора", "наборов", "набор"],
    ["комплект", "комплекта", "комплектов", "комплект"],
    ["упаковка", "упаковки", "упаковок", "упаковку"],
    ["коробка", "коробки", "коробок", "коробку"],
    ["пачка", "пачки", "пачек", "пачку"],
    ["бутылка", "бутылки", "бутылок", "бутылку"],
    ["банка", "банки", "банок", "банку"],
    ["рулон", "рулона", "рулонов", "рулон"],
    ["лист", "листа", "листов", "лист"],
    ["мешок", "мешка", "мешков", "мешок"],
    ["ящик", "ящика", "ящиков", "ящик"],
    ["флакон", "флакона", "флаконов", "флакон"],
    ["метр", "метра", "метров", "метр"],
    ["литр", "литра", "литров", "литр"],
    ["грамм", "грамма", "граммов", "грамм"],
    ["килограмм", "килограмма", "килограммов", "килограмм"],
    ["тонна", "тонны", "тонн", "тонну"],
    ["единица", "единицы", "единиц", "единицу"],
    ["место", "места", "мест", "место"],
    ["услуга", "услуги", "услуг", "услугу"],
    ["час", "часа", "часов", "час"],
];

/// Which of a unit's forms follows `quantity` in Russian: 0 after 1, 21, 31…; 1 after 2–4,
/// 22–24… and after a fraction (1,5 набора); 2 otherwise (5 наборов, 11 наборов).
fn russian_case(quantity: Decimal) -> usize {
    let whole = quantity.trunc();
    if Decimal::from(whole) != quantity {
        return 1;
    }
    let n = whole.unsigned_abs();
    match (n % 10, n % 100) {
        (1, h) if h != 11 => 0,
        (2..=4, h) if !(12..=14).contains(&h) => 1,
        _ => 2,
    }
}

/// The form after 1 (the word alone) and the one after "за", in [`RUSSIAN_FORMS`].
const NOMINATIVE: usize = 0;
const ACCUSATIVE: usize = 3;

/// `name` in its form number `form`, when it is a whole word listed above (its capital
/// kept: every form starts with the word's own first letter); otherwise `name` as it is.
fn russian_form(name: &str, form: usize) -> String {
    let lower = lowercase(name);
    let Some(forms) = RUSSIAN_FORMS.iter().find(|f| f[0] == lower) else {
        return name.to_owned();
    };
    let form = forms[form];
    match (name.chars().next(), form.chars().next()) {
        (Some(first), Some(own)) => {
            let mut out = String::from(first);
            out.push_str(&form[own.len_utf8()..]);
            out
        }
        _ => form.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: Option<u64>, name: &str) -> Unit {
        Unit {
            name: name.to_owned(),
            code,
        }
    }

    #[test]
    fn english_names_the_common_units_and_keeps_the_others() {
        let two = Decimal::from(2);
        assert_eq!(unit_name(two, &unit(Some(796), "шт"), Lang::En), "pcs");
        assert_eq!(unit_name(two, &unit(Some(166), "кг"), Lang::En), "kg");
        assert_eq!(unit_name(two, &unit(Some(168), "т"), Lang::En), "t");
        assert_eq!(unit_name(two, &unit(Some(796), "шт"), Lang::Ru), "шт");
        assert_eq!(unit_name(two, &unit(Some(999), "бухта"), Lang::En), "бухта");
        assert_eq!(unit_name(two, &unit(None, " уп. "), Lang::En), "уп.");
    }

    #[test]
    fn one_piece_is_singular_in_english() {
        assert_eq!(
            unit_name(Decimal::from(1), &unit(Some(796), "шт"), Lang::En),
            "pc"
        );
        assert_eq!(
            unit_name(Decimal::from(1), &unit(Some(778), "уп"), Lang::En),
            "pack"
        );
        assert_eq!(
            unit_name(Decimal::from(1), &unit(Some(166), "кг"), Lang::En),
            "kg"
        );
        let half = "0.5".parse().unwrap();
        assert_eq!(unit_name(half, &unit(Some(796), "шт"), Lang::En), "pcs");
        assert_eq!(
            unit_name(Decimal::from(1), &unit(Some(796), "шт"), Lang::Ru),
            "шт"
        );
    }

    #[test]
    fn russian_unit_words_follow_the_number() {
        let set = unit(Some(839), "набор");
        let pair = unit(Some(715), "Пара");
        let said = |q: &str, u: &Unit| quantity_with_unit(q.parse().unwrap(), u, Lang::Ru);
        assert_eq!(said("1", &set), "1 набор");
        assert_eq!(said("2", &set), "2 набора");
        assert_eq!(said("5", &set), "5 наборов");
        assert_eq!(said("11", &set), "11 наборов");
        assert_eq!(said("12", &set), "12 наборов");
        assert_eq!(said("21", &set), "21 набор");
        assert_eq!(said("22", &set), "22 набора");
        assert_eq!(said("111", &set), "111 наборов");
        assert_eq!(said("0", &set), "0 наборов");
        assert_eq!(said("1.5", &set), "1,5 набора");
        assert_eq!(said("0.5", &pair), "0,5 Пары", "a capital is kept");
        assert_eq!(said("5", &unit(Some(778), "упаковка")), "5 упаковок");
        assert_eq!(
            said("5", &unit(Some(796), "шт")),
            "5 шт",
            "abbreviations stay"
        );
        assert_eq!(
            said("3", &unit(None, "бухта")),
            "3 бухта",
            "unknown words stay"
        );
    }

    #[test]
    fn a_unit_named_by_code_alone_is_named_in_either_language() {
        let kg = unit(Some(166), "");
        let q = "0.3".parse().unwrap();
        assert_eq!(quantity_with_unit(q, &kg, Lang::Ru), "0,3 кг");
        assert_eq!(quantity_with_unit(q, &kg, Lang::En), "0.3 kg");
        assert_eq!(quantity_with_unit(q, &unit(Some(999), ""), Lang::Ru), "0,3");
    }

    #[test]
    fn a_unit_alone_is_in_the_nominative_or_the_english_plural() {
        assert_eq!(unit_word(&unit(Some(839), "набор"), Lang::Ru), "набор");
        assert_eq!(unit_word(&unit(Some(715), "Пара"), Lang::Ru), "Пара");
        assert_eq!(unit_word(&unit(Some(796), ""), Lang::Ru), "шт");
        assert_eq!(unit_word(&unit(Some(796), "шт"), Lang::En), "pcs");
    }

    #[test]
    fn a_price_is_per_the_unit_in_the_accusative() {
        assert_eq!(unit_per(&unit(Some(715), "пара"), Lang::Ru), "пару");
        assert_eq!(unit_per(&unit(Some(168), "тонна"), Lang::Ru), "тонну");
        assert_eq!(unit_per(&unit(Some(166), "кг"), Lang::Ru), "кг");
        assert_eq!(unit_per(&unit(Some(715), "пара"), Lang::En), "pair");
        assert_eq!(unit_per(&unit(Some(112), "л"), Lang::En), "l");
    }

    #[test]
    fn a_quantity_reads_with_its_unit_in_the_reps_number_style() {
        let half_kg = unit(Some(166), "кг");
        let q = "1.5".parse().unwrap();
        assert_eq!(quantity_with_unit(q, &half_kg, Lang::Ru), "1,5 кг");
        assert_eq!(quantity_with_unit(q, &half_kg, Lang::En), "1.5 kg");
        assert_eq!(
            quantity_with_unit(Decimal::from(1), &unit(Some(796), "шт"), Lang::En),
            "1 pc"
        );
        assert_eq!(
            quantity_with_unit(Decimal::from(3), &unit(None, ""), Lang::Ru),
            "3"
        );
    }
}
