//! The app's manifest (`manifest.json`), embedded at build time: the one source of truth for
//! StoreLink's name, version, scopes, placements and pages.

#[cfg(test)]
use serde::Deserialize;
use serde_json::Value;

use crate::i18n::Lang;

/// Text in Russian and English.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Localized {
    pub ru: String,
    pub en: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

impl Localized {
    fn read(v: &Value) -> Option<Localized> {
        Some(Localized {
            ru: text(v, "ru")?,
            en: text(v, "en")?,
        })
    }
}

/// What the app calls itself should the embedded manifest ever be unreadable.
fn fallback() -> Manifest {
    Manifest {
        code: "storelink".into(),
        name: Localized {
            ru: "StoreLink".into(),
            en: "StoreLink".into(),
        },
        version: String::new(),
        scopes: Vec::new(),
        pages: Pages {
            index: "index.html".into(),
            install: "install.html".into(),
        },
        placements: Vec::new(),
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_owned)
}

fn list<T>(v: &Value, key: &str, item: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    v.get(key)?.as_array()?.iter().map(item).collect()
}

/// A placement the app binds on installation.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Placement {
    /// The placement code, e.g. `CRM_DEAL_DETAIL_TAB`.
    pub placement: String,
    /// The page that handles it, relative to the app's own pages.
    pub handler: String,
    pub title: Localized,
    pub description: Localized,
}

/// The app's pages, relative to where its files are hosted.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Pages {
    pub index: String,
    pub install: String,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Manifest {
    pub code: String,
    pub name: Localized,
    pub version: String,
    pub scopes: Vec<String>,
    pub pages: Pages,
    pub placements: Vec<Placement>,
}

const MANIFEST_JSON: &str = include_str!("../manifest.json");

impl Manifest {
    /// The embedded manifest. It is checked by a unit test, so reading it cannot fail in a
    /// built app; should it ever, the app still starts with an empty placement list.
    pub fn embedded() -> Manifest {
        let read = serde_json::from_str::<Value>(MANIFEST_JSON).ok();
        read.as_ref()
            .and_then(Manifest::read)
            .unwrap_or_else(fallback)
    }

    /// Reads the manifest by hand: serde's derived reader would add its generic machinery to
    /// the wasm bundle for four small records. `None` when a field is missing or mistyped.
    fn read(v: &Value) -> Option<Manifest> {
        Some(Manifest {
            code: text(v, "code")?,
            name: Localized::read(v.get("name")?)?,
            version: text(v, "version")?,
            scopes: list(v, "scopes", |s| s.as_str().map(str::to_owned))?,
            pages: Pages {
                index: text(v.get("pages")?, "index")?,
                install: text(v.get("pages")?, "install")?,
            },
            placements: list(v, "placements", |p| {
                Some(Placement {
                    placement: text(p, "placement")?,
                    handler: text(p, "handler")?,
                    title: Localized::read(p.get("title")?)?,
                    description: Localized::read(p.get("description")?)?,
                })
            })?,
        })
    }
}

/// The URL of `page` next to the page at `current_url` (query and fragment dropped):
/// `https://x/app/install.html?DOMAIN=…` + `index.html` → `https://x/app/index.html`.
pub fn sibling_url(current_url: &str, page: &str) -> String {
    let base = current_url.split(['?', '#']).next().unwrap_or(current_url);
    match base.rfind('/') {
        Some(slash) => format!("{}{}", &base[..=slash], page),
        None => page.to_owned(),
    }
}

/// Whether two handler URLs name the same page: the query, fragment and a trailing slash do
/// not count, nor the letter case of scheme and host (a portal may store either spelling).
pub fn same_handler(a: &str, b: &str) -> bool {
    fn key(url: &str) -> String {
        let url = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .trim_end_matches('/');
        match url.find("://") {
            Some(at) => {
                let rest = &url[at + 3..];
                let host_end = rest.find('/').unwrap_or(rest.len());
                format!(
                    "{}://{}{}",
                    url[..at].to_ascii_lowercase(),
                    rest[..host_end].to_ascii_lowercase(),
                    &rest[host_end..]
                )
            }
            None => url.to_owned(),
        }
    }
    key(a) == key(b)
}

