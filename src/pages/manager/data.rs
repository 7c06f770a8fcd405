//! Data out and back: the log as CSV or JSON Lines, a full backup, restoring one (checked
//! whole, merged by id, applied in one transaction) and importing JSON Lines (any bad
//! line and nothing is applied).

use std::collections::{HashMap, HashSet};

use amends_domain::export::{
    import_jsonl, plan_restore, Backup, CheckedBackup, ImportPlan, LineError, RestorePlan,
};
use amends_domain::policy::diff;
use amends_domain::RecoveryRecord;
use yew::prelude::*;

use super::file_pick::FilePick;
use super::SectionProps;
use crate::components::field::Checkbox;
use crate::hooks::app_state::{use_app, AppHandle};
use crate::hooks::busy::spawn_busy;
use crate::i18n::manager::{
    backup_error, download_status, export_status, file_error, t, tf, tp, Msg,
};
use crate::i18n::storage_error;
use crate::services::clock::now_ms;
use crate::services::download::{file_date, save_log, save_text, LogFormat};
use crate::services::files::PickedFile;

/// The records an export writes: practice ones only when asked.
pub fn exported(records: &[RecoveryRecord], include_practice: bool) -> Vec<&RecoveryRecord> {
    records
        .iter()
        .filter(|r| include_practice || !r.practice)
        .collect()
}

/// A checked backup and what restoring it here would do.
#[derive(Clone, PartialEq)]
struct Restore {
    backup: CheckedBackup,
    plan: RestorePlan,
    /// Settings in which the backup's policy differs from this device's.
    policy_changes: usize,
}

/// Downloads a full backup of this device; the file's name once the browser took it.
pub fn save_backup(app: &AppHandle) -> Option<String> {
    let name = format!("amends-backup-{}.json", file_date(now_ms()));
    let text = Backup::new(
        now_ms(),
        &app.policy,
        &app.staff_list,
        &app.records,
        &app.audit,
        &app.unreadable,
    )
    .to_json();
    save_text(&name, "application/json", &text).then_some(name)
}

/// How many of an import's new records are past the retention period of `months`, by
/// this device's clock (and the period), when any are.
fn past_retention(plan: &ImportPlan, months: Option<u32>) -> Option<(usize, u32)> {
    let months = months?;
    let old = plan.older_than(amends_domain::retention::cutoff_ms(months, now_ms()));
    (old > 0).then_some((old, months))
}

fn n(x: usize) -> String {
    crate::services::intl::count(x)
}

