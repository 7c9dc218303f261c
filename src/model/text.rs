//! Lower-casing text for comparison (the lookup's ranking, e-mail addresses).
//!
//! In the browser the JS engine's `String.prototype.toLowerCase` does it: Rust's own
//! `str::to_lowercase` brings its Unicode case tables into the wasm bundle. Both apply
//! Unicode's default full case mapping (`ß` stays, `İ` becomes `i̇`, a final `Σ` becomes `ς`);
//! natively, and so in the model's tests, Rust's is used.

/// `text` in lower case.
pub fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

/// Latin letters with accents (lower case) and the letter each is read as: MySQL's collations
/// that Bitrix runs on hold them equal (`avene` finds `Avène`).
const ACCENTED: [(&str, char); 12] = [
    ("àáâãäåāă", 'a'),
    ("çćč", 'c'),
    ("ďđ", 'd'),
    ("èéêëēěę", 'e'),
    ("ìíîïī", 'i'),
    ("ñńň", 'n'),
    ("òóôõöøō", 'o'),
    ("ùúûüūů", 'u'),
    ("ýÿ", 'y'),
    ("śšş", 's'),
    ("źżž", 'z'),
    ("ř", 'r'),
];

/// Lower-case `text` with its accented Latin letters read plain (`l'oréal` → `l'oreal`).
pub fn unaccented(text: &str) -> String {
    text.chars()
        .map(|c| {
            ACCENTED
                .iter()
                .find(|(accented, _)| accented.contains(c))
                .map_or(c, |(_, plain)| *plain)
        })
        .collect()
}

/// Text as the rep meant it when it came from a paste (a Word document, a messenger, a web
/// page): invisible characters (zero-width spaces and joiners, soft hyphens, byte-order marks)
/// dropped, non-breaking spaces read as spaces, and the dashes and minus signs people's
/// editors put in codes (`SR–0111`, a non-breaking `A‑17`) read as `-`.
pub fn pasted(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
        })
        .map(|c| match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod pasted_tests {
    use super::pasted;

    #[test]
    fn pasted_codes_lose_invisible_characters_and_their_dashes_become_hyphens() {
        assert_eq!(pasted("\u{200B}205"), "205");
        assert_eq!(pasted("SR\u{2013}0111\u{00A0}5"), "SR-0111 5");
        assert_eq!(pasted("A\u{2011}17\u{FEFF}"), "A-17");
        assert_eq!(pasted("Кофе − 250 г"), "Кофе - 250 г");
        assert_eq!(pasted("plain text"), "plain text");
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::lowercase;

    #[wasm_bindgen_test]
    fn the_browser_lower_cases_like_rust() {
        for text in [
            "Турка Медная ЁЛКА",
            "Anna.P@Mail.RU",
            "ΟΔΟΣ ΣΑΣ",
            "İstanbul",
            "STRASSE ẞ",
            "ǅ Ǆ",
            "",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }
}
