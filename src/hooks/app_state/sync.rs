//! Chain sync's storage: each record's revision, the marks of records edited here, the
//! checkpoints, documents kept as they came, and merging what a pull brought (records,
//! audit entries, the chain's policy) into the app, each in one transaction. The loop that
//! decides what to write is hooks/sync.rs.

use std::collections::HashMap;

use amends_domain::policy::diff;
use amends_domain::sync::{RawDoc, Tracked};
use amends_domain::{AuditEntry, Policy, RecoveryRecord};
use serde_json::Value;

use super::{audit, keys, AppAction, AppHandle};
use crate::services::storage::{self, StorageError};
use crate::services::sync::Boxed;

/// What sync keeps on the device, as read at start.
#[derive(Default)]
pub struct SyncStored {
    pub revs: HashMap<String, Tracked>,
    pub seqs: HashMap<String, Value>,
    pub connection: Option<String>,
    /// Records of a store this device left, and that store.
    pub left: HashMap<String, String>,
}

/// One write of sync: records (pulled, or kept by the conflict rule) with their revisions,
/// a checkpoint, documents kept raw, audit entries, and edit marks to clear; records erased
/// on another device (removed with the entry saying so) and settings to forget (full keys).
#[derive(Default)]
pub struct SyncWrite {
    pub records: Vec<RecoveryRecord>,
    pub revs: Vec<(String, Tracked)>,
    pub seq: Option<(String, Value)>,
    pub raw: Vec<RawDoc>,
    pub audit: Vec<AuditEntry>,
    pub clear: Vec<String>,
    pub erased: Vec<(Vec<String>, AuditEntry)>,
    pub forget: Vec<String>,
}

/// The settings that keep a record's sync state: its revision, edit mark, erasure mark and
/// raw copy (`doc`: its document id).
pub fn sync_keys(id: &str, doc: &str) -> [String; 4] {
    [
        format!("{}{id}", keys::SYNC_REV),
        format!("{}{id}", keys::SYNC_EDIT),
        format!("{}{id}", keys::SYNC_ERASE),
        format!("{}{doc}", keys::SYNC_RAW),
    ]
}

fn strip<'a>(
    rows: &'a [(String, String)],
    prefix: &'a str,
) -> impl Iterator<Item = (&'a str, &'a str)> {
    rows.iter()
        .filter_map(move |(k, v)| Some((k.strip_prefix(prefix)?, v.as_str())))
}

