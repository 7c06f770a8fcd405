//! Step 4, Approval: a manager approves on this device with the PIN, or remotely with a
//! one-time code bound to this recovery's reference and amount; or declines with a reason.

use amends_domain::approval::{self, CodeError};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::prelude::*;

/// A future kept on this thread (the browser's).
type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

use super::StepProps;
use crate::components::field::TextField;
use crate::components::pin::{PinEntry, PinSetup};
use crate::hooks::app_state::{use_app, PinCheck};
use crate::hooks::draft::{DraftApproval, Step};
use crate::i18n::{self, t, tf, M};
use crate::services::clock::now_ms;
use crate::services::intl::fmt;

use crate::hooks::busy::spawn_busy;
use crate::i18n::wait as wait_text;

#[function_component(Approve)]
pub fn approve(props: &StepProps) -> Html {
    let app = use_app();
    let d = &props.draft;
    let x = &props.derived;
    let manager = use_state(String::new);
    let pin_error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let code = use_state(String::new);
    let code_error = use_state(|| None::<String>);
    let name_error = use_state(|| None::<String>);
    let decline = use_state(String::new);
    let decline_error = use_state(|| None::<String>);
    let Some(cost) = x.bundle_cost() else {
        return html! { <p class="error">{ t(M::BundleInvalid) }</p> };
    };

    let approve_with = {
        let draft = d.clone();
        move |by: String, method: &'static str| {
            draft.edit(move |d| {
                d.approval = Some(DraftApproval {
                    by,
                    method: method.into(),
                    at_ms: now_ms(),
                    approved_cost_minor: cost.minor,
                });
                d.decline_reason = None;
                d.go(Step::Confirm);
            })
        }
    };
    let need_name = {
        let (manager, name_error) = (manager.clone(), name_error.clone());
        move || -> Option<String> {
            let n = manager.trim().to_string();
            if n.is_empty() {
                name_error.set(Some(t(M::ErrManagerName).into()));
                None
            } else {
                name_error.set(None);
                Some(n)
            }
        }
    };

    // Both PIN forms: need the manager's name, show "busy", run the check, then approve
    // or say what went wrong.
    let pin_callback = |work: Rc<dyn Fn(String) -> LocalBoxFuture<'static, Result<(), String>>>| {
        let (busy, pin_error, need_name, approve_with) = (
            busy.clone(),
            pin_error.clone(),
            need_name.clone(),
            approve_with.clone(),
        );
        Callback::from(move |pin: String| {
            let Some(name) = need_name() else { return };
            let (busy, pin_error, approve_with, done) = (
                busy.clone(),
                pin_error.clone(),
                approve_with.clone(),
                work(pin),
            );
            spawn_busy(busy, async move {
                match done.await {
                    Ok(()) => {
                        pin_error.set(None);
                        approve_with(name, "pin");
                    }
                    Err(message) => pin_error.set(Some(message)),
                }
            });
        })
    };
    let on_set_pin = pin_callback(Rc::new({
        let app = app.clone();
        move |pin: String| {
            let app = app.clone();
            Box::pin(async move {
                let hash = crate::services::crypto::hash_pin(&pin)
                    .await
                    .map_err(|e| i18n::crypto_error(&e))?;
                app.set_pin(hash, None)
                    .await
                    .map_err(|e| i18n::storage_error(&e))
            })
        }
    }));
    let on_pin = pin_callback(Rc::new({
        let app = app.clone();
        move |pin: String| {
            let app = app.clone();
            Box::pin(async move {
                match app.check_pin(&pin).await {
                    Ok(PinCheck::Ok) => Ok(()),
                    Ok(PinCheck::Wrong(left)) => Err(tf(
                        M::PinWrong,
                        &[("left", &crate::services::intl::count(left))],
                    )),
                    Ok(PinCheck::Locked(ms)) => Err(tf(M::PinLocked, &[("wait", &wait_text(ms))])),
                    Ok(PinCheck::NoPin) => Err(t(M::PinSetIntro).into()),
                    Err(e) => Err(i18n::storage_error(&e)),
                }
            })
        }
    }));
    let locked = app.pin_lock.check(now_ms()).err();
    let on_code = {
        let (app, code, code_error, need_name, approve_with, reference) = (
            app.clone(),
            code.clone(),
            code_error.clone(),
            need_name.clone(),
            approve_with.clone(),
            x.reference.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(name) = need_name() else { return };
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
                                approve_with(name, "code");
                            }
                            Err(e) => code_error.set(Some(i18n::storage_error(&e))),
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
            draft.edit(move |d| {
                d.decline_reason = Some(reason);
                d.approval = None;
                d.step = Step::Remedy;
            });
        })
    };
    let back = {
        let draft = d.clone();
        Callback::from(move |_| draft.edit(|d| d.step = Step::Remedy))
    };
    let no_key = matches!(
        approval::issue(&app.policy.approval_key, "x", cost, 0),
        Err(CodeError::NoKey)
    );
    html! {
        <div class="step-body">
            <h2>{ t(M::ApprovalTitle) }</h2>
            if let Some(dec) = &x.decision {
                <p class="decision needs-approval">{ i18n::decision(dec) }</p>
            }
            <p class="reference">{ tf(M::ApprovalReference, &[("reference", &x.reference), ("amount", &fmt(cost))]) }</p>
            <TextField id="manager-name" label={t(M::PinManagerName)} value={(*manager).clone()} autocomplete="name"
                error={(*name_error).clone().map(AttrValue::from)}
                oninput={Callback::from({ let manager = manager.clone(); move |v| manager.set(v) })} />
            <section class="approve-pin" aria-labelledby="pin-title">
                if app.pin.is_none() {
                    <h3 id="pin-title">{ t(M::PinSetTitle) }</h3>
                    <p class="hint">{ t(M::PinSetIntro) }</p>
                    <PinSetup id="pin-setup" onset={on_set_pin} busy={*busy} />
                    if let Some(e) = &*pin_error { <p class="error" role="alert">{ e.clone() }</p> }
                } else {
                    <h3 id="pin-title">{ t(M::ApprovePinTitle) }</h3>
                    <PinEntry id="pin" onsubmit={on_pin} busy={*busy} locked={locked.is_some()}
                        error={(*pin_error).clone().or_else(|| locked.map(|l| tf(M::PinLocked, &[("wait", &wait_text(l.wait_ms))]))).map(AttrValue::from)} />
                }
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
