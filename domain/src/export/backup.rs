//! Backups: everything on a device in one file, checked in full before a restore plan.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::audit::AuditEntry;
use crate::policy::Policy;
use crate::record::{RawRecord, RecordError, RecoveryRecord};
use crate::staff::StaffMember;

/// Backup format version. Schema 2 added `unreadable`: records this version could not
/// read, kept as stored (a schema-1 reader would have dropped them without a word, hence
/// the bump). Schema-1 backups still load.
pub const BACKUP_SCHEMA: u32 = 2;

/// Everything on a device, in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub schema: u32,
    pub created_ms: i64,
    pub policy: Policy,
    pub staff: Vec<StaffMember>,
    pub records: Vec<serde_json::Value>,
    pub audit: Vec<AuditEntry>,
    /// Records the device could not read (a newer schema, or damaged), exactly as stored:
    /// `{"id": key, "json": stored text}` each. Read as values, like `records`, so that
    /// no other list type needs its own deserialiser in the wasm.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<serde_json::Value>,
}

/// A backup that was read and checked in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedBackup {
    pub policy: Policy,
    pub staff: Vec<StaffMember>,
    pub records: Vec<RecoveryRecord>,
    pub audit: Vec<AuditEntry>,
    /// Restored as they are, still unread: a newer version of Amends may read them.
    pub unreadable: Vec<RawRecord>,
}

/// Why a backup cannot be restored.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("this is not an Amends backup: {0}")]
    NotABackup(String),
    #[error("this backup was made by a newer version of Amends")]
    TooNew,
    #[error("policy: {0}")]
    Policy(#[from] crate::policy::PolicyError),
    #[error("record {index}: {error}")]
    Record { index: usize, error: RecordError },
    /// A kept unreadable record without a usable id (1 to 64 characters) or stored text.
    #[error("unreadable record {index} has no usable id or text")]
    RawId { index: usize },
}

