//! JSON Lines: complete records out, and all-or-nothing imports back in.

use std::collections::HashMap;

use thiserror::Error;

use crate::record::{RecordError, RecoveryRecord};

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

impl ImportPlan {
    /// How many records to add were opened before `cutoff_ms` (see
    /// [`crate::retention::cutoff_ms`]): past the retention period, so the next retention
    /// run removes them again. The plan says so before anything is written.
    pub fn older_than(&self, cutoff_ms: i64) -> usize {
        self.add.iter().filter(|r| r.opened_ms < cutoff_ms).count()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

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

    /// Issue 11 #14: an import of records past the retention period says so in its plan.
    #[test]
    fn the_plan_counts_records_past_retention() {
        let mut old = sample("old");
        old.opened_ms = 1_000;
        old.resolved_ms = 1_000;
        let new = sample("new");
        let file = to_jsonl([&old, &new]);
        let plan = import_jsonl(file.as_bytes(), &HashMap::new()).unwrap();
        let cutoff = crate::retention::cutoff_ms(24, new.opened_ms);
        assert!(old.opened_ms < cutoff && new.opened_ms >= cutoff);
        assert_eq!(plan.older_than(cutoff), 1);
        assert_eq!(plan.older_than(i64::MIN), 0);
    }
}
