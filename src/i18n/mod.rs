//! The rep's language: every sentence StoreLink shows, in Russian and English.
//!
//! One module per area of the app, each with one struct of sentences and a Russian and an
//! English instance side by side, so a missing translation does not compile. Templates carry
//! numbered holes (`{0}`, `{1}`) filled by [`fill`].

mod dates;
mod deal;
mod difference;
pub mod errors;
mod lookup;
mod settings;
mod shell;
mod units;

pub use dates::{format_datetime, moment};
pub use deal::DealTexts;
pub use difference::{Names, difference_sentence, uncompared_sentences, variant_sentence};
pub use lookup::LookupTexts;
pub use settings::SettingsTexts;
pub use shell::ShellTexts;
pub use units::{quantity_with_unit, unit_name, unit_per, unit_word};

/// "StoreLink's administrator: Anna Smirnova.": the line that names who a rep is told to ask;
/// nothing when no one is known.
pub fn admin_named(lang: Lang, name: Option<&str>) -> Option<String> {
    name.map(|name| fill(lang.shell().admin_named, &[name]))
}

/// A language StoreLink speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    /// The language for a Bitrix24 `LANG` code or a browser locale: Russian for `ru`, English
    /// for everything else (a Ukrainian or Kazakh interface gets English, not Russian).
    pub fn from_code(code: &str) -> Lang {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// The ISO code (`ru`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// Replaces `{0}`, `{1}`, … in `template` with `args`. An argument written right to left
/// (a Hebrew deal title, an Arabic warehouse) is isolated, so it keeps its own direction
/// without carrying the sentence's quotes and numbers along: «הזמנה 505» (#8), not (#8) «505».
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((digits, close))
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let index: usize = digits.parse().unwrap_or(usize::MAX);
                let arg = args.get(index).copied().unwrap_or("");
                // Inside «…», a name's own «quotes» become „these“, as Russian nests them
                // (««Диван «Осло»»» reads as «Диван „Осло“»).
                let quoted = out.ends_with('«') && after[close + 1..].starts_with('»');
                let nested;
                let arg = match quoted && arg.contains(['«', '»']) {
                    true => {
                        nested = arg.replace('«', "„").replace('»', "“");
                        nested.as_str()
                    }
                    false => arg,
                };
                match arg.chars().any(right_to_left) {
                    // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
                    true => {
                        out.push('\u{2068}');
                        out.push_str(arg);
                        out.push('\u{2069}');
                    }
                    false => out.push_str(arg),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A letter of a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms).
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitrix_language_codes_pick_russian_or_fall_back_to_english() {
        assert_eq!(Lang::from_code("ru"), Lang::Ru);
        assert_eq!(Lang::from_code("ru-RU"), Lang::Ru);
        assert_eq!(Lang::from_code("ua"), Lang::En);
        assert_eq!(Lang::from_code("kz"), Lang::En);
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("de"), Lang::En);
        assert_eq!(Lang::from_code(""), Lang::En);
    }

    #[test]
    fn fill_puts_arguments_into_numbered_holes() {
        assert_eq!(fill("{0} of {1}", &["3", "5"]), "3 of 5");
        assert_eq!(fill("{1}-{0}-{1}", &["a", "b"]), "b-a-b");
        assert_eq!(fill("{x} {", &["a"]), "{x} {");
        assert_eq!(fill("missing {3}", &["a"]), "missing ");
    }

    #[test]
    fn right_to_left_arguments_are_isolated_and_others_left_as_they_are() {
        assert_eq!(
            fill("«{0}» (#{1})", &["הזמנה 505", "8"]),
            "«\u{2068}הזמנה 505\u{2069}» (#8)"
        );
        assert_eq!(
            fill("{0}: {1}", &["مستودع دبي", "2"]),
            "\u{2068}مستودع دبي\u{2069}: 2"
        );
        assert_eq!(fill("«{0}»", &["Склад 普洱"]), "«Склад 普洱»");
    }

    #[test]
    fn quotes_inside_a_quoted_name_nest_as_russian_writes_them() {
        assert_eq!(
            fill("«{0}»: цена", &["Ткань «Бархат» изумруд"]),
            "«Ткань „Бархат“ изумруд»: цена"
        );
        // Not quoted by the template: the name stays as it is.
        assert_eq!(fill("{0}", &["Диван «Осло»"]), "Диван «Осло»");
    }
}
