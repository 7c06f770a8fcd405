//! CSV for spreadsheets.

use thiserror::Error;

use crate::incident::{Category, Channel, FailureType, Incident, Severity, Tier, Touchpoint};
use crate::level::Level;
use crate::money::{Currency, Money};
use crate::record::{Approval, ApprovalMethod, FollowUp, Outcome, RecoveryRecord, RECORD_SCHEMA};
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
    };
    r.validate().map_err(|e| e.to_string())?;
    Ok(r)
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
}
