//! What a person sees when opening StoreLink's page directly, outside Bitrix24.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::manifest::Manifest;

pub fn outside(lang: Lang) -> Html {
    let t = lang.shell();
    let manifest = Manifest::embedded();
    html! {
        <main class="sl-page sl-outside" data-testid="outside">
            <header class="sl-outside-head">
                <img src="icon.svg" alt="" width="40" height="40" />
                <div>
                    <h1>{ manifest.name.get(lang) }</h1>
                    <p class="sl-muted">{ crate::i18n::fill(t.outside_version, &[&manifest.version]) }</p>
                </div>
            </header>
            <p class="sl-lead">{ t.outside_what }</p>
            <ul class="sl-list">
                <li>{ t.outside_feature_order }</li>
                <li>{ t.outside_feature_stock }</li>
                <li>{ t.outside_feature_lookup }</li>
                <li>{ t.outside_feature_live }</li>
            </ul>
            <h2>{ t.outside_install_title }</h2>
            <ol class="sl-list">
                <li>{ t.outside_install_step1 }</li>
                <li>{ t.outside_install_step2 }</li>
                <li>{ t.outside_install_step3 }</li>
            </ol>
            <p class="sl-muted">{ t.outside_not_in_frame }</p>
        </main>
    }
}