/// What this app's bindings lack and what they have too many of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BindingGaps {
    /// Places (placement, handler) of `ours` that nothing binds: reps do not see the tab.
    pub missing: Vec<(String, String)>,
    /// This app's other bindings of the same places (an older address): a second, dead tab.
    pub stale: Vec<(String, String)>,
}

impl BindingGaps {
    /// Nothing to mend.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty()
    }
}

/// The gaps between the places the app should be bound to (`ours`) and those `bound`.
pub fn binding_gaps(ours: &[(String, String)], bound: &[(String, String)]) -> BindingGaps {
    let is_ours = |(placement, handler): &(String, String)| {
        ours.iter()
            .any(|(p, h)| p == placement && same_handler(h, handler))
    };
    let missing = ours
        .iter()
        .filter(|(placement, handler)| {
            !bound
                .iter()
                .any(|(p, h)| p == placement && same_handler(h, handler))
        })
        .cloned()
        .collect();
    let stale = bound
        .iter()
        .filter(|b| ours.iter().any(|(p, _)| *p == b.0) && !is_ours(b))
        .cloned()
        .collect();
    BindingGaps { missing, stale }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(placement: &str, handler: &str) -> (String, String) {
        (placement.to_owned(), handler.to_owned())
    }

    #[test]
    fn a_missing_tab_and_a_second_one_at_an_old_address_are_both_gaps() {
        let ours = [pair(
            "CRM_DEAL_DETAIL_TAB",
            "https://b24.example/app/index.html",
        )];
        let fine = [pair(
            "CRM_DEAL_DETAIL_TAB",
            "https://B24.example/app/index.html?v=2",
        )];
        assert!(
            binding_gaps(&ours, &fine).is_empty(),
            "spelled otherwise, still ours"
        );
        let none = binding_gaps(&ours, &[]);
        assert_eq!(none.missing, ours.to_vec());
        assert!(none.stale.is_empty());
        let old = pair("CRM_DEAL_DETAIL_TAB", "https://old.example/index.html");
        let other_place = pair("CRM_LEAD_DETAIL_TAB", "https://old.example/index.html");
        let doubled = binding_gaps(&ours, &[fine[0].clone(), old.clone(), other_place]);
        assert!(doubled.missing.is_empty());
        assert_eq!(doubled.stale, vec![old], "only our places count");
    }

    #[test]
    fn embedded_manifest_reads_and_declares_the_deal_tab() {
        let m: Manifest = serde_json::from_str(MANIFEST_JSON).expect("manifest.json is valid");
        assert_eq!(m, Manifest::embedded());
        let tab = m
            .placements
            .iter()
            .find(|p| p.placement == "CRM_DEAL_DETAIL_TAB")
            .expect("the deal tab is declared");
        assert!(!tab.title.ru.is_empty() && !tab.title.en.is_empty());
        assert!(!tab.description.ru.is_empty() && !tab.description.en.is_empty());
        for scope in ["crm", "placement"] {
            assert!(m.scopes.iter().any(|s| s == scope), "scope {scope} missing");
        }
    }

    #[test]
    fn manifest_version_matches_the_crate_version() {
        assert_eq!(Manifest::embedded().version, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn handler_url_is_a_sibling_of_the_install_page() {
        assert_eq!(
            sibling_url(
                "https://cdn.example/app/install.html?DOMAIN=x&APP_SID=y",
                "index.html"
            ),
            "https://cdn.example/app/index.html"
        );
        assert_eq!(
            sibling_url("http://127.0.0.1:8080/", "index.html"),
            "http://127.0.0.1:8080/index.html"
        );
    }
}
