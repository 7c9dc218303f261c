//! The iframe's height follows the admin pages' content (see [`crate::page::HeightWatch`]).

use yew::prelude::*;

use crate::frame::Frame;
use crate::page::HeightWatch;

/// Reports the height of the element the returned ref is put on to the portal whenever it
/// changes. Without a frame (outside Bitrix24) nothing is reported.
#[hook]
pub fn use_auto_height(frame: Option<Frame>) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let watch = frame
                .zip(node.cast::<web_sys::Element>())
                .map(|(frame, element)| HeightWatch::start(element, frame));
            move || drop(watch)
        });
    }
    node
}
