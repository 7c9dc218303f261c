//! The demo's buyers: contacts 1–16 in the CRM, more buyers only the store knows, and the
//! ways buyers write their phone and e-mail differently from the CRM.

use crate::seed::format::{Communication, ContactSeed};
use crate::seed::names::{FIRST_NAMES, LAST_NAMES, translit};

pub struct Person {
    pub first: &'static str,
    pub last: &'static str,
    pub phone: String,
    pub email: String,
}

pub fn person(i: usize) -> Person {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    // The surname agrees with the first name's gender (Мария Смирнова, Иван Петров).
    let feminine = i % 2 == 1;
    let surnames: Vec<&str> = LAST_NAMES
        .iter()
        .copied()
        .filter(|l| l.ends_with('а') == feminine)
        .collect();
    let last = surnames[(i / 2 * 3 + i / 16) % surnames.len()];
    Person {
        first,
        last,
        phone: format!("+7916{:07}", 1_234_567 + i * 1_111),
        email: format!("{}.{}@mail.ru", translit(first), translit(last)),
    }
}

pub fn contacts() -> Vec<ContactSeed> {
    (0..16)
        .map(|i| {
            let p = person(i);
            ContactSeed {
                id: i as u64 + 1,
                name: p.first.into(),
                last_name: Some(p.last.into()),
                second_name: None,
                phones: vec![Communication::Typed {
                    value: p.phone,
                    value_type: "MOBILE".into(),
                }],
                emails: vec![Communication::Typed {
                    value: p.email,
                    value_type: "WORK".into(),
                }],
                comments: None,
                assigned_by: Some(if i % 3 == 0 { 1 } else { 2 }),
            }
        })
        .collect()
}

/// `+79161234567` → `8 (916) 123-45-67`
pub fn format_phone_8(phone: &str) -> String {
    let d: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if d.len() != 11 {
        return phone.to_string();
    }
    format!("8 ({}) {}-{}-{}", &d[1..4], &d[4..7], &d[7..9], &d[9..11])
}

/// `ivan.petrov@mail.ru` → `Ivan.Petrov@Mail.RU`
pub fn capitalize_email(email: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in email.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = matches!(c, '.' | '@');
    }
    out.replace(".ru", ".RU")
}
