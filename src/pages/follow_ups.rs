//! Recoveries whose follow-up is due, with a suggested message.

use yew::prelude::*;

use crate::components::page::Page;
use crate::i18n::{t, M};

#[function_component(FollowUps)]
pub fn follow_ups() -> Html {
    html! {
        <Page title={t(M::FollowUpsTitle)}>
            <p class="empty">{ t(M::FollowUpsEmpty) }</p>
        </Page>
    }
}
