//! The audit trail: who changed what and when, newest first. Entries are typed events,
//! worded here through the catalogue (`i18n::policy::event`): "Associate: Limit per
//! incident $50.00 → $75.00", never a file path or minor units.

use amends_domain::AuditEntry;
use yew::prelude::*;

use crate::hooks::app_state::{use_app, AppHandle};
use crate::i18n::manager::{t, tf, Msg};
use crate::services::intl::date_time;

/// How many entries show before "Show all".
const FIRST: usize = 100;

/// Entries newest first (entries of the same moment keep their saved order).
pub fn newest_first(audit: &[AuditEntry]) -> Vec<&AuditEntry> {
    let mut v: Vec<&AuditEntry> = audit.iter().collect();
    amends_domain::order::sort_by_key(&mut v, |a| std::cmp::Reverse(a.at_ms));
    v
}

#[function_component(AuditList)]
pub fn audit_list() -> Html {
    let app = use_app();
    let all = use_state(|| false);
    let entries = newest_first(&app.audit);
    let total = entries.len();
    let shown = if *all { total } else { total.min(FIRST) };
    let show_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    let who = |w: &str| {
        if w == AppHandle::AUTOMATIC {
            t(Msg::AuditAutomatic).to_string()
        } else {
            w.to_string()
        }
    };
    let caption = t(Msg::AuditCaption);
    let currency = app.policy.currency.code();
    let role = |id: &str| {
        app.policy
            .role(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    html! {
        <section class="manager-section" aria-labelledby="audit-title">
            <h2 id="audit-title">{ t(Msg::AuditTitle) }</h2>
            if !app.audit_unreadable.is_empty() {
                <p class="warning" role="alert">{ crate::i18n::integrity::tf(crate::i18n::integrity::Msg::AuditUnreadable, &[
                    ("n", &crate::services::intl::count(app.audit_unreadable.len())),
                    ("keys", &app.audit_unreadable.join(", ")),
                ]) }</p>
            }
            if entries.is_empty() {
                <p class="empty">{ t(Msg::AuditEmpty) }</p>
            } else {
                <div class="table-scroll" role="region" aria-label={caption} tabindex="0">
                    <table class="manager-table">
                        <caption>{ caption }</caption>
                        <thead><tr>
                            <th scope="col">{ t(Msg::ColWhen) }</th>
                            <th scope="col">{ t(Msg::ColWho) }</th>
                            <th scope="col">{ t(Msg::ColChange) }</th>
                        </tr></thead>
                        <tbody>
                            { for entries.iter().take(shown).map(|e| html! {
                                <tr>
                                    <td>{ date_time(e.at_ms) }</td>
                                    <td>{ who(&e.who) }</td>
                                    <td>{ crate::i18n::policy::event(e, &role, currency) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if shown < total {
                    <button type="button" class="secondary" onclick={show_all}>{ tf(Msg::AuditShowAll, &[("n", &crate::services::intl::count(total))]) }</button>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(at_ms: i64, who: &str) -> AuditEntry {
        AuditEntry::new(at_ms, who, amends_domain::Event::PinChanged)
    }

    #[test]
    fn newest_first_keeps_a_save_s_entries_in_order() {
        let a = [e(1, "a"), e(5, "b"), e(5, "c"), e(3, "d")];
        let order: Vec<&str> = newest_first(&a).iter().map(|x| x.who.as_str()).collect();
        assert_eq!(order, ["b", "c", "d", "a"]);
    }
}
