//! Who is using this device: chosen on first use, kept for next time.

use amends_domain::export::StaffMember;
use yew::prelude::*;

use crate::components::field::{SelectField, TextField};
use crate::hooks::app_state::use_app;
use crate::i18n::{t, M};

#[function_component(StaffSetup)]
pub fn staff_setup() -> Html {
    let app = use_app();
    let name = use_state(String::new);
    let role = use_state(|| {
        app.policy
            .roles
            .first()
            .map(|r| r.id.clone())
            .unwrap_or_default()
    });
    let error = use_state(|| None::<String>);
    let known: Vec<StaffMember> = app.staff_list.clone();
    let onsubmit = {
        let (app, name, role, error) = (app.clone(), name.clone(), role.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n = name.trim().to_string();
            if n.is_empty() {
                error.set(Some(t(M::ErrStaffName).into()));
                return;
            }
            let app = app.clone();
            // A known name keeps its role: changing one's own role needs the manager PIN.
            let role = app
                .staff_list
                .iter()
                .find(|m| m.name == n)
                .map(|m| m.role.clone())
                .unwrap_or_else(|| (*role).clone());
            let member = StaffMember { name: n, role };
            wasm_bindgen_futures::spawn_local(async move {
                let _ = app.set_staff(member).await;
            });
        })
    };
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
                        let app = app.clone();
                        let label = format!("{} ({})", m.name, app.policy.role(&m.role).map(|r| r.name.clone()).unwrap_or_default());
                        let onclick = Callback::from(move |_| {
                            let (app, m) = (app.clone(), m.clone());
                            wasm_bindgen_futures::spawn_local(async move { let _ = app.set_staff(m).await; });
                        });
                        html! { <li><button type="button" class="secondary" {onclick}>{ label }</button></li> }
                    }) }
                </ul>
            }
            <form {onsubmit}>
                <div class="row">
                    <TextField id="staff-name" label={t(M::StaffName)} value={(*name).clone()} autocomplete="name"
                        oninput={Callback::from({ let name = name.clone(); move |v| name.set(v) })}
                        error={(*error).clone().map(AttrValue::from)} />
                    <SelectField id="staff-role" label={t(M::StaffRole)} {options} value={(*role).clone()}
                        hint={t(M::StaffRoleHint)}
                        onchange={Callback::from({ let role = role.clone(); move |v| role.set(v) })} />
                </div>
                <button type="submit">{ t(M::StaffStart) }</button>
            </form>
        </section>
    }
}
