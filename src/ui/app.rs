//! The root: connects to Bitrix24 and opens the page the portal asked for.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::auto_height::AutoHeight;
use super::context::SettingsSaved;
use super::install::InstallPage;
use super::notice::{Notice, Tone};
use super::outside::Outside;
use super::placement::PlacementPage;
use super::skeleton::PageSkeleton;
use crate::frame::{Frame, FrameError};
use crate::i18n::Lang;
use crate::session::Session;

/// Which HTML page started the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the deal tab or the app's own page.
    App,
    /// `install.html`: the installer.
    Install,
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub page: Page,
}

enum Boot {
    Starting,
    Outside,
    Failed(FrameError),
    Ready(Rc<Session>),
}

/// The language before the portal has said which: the iframe URL's `LANG`, else the browser's.
pub fn early_lang() -> Lang {
    let window = web_sys::window();
    let from_query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("LANG=").map(str::to_owned))
        });
    let code = from_query
        .or_else(|| window.and_then(|w| w.navigator().language()))
        .unwrap_or_default();
    Lang::from_code(&code)
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let boot = use_state(|| Boot::Starting);
    {
        let boot = boot.clone();
        use_effect_with((), move |_| match Frame::connect() {
            Err(_) => boot.set(Boot::Outside),
            Ok(frame) => spawn_local(async move {
                match Session::open(frame).await {
                    Ok(session) => boot.set(Boot::Ready(Rc::new(session))),
                    Err(e) => boot.set(Boot::Failed(e)),
                }
            }),
        });
    }
    match &*boot {
        Boot::Starting => html! { <PageSkeleton /> },
        Boot::Outside => html! { <Outside lang={early_lang()} /> },
        Boot::Failed(error) => {
            let t = early_lang().shell();
            html! {
                <div class="sl-page" data-testid="storelink" data-state="error">
                    <Notice tone={Tone::Alert} title={t.frame_failed_title}
                        text={crate::i18n::fill(t.frame_failed_text, &[&error.to_string()])} />
                </div>
            }
        }
        Boot::Ready(session) => {
            let saved = {
                let boot = boot.clone();
                let session = session.clone();
                SettingsSaved(Callback::from(move |settings| {
                    boot.set(Boot::Ready(Rc::new(session.with_settings(settings))))
                }))
            };
            html! {
            <ContextProvider<Rc<Session>> context={session.clone()}>
            <ContextProvider<SettingsSaved> context={saved}>
                <AutoHeight frame={session.frame.clone()}>
                    if props.page == Page::Install || session.init.install {
                        <InstallPage />
                    } else {
                        <PlacementPage />
                    }
                </AutoHeight>
            </ContextProvider<SettingsSaved>>
            </ContextProvider<Rc<Session>>>
            }
        }
    }
}
