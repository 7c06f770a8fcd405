//! Retention paused on a clock that looks wrong: says why, and lets the manager remove the
//! expired records only after a backup of everything has been downloaded.

use yew::prelude::*;

use super::SectionProps;
use crate::hooks::app_state::{use_app, AppHandle, RetentionRun};
use crate::i18n::integrity::{t, tf, tp, Msg};
use crate::i18n::manager::{tf as mtf, Msg as MMsg};
use crate::i18n::storage_error;
use crate::services::clock::now_ms;
use crate::services::intl::{count, date_time};
use amends_domain::retention::ClockCheck;

#[function_component(ClockGuard)]
pub fn clock_guard(props: &SectionProps) -> Html {
    let app = use_app();
    let status = use_state(|| None::<(bool, String)>);
    let now = now_ms();
    let months = app.policy.retention_months;
    let due = AppHandle::expired_ids(&app.records, months, now).len();
    let clock = app.clock_check(now);
    let note = (*status).clone().map(|(ok, m)| {
        html! { <p class={if ok { "notice" } else { "error" }} role="status">{ m }</p> }
    });
    let why = match clock {
        _ if due == 0 => return html! { { for note } },
        ClockCheck::Plausible => return html! { { for note } },
        ClockCheck::BeforeNewest { newest_ms } => (Msg::ClockBehind, newest_ms),
        ClockCheck::FarPastNewest { newest_ms } => (Msg::ClockAhead, newest_ms),
    };
    let months = count(months.unwrap_or(0));
    let confirm = {
        let (app, status, props, months) =
            (app.clone(), status.clone(), props.clone(), months.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(who) = props.need_who() else { return };
            if super::data::save_backup(&app).is_none() {
                status.set(Some((false, t(Msg::ClockBackupFailed).into())));
                return;
            }
            let (app, status, months) = (app.clone(), status.clone(), months.clone());
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(match app.confirm_retention(now_ms(), &who).await {
                    Ok(RetentionRun::Removed(n)) | Ok(RetentionRun::Paused { due: n, .. }) => (
                        true,
                        mtf(
                            MMsg::RetentionDone,
                            &[("n", &count(n)), ("months", &months)],
                        ),
                    ),
                    Err(e) => (false, storage_error(&e)),
                }));
            });
        })
    };
    html! {
        <section class="warning clock-guard" role="alert" aria-labelledby="clock-guard-title">
            <h2 id="clock-guard-title">{ t(Msg::ClockTitle) }</h2>
            <p>{ tf(why.0, &[("now", &date_time(now)), ("newest", &date_time(why.1))]) }</p>
            <p>{ tp(Msg::ClockDue, due, &[("n", &count(due)), ("months", &months)]) }</p>
            <button type="button" onclick={confirm}>{ t(Msg::ClockConfirm) }</button>
            { for note }
        </section>
    }
}
