//! The guided recovery: listen, apologise, remedy, approval, log.

use yew::prelude::*;

use crate::components::page::Page;
use crate::i18n::{t, M};

#[function_component(NewRecovery)]
pub fn new_recovery() -> Html {
    html! {
        <Page title={t(M::NewTitle)}>
            <p class="empty">{ t(M::NewEmpty) }</p>
        </Page>
    }
}
