//! Timestamps taken inside the page: a script the browser runs in every new document (the app's
//! iframe included) before the page's own scripts, so it sees the very first render. Times are
//! `performance.now()` of that document: milliseconds since its navigation started.

use serde_json::{Value, json};

use crate::support::browser::Browser;

/// Records when the deal tab first becomes `ready`, each lookup answer, and the last keystroke
/// in the lookup's search box.
const PROBE: &str = r#"
(() => {
  if (window.__slProbe) return;
  const probe = window.__slProbe = { ready: null, lastInput: null, answers: [] };
  const look = () => {
    const tab = document.querySelector('[data-testid="deal-tab"]');
    if (tab && probe.ready === null && tab.getAttribute('data-state') === 'ready') {
      probe.ready = performance.now();
    }
    const lookup = document.querySelector('[data-testid="stock-lookup"]');
    if (lookup) {
      const state = lookup.getAttribute('data-state');
      const query = lookup.getAttribute('data-query');
      const last = probe.answers[probe.answers.length - 1];
      if ((state === 'ready' || state === 'empty') && !(last && last.query === query)) {
        probe.answers.push({ query, state, at: performance.now() });
      }
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-query'],
  });
  document.addEventListener('input', (e) => {
    const t = e.target;
    if (t && t.getAttribute && t.getAttribute('data-testid') === 'stock-search') {
      probe.lastInput = performance.now();
    }
  }, true);
})();
"#;

/// Installs the probe for every document the page opens from now on.
pub fn install(browser: &Browser) {
    browser
        .driver
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": PROBE }),
        )
        .unwrap_or_else(|e| panic!("installing the timing probe: {e}"));
}

/// What the probe recorded in the current frame.
pub fn read(browser: &Browser) -> Value {
    browser.js("return window.__slProbe || null;", vec![])
}

/// The files of `origin` the current frame loaded: its own document and every resource.
pub fn files_from(browser: &Browser, origin: &str) -> Vec<String> {
    let names = browser.js(
        "return [location.href].concat(performance.getEntriesByType('resource').map(r => r.name));",
        vec![],
    );
    let mut files: Vec<String> = names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str())
        .filter_map(|url| url.strip_prefix(origin))
        .map(|path| {
            let path = path.split(['?', '#']).next().unwrap_or_default();
            path.trim_start_matches('/').to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect();
    files.sort();
    files.dedup();
    files
}

/// How long the frame's latest REST request took, from sending it to its answer (ms).
pub fn last_rest_request(browser: &Browser) -> Option<f64> {
    browser
        .js(
            "const rest = performance.getEntriesByType('resource').filter(r => r.name.includes('/rest/'));
             const last = rest[rest.length - 1];
             return last ? last.responseEnd - last.startTime : null;",
            vec![],
        )
        .as_f64()
}
