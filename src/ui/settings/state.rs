//! The settings page's state: the form, what loaded from each system, the check and the save.
//! Every change goes through [`Action`]; the rules live in [`crate::model::settings`].

use std::rc::Rc;

use yew::Reducible;

use crate::frame::FrameError;
use crate::model::settings::check::ConnectionReport;
use crate::model::settings::failure::RestFailure;
use crate::model::settings::form::{LinkKind, Matching, SettingsForm, WebhookInput};
use crate::model::settings::load::{PortalChoices, StoreFindings};
use crate::model::settings::merge::Merge;
use crate::model::settings::{LinkRule, Settings, SettingsField, SettingsProblem};

/// The store's data for the page.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreData {
    /// No webhook is saved and none was checked yet.
    NotConfigured,
    Loading,
    Ready(StoreFindings),
    Failed(RestFailure),
}

/// "Check connection" (also the answer of the initial store load).
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Idle,
    Running,
    /// The store answered: the report, and why the catalogues could not be listed, if so.
    Passed(ConnectionReport, Option<RestFailure>),
    Failed(RestFailure),
    /// The webhook box holds nothing usable to check.
    Refused(SettingsProblem),
}

/// Where saving stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Save {
    Idle,
    Saving,
    /// Saved; with the parts another admin had saved meanwhile, kept beside this page's.
    Saved(Vec<SettingsField>),
    /// Refused before sending: the number of problems.
    Refused(usize),
    /// A new webhook is being checked before the save goes on.
    Checking,
    /// Nothing saved: the new webhook's check failed (the check says why).
    CheckFailed,
    Failed(FrameError),
    /// Nothing saved: another admin saved the settings after this page read them and changed
    /// these parts too. The form holds their save with this page's edits over it.
    Conflict(Vec<SettingsField>),
}

/// One edit of the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Webhook(String),
    StoreIblock(String),
    PortalIblock(String),
    RuleKind(usize, LinkKind),
    Rule(usize, LinkRule),
    MoveRule(usize, bool),
    RemoveRule(usize),
    AddRule,
    Matching(Matching),
    PortalProperty(String),
    StoreProperty(String),
    Article(String),
    VariationArticle(String),
    PriceType(String),
    Stage {
        category_id: i64,
        status_id: String,
        stage_id: Option<String>,
    },
    Warehouse(u64, bool),
    /// Untick every warehouse: the tab shows every active one.
    EveryWarehouse,
    Poll(String),
}

