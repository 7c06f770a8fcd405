//! Recoveries whose follow-up is due, soonest first, with a suggested message and the
//! outcome form; upcoming ones below. Outcomes saved here feed the dashboard.

pub mod due;
pub mod item;
pub mod outcome;

use amends_domain::RecoveryRecord;
use yew::prelude::*;

use crate::components::page::Page;
use crate::hooks::app_state::Log;
use crate::hooks::app_state::{use_app, Health};
use crate::i18n::dashboard::{t as td, tf, Msg};
use crate::i18n::{self, t, M};
use crate::services::clock::now_ms;
use crate::services::intl::{count, date};
use due::{day, local_offset_ms, Due, Queue};
use item::FollowUpItem;

/// How many follow-ups are drawn at first, and added by "Show more".
pub const PAGE: usize = 25;

#[function_component(FollowUps)]
pub fn follow_ups() -> Html {
    let app = use_app();
    let shown = use_state(|| PAGE);
    let show_upcoming = use_state(|| false);
    let saved = use_state(|| None::<String>);
    let status = use_node_ref();
    let now = now_ms();
    let offset = local_offset_ms();
    let queue = use_memo(
        (Log(app.records.clone()), day(now, offset)),
        move |(log, _)| Queue::shared(&log.0, now, offset),
    );
    // Focus the confirmation once the saved item has left the list, so that keyboard
    // and screen-reader users are not dropped at the top of the page.
    {
        let status = status.clone();
        use_effect_with((*saved).clone(), move |saved| {
            if saved.is_some() {
                if let Some(el) = status.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    if app.health == Health::Loading {
        return html! { <Page title={t(M::FollowUpsTitle)}><p class="loading">{ t(M::Loading) }</p></Page> };
    }
    let on_saved = {
        let saved = saved.clone();
        Callback::from(move |r: RecoveryRecord| {
            saved.set(Some(tf(
                Msg::Saved,
                &[
                    ("what", i18n::category_phrase(r.incident.category)),
                    ("date", &date(r.opened_ms)),
                ],
            )))
        })
    };
    let signer: AttrValue = app
        .staff
        .as_ref()
        .map(|s| AttrValue::from(s.name.clone()))
        .unwrap_or_default();
    let item = |&(i, d): &(usize, Due)| {
        let r = queue.record(i);
        let staff = if signer.is_empty() {
            AttrValue::from(r.staff.clone())
        } else {
            signer.clone()
        };
        html! {
            <FollowUpItem key={r.id.clone()} record={r.clone()} due={d} {staff} on_saved={on_saved.clone()} />
        }
    };
    let total = queue.due.len();
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    let toggle_upcoming = {
        let show = show_upcoming.clone();
        Callback::from(move |_| show.set(!*show))
    };
    html! {
        <Page title={t(M::FollowUpsTitle)}>
            if let Health::Failed(e) = &app.health {
                <p class="warning" role="alert">{ i18n::storage_error(e) }</p>
            }
            <p class="saved" role="status" tabindex="-1" ref={status}>{ (*saved).clone().unwrap_or_default() }</p>
            if queue.due.is_empty() && queue.upcoming.is_empty() {
                <p class="empty">{ t(M::FollowUpsEmpty) }</p>
            } else {
                <section class="follow-up-section" aria-labelledby="due-title">
                    <h2 id="due-title">{ tf(Msg::DueTitle, &[("n", &count(total))]) }</h2>
                    if total == 0 {
                        <p class="empty">{ td(Msg::NoneDue) }</p>
                    } else {
                        <ul class="follow-up-list">{ for queue.due.iter().take(*shown).map(&item) }</ul>
                        if total > *shown {
                            <p>{ tf(Msg::Showing, &[("shown", &count(*shown)), ("total", &count(total))]) }</p>
                            <button type="button" class="secondary" onclick={more}>
                                { tf(Msg::ShowMore, &[("n", &count(PAGE.min(total - *shown)))]) }
                            </button>
                        }
                    }
                </section>
                if !queue.upcoming.is_empty() {
                    <section class="follow-up-section upcoming" aria-labelledby="upcoming-title">
                        <h2 id="upcoming-title">{ tf(Msg::UpcomingTitle, &[("n", &count(queue.upcoming.len()))]) }</h2>
                        <button type="button" class="secondary" aria-expanded={(*show_upcoming).to_string()}
                            aria-controls="upcoming-list" onclick={toggle_upcoming}>
                            { td(Msg::ShowUpcoming) }
                        </button>
                        <div id="upcoming-list" hidden={!*show_upcoming}>
                            if *show_upcoming {
                                <ul class="follow-up-list">{ for queue.upcoming.iter().take(PAGE).map(&item) }</ul>
                                if queue.upcoming.len() > PAGE {
                                    <p>{ tf(Msg::Showing, &[("shown", &count(PAGE)), ("total", &count(queue.upcoming.len()))]) }</p>
                                }
                            }
                        </div>
                    </section>
                }
            }
        </Page>
    }
}
