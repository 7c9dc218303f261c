//! The portal's interface words in Russian and English.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    pub fn parse(text: Option<&str>) -> Lang {
        match text {
            // No language, or Russian: the portal's own.
            None => Lang::Ru,
            Some(t) if t.eq_ignore_ascii_case("ru") => Lang::Ru,
            // Any other: the pages in English (the sandbox speaks no third language).
            Some(_) => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// A word of the interface.
    pub fn t(self, key: &str) -> &'static str {
        let (ru, en) = match key {
            "deals" => ("Сделки", "Deals"),
            "crm" => ("CRM", "CRM"),
            "applications" => ("Приложения", "Applications"),
            "deal" => ("Сделка", "Deal"),
            "title" => ("Название", "Title"),
            "stage" => ("Стадия", "Stage"),
            "pipeline" => ("Воронка", "Pipeline"),
            "sum" => ("Сумма", "Amount"),
            "contact" => ("Контакт", "Contact"),
            "responsible" => ("Ответственный", "Responsible"),
            "modified" => ("Изменена", "Modified"),
            "general" => ("Общие", "General"),
            "products" => ("Товары", "Products"),
            "product" => ("Товар", "Product"),
            "price" => ("Цена", "Price"),
            "quantity" => ("Количество", "Quantity"),
            "total" => ("Итого", "Total"),
            "about" => ("О сделке", "About the deal"),
            "no_rows" => ("Товаров нет", "No products"),
            "not_found" => ("Сделка не найдена", "Deal not found"),
            "user" => ("Пользователь", "User"),
            "language" => ("Язык", "Language"),
            "admin" => ("администратор", "administrator"),
            "rep" => ("менеджер", "sales rep"),
            "page" => ("Страница", "Page"),
            "app_not_installed" => ("Приложение не установлено", "The app is not installed"),
            "installing" => ("Установка приложения", "Installing the app"),
            "all_deals" => ("Все сделки", "All deals"),
            "search" => ("поиск", "search"),
            _ => ("", ""),
        };
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// `1 176,00 ₽` / `1,176.00 RUB`
pub fn money(lang: Lang, amount: f64, currency: &str) -> String {
    let whole = amount.trunc().abs() as u64;
    let cents = ((amount.abs() - amount.abs().trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let (group, decimal) = match lang {
        Lang::Ru => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let symbol = match (lang, currency) {
        (Lang::Ru, "RUB") => "₽".to_string(),
        (_, c) => c.to_string(),
    };
    format!("{sign}{grouped}{decimal}{cents:02}\u{a0}{symbol}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_as_each_language_does() {
        assert_eq!(money(Lang::Ru, 1176.0, "RUB"), "1\u{a0}176,00\u{a0}₽");
        assert_eq!(money(Lang::En, 1234567.5, "RUB"), "1,234,567.50\u{a0}RUB");
    }
}
