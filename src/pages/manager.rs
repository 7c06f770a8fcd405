//! Manager mode: opened with the manager PIN, closed after ten idle minutes. Inside: the
//! policy editor, staff, remote approvals, the policy file, data out and back, privacy,
//! the audit and changing the PIN, one section at a time.

mod approvals;
mod audit;
#[cfg(feature = "chain")]
mod chain;
mod clock_guard;
mod data;
mod file_pick;
pub mod form;
pub mod gate;
mod pin_change;
mod policy_editor;
mod policy_fault;
mod policy_file;
mod privacy;
#[cfg(feature = "chain")]
mod requests;
mod staff;

use yew::prelude::*;

use crate::components::field::TextField;
use crate::components::page::Page;
use crate::hooks::app_state::{use_app, Health, RetentionRun};
use crate::i18n::manager::{t as mt, tf as mtf, Msg};
use crate::i18n::{t, M};
use crate::services::clock::now_ms;

/// Manager mode closes after this long without a tap or a key.
pub const IDLE_MS: i64 = 600_000;
/// Activity extends manager mode at most this often: each extension re-renders the app.
pub const EXTEND_EVERY_MS: i64 = 30_000;

/// Whether activity at `now` should push the deadline `until` out again.
pub fn should_extend(until: i64, now: i64) -> bool {
    until > now && until - now < IDLE_MS - EXTEND_EVERY_MS
}

/// The sections of manager mode, in the order of its menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Policy,
    Staff,
    Approvals,
    PolicyFile,
    Data,
    Privacy,
    Audit,
    Pin,
    /// Connecting to the chain: in the chain build only (`--features chain`).
    #[cfg(feature = "chain")]
    Chain,
}

impl Section {
    pub const ALL: &'static [Section] = &[
        Section::Policy,
        Section::Staff,
        Section::Approvals,
        Section::PolicyFile,
        Section::Data,
        Section::Privacy,
        Section::Audit,
        Section::Pin,
        #[cfg(feature = "chain")]
        Section::Chain,
    ];

    pub fn title(self) -> Msg {
        match self {
            Section::Policy => Msg::SectionPolicy,
            Section::Staff => Msg::SectionStaff,
            Section::Approvals => Msg::SectionApprovals,
            Section::PolicyFile => Msg::SectionPolicyFile,
            Section::Data => Msg::SectionData,
            Section::Privacy => Msg::SectionPrivacy,
            Section::Audit => Msg::SectionAudit,
            Section::Pin => Msg::SectionPin,
            #[cfg(feature = "chain")]
            Section::Chain => Msg::SectionChain,
        }
    }
}

/// What every section gets: who is acting (for the audit) and a way to ask for that name.
#[derive(Properties, Clone, PartialEq)]
pub struct SectionProps {
    /// The manager's name as typed in the bar; may be empty.
    pub who: AttrValue,
    /// Marks the name field as needed and moves focus to it.
    pub ask_name: Callback<()>,
}

impl SectionProps {
    /// The trimmed name, or `None` after asking for it.
    pub fn need_who(&self) -> Option<String> {
        let w = self.who.trim();
        if w.is_empty() {
            self.ask_name.emit(());
            None
        } else {
            Some(w.to_string())
        }
    }
}

