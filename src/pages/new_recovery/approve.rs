//! Step 4, Approval: someone on the staff list whose role approves, other than the person
//! asking, approves with the manager PIN on this device or a one-time code read out over
//! the phone (bound to this recovery's reference and amount); or it is declined with a
//! reason. The approval covers exactly the lines approved, and counts against the
//! approver's own authority. No PIN is ever set here: that is manager mode's job.

use amends_domain::approval::{self, CodeError};
use amends_domain::authority::{may_approve, Covered, Refusal};
use amends_domain::{BudgetState, Decision};
use yew::prelude::*;

use super::StepProps;
use crate::components::field::{SelectField, TextField};
use crate::components::pin::PinEntry;
use crate::hooks::app_state::{use_app, AppHandle, PinCheck};
use crate::hooks::busy::spawn_busy;
use crate::hooks::draft::{DraftAction, DraftApproval, Step};
use crate::i18n::authority::{pin_check, t as at, tf as atf, Msg as A};
use crate::i18n::wait as wait_text;
use crate::i18n::{self, t, tf, M};
use crate::services::clock::now_ms;
use crate::services::intl::fmt;

/// Why `by` may not approve the derived bundle for the person asking, in words; `None` when
/// they may.
fn refusal(
    app: &AppHandle,
    by: &str,
    x: &super::Derived,
    practice: bool,
    customer: &amends_domain::CustomerKeys,
    id: &str,
) -> Option<String> {
    let (Some(member), Ok(bundle)) = (app.staff_list.iter().find(|m| m.name == by), &x.bundle)
    else {
        return Some(at(A::ErrApprover).into());
    };
    let Some(role) = app.policy.role(&member.role) else {
        return Some(at(A::ErrApprover).into());
    };
    let requester = app
        .staff
        .as_ref()
        .map(|s| s.name.as_str())
        .unwrap_or_default();
    // The approver's own budget: what they gave and approved this shift (none in practice).
    let state = if practice {
        BudgetState::empty(&app.policy)
    } else {
        // Totals too large to add up refuse the approval, never count as nothing given.
        match super::derive::real_budget(&app.records, &app.policy, by, customer, id, now_ms()) {
            Ok(state) => state,
            Err(e) => return Some(i18n::money_error(&e)),
        }
    };
    match may_approve(&app.policy, by, role, requester, bundle, &state) {
        Ok(Ok(())) => None,
        Ok(Err(Refusal::Beyond(d))) => Some(atf(
            A::ApproverBeyond,
            &[("name", by), ("why", &i18n::decision(&d))],
        )),
        Ok(Err(Refusal::NotApprover)) => Some(at(A::ErrApprover).into()),
        Err(e) => Some(i18n::money_error(&e)),
    }
}

