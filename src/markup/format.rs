//! Numbers, money and dates in the rep's style, for every screen of the tab.

use bitrix_rest::Decimal;

use crate::i18n::{Lang, format_datetime};
use crate::model::money::{NumberStyle, format_money, format_quantity};

/// Formats for one language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fmt {
    pub lang: Lang,
    style: NumberStyle,
}

impl Fmt {
    pub fn new(lang: Lang) -> Fmt {
        Fmt {
            lang,
            style: NumberStyle::for_lang(lang.code()),
        }
    }

    pub fn money(&self, amount: Decimal, currency: &str) -> String {
        format_money(amount, currency, self.style)
    }

    pub fn qty(&self, quantity: Decimal) -> String {
        format_quantity(quantity, self.style)
    }

    pub fn date(&self, iso: &str) -> String {
        format_datetime(iso, self.lang)
    }
}

/// A plain number for machine-readable hooks (`12`, `1.5`): no grouping, no trailing zeros.
pub fn plain(n: Decimal) -> String {
    n.normalized().to_string()
}
