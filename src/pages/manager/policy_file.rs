//! The policy as a file: export it to set up other devices (it carries the approval key),
//! import one (validated, with a table of what changes) and apply it with an audit entry.

use amends_domain::policy::{diff, Change};
use amends_domain::Policy;
use yew::prelude::*;

use super::file_pick::FilePick;
use super::SectionProps;
use crate::hooks::app_state::use_app;
use crate::hooks::busy::spawn_busy;
use crate::i18n::manager::{download_status, file_error, load_error, t, tf, Msg};
use crate::i18n::storage_error;
use crate::services::clock::now_ms;
use crate::services::download::{file_date, save_text};
use crate::services::files::PickedFile;

/// An imported policy as it would be saved here: a file without secrets keeps this
/// device's, so codes and repeat-customer detection go on working.
pub fn merge_secrets(mut imported: Policy, here: &Policy) -> Policy {
    if imported.approval_key.is_empty() {
        imported.approval_key = here.approval_key.clone();
    }
    if imported.customer_salt.is_empty() {
        imported.customer_salt = here.customer_salt.clone();
    }
    imported
}

/// A table of field changes: field, now, after, worded as the editor names them.
pub fn changes_table(changes: &[Change], caption: String, currency: &str) -> Html {
    use crate::i18n::policy::{field, of, value};
    html! {
        <div class="table-scroll" role="region" aria-label={caption.clone()} tabindex="0">
            <table class="manager-table">
                <caption>{ caption }</caption>
                <thead><tr>
                    <th scope="col">{ t(Msg::ColField) }</th>
                    <th scope="col">{ t(Msg::ColNow) }</th>
                    <th scope="col">{ t(Msg::ColAfter) }</th>
                </tr></thead>
                <tbody>
                    { for changes.iter().map(|c| html! {
                        <tr>
                            <td>{ field(c.field, c.of.as_ref().map(of).as_deref(), currency) }</td>
                            <td>{ value(&c.from) }</td><td>{ value(&c.to) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[function_component(PolicyFile)]
pub fn policy_file(props: &SectionProps) -> Html {
    let app = use_app();
    let preview = use_state(|| None::<(Policy, Vec<Change>)>);
    let error = use_state(|| None::<String>);
    let status = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let export = {
        let (app, status) = (app.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let name = format!("amends-policy-{}.json", file_date(now_ms()));
            let ok = save_text(&name, "application/json", &app.policy.to_json());
            status.set(Some(download_status(ok.then_some(name))));
        })
    };
    let onpick = {
        let (app, preview, error, status) =
            (app.clone(), preview.clone(), error.clone(), status.clone());
        Callback::from(move |picked: Result<PickedFile, _>| {
            status.set(None);
            let loaded = picked
                .and_then(PickedFile::into_text)
                .map_err(|e| file_error(&e))
                .and_then(|text| Policy::load(&text).map_err(|e| load_error(&e)));
            match loaded {
                Ok(p) => {
                    let p = merge_secrets(p, &app.policy);
                    let changes = diff(&app.policy, &p);
                    error.set(None);
                    preview.set(Some((p, changes)));
                }
                Err(e) => {
                    preview.set(None);
                    error.set(Some(e));
                }
            }
        })
    };
    let apply = {
        let (app, preview, status, busy, props) = (
            app.clone(),
            preview.clone(),
            status.clone(),
            busy.clone(),
            props.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some((policy, _)) = (*preview).clone() else {
                return;
            };
            let Some(who) = props.need_who() else { return };
            let (app, preview, status, busy) =
                (app.clone(), preview.clone(), status.clone(), busy.clone());
            spawn_busy(busy, async move {
                match app.save_policy(policy, &who).await {
                    Ok(n) => {
                        preview.set(None);
                        status.set(Some((
                            true,
                            tf(
                                Msg::ImportedPolicy,
                                &[("n", &crate::services::intl::count(n))],
                            ),
                        )));
                    }
                    Err(e) => status.set(Some((false, storage_error(&e)))),
                }
            });
        })
    };
    let cancel = {
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| preview.set(None))
    };
    html! {
        <section class="manager-section" aria-labelledby="policy-file-title">
            <h2 id="policy-file-title">{ t(Msg::PolicyFileTitle) }</h2>
            <p>{ t(Msg::PolicyFileIntro) }</p>
            if !app.policy_saved {
                <p class="warning">{ t(Msg::PolicyFileNotSaved) }</p>
            }
            <div class="actions">
                <button type="button" onclick={export}>{ t(Msg::ExportPolicy) }</button>
            </div>
            <h3>{ t(Msg::ImportPolicyTitle) }</h3>
            <FilePick id="policy-import" label={t(Msg::ImportPolicyLabel)} accept=".json,application/json"
                hint={t(Msg::ImportPolicyHint)} {onpick} />
            if let Some(e) = &*error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            if let Some((p, changes)) = &*preview {
                <div class="import-preview">
                    if changes.is_empty() {
                        <p role="status">{ t(Msg::PolicySame) }</p>
                        <button type="button" class="secondary" onclick={cancel}>{ t(Msg::Close) }</button>
                    } else {
                        <p role="status">{ tf(Msg::PolicyDiffIntro, &[("name", &p.name), ("n", &crate::services::intl::count(changes.len()))]) }</p>
                        { changes_table(changes, tf(Msg::PolicyDiffCaption, &[("n", &crate::services::intl::count(changes.len()))]), app.policy.currency.code()) }
                        if p.customer_salt != app.policy.customer_salt {
                            <p class="hint">{ crate::i18n::integrity::t(crate::i18n::integrity::Msg::SaltKept) }</p>
                        }
                        <div class="actions">
                            <button type="button" onclick={apply} disabled={*busy}>{ t(Msg::ApplyImport) }</button>
                            <button type="button" class="secondary" onclick={cancel}>{ t(Msg::Cancel) }</button>
                        </div>
                    }
                </div>
            }
            if let Some((ok, m)) = &*status {
                <p class={if *ok { "notice" } else { "error" }} role="status">{ m.clone() }</p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::Currency;

    #[test]
    fn a_file_without_secrets_keeps_this_device_s() {
        let mut here = Policy::conservative_retail(Currency::USD);
        here.approval_key = "ab".repeat(32);
        here.customer_salt = "cd".repeat(32);
        let file = Policy::ritz_carlton(Currency::USD);
        let merged = merge_secrets(file.clone(), &here);
        assert_eq!(merged.approval_key, here.approval_key);
        assert!(diff(&here, &merged)
            .iter()
            .all(|c| c.field != amends_domain::Field::ApprovalKey));
        let mut shared = file;
        shared.approval_key = "ef".repeat(32);
        assert_eq!(merge_secrets(shared, &here).approval_key, "ef".repeat(32));
    }
}
