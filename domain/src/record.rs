//! The log of recoveries: one versioned record per recovery, and loading old versions.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::incident::{Category, Channel, FailureType, Incident, Severity, Tier, Touchpoint};
use crate::level::Level;
use crate::money::{Money, MoneyError};
use crate::remedy::RemedyLine;

/// Record format written by this build. Schema 1 records (before follow-up channels and
/// first-contact resolution were kept) still load; see [`RecoveryRecord::from_json`].
pub const RECORD_SCHEMA: u32 = 2;

/// How an above-limit remedy was approved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApprovalMethod {
    /// The manager entered the PIN on this device.
    Pin,
    /// The manager read out a one-time code.
    Code,
    /// A manager approved on their own device, through the chain (`sync::RemoteApproval`).
    #[cfg(feature = "chain")]
    Remote,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by: String,
    pub method: ApprovalMethod,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub due_ms: i64,
    pub channel: Channel,
}

/// What the customer said when followed up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub recorded_ms: i64,
    /// 1-5
    pub csat: Option<u8>,
    /// 0-10
    pub nps: Option<u8>,
    /// 1-7
    pub ces: Option<u8>,
    pub resolved: Option<bool>,
    pub retained: Option<bool>,
    #[serde(default)]
    pub note: String,
}

/// Why an outcome cannot be recorded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OutcomeError {
    #[error("CSAT is a score from 1 to 5")]
    Csat,
    #[error("NPS is a score from 0 to 10")]
    Nps,
    #[error("CES is a score from 1 to 7")]
    Ces,
}

impl Outcome {
    pub fn validate(&self) -> Result<(), OutcomeError> {
        if self.csat.is_some_and(|v| !(1..=5).contains(&v)) {
            return Err(OutcomeError::Csat);
        }
        if self.nps.is_some_and(|v| v > 10) {
            return Err(OutcomeError::Nps);
        }
        if self.ces.is_some_and(|v| !(1..=7).contains(&v)) {
            return Err(OutcomeError::Ces);
        }
        Ok(())
    }
}

/// One recovery, as logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryRecord {
    pub schema: u32,
    pub id: String,
    pub opened_ms: i64,
    pub resolved_ms: i64,
    pub staff: String,
    /// Role id at the time.
    pub role: String,
    pub incident: Incident,
    /// Apology checklist items done (ids such as "listened", "apologised").
    pub steps_done: Vec<String>,
    /// The option chosen, if one was taken as offered.
    pub level: Option<Level>,
    pub remedies: Vec<RemedyLine>,
    pub approval: Option<Approval>,
    pub follow_up: Option<FollowUp>,
    pub outcome: Option<Outcome>,
    /// Resolved at the first contact (for FCR).
    pub first_contact: bool,
    pub root_cause: Option<String>,
    pub note: String,
    /// Role-play: never counts in budgets or analytics.
    pub practice: bool,
    /// Kept only when the user ticked "keep name".
    pub customer_name: Option<String>,
    /// Salted hash of the customer reference; the reference itself is never stored.
    pub customer_hash: Option<String>,
    pub ticket: Option<String>,
    /// How to reach the customer for the follow-up; kept only when they agreed to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<crate::customer::Contact>,
    /// The language the customer was written to in (a BCP 47 tag), when it was not the
    /// staff member's: the follow-up message is suggested in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_locale: Option<String>,
}

/// Why a stored or imported record could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("not a record: {0}")]
    Malformed(String),
    #[error("made by a newer version of Amends (schema {0})")]
    TooNew(u32),
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
}

impl RecoveryRecord {
    pub fn currency(&self) -> crate::money::Currency {
        self.incident.loss.currency
    }

    /// Cost to the business of everything given.
    pub fn cost(&self) -> Result<Money, MoneyError> {
        Money::sum(self.currency(), self.remedies.iter().map(|l| l.cost))
    }

    /// Face value to the customer of everything given.
    pub fn face(&self) -> Result<Money, MoneyError> {
        Money::sum(self.currency(), self.remedies.iter().map(|l| l.face))
    }

    pub fn escalated(&self) -> bool {
        self.approval.is_some()
    }

    /// A short reference to read out or type into a ticket: the id's first eight letters
    /// and digits, upper case ("3F9A0C1B"). Ids are random, so eight hex digits collide
    /// once in about 65,000 pairs among records of the same hour: good enough to find a
    /// record in the log, not a key.
    pub fn short_ref(&self) -> String {
        self.id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect::<String>()
            .to_ascii_uppercase()
    }

