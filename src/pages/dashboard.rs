//! What the recoveries teach: costs, satisfaction, what to fix first.

use yew::prelude::*;

use crate::components::page::Page;
use crate::i18n::{t, M};

#[function_component(Dashboard)]
pub fn dashboard() -> Html {
    html! {
        <Page title={t(M::DashboardTitle)}>
            <p class="empty">{ t(M::DashboardEmpty) }</p>
        </Page>
    }
}
