//! Keeps the portal's iframe as tall as StoreLink's content (`resizeWindow`), so a tab never
//! opens half-cut and never leaves a gap.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, ResizeObserver};
use yew::prelude::*;

use crate::frame::Frame;

/// Reports the height of the element the returned ref is put on to the portal whenever it
/// changes. Without a frame (outside Bitrix24) nothing is reported.
#[hook]
pub fn use_auto_height(frame: Option<Frame>) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let observed = frame.map(|frame| observe(node, frame));
            move || {
                if let Some((observer, callback)) = observed {
                    if let Some(observer) = observer {
                        observer.disconnect();
                    }
                    drop(callback);
                }
            }
        });
    }
    node
}

type Observed = (Option<ResizeObserver>, Closure<dyn FnMut()>);

fn observe(node: NodeRef, frame: Frame) -> Observed {
    let last_sent = Rc::new(Cell::new(0_u32));
    let report = {
        let node = node.clone();
        move || {
            let Some(el) = node.cast::<HtmlElement>() else {
                return;
            };
            let height = el.get_bounding_client_rect().height().ceil().max(1.0) as u32;
            if height != last_sent.get() {
                last_sent.set(height);
                let frame = frame.clone();
                // A failed resize only leaves the frame at its old height.
                spawn_local(async move {
                    let _ = frame.resize(height).await;
                });
            }
        }
    };
    report();
    let callback = Closure::<dyn FnMut()>::new(report);
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
        observer.observe(&el);
    }
    (observer, callback)
}
