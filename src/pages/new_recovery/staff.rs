//! Who is using this device: a known name signs in with one tap, a new name starts with
//! the policy's lowest role. Any other role is given by a manager, and signing in as
//! someone who may approve needs the manager PIN.

use amends_domain::authority::{lowest_role, sign_in_role};
use amends_domain::staff::StaffMember;
use yew::prelude::*;

use crate::components::field::{SelectField, TextField};
use crate::components::pin::PinEntry;
use crate::hooks::app_state::{use_app, AppHandle, PinCheck};
use crate::hooks::busy::spawn_busy;
use crate::i18n::authority::{t as at, tf as atf, Msg as A};
use crate::i18n::{t, M};
use crate::route::Route;

/// Until a manager set the device up, the flow says so and points to manager mode.
#[function_component(NotSetUp)]
pub fn not_set_up() -> Html {
    html! {
        <section aria-labelledby="setup-needed-title">
            <h2 id="setup-needed-title">{ at(A::NotSetUpTitle) }</h2>
            <p>{ at(A::NotSetUpBody) }</p>
            <crate::components::layout::NavLink to={Route::Manager}>{ at(A::NotSetUpLink) }</crate::components::layout::NavLink>
        </section>
    }
}

/// Whether signing in as `m` needs the manager PIN: their role approves (or is unknown,
/// which fails closed) and manager mode is not open.
fn needs_pin(app: &AppHandle, m: &StaffMember) -> bool {
    !app.is_manager() && app.policy.role(&m.role).is_none_or(|r| r.approves)
}

#[function_component(StaffSetup)]
pub fn staff_setup() -> Html {
    let app = use_app();
    let lowest = lowest_role(&app.policy).cloned();
    let name = use_state(String::new);
    let role = use_state(|| lowest.as_ref().map(|r| r.id.clone()).unwrap_or_default());
    let error = use_state(|| None::<String>);
    // Someone who may approve, waiting for the manager PIN.
    let pending = use_state(|| None::<StaffMember>);
    let busy = use_state(|| false);
    let pin_error = use_state(|| None::<String>);
    let sign_in = {
        let (app, pending) = (app.clone(), pending.clone());
        move |mut m: StaffMember| {
            // The role they will have (a known name keeps theirs), before asking for a PIN.
            let known = app.staff_list.iter().find(|k| k.name == m.name);
            m.role = sign_in_role(
                &app.policy,
                known.map(|k| k.role.as_str()),
                &m.role,
                app.is_manager(),
            );
            if needs_pin(&app, &m) {
                pending.set(Some(m));
                return;
            }
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = app.set_staff(m).await;
            });
        }
    };
    let onsubmit = {
        let (name, role, error, sign_in) =
            (name.clone(), role.clone(), error.clone(), sign_in.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n = name.trim().to_string();
            if n.is_empty() {
                error.set(Some(t(M::ErrStaffName).into()));
                return;
            }
            // The role asked for counts only in manager mode: `set_staff` gives a known
            // name its role and a new one the lowest (`authority::sign_in_role`).
            let role = (*role).clone();
            sign_in(StaffMember { name: n, role });
        })
    };
    if let Some(m) = (*pending).clone() {
        let on_pin = {
            let (app, busy, pin_error, pending, m) = (
                app.clone(),
                busy.clone(),
                pin_error.clone(),
                pending.clone(),
                m.clone(),
            );
            Callback::from(move |pin: String| {
                let (app, pin_error, pending, m) =
                    (app.clone(), pin_error.clone(), pending.clone(), m.clone());
                spawn_busy(busy.clone(), async move {
                    match app.check_pin(&pin).await {
                        Ok(PinCheck::Ok) => {
                            pending.set(None);
                            let _ = app.set_staff(m).await;
                        }
                        Ok(other) => pin_error.set(Some(crate::i18n::authority::pin_check(other))),
                        Err(e) => pin_error.set(Some(crate::i18n::storage_error(&e))),
                    }
                });
            })
        };
        let cancel = {
            let pending = pending.clone();
            Callback::from(move |_| pending.set(None))
        };
        return html! {
            <section aria-labelledby="staff-title">
                <h2 id="staff-title">{ t(M::StaffTitle) }</h2>
                <p>{ atf(A::SignInPin, &[("name", &m.name)]) }</p>
                <PinEntry id="sign-in-pin" onsubmit={on_pin} busy={*busy} submit_label={t(M::StaffStart)}
                    error={(*pin_error).clone().map(AttrValue::from)} />
                <button type="button" class="secondary" onclick={cancel}>{ t(M::Back) }</button>
            </section>
        };
    }
    let known: Vec<StaffMember> = app.staff_list.clone();
    let options = app
        .policy
        .roles
        .iter()
        .map(|r| {
            (
                AttrValue::from(r.id.clone()),
                AttrValue::from(r.name.clone()),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <section aria-labelledby="staff-title">
            <h2 id="staff-title">{ t(M::StaffTitle) }</h2>
            <p>{ t(M::StaffIntro) }</p>
            if !known.is_empty() {
                <ul class="pick-list" aria-label={t(M::StaffKnown)}>
                    { for known.into_iter().map(|m| {
                        let label = format!("{} ({})", m.name, app.policy.role(&m.role).map(|r| r.name.clone()).unwrap_or_default());
                        let sign_in = sign_in.clone();
                        let onclick = Callback::from(move |_| sign_in(m.clone()));
                        html! { <li><button type="button" class="secondary" {onclick}>{ label }</button></li> }
                    }) }
                </ul>
            }
            <form {onsubmit}>
                <div class="row">
                    <TextField id="staff-name" label={t(M::StaffName)} value={(*name).clone()} autocomplete="name"
                        oninput={Callback::from({ let name = name.clone(); move |v| name.set(v) })}
                        error={(*error).clone().map(AttrValue::from)} />
                    if app.is_manager() {
                        <SelectField id="staff-role" label={t(M::StaffRole)} {options} value={(*role).clone()}
                            hint={t(M::StaffRoleHint)}
                            onchange={Callback::from({ let role = role.clone(); move |v| role.set(v) })} />
                    }
                </div>
                if !app.is_manager() {
                    <p class="hint">{ atf(A::NewNameRole, &[("role", lowest.as_ref().map(|r| r.name.as_str()).unwrap_or_default())]) }</p>
                }
                <button type="submit">{ t(M::StaffStart) }</button>
            </form>
        </section>
    }
}