    pub fn failure(&self) -> FailureType {
        self.incident.failure
    }

    pub fn category(&self) -> Category {
        self.incident.category
    }

    pub fn channel(&self) -> Channel {
        self.incident.channel
    }

    pub fn touchpoint(&self) -> Touchpoint {
        self.incident.touchpoint
    }

    pub fn severity(&self) -> Severity {
        self.incident.severity
    }

    pub fn tier(&self) -> Tier {
        self.incident.tier
    }

    /// Rules serde cannot express: ids, times, amounts, scores.
    pub fn validate(&self) -> Result<(), RecordError> {
        let bad = |field, problem: &str| {
            Err(RecordError::Invalid {
                field,
                problem: problem.to_string(),
            })
        };
        if self.id.is_empty() || self.id.len() > 64 {
            return bad("id", "must have 1 to 64 characters");
        }
        if self.resolved_ms < self.opened_ms {
            return bad("resolved_ms", "is before opened_ms");
        }
        let cur = self.currency();
        if !(0..=Money::MAX_MINOR).contains(&self.incident.loss.minor) {
            return bad("incident.loss", "is out of range");
        }
        for l in &self.remedies {
            if l.face.currency != cur || l.cost.currency != cur {
                return bad("remedies", "must be in the loss currency");
            }
            if !(0..=Money::MAX_MINOR).contains(&l.face.minor)
                || !(0..=Money::MAX_MINOR).contains(&l.cost.minor)
            {
                return bad("remedies", "amount out of range");
            }
        }
        if self.remedies.len() > 32 {
            return bad("remedies", "too many lines");
        }
        if let Some(o) = &self.outcome {
            o.validate().map_err(|e| RecordError::Invalid {
                field: "outcome",
                problem: e.to_string(),
            })?;
        }
        Ok(())
    }

    /// Read a record of any known schema and validate it. Never panics.
    ///
    /// Current records are read straight from the text; older ones go through a
    /// `serde_json::Value` to be migrated and are then read as text again, so the
    /// record types are deserialised by one code path only (smaller wasm).
    pub fn from_json(json: &str) -> Result<RecoveryRecord, RecordError> {
        // Fast path, one pass: a record of the current schema (nearly all of them).
        if let Ok(r) = serde_json::from_str::<RecoveryRecord>(json) {
            if r.schema == RECORD_SCHEMA {
                r.validate()?;
                return Ok(r);
            }
        }
        #[derive(Deserialize)]
        struct Schema {
            schema: Option<u64>,
        }
        let head: Schema =
            serde_json::from_str(json).map_err(|e| RecordError::Malformed(e.to_string()))?;
        let schema = head
            .schema
            .ok_or_else(|| RecordError::Malformed("no schema".into()))?;
        if schema > u64::from(RECORD_SCHEMA) {
            return Err(RecordError::TooNew(
                u32::try_from(schema).unwrap_or(u32::MAX),
            ));
        }
        let r: RecoveryRecord = match schema {
            2 => serde_json::from_str(json),
            1 => {
                let mut v: serde_json::Value = serde_json::from_str(json)
                    .map_err(|e| RecordError::Malformed(e.to_string()))?;
                migrate_v1(&mut v);
                serde_json::from_str(&text(&v))
            }
            other => return Err(RecordError::Malformed(format!("unknown schema {other}"))),
        }
        .map_err(|e| RecordError::Malformed(e.to_string()))?;
        r.validate()?;
        Ok(r)
    }

