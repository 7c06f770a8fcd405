//! The stored policy could not be read: the error, and the two ways out (a policy file, or
//! the preset once the stored text is downloaded). Shown at the top of manager mode.

use amends_domain::Policy;
use yew::prelude::*;

use super::file_pick::FilePick;
use super::SectionProps;
use crate::hooks::app_state::{default_policy, use_app, Resolution};
use crate::i18n::integrity::{t, tf, Msg};
use crate::i18n::manager::{download_status, file_error, load_error};
use crate::i18n::storage_error;
use crate::services::clock::now_ms;
use crate::services::download::{file_date, save_text};
use crate::services::files::PickedFile;

#[function_component(PolicyFaultNotice)]
pub fn policy_fault_notice(props: &SectionProps) -> Html {
    let app = use_app();
    let status = use_state(|| None::<(bool, String)>);
    let note = (*status).clone().map(|(ok, m)| {
        html! { <p class={if ok { "notice" } else { "error" }} role="status">{ m }</p> }
    });
    let Some(fault) = app.policy_fault.clone() else {
        return html! { { for note } };
    };
    // Saves `policy` in place of the unreadable one.
    let resolve = {
        let (app, status, props) = (app.clone(), status.clone(), props.clone());
        move |policy: Policy, how: Resolution| {
            let Some(who) = props.need_who() else { return };
            let (app, status) = (app.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(
                    match app.resolve_policy_fault(policy, how, &who).await {
                        Ok(()) => (true, t(Msg::FaultDone).into()),
                        Err(e) => (false, storage_error(&e)),
                    },
                ));
            });
        }
    };
    let onpick = {
        let (resolve, status) = (resolve.clone(), status.clone());
        Callback::from(move |picked: Result<PickedFile, _>| {
            match picked
                .and_then(PickedFile::into_text)
                .map_err(|e| file_error(&e))
                .and_then(|text| Policy::load(&text).map_err(|e| load_error(&e)))
            {
                Ok(p) => resolve(p, Resolution::FromFile),
                Err(e) => status.set(Some((false, e))),
            }
        })
    };
    let preset = {
        let (status, stored) = (status.clone(), fault.stored.clone());
        Callback::from(move |_: MouseEvent| {
            let name = format!("amends-unreadable-policy-{}.json", file_date(now_ms()));
            match save_text(&name, "application/json", &stored) {
                true => resolve(default_policy(), Resolution::Preset),
                false => status.set(Some(download_status(None))),
            }
        })
    };
    html! {
        <section class="warning policy-fault" role="alert" aria-labelledby="policy-fault-title">
            <h2 id="policy-fault-title">{ t(Msg::FaultTitle) }</h2>
            <p>{ tf(Msg::FaultKept, &[("error", &load_error(&fault.error))]) }</p>
            <FilePick id="policy-fault-file" label={t(Msg::FaultRestoreLabel)} accept=".json,application/json"
                hint={t(Msg::FaultRestoreHint)} {onpick} />
            <button type="button" onclick={preset} aria-describedby="policy-fault-preset-hint">{ t(Msg::FaultPreset) }</button>
            <p class="hint" id="policy-fault-preset-hint">{ t(Msg::FaultPresetHint) }</p>
            { for note }
        </section>
    }
}
