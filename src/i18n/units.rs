//! Units of measure in the rep's language. The CRM writes a row's unit in the portal's own
//! language (`шт`); its OKEI code says what it is, so an English tab can name the common ones.

use bitrix_rest::Decimal;

use super::Lang;
use crate::model::money::{NumberStyle, format_quantity};
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
/// (singular after exactly one: "1 pc", "2 pcs"); otherwise the CRM's own name.
pub fn unit_name(quantity: Decimal, unit: &Unit, lang: Lang) -> String {
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
