//! Units of measure in the rep's language. The CRM writes a row's unit in the portal's own
//! language (`шт`); its OKEI code says what it is, so an English tab can name the common ones.

use super::Lang;

/// The unit to show for a row: for English, the English name of a common OKEI code; otherwise
/// the CRM's own name.
pub fn unit_name(code: Option<u64>, crm_name: &str, lang: Lang) -> String {
    let english = match (lang, code) {
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
        assert_eq!(unit_name(Some(796), "шт", Lang::En), "pcs");
        assert_eq!(unit_name(Some(166), "кг", Lang::En), "kg");
        assert_eq!(unit_name(Some(796), "шт", Lang::Ru), "шт");
        assert_eq!(unit_name(Some(999), "бухта", Lang::En), "бухта");
        assert_eq!(unit_name(None, " уп. ", Lang::En), "уп.");
    }
}
