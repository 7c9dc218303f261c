//! The pages around the deal tab: opened outside Bitrix24, the portal gave no context, a deal
//! tab without a deal, a placement StoreLink does not support.

use super::Markup;
use super::notice::{Notice, Tone};
use crate::i18n::{Lang, fill};
use crate::manifest::Manifest;

/// What a person sees when opening StoreLink's page directly, outside Bitrix24.
pub fn outside(lang: Lang) -> String {
    let t = lang.shell();
    let manifest = Manifest::embedded();
    let mut m = Markup::new();
    m.open_class("main", "sl-page sl-outside")
        .attr("data-testid", "outside");
    m.open_class("header", "sl-outside-head");
    m.open("img")
        .attr("src", "icon.svg")
        .attr("alt", "")
        .attr("width", "40")
        .attr("height", "40")
        .void();
    m.open("div");
    m.leaf("h1", "", manifest.name.get(lang));
    m.leaf(
        "p",
        "sl-muted",
        &fill(t.outside_version, &[&manifest.version]),
    );
    m.close("div").close("header");
    m.leaf("p", "sl-lead", t.outside_what);
    list(
        &mut m,
        "ul",
        &[
            t.outside_feature_order,
            t.outside_feature_stock,
            t.outside_feature_lookup,
            t.outside_feature_live,
        ],
    );
    m.leaf("h2", "", t.outside_install_title);
    // The scopes as the manifest asks for them.
    let scopes = manifest.scopes.join(", ");
    list(
        &mut m,
        "ol",
        &[
            t.outside_install_step1,
            &fill(t.outside_install_step2, &[&scopes]),
            t.outside_install_step3,
        ],
    );
    m.leaf("p", "sl-muted", t.outside_not_in_frame);
    m.close("main");
    m.finish()
}

fn list(m: &mut Markup, tag: &str, items: &[&str]) {
    m.open_class(tag, "sl-list");
    for item in items {
        m.leaf("li", "", item);
    }
    m.close(tag);
}

/// A page that only says what went wrong: `testid` on its root, `data-state="error"`.
fn failed_page(testid: &str, notice: Notice) -> String {
    let mut m = Markup::new();
    m.open_class("div", "sl-page")
        .attr("data-testid", testid)
        .attr("data-state", "error");
    notice.write(&mut m);
    m.close("div");
    m.finish()
}

/// The portal never gave the app its context (`reason`: the frame error).
pub fn frame_failed(lang: Lang, reason: &str) -> String {
    let t = lang.shell();
    let text = fill(t.frame_failed_text, &[reason]);
    failed_page(
        "storelink",
        Notice::new(Tone::Alert, &text).titled(t.frame_failed_title),
    )
}

/// The deal tab opened without a deal ID.
pub fn no_deal(lang: Lang) -> String {
    let t = lang.shell();
    failed_page(
        "deal-tab",
        Notice::new(Tone::Alert, t.deal_tab_no_deal_text).titled(t.deal_tab_no_deal_title),
    )
}

/// Opened in a placement StoreLink does not support.
pub fn unsupported(lang: Lang, placement: &str) -> String {
    let t = lang.shell();
    let text = fill(t.placement_unknown_text, &[placement]);
    failed_page(
        "storelink",
        Notice::new(Tone::Warning, &text).titled(t.placement_unknown_title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_bitrix_the_page_names_the_app_and_how_to_install_it() {
        let html = outside(Lang::En);
        let t = Lang::En.shell();
        assert!(html.starts_with(r#"<main class="sl-page sl-outside" data-testid="outside">"#));
        assert!(html.contains(t.outside_install_title));
        assert!(html.contains(&Manifest::embedded().version));
        assert!(html.contains(&format!(
            "the scopes {}, then",
            Manifest::embedded().scopes.join(", ")
        )));
        assert_eq!(html.matches("<li>").count(), 7);
    }

    #[test]
    fn an_unsupported_placement_is_named_in_the_warning() {
        let html = unsupported(Lang::En, "CRM_LEAD_DETAIL_TAB");
        assert!(html.contains(r#"data-state="error""#));
        assert!(html.contains("CRM_LEAD_DETAIL_TAB"));
        assert!(html.contains("sl-notice-warning"));
    }

    #[test]
    fn a_tab_without_deal_is_an_error_state_of_the_deal_tab() {
        let html = no_deal(Lang::Ru);
        assert!(
            html.starts_with(r#"<div class="sl-page" data-testid="deal-tab" data-state="error">"#)
        );
        assert!(html.contains(Lang::Ru.shell().deal_tab_no_deal_title));
    }
}