    /// A record held as a JSON value (in a backup file).
    pub fn from_value(v: serde_json::Value) -> Result<RecoveryRecord, RecordError> {
        RecoveryRecord::from_json(&text(&v))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A JSON value as compact text: what its `Display` writes, through the serializer the
/// records already use (`Display` would bring a second one into the wasm).
fn text(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Schema 1 kept the follow-up as a bare due time (`follow_up_ms`) and had no
/// first-contact flag: the follow-up channel becomes the incident's channel and
/// first contact is taken as true when no approval was needed.
fn migrate_v1(v: &mut serde_json::Value) {
    let Some(obj) = v.as_object_mut() else { return };
    obj.insert("schema".into(), 2.into());
    let channel = obj
        .get("incident")
        .and_then(|i| i.get("channel"))
        .cloned()
        .unwrap_or_else(|| "in-store".into());
    let follow_up = match obj.remove("follow_up_ms") {
        Some(n @ serde_json::Value::Number(_)) => {
            let mut m = serde_json::Map::new();
            m.insert("due_ms".into(), n);
            m.insert("channel".into(), channel);
            serde_json::Value::Object(m)
        }
        _ => serde_json::Value::Null,
    };
    obj.insert("follow_up".into(), follow_up);
    let first = obj.get("approval").is_none_or(|a| a.is_null());
    obj.entry("first_contact").or_insert(first.into());
}

/// A stored record this version cannot read (a newer schema, or damaged): kept exactly as
/// stored, counted on the log, carried in backups, never rewritten or deleted by reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRecord {
    /// The key it is stored under.
    pub id: String,
    /// The stored text, unchanged.
    pub json: String,
}

impl RawRecord {
    /// An id a record could have (1 to 64 characters), so a restore never writes a record
    /// under an empty or absurd key.
    pub fn id_is_usable(&self) -> bool {
        !self.id.is_empty() && self.id.len() <= 64
    }
}

#[cfg(test)]
pub(crate) mod tests {
    #[test]
    fn short_ref_is_the_ids_first_eight_letters_and_digits_upper_case() {
        let mut r = sample("3f9a-0c1b27de");
        assert_eq!(r.short_ref(), "3F9A0C1B");
        r.id = "ab".into();
        assert_eq!(r.short_ref(), "AB");
    }

    use super::*;
    use crate::money::Currency;
    use crate::remedy::RemedyKind;

    pub fn sample(id: &str) -> RecoveryRecord {
        let usd = |m| Money::new(m, Currency::USD);
        RecoveryRecord {
            schema: RECORD_SCHEMA,
            id: id.into(),
            opened_ms: 1_700_000_000_000,
            resolved_ms: 1_700_000_300_000,
            staff: "Sam".into(),
            role: "associate".into(),
            incident: Incident {
                failure: FailureType::Product,
                category: Category::Defect,
                touchpoint: Touchpoint::PostPurchase,
                channel: Channel::InStore,
                severity: Severity::new(3).unwrap(),
                tier: Tier::Regular,
                loss: usd(4990),
                company_responsible: true,
                keeps_item: false,
                prior_failures: 0,
            },
            steps_done: vec!["listened".into(), "apologised".into()],
            level: Some(Level::Recommended),
            remedies: vec![RemedyLine {
                kind: RemedyKind::Replacement,
                face: usd(4990),
                cost: usd(2994),
            }],
            approval: None,
            follow_up: Some(FollowUp {
                due_ms: 1_700_259_200_000,
                channel: Channel::Phone,
            }),
            outcome: None,
            first_contact: true,
            root_cause: Some("supplier-quality".into()),
            note: "=cmd|' /C calc'!A0".into(),
            practice: false,
            customer_name: None,
            customer_hash: Some("ab12".into()),
            ticket: Some("1234".into()),
            contact: None,
            customer_locale: None,
        }
    }

    #[test]
    fn round_trips_and_validates() {
        let r = sample("r1");
        assert_eq!(RecoveryRecord::from_json(&r.to_json()), Ok(r.clone()));
        let mut bad = r.clone();
        bad.resolved_ms = 0;
        assert!(RecoveryRecord::from_json(&bad.to_json()).is_err());
        assert!(matches!(
            RecoveryRecord::from_json("{\"schema\":7}"),
            Err(RecordError::TooNew(7))
        ));
        assert!(RecoveryRecord::from_json("[1,2").is_err());
    }

    #[test]
    fn schema_1_records_still_load() {
        let mut v = serde_json::to_value(sample("old")).unwrap();
        let o = v.as_object_mut().unwrap();
        o.insert("schema".into(), 1.into());
        o.remove("follow_up");
        o.remove("first_contact");
        o.insert("follow_up_ms".into(), 1_700_259_200_000_i64.into());
        let r = RecoveryRecord::from_value(v).unwrap();
        assert_eq!(r.schema, 2);
        assert_eq!(
            r.follow_up,
            Some(FollowUp {
                due_ms: 1_700_259_200_000,
                channel: Channel::InStore
            })
        );
        assert!(r.first_contact);
    }
}
