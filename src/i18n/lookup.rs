//! Sentences of the quick stock lookup.

use super::Lang;

impl Lang {
    /// The lookup's sentences in this language.
    pub fn lookup(self) -> &'static LookupTexts {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

/// The sentences of the quick stock lookup.
pub struct LookupTexts {
    pub label: &'static str,
    pub placeholder: &'static str,
    pub hint: &'static str,
    pub too_short: &'static str,
    pub clear: &'static str,
    pub searching: &'static str,
    pub updating: &'static str,
    /// The store is slow to answer a search.
    pub waiting_store: &'static str,
    /// The store asked to slow down: the search waits and is tried again.
    pub waiting_limit: &'static str,
    /// The store failed to answer a search, which is tried again.
    pub waiting_retry: &'static str,
    /// `{0}`: how many results.
    pub found: &'static str,
    /// A result's details opened, said for screen readers: `{0}` its name, then on hand,
    /// reserved and free in the shown warehouses together.
    pub details_said: &'static str,
    /// The details table's first column: the warehouses.
    pub warehouse: &'static str,
    /// `{0}`: how many results shown.
    pub capped: &'static str,
    /// More matched than shown, for a query of more words than the store searches by: {0} shown,
    /// {1} the words searched, each quoted.
    pub capped_words: &'static str,
    /// One word the store searched for, quoted.
    pub word: &'static str,
    /// For a query of more words than the store searches by: {0} how many results, all
    /// holding every word typed.
    pub every_word: &'static str,
    /// The same when no product found holds every word: {0} how many shown.
    pub not_every_word: &'static str,
    pub results: &'static str,
    pub nothing_title: &'static str,
    /// Nothing shown, but the store found more products than were checked (the first were
    /// others of similar names).
    pub nothing_first_title: &'static str,
    /// `{0}`: the query.
    pub nothing_first_text: &'static str,
    /// `{0}`: the query.
    pub nothing_text: &'static str,
    /// [`nothing_text`](Self::nothing_text) when articles are not searched.
    pub nothing_text_no_article: &'static str,
    pub unreachable_title: &'static str,
    pub unreachable_text: &'static str,
    /// The same, told to an administrator.
    pub unreachable_text_admin: &'static str,
    pub failed_title: &'static str,
    pub retry: &'static str,
    pub not_configured_title: &'static str,
    pub not_configured_admin: &'static str,
    pub not_configured_admin_elsewhere: &'static str,
    pub open_settings: &'static str,
    pub not_configured_rep: &'static str,
    pub col_product: &'static str,
    pub col_total: &'static str,
    pub col_price: &'static str,
    /// `{0}`: the warehouse ID, for a warehouse without a title.
    pub warehouse_fallback: &'static str,
    /// `{0}`: the title of a warehouse the store lists as inactive (the deal tab uses it too).
    pub warehouse_inactive: &'static str,
    pub no_price: &'static str,
    /// The price cell of a product sold in variants that has no price of its own.
    pub price_in_sizes: &'static str,
    /// Added to the opened result's sentence when a warehouse holds more reserved than it has:
    /// its free stock is 0, not negative, so the figures do not add up.
    pub details_over_reserved: &'static str,
    /// The price cell when the store refused the prices.
    pub price_unknown: &'static str,
    /// The notice under the results when the store refused the prices.
    pub prices_refused_title: &'static str,
    pub article: &'static str,
    pub xml_id: &'static str,
    pub inactive: &'static str,
    /// A product sold in sizes, whose figures are those of its sizes listed under it.
    pub in_sizes: &'static str,
    /// … when it has more sizes than are listed; `{0}` how many are counted.
    pub in_more_sizes: &'static str,
    /// … when the store may have more than were counted.
    pub in_first_sizes: &'static str,
    pub on_hand: &'static str,
    pub reserved: &'static str,
    pub free: &'static str,
    pub total_free: &'static str,
}

static RU: LookupTexts = LookupTexts {
    label: "Поиск остатков",
    placeholder: "Название, артикул, внешний код",
    hint: "Результаты появляются по мере ввода. Стрелки — выбор, Enter — подробности, Esc — закрыть подробности или очистить.",
    too_short: "Введите хотя бы два символа.",
    clear: "Очистить",
    searching: "Ищем…",
    updating: "Обновляем…",
    waiting_store: "Ищем: магазин отвечает медленно…",
    waiting_limit: "Магазин просит сбавить темп: ждём и спросим ещё раз…",
    waiting_retry: "Магазин не смог ответить: спрашиваем ещё раз…",
    found: "Найдено: {0}",
    details_said: "{0}: на складах {1}, в резерве {2}, свободно {3}.",
    warehouse: "Склад",
    capped: "Показаны первые {0}: уточните запрос, чтобы увидеть остальные.",
    capped_words: "Показаны первые {0}: магазин искал по словам {1}, остальные слова только упорядочивают найденное.",
    every_word: "Найдено со всеми словами запроса: {0}",
    not_every_word: "Нет товара со всеми словами запроса: показаны {0} с частью из них.",
    word: "«{0}»",
    results: "Результаты поиска",
    nothing_title: "Ничего не найдено",
    nothing_first_title: "Среди первых найденных подходящих нет",
    nothing_first_text: "Магазин нашёл по «{0}» много товаров с похожими названиями, и первые из них запросу не отвечают. Уточните запрос: добавьте слово из названия.",
    nothing_text: "В каталоге магазина нет товара с названием, артикулом или внешним кодом «{0}». Проверьте написание или введите часть названия.",
    nothing_text_no_article: "В каталоге магазина нет товара с названием или внешним кодом «{0}». Проверьте написание или введите часть названия. По артикулу поиск не идёт: в настройках StoreLink не указано свойство с артикулом.",
    unreachable_title: "Магазин недоступен",
    unreachable_text: "Магазин не отвечает по адресу из настроек StoreLink. Проверьте подключение к интернету и повторите; если не поможет, сообщите администратору.",
    unreachable_text_admin: "Магазин не отвечает по адресу из настроек StoreLink. Проверьте подключение к интернету и повторите; если не поможет, проверьте адрес вебхука в настройках.",
    failed_title: "Поиск не удался",
    retry: "Повторить",
    not_configured_title: "Магазин не подключён",
    not_configured_admin: "Чтобы искать остатки, укажите вебхук магазина и его каталог в настройках StoreLink.",
    not_configured_admin_elsewhere: "Чтобы искать остатки, укажите вебхук магазина и его каталог в настройках StoreLink (Приложения → StoreLink → Настройки).",
    open_settings: "Открыть настройки",
    not_configured_rep: "Поиск остатков заработает, когда администратор подключит магазин в настройках StoreLink. Обратитесь к администратору Битрикс24.",
    col_product: "Товар",
    col_total: "Свободно",
    col_price: "Цена",
    warehouse_fallback: "Склад {0}",
    warehouse_inactive: "{0} (неактивен)",
    no_price: "нет цены",
    price_in_sizes: "у вариантов",
    details_over_reserved: "На части складов резерв больше остатка: там свободно 0.",
    price_unknown: "—",
    prices_refused_title: "Цены не показаны: магазин их не отдал",
    article: "Артикул",
    xml_id: "Внешний код",
    inactive: "снят с продажи",
    in_sizes: "всего по вариантам ниже",
    in_more_sizes: "всего по вариантам: {0}",
    in_first_sizes: "по первым вариантам: {0}, есть и другие",
    on_hand: "Остаток",
    reserved: "В резерве",
    free: "Свободно",
    total_free: "Всего свободно",
};

static EN: LookupTexts = LookupTexts {
    label: "Stock lookup",
    placeholder: "Name, article or external code",
    hint: "Results appear as you type. Arrows choose, Enter shows details, Esc closes the details or clears.",
    too_short: "Type at least two characters.",
    clear: "Clear",
    searching: "Searching…",
    updating: "Updating…",
    waiting_store: "Searching: the store is slow to answer…",
    waiting_limit: "The store asks to slow down: waiting to ask again…",
    waiting_retry: "The store failed to answer: asking again…",
    found: "{0} found",
    details_said: "{0}: {1} on hand, {2} reserved, {3} free.",
    warehouse: "Warehouse",
    capped: "Showing the first {0}: type more to narrow the search.",
    capped_words: "Showing the first {0}: the store was searched for {1}; the other words only order what it found.",
    every_word: "{0} found with every word typed",
    not_every_word: "No product has every word typed: showing {0} that have some of them.",
    word: "“{0}”",
    results: "Search results",
    nothing_title: "Nothing found",
    nothing_first_title: "None of the first found fits",
    nothing_first_text: "The store found many products with names like \"{0}\", and the first of them do not answer the search. Narrow it: add a word of the name.",
    nothing_text: "The store catalogue has no product whose name, article or external code matches \"{0}\". Check the spelling or type part of the name.",
    nothing_text_no_article: "The store catalogue has no product whose name or external code matches \"{0}\". Check the spelling or type part of the name. Articles are not searched: StoreLink's settings name no article property.",
    unreachable_title: "The store cannot be reached",
    unreachable_text: "The store does not answer at the address in StoreLink's settings. Check your internet connection and try again; if that does not help, tell your administrator.",
    unreachable_text_admin: "The store does not answer at the address in StoreLink's settings. Check your internet connection and try again; if that does not help, check the webhook's address in the settings.",
    failed_title: "The search failed",
    retry: "Try again",
    not_configured_title: "The store is not connected",
    not_configured_admin: "To look up stock, enter the store's webhook and its catalogue in StoreLink's settings.",
    not_configured_admin_elsewhere: "To look up stock, enter the store's webhook and its catalogue in StoreLink's settings (Applications → StoreLink → Settings).",
    open_settings: "Open settings",
    not_configured_rep: "The stock lookup works once an administrator connects the store in StoreLink's settings. Ask your Bitrix24 administrator.",
    col_product: "Product",
    col_total: "Free",
    col_price: "Price",
    warehouse_fallback: "Warehouse {0}",
    warehouse_inactive: "{0} (inactive)",
    no_price: "no price",
    price_in_sizes: "per variant",
    details_over_reserved: "Some warehouses hold more reserved than they have: 0 free there.",
    price_unknown: "—",
    prices_refused_title: "Prices are not shown: the store did not give them",
    article: "Article",
    xml_id: "External code",
    inactive: "not for sale",
    in_sizes: "total of the variants below",
    in_more_sizes: "total of its variants: {0}",
    in_first_sizes: "total of its first variants: {0} (it has more)",
    on_hand: "On hand",
    reserved: "Reserved",
    free: "Free",
    total_free: "Free in total",
};
