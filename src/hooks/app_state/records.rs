//! Intents on the log: logging, writing many (imports, restores, outcomes), deleting with
//! the audit entry that says so, erasing one customer, restoring a backup, and following
//! other tabs. Each writes in one IndexedDB transaction.

use amends_domain::policy::diff;
use amends_domain::{AuditEntry, Event, Policy, RecoveryRecord};

use super::{audit, by_name, json, keys, load_records, AppAction, AppHandle};
use crate::services::storage::{self, StorageError};

fn rows(records: &[RecoveryRecord]) -> Vec<(String, String)> {
    records
        .iter()
        .map(|r| (r.id.clone(), r.to_json()))
        .collect()
}

impl AppHandle {
    /// Write a record durably (one transaction), then show it and tell other tabs.
    pub async fn log_record(&self, record: RecoveryRecord) -> Result<(), StorageError> {
        self.put_records(vec![record]).await
    }

    /// Write several records in one transaction (imports, restores, outcomes), each
    /// marked as edited here for chain sync (`sync.edit/<id>`, cleared once pushed).
    pub async fn put_records(&self, records: Vec<RecoveryRecord>) -> Result<(), StorageError> {
        // Only the chain build pushes: a device-only build keeps no marks that nothing clears.
        #[cfg(feature = "chain")]
        let marks: Vec<(String, String)> = (records.iter())
            .map(|r| (format!("{}{}", keys::SYNC_EDIT, r.id), String::new()))
            .collect();
        #[cfg(not(feature = "chain"))]
        let marks: Vec<(String, String)> = Vec::new();
        self.db()?.write_batch(&rows(&records), &marks).await?;
        self.apply(AppAction::Records(records));
        storage::changes::announce();
        Ok(())
    }

    /// Delete records and append their audit entry in one transaction: the log never
    /// loses records without saying so, nor says so without losing them.
    pub(super) async fn delete_records_logged(
        &self,
        ids: Vec<String>,
        entry: AuditEntry,
    ) -> Result<(), StorageError> {
        let rows = audit::rows(std::slice::from_ref(&entry));
        self.db()?.delete_records_and_set(&ids, &rows).await?;
        self.apply(AppAction::Deleted { ids, entry });
        storage::changes::announce();
        Ok(())
    }

    /// Another tab changed the log: read it again.
    pub async fn reload_records(&self) {
        if let Ok(db) = self.db() {
            if let Ok((records, unreadable)) = load_records(db).await {
                self.apply(AppAction::Reloaded {
                    records,
                    unreadable,
                });
            }
        }
    }

    /// Erase records (one customer's) and log it: field "erase", "N records" -> "erased".
    pub async fn erase_records(
        &self,
        ids: Vec<String>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let n = ids.len();
        let entry = AuditEntry::new(now_ms, who, Event::Erased { count: n as u64 });
        // The chain build queues the erasure for the store's server (hooks/sync.rs).
        #[cfg(feature = "chain")]
        return self.erase_queued(ids, entry).await;
        #[cfg(not(feature = "chain"))]
        self.delete_records_logged(ids, entry).await
    }

    /// Add records from a file (JSON Lines import) with an audit entry, in one transaction.
    pub async fn import_records(
        &self,
        records: Vec<RecoveryRecord>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let entry = AuditEntry::new(
            now_ms,
            who,
            Event::Imported {
                records: records.len() as u64,
            },
        );
        self.db()?
            .write_batch(&rows(&records), &audit::rows(std::slice::from_ref(&entry)))
            .await?;
        self.apply(AppAction::Batch(vec![
            AppAction::Records(records),
            AppAction::Audited(vec![entry]),
        ]));
        storage::changes::announce();
        Ok(())
    }

    /// Restore a checked backup as planned: new records, staff and audit entries, and the
    /// backup's policy when given (its changes audited), all in one transaction, made only
    /// if no other tab changed the policy or the staff list since this tab read them.
    pub async fn restore_backup(
        &self,
        plan: amends_domain::export::RestorePlan,
        policy: Option<Policy>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        self.staff_list_writable()?;
        let policy = policy.filter(|p| *p != self.policy).map(|mut p| {
            p.keep_salts_of(&self.policy);
            p
        });
        let mut staff_list = self.staff_list.clone();
        staff_list.extend(plan.staff.iter().cloned());
        by_name(&mut staff_list);
        let mut entries = plan.audit.clone();
        if let Some(p) = &policy {
            entries.extend(AuditEntry::from_changes(
                now_ms,
                who,
                &diff(&self.policy, p),
            ));
        }
        let restored = Event::Restored {
            records: (plan.records.len() + plan.unreadable.len()) as u64,
            staff: plan.staff.len() as u64,
            audit: plan.audit.len() as u64,
        };
        entries.push(AuditEntry::new(now_ms, who, restored));
        // Records this version cannot read go back as they were stored, unread.
        let mut record_rows = rows(&plan.records);
        record_rows.extend(
            plan.unreadable
                .iter()
                .map(|r| (r.id.clone(), r.json.clone())),
        );
        let list_text = json(&staff_list);
        let mut kv = vec![(keys::STAFF_LIST.to_string(), list_text.clone())];
        kv.extend(audit::rows(&entries));
        let text = policy.as_ref().map(Policy::to_json);
        let mut guards = vec![(keys::STAFF_LIST, self.staff_list_stored.as_deref())];
        if let Some(t) = &text {
            kv.push((keys::POLICY.to_string(), t.clone()));
            guards.push((keys::POLICY, self.policy_stored.as_deref()));
        }
        if let Err(changed) = self.db()?.write_if(&guards, &record_rows, &kv).await? {
            return Err(match changed.index {
                0 => self.staff_changed_elsewhere(changed.now),
                _ => self.policy_changed_elsewhere(changed.now),
            });
        }
        let mut actions = vec![
            AppAction::Records(plan.records),
            AppAction::RawKept(plan.unreadable),
            AppAction::Staff {
                list: staff_list,
                stored: Some(list_text),
            },
            AppAction::Audited(entries),
        ];
        if let Some(policy) = policy {
            actions.push(AppAction::Policy {
                policy: Box::new(policy),
                fault: None,
                stored: text,
                saved: true,
            });
        }
        self.apply(AppAction::Batch(actions));
        storage::changes::announce();
        storage::changes::announce_settings();
        Ok(())
    }
}
