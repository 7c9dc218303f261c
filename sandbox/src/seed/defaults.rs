//! What a data set gets when a section is left out.

use super::format::{Label, PipelineSeed, StageSeed, StatusSeed, UserSeed};

pub const PORTAL_IBLOCK: u64 = 25;
pub const STORE_IBLOCK: u64 = 2;
pub const ARTICLE_PROPERTY: u64 = 105;
/// The article property of the store's catalogue of variations.
pub const OFFERS_ARTICLE_PROPERTY: u64 = 121;
pub const STORE_WEBHOOK_USER: u64 = 1;
pub const STORE_WEBHOOK_SECRET: &str = "store-webhook-secret";
pub const PORTAL_WEBHOOK_SECRET: &str = "portal-admin-webhook";
pub const APP_SCOPES: &[&str] = &["crm", "catalog", "placement", "user_brief"];
pub const STORE_SCOPES: &[&str] = &["sale", "catalog"];
pub const PORTAL_WEBHOOK_SCOPES: &[&str] = &["crm", "catalog", "user", "user_brief", "placement"];

pub fn users() -> Vec<UserSeed> {
    vec![
        UserSeed {
            id: 1,
            name: "Ольга".into(),
            last_name: "Администраторова".into(),
            email: Some("admin@example.ru".into()),
            admin: true,
            position: Some("Руководитель отдела продаж".into()),
        },
        UserSeed {
            id: 2,
            name: "Иван".into(),
            last_name: "Продажин".into(),
            email: Some("rep@example.ru".into()),
            admin: false,
            position: Some("Менеджер по продажам".into()),
        },
    ]
}

fn stage(id: &str, name: &str, sort: i64, semantics: &str, color: &str) -> StageSeed {
    StageSeed {
        id: id.into(),
        name: name.into(),
        sort: Some(sort),
        semantics: Some(semantics.into()),
        color: Some(color.into()),
    }
}

/// The stages of a fresh Bitrix24 pipeline.
pub fn standard_stages() -> Vec<StageSeed> {
    vec![
        stage("NEW", "Новая", 10, "P", "#39A8EF"),
        stage("PREPARATION", "Подготовка документов", 20, "P", "#2FC6F6"),
        stage(
            "PREPAYMENT_INVOICE",
            "Счёт на предоплату",
            30,
            "P",
            "#55D0E0",
        ),
        stage("EXECUTING", "В работе", 40, "P", "#47E4C2"),
        stage("FINAL_INVOICE", "Финальный счёт", 50, "P", "#FFA900"),
        stage("WON", "Сделка успешна", 60, "S", "#7BD500"),
        stage("LOSE", "Сделка провалена", 70, "F", "#FF5752"),
    ]
}

pub fn pipelines() -> Vec<PipelineSeed> {
    vec![PipelineSeed {
        id: 0,
        name: "Общая".into(),
        sort: Some(300),
        stages: standard_stages(),
    }]
}

fn status(id: &str, kind: &str, sort: i64, color: &str, ru: &str, en: &str) -> StatusSeed {
    StatusSeed {
        id: id.into(),
        kind: Some(kind.into()),
        sort: Some(sort),
        color: Some(color.into()),
        names: Label::Both {
            ru: ru.into(),
            en: en.into(),
        },
        descriptions: None,
    }
}

/// Order and delivery statuses of a fresh 1C-Bitrix store.
pub fn statuses() -> Vec<StatusSeed> {
    vec![
        status(
            "N",
            "O",
            10,
            "#BEEDF1",
            "Принят, ожидается оплата",
            "Accepted, awaiting payment",
        ),
        status(
            "P",
            "O",
            20,
            "#FFD79B",
            "Оплачен, формируется к отправке",
            "Paid, preparing for shipment",
        ),
        status("S", "O", 30, "#C6E9A5", "Отгружен", "Shipped"),
        status("F", "O", 200, "#CDCDCD", "Выполнен", "Completed"),
        status(
            "DN",
            "D",
            10,
            "#E0E0E0",
            "Ожидает обработки",
            "Awaiting processing",
        ),
        status("DA", "D", 20, "#FFE39C", "Собирается", "Being assembled"),
        status(
            "DG",
            "D",
            30,
            "#FFE39C",
            "Ожидает отгрузки",
            "Awaiting shipment",
        ),
        status(
            "DT",
            "D",
            40,
            "#C6E9A5",
            "Передан в службу доставки",
            "Handed to the carrier",
        ),
        status("DS", "D", 50, "#C6E9A5", "Отправлен", "Sent"),
        status("DF", "D", 200, "#CDCDCD", "Отгружен", "Shipped"),
    ]
}

/// Codes, names and IDs of the order properties a person-type "individual" has.
pub const ORDER_PROPERTIES: &[(&str, &str, u64)] = &[
    ("FIO", "Ф.И.О.", 1),
    ("EMAIL", "E-Mail", 2),
    ("PHONE", "Телефон", 3),
    ("ZIP", "Индекс", 4),
    ("CITY", "Город", 5),
    ("LOCATION", "Местоположение", 6),
    ("ADDRESS", "Адрес доставки", 7),
];

/// The stage ID as stored: `NEW` in pipeline 0, `C<id>:NEW` elsewhere.
pub fn stage_id(pipeline: u64, id: &str) -> String {
    let prefix = format!("C{pipeline}:");
    if pipeline == 0 || id.starts_with(&prefix) {
        id.to_string()
    } else {
        format!("{prefix}{id}")
    }
}

/// Digits of a phone as Bitrix compares them: `8 (916) 123-45-67` and `+7 916 123 45 67`
/// are the same number.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 11 && digits.starts_with('8') {
        format!("7{}", &digits[1..])
    } else {
        digits
    }
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A seeded unit, pieces (`796`, `шт`) by default.
pub fn unit(code: Option<u64>, name: &Option<String>) -> (u64, String) {
    (
        code.unwrap_or(796),
        name.clone().unwrap_or_else(|| "шт".into()),
    )
}

/// The OKEI code of the store's default unit, pieces (`шт`).
pub const DEFAULT_MEASURE_CODE: u64 = 796;

/// The units of measure a fresh 1C-Bitrix install has, as its `catalog` module writes them
/// (`install/index.php`): IDs 1–5 with their OKEI code, international symbol and
/// international letter code, pieces the default. The module writes no title and no Russian
/// symbol (`MEASURE_TITLE`, `SYMBOL_RUS` are NULL), and `catalog.measure.list` reads the
/// table as it is, so `measureTitle` and `symbol` are `null` for these five.
pub const INSTALLED_MEASURES: &[(u64, u64, &str, &str)] = &[
    (1, 6, "m", "MTR"),
    (2, 112, "l", "LTR"),
    (3, 163, "g", "GRM"),
    (4, 166, "kg", "KGM"),
    (5, DEFAULT_MEASURE_CODE, "pc. 1", "PCE. NMB"),
];
