//! Reading everything stored at start: records (migrating old schemas), the policy (kept,
//! never replaced, when unreadable), the audit, staff, PIN and its lock.

use std::rc::Rc;

use amends_domain::pin::PinLock;
use amends_domain::{Policy, RecoveryRecord};

use super::{audit, keys, newest_first, parse, policy_fault, AppState, Health};
use crate::services::crypto::{self, PinHash};
use crate::services::storage::{Db, StorageError};

/// The conservative retail preset, in the currency of the user's locale where known.
pub fn default_policy() -> Policy {
    with_secrets(Policy::conservative_retail(
        crate::services::intl::default_currency(),
    ))
}

/// Fills in secrets a policy lacks (a new device, or a file without them).
pub fn with_secrets(mut p: Policy) -> Policy {
    for secret in [&mut p.approval_key, &mut p.customer_salt] {
        if secret.is_empty() {
            if let Ok(bytes) = crypto::random_bytes(32) {
                *secret = amends_domain::hex(&bytes);
            }
        }
    }
    p
}

/// The PIN lock as stored: none yet is a fresh one; an unreadable one leaves no free tries.
pub(super) fn read_lock(text: Option<String>) -> PinLock {
    match text {
        None => PinLock::default(),
        Some(t) => serde_json::from_str(&t).unwrap_or_else(|_| PinLock::unreadable()),
    }
}

/// Read every record; migrate old schemas in one transaction; keep the unreadable as stored.
pub async fn load_records(
    db: &Db,
) -> Result<(Vec<RecoveryRecord>, Vec<amends_domain::record::RawRecord>), StorageError> {
    let rows = db.record_jsons().await?;
    let mut records = Vec::with_capacity(rows.len());
    let mut unreadable = Vec::new();
    let mut migrated = Vec::new();
    let current = format!("\"schema\":{}", amends_domain::record::RECORD_SCHEMA);
    for (id, json) in rows {
        match RecoveryRecord::from_json(&json) {
            Ok(r) => {
                if !json.contains(&current) {
                    migrated.push((id, r.to_json()));
                }
                records.push(r);
            }
            Err(_) => unreadable.push(amends_domain::record::RawRecord { id, json }),
        }
    }
    if !migrated.is_empty() {
        db.put_records(&migrated).await?;
    }
    newest_first(&mut records);
    Ok((records, unreadable))
}

/// Everything stored, as the state the app starts from (`health` is `Ready`). On a first
/// run the preset policy, with its generated approval key and customer salt, is saved so
/// that codes and customer matching work from then on.
pub async fn load_all(db: &Db) -> Result<AppState, StorageError> {
    let (records, unreadable) = load_records(db).await?;
    let read = db
        .read(&[
            keys::POLICY,
            keys::POLICY_SAVED,
            keys::PIN,
            keys::PIN_LOCK,
            keys::STAFF,
            keys::STAFF_LIST,
            keys::USED_CODES,
        ])
        .await?;
    let Ok([stored, policy_saved, pin_text, lock, staff, staff_list_stored, used_codes]) =
        <[_; 7]>::try_from(read)
    else {
        return Err(StorageError::Unavailable);
    };
    // A stored policy that cannot be read is kept, never replaced by the preset.
    let (policy, policy_fault, policy_stored) = match stored {
        Some(text) => {
            let (p, fault) = policy_fault::load(text.clone());
            (p, fault, Some(text))
        }
        None => {
            let p = default_policy();
            let text = p.to_json();
            let saved = db.kv_set(keys::POLICY, &text).await.is_ok();
            (p, None, saved.then_some(text))
        }
    };
    let (audit, audit_unreadable) = audit::load(db).await?;
    let pin = PinHash::read(pin_text.clone());
    let pin_unreadable = pin_text.is_some() && pin.is_none();
    Ok(AppState {
        health: Health::Ready,
        persisted: None,
        policy,
        policy_saved: policy_fault.is_none() && policy_saved.is_some(),
        records: Rc::new(records),
        unreadable: std::rc::Rc::new(unreadable),
        staff: parse(staff),
        staff_list: parse(staff_list_stored.clone()).unwrap_or_default(),
        staff_list_stored,
        pin,
        pin_stored: pin_text,
        pin_lock: read_lock(lock),
        pin_lock_refused: None,
        used_codes: parse(used_codes).unwrap_or_default(),
        audit,
        manager_until_ms: 0,
        policy_fault,
        policy_stored,
        audit_unreadable,
        pin_unreadable,
    })
}
