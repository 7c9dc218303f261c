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
