//! Keeps the portal's iframe as tall as StoreLink's content (`resizeWindow`), so a tab never
//! opens half-cut and never leaves a gap.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, ResizeObserver};

use crate::frame::Frame;

/// Reports `element`'s height to the portal whenever it changes, until dropped.
pub struct HeightWatch {
    observer: Option<ResizeObserver>,
    _callback: Closure<dyn FnMut()>,
}

impl HeightWatch {
    pub fn start(element: Element, frame: Frame) -> HeightWatch {
        let last_sent = Rc::new(Cell::new(0_u32));
        let observed = element.clone();
        let report = move || {
            let height = observed.get_bounding_client_rect().height().ceil() as u32;
            // Nothing drawn yet (the page is between its loading layout and StoreLink's): the
            // frame keeps its height rather than folding to nothing for a moment.
            if height > 0 && height != last_sent.get() {
                last_sent.set(height);
                let frame = frame.clone();
                // A failed resize only leaves the frame at its old height.
                spawn_local(async move {
                    let _ = frame.resize(height).await;
                });
            }
        };
        report();
        let callback = Closure::<dyn FnMut()>::new(report);
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(&element);
        }
        HeightWatch {
            observer,
            _callback: callback,
        }
    }
}

impl Drop for HeightWatch {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }
}
