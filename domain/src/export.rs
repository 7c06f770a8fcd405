//! Getting data out and back: CSV (RFC 4180, safe in spreadsheets), JSON Lines, backups.
//!
//! Imports validate everything first and return a plan; nothing is applied from a file
//! with any bad line, so a file is taken whole or not at all.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::incident::{Category, Channel, FailureType, Incident, Severity, Tier, Touchpoint};
use crate::money::{Currency, Money};
use crate::policy::{AuditEntry, Policy};
use crate::recommend::Level;
use crate::record::{
    Approval, ApprovalMethod, FollowUp, Outcome, RecordError, RecoveryRecord, RECORD_SCHEMA,
};
use crate::remedy::{RemedyKind, RemedyLine};
use crate::time::{iso8601, parse_iso8601};

/// Column names of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 38] = [
    "id",
    "opened",
    "resolved",
    "staff",
    "role",
    "practice",
    "failure",
    "category",
    "touchpoint",
    "channel",
    "severity",
    "tier",
    "currency",
    "loss",
    "keeps_item",
    "company_responsible",
    "prior_failures",
    "remedies",
    "face",
    "cost",
    "level",
    "approved_by",
    "approval_method",
    "approved_at",
    "follow_up_due",
    "follow_up_channel",
    "csat",
    "nps",
    "ces",
    "resolved_yes",
    "retained",
    "outcome_note",
    "outcome_at",
    "first_contact",
    "root_cause",
    "note",
    "ticket",
    "customer_hash",
];

/// Make a cell safe to open in a spreadsheet: a cell starting with = + - @ tab or CR
/// gets a leading apostrophe (as OWASP advises), and so does one already starting
/// with an apostrophe, so that [`unneutralise`] gives back exactly the original.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

pub fn unneutralise(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// One CSV field, quoted when needed (RFC 4180).
fn field(out: &mut String, cell: &str) {
    let cell = neutralise(cell);
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn cells(r: &RecoveryRecord) -> Vec<String> {
    let i = &r.incident;
    let remedies = r
        .remedies
        .iter()
        .map(|l| format!("{}:{}:{}", l.kind, l.face.plain(), l.cost.plain()))
        .collect::<Vec<_>>()
        .join("|");
    let o = r.outcome.as_ref();
    let a = r.approval.as_ref();
    vec![
        r.id.clone(),
        iso8601(r.opened_ms),
        iso8601(r.resolved_ms),
        r.staff.clone(),
        r.role.clone(),
        r.practice.to_string(),
        i.failure.to_string(),
        i.category.to_string(),
        i.touchpoint.to_string(),
        i.channel.to_string(),
        i.severity.level().to_string(),
        i.tier.to_string(),
        i.loss.currency.to_string(),
        i.loss.plain(),
        i.keeps_item.to_string(),
        i.company_responsible.to_string(),
        i.prior_failures.to_string(),
        remedies,
        r.face().map(|m| m.plain()).unwrap_or_default(),
        r.cost().map(|m| m.plain()).unwrap_or_default(),
        opt(&r.level),
        a.map(|a| a.by.clone()).unwrap_or_default(),
        a.map(|a| {
            match a.method {
                ApprovalMethod::Pin => "pin",
                ApprovalMethod::Code => "code",
            }
            .to_string()
        })
        .unwrap_or_default(),
        a.map(|a| iso8601(a.at_ms)).unwrap_or_default(),
        r.follow_up
            .as_ref()
            .map(|f| iso8601(f.due_ms))
            .unwrap_or_default(),
        r.follow_up
            .as_ref()
            .map(|f| f.channel.to_string())
            .unwrap_or_default(),
        o.map(|o| opt(&o.csat)).unwrap_or_default(),
        o.map(|o| opt(&o.nps)).unwrap_or_default(),
        o.map(|o| opt(&o.ces)).unwrap_or_default(),
        o.map(|o| opt(&o.resolved)).unwrap_or_default(),
        o.map(|o| opt(&o.retained)).unwrap_or_default(),
        o.map(|o| o.note.clone()).unwrap_or_default(),
        o.map(|o| iso8601(o.recorded_ms)).unwrap_or_default(),
        r.first_contact.to_string(),
        r.root_cause.clone().unwrap_or_default(),
        r.note.clone(),
        r.ticket.clone().unwrap_or_default(),
        r.customer_hash.clone().unwrap_or_default(),
    ]
}

/// Records as CSV: UTF-8 with a byte-order mark (so Excel reads UTF-8), CRLF line ends,
/// a header row. The customer's name is never exported.
pub fn to_csv<'a>(records: impl IntoIterator<Item = &'a RecoveryRecord>) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    for r in records {
        for (i, c) in cells(r).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(&mut out, c);
        }
        out.push_str("\r\n");
    }
    out
}

