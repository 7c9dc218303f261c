//! Whether the deal card shows the tab. A frame in a card tab the rep left is still "visible"
//! to the browser (`document.hidden` stays false, its window keeps its size), but it has no
//! place on the screen: an `IntersectionObserver` on the tab's root tells.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

/// Watches an element's place on the screen until dropped.
pub struct OnScreen {
    shown: Rc<Cell<bool>>,
    observer: Option<IntersectionObserver>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl OnScreen {
    /// Starts watching `element`; `changed` hears each change (true: shown again).
    pub fn watch(element: &Element, changed: impl Fn(bool) + 'static) -> OnScreen {
        // Until the browser has said otherwise, the tab counts as shown.
        let shown = Rc::new(Cell::new(true));
        let seen = shown.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries
                .iter()
                .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                .next_back();
            if let Some(entry) = last {
                let now = entry.is_intersecting();
                if now != seen.get() {
                    seen.set(now);
                    changed(now);
                }
            }
        });
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(element);
        }
        OnScreen {
            shown,
            observer,
            _callback: callback,
        }
    }

    /// False while the tab has no place on the screen.
    pub fn is_shown(&self) -> bool {
        self.shown.get()
    }
}

impl Drop for OnScreen {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }
}
