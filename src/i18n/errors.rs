//! A sentence for every failure of a REST call: what failed and what the person can do.

use bitrix_rest::{Access, Error, ErrorKind};

use super::{Lang, fill};
use crate::model::settings::failure::scope_of;

/// Which system a call went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// The Bitrix24 portal.
    Portal,
    /// The online store.
    Store,
}

struct ErrorTexts {
    portal: &'static str,
    store: &'static str,
    auth_portal: &'static str,
    auth_store: &'static str,
    scope_portal: &'static str,
    scope_store: &'static str,
    access: &'static str,
    access_read: &'static str,
    access_store: &'static str,
    not_found: &'static str,
    not_found_plain: &'static str,
    no_method: &'static str,
    rate_limit: &'static str,
    time_limit: &'static str,
    bad_request: &'static str,
    server: &'static str,
    network_portal: &'static str,
    network_store: &'static str,
    timed_out: &'static str,
    malformed: &'static str,
    other: &'static str,
    maybe_applied: &'static str,
}

const RU: ErrorTexts = ErrorTexts {
    portal: "Битрикс24",
    store: "Магазин",
    auth_portal: "Сеанс Битрикс24 истёк и не обновился. Обновите страницу.",
    auth_store: "Магазин не принял вебхук StoreLink (адрес неверен или отозван). Попросите администратора проверить подключение к магазину.",
    scope_portal: "У приложения нет нужного права в Битрикс24 ({0}). Администратор должен выдать его в настройках приложения.",
    scope_store: "У вебхука магазина нет нужного права ({0}). Администратору нужно создать вебхук с правами sale и catalog.",
    access: "{0}: у вас нет прав на это действие ({1}). Ничего не изменено. Попросите права у администратора.",
    access_read: "{0}: у вас нет прав на просмотр этих данных ({1}). Попросите доступ у администратора.",
    access_store: "Магазин не дал вебхуку StoreLink доступ к этим данным ({0}). Попросите администратора выдать пользователю вебхука в магазине права на заказы, каталог и склады.",
    not_found: "{0}: запись не найдена ({1}).",
    not_found_plain: "{0}: запись не найдена.",
    no_method: "{0} не знает метода {1}: на той стороне нет нужного модуля или его версия устарела. Сообщите администратору.",
    rate_limit: "{0} просит сбавить темп: к нему сейчас идёт больше запросов, чем он принимает (от всех, кто с ним работает), и он не ответил после нескольких попыток. Повторите через минуту.",
    time_limit: "{0} временно заблокировал этот запрос: исчерпан лимит времени. Повторите через несколько минут.",
    bad_request: "{0} отклонил запрос: {1}.",
    server: "{0} ответил ошибкой сервера{1}. Повторите попытку; если так и останется, сообщите администратору.",
    network_portal: "Нет связи с Битрикс24. Проверьте подключение к интернету и повторите.",
    network_store: "Магазин не отвечает по адресу из настроек. Данные CRM показаны без него.",
    timed_out: "{0} не ответил за 25 секунд. Повторите попытку; если так и останется, сообщите администратору.",
    malformed: "{0} прислал ответ, который StoreLink не может прочитать: {1}.",
    other: "{0}: {1}.",
    maybe_applied: " Изменение могло примениться: проверьте данные, прежде чем повторять.",
};

const EN: ErrorTexts = ErrorTexts {
    portal: "Bitrix24",
    store: "The store",
    auth_portal: "Your Bitrix24 session expired and could not be renewed. Reload the page.",
    auth_store: "The store did not accept StoreLink's webhook (wrong or revoked address). Ask your administrator to check the store connection.",
    scope_portal: "The app lacks a Bitrix24 permission ({0}). An administrator must grant it in the app's settings.",
    scope_store: "The store's webhook lacks a permission ({0}). An administrator needs a webhook with the sale and catalog scopes.",
    access: "{0}: you are not allowed to do this ({1}). Nothing was changed. Ask your administrator for the right.",
    access_read: "{0}: you are not allowed to see this data ({1}). Ask your administrator for access.",
    access_store: "The store refused StoreLink's webhook access to this data ({0}). Ask your administrator to give the webhook's store user rights to orders, the catalogue and warehouses.",
    not_found: "{0}: the record was not found ({1}).",
    not_found_plain: "{0}: the record was not found.",
    no_method: "{0} does not know the method {1}: a module is missing there or too old. Tell your administrator.",
    rate_limit: "{0} asks to slow down: it is receiving more requests than it accepts right now (from everyone working with it), and did not answer after several tries. Try again in a minute.",
    time_limit: "{0} has blocked this request for a while: its time limit is spent. Try again in a few minutes.",
    bad_request: "{0} refused the request: {1}.",
    server: "{0} answered with a server error{1}. Try again; if it persists, tell your administrator.",
    network_portal: "Bitrix24 cannot be reached. Check your internet connection and try again.",
    network_store: "The store cannot be reached at the address in the settings. The CRM data is shown without it.",
    timed_out: "{0} did not answer within 25 seconds. Try again; if it keeps happening, tell your administrator.",
    malformed: "{0} sent an answer StoreLink cannot read: {1}.",
    other: "{0}: {1}.",
    maybe_applied: " The change may have been applied: check before repeating it.",
};

