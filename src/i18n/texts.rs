//! The shape of a language: one field per sentence.

/// Every sentence StoreLink shows. `{0}`, `{1}` are filled by [`super::fill`].
pub struct Texts {
    // Starting inside Bitrix24
    pub frame_failed_title: &'static str,
    pub frame_failed_text: &'static str,
    // Opened outside Bitrix24
    pub outside_version: &'static str,
    pub outside_what: &'static str,
    pub outside_feature_order: &'static str,
    pub outside_feature_stock: &'static str,
    pub outside_feature_lookup: &'static str,
    pub outside_feature_live: &'static str,
    pub outside_install_title: &'static str,
    pub outside_install_step1: &'static str,
    pub outside_install_step2: &'static str,
    pub outside_install_step3: &'static str,
    pub outside_not_in_frame: &'static str,
    // Installation
    pub install_title: &'static str,
    pub install_step_check: &'static str,
    pub install_step_bind: &'static str,
    pub install_step_finish: &'static str,
    pub install_not_admin_title: &'static str,
    pub install_not_admin_text: &'static str,
    pub install_done_title: &'static str,
    pub install_done_text: &'static str,
    pub install_failed_title: &'static str,
    pub install_failed_text: &'static str,
    pub install_rolled_back: &'static str,
    pub install_not_rolled_back: &'static str,
    pub install_placement_unavailable: &'static str,
    // Placements
    pub deal_tab_for: &'static str,
    pub deal_tab_no_deal_title: &'static str,
    pub deal_tab_no_deal_text: &'static str,
    pub app_page_title: &'static str,
    pub placement_unknown_title: &'static str,
    pub placement_unknown_text: &'static str,
}