/// Why a CSV file could not be read back.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
pub struct CsvError {
    pub line: usize,
    pub problem: String,
}

/// Split CSV text into rows of fields (RFC 4180), remembering each row's first line.
fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut row_line = 1;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push(c);
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(CsvError {
            line: row_line,
            problem: "a quoted field is not closed".into(),
        });
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((row_line, row));
    }
    Ok(rows)
}

/// Read back what [`to_csv`] wrote: the header must match, every row must be valid.
pub fn from_csv(text: &str) -> Result<Vec<RecoveryRecord>, CsvError> {
    let rows = parse_csv(text)?;
    let mut it = rows.into_iter();
    let header = it.next().ok_or(CsvError {
        line: 1,
        problem: "the file is empty".into(),
    })?;
    if header.1 != CSV_COLUMNS {
        return Err(CsvError {
            line: 1,
            problem: "the header is not an Amends export".into(),
        });
    }
    it.map(|(line, cells)| record_from_cells(&cells).map_err(|problem| CsvError { line, problem }))
        .collect()
}

fn record_from_cells(cells: &[String]) -> Result<RecoveryRecord, String> {
    if cells.len() != CSV_COLUMNS.len() {
        return Err(format!(
            "{} fields, expected {}",
            cells.len(),
            CSV_COLUMNS.len()
        ));
    }
    let c = |name: &str| -> &str {
        let i = CSV_COLUMNS.iter().position(|n| *n == name).unwrap_or(0);
        unneutralise(&cells[i])
    };
    let time = |name: &str| parse_iso8601(c(name)).ok_or(format!("{name}: not a date"));
    let opt_time = |name: &str| -> Result<Option<i64>, String> {
        if c(name).is_empty() {
            Ok(None)
        } else {
            time(name).map(Some)
        }
    };
    fn slug<T>(name: &str, v: &str, f: fn(&str) -> Option<T>) -> Result<T, String> {
        f(v).ok_or(format!("{name}: unknown value {v:?}"))
    }
    let boolean = |name: &str| match c(name) {
        "true" => Ok(true),
        "false" => Ok(false),
        v => Err(format!("{name}: expected true or false, not {v:?}")),
    };
    let opt_bool = |name: &str| -> Result<Option<bool>, String> {
        if c(name).is_empty() {
            Ok(None)
        } else {
            boolean(name).map(Some)
        }
    };
    let opt_u8 = |name: &str| -> Result<Option<u8>, String> {
        let v = c(name);
        if v.is_empty() {
            Ok(None)
        } else {
            v.parse()
                .map(Some)
                .map_err(|_| format!("{name}: not a score"))
        }
    };
    let text = |name: &str| {
        let v = c(name);
        (!v.is_empty()).then(|| v.to_string())
    };
    let currency: Currency = c("currency")
        .parse()
        .map_err(|e| format!("currency: {e}"))?;
    let money = |name: &str, v: &str| {
        Money::parse_canonical(v, currency).map_err(|e| format!("{name}: {e}"))
    };
    let mut remedies = Vec::new();
    if !c("remedies").is_empty() {
        for part in c("remedies").split('|') {
            let mut p = part.split(':');
            let (Some(k), Some(face), Some(cost), None) = (p.next(), p.next(), p.next(), p.next())
            else {
                return Err(format!("remedies: cannot read {part:?}"));
            };
            remedies.push(RemedyLine {
                kind: slug("remedies", k, RemedyKind::from_slug)?,
                face: money("remedies", face)?,
                cost: money("remedies", cost)?,
            });
        }
    }
    let severity: u8 = c("severity")
        .parse()
        .map_err(|_| "severity: not a number")?;
    let approval = match text("approved_by") {
        None => None,
        Some(by) => Some(Approval {
            by,
            method: match c("approval_method") {
                "pin" => ApprovalMethod::Pin,
                "code" => ApprovalMethod::Code,
                v => return Err(format!("approval_method: unknown value {v:?}")),
            },
            at_ms: time("approved_at")?,
        }),
    };
    let follow_up = match opt_time("follow_up_due")? {
        None => None,
        Some(due_ms) => Some(FollowUp {
            due_ms,
            channel: slug(
                "follow_up_channel",
                c("follow_up_channel"),
                Channel::from_slug,
            )?,
        }),
    };
    let outcome = match opt_time("outcome_at")? {
        None => None,
        Some(recorded_ms) => Some(Outcome {
            recorded_ms,
            csat: opt_u8("csat")?,
            nps: opt_u8("nps")?,
            ces: opt_u8("ces")?,
            resolved: opt_bool("resolved_yes")?,
            retained: opt_bool("retained")?,
            note: c("outcome_note").to_string(),
        }),
    };
    let r = RecoveryRecord {
        schema: RECORD_SCHEMA,
        id: c("id").to_string(),
        opened_ms: time("opened")?,
        resolved_ms: time("resolved")?,
        staff: c("staff").to_string(),
        role: c("role").to_string(),
        incident: Incident {
            failure: slug("failure", c("failure"), FailureType::from_slug)?,
            category: slug("category", c("category"), Category::from_slug)?,
            touchpoint: slug("touchpoint", c("touchpoint"), Touchpoint::from_slug)?,
            channel: slug("channel", c("channel"), Channel::from_slug)?,
            severity: Severity::new(severity).ok_or("severity: not between 1 and 5")?,
            tier: slug("tier", c("tier"), Tier::from_slug)?,
            loss: money("loss", c("loss"))?,
            company_responsible: boolean("company_responsible")?,
            keeps_item: boolean("keeps_item")?,
            prior_failures: c("prior_failures")
                .parse()
                .map_err(|_| "prior_failures: not a number")?,
        },
        steps_done: Vec::new(),
        level: match text("level") {
            None => None,
            Some(l) => Some(slug("level", &l, Level::from_slug)?),
        },
        remedies,
        approval,
        follow_up,
        outcome,
        first_contact: boolean("first_contact")?,
        root_cause: text("root_cause"),
        note: c("note").to_string(),
        practice: boolean("practice")?,
        customer_name: None,
        customer_hash: text("customer_hash"),
        ticket: text("ticket"),
        contact: None,
        customer_locale: None,
    };
    r.validate().map_err(|e| e.to_string())?;
    Ok(r)
}

