//! Where the time of a deal open went, read in the app's frame from the Performance API.

use serde_json::Value;

use super::browser::Browser;

/// Where the time of a deal open went, from the frame's Performance API (ms since the
/// iframe's navigation started). `store` is the store's origin: its requests are told apart
/// from the portal's.
pub fn open_timeline(browser: &Browser, store: &str) -> Value {
    browser.js(
        r#"
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const wasm = res.find(r => r.name.includes('.wasm'));
        const rest = res.filter(r => r.name.includes('/rest/'));
        const store = rest.filter(r => r.name.startsWith(arguments[0]));
        const portal = rest.filter(r => !r.name.startsWith(arguments[0]));
        return {
          html: nav ? nav.responseEnd : null,
          wasm: wasm ? wasm.responseEnd : null,
          restStart: rest.length ? Math.min(...rest.map(r => r.startTime)) : null,
          storeStart: store.length ? Math.min(...store.map(r => r.startTime)) : null,
          portalEnd: portal.length ? Math.max(...portal.map(r => r.responseEnd)) : null,
          restEnd: rest.length ? Math.max(...rest.map(r => r.responseEnd)) : null,
          ready: window.__slProbe ? window.__slProbe.ready : null,
        };
        "#,
        vec![Value::String(store.to_owned())],
    )
}
