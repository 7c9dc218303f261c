//! Linking a deal to an order in the browser (temporary stand-in; being written).

use std::rc::Rc;

use bitrix_rest::models::crm::Contact;

use super::dom::Action;
use crate::markup::Markup;
use crate::session::Session;

pub struct LinkPanel;

impl LinkPanel {
    pub fn new(
        _session: Rc<Session>,
        _deal_id: u64,
        _contact: Option<Contact>,
        _changed: Rc<dyn Fn()>,
        _linked: Rc<dyn Fn()>,
    ) -> Rc<LinkPanel> {
        Rc::new(LinkPanel)
    }
    pub fn write(&self, _m: &mut Markup) {}
    pub fn handle(self: &Rc<Self>, _action: &Action) -> bool {
        false
    }
}
