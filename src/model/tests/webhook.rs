use crate::model::webhook::{StoreWebhook, WebhookError};

fn parse(s: &str) -> Result<StoreWebhook, WebhookError> {
    StoreWebhook::parse(s)
}

#[test]
fn a_clean_webhook_url_keeps_its_base() {
    let hook = parse("https://shop.example/rest/7/abcdef0123456789/").unwrap();
    assert_eq!(
        hook.base_url(),
        "https://shop.example/rest/7/abcdef0123456789/"
    );
    assert_eq!(hook.origin(), "https://shop.example");
    assert_eq!(hook.user_id(), 7);
    assert!(!hook.is_plain_http());
}

#[test]
fn a_method_query_and_spaces_pasted_after_the_secret_are_dropped() {
    for pasted in [
        "  https://shop.example/rest/7/abcdef0123456789/sale.order.list.json?filter[id]=1 ",
        "https://shop.example/rest/7/abcdef0123456789",
        "https://shop.example/rest/7/abcdef0123456789/profile/",
        "https://shop.example/rest/7/abcdef0123456789/#top",
        "HTTPS://SHOP.Example/rest/7/abcdef0123456789/",
    ] {
        let hook = parse(pasted).unwrap();
        assert_eq!(
            hook.base_url(),
            "https://shop.example/rest/7/abcdef0123456789/",
            "{pasted}"
        );
    }
}

#[test]
fn default_ports_are_dropped_and_others_kept() {
    assert_eq!(
        parse("https://shop.example:443/rest/1/abcdefgh12/")
            .unwrap()
            .origin(),
        "https://shop.example"
    );
    assert_eq!(
        parse("https://shop.example:8443/rest/1/abcdefgh12/")
            .unwrap()
            .origin(),
        "https://shop.example:8443"
    );
    assert_eq!(
        parse("http://127.0.0.1:8082/rest/1/abcdefgh12/")
            .unwrap()
            .base_url(),
        "http://127.0.0.1:8082/rest/1/abcdefgh12/"
    );
}

#[test]
fn plain_http_is_accepted_for_loopback_hosts_only() {
    for ok in [
        "http://127.0.0.1/rest/1/abcdefgh12/",
        "http://localhost:8082/rest/1/abcdefgh12/",
        "http://[::1]:8082/rest/1/abcdefgh12/",
    ] {
        assert!(parse(ok).unwrap().is_plain_http(), "{ok}");
    }
    for bad in [
        "http://shop.example/rest/1/abcdefgh12/",
        "http://127.0.0.2/rest/1/abcdefgh12/",
        "http://localhost.evil.example/rest/1/abcdefgh12/",
    ] {
        assert_eq!(parse(bad), Err(WebhookError::HttpsRequired), "{bad}");
    }
}

#[test]
fn what_is_not_a_webhook_is_refused_with_its_reason() {
    let cases = [
        ("", WebhookError::Empty),
        ("   ", WebhookError::Empty),
        ("shop.example/rest/1/abcdefgh12/", WebhookError::NotAUrl),
        (
            "ftp://shop.example/rest/1/abcdefgh12/",
            WebhookError::UnsupportedScheme,
        ),
        ("https:///rest/1/abcdefgh12/", WebhookError::BadHost),
        (
            "https://sho p.example/rest/1/abcdefgh12/",
            WebhookError::BadHost,
        ),
        ("https://[]/rest/1/abcdefgh12/", WebhookError::BadHost),
        (
            "https://shop.example:0/rest/1/abcdefgh12/",
            WebhookError::BadPort,
        ),
        (
            "https://shop.example:99999/rest/1/abcdefgh12/",
            WebhookError::BadPort,
        ),
        (
            "https://shop.example:+80/rest/1/abcdefgh12/",
            WebhookError::BadPort,
        ),
        (
            "https://u:p@shop.example/rest/1/abcdefgh12/",
            WebhookError::CredentialsInUrl,
        ),
        ("https://shop.example/", WebhookError::NotAWebhookPath),
        (
            "https://shop.example/api/1/abcdefgh12/",
            WebhookError::NotAWebhookPath,
        ),
        (
            "https://shop.example/rest/1/",
            WebhookError::NotAWebhookPath,
        ),
        (
            "https://shop.example/rest/0/abcdefgh12/",
            WebhookError::BadUserId,
        ),
        (
            "https://shop.example/rest/x/abcdefgh12/",
            WebhookError::BadUserId,
        ),
        (
            "https://shop.example/rest/1/short/",
            WebhookError::BadSecret,
        ),
        (
            "https://shop.example/rest/1/abc$efgh12/",
            WebhookError::BadSecret,
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(parse(input), Err(expected), "{input:?}");
    }
}

#[test]
fn secrets_with_dashes_and_underscores_are_accepted() {
    let hook = parse("http://127.0.0.1:8082/rest/1/store-webhook_secret/").unwrap();
    assert_eq!(hook.user_id(), 1);
}

#[test]
fn the_masked_form_shows_only_the_last_two_characters_of_the_secret() {
    let hook = parse("https://shop.example/rest/7/0123456789abcd3f/").unwrap();
    assert_eq!(hook.masked(), "https://shop.example/rest/7/••••••3f/");
}

#[test]
fn the_secret_never_appears_in_debug_output() {
    let hook = parse("https://shop.example/rest/7/s3cretvalue0042/").unwrap();
    let debug = format!("{hook:?} {:?}", Some(&hook));
    assert!(!debug.contains("s3cretvalue0042"), "{debug}");
    assert!(debug.contains("••••••42"));
}

#[test]
fn a_webhook_round_trips_through_json_as_its_base_url() {
    let hook = parse("https://shop.example/rest/7/abcdef0123456789/x").unwrap();
    let json = serde_json::to_string(&hook).unwrap();
    assert_eq!(json, r#""https://shop.example/rest/7/abcdef0123456789/""#);
    let back: StoreWebhook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, hook);
}

#[test]
fn a_bad_stored_webhook_error_does_not_repeat_the_text() {
    let err = serde_json::from_str::<StoreWebhook>(r#""http://shop.example/rest/7/topsecret42/""#)
        .unwrap_err()
        .to_string();
    assert!(!err.contains("topsecret42"), "{err}");
}

#[test]
fn a_store_on_a_national_domain_is_addressed_by_its_xn_form() {
    let hook = parse("https://Магазин.РФ/rest/1/abcdefgh12345678/").unwrap();
    assert_eq!(
        hook.base_url(),
        "https://xn--80aairftm.xn--p1ai/rest/1/abcdefgh12345678/"
    );
    // Already in that form: the same webhook.
    let same = parse("https://xn--80aairftm.xn--p1ai/rest/1/abcdefgh12345678/").unwrap();
    assert_eq!(same, hook);
    // Messages name it as people write it.
    assert_eq!(hook.origin_as_written(), "https://магазин.рф");
    let port = parse("http://127.0.0.1:8082/rest/1/abcdefgh12345678/").unwrap();
    assert_eq!(port.origin_as_written(), "http://127.0.0.1:8082");
    let v6 = parse("http://[::1]:8082/rest/1/abcdefgh12345678/").unwrap();
    assert_eq!(v6.origin_as_written(), "http://[::1]:8082");
    // Letters that are not a domain are still refused.
    assert_eq!(
        parse("https://шоп рф/rest/1/abcdefgh12345678/"),
        Err(WebhookError::BadHost)
    );
}
