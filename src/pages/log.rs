//! The log of recoveries on this device, newest first.

use yew::prelude::*;

use crate::components::page::Page;
use crate::i18n::{t, M};

#[function_component(Log)]
pub fn log() -> Html {
    html! {
        <Page title={t(M::LogTitle)}>
            <p class="empty">{ t(M::LogEmpty) }</p>
        </Page>
    }
}
