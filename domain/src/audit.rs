//! The audit trail as typed events: what happened is stored as data (no English, no
//! minor units) and worded by the UI's catalogue when shown. Versioned: entries written
//! before events existed (`{at_ms, who, field, old, new}` strings) still load, as
//! [`Event::Legacy`]; an entry of a newer schema is refused (the caller keeps it as stored).

use serde::{Deserialize, Serialize};

use crate::policy::{Change, Of, Value};

/// Audit entry format written by this build. Schema 1 (no `schema` field) held strings.
pub const AUDIT_SCHEMA: u32 = 2;

/// One entry of the audit trail: who did what, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct AuditEntry {
    pub schema: u32,
    pub at_ms: i64,
    pub who: String,
    pub event: Event,
}

/// How a policy that could not be read was replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Replaced {
    FromFile,
    /// By a preset, after the old text was downloaded.
    Preset,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A policy setting changed (saved, imported or restored).
    PolicyChanged(Change),
    /// The device was set up, with the policy of this name.
    SetUp {
        policy: String,
    },
    /// A stored policy that could not be read was replaced.
    PolicyReplaced {
        by: Replaced,
    },
    PinChanged,
    /// A staff member's role changed (role ids); `to: None` removed them from the device.
    RoleChanged {
        staff: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// One customer's records erased.
    Erased {
        count: u64,
    },
    /// Records older than the retention period removed.
    Retention {
        removed: u64,
        months: u32,
    },
    /// Records added from a JSON Lines file.
    Imported {
        records: u64,
    },
    /// A backup restored: what it added.
    Restored {
        records: u64,
        staff: u64,
        audit: u64,
    },
    /// An entry written before audit events were typed, as it was stored.
    Legacy {
        field: String,
        old: String,
        new: String,
    },
}

impl AuditEntry {
    pub fn new(at_ms: i64, who: impl Into<String>, event: Event) -> AuditEntry {
        AuditEntry {
            schema: AUDIT_SCHEMA,
            at_ms,
            who: who.into(),
            event,
        }
    }

    /// One entry per changed policy field.
    pub fn from_changes(at_ms: i64, who: &str, changes: &[Change]) -> Vec<AuditEntry> {
        changes
            .iter()
            .map(|c| AuditEntry::new(at_ms, who, Event::PolicyChanged(c.clone())))
            .collect()
    }
}

/// An entry as stored, by any schema: one flat record named by `event` (one derived
/// reader for every event keeps the wasm small). Schema 1 had no `schema` or `event`,
/// only `field`, `old` and `new` strings.
#[derive(Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default)]
    schema: Option<u32>,
    at_ms: i64,
    who: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    /// A policy path (`roles[0].per_incident`), or schema 1's field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    of: Option<Of>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<Value>,
    /// A policy's or staff member's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Role ids before and after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<Replaced>,
    /// Records erased, removed, imported or restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    records: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    staff: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    new: Option<String>,
}

impl From<AuditEntry> for Stored {
    fn from(e: AuditEntry) -> Stored {
        let mut s = Stored {
            schema: Some(e.schema),
            at_ms: e.at_ms,
            who: e.who,
            ..Stored::default()
        };
        let tag = match e.event {
            Event::PolicyChanged(c) => {
                s.field = Some(c.field.to_string());
                s.of = c.of;
                s.from = Some(c.from);
                s.to = Some(c.to);
                "policy_changed"
            }
            Event::SetUp { policy } => {
                s.name = Some(policy);
                "set_up"
            }
            Event::PolicyReplaced { by } => {
                s.by = Some(by);
                "policy_replaced"
            }
            Event::PinChanged => "pin_changed",
            Event::RoleChanged { staff, from, to } => {
                (s.name, s.role_from, s.role_to) = (Some(staff), from, to);
                "role_changed"
            }
            Event::Erased { count } => {
                s.records = Some(count);
                "erased"
            }
            Event::Retention { removed, months } => {
                (s.records, s.months) = (Some(removed), Some(months));
                "retention"
            }
            Event::Imported { records } => {
                s.records = Some(records);
                "imported"
            }
            Event::Restored {
                records,
                staff,
                audit,
            } => {
                (s.records, s.staff, s.audit) = (Some(records), Some(staff), Some(audit));
                "restored"
            }
            Event::Legacy { field, old, new } => {
                (s.field, s.old, s.new) = (Some(field), Some(old), Some(new));
                "legacy"
            }
        };
        s.event = Some(tag.into());
        s
    }
}

impl TryFrom<Stored> for AuditEntry {
    type Error = String;