#[function_component(Approve)]
pub fn approve(props: &StepProps) -> Html {
    let app = use_app();
    let d = &props.draft;
    let x = &props.derived;
    let approver = use_state(String::new);
    let approver_error = use_state(|| None::<String>);
    let pin_error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let code = use_state(String::new);
    let code_error = use_state(|| None::<String>);
    let decline = use_state(String::new);
    let decline_error = use_state(|| None::<String>);
    let back = {
        let draft = d.clone();
        Callback::from(move |_| draft.send(DraftAction::Back(Step::Remedy)))
    };
    let (Some(cost), Ok(bundle), Some(Decision::NeedsApproval { .. })) =
        (x.bundle_cost(), x.bundle.clone(), &x.decision)
    else {
        // Nothing here to approve: within authority, a kind the role may not give, or incomplete.
        return html! {
            <div class="step-body">
                <h2>{ t(M::ApprovalTitle) }</h2>
                <p class="error" role="alert">{ x.decision.as_ref().map(i18n::decision).unwrap_or_else(|| t(M::BundleInvalid).into()) }</p>
                <button type="button" class="secondary" onclick={back}>{ t(M::Back) }</button>
            </div>
        };
    };

    // Checks who approves, then records exactly what they approved.
    let approve_with = {
        let (draft, app, x, approver, approver_error) = (
            d.clone(),
            app.clone(),
            x.clone(),
            approver.clone(),
            approver_error.clone(),
        );
        move |method: &'static str| {
            let by = (*approver).clone();
            if let Some(why) = refusal(&app, &by, &x, draft.practice, &draft.customer(), &draft.id)
            {
                approver_error.set(Some(why));
                return;
            }
            approver_error.set(None);
            let covered = Covered::of(&bundle, draft.practice);
            draft.send(DraftAction::Approve(DraftApproval {
                by,
                method: method.into(),
                at_ms: now_ms(),
                covered,
            }))
        }
    };
    // Said before any PIN or code is tried, so a wrong pick spends no try.
    let approver_ok = {
        let (app, x, approver, approver_error, draft) = (
            app.clone(),
            x.clone(),
            approver.clone(),
            approver_error.clone(),
            d.clone(),
        );
        move || match refusal(
            &app,
            &approver,
            &x,
            draft.practice,
            &draft.customer(),
            &draft.id,
        ) {
            Some(why) => {
                approver_error.set(Some(why));
                false
            }
            None => true,
        }
    };
    let on_pin = {
        let (app, busy, pin_error, approve_with, approver_ok) = (
            app.clone(),
            busy.clone(),
            pin_error.clone(),
            approve_with.clone(),
            approver_ok.clone(),
        );
        Callback::from(move |pin: String| {
            if !approver_ok() {
                return;
            }
            let (app, pin_error, approve_with) =
                (app.clone(), pin_error.clone(), approve_with.clone());
            spawn_busy(busy.clone(), async move {
                match app.check_pin(&pin).await {
                    Ok(PinCheck::Ok) => {
                        pin_error.set(None);
                        approve_with("pin");
                    }
                    Ok(other) => pin_error.set(Some(pin_check(other))),
                    Err(e) => pin_error.set(Some(e.text())),
                }
            });
        })
    };
    let locked = app.pin_lock.check(now_ms()).err();
    let on_code = {
        let (app, code, code_error, approve_with, approver_ok, reference) = (
            app.clone(),
            code.clone(),
            code_error.clone(),
            approve_with.clone(),
            approver_ok.clone(),
            x.reference.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !approver_ok() {
                return;
            }
            match approval::verify(
                &app.policy.approval_key,
                &reference,
                cost,
                &code,
                now_ms(),
                &app.used_codes,
            ) {
                Ok(c) => {
                    let (app, code_error, approve_with) =
                        (app.clone(), code_error.clone(), approve_with.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        // The code is spent before it approves anything.
                        match app.use_code(c).await {
                            Ok(()) => {
                                code_error.set(None);
                                approve_with("code");
                            }
                            Err(e) => code_error.set(Some(e.text())),
                        }
                    });
                }
                Err(e) => code_error.set(Some(i18n::code_error(&e))),
            }
        })
    };
    let on_decline = {
        let (draft, decline, decline_error) = (d.clone(), decline.clone(), decline_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let reason = decline.trim().to_string();
            if reason.is_empty() {
                decline_error.set(Some(t(M::ErrDeclineReason).into()));
                return;
            }
            draft.send(DraftAction::Decline(reason));
        })
    };
    let no_key = matches!(
        approval::issue(&app.policy.approval_key, "x", cost, 0),
        Err(CodeError::NoKey)
    );
    // Who may approve: staff whose role approves, never the person asking.
    let me = app
        .staff
        .as_ref()
        .map(|s| s.name.as_str())
        .unwrap_or_default();
    let mut options = vec![(AttrValue::from(""), AttrValue::from(at(A::ApproverPick)))];
    options.extend(
        app.staff_list
            .iter()
            .filter(|m| m.name != me && app.policy.role(&m.role).is_some_and(|r| r.approves))
            .map(|m| {
                (
                    AttrValue::from(m.name.clone()),
                    AttrValue::from(m.name.clone()),
                )
            }),
    );
    let nobody = options.len() == 1;
    // Approval from anywhere: the chain build asks the store's managers on their devices.
    #[cfg(feature = "chain")]
    let remote = match (x.incident.as_ref(), x.bundle.as_ref()) {
        (Ok(incident), Ok(bundle)) => {
            let draft = d.clone();
            let covered = Covered::of(bundle, draft.practice);
            let on_approved = Callback::from(move |(by, at_ms): (String, i64)| {
                draft.send(DraftAction::Approve(DraftApproval {
                    by,
                    method: "remote".into(),
                    at_ms,
                    covered: covered.clone(),
                }))
            });
            html! {
                <super::remote::AskRemote reference={x.reference.clone()} incident={incident.clone()}
                    bundle={bundle.clone()} {cost} practice={d.practice} staff={me.to_owned()} approved={x.approved}
                    why={x.decision.as_ref().map(i18n::decision).unwrap_or_default()} {on_approved} />
            }
        }
        _ => Html::default(),
    };
    #[cfg(not(feature = "chain"))]
    let remote = Html::default();
    // What the approver needs before making a code, in the order they write it down.
    let read_out = {
        let what = x
            .incident
            .as_ref()
            .map(|i| i18n::category(i.category).to_string())
            .unwrap_or_default();
        let loss = x.incident.as_ref().map(|i| fmt(i.loss)).unwrap_or_default();
        let given = x
            .bundle
            .as_ref()
            .map(|b| i18n::given(&b.lines))
            .unwrap_or_default();
        let why = x.decision.as_ref().map(i18n::decision).unwrap_or_default();
        tf(
            M::ApprovalReference,
            &[
                ("staff", me),
                ("what", &what),
                ("loss", &loss),
                ("given", &given),
                ("amount", &fmt(cost)),
                ("why", &why),
                ("reference", &x.reference),
            ],
        )
    };
    html! {
        <div class="step-body">
            <h2>{ t(M::ApprovalTitle) }</h2>
            if let Some(dec) = &x.decision {
                <p class="decision needs-approval">{ i18n::decision(dec) }</p>
            }
            <p class="reference">{ read_out }</p>
            { remote }
            if nobody {
                <p class="error" role="alert">{ at(A::NoApprover) }</p>
            } else {
                <SelectField id="approver" label={at(A::Approver)} {options} value={(*approver).clone()}
                    hint={at(A::ApproverHint)} error={(*approver_error).clone().map(AttrValue::from)}
                    onchange={Callback::from({ let (approver, e) = (approver.clone(), approver_error.clone()); move |v| { e.set(None); approver.set(v) } })} />
                <section class="approve-pin" aria-labelledby="pin-title">
                    <h3 id="pin-title">{ t(M::ApprovePinTitle) }</h3>
                    <PinEntry id="pin" onsubmit={on_pin} busy={*busy} locked={locked.is_some()}
                        error={(*pin_error).clone().or_else(|| locked.map(|l| tf(M::PinLocked, &[("wait", &wait_text(l.wait_ms))]))).map(AttrValue::from)} />
                </section>
                <section class="approve-code" aria-labelledby="code-title">
                    <h3 id="code-title">{ t(M::ApproveCodeTitle) }</h3>
                    if no_key {
                        <p class="hint">{ t(M::CodeNoKey) }</p>
                    } else {
                        <p class="hint">{ t(M::ApproveCodeHint) }</p>
                        <form onsubmit={on_code}>
                            <TextField id="approval-code" label={t(M::ApprovalCode)} value={(*code).clone()} autocomplete="off"
                                error={(*code_error).clone().map(AttrValue::from)}
                                oninput={Callback::from({ let code = code.clone(); move |v| code.set(v) })} />
                            <button type="submit">{ t(M::ApproveCodeSubmit) }</button>
                        </form>
                    }
                </section>
            }
            <section class="decline" aria-labelledby="decline-title">
                <h3 id="decline-title">{ t(M::DeclineTitle) }</h3>
                <form onsubmit={on_decline}>
                    <TextField id="decline-reason" label={t(M::DeclineReason)} value={(*decline).clone()}
                        error={(*decline_error).clone().map(AttrValue::from)}
                        oninput={Callback::from({ let decline = decline.clone(); move |v| decline.set(v) })} />
                    <button type="submit" class="secondary">{ t(M::DeclineSubmit) }</button>
                </form>
            </section>
            <div class="actions">
                <button type="button" class="secondary" onclick={back}>{ t(M::Back) }</button>
            </div>
        </div>
    }
}
