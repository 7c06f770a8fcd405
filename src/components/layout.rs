//! Header with navigation, the main landmark and the footer.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::language::LanguagePicker;
use crate::hooks::app_state::use_app;
use crate::hooks::app_state::Log;
use crate::i18n::authority::{t as at, tf as atf, Msg as A};
use crate::i18n::dashboard::{t as td, Msg};
use crate::i18n::{t, tf, M};
use crate::pages::follow_ups::due::{day, local_offset_ms, Queue};
use crate::route::Route;
use crate::services::clock::now_ms;

fn nav_label(route: Route) -> M {
    match route {
        Route::NewRecovery => M::NavNew,
        Route::FollowUps => M::NavFollowUps,
        Route::Log => M::NavLog,
        Route::Dashboard => M::NavDashboard,
        Route::Manager => M::NavManager,
        Route::Home | Route::NotFound => M::AppName,
    }
}

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub current: bool,
    #[prop_or_default]
    pub children: Html,
}

/// A real `<a href>` (works without script, opens in a new tab) that routes in place
/// on a plain click and marks the current page with `aria-current`.
#[function_component(NavLink)]
pub fn nav_link(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let to = props.to;
    let onclick = Callback::from(move |e: MouseEvent| {
        let modified =
            e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0;
        if let (false, Some(nav)) = (modified, navigator.as_ref()) {
            e.prevent_default();
            nav.push(&to);
        }
    });
    html! {
        <a class="nav-link" href={to.to_path()} aria-current={props.current.then_some("page")} {onclick}>
            { props.children.clone() }
        </a>
    }
}

fn tf_due(n: usize) -> String {
    crate::i18n::dashboard::tf(Msg::NavDue, &[("n", &crate::services::intl::count(n))])
}

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Layout)]
pub fn layout(props: &LayoutProps) -> Html {
    let current = use_route::<Route>();
    let app = use_app();
    let (now, offset) = (now_ms(), local_offset_ms());
    // Recounted only when the log changes or a new day starts.
    let due = *use_memo(
        (Log(app.records.clone()), day(now, offset)),
        move |(log, _)| Queue::shared(&log.0, now, offset).due.len(),
    );
    // Who is using the device, and the way for the next person to sign in (two taps:
    // "Switch user", then their name).
    let navigator = use_navigator();
    let user = app.staff.as_ref().map(|s| {
        let (app, nav) = (app.clone(), navigator.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let (app, nav) = (app.clone(), nav.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = app.switch_user().await;
                if let Some(nav) = nav {
                    nav.push(&Route::NewRecovery);
                }
            });
        });
        html! {
            <div class="user">
                <span>{ atf(A::Using, &[("name", &s.name)]) }</span>
                <button type="button" class="secondary" {onclick}>{ at(A::SwitchUser) }</button>
            </div>
        }
    });
    let links = Route::NAV.iter().map(|&route| {
        let here = current == Some(route);
        // Part of the link's name: "Follow-ups (3 due)"; the brackets are for screen readers.
        let badge = (route == Route::FollowUps && due > 0).then(|| {
            html! {
                <span class="nav-badge">
                    <span class="nav-badge-paren">{ td(Msg::NavDueBefore) }</span>
                    { tf_due(due) }
                    <span class="nav-badge-paren">{ td(Msg::NavDueAfter) }</span>
                </span>
            }
        });
        html! {
            <li><NavLink to={route} current={here}>{ t(nav_label(route)) }{ for badge }</NavLink></li>
        }
    });
    html! {
        <>
            <a class="skip" href="#main">{ t(M::SkipToContent) }</a>
            <header class="top">
                <NavLink to={Route::Home}>{ t(M::AppName) }</NavLink>
                <nav aria-label={t(M::NavLabel)}>
                    <ul class="nav">{ for links }</ul>
                </nav>
                { for user }
            </header>
            <main id="main" tabindex="-1">{ props.children.clone() }</main>
            <footer class="bottom">
                <span>{ tf(M::FooterVersion, &[("version", crate::VERSION)]) }</span>
                { sync_status() }
                <LanguagePicker />
            </footer>
        </>
    }
}

/// Where the records are, and in the chain build (`--features chain`) the connection's
/// state: a connected device no longer says everything stays on it.
#[cfg(feature = "chain")]
fn sync_status() -> Html {
    html! { <crate::components::sync_status::SyncStatusLine /> }
}

#[cfg(not(feature = "chain"))]
fn sync_status() -> Html {
    html! { <span>{ t(M::FooterPrivacy) }</span> }
}