/// Moves focus to the element with `id` after the next render.
pub fn focus(id: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let id = id.to_string();
        gloo::timers::callback::Timeout::new(0, move || {
            if let Some(el) = gloo::utils::document().get_element_by_id(&id) {
                // A folded policy section opens first: a closed <details> hides the field.
                if let Ok(Some(section)) = el.closest("details:not([open])") {
                    let _ = section.set_attribute("open", "");
                }
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
        .forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

#[function_component(Manager)]
pub fn manager() -> Html {
    let app = use_app();
    // Re-render when manager mode's deadline passes, so it closes on its own.
    let tick = use_state(|| 0_i64);
    {
        let tick = tick.clone();
        use_effect_with(app.manager_until_ms, move |until| {
            #[cfg(target_arch = "wasm32")]
            let timer = {
                let left = *until - now_ms();
                (left > 0).then(|| {
                    let ms = u32::try_from(left + 100).unwrap_or(u32::MAX);
                    gloo::timers::callback::Timeout::new(ms, move || tick.set(now_ms()))
                })
            };
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (until, tick);
            move || {
                #[cfg(target_arch = "wasm32")]
                drop(timer);
            }
        });
    }
    let body = match &app.health {
        Health::Loading => html! { <p class="loading">{ t(M::Loading) }</p> },
        _ if app.is_manager() => html! { <Workspace /> },
        _ => html! { <gate::Unlock /> },
    };
    html! { <Page title={t(M::ManagerTitle)}>{ body }</Page> }
}

#[function_component(Workspace)]
fn workspace() -> Html {
    let app = use_app();
    let section = use_state(|| Section::Policy);
    let who = use_state(String::new);
    let who_needed = use_state(|| false);
    let retention = use_state(|| None::<(bool, String)>);
    // Retention runs each time manager mode opens.
    {
        let (app, retention) = (app.clone(), retention.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let months = crate::services::intl::count(app.policy.retention_months.unwrap_or(0));
                match app.apply_retention(now_ms()).await {
                    // Nothing due, or paused on a wrong clock (`ClockGuard` says so).
                    Ok(RetentionRun::Removed(0) | RetentionRun::Paused { .. }) => {}
                    Ok(RetentionRun::Removed(n)) => retention.set(Some((
                        true,
                        mtf(
                            Msg::RetentionDone,
                            &[("n", &crate::services::intl::count(n)), ("months", &months)],
                        ),
                    ))),
                    Err(e) => retention.set(Some((false, crate::i18n::storage_error(&e)))),
                }
            });
        });
    }
    let on_activity = {
        let app = app.clone();
        move || {
            let now = now_ms();
            if should_extend(app.manager_until_ms, now) {
                app.open_manager(now + IDLE_MS);
            }
        }
    };
    let leave = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.open_manager(0))
    };
    let ask_name = {
        let who_needed = who_needed.clone();
        Callback::from(move |_: ()| {
            who_needed.set(true);
            focus("manager-who");
        })
    };
    let props = SectionProps {
        who: AttrValue::from((*who).clone()),
        ask_name,
    };
    let current = *section;
    let menu = Section::ALL.iter().map(|s| {
        let s = *s;
        let onclick = {
            let section = section.clone();
            Callback::from(move |_: MouseEvent| section.set(s))
        };
        html! {
            <li>
                <button type="button" class="secondary" aria-pressed={(s == current).to_string()} {onclick}>
                    { mt(s.title()) }
                </button>
            </li>
        }
    });
    // Every section stays mounted (hidden when not chosen), so switching to the audit
    // and back keeps unsaved edits, a made code or an import preview.
    let body = Section::ALL.iter().map(|s| {
        let inner = match s {
            Section::Policy => html! { <policy_editor::PolicyEditor ..props.clone() /> },
            Section::Staff => html! { <staff::StaffList ..props.clone() /> },
            #[cfg(feature = "chain")]
            Section::Approvals => {
                html! { <><requests::Requests /><approvals::RemoteApproval /></> }
            }
            #[cfg(not(feature = "chain"))]
            Section::Approvals => html! { <approvals::RemoteApproval /> },
            Section::PolicyFile => html! { <policy_file::PolicyFile ..props.clone() /> },
            Section::Data => html! { <data::DataOut ..props.clone() /> },
            Section::Privacy => html! { <privacy::Privacy ..props.clone() /> },
            Section::Audit => html! { <audit::AuditList /> },
            Section::Pin => html! { <pin_change::ChangePin ..props.clone() /> },
            #[cfg(feature = "chain")]
            Section::Chain => html! { <chain::Chain /> },
        };
        html! { <div class="manager-panel" hidden={*s != current}>{ inner }</div> }
    });
    let onpointerdown = {
        let f = on_activity.clone();
        Callback::from(move |_: PointerEvent| f())
    };
    let onkeydown = {
        let f = on_activity.clone();
        Callback::from(move |_: KeyboardEvent| f())
    };
    let on_who = {
        let (who, who_needed) = (who.clone(), who_needed.clone());
        Callback::from(move |v: String| {
            if !v.trim().is_empty() {
                who_needed.set(false);
            }
            who.set(v);
        })
    };
    html! {
        <div class="manager" {onpointerdown} {onkeydown}>
            <div class="manager-bar">
                <p class="manager-open" role="status">{ mt(Msg::OpenNotice) }</p>
                <TextField id="manager-who" label={mt(Msg::WhoLabel)} value={(*who).clone()} autocomplete="name"
                    hint={mt(Msg::WhoHint)} oninput={on_who}
                    error={(*who_needed).then(|| AttrValue::from(mt(Msg::ErrWho)))} />
                <button type="button" class="secondary" onclick={leave}>{ mt(Msg::Leave) }</button>
            </div>
            if let Some(full) = app.pin_lock_refused_text() {
                <p class="warning" role="alert">{ full }</p>
            }
            <policy_fault::PolicyFaultNotice ..props.clone() />
            <clock_guard::ClockGuard ..props.clone() />
            if let Some((ok, note)) = &*retention {
                <p class={if *ok { "notice" } else { "error" }} role="status">{ note.clone() }</p>
            }
            <nav class="manager-menu" aria-label={mt(Msg::MenuLabel)}>
                <ul>{ for menu }</ul>
            </nav>
            { for body }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_extends_at_most_every_half_minute_and_never_reopens() {
        let now = 1_000_000;
        assert!(!should_extend(now + IDLE_MS, now), "just opened");
        assert!(!should_extend(now + IDLE_MS - EXTEND_EVERY_MS + 1, now));
        assert!(should_extend(now + IDLE_MS - EXTEND_EVERY_MS - 1, now));
        assert!(!should_extend(now - 1, now), "closed stays closed");
        assert!(!should_extend(0, now));
    }

    #[test]
    fn every_section_has_a_distinct_title() {
        let mut titles: Vec<&str> = Section::ALL.iter().map(|s| mt(s.title())).collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), Section::ALL.len());
        assert!(titles.iter().all(|t| !t.is_empty()));
    }
}
