//! The way into manager mode: the manager PIN, with lock-out; on a new device, setting it
//! up (the manager's name, the policy to start from, the first PIN).
//!
//! [`Gate`] is the plain form (props in, callbacks out) so it renders in SSR tests;
//! [`Unlock`] connects it to the app state: checking, hashing, opening manager mode.

use yew::prelude::*;

use super::IDLE_MS;
use crate::components::field::{SelectField, TextField};
use crate::components::pin::{PinEntry, PinSetup};
use crate::hooks::app_state::{use_app, PinCheck};
use crate::hooks::busy::spawn_busy;
use crate::i18n::authority::{t as at, Msg as A};
use crate::i18n::manager::{t as mt, Msg};
use crate::i18n::{self, tf, M};
use crate::services::clock::now_ms;

pub use crate::i18n::wait as wait_text;

#[derive(Properties, PartialEq)]
pub struct GateProps {
    /// A PIN is set on this device (else the first one is set here).
    pub has_pin: bool,
    #[prop_or_default]
    pub busy: bool,
    /// What went wrong last time, in words.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Locked out for this many more milliseconds.
    #[prop_or_default]
    pub locked_ms: Option<i64>,
    /// Storage is not working: said above the form.
    #[prop_or_default]
    pub warning: Option<AttrValue>,
    pub on_pin: Callback<String>,
    /// First run: the device set up as typed.
    pub on_set: Callback<Setup>,
}

/// What a manager chose when setting the device up.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub name: String,
    /// Index into [`presets`].
    pub preset: usize,
    pub pin: String,
}

/// The policies a device can start from.
pub fn presets(currency: amends_domain::Currency) -> [amends_domain::Policy; 2] {
    use amends_domain::Policy;
    [
        Policy::conservative_retail(currency),
        Policy::ritz_carlton(currency),
    ]
}