    fn try_from(s: Stored) -> Result<AuditEntry, String> {
        let schema = s.schema.unwrap_or(1);
        if schema > AUDIT_SCHEMA {
            return Err(format!("audit entry of a newer schema ({schema})"));
        }
        let missing = || format!("audit entry {:?} is incomplete", s.event);
        let tag = match (&s.event, &s.field) {
            (Some(tag), _) => tag.as_str(),
            (None, Some(_)) => "legacy",
            (None, None) => return Err("audit entry without an event".into()),
        };
        let event = match tag {
            "policy_changed" => Event::PolicyChanged(Change {
                field: s
                    .field
                    .as_deref()
                    .and_then(|f| f.parse().ok())
                    .ok_or_else(missing)?,
                of: s.of,
                from: s.from.ok_or_else(missing)?,
                to: s.to.ok_or_else(missing)?,
            }),
            "set_up" => Event::SetUp {
                policy: s.name.ok_or_else(missing)?,
            },
            "policy_replaced" => Event::PolicyReplaced {
                by: s.by.ok_or_else(missing)?,
            },
            "pin_changed" => Event::PinChanged,
            "role_changed" => Event::RoleChanged {
                staff: s.name.ok_or_else(missing)?,
                from: s.role_from,
                to: s.role_to,
            },
            "erased" => Event::Erased {
                count: s.records.ok_or_else(missing)?,
            },
            "retention" => Event::Retention {
                removed: s.records.ok_or_else(missing)?,
                months: s.months.ok_or_else(missing)?,
            },
            "imported" => Event::Imported {
                records: s.records.ok_or_else(missing)?,
            },
            "restored" => Event::Restored {
                records: s.records.ok_or_else(missing)?,
                staff: s.staff.ok_or_else(missing)?,
                audit: s.audit.ok_or_else(missing)?,
            },
            "legacy" => Event::Legacy {
                field: s.field.unwrap_or_default(),
                old: s.old.unwrap_or_default(),
                new: s.new.unwrap_or_default(),
            },
            other => return Err(format!("unknown audit event {other:?}")),
        };
        Ok(AuditEntry {
            schema,
            at_ms: s.at_ms,
            who: s.who,
            event,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Currency, Money};
    use crate::policy::{diff, Field, Of, Policy, RoleField, Value};

    #[test]
    fn a_policy_change_is_stored_as_data_and_read_back() {
        let a = Policy::conservative_retail(Currency::USD);
        let mut b = a.clone();
        b.roles[0].per_incident = Money::new(7500, Currency::USD);
        let e = AuditEntry::from_changes(7, "Mo", &diff(&a, &b));
        assert_eq!(e.len(), 1);
        let json = serde_json::to_string(&e[0]).unwrap();
        assert_eq!(
            json,
            r#"{"schema":2,"at_ms":7,"who":"Mo","event":"policy_changed","field":"roles[0].per_incident","of":{"role":"Associate"},"from":{"money":{"minor":5000,"currency":"USD"}},"to":{"money":{"minor":7500,"currency":"USD"}}}"#
        );
        let back: AuditEntry = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e[0]);
        assert_eq!(
            back.event,
            Event::PolicyChanged(Change {
                field: Field::Role(0, RoleField::PerIncident),
                of: Some(Of::Role("Associate".into())),
                from: Value::Money(Money::new(5000, Currency::USD)),
                to: Value::Money(Money::new(7500, Currency::USD)),
            })
        );
    }

    #[test]
    fn every_event_round_trips() {
        for event in [
            Event::SetUp {
                policy: "Conservative retail".into(),
            },
            Event::PolicyReplaced {
                by: Replaced::Preset,
            },
            Event::PinChanged,
            Event::RoleChanged {
                staff: "Sam".into(),
                from: Some("associate".into()),
                to: None,
            },
            Event::Erased { count: 2 },
            Event::Retention {
                removed: 3,
                months: 24,
            },
            Event::Imported { records: 4 },
            Event::Restored {
                records: 1,
                staff: 2,
                audit: 3,
            },
        ] {
            let e = AuditEntry::new(1, "Mo", event);
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<AuditEntry>(&json).unwrap(), e);
        }
    }

    #[test]
    fn entries_written_before_events_still_load_as_legacy() {
        let old = r#"{"at_ms":1,"who":"Mo","field":"roles[0].per_incident.minor","old":"5000","new":"7500"}"#;
        let e: AuditEntry = serde_json::from_str(old).unwrap();
        assert_eq!(e.schema, 1);
        assert_eq!(
            e.event,
            Event::Legacy {
                field: "roles[0].per_incident.minor".into(),
                old: "5000".into(),
                new: "7500".into(),
            }
        );
        // Kept as it was when written again (in a backup), and read back the same.
        let again: AuditEntry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(again, e);
        // The array earlier versions kept under `audit` loads too.
        let arr: Vec<AuditEntry> = serde_json::from_str(&format!("[{old}]")).unwrap();
        assert_eq!(arr, [e]);
    }

    #[test]
    fn newer_or_unknown_entries_are_refused_not_guessed() {
        for bad in [
            r#"{"schema":3,"at_ms":1,"who":"Mo","event":"pin_changed"}"#,
            r#"{"schema":2,"at_ms":1,"who":"Mo","event":"coffee_made"}"#,
            r#"{"schema":2,"at_ms":1,"who":"Mo"}"#,
            r#"{"schema":2,"at_ms":1,"who":"Mo","event":"erased","records":-1}"#,
            r#"{"schema":2,"at_ms":1,"who":"Mo","event":"erased"}"#,
            r#"{"schema":2,"at_ms":1,"who":"Mo","event":"policy_changed","field":"roles[0].per_incident.minor","from":"none","to":"none"}"#,
        ] {
            assert!(serde_json::from_str::<AuditEntry>(bad).is_err(), "{bad}");
        }
    }
}