#[function_component(DataOut)]
pub fn data_out(props: &SectionProps) -> Html {
    let app = use_app();
    let practice = use_state(|| false);
    let status = use_state(|| None::<(bool, String)>);
    let restore = use_state(|| None::<Restore>);
    let replace_policy = use_state(|| true);
    let restore_error = use_state(|| None::<String>);
    let import = use_state(|| None::<Result<ImportPlan, Vec<LineError>>>);
    let import_error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let chosen = exported(&app.records, *practice).len();
    let download = |format: LogFormat| {
        let (app, status, practice) = (app.clone(), status.clone(), practice.clone());
        Callback::from(move |_: MouseEvent| {
            let saved = save_log(
                exported(&app.records, *practice),
                format,
                now_ms(),
                &app.policy.store,
            );
            status.set(Some(export_status(saved, app.unreadable.len())));
        })
    };
    let backup = {
        let (app, status) = (app.clone(), status.clone());
        Callback::from(move |_: MouseEvent| status.set(Some(download_status(save_backup(&app)))))
    };

    let on_backup = {
        let (app, restore, restore_error, replace_policy, status) = (
            app.clone(),
            restore.clone(),
            restore_error.clone(),
            replace_policy.clone(),
            status.clone(),
        );
        Callback::from(move |picked: Result<PickedFile, _>| {
            status.set(None);
            let checked = picked
                .and_then(PickedFile::into_text)
                .map_err(|e| file_error(&e))
                .and_then(|text| Backup::load(&text).map_err(|e| backup_error(&e)));
            match checked {
                Ok(backup) => {
                    // Ids taken here, by records this version reads or not.
                    let mut ids: HashSet<String> =
                        app.records.iter().map(|r| r.id.clone()).collect();
                    ids.extend(app.unreadable.iter().map(|r| r.id.clone()));
                    let plan = plan_restore(&backup, &ids, &app.staff_list, &app.audit);
                    let policy_changes = diff(&app.policy, &backup.policy).len();
                    restore_error.set(None);
                    replace_policy.set(true);
                    restore.set(Some(Restore {
                        backup,
                        plan,
                        policy_changes,
                    }));
                }
                Err(e) => {
                    restore.set(None);
                    restore_error.set(Some(e));
                }
            }
        })
    };
    let do_restore = {
        let (app, restore, replace_policy, status, busy, props) = (
            app.clone(),
            restore.clone(),
            replace_policy.clone(),
            status.clone(),
            busy.clone(),
            props.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(r) = (*restore).clone() else { return };
            let Some(who) = props.need_who() else { return };
            let policy = (*replace_policy && r.policy_changes > 0).then(|| r.backup.policy.clone());
            let replaced = policy.is_some();
            let (app, restore, status, busy) =
                (app.clone(), restore.clone(), status.clone(), busy.clone());
            spawn_busy(busy, async move {
                let p = &r.plan;
                let report = tf(
                    if replaced {
                        Msg::RestoredWithPolicy
                    } else {
                        Msg::Restored
                    },
                    &[
                        ("added", &n(p.records.len() + p.unreadable.len())),
                        ("skipped", &n(p.records_skipped)),
                        ("staff", &n(p.staff.len())),
                        ("audit", &n(p.audit.len())),
                    ],
                );
                match app.restore_backup(r.plan, policy, &who, now_ms()).await {
                    Ok(()) => {
                        restore.set(None);
                        status.set(Some((true, report)));
                    }
                    Err(e) => status.set(Some((false, storage_error(&e)))),
                }
            });
        })
    };

    let on_jsonl = {
        let (app, import, import_error, status) = (
            app.clone(),
            import.clone(),
            import_error.clone(),
            status.clone(),
        );
        Callback::from(move |picked: Result<PickedFile, _>| {
            status.set(None);
            match picked {
                Ok(f) => {
                    let here: HashMap<String, RecoveryRecord> = app
                        .records
                        .iter()
                        .map(|r| (r.id.clone(), r.clone()))
                        .collect();
                    import_error.set(None);
                    import.set(Some(import_jsonl(&f.bytes, &here)));
                }
                Err(e) => {
                    import.set(None);
                    import_error.set(Some(file_error(&e)));
                }
            }
        })
    };
    let do_import = {
        let (app, import, status, busy, props) = (
            app.clone(),
            import.clone(),
            status.clone(),
            busy.clone(),
            props.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(Ok(plan)) = (*import).clone() else {
                return;
            };
            let Some(who) = props.need_who() else { return };
            let (app, import, status, busy) =
                (app.clone(), import.clone(), status.clone(), busy.clone());
            spawn_busy(busy, async move {
                let added = plan.add.len();
                match app.import_records(plan.add, &who, now_ms()).await {
                    Ok(()) => {
                        import.set(None);
                        status.set(Some((true, tf(Msg::Imported, &[("n", &n(added))]))));
                    }
                    Err(e) => status.set(Some((false, storage_error(&e)))),
                }
            });
        })
    };
    let cancel_restore = {
        let restore = restore.clone();
        Callback::from(move |_: MouseEvent| restore.set(None))
    };
    let cancel_import = {
        let import = import.clone();
        Callback::from(move |_: MouseEvent| import.set(None))
    };

    let restore_view = match &*restore {
        None => html! {},
        Some(r) => {
            let p = &r.plan;
            let nothing = p.records.is_empty()
                && p.unreadable.is_empty()
                && p.staff.is_empty()
                && p.audit.is_empty()
                && (r.policy_changes == 0 || !*replace_policy);
            html! {
                <section class="import-preview" aria-labelledby="restore-plan-title">
                    <h4 id="restore-plan-title">{ t(Msg::RestorePlanTitle) }</h4>
                    <ul>
                        <li>{ tf(Msg::PlanRecords, &[("add", &n(p.records.len())), ("skip", &n(p.records_skipped))]) }</li>
                        if !r.backup.unreadable.is_empty() {
                            <li>{ tf(Msg::PlanUnreadable, &[("add", &n(p.unreadable.len())), ("skip", &n(p.unreadable_skipped))]) }</li>
                        }
                        <li>{ tf(Msg::PlanStaff, &[("add", &n(p.staff.len())), ("skip", &n(p.staff_skipped))]) }</li>
                        <li>{ tf(Msg::PlanAudit, &[("add", &n(p.audit.len())), ("skip", &n(p.audit_skipped))]) }</li>
                        <li>{ if r.policy_changes == 0 { t(Msg::PlanPolicySame).to_string() } else { tf(Msg::PlanPolicy, &[("n", &n(r.policy_changes))]) } }</li>
                    </ul>
                    if r.policy_changes > 0 {
                        <Checkbox id="restore-policy" label={t(Msg::ReplacePolicy)} checked={*replace_policy}
                            hint={t(Msg::ReplacePolicyHint)}
                            onchange={Callback::from({ let rp = replace_policy.clone(); move |v| rp.set(v) })} />
                    }
                    if nothing {
                        <p role="status">{ t(Msg::NothingToRestore) }</p>
                    }
                    <div class="actions">
                        <button type="button" onclick={do_restore} disabled={nothing || *busy}>{ t(Msg::Restore) }</button>
                        <button type="button" class="secondary" onclick={cancel_restore}>{ t(Msg::Cancel) }</button>
                    </div>
                </section>
            }
        }
    };

    let import_view = match &*import {
        None => html! {},
        Some(Err(errors)) => html! {
            <div class="import-preview" role="alert">
                <p class="error">{ tf(Msg::ImportRejected, &[("n", &n(errors.len()))]) }</p>
                <ul class="line-errors">
                    { for errors.iter().map(|e| html! {
                        <li>{ tf(Msg::LineError, &[("line", &n(e.line)), ("problem", &e.error.to_string())]) }</li>
                    }) }
                </ul>
                <button type="button" class="secondary" onclick={cancel_import}>{ t(Msg::Close) }</button>
            </div>
        },
        Some(Ok(plan)) => html! {
            <div class="import-preview">
                <p role="status">{ tf(Msg::ImportPlan, &[("add", &n(plan.add.len())), ("same", &n(plan.unchanged)), ("conflicts", &n(plan.conflicts.len()))]) }</p>
                if let Some((old, months)) = past_retention(plan, app.policy.retention_months) {
                    <p class="warning">{ tp(Msg::ImportPastRetention, old, &[("n", &n(old)), ("months", &n(months as usize))]) }</p>
                }
                <div class="actions">
                    <button type="button" onclick={do_import} disabled={plan.add.is_empty() || *busy}>
                        { tf(Msg::ImportN, &[("n", &n(plan.add.len()))]) }
                    </button>
                    <button type="button" class="secondary" onclick={cancel_import}>{ t(Msg::Cancel) }</button>
                </div>
            </div>
        },
    };

    html! {
        <section class="manager-section" aria-labelledby="data-title">
            <h2 id="data-title">{ t(Msg::DataTitle) }</h2>
            if let Some((ok, m)) = &*status {
                <p class={if *ok { "notice" } else { "error" }} role="status">{ m.clone() }</p>
            }
            <h3>{ t(Msg::ExportTitle) }</h3>
            <Checkbox id="export-practice" label={t(Msg::IncludePractice)} checked={*practice}
                onchange={Callback::from({ let p = practice.clone(); move |v| p.set(v) })} />
            <p class="hint">{ tf(Msg::ExportCount, &[("n", &n(chosen))]) }</p>
            <div class="actions">
                <button type="button" onclick={download(LogFormat::Csv)}>{ t(Msg::ExportCsv) }</button>
                <button type="button" class="secondary" onclick={download(LogFormat::Jsonl)}>{ t(Msg::ExportJsonl) }</button>
            </div>

            <h3>{ t(Msg::BackupTitle) }</h3>
            <p class="hint">{ t(Msg::BackupIntro) }</p>
            <div class="actions">
                <button type="button" onclick={backup}>{ t(Msg::DownloadBackup) }</button>
            </div>

            <h3>{ t(Msg::RestoreTitle) }</h3>
            <FilePick id="restore-file" label={t(Msg::RestoreLabel)} accept=".json,application/json"
                hint={t(Msg::RestoreHint)} onpick={on_backup} />
            if let Some(e) = &*restore_error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            { restore_view }

            <h3>{ t(Msg::ImportTitle) }</h3>
            <FilePick id="import-file" label={t(Msg::ImportLabel)} accept=".jsonl,.ndjson,.txt,.json"
                hint={t(Msg::ImportHint)} onpick={on_jsonl} />
            if let Some(e) = &*import_error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            { import_view }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn practice_is_left_out_unless_asked() {
        let mut r = amends_domain::testdata::generate(4, 7);
        r[1].practice = true;
        assert_eq!(exported(&r, false).len(), 3);
        assert_eq!(exported(&r, true).len(), 4);
    }
}
