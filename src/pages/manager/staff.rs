//! The people who used this device and their roles: a manager changes a role or removes
//! someone (each change audited). Staff pick themselves in the recovery flow.

use yew::prelude::*;

use super::SectionProps;
use crate::components::field::SelectField;
use crate::hooks::app_state::use_app;
use crate::i18n::manager::{t, tf, Msg};
use crate::i18n::storage_error;
use crate::services::clock::now_ms;

#[function_component(StaffList)]
pub fn staff_list(props: &SectionProps) -> Html {
    let app = use_app();
    let status = use_state(|| None::<(bool, String)>);
    let run = {
        let (app, status, props) = (app.clone(), status.clone(), props.clone());
        move |name: String, role: Option<String>| {
            let Some(who) = props.need_who() else { return };
            let (app, status) = (app.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = match &role {
                    Some(_) => tf(Msg::StaffRoleChanged, &[("name", &name)]),
                    None => tf(Msg::StaffRemoved, &[("name", &name)]),
                };
                match app.manage_staff(name, role, &who, now_ms()).await {
                    Ok(()) => status.set(Some((true, done))),
                    Err(e) => status.set(Some((false, storage_error(&e)))),
                }
            });
        }
    };
    let current = app.staff.as_ref().map(|s| s.name.clone());
    let rows = app.staff_list.iter().enumerate().map(|(i, m)| {
        let mut options: Vec<(AttrValue, AttrValue)> = app
            .policy
            .roles
            .iter()
            .map(|r| (AttrValue::from(r.id.clone()), AttrValue::from(r.name.clone())))
            .collect();
        if app.policy.role(&m.role).is_none() {
            options.insert(
                0,
                (
                    AttrValue::from(m.role.clone()),
                    AttrValue::from(tf(Msg::StaffUnknownRole, &[("role", &m.role)])),
                ),
            );
        }
        let on_role = {
            let (run, name, old) = (run.clone(), m.name.clone(), m.role.clone());
            Callback::from(move |role: String| {
                if role != old {
                    run(name.clone(), Some(role));
                }
            })
        };
        let on_remove = {
            let (run, name) = (run.clone(), m.name.clone());
            Callback::from(move |_: MouseEvent| run(name.clone(), None))
        };
        let here = current.as_deref() == Some(m.name.as_str());
        html! {
            <li class="staff-row">
                <p class="staff-name">
                    { m.name.clone() }
                    if here { <span class="badge">{ t(Msg::StaffHere) }</span> }
                </p>
                <SelectField id={format!("staff-{i}-role")} label={tf(Msg::StaffRoleOf, &[("name", &m.name)])}
                    {options} value={m.role.clone()} onchange={on_role} />
                <button type="button" class="secondary" onclick={on_remove}>
                    { tf(Msg::StaffRemove, &[("name", &m.name)]) }
                </button>
            </li>
        }
    });
    html! {
        <section class="manager-section" aria-labelledby="staff-title">
            <h2 id="staff-title">{ t(Msg::StaffTitle) }</h2>
            <p class="hint">{ t(Msg::StaffIntro) }</p>
            if app.staff_list.is_empty() {
                <p class="empty">{ t(Msg::StaffEmpty) }</p>
            } else {
                <ul class="staff-list">{ for rows }</ul>
            }
            if let Some((ok, m)) = &*status {
                <p class={if *ok { "notice" } else { "error" }} role="status">{ m.clone() }</p>
            }
        </section>
    }
}
