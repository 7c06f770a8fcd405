//! Manager PIN forms: setting the first PIN, and entering it to approve or unlock.

use yew::prelude::*;

use crate::components::field::TextField;
use crate::i18n::{t, M};
use crate::services::crypto::check_new_pin;

#[derive(Properties, PartialEq)]
pub struct PinSetupProps {
    pub id: AttrValue,
    /// Called with the accepted new PIN (hashing is the caller's job).
    pub onset: Callback<String>,
    #[prop_or_default]
    pub busy: bool,
}

/// Two PIN fields that must agree and follow the PIN rule before "Set PIN" does anything.
#[function_component(PinSetup)]
pub fn pin_setup(props: &PinSetupProps) -> Html {
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let error = use_state(|| None::<(bool, String)>);
    let onsubmit = {
        let (pin, again, error, onset) = (
            pin.clone(),
            again.clone(),
            error.clone(),
            props.onset.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Err(rule) = check_new_pin(&pin) {
                error.set(Some((true, crate::i18n::pin_rule_error(&rule).to_owned())));
            } else if *pin != *again {
                error.set(Some((false, t(M::PinMismatch).to_owned())));
            } else {
                error.set(None);
                onset.emit((*pin).clone());
            }
        })
    };
    let first_error = error
        .as_ref()
        .filter(|(first, _)| *first)
        .map(|(_, m)| AttrValue::from(m.clone()));
    let second_error = error
        .as_ref()
        .filter(|(first, _)| !*first)
        .map(|(_, m)| AttrValue::from(m.clone()));
    html! {
        <form class="pin-form" {onsubmit}>
            <TextField id={format!("{}-new", props.id)} label={t(M::PinNew)} kind="password" inputmode="numeric"
                autocomplete="new-password" value={(*pin).clone()} oninput={Callback::from({ let pin = pin.clone(); move |v| pin.set(v) })}
                error={first_error} />
            <TextField id={format!("{}-again", props.id)} label={t(M::PinConfirm)} kind="password" inputmode="numeric"
                autocomplete="new-password" value={(*again).clone()} oninput={Callback::from({ let again = again.clone(); move |v| again.set(v) })}
                error={second_error} />
            <button type="submit" disabled={props.busy}>{ if props.busy { t(M::PinWorking) } else { t(M::PinSetSave) } }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct PinEntryProps {
    pub id: AttrValue,
    /// Called with the typed PIN.
    pub onsubmit: Callback<String>,
    /// What went wrong last time (wrong PIN, locked out), in words.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub busy: bool,
    /// Locked out: the field and button are disabled.
    #[prop_or_default]
    pub locked: bool,
    /// The button's words; "Approve" when not given.
    #[prop_or_default]
    pub submit_label: Option<AttrValue>,
}

#[function_component(PinEntry)]
pub fn pin_entry(props: &PinEntryProps) -> Html {
    let pin = use_state(String::new);
    let onsubmit = {
        let (pin, cb) = (pin.clone(), props.onsubmit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit((*pin).clone());
            pin.set(String::new());
        })
    };
    html! {
        <form class="pin-form" {onsubmit}>
            <TextField id={props.id.clone()} label={t(M::PinLabel)} kind="password" inputmode="numeric"
                autocomplete="off" value={(*pin).clone()} oninput={Callback::from({ let pin = pin.clone(); move |v| pin.set(v) })}
                error={props.error.clone()} />
            <button type="submit" disabled={props.busy || props.locked}>
                { if props.busy { AttrValue::from(t(M::PinWorking)) } else { props.submit_label.clone().unwrap_or(t(M::PinSubmit).into()) } }
            </button>
        </form>
    }
}
