//! The administrator a rep can ask about StoreLink: whoever saved its settings last (or, before
//! anyone did, installed it). Kept as its own app option, beside the settings.

use bitrix_rest::models::app::User;
use serde_json::{Value, json};

/// The app option that names the administrator.
pub const ADMIN_OPTION: &str = "admin";

/// A Bitrix24 user, by ID and the name people know them by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppAdmin {
    pub id: u64,
    pub name: String,
}

impl AppAdmin {
    /// The user `user.current` answered: their full name, else their e-mail; a user with
    /// neither is no one a rep could find.
    pub fn of_user(user: &User) -> Option<AppAdmin> {
        let full = format!("{} {}", user.name.trim(), user.last_name.trim());
        let name = match full.trim() {
            "" => user.email.as_deref().map(str::trim).unwrap_or_default(),
            name => name,
        };
        (user.id > 0 && !name.is_empty()).then(|| AppAdmin {
            id: user.id,
            name: name.to_owned(),
        })
    }

    /// The option as saved (`{"id":…,"name":…}`); anything else names no one.
    pub fn from_value(value: &Value) -> Option<AppAdmin> {
        let id = match value.get("id")? {
            Value::Number(n) => n.as_u64()?,
            Value::String(s) => s.trim().parse().ok()?,
            _ => return None,
        };
        let name = value.get("name")?.as_str()?.trim();
        (id > 0 && !name.is_empty()).then(|| AppAdmin {
            id,
            name: name.to_owned(),
        })
    }

    /// The value to save: one JSON text, as the portal keeps option values form-encoded.
    pub fn to_option(&self) -> Value {
        Value::String(json!({"id": self.id, "name": self.name}).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::init_data::decode_option;

    fn user(id: u64, name: &str, last_name: &str, email: Option<&str>) -> User {
        User {
            id,
            name: name.into(),
            last_name: last_name.into(),
            email: email.map(Into::into),
        }
    }

    #[test]
    fn an_admin_is_named_by_full_name_else_email() {
        let named = AppAdmin::of_user(&user(7, " Anna ", "Smirnova", Some("a@x.ru")));
        assert_eq!(named.map(|a| a.name).as_deref(), Some("Anna Smirnova"));
        let first_only = AppAdmin::of_user(&user(7, "Anna", "", None));
        assert_eq!(first_only.map(|a| a.name).as_deref(), Some("Anna"));
        let unnamed = AppAdmin::of_user(&user(7, "", " ", Some("admin@x.ru")));
        assert_eq!(unnamed.map(|a| a.name).as_deref(), Some("admin@x.ru"));
        assert_eq!(AppAdmin::of_user(&user(7, "", "", None)), None);
        assert_eq!(AppAdmin::of_user(&user(0, "Anna", "", None)), None);
    }

    #[test]
    fn the_saved_option_reads_back_as_the_same_admin() {
        let anna = AppAdmin {
            id: 7,
            name: "Анна Смирнова".into(),
        };
        let stored = decode_option(&anna.to_option()).unwrap();
        assert_eq!(AppAdmin::from_value(&stored), Some(anna));
        // The portal may hand numbers back as texts.
        let texts = json!({"id": "7", "name": "Анна Смирнова"});
        assert_eq!(AppAdmin::from_value(&texts).map(|a| a.id), Some(7));
    }

    #[test]
    fn an_option_naming_no_one_is_ignored() {
        for value in [
            json!(null),
            json!("Anna"),
            json!({"id": 7}),
            json!({"id": 7, "name": "  "}),
            json!({"id": 0, "name": "Anna"}),
            json!({"id": "x", "name": "Anna"}),
        ] {
            assert_eq!(AppAdmin::from_value(&value), None, "{value}");
        }
    }
}
