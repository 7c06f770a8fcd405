//! The start page: what Amends is for, and the one big button to begin.

use yew::prelude::*;

use crate::components::layout::NavLink;
use crate::components::page::Page;
use crate::i18n::{t, M};
use crate::route::Route;

#[function_component(Home)]
pub fn home() -> Html {
    html! {
        <Page title={t(M::HomeTitle)}>
            <p>{ t(M::HomeIntro) }</p>
            <p><NavLink to={Route::NewRecovery}>{ t(M::HomeStart) }</NavLink></p>
        </Page>
    }
}
