//! Shown for any address the app does not know.

use yew::prelude::*;

use crate::components::layout::NavLink;
use crate::components::page::Page;
use crate::i18n::{t, M};
use crate::route::Route;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <Page title={t(M::NotFoundTitle)}>
            <p>{ t(M::NotFoundBody) }</p>
            <p><NavLink to={Route::Home}>{ t(M::NotFoundBack) }</NavLink></p>
        </Page>
    }
}
