//! The stock lookup in the browser (temporary stand-in; being written).

use std::rc::Rc;

use bitrix_rest::models::catalog::Warehouse;

use crate::model::lookup::LookupHit;
use crate::session::Session;

#[derive(Default)]
pub struct LookupOptions {
    pub compact: bool,
    pub warehouses: Option<Rc<Vec<Warehouse>>>,
    pub on_open_settings: Option<Rc<dyn Fn()>>,
    pub on_select: Option<Rc<dyn Fn(LookupHit)>>,
}

pub struct LookupHandle;

pub fn mount(
    _element: web_sys::Element,
    _session: Rc<Session>,
    _options: LookupOptions,
) -> LookupHandle {
    LookupHandle
}