impl Backup {
    pub fn new(
        created_ms: i64,
        policy: &Policy,
        staff: &[StaffMember],
        records: &[RecoveryRecord],
        audit: &[AuditEntry],
        unreadable: &[RawRecord],
    ) -> Backup {
        Backup {
            schema: BACKUP_SCHEMA,
            created_ms,
            policy: policy.clone(),
            staff: staff.to_vec(),
            // Through the record's text, not `to_value`, and objects built by hand, not
            // `json!`: no second `Serialize` path (into values) in the wasm. Same values.
            records: records
                .iter()
                .filter_map(|r| serde_json::from_str(&r.to_json()).ok())
                .collect(),
            audit: audit.to_vec(),
            unreadable: unreadable
                .iter()
                .map(|r| {
                    let mut m = serde_json::Map::new();
                    m.insert("id".into(), r.id.clone().into());
                    m.insert("json".into(), r.json.clone().into());
                    serde_json::Value::Object(m)
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read and check a whole backup; records of older schemas are migrated.
    pub fn load(json: &str) -> Result<CheckedBackup, BackupError> {
        let v: serde_json::Value =
            serde_json::from_str(json).map_err(|e| BackupError::NotABackup(e.to_string()))?;
        match v.get("schema").and_then(|s| s.as_u64()) {
            Some(s) if s > u64::from(BACKUP_SCHEMA) => return Err(BackupError::TooNew),
            Some(_) => {}
            None => return Err(BackupError::NotABackup("no schema".into())),
        }
        // From the text again, not the value: one deserialisation path (smaller wasm).
        let mut b: Backup =
            serde_json::from_str(json).map_err(|e| BackupError::NotABackup(e.to_string()))?;
        if b.policy.schema > crate::policy::POLICY_SCHEMA {
            return Err(BackupError::TooNew);
        }
        b.policy.migrate();
        b.policy.validate()?;
        let records = b
            .records
            .into_iter()
            .enumerate()
            .map(|(index, v)| {
                RecoveryRecord::from_value(v).map_err(|error| BackupError::Record { index, error })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let unreadable = b
            .unreadable
            .iter()
            .enumerate()
            .map(|(index, v)| {
                let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
                match (text("id"), text("json")) {
                    (Some(id), Some(json)) => Some(RawRecord { id, json })
                        .filter(RawRecord::id_is_usable)
                        .ok_or(BackupError::RawId { index }),
                    _ => Err(BackupError::RawId { index }),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CheckedBackup {
            policy: b.policy,
            staff: b.staff,
            records,
            audit: b.audit,
            unreadable,
        })
    }
}

/// What restoring a checked backup onto this device adds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RestorePlan {
    pub records: Vec<RecoveryRecord>,
    pub records_skipped: usize,
    pub staff: Vec<StaffMember>,
    pub staff_skipped: usize,
    pub audit: Vec<AuditEntry>,
    pub audit_skipped: usize,
    /// Unreadable records to store as they are (their id is free on this device).
    pub unreadable: Vec<RawRecord>,
    pub unreadable_skipped: usize,
}

/// Merge by id (records, readable or not: `record_ids` holds both kinds on this device),
/// by name (staff) and by content (audit); what is here is kept.
pub fn plan_restore(
    b: &CheckedBackup,
    record_ids: &HashSet<String>,
    staff: &[StaffMember],
    audit: &[AuditEntry],
) -> RestorePlan {
    let mut p = RestorePlan::default();
    let mut ids = record_ids.clone();
    for r in &b.records {
        if ids.insert(r.id.clone()) {
            p.records.push(r.clone());
        } else {
            p.records_skipped += 1;
        }
    }
    for r in &b.unreadable {
        if ids.insert(r.id.clone()) {
            p.unreadable.push(r.clone());
        } else {
            p.unreadable_skipped += 1;
        }
    }
    for s in &b.staff {
        if staff.iter().chain(&p.staff).any(|x| x.name == s.name) {
            p.staff_skipped += 1;
        } else {
            p.staff.push(s.clone());
        }
    }
    for a in &b.audit {
        if audit.iter().chain(&p.audit).any(|x| x == a) {
            p.audit_skipped += 1;
        } else {
            p.audit.push(a.clone());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use crate::record::tests::sample;

    /// The values a backup holds are exactly `to_value` of each record and
    /// `{"id", "json"}` of each unreadable one (they are built without `to_value`).
    #[test]
    fn a_backup_holds_records_as_their_values_and_unreadable_ones_as_id_and_text() {
        let recs = vec![sample("a"), sample("b")];
        let raw = [RawRecord {
            id: "z".into(),
            json: "{\"schema\":9}".into(),
        }];
        let policy = Policy::conservative_retail(Currency::USD);
        let b = Backup::new(5, &policy, &[], &recs, &[], &raw);
        let values: Vec<_> = recs
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect();
        assert_eq!(b.records, values);
        let z = serde_json::json!({ "id": "z", "json": "{\"schema\":9}" });
        assert_eq!(b.unreadable, vec![z]);
        assert!(b
            .to_json()
            .contains(r#""unreadable":[{"id":"z","json":"{\"schema\":9}"}]"#));
    }

    #[test]
    fn backup_round_trips_and_merges() {
        let policy = Policy::conservative_retail(Currency::USD);
        let staff = vec![StaffMember {
            name: "Sam".into(),
            role: "associate".into(),
        }];
        let recs = vec![sample("a"), sample("b")];
        let audit = vec![AuditEntry::new(1, "Mo", crate::audit::Event::PinChanged)];
        let json = Backup::new(5, &policy, &staff, &recs, &audit, &[]).to_json();
        let b = Backup::load(&json).unwrap();
        assert_eq!(b.records, recs);
        // A backup made before policy schema 2 still restores, its policy migrated.
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["policy"]["schema"] = 1.into();
        v["policy"]["catalogue"]
            .as_array_mut()
            .unwrap()
            .retain(|e| e["kind"] != "correction");
        for r in v["policy"]["roles"].as_array_mut().unwrap() {
            r["allowed"]
                .as_array_mut()
                .unwrap()
                .retain(|k| k != "correction");
        }
        let old = Backup::load(&v.to_string()).unwrap();
        assert_eq!(old.policy, policy, "migrated to the same policy");
        let plan = plan_restore(&b, &HashSet::from(["a".to_string()]), &[], &audit);
        assert_eq!((plan.records.len(), plan.records_skipped), (1, 1));
        assert_eq!((plan.staff.len(), plan.audit_skipped), (1, 1));
        let bad = json.replace("\"severity\":3", "\"severity\":9");
        assert!(matches!(
            Backup::load(&bad),
            Err(BackupError::Record { .. })
        ));
    }

    /// Issue 11 #14: a record of a newer schema was counted on /log but left out of
    /// backups. It now travels in the backup as stored and is planned for restore raw.
    #[test]
    fn unreadable_records_are_kept_raw_in_backups_and_restores() {
        let policy = Policy::conservative_retail(Currency::USD);
        let newer = RawRecord {
            id: "n1".into(),
            json: r#"{"schema":99,"id":"n1","what":"a newer field"}"#.into(),
        };
        let json = Backup::new(
            5,
            &policy,
            &[],
            &[sample("a")],
            &[],
            std::slice::from_ref(&newer),
        )
        .to_json();
        let b = Backup::load(&json).unwrap();
        assert_eq!(b.unreadable, vec![newer.clone()]);
        assert_eq!(b.records, vec![sample("a")]);
        let plan = plan_restore(&b, &HashSet::new(), &[], &[]);
        assert_eq!((plan.unreadable.len(), plan.unreadable_skipped), (1, 0));
        assert_eq!(plan.unreadable[0].json, newer.json, "byte for byte");
        // Already here (readable or not): kept as it is here.
        let plan = plan_restore(&b, &HashSet::from(["n1".to_string()]), &[], &[]);
        assert_eq!((plan.unreadable.len(), plan.unreadable_skipped), (0, 1));
        // A schema-1 backup (no such list) still loads.
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["schema"] = 1.into();
        v.as_object_mut().unwrap().remove("unreadable");
        assert!(Backup::load(&v.to_string()).unwrap().unreadable.is_empty());
        // A kept record without an id is refused, not restored under an empty key.
        let bad = json.replace("\"id\":\"n1\",\"json\"", "\"id\":\"\",\"json\"");
        assert_ne!(bad, json);
        assert_eq!(Backup::load(&bad), Err(BackupError::RawId { index: 0 }));
    }
}
