//! The audit trail as typed events: what happened is stored as data (no English, no
//! minor units) and worded by the UI's catalogue when shown. Versioned: entries written
//! before events existed (`{at_ms, who, field, old, new}` strings) still load, as
//! [`Event::Legacy`]; an entry of a newer schema is refused (the caller keeps it as stored).

use serde::{Deserialize, Serialize};

use crate::policy::{Change, Of, Value};

/// Audit entry format written by this build. Schema 1 (no `schema` field) held strings.
pub const AUDIT_SCHEMA: u32 = 2;

/// One entry of the audit trail: who did what, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "Stored")]
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
    /// Sync found the same record changed on two devices: the revision `kept` by the
    /// conflict rule, the one `dropped` and the outcome (JSON) the dropped one carried.
    SyncConflict {
        record: String,
        kept: String,
        dropped: String,
        outcome: String,
    },
    /// A request for approval decided on a manager's device (chain sync): the recovery's
    /// reference, whether approved, the manager's login, and the reason given if any.
    #[cfg(feature = "chain")]
    RemoteApproval {
        reference: String,
        approved: bool,
        by: String,
        reason: String,
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

/// An entry as stored: one flat record named by `event`. Schema 1 had no `schema` or
/// `event`, only `field`, `old` and `new` strings. Read back by hand from the JSON value
/// (see the `Deserialize` impl): a derived reader for every event cost the wasm 10 KB.
#[derive(Default, Serialize)]
struct Stored {
    schema: Option<u32>,
    at_ms: i64,
    who: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    /// A policy path (`roles[0].per_incident`), or schema 1's field.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<Of>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<Value>,
    /// A policy's or staff member's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Role ids before and after.
    #[serde(skip_serializing_if = "Option::is_none")]
    role_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<Replaced>,
    /// Records erased, removed, imported or restored.
    #[serde(skip_serializing_if = "Option::is_none")]
    records: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    staff: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    months: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
            Event::SyncConflict {
                record,
                kept,
                dropped,
                outcome,
            } => {
                (s.name, s.new, s.old, s.field) =
                    (Some(record), Some(kept), Some(dropped), Some(outcome));
                "sync_conflict"
            }
            #[cfg(feature = "chain")]
            Event::RemoteApproval {
                reference,
                approved,
                by,
                reason,
            } => {
                (s.name, s.to, s.new, s.old) = (
                    Some(reference),
                    Some(Value::Flag(approved)),
                    Some(by),
                    Some(reason),
                );
                "remote_approval"
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

impl<'de> Deserialize<'de> for AuditEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<AuditEntry, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        AuditEntry::from_json(&v).map_err(serde::de::Error::custom)
    }
}

type Json = serde_json::Value;

fn text(v: &Json, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}

fn number(v: &Json, key: &str) -> Option<u64> {
    v.get(key)?.as_u64()
}

/// `{"tag": inner}` -> `(tag, inner)`; a bare `"tag"` -> `(tag, null)`.
fn tagged(v: &Json) -> Option<(&str, &Json)> {
    match v {
        Json::String(tag) => Some((tag, &Json::Null)),
        Json::Object(m) if m.len() == 1 => m.iter().next().map(|(k, x)| (k.as_str(), x)),
        _ => None,
    }
}

fn slugs<T>(v: &Json, read: fn(&str) -> Option<T>) -> Option<Vec<T>> {
    v.as_array()?.iter().map(|x| read(x.as_str()?)).collect()
}

/// A [`Value`] as its `Serialize` writes it.
fn value(v: &Json) -> Option<Value> {
    let (tag, x) = tagged(v)?;
    let bp = || Some(crate::share::Bp(i32::try_from(x.as_i64()?).ok()?));
    Some(match tag {
        "none" => Value::None,
        "secret" => Value::Secret,
        "text" => Value::Text(x.as_str()?.into()),
        "date" => Value::Date(x.as_str()?.into()),
        "money" => Value::Money(crate::money::Money::new(
            x.get("minor")?.as_i64()?,
            x.get("currency")?.as_str()?.parse().ok()?,
        )),
        "share" => Value::Share(bp()?),
        "change" => Value::Change(bp()?),
        "count" => Value::Count(x.as_i64()?),
        "rate" => Value::Rate(x.as_i64()?),
        "flag" => Value::Flag(x.as_bool()?),
        "currency" => Value::Currency(x.as_str()?.parse().ok()?),
        "kinds" => Value::Kinds(slugs(x, crate::remedy::RemedyKind::from_slug)?),
        "fits" => Value::Fits(slugs(x, crate::incident::FailureType::from_slug)?),
        _ => return None,
    })
}

fn of(v: &Json) -> Option<Of> {
    let (tag, x) = tagged(v)?;
    let s = x.as_str()?;
    Some(match tag {
        "role" => Of::Role(s.into()),
        "remedy" => Of::Remedy(crate::remedy::RemedyKind::from_slug(s)?),
        "currency" => Of::Currency(s.parse().ok()?),
        _ => return None,
    })
}

impl AuditEntry {
    /// Read an entry of any schema; an entry of a newer schema, an unknown event or one
    /// with a field missing is refused (the caller keeps it as stored).
    pub fn from_json(v: &Json) -> Result<AuditEntry, String> {
        let schema = match v.get("schema") {
            None => 1,
            Some(s) => s
                .as_u64()
                .and_then(|s| u32::try_from(s).ok())
                .ok_or("audit entry with an unreadable schema")?,
        };
        if schema > AUDIT_SCHEMA {
            return Err(format!("audit entry of a newer schema ({schema})"));
        }
        let (Some(at_ms), Some(who)) = (v.get("at_ms").and_then(Json::as_i64), text(v, "who"))
        else {
            return Err("audit entry without a time or a name".into());
        };
        let tag = match (text(v, "event"), v.get("field")) {
            (Some(tag), _) => tag,
            (None, Some(_)) => "legacy".into(),
            (None, None) => return Err("audit entry without an event".into()),
        };
        let event = match tag.as_str() {
            "policy_changed" => (|| {
                Some(Event::PolicyChanged(Change {
                    field: text(v, "field")?.parse().ok()?,
                    of: match v.get("of") {
                        None => None,
                        Some(o) => Some(of(o)?),
                    },
                    from: value(v.get("from")?)?,
                    to: value(v.get("to")?)?,
                }))
            })(),
            "set_up" => text(v, "name").map(|policy| Event::SetUp { policy }),
            "policy_replaced" => match text(v, "by").as_deref() {
                Some("from_file") => Some(Event::PolicyReplaced {
                    by: Replaced::FromFile,
                }),
                Some("preset") => Some(Event::PolicyReplaced {
                    by: Replaced::Preset,
                }),
                _ => None,
            },
            "pin_changed" => Some(Event::PinChanged),
            "role_changed" => text(v, "name").map(|staff| Event::RoleChanged {
                staff,
                from: text(v, "role_from"),
                to: text(v, "role_to"),
            }),
            "erased" => number(v, "records").map(|count| Event::Erased { count }),
            "retention" => (|| {
                Some(Event::Retention {
                    removed: number(v, "records")?,
                    months: u32::try_from(number(v, "months")?).ok()?,
                })
            })(),
            "imported" => number(v, "records").map(|records| Event::Imported { records }),
            "restored" => (|| {
                Some(Event::Restored {
                    records: number(v, "records")?,
                    staff: number(v, "staff")?,
                    audit: number(v, "audit")?,
                })
            })(),
            "sync_conflict" => (|| {
                Some(Event::SyncConflict {
                    record: text(v, "name")?,
                    kept: text(v, "new")?,
                    dropped: text(v, "old")?,
                    outcome: text(v, "field")?,
                })
            })(),
            #[cfg(feature = "chain")]
            "remote_approval" => (|| {
                Some(Event::RemoteApproval {
                    reference: text(v, "name")?,
                    approved: match value(v.get("to")?)? {
                        Value::Flag(b) => b,
                        _ => return None,
                    },
                    by: text(v, "new")?,
                    reason: text(v, "old")?,
                })
            })(),
            "legacy" => Some(Event::Legacy {
                field: text(v, "field").unwrap_or_default(),
                old: text(v, "old").unwrap_or_default(),
                new: text(v, "new").unwrap_or_default(),
            }),
            _ => None,
        }
        .ok_or_else(|| format!("audit entry {tag:?} cannot be read"))?;
        Ok(AuditEntry {
            schema,
            at_ms,
            who,
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
    fn every_kind_of_value_round_trips() {
        use crate::policy::AcceptedCurrency;
        let a = Policy::conservative_retail(Currency::USD);
        let mut b = Policy::ritz_carlton(Currency::EUR);
        b.name = "Changed".into();
        b.approval_key = "ab".repeat(32);
        b.retention_months = None;
        b.settings.severity[0] = crate::share::Bp(-3000);
        b.settings.round_up = false;
        b.catalogue[1].fits.clear();
        b.catalogue[6].discount_percent = None;
        b.roles.pop();
        b.accepted_currencies.push(AcceptedCurrency {
            currency: Currency::JPY,
            rate_millionths: 6_700,
            set_on: "2026-11-30".into(),
        });
        let changes: Vec<Change> = diff(&a, &b).into_iter().chain(diff(&b, &a)).collect();
        let mut kinds = std::collections::BTreeSet::new();
        for c in &changes {
            for v in [&c.from, &c.to] {
                let json = serde_json::to_string(v).unwrap();
                kinds.insert(json.split(['"', ':']).nth(1).unwrap_or("").to_string());
            }
        }
        assert!(kinds.len() >= 12, "{kinds:?}");
        for e in AuditEntry::from_changes(3, "Mo", &changes) {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(
                serde_json::from_str::<AuditEntry>(&json).unwrap(),
                e,
                "{json}"
            );
        }
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
            Event::SyncConflict {
                record: "r1".into(),
                kept: "2-a".into(),
                dropped: "2-b".into(),
                outcome: "{\"csat\":2}".into(),
            },
        ] {
            let e = AuditEntry::new(1, "Mo", event);
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<AuditEntry>(&json).unwrap(), e);
        }
    }

    #[cfg(feature = "chain")]
    #[test]
    fn a_remote_approval_round_trips() {
        for approved in [true, false] {
            let e = AuditEntry::new(
                1,
                "Sam",
                Event::RemoteApproval {
                    reference: "K7QF-2M".into(),
                    approved,
                    by: "store-1-manager".into(),
                    reason: if approved { "" } else { "Too much" }.into(),
                },
            );
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