/// The sentences told to an administrator (the installer, the app page): what they can mend
/// themselves, where a rep is sent to them.
const ADMIN_RU: ErrorTexts = ErrorTexts {
    auth_store: "Магазин не принял вебхук StoreLink (адрес неверен или отозван). Проверьте подключение к магазину в настройках StoreLink.",
    access_store: "Магазин не дал вебхуку StoreLink доступ к этим данным ({0}). Выдайте пользователю вебхука в магазине права на заказы, каталог и склады.",
    access: "{0}: у вашей учётной записи нет прав на это действие ({1}). Ничего не изменено.",
    access_read: "{0}: у вашей учётной записи нет прав на просмотр этих данных ({1}).",
    no_method: "{0} не знает метода {1}: на той стороне нет нужного модуля или его версия устарела.",
    server: "{0} ответил ошибкой сервера{1}. Повторите через несколько минут.",
    timed_out: "{0} не ответил за 25 секунд. Повторите через несколько минут.",
    ..RU
};

const ADMIN_EN: ErrorTexts = ErrorTexts {
    auth_store: "The store did not accept StoreLink's webhook (wrong or revoked address). Check the store connection in StoreLink's settings.",
    access_store: "The store refused StoreLink's webhook access to this data ({0}). Give the webhook's store user rights to orders, the catalogue and warehouses.",
    access: "{0}: your account is not allowed to do this ({1}). Nothing was changed.",
    access_read: "{0}: your account is not allowed to see this data ({1}).",
    no_method: "{0} does not know the method {1}: a module is missing there or too old.",
    server: "{0} answered with a server error{1}. Try again in a few minutes.",
    timed_out: "{0} did not answer within 25 seconds. Try again in a few minutes.",
    ..EN
};

/// The name of `system` in `lang`, as a sentence starts with it.
pub fn system_name(system: System, lang: Lang) -> &'static str {
    let t = match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    };
    match system {
        System::Portal => t.portal,
        System::Store => t.store,
    }
}

/// The sentence for `error`, from a call to `system`, in `lang`.
pub fn describe(error: &Error, system: System, lang: Lang) -> String {
    let t = match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    };
    sentence(error, system, t)
}

/// The sentence for `error` told to an administrator: not "ask your administrator" where they
/// are the one to act.
pub fn describe_for_admin(error: &Error, system: System, lang: Lang) -> String {
    let t = match lang {
        Lang::Ru => &ADMIN_RU,
        Lang::En => &ADMIN_EN,
    };
    sentence(error, system, t)
}

fn sentence(error: &Error, system: System, t: &ErrorTexts) -> String {
    let name = match system {
        System::Portal => t.portal,
        System::Store => t.store,
    };
    let detail = if error.description.trim().is_empty() {
        error.method.clone()
    } else {
        error.description.trim().trim_end_matches('.').to_owned()
    };
    let code = error
        .code
        .as_ref()
        .map(|c| c.to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| error.method.clone());
    let mut text = match (error.kind, system) {
        (ErrorKind::Auth, System::Portal) => t.auth_portal.to_owned(),
        (ErrorKind::Auth, System::Store) => t.auth_store.to_owned(),
        // Named by the scope the method needs (the server's own text is an English phrase).
        (ErrorKind::Scope, _) => {
            let scope = scope_of(&error.method);
            let what = if scope.is_empty() { &detail } else { &scope };
            match system {
                System::Portal => fill(t.scope_portal, &[what]),
                System::Store => fill(t.scope_store, &[what]),
            }
        }
        // A refused read changed nothing by its nature; saying so would only puzzle.
        // Which read was refused (stock, orders, …): the administrator grants that right. The
        // store is asked as the webhook's user, not as the rep: its rights are the ones missing.
        (ErrorKind::Access, _) if Access::of_method(&error.method) == Access::Read => {
            let what = match code == error.method {
                true => code.clone(),
                false => format!("{}: {code}", error.method),
            };
            match system {
                System::Store => fill(t.access_store, &[&what]),
                System::Portal => fill(t.access_read, &[name, &what]),
            }
        }
        (ErrorKind::Access, _) => fill(t.access, &[name, &code]),
        (ErrorKind::NotFound, _) if error.has_code("ERROR_METHOD_NOT_FOUND") => {
            fill(t.no_method, &[name, &error.method])
        }
        // The server's "Not found" would only say it twice.
        (ErrorKind::NotFound, _) if detail.eq_ignore_ascii_case("not found") => {
            fill(t.not_found_plain, &[name])
        }
        (ErrorKind::NotFound, _) => fill(t.not_found, &[name, &detail]),
        (ErrorKind::RateLimit, _) => fill(t.rate_limit, &[name]),
        (ErrorKind::TimeLimit, _) => fill(t.time_limit, &[name]),
        (ErrorKind::BadRequest, _) => fill(t.bad_request, &[name, &detail]),
        // The server's own text for a 5xx is a generic English phrase: the status says more.
        (ErrorKind::Server, _) => {
            let status = error
                .status
                .map(|s| format!(" (HTTP {s})"))
                .unwrap_or_default();
            fill(t.server, &[name, &status])
        }
        (ErrorKind::Network, _) if error.has_code(bitrix_rest::REQUEST_TIMEOUT) => {
            fill(t.timed_out, &[name])
        }
        (ErrorKind::Network, System::Portal) => t.network_portal.to_owned(),
        (ErrorKind::Network, System::Store) => t.network_store.to_owned(),
        (ErrorKind::Malformed, _) => fill(t.malformed, &[name, &detail]),
        _ => fill(t.other, &[name, &detail]),
    };
    if error.maybe_applied {
        text.push_str(t.maybe_applied);
    }
    text
}

