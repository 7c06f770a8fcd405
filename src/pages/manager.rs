//! Manager mode: limits per role, approvals, audit, export.

use yew::prelude::*;

use crate::components::page::Page;
use crate::i18n::{t, M};

#[function_component(Manager)]
pub fn manager() -> Html {
    html! {
        <Page title={t(M::ManagerTitle)}>
            <p class="empty">{ t(M::ManagerEmpty) }</p>
        </Page>
    }
}
