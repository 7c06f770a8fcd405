//! Approval from anywhere, on a manager's device (chain build only): the store's pending
//! requests for approval, each with what happened, the amount, the remedy and why it needs
//! approval, and Approve / Decline (with an optional reason). The decision is written to
//! the store as an edit of the request; the server accepts it only from a manager's login,
//! once.

use amends_domain::sync::{RemoteApproval, Standing};
use yew::prelude::*;

use crate::components::field::TextField;
use crate::components::sync_status::net_error;
use crate::hooks::sync::use_sync;
use crate::i18n::manager::{t, tf, Msg};
use crate::i18n::{category, failure, given};
use crate::services::clock::now_ms;
use crate::services::intl::{date_time, fmt};

#[function_component(Requests)]
pub fn requests() -> Html {
    let Some(sync) = use_sync() else {
        return Html::default();
    };
    let now = now_ms();
    let body = if sync.connection.is_none() {
        html! { <p class="hint">{ t(Msg::RequestsNotConnected) }</p> }
    } else if !sync.manager {
        html! { <p class="hint">{ t(Msg::RequestsNotManager) }</p> }
    } else {
        let pending: Vec<RemoteApproval> = (sync.approvals.all().into_iter())
            .filter(|a| a.standing(now) == Standing::Pending)
            .collect();
        if pending.is_empty() {
            html! { <p class="hint" role="status">{ t(Msg::RequestsNone) }</p> }
        } else {
            html! {
                <ul class="requests">
                    { for pending.into_iter().map(|a| { let key = a.id.clone(); html! { <Request {key} approval={a} /> } }) }
                </ul>
            }
        }
    };
    html! {
        <section class="remote-requests" aria-labelledby="requests-title">
            <h2 id="requests-title">{ t(Msg::RequestsTitle) }</h2>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RequestProps {
    approval: RemoteApproval,
}

#[function_component(Request)]
fn request(p: &RequestProps) -> Html {
    let sync = use_sync();
    let reason = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let r = &p.approval.request;
    let decide = |approved: bool| {
        let (sync, a, reason, busy, error) = (
            sync.clone(),
            p.approval.clone(),
            reason.clone(),
            busy.clone(),
            error.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(sync) = sync.clone() else {
                return;
            };
            let why = Some(reason.trim().to_owned()).filter(|r| !approved && !r.is_empty());
            let (a, busy, error) = (a.clone(), busy.clone(), error.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = sync.decide(&a, approved, why).await {
                    error.set(Some(tf(Msg::RequestFailed, &[("what", &net_error(&e))])));
                }
                busy.set(false);
            });
        })
    };
    let id = p.approval.id.replace(':', "-");
    let title = format!("{id}-title");
    html! {
        <li class="request">
            <article aria-labelledby={title.clone()}>
                <h3 id={title}>{ tf(Msg::RequestAsks, &[("staff", &r.requested_by), ("amount", &fmt(r.amount))]) }</h3>
                <p>{ tf(Msg::RequestWhat, &[("what", category(r.category)), ("failure", failure(r.failure)), ("loss", &fmt(r.loss))]) }</p>
                <p>{ tf(Msg::RequestGiven, &[("given", &given(&r.lines))]) }</p>
                // The tablet's own words for why (its limit, by how much, who may approve).
                <p>{ r.why.clone() }</p>
                if r.practice {
                    <p>{ t(Msg::RequestPractice) }</p>
                }
                <p class="hint">{ tf(Msg::RequestRef, &[("reference", &r.reference), ("time", &date_time(r.requested_at_ms))]) }</p>
                if let Some(e) = &*error {
                    <p class="error" role="alert">{ e.clone() }</p>
                }
                <TextField id={format!("{id}-reason")} label={t(Msg::RequestReason)} value={(*reason).clone()}
                    oninput={Callback::from({ let reason = reason.clone(); move |v| reason.set(v) })} />
                <div class="actions">
                    <button type="button" onclick={decide(true)} disabled={*busy}>{ t(Msg::RequestApprove) }</button>
                    <button type="button" class="secondary" onclick={decide(false)} disabled={*busy}>{ t(Msg::RequestDecline) }</button>
                </div>
            </article>
        </li>
    }
}