/// Whether the sentence [`describe`] gives for `error` sends the person to their administrator
/// (who is then named to a rep, where StoreLink knows them).
pub fn asks_admin(error: &Error, system: System) -> bool {
    match error.kind {
        ErrorKind::Auth => system == System::Store,
        ErrorKind::Scope | ErrorKind::Server => true,
        // Reading or writing: the rights are the administrator's to give.
        ErrorKind::Access => true,
        ErrorKind::NotFound => error.has_code("ERROR_METHOD_NOT_FOUND"),
        ErrorKind::Network => error.has_code(bitrix_rest::REQUEST_TIMEOUT),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [ErrorKind; 13] = [
        ErrorKind::Auth,
        ErrorKind::Scope,
        ErrorKind::Access,
        ErrorKind::NotFound,
        ErrorKind::RateLimit,
        ErrorKind::TimeLimit,
        ErrorKind::BadRequest,
        ErrorKind::Server,
        ErrorKind::Network,
        ErrorKind::Malformed,
        ErrorKind::Cancelled,
        ErrorKind::Halted,
        ErrorKind::Usage,
    ];

    #[test]
    fn a_missing_scope_is_named_not_described_in_the_servers_english() {
        let e = Error::from_rest(
            "catalog.product.list",
            401,
            "insufficient_scope",
            "The request requires higher privileges than provided by the access token",
        );
        let ru = describe(&e, System::Portal, Lang::Ru);
        assert!(ru.contains("(catalog)"), "{ru}");
        assert!(!ru.contains("privileges"), "{ru}");
    }

    #[test]
    fn an_administrator_is_not_sent_to_an_administrator() {
        for (kind, method, code) in [
            (ErrorKind::Auth, "batch", "NO_AUTH_FOUND"),
            (ErrorKind::Access, "sale.order.list", "ACCESS_DENIED"),
            (
                ErrorKind::NotFound,
                "placement.bind",
                "ERROR_METHOD_NOT_FOUND",
            ),
            (ErrorKind::Server, "placement.bind", "INTERNAL_SERVER_ERROR"),
            (
                ErrorKind::Network,
                "placement.bind",
                bitrix_rest::REQUEST_TIMEOUT,
            ),
        ] {
            let mut e = Error::from_rest(method, 500, code, "");
            e.kind = kind;
            for system in [System::Portal, System::Store] {
                let rep = describe(&e, system, Lang::En).to_lowercase();
                let en = describe_for_admin(&e, system, Lang::En).to_lowercase();
                let ru = describe_for_admin(&e, system, Lang::Ru).to_lowercase();
                for told in [&en, &ru] {
                    for ask in [
                        "your administrator",
                        "попросите администратора",
                        "сообщите администратору",
                    ] {
                        assert!(!told.contains(ask), "{told}");
                    }
                }
                // The same failure, with the same particulars.
                for detail in ["http 500", method, &code.to_lowercase()] {
                    assert_eq!(en.contains(detail), rep.contains(detail), "{en} / {rep}");
                }
            }
        }
    }

    #[test]
    fn the_sentences_that_send_a_rep_to_the_administrator_are_the_ones_marked_so() {
        let codes = ["", "ERROR_METHOD_NOT_FOUND", bitrix_rest::REQUEST_TIMEOUT];
        for kind in KINDS {
            for method in ["crm.deal.get", "crm.deal.update"] {
                for code in codes {
                    for system in [System::Portal, System::Store] {
                        let mut e = Error::new(kind, method, "refused");
                        if !code.is_empty() {
                            e = Error::from_rest(method, 400, code, "refused");
                            e.kind = kind;
                        }
                        let en = describe(&e, system, Lang::En);
                        let ru = describe(&e, system, Lang::Ru);
                        let asks = asks_admin(&e, system);
                        assert_eq!(en.to_lowercase().contains("administrator"), asks, "{en}");
                        assert_eq!(ru.to_lowercase().contains("администратор"), asks, "{ru}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_server_error_names_its_status_not_the_servers_english_text() {
        let e = Error::from_rest(
            "batch",
            500,
            "INTERNAL_SERVER_ERROR",
            "Internal server error",
        );
        let ru = describe(&e, System::Store, Lang::Ru);
        assert_eq!(
            ru,
            "Магазин ответил ошибкой сервера (HTTP 500). Повторите попытку; если так и останется, сообщите администратору."
        );
        assert!(!ru.contains("Internal"));
    }

    #[test]
    fn a_request_left_unanswered_says_so_with_the_time_waited() {
        let mut e = Error::new(ErrorKind::Network, "batch", "no answer within 25 s");
        e.code = Some(bitrix_rest::RestCode::Text(
            bitrix_rest::REQUEST_TIMEOUT.into(),
        ));
        assert_eq!(
            describe(&e, System::Store, Lang::En),
            "The store did not answer within 25 seconds. Try again; if it keeps happening, tell your administrator."
        );
    }

    #[test]
    fn a_store_refusing_a_read_names_the_webhooks_rights_not_the_reps() {
        let e = Error::from_rest(
            "catalog.storeproduct.list",
            403,
            "ACCESS_DENIED",
            "Access denied",
        );
        let en = describe(&e, System::Store, Lang::En);
        assert!(en.contains("StoreLink's webhook"), "{en}");
        assert!(en.contains("catalog.storeproduct.list"), "{en}");
        assert!(!en.contains("you are not allowed"), "{en}");
        let ru = describe(&e, System::Store, Lang::Ru);
        assert!(ru.contains("вебхуку StoreLink"), "{ru}");
        assert!(!ru.contains("у вас нет прав"), "{ru}");
        // Bitrix24 is asked as the rep: there the rep's own rights are missing.
        let portal = describe(&e, System::Portal, Lang::En);
        assert!(portal.contains("you are not allowed"), "{portal}");
    }

    #[test]
    fn store_network_failure_says_the_crm_part_still_works() {
        let e = Error::new(ErrorKind::Network, "batch", "connection refused");
        let text = describe(&e, System::Store, Lang::En);
        assert!(text.contains("cannot be reached"), "{text}");
        assert!(text.contains("CRM data is shown"), "{text}");
    }

    #[test]
    fn access_denied_names_the_refusal_and_that_nothing_changed() {
        let e = Error::from_rest("crm.deal.update", 403, "ACCESS_DENIED", "Access denied");
        let text = describe(&e, System::Portal, Lang::Ru);
        assert!(
            text.contains("ACCESS_DENIED") && text.contains("Ничего не изменено"),
            "{text}"
        );
    }

    #[test]
    fn a_refused_read_asks_for_access_and_does_not_speak_of_changes() {
        let e = Error::from_rest("crm.deal.get", 403, "ACCESS_DENIED", "Access denied");
        let text = describe(&e, System::Portal, Lang::En);
        assert_eq!(
            text,
            "Bitrix24: you are not allowed to see this data (crm.deal.get: ACCESS_DENIED). Ask your administrator for access."
        );
        let ru = describe(&e, System::Portal, Lang::Ru);
        assert!(!ru.contains("Ничего не изменено"), "{ru}");
    }

    #[test]
    fn a_missing_method_names_the_method_not_a_missing_record() {
        let e = Error::from_rest(
            "sale.propertyvalue.list",
            404,
            "ERROR_METHOD_NOT_FOUND",
            "Method not found!",
        );
        let text = describe(&e, System::Store, Lang::En);
        assert!(
            text.contains("sale.propertyvalue.list") && !text.contains("record"),
            "{text}"
        );
    }

    #[test]
    fn a_write_with_unknown_outcome_says_to_check_before_repeating() {
        let mut e = Error::new(ErrorKind::Network, "crm.deal.update", "reset");
        e.maybe_applied = true;
        assert!(describe(&e, System::Portal, Lang::En).contains("may have been applied"));
    }

    #[test]
    fn every_kind_has_a_sentence_in_both_languages() {
        for kind in KINDS {
            for lang in [Lang::Ru, Lang::En] {
                for system in [System::Portal, System::Store] {
                    let text = describe(&Error::new(kind, "m", "d"), system, lang);
                    assert!(text.len() > 10, "{kind:?} {lang:?} {system:?}: {text}");
                }
            }
        }
    }
}