/// Records as JSON Lines: one record per line, complete (the customer's name included
/// only where staff chose to keep it).
pub fn to_jsonl<'a>(records: impl IntoIterator<Item = &'a RecoveryRecord>) -> String {
    let mut out = String::new();
    for r in records {
        out.push_str(&r.to_json());
        out.push('\n');
    }
    out
}

/// A bad line in an import, numbered from 1.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("line {line}: {error}")]
pub struct LineError {
    pub line: usize,
    pub error: RecordError,
}

/// What an import would do: records to add, and how many are already here.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub add: Vec<RecoveryRecord>,
    /// Same id and same content: nothing to do.
    pub unchanged: usize,
    /// Same id, different content: the record on this device is kept.
    pub conflicts: Vec<String>,
}

/// Validate a JSON Lines file and plan its merge by id. Any bad line rejects the whole
/// file (all bad lines are reported, up to 100). Never panics, whatever the bytes.
pub fn import_jsonl(
    bytes: &[u8],
    existing: &HashMap<String, RecoveryRecord>,
) -> Result<ImportPlan, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut plan = ImportPlan::default();
    let mut in_file: HashMap<String, usize> = HashMap::new();
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    for (n, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = n + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(raw)
            .map_err(|_| RecordError::Malformed("not UTF-8 text".into()))
            .and_then(RecoveryRecord::from_json);
        match parsed {
            Err(error) => {
                if errors.len() < 100 {
                    errors.push(LineError { line, error });
                }
            }
            Ok(r) => {
                if let Some(first) = in_file.get(&r.id) {
                    let same = plan.add.contains(&r) || existing.get(&r.id) == Some(&r);
                    if !same && errors.len() < 100 {
                        errors.push(LineError {
                            line,
                            error: RecordError::Malformed(format!(
                                "id {} already used on line {first} with other content",
                                r.id
                            )),
                        });
                    }
                    continue;
                }
                in_file.insert(r.id.clone(), line);
                match existing.get(&r.id) {
                    Some(e) if *e == r => plan.unchanged += 1,
                    Some(_) => plan.conflicts.push(r.id.clone()),
                    None => plan.add.push(r),
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Backup format version.
pub const BACKUP_SCHEMA: u32 = 1;

/// A staff member known on this device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub role: String,
}

/// Everything on a device, in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub schema: u32,
    pub created_ms: i64,
    pub policy: Policy,
    pub staff: Vec<StaffMember>,
    pub records: Vec<serde_json::Value>,
    pub audit: Vec<AuditEntry>,
}

/// A backup that was read and checked in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedBackup {
    pub policy: Policy,
    pub staff: Vec<StaffMember>,
    pub records: Vec<RecoveryRecord>,
    pub audit: Vec<AuditEntry>,
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
}

impl Backup {
    pub fn new(
        created_ms: i64,
        policy: &Policy,
        staff: &[StaffMember],
        records: &[RecoveryRecord],
        audit: &[AuditEntry],
    ) -> Backup {
        Backup {
            schema: BACKUP_SCHEMA,
            created_ms,
            policy: policy.clone(),
            staff: staff.to_vec(),
            records: records
                .iter()
                .filter_map(|r| serde_json::to_value(r).ok())
                .collect(),
            audit: audit.to_vec(),
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
        Ok(CheckedBackup {
            policy: b.policy,
            staff: b.staff,
            records,
            audit: b.audit,
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
}

/// Merge by id (records), by name (staff) and by content (audit); what is here is kept.
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
    use crate::record::tests::sample;

    #[test]
    fn csv_neutralises_formulas_and_round_trips() {
        let mut r = sample("r1");
        r.note = "=cmd|' /C calc'!A0, \"quoted\"\nnext line".into();
        r.staff = "@Sam".into();
        r.root_cause = Some("'already quoted".into());
        r.steps_done.clear();
        let csv = to_csv([&r]);
        assert!(csv.starts_with("\u{feff}id,opened,"));
        assert!(csv.contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\nnext line\""));
        assert!(csv.contains(",'@Sam,"));
        assert_eq!(from_csv(&csv), Ok(vec![r]));
    }

    #[test]
    fn csv_rejects_foreign_files() {
        assert!(from_csv("a,b\r\n1,2\r\n").is_err());
        assert!(from_csv("").is_err());
        let csv = to_csv([&sample("x")]).replace(",defect,", ",nope,");
        assert_eq!(from_csv(&csv).unwrap_err().line, 2);
    }

    #[test]
    fn jsonl_import_is_all_or_nothing_and_idempotent() {
        let a = sample("a");
        let b = sample("b");
        let file = to_jsonl([&a, &b]);
        let plan = import_jsonl(file.as_bytes(), &HashMap::new()).unwrap();
        assert_eq!(plan.add.len(), 2);
        let here: HashMap<String, RecoveryRecord> =
            plan.add.iter().map(|r| (r.id.clone(), r.clone())).collect();
        let again = import_jsonl(file.as_bytes(), &here).unwrap();
        assert_eq!((again.add.len(), again.unchanged), (0, 2));
        let broken = format!("{}\nnot json\n{{\"schema\":1}}\n", a.to_json());
        let errs = import_jsonl(broken.as_bytes(), &HashMap::new()).unwrap_err();
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 3]);
        assert!(import_jsonl(b"\xff\xfe", &HashMap::new()).is_err());
    }

    #[test]
    fn backup_round_trips_and_merges() {
        let policy = Policy::conservative_retail(Currency::USD);
        let staff = vec![StaffMember {
            name: "Sam".into(),
            role: "associate".into(),
        }];
        let recs = vec![sample("a"), sample("b")];
        let audit = vec![AuditEntry {
            at_ms: 1,
            who: "Mo".into(),
            field: "name".into(),
            old: "x".into(),
            new: "y".into(),
        }];
        let json = Backup::new(5, &policy, &staff, &recs, &audit).to_json();
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
}
