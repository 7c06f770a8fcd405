//! The way into manager mode: the manager PIN (or setting the first one), with lock-out.
//!
//! [`Gate`] is the plain form (props in, callbacks out) so it renders in SSR tests;
//! [`Unlock`] connects it to the app state: checking, hashing, opening manager mode.

use yew::prelude::*;

use super::IDLE_MS;
use crate::components::pin::{PinEntry, PinSetup};
use crate::hooks::app_state::{use_app, PinCheck};
use crate::hooks::busy::spawn_busy;
use crate::i18n::manager::{t as mt, Msg};
use crate::i18n::{self, t, tf, M};
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
    pub on_set: Callback<String>,
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
                <h2 id="gate-title">{ t(M::PinSetTitle) }</h2>
                <p>{ t(M::PinSetIntro) }</p>
                <PinSetup id="manager-pin-setup" onset={props.on_set.clone()} busy={props.busy} />
                if let Some(e) = &props.error {
                    <p class="error" role="alert">{ e.clone() }</p>
                }
            }
        </section>
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
                    Ok(PinCheck::Wrong(left)) => error.set(Some(tf(
                        M::PinWrong,
                        &[("left", &crate::services::intl::count(left))],
                    ))),
                    // The countdown shows the wait.
                    Ok(PinCheck::Locked(_)) => error.set(None),
                    Ok(PinCheck::NoPin) => error.set(Some(t(M::PinSetIntro).into())),
                    Err(e) => error.set(Some(i18n::storage_error(&e))),
                }
            });
        })
    };
    let on_set = {
        let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
        Callback::from(move |pin: String| {
            let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
            spawn_busy(busy, async move {
                match crate::services::crypto::hash_pin(&pin).await {
                    Ok(h) => match app.set_pin(h, None).await {
                        Ok(()) => {
                            error.set(None);
                            app.open_manager(now_ms() + IDLE_MS);
                        }
                        Err(e) => error.set(Some(i18n::storage_error(&e))),
                    },
                    Err(e) => error.set(Some(i18n::crypto_error(&e))),
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
