//! Approval from anywhere, on the tablet (chain build only): "Ask a manager on their
//! device" writes a request for approval to the store, then waits for a decision that the
//! sync loop pulls. An approval counts only while it covers exactly this recovery's
//! reference, amount, currency, lines and practice setting; anything edited since asks
//! again. Offline or not connected, the button is not offered and the page says why (the
//! one-time code stays).

use amends_domain::sync::{ApprovalRequest, RemoteApproval, Standing};
use amends_domain::{Bundle, Incident, Money};
use yew::prelude::*;

use crate::components::sync_status::net_error;
use crate::hooks::sync::{remote_audit, use_sync};
use crate::i18n::manager::{t, tf, Msg};
use crate::services::clock::now_ms;
use crate::services::intl::date_time;

#[derive(Properties, PartialEq, Clone)]
pub struct RemoteProps {
    pub reference: AttrValue,
    pub incident: Incident,
    pub bundle: Bundle,
    pub cost: Money,
    pub practice: bool,
    /// Why it is above the limit, in words.
    pub why: AttrValue,
    /// Who asks (the person signed in on this device).
    pub staff: AttrValue,
    /// The draft already holds an approval that covers this bundle (back at this step
    /// after it): nothing is approved or audited again.
    pub approved: bool,
    /// Approved remotely by this login, at this time: the step approves exactly the bundle.
    pub on_approved: Callback<(String, i64)>,
}

#[function_component(AskRemote)]
pub fn ask_remote(p: &RemoteProps) -> Html {
    let sync = use_sync();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let now = now_ms();
    // The newest request for this recovery, whoever on this device asked.
    let mine: Option<RemoteApproval> = sync.as_ref().and_then(|s| {
        (s.approvals.all().into_iter())
            .rev()
            .find(|a| a.request.reference == p.reference.as_str())
    });
    let covers = mine.as_ref().is_some_and(|a| {
        a.request
            .covers(&p.reference, p.cost, &p.bundle.lines, p.practice)
    });
    let approved_by = mine.as_ref().and_then(|a| match a.standing(now) {
        Standing::Approved(d) if covers && !p.approved => Some((a.clone(), d.clone())),
        _ => None,
    });
    {
        // An approval that covers this bundle: audited here, then the step goes on.
        let (sync, on_approved, staff) = (sync.clone(), p.on_approved.clone(), p.staff.clone());
        use_effect_with(approved_by, move |got| {
            if let (Some((a, d)), Some(sync)) = (got.clone(), sync) {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = sync.audit_here(remote_audit(&a, &d, &staff)).await;
                    on_approved.emit((d.by.clone(), d.at_ms));
                });
            }
        });
    }
    let Some(sync) = sync else {
        return Html::default();
    };
    let ask = {
        let (sync, busy, error, p) = (sync.clone(), busy.clone(), error.clone(), p.clone());
        Callback::from(move |_: MouseEvent| {
            let request = ApprovalRequest {
                reference: p.reference.to_string(),
                category: p.incident.category,
                failure: p.incident.failure,
                loss: p.incident.loss,
                amount: p.cost,
                lines: p.bundle.lines.clone(),
                practice: p.practice,
                why: p.why.to_string(),
                requested_by: p.staff.to_string(),
                requested_at_ms: now_ms(),
            };
            let (sync, busy, error) = (sync.clone(), busy.clone(), error.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match sync.ask(request).await {
                    Ok(_) => error.set(None),
                    Err(e) => error.set(Some(tf(Msg::RemoteFailed, &[("what", &net_error(&e))]))),
                }
                busy.set(false);
            });
        })
    };
    let state = match &mine {
        _ if !covers && mine.is_some() => Some(t(Msg::RemoteChanged).to_owned()),
        Some(a) => match a.standing(now) {
            Standing::Pending => Some(tf(
                Msg::RemoteWaiting,
                &[("time", &date_time(a.request.requested_at_ms))],
            )),
            Standing::Expired => Some(t(Msg::RemoteExpired).to_owned()),
            Standing::Declined(d) => Some(tf(
                Msg::RemoteDeclined,
                &[
                    ("by", &d.by),
                    ("reason", d.reason.as_deref().unwrap_or_default()),
                ],
            )),
            Standing::Approved(_) => None,
        },
        None => None,
    };
    let pending = covers
        && mine
            .as_ref()
            .is_some_and(|a| a.standing(now) == Standing::Pending);
    let label = if mine.is_some() {
        t(Msg::RemoteAskAgain)
    } else {
        t(Msg::RemoteAsk)
    };
    html! {
        <section class="approve-remote" aria-labelledby="remote-title">
            <h3 id="remote-title">{ t(Msg::RemoteTitle) }</h3>
            if sync.can_ask() {
                <p class="hint">{ t(Msg::RemoteHint) }</p>
                if let Some(s) = state {
                    <p class="remote-state" role="status">{ s }</p>
                }
                if let Some(e) = &*error {
                    <p class="error" role="alert">{ e.clone() }</p>
                }
                if !pending {
                    <button type="button" onclick={ask} disabled={*busy}>{ label }</button>
                }
            } else {
                <p class="hint">{ t(Msg::RemoteUnavailable) }</p>
            }
        </section>
    }
}
