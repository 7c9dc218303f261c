//! The page frame (header, left menu) and helpers shared by the portal's pages.

use rusqlite::{Connection, OptionalExtension};

use super::i18n::Lang;

/// `?user=2&lang=en`: who looks at the page, in which language.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user_id: u64,
    pub name: String,
    pub is_admin: bool,
    pub lang: Lang,
    /// The portal's language as apps are told it (`LANG`): any two-letter code given
    /// (`lang=de` stands for a German portal; its own pages then read in English), else the
    /// pages' language.
    pub portal_lang: String,
    /// `IFRAME=Y`: the page is shown in a slider, without the portal's header and menu.
    pub in_slider: bool,
}

impl Viewer {
    pub fn from_query(
        conn: &Connection,
        query: &std::collections::HashMap<String, String>,
    ) -> Viewer {
        let given = query.get("lang").map(|l| l.to_ascii_lowercase());
        let lang = Lang::parse(given.as_deref());
        let portal_lang = given
            .filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
            .unwrap_or_else(|| lang.code().to_owned());
        let wanted: u64 = query.get("user").and_then(|u| u.parse().ok()).unwrap_or(1);
        let row = |id: u64| {
            conn.query_row(
                "SELECT id, name || ' ' || last_name, admin FROM users WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .ok()
            .flatten()
        };
        // A data set without users 1 and 2: `user=1` (the default) stands for its first
        // administrator and `user=2` for its first other user, as in the demo data.
        let stand_in = |admin: bool| {
            conn.query_row(
                "SELECT id FROM users WHERE admin = ?1 ORDER BY id LIMIT 1",
                [admin],
                |r| r.get::<_, u64>(0),
            )
            .optional()
            .ok()
            .flatten()
        };
        let found: Option<(u64, String, bool)> = row(wanted)
            .or_else(|| stand_in(wanted != 2).and_then(row))
            .or_else(|| stand_in(wanted == 2).and_then(row));
        let (user_id, name, is_admin) = found.unwrap_or((wanted, String::from("?"), false));
        Viewer {
            user_id,
            name,
            is_admin,
            lang,
            portal_lang,
            in_slider: query
                .get("IFRAME")
                .is_some_and(|v| v.eq_ignore_ascii_case("Y")),
        }
    }

    /// The query string that keeps user and language on every link.
    pub fn keep(&self) -> String {
        let slider = if self.in_slider { "&IFRAME=Y" } else { "" };
        format!("user={}&lang={}{slider}", self.user_id, self.portal_lang)
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` block: `<` escaped so it cannot close it.
pub fn json_block(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The whole page: header with the user and language switches, left menu, content — or, in a
/// slider, the content alone.
pub fn page(viewer: &Viewer, title: &str, path: &str, content: &str) -> String {
    if viewer.in_slider {
        return slider_page(viewer, title, content);
    }
    let l = viewer.lang;
    let other_user = if viewer.user_id == 1 { 2 } else { 1 };
    let other_lang = if l == Lang::Ru { "en" } else { "ru" };
    let role = if viewer.is_admin {
        l.t("admin")
    } else {
        l.t("rep")
    };
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title_text} — Битрикс24</title>
<link rel="stylesheet" href="/_assets/portal.css">
</head>
<body>
<header class="b24-header">
  <a class="b24-logo" href="/crm/deal/?{keep}">Битрикс<span>24</span></a>
  <div class="b24-search">{search}</div>
  <div class="b24-user">
    <span class="b24-user-name">{name}</span> <span class="b24-role">({role})</span>
    <a class="b24-switch" id="switch-user" href="{path}?user={other_user}&lang={lang}">{user_word} {other_user}</a>
    <a class="b24-switch" id="switch-lang" href="{path}?user={user}&lang={other_lang}">{other_lang_upper}</a>
  </div>
</header>
<div class="b24-body">
<nav class="b24-menu">
  <div class="b24-menu-group">{crm}</div>
  <a class="b24-menu-item" href="/crm/deal/?{keep}">{deals}</a>
  <div class="b24-menu-group">{apps}</div>
  <a class="b24-menu-item" href="/marketplace/app/storelink/?{keep}">StoreLink</a>
</nav>
<main class="b24-content">
{content}
</main>
</div>
<script src="/_assets/portal.js"></script>
</body>
</html>
"#,
        lang = l.code(),
        title_text = escape(title),
        keep = viewer.keep(),
        search = l.t("search"),
        name = escape(&viewer.name),
        role = role,
        path = path,
        other_user = other_user,
        user = viewer.user_id,
        user_word = l.t("user"),
        other_lang = other_lang,
        other_lang_upper = other_lang.to_uppercase(),
        crm = l.t("crm"),
        deals = l.t("deals"),
        apps = l.t("applications"),
        content = content,
    )
}

fn slider_page(viewer: &Viewer, title: &str, content: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} — Битрикс24</title>
<link rel="stylesheet" href="/_assets/portal.css">
</head>
<body class="b24-iframe">
<main class="b24-content">
{content}
</main>
<script src="/_assets/portal.js"></script>
</body>
</html>
"#,
        lang = viewer.lang.code(),
        title = escape(title),
    )
}