pub enum Action {
    PortalLoaded(PortalChoices),
    /// A store answer (initial load or check number `seq`; older checks are ignored).
    StoreAnswered {
        seq: u64,
        outcome: Result<StoreFindings, RestFailure>,
    },
    /// A check of the store at `origin` (webhook `url`) started.
    CheckStarted {
        origin: String,
        url: String,
    },
    /// Save was pressed with a webhook no check has passed yet: the check runs first and the
    /// save follows if it passes.
    SaveAfterCheck,
    /// The check a save waited for is over: the save goes on ([`Save::Saving`]) or not.
    SaveCheckOver,
    CheckRefused(SettingsProblem),
    /// The store failed a request after its check had passed (a save asked it about a
    /// property): the connection line says so, instead of "the store answers". What the check
    /// found stays to choose from.
    StoreFailedSince(RestFailure),
    Edit(Edit),
    SaveRefused(Vec<SettingsProblem>),
    SaveStarted,
    /// Saved `settings`; `theirs` names the parts another admin's save meanwhile gave.
    Saved {
        settings: Settings,
        theirs: Vec<SettingsField>,
    },
    SaveFailed(FrameError),
    /// Another admin saved `theirs` meanwhile and changed parts this page changed too.
    SaveConflict {
        theirs: Box<Settings>,
        merge: Box<Merge>,
    },
    /// The store has no price of the saved price type.
    PriceTypeUnused(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageState {
    pub form: SettingsForm,
    /// The settings as saved (what an untouched webhook box keeps).
    pub saved: Settings,
    /// `None` while the portal batch runs.
    pub portal: Option<PortalChoices>,
    pub store: StoreData,
    /// The origin of the store checked or loaded last (named in failures).
    pub store_origin: String,
    pub check: Check,
    /// The number of the latest check.
    pub check_seq: u64,
    /// The webhook (base URL) that `check` is about (the check under way, or its result).
    pub check_url: Option<String>,
    /// The webhook (base URL) the store last answered to: a save with another one checks it
    /// first.
    pub checked: Option<String>,
    /// What the last save attempt refused; updated on every edit after that.
    pub problems: Vec<SettingsProblem>,
    pub save: Save,
    /// The price type just saved, when the store has no price of that type.
    pub unused_price_type: Option<u64>,
}

impl PageState {
    /// The page for saved settings, before anything loaded.
    pub fn new(saved: &Settings) -> PageState {
        let connected = saved.store_webhook.is_some();
        PageState {
            unused_price_type: None,
            form: SettingsForm::of(saved),
            saved: saved.clone(),
            portal: None,
            store: if connected {
                StoreData::Loading
            } else {
                StoreData::NotConfigured
            },
            store_origin: saved
                .store_webhook
                .as_ref()
                .map(|w| w.origin_as_written())
                .unwrap_or_default(),
            check: if connected {
                Check::Running
            } else {
                Check::Idle
            },
            check_seq: 0,
            check_url: saved.store_webhook.as_ref().map(|w| w.base_url()),
            checked: None,
            problems: Vec::new(),
            save: Save::Idle,
        }
    }

    /// True while either system's data is still coming.
    pub fn is_loading(&self) -> bool {
        self.portal.is_none() || self.store == StoreData::Loading
    }

    /// Proposes mappings and catalogues once both sides are known.
    fn adopt_loads(&mut self) {
        let portal_catalog = match self.portal.as_ref().map(|p| &p.catalogs) {
            Some(Ok(list)) if list.len() == 1 => Some(list[0].iblock_id),
            _ => None,
        };
        let store_catalog = match &self.store {
            StoreData::Ready(found) => found.report.single_catalog(),
            _ => None,
        };
        self.form.prefill_catalogs(store_catalog, portal_catalog);
        if let (Some(portal), StoreData::Ready(found)) = (&self.portal, &self.store)
            && let Ok(pipelines) = &portal.pipelines
        {
            self.form
                .propose_mappings(pipelines, &found.statuses, &portal.stages);
        }
    }

    fn edit(&mut self, edit: Edit) {
        let form = &mut self.form;
        match edit {
            Edit::Webhook(text) => {
                form.webhook = WebhookInput::typed(&text);
                // A check's answer belongs to the address it checked: an edited address is
                // not "answering" until checked (the store's lists stay for the sections).
                let now = form.webhook.value(self.saved.store_webhook.as_ref());
                let same =
                    matches!(&now, Ok(Some(w)) if self.check_url.as_ref() == Some(&w.base_url()));
                if !same && self.check != Check::Running {
                    self.check = Check::Idle;
                    self.check_url = None;
                }
            }
            Edit::StoreIblock(text) => form.store_iblock = text,
            Edit::PortalIblock(text) => form.portal_iblock = text,
            Edit::RuleKind(i, kind) => form.set_rule_kind(i, kind),
            Edit::Rule(i, rule) => form.set_rule(i, rule),
            Edit::MoveRule(i, up) => form.move_rule(i, up),
            Edit::RemoveRule(i) => form.remove_rule(i),
            Edit::AddRule => form.add_rule(),
            Edit::Matching(how) => form.matching = how,
            Edit::PortalProperty(text) => form.portal_property = text,
            Edit::StoreProperty(text) => form.store_property = text,
            Edit::Article(text) => form.article_property = text,
            Edit::VariationArticle(text) => form.variation_article_property = text,
            Edit::PriceType(text) => form.price_type = text,
            Edit::Stage {
                category_id,
                status_id,
                stage_id,
            } => {
                let statuses = match &self.store {
                    StoreData::Ready(found) => found.statuses.as_slice(),
                    _ => &[],
                };
                form.set_stage(category_id, statuses, &status_id, stage_id.as_deref());
            }
            Edit::Warehouse(id, shown) => {
                let warehouses = match &self.store {
                    StoreData::Ready(found) => found.warehouses.as_slice(),
                    _ => &[],
                };
                form.set_warehouse(id, shown, warehouses);
            }
            Edit::EveryWarehouse => form.warehouses.clear(),
            Edit::Poll(text) => form.poll = text,
        }
        if !self.problems.is_empty() {
            self.problems = self.form.to_settings(&self.saved).err().unwrap_or_default();
        }
        if self.save != Save::Saving {
            self.save = Save::Idle;
        }
    }
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::PortalLoaded(choices) => {
                next.portal = Some(choices);
                next.adopt_loads();
            }
            Action::StoreAnswered { seq, outcome } => {
                if seq != next.check_seq {
                    return self;
                }
                match outcome {
                    Ok(found) => {
                        next.checked = next.check_url.clone();
                        next.check =
                            Check::Passed(found.report.clone(), found.catalogs_failure.clone());
                        next.store = StoreData::Ready(found);
                        next.adopt_loads();
                    }
                    Err(failure) => {
                        next.check = Check::Failed(failure.clone());
                        next.store = StoreData::Failed(failure);
                    }
                }
            }
            Action::CheckStarted { origin, url } => {
                next.check_seq += 1;
                next.check = Check::Running;
                next.store = StoreData::Loading;
                next.store_origin = origin;
                next.check_url = Some(url);
            }
            Action::CheckRefused(problem) => {
                next.check = Check::Refused(problem);
                if next.save == Save::Checking {
                    next.save = Save::CheckFailed;
                }
            }
            Action::StoreFailedSince(failure) => {
                if matches!(next.check, Check::Passed(..)) {
                    next.check = Check::Failed(failure);
                }
            }
            Action::SaveAfterCheck => next.save = Save::Checking,
            Action::SaveCheckOver => {
                next.save = match next.check {
                    Check::Passed(..) => Save::Idle,
                    _ => Save::CheckFailed,
                };
            }
            Action::Edit(edit) => next.edit(edit),
            Action::SaveRefused(problems) => {
                next.save = Save::Refused(problems.len());
                next.problems = problems;
            }
            Action::SaveStarted => {
                next.save = Save::Saving;
                next.unused_price_type = None;
            }
            Action::PriceTypeUnused(id) => next.unused_price_type = Some(id),
            Action::Saved { settings, theirs } => {
                next.form = SettingsForm::of(&settings);
                next.saved = settings;
                next.problems.clear();
                next.save = Save::Saved(theirs);
            }
            Action::SaveFailed(error) => next.save = Save::Failed(error),
            Action::SaveConflict { theirs, merge } => {
                // Their save becomes what this page edits: the parts left alone here show
                // theirs, the parts edited here keep the edits, and the next save writes them.
                let (webhook, proposed) = (next.form.webhook.clone(), next.form.proposed.clone());
                next.form = SettingsForm::of(&merge.settings);
                if webhook.edited {
                    next.form.webhook = webhook;
                }
                next.form.proposed = proposed;
                next.saved = *theirs;
                next.save = Save::Conflict(merge.clashes);
            }
        }
        Rc::new(next)
    }
}
