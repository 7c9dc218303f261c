//! StoreLink's app options for tests: the developer configuration in `dev/app-options.json`
//! (the one `./build.sh serve` installs), with what a test changes.

use serde_json::{Value, json};

use super::closed_port::ClosedPort;

/// `dev/app-options.json` as written (`${STORE_WEBHOOK_URL}` is filled in by the sandbox).
pub fn dev_options() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/dev/app-options.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The dev options with live checks every `poll_secs` seconds.
pub fn dev_options_polling(poll_secs: u32) -> Value {
    with_settings(dev_options(), json!({ "pollIntervalSecs": poll_secs }))
}

/// `options` with fields of its `settings` replaced by those in `changes`.
pub fn with_settings(mut options: Value, changes: Value) -> Value {
    let settings = options
        .get_mut("settings")
        .and_then(Value::as_object_mut)
        .expect("app options hold a `settings` object");
    if let Value::Object(changes) = changes {
        for (key, value) in changes {
            settings.insert(key, value);
        }
    }
    options
}

/// The settings' store webhook pointed at a loopback port where nothing listens; keep the
/// [`ClosedPort`] for as long as the store must stay unreachable.
pub fn unreachable_store(options: Value) -> (Value, ClosedPort) {
    // Held closed for the rest of the test: connecting there is refused.
    let closed = ClosedPort::reserve();
    let webhook = closed.store_webhook();
    (
        with_settings(options, json!({ "storeWebhook": webhook })),
        closed,
    )
}