impl AppHandle {
    pub fn sync_stored(&self) -> Boxed<'_, Result<SyncStored, StorageError>> {
        Box::pin(async move {
            let db = self.db()?;
            let revs = db.kv_prefixed(keys::SYNC_REV).await?;
            let seqs = db.kv_prefixed(keys::SYNC_SEQ).await?;
            let left = db.kv_prefixed(keys::SYNC_LEFT).await?;
            Ok(SyncStored {
                left: strip(&left, keys::SYNC_LEFT)
                    .map(|(id, store)| (id.to_owned(), store.to_owned()))
                    .collect(),
                revs: strip(&revs, keys::SYNC_REV)
                    .filter_map(|(id, v)| Some((id.to_owned(), Tracked::from_text(v)?)))
                    .collect(),
                seqs: strip(&seqs, keys::SYNC_SEQ)
                    .filter_map(|(db, v)| Some((db.to_owned(), serde_json::from_str(v).ok()?)))
                    .collect(),
                connection: db
                    .kv_get(keys::SYNC_CONNECTION)
                    .await?
                    .filter(|c| !c.is_empty()),
            })
        })
    }

    /// Ids of the records edited on this device since their last push.
    pub async fn sync_edits(&self) -> Result<Vec<String>, StorageError> {
        let rows = self.db()?.kv_prefixed(keys::SYNC_EDIT).await?;
        Ok(strip(&rows, keys::SYNC_EDIT)
            .map(|(id, _)| id.to_owned())
            .collect())
    }

    /// Ids of the records erased here whose erasure the server has not confirmed.
    pub async fn sync_erasures(&self) -> Result<Vec<String>, StorageError> {
        let rows = self.db()?.kv_prefixed(keys::SYNC_ERASE).await?;
        Ok(strip(&rows, keys::SYNC_ERASE)
            .map(|(id, _)| id.to_owned())
            .collect())
    }

    /// Erases records here with their audit entry and queues the erasure for the store's
    /// server (`sync.erase/<id>`), in one transaction: a device offline, or signed in
    /// with a login the server does not let erase, keeps the erasure until it goes.
    pub(super) async fn erase_queued(
        &self,
        ids: Vec<String>,
        entry: AuditEntry,
    ) -> Result<(), StorageError> {
        let mut rows = audit::rows(std::slice::from_ref(&entry));
        rows.extend(
            ids.iter()
                .map(|id| (format!("{}{id}", keys::SYNC_ERASE), String::new())),
        );
        self.db()?.delete_records_and_set(&ids, &rows).await?;
        self.apply(AppAction::Deleted { ids, entry });
        storage::changes::announce();
        Ok(())
    }

    /// The connection settings (no password), or `None` to forget them.
    pub async fn sync_connection(&self, connection: Option<String>) -> Result<(), StorageError> {
        let value = connection.unwrap_or_default();
        self.db()?.kv_set(keys::SYNC_CONNECTION, &value).await
    }

    /// Leaving `store` (a device moving to another): each record it has a revision for is
    /// marked as that store's (never sent elsewhere), and the store's revisions, edit marks
    /// and checkpoints are forgotten, in one transaction. The records stay on the device.
    pub async fn sync_leave(&self, store: &str, stored: &SyncStored) -> Result<(), StorageError> {
        let kv: Vec<(String, String)> = (stored.revs.keys())
            .map(|id| (format!("{}{id}", keys::SYNC_LEFT), store.to_owned()))
            .collect();
        let mut clear: Vec<String> = (stored.revs.keys())
            .map(|id| format!("{}{id}", keys::SYNC_REV))
            .collect();
        clear.extend(
            stored
                .seqs
                .keys()
                .map(|db| format!("{}{db}", keys::SYNC_SEQ)),
        );
        clear.extend(
            self.sync_edits()
                .await?
                .iter()
                .map(|id| format!("{}{id}", keys::SYNC_EDIT)),
        );
        self.db()?.write_clearing(&[], &kv, &clear).await
    }

    /// Writes one step of sync in one transaction, then shows what it brought.
    pub fn sync_write(&self, w: SyncWrite) -> Boxed<'_, Result<(), StorageError>> {
        Box::pin(async move {
            let records: Vec<(String, String)> = w
                .records
                .iter()
                .map(|r| (r.id.clone(), r.to_json()))
                .collect();
            let mut kv: Vec<(String, String)> = (w.revs.iter())
                .map(|(id, t)| (format!("{}{id}", keys::SYNC_REV), t.to_text()))
                .collect();
            if let Some((db, seq)) = &w.seq {
                kv.push((format!("{}{db}", keys::SYNC_SEQ), seq.to_string()));
            }
            kv.extend(
                w.raw
                    .iter()
                    .map(|r| (format!("{}{}", keys::SYNC_RAW, r.id), r.json.clone())),
            );
            kv.extend(audit::rows(&w.audit));
            let mut clear: Vec<String> = (w.clear.iter())
                .map(|id| format!("{}{id}", keys::SYNC_EDIT))
                .collect();
            clear.extend(w.forget);
            let mut delete = Vec::new();
            for (ids, entry) in &w.erased {
                delete.extend(ids.iter().cloned());
                kv.extend(audit::rows(std::slice::from_ref(entry)));
            }
            self.db()?
                .write_deleting(&records, &delete, &kv, &clear)
                .await?;
            if !w.records.is_empty() || !w.audit.is_empty() || !w.erased.is_empty() {
                let mut actions = vec![AppAction::Records(w.records), AppAction::Audited(w.audit)];
                actions.extend(
                    (w.erased.into_iter()).map(|(ids, entry)| AppAction::Deleted { ids, entry }),
                );
                self.apply(AppAction::Batch(actions));
                storage::changes::announce();
            }
            Ok(())
        })
    }

    /// Uses the store's secrets from its server (`secret:store`): the manager PIN's record
    /// and the approval key replace this device's, each change audited as `who` (the
    /// login). `pin` must be a readable PIN record (the caller checked it). Nothing is
    /// written when they are the device's already, or while the policy cannot be read.
    pub async fn use_store_secret(
        &self,
        pin: crate::services::crypto::PinHash,
        approval_key: String,
        who: &str,
    ) -> Result<bool, StorageError> {
        let now = crate::services::clock::now_ms();
        let mut changed = false;
        if self.policy.approval_key != approval_key && self.policy_fault.is_none() {
            let mut p = self.policy.clone();
            p.approval_key = approval_key;
            let entries = AuditEntry::from_changes(now, who, &diff(&self.policy, &p));
            self.write_policy(p, entries).await?;
            changed = true;
        }
        if self.pin.as_ref() != Some(&pin) {
            let entry = AuditEntry::new(now, who, amends_domain::Event::PinChanged);
            self.set_pin(pin, Some(entry)).await?;
            changed = true;
        }
        Ok(changed)
    }

    /// Documents from the chain this version could not read, kept on the device.
    pub async fn sync_raw_count(&self) -> usize {
        match self.db() {
            Ok(db) => db.kv_prefixed(keys::SYNC_RAW).await.map_or(0, |r| r.len()),
            Err(_) => 0,
        }
    }

    /// Uses the chain's policy (merged with the store's): saved with its changes audited,
    /// as `who` (the chain). Nothing is written when it is the policy in use already, or
    /// while the stored policy cannot be read (the manager decides first).
    pub async fn use_chain_policy(&self, policy: Policy, who: &str) -> Result<bool, StorageError> {
        if self.policy_fault.is_some() || policy == self.policy {
            return Ok(false);
        }
        let changes = diff(&self.policy, &policy);
        let entries = AuditEntry::from_changes(crate::services::clock::now_ms(), who, &changes);
        self.write_policy(policy, entries).await?;
        Ok(true)
    }
}