#[function_component(Gate)]
pub fn gate(props: &GateProps) -> Html {
    let locked_text = props
        .locked_ms
        .map(|ms| AttrValue::from(tf(M::PinLocked, &[("wait", &wait_text(ms))])));
    html! {
        <section class="manager-gate" aria-labelledby="gate-title">
            if let Some(w) = &props.warning {
                <p class="warning" role="alert">{ w.clone() }</p>
            }
            if props.has_pin {
                <h2 id="gate-title">{ mt(Msg::GateTitle) }</h2>
                <p>{ mt(Msg::GateIntro) }</p>
                <PinEntry id="manager-pin" onsubmit={props.on_pin.clone()} busy={props.busy}
                    locked={props.locked_ms.is_some()} submit_label={mt(Msg::GateSubmit)}
                    error={props.error.clone().or(locked_text)} />
            } else {
                <SetupForm busy={props.busy} on_set={props.on_set.clone()} error={props.error.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SetupProps {
    busy: bool,
    on_set: Callback<Setup>,
    error: Option<AttrValue>,
}

/// First run: the manager's name, the policy to start from, then the PIN twice.
#[function_component(SetupForm)]
fn setup_form(props: &SetupProps) -> Html {
    let name = use_state(String::new);
    let preset = use_state(|| 0_usize);
    let name_error = use_state(|| false);
    let options = presets(amends_domain::Currency::USD)
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(p.name.clone()),
            )
        })
        .collect::<Vec<_>>();
    let onset = {
        let (name, preset, name_error, on_set) = (
            name.clone(),
            preset.clone(),
            name_error.clone(),
            props.on_set.clone(),
        );
        Callback::from(move |pin: String| {
            let n = name.trim().to_string();
            name_error.set(n.is_empty());
            if n.is_empty() {
                super::focus("setup-name");
            } else {
                on_set.emit(Setup {
                    name: n,
                    preset: *preset,
                    pin,
                });
            }
        })
    };
    html! {
        <>
            <h2 id="gate-title">{ at(A::SetupTitle) }</h2>
            <p>{ at(A::SetupIntro) }</p>
            <TextField id="setup-name" label={at(A::SetupName)} value={(*name).clone()} autocomplete="name"
                error={(*name_error).then(|| AttrValue::from(at(A::ErrSetupName)))}
                oninput={Callback::from({ let name = name.clone(); move |v| name.set(v) })} />
            <SelectField id="setup-preset" label={at(A::SetupPreset)} {options} value={preset.to_string()}
                hint={at(A::SetupPresetHint)}
                onchange={Callback::from({ let preset = preset.clone(); move |v: String| preset.set(v.parse().unwrap_or(0)) })} />
            <PinSetup id="manager-pin-setup" {onset} busy={props.busy} />
            if let Some(e) = &props.error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
        </>
    }
}

/// The gate wired to the app: a right PIN opens manager mode for [`IDLE_MS`].
#[function_component(Unlock)]
pub fn unlock() -> Html {
    let app = use_app();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let now = use_state(now_ms);
    let locked = app.pin_lock.check(now_ms()).err();
    // While locked, count down each second; the form comes back when the wait is over.
    {
        let now = now.clone();
        let error = error.clone();
        use_effect_with(locked.is_some(), move |locked| {
            #[cfg(target_arch = "wasm32")]
            let tick = locked
                .then(|| gloo::timers::callback::Interval::new(1000, move || now.set(now_ms())));
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (locked, now);
            if !*locked {
                error.set(None);
            }
            move || {
                #[cfg(target_arch = "wasm32")]
                drop(tick);
            }
        });
    }
    let on_pin = {
        let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
        Callback::from(move |pin: String| {
            let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
            spawn_busy(busy, async move {
                match app.check_pin(&pin).await {
                    Ok(PinCheck::Ok) => {
                        error.set(None);
                        app.open_manager(now_ms() + IDLE_MS);
                    }
                    // The countdown shows the wait.
                    Ok(PinCheck::Locked(_)) => error.set(None),
                    Ok(other) => error.set(Some(crate::i18n::authority::pin_check(other))),
                    Err(e) => error.set(Some(i18n::storage_error(&e))),
                }
            });
        })
    };
    let on_set = {
        let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
        Callback::from(move |setup: Setup| {
            let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
            spawn_busy(busy, async move {
                // The device keeps the approval key and customer salt it was given at first load.
                let [conservative, ritz] = presets(app.currency());
                let mut policy = match setup.preset {
                    // A policy a manager saved before (an older device) is kept as it is.
                    _ if app.policy_saved => app.policy.clone(),
                    1 => ritz,
                    _ => conservative,
                };
                policy.approval_key = app.policy.approval_key.clone();
                policy.customer_salt = app.policy.customer_salt.clone();
                let policy = crate::hooks::app_state::with_secrets(policy);
                let role = policy
                    .approvers()
                    .last()
                    .map(|r| r.id.clone())
                    .unwrap_or_default();
                let manager = amends_domain::staff::StaffMember {
                    name: setup.name,
                    role,
                };
                let done = match crate::services::crypto::hash_pin(&setup.pin).await {
                    Ok(h) => app
                        .set_up_device(h, policy, manager, now_ms())
                        .await
                        .map_err(|e| i18n::storage_error(&e)),
                    Err(e) => Err(i18n::crypto_error(&e)),
                };
                match done {
                    Ok(()) => {
                        error.set(None);
                        app.open_manager(now_ms() + IDLE_MS);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let warning = match &app.health {
        crate::hooks::app_state::Health::Failed(e) => Some(AttrValue::from(i18n::storage_error(e))),
        _ => None,
    };
    if app.pin_unreadable {
        use crate::i18n::integrity::{t as it, Msg as IMsg};
        return html! { <p class="error" role="alert">{ it(IMsg::PinUnreadable) }</p> };
    }
    html! {
        <Gate has_pin={app.pin.is_some()} busy={*busy} error={(*error).clone().map(AttrValue::from)}
            locked_ms={locked.map(|l| l.wait_ms)} {warning} {on_pin} {on_set} />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_minutes_and_seconds() {
        assert_eq!(wait_text(30_000), "30 s");
        assert_eq!(wait_text(29_001), "30 s");
        assert_eq!(wait_text(90_000), "1 min 30 s");
        assert_eq!(wait_text(-5), "0 s");
    }
}
