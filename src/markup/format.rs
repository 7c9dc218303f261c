//! Numbers, money and dates in the rep's style, for every screen of the tab.

use bitrix_rest::Decimal;

use crate::i18n::{Lang, format_datetime};
use crate::model::money::{NumberStyle, format_money, format_quantity};

/// Formats for one language.
#[derive(Debug, Clone, Copy)]
pub struct Fmt {
    pub lang: Lang,
    style: NumberStyle,
    /// The rep's offset from UTC at a moment, where the browser tells it.
    local_offset: Option<fn(i64) -> i32>,
}

impl Fmt {
    pub fn new(lang: Lang) -> Fmt {
        Fmt {
            lang,
            style: NumberStyle::for_lang(lang.code()),
            local_offset: browser_offset(),
        }
    }

    pub fn money(&self, amount: Decimal, currency: &str) -> String {
        format_money(amount, currency, self.style)
    }

    pub fn qty(&self, quantity: Decimal) -> String {
        format_quantity(quantity, self.style)
    }

    pub fn date(&self, iso: &str) -> String {
        format_datetime(iso, self.lang, self.local_offset)
    }
}

/// The browser's offset from UTC in minutes at a moment (seconds since the epoch), summer
/// time included.
#[cfg(target_arch = "wasm32")]
fn browser_offset() -> Option<fn(i64) -> i32> {
    Some(|seconds| {
        let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
        -(at.get_timezone_offset() as i32)
    })
}

/// Outside the browser (native tests) times show as the server wrote them.
#[cfg(not(target_arch = "wasm32"))]
fn browser_offset() -> Option<fn(i64) -> i32> {
    None
}

/// A plain number for machine-readable hooks (`12`, `1.5`): no grouping, no trailing zeros.
pub fn plain(n: Decimal) -> String {
    n.normalized().to_string()
}
