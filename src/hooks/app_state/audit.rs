//! The audit is append-only: each entry is written under a key of its own and never
//! rewritten, so two tabs (or a failed write) cannot drop each other's entries. The array
//! kept under `audit` by earlier versions is read as it is and never written again.

use amends_domain::AuditEntry;

use super::keys;
use crate::services::storage::{Db, StorageError};

/// Settings rows `(key, json)` adding `entries`; keys sort by time, then at random.
pub(super) fn rows(entries: &[AuditEntry]) -> Vec<(String, String)> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let tag = crate::services::crypto::random_bytes(6)
                .map(|b| amends_domain::hex(&b))
                .unwrap_or_default();
            (
                format!("{}{:015}/{tag}{i:04}", keys::AUDIT_ENTRY, e.at_ms.max(0)),
                serde_json::to_string(e).unwrap_or_default(),
            )
        })
        .collect()
}

/// Every audit entry, oldest first (the old array, then the entries stored one per key),
/// and the keys of those that could not be read: they stay as stored, and the audit
/// page says so, rather than the audit being shown or replaced with entries missing.
pub(super) async fn load(db: &Db) -> Result<(Vec<AuditEntry>, Vec<String>), StorageError> {
    let mut unreadable = Vec::new();
    let mut audit: Vec<AuditEntry> = match db.kv_get(keys::AUDIT).await? {
        Some(text) => serde_json::from_str(&text).unwrap_or_else(|_| {
            unreadable.push(keys::AUDIT.to_string());
            Vec::new()
        }),
        None => Vec::new(),
    };
    for (key, text) in db.kv_prefixed(keys::AUDIT_ENTRY).await? {
        match serde_json::from_str(&text) {
            Ok(e) => audit.push(e),
            Err(_) => unreadable.push(key),
        }
    }
    super::by_time(&mut audit);
    Ok((audit, unreadable))
}
