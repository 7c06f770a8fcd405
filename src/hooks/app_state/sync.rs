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
/// a checkpoint, documents kept raw, audit entries, and edit marks to clear.
#[derive(Default)]
pub struct SyncWrite {
    pub records: Vec<RecoveryRecord>,
    pub revs: Vec<(String, Tracked)>,
    pub seq: Option<(String, Value)>,
    pub raw: Vec<RawDoc>,
    pub audit: Vec<AuditEntry>,
    pub clear: Vec<String>,
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
            let clear: Vec<String> = (w.clear.iter())
                .map(|id| format!("{}{id}", keys::SYNC_EDIT))
                .collect();
            self.db()?.write_clearing(&records, &kv, &clear).await?;
            if !w.records.is_empty() || !w.audit.is_empty() {
                self.apply(AppAction::Batch(vec![
                    AppAction::Records(w.records),
                    AppAction::Audited(w.audit),
                ]));
                storage::changes::announce();
            }
            Ok(())
        })
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
