//! Writes the app's state (installed or not, options, placements) and the webhooks.

use rusqlite::{Transaction, params};
use serde_json::Value;

use super::defaults;
use super::format::SeedData;
use crate::config::Urls;

pub fn insert(
    tx: &Transaction,
    data: &SeedData,
    urls: &Urls,
    install_app: Option<&Value>,
) -> rusqlite::Result<()> {
    let app = data.app.as_ref();
    let scopes: Vec<String> = app
        .and_then(|a| a.scopes.clone())
        .unwrap_or_else(|| defaults::APP_SCOPES.iter().map(|s| s.to_string()).collect());
    // The installed app's options, then the data set's own, which win: a data set describing
    // its own catalogues and links carries the settings that fit them.
    let mut options = serde_json::Map::new();
    if let Some(Value::Object(installed)) = install_app {
        for (name, value) in installed {
            options.insert(name.clone(), super::substitute(value, urls));
        }
    }
    if let Some(app) = app {
        for (name, value) in &app.options {
            options.insert(name.clone(), super::substitute(value, urls));
        }
    }
    let installed = install_app.is_some() || app.is_some_and(|a| a.installed);
    tx.execute(
        "INSERT INTO app_state (code, installed, options, scopes) VALUES ('storelink', ?1, ?2, ?3)",
        params![
            installed,
            Value::Object(options).to_string(),
            serde_json::to_string(&scopes).unwrap_or_default()
        ],
    )?;
    if let Some(app) = app {
        for (user, values) in &app.user_options {
            let user: u64 = user.parse().unwrap_or(0);
            for (name, value) in values {
                tx.execute(
                    "INSERT OR REPLACE INTO user_options (user_id, name, value) VALUES (?1, ?2, ?3)",
                    params![user, name, super::substitute(value, urls).to_string()],
                )?;
            }
        }
    }
    if installed {
        let placements = app.and_then(|a| a.placements.clone());
        match placements {
            Some(list) => {
                for p in list {
                    bind(
                        tx,
                        &p.placement,
                        &super::substitute_text(&p.handler, urls),
                        p.title.as_deref().unwrap_or("StoreLink"),
                    )?;
                }
            }
            None => bind(
                tx,
                "CRM_DEAL_DETAIL_TAB",
                &format!("{}/index.html", urls.widget),
                "Магазин",
            )?,
        }
    }

    let portal_secret = data
        .portal
        .webhook_secret
        .clone()
        .unwrap_or_else(|| defaults::PORTAL_WEBHOOK_SECRET.into());
    tx.execute(
        "INSERT OR REPLACE INTO webhooks (side, user_id, secret, scopes) VALUES ('portal', 1, ?1, ?2)",
        params![portal_secret, serde_json::to_string(defaults::PORTAL_WEBHOOK_SCOPES).unwrap_or_default()],
    )?;
    let (user, secret) = match &data.store.webhook {
        Some(w) => (w.user_id, w.secret.clone()),
        None => (
            defaults::STORE_WEBHOOK_USER,
            defaults::STORE_WEBHOOK_SECRET.to_string(),
        ),
    };
    tx.execute(
        "INSERT OR REPLACE INTO webhooks (side, user_id, secret, scopes) VALUES ('store', ?1, ?2, ?3)",
        params![user, secret, serde_json::to_string(defaults::STORE_SCOPES).unwrap_or_default()],
    )?;
    Ok(())
}

fn bind(tx: &Transaction, placement: &str, handler: &str, title: &str) -> rusqlite::Result<()> {
    let lang_all = serde_json::json!({
        "ru": {"TITLE": title, "DESCRIPTION": "", "GROUP_NAME": ""},
        "en": {"TITLE": if title == "Магазин" { "Store" } else { title }, "DESCRIPTION": "", "GROUP_NAME": ""}
    });
    tx.execute(
        "INSERT INTO placements (placement, handler, title, lang_all) VALUES (?1, ?2, ?3, ?4)",
        params![placement, handler, title, lang_all.to_string()],
    )?;
    Ok(())
}
