//! Changing the manager PIN: the current PIN first (counted like any try), then the new
//! one twice. The change is audited, never the PIN.

use amends_domain::AuditEntry;
use yew::prelude::*;

use super::gate::wait_text;
use super::SectionProps;
use crate::components::pin::{PinEntry, PinSetup};
use crate::hooks::app_state::{use_app, PinCheck};
use crate::hooks::busy::spawn_busy;
use crate::i18n::manager::{t, Msg};
use crate::i18n::{self, tf, M};
use crate::services::clock::now_ms;

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Old,
    New,
    Done,
}

#[function_component(ChangePin)]
pub fn change_pin(props: &SectionProps) -> Html {
    let app = use_app();
    let stage = use_state(|| Stage::Old);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let locked = app.pin_lock.check(now_ms()).err();

    let on_old = {
        let (app, stage, error, busy, props) = (
            app.clone(),
            stage.clone(),
            error.clone(),
            busy.clone(),
            props.clone(),
        );
        Callback::from(move |pin: String| {
            if props.need_who().is_none() {
                return;
            }
            let (app, stage, error, busy) =
                (app.clone(), stage.clone(), error.clone(), busy.clone());
            spawn_busy(busy, async move {
                match app.check_pin(&pin).await {
                    Ok(PinCheck::Ok | PinCheck::NoPin) => {
                        error.set(None);
                        stage.set(Stage::New);
                    }
                    Ok(other) => error.set(Some(crate::i18n::authority::pin_check(other))),
                    Err(e) => error.set(Some(e.text())),
                }
            });
        })
    };
    // The chain build sends a connected device's new PIN to the store's server.
    #[cfg(feature = "chain")]
    let sync = crate::hooks::sync::use_sync();
    let on_new = {
        #[cfg(feature = "chain")]
        let sync = sync.clone();
        let (app, stage, error, busy, props) = (
            app.clone(),
            stage.clone(),
            error.clone(),
            busy.clone(),
            props.clone(),
        );
        Callback::from(move |pin: String| {
            let Some(who) = props.need_who() else { return };
            let (app, stage, error, busy) =
                (app.clone(), stage.clone(), error.clone(), busy.clone());
            #[cfg(feature = "chain")]
            let sync = sync.clone().filter(|s| s.connection.is_some());
            spawn_busy(busy, async move {
                let entry = AuditEntry::new(now_ms(), who, amends_domain::Event::PinChanged);
                let done = match crate::services::crypto::hash_pin(&pin).await {
                    Ok(h) => app
                        .set_pin(h, Some(entry))
                        .await
                        .map_err(|e| i18n::storage_error(&e)),
                    Err(e) => Err(i18n::crypto_error(&e)),
                };
                #[cfg(feature = "chain")]
                let done = match (done, sync) {
                    (Ok(()), Some(sync)) => {
                        // The handle read before the change: send the PIN now stored.
                        let key = app.policy.approval_key.clone();
                        match sync.publish_secret(&key).await {
                            Ok(()) => Ok(()),
                            Err(e) => {
                                stage.set(Stage::Done);
                                Err(crate::i18n::manager::tf(
                                    Msg::PinNotSent,
                                    &[("what", &crate::components::sync_status::net_error(&e))],
                                ))
                            }
                        }
                    }
                    (done, _) => done,
                };
                match done {
                    Ok(()) => {
                        error.set(None);
                        stage.set(Stage::Done);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let again = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(Stage::Old))
    };
    html! {
        <section class="manager-section" aria-labelledby="pin-change-title">
            <h2 id="pin-change-title">{ t(Msg::PinChangeTitle) }</h2>
            { match *stage {
                Stage::Old => html! {
                    <>
                        <p>{ t(Msg::PinChangeOld) }</p>
                        <PinEntry id="old-pin" onsubmit={on_old} busy={*busy} locked={locked.is_some()}
                            submit_label={t(Msg::PinChangeCheck)}
                            error={(*error).clone().or_else(|| locked.map(|l| tf(M::PinLocked, &[("wait", &wait_text(l.wait_ms))]))).map(AttrValue::from)} />
                    </>
                },
                Stage::New => html! {
                    <>
                        <p>{ t(Msg::PinChangeNew) }</p>
                        <PinSetup id="new-pin" onset={on_new} busy={*busy} />
                        if let Some(e) = &*error { <p class="error" role="alert">{ e.clone() }</p> }
                    </>
                },
                Stage::Done => html! {
                    <>
                        <p class="notice" role="status">{ t(Msg::PinChanged) }</p>
                        if let Some(e) = &*error { <p class="error" role="alert">{ e.clone() }</p> }
                        <button type="button" class="secondary" onclick={again}>{ t(Msg::PinChangeAgain) }</button>
                    </>
                },
            } }
        </section>
    }
}
