//! Units of measure in the rep's language. The CRM writes a row's unit in the portal's own
//! language (`шт`); its OKEI code says what it is, so an English tab can name the common ones.

use bitrix_rest::Decimal;

use super::Lang;

/// The unit to show after `quantity`: for English, the English name of a common OKEI code
/// (singular after exactly one: "1 pc", "2 pcs"); otherwise the CRM's own name.
pub fn unit_name(quantity: Decimal, code: Option<u64>, crm_name: &str, lang: Lang) -> String {
    let one = quantity == Decimal::from(1);
    let english = match (lang, code) {
        (Lang::En, Some(796)) if one => Some("pc"),
        (Lang::En, Some(715)) if one => Some("pair"),
        (Lang::En, Some(778)) if one => Some("pack"),
        (Lang::En, Some(839)) if one => Some("set"),
        (Lang::En, Some(796)) => Some("pcs"),
        (Lang::En, Some(163)) => Some("g"),
        (Lang::En, Some(166)) => Some("kg"),
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
    english.map_or_else(|| crm_name.trim().to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_the_common_units_and_keeps_the_others() {
        let two = Decimal::from(2);
        assert_eq!(unit_name(two, Some(796), "шт", Lang::En), "pcs");
        assert_eq!(unit_name(two, Some(166), "кг", Lang::En), "kg");
        assert_eq!(unit_name(two, Some(796), "шт", Lang::Ru), "шт");
        assert_eq!(unit_name(two, Some(999), "бухта", Lang::En), "бухта");
        assert_eq!(unit_name(two, None, " уп. ", Lang::En), "уп.");
    }

    #[test]
    fn one_piece_is_singular_in_english() {
        assert_eq!(unit_name(Decimal::from(1), Some(796), "шт", Lang::En), "pc");
        assert_eq!(
            unit_name(Decimal::from(1), Some(778), "уп", Lang::En),
            "pack"
        );
        assert_eq!(unit_name(Decimal::from(1), Some(166), "кг", Lang::En), "kg");
        let half = "0.5".parse().unwrap();
        assert_eq!(unit_name(half, Some(796), "шт", Lang::En), "pcs");
        assert_eq!(unit_name(Decimal::from(1), Some(796), "шт", Lang::Ru), "шт");
    }
}
