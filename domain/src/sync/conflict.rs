//! The conflict rule (stated in [`super`]): of a record's live revisions, one with an
//! outcome beats one without, the outcome recorded first beats a later one, and a tie goes
//! to CouchDB's own winner. The others become audit entries and their branches are closed.

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::push::cut;
use super::{Rev, SyncError};
use crate::audit::{AuditEntry, Event};
use crate::record::RecoveryRecord;

/// One live revision of a record.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaf {
    pub rev: Rev,
    pub record: RecoveryRecord,
}

/// How a conflict is settled: the revision kept and the ones dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    pub id: String,
    pub keep: Leaf,
    pub dropped: Vec<Leaf>,
}

/// The answer of `GET /{db}/{id}?open_revs=all` (JSON: `[{"ok": doc}, {"missing": rev}]`):
/// the live revisions. A live revision this version cannot read stops the resolution (it
/// could be the one to keep): the conflict stays on the server as it is.
pub fn parse_open_revs(id: &str, answer: &str) -> Result<Vec<Leaf>, SyncError> {
    let v: Value = serde_json::from_str(answer)
        .map_err(|e| SyncError::Unexpected(format!("open_revs: {e}")))?;
    let rows = v
        .as_array()
        .ok_or_else(|| SyncError::Unexpected(format!("open_revs: {}", cut(&v))))?;
    rows.iter()
        .filter_map(|r| r.get("ok"))
        .filter(|doc| doc.get("_deleted") != Some(&Value::Bool(true)))
        .map(|doc| leaf(id, doc))
        .collect()
}

/// The server's current revision of record `id` (`GET /{db}/{id}`), after a `conflict`.
pub fn parse_doc(id: &str, answer: &str) -> Result<Leaf, SyncError> {
    let doc: Value =
        serde_json::from_str(answer).map_err(|e| SyncError::Unexpected(format!("{id}: {e}")))?;
    leaf(id, &doc)
}

fn leaf(id: &str, doc: &Value) -> Result<Leaf, SyncError> {
    let unreadable = || SyncError::ConflictUnreadable(id.to_owned());
    let rev = Rev::of(doc.get("_rev").unwrap_or(&Value::Null)).map_err(|_| unreadable())?;
    let record = doc
        .get("record")
        .and_then(|r| RecoveryRecord::from_value(r.clone()).ok())
        .ok_or_else(unreadable)?;
    Ok(Leaf { rev, record })
}

/// Better first: an outcome, then the earlier outcome, then CouchDB's order.
fn rank(a: &Leaf, b: &Leaf) -> Ordering {
    let at = |l: &Leaf| l.record.outcome.as_ref().map(|o| o.recorded_ms);
    match (at(a), at(b)) {
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (Some(x), Some(y)) if x != y => x.cmp(&y),
        _ => b.rev.cmp(&a.rev),
    }
}

/// Settles a conflict of record `id` (its document id) by the rule.
pub fn resolve(id: &str, mut leaves: Vec<Leaf>) -> Result<Resolution, SyncError> {
    // The best by a scan, not a sort (each sort compiled costs the wasm a few KB).
    let mut best = 0;
    for i in 1..leaves.len() {
        if rank(&leaves[i], &leaves[best]) == Ordering::Less {
            best = i;
        }
    }
    if leaves.is_empty() {
        return Err(SyncError::NoLeaf(id.to_owned()));
    }
    let keep = leaves.remove(best);
    Ok(Resolution {
        id: id.to_owned(),
        keep,
        dropped: leaves,
    })
}

impl Resolution {
    /// One audit entry per dropped revision, with the outcome it carried.
    pub fn audit(&self, at_ms: i64, who: &str) -> Vec<AuditEntry> {
        self.dropped
            .iter()
            .map(|l| {
                AuditEntry::new(
                    at_ms,
                    who,
                    Event::SyncConflict {
                        record: self.keep.record.id.clone(),
                        kept: self.keep.rev.to_string(),
                        dropped: l.rev.to_string(),
                        outcome: l
                            .record
                            .outcome
                            .as_ref()
                            .and_then(|o| serde_json::to_string(o).ok())
                            .unwrap_or_default(),
                    },
                )
            })
            .collect()
    }

    /// `POST /{db}/_bulk_docs` closing the dropped branches (a deletion on each; the store's
    /// validate function lets only a manager's login delete a recovery).
    pub fn prune_body(&self) -> Value {
        let docs: Vec<Value> = self
            .dropped
            .iter()
            .map(|l| json!({ "_id": self.id, "_rev": l.rev.to_string(), "_deleted": true }))
            .collect();
        json!({ "docs": docs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;
    use crate::record::Outcome;

    fn leaf(rev: &str, outcome_at: Option<i64>) -> Leaf {
        let mut record = sample("r1");
        record.outcome = outcome_at.map(|at| Outcome {
            recorded_ms: at,
            csat: Some(if at % 2 == 0 { 5 } else { 2 }),
            nps: None,
            ces: None,
            resolved: Some(true),
            retained: None,
            note: String::new(),
        });
        Leaf {
            rev: Rev::parse(rev).unwrap(),
            record,
        }
    }

    #[test]
    fn the_outcome_recorded_first_is_kept_and_the_other_audited() {
        // CouchDB's winner is 2-b (greater hash); the rule keeps the earlier outcome.
        let first = leaf("2-a", Some(1_000));
        let later = leaf("2-b", Some(2_000));
        let r = resolve("s1:r1", vec![later.clone(), first.clone()]).unwrap();
        assert_eq!(
            (r.keep.clone(), r.dropped.clone()),
            (first.clone(), vec![later.clone()])
        );
        let same = resolve("s1:r1", vec![first.clone(), later.clone()]).unwrap();
        assert_eq!(
            same, r,
            "the order the server lists them in does not matter"
        );
        let audit = r.audit(5_000, "sync");
        assert_eq!(audit.len(), 1);
        let Event::SyncConflict {
            record,
            kept,
            dropped,
            outcome,
        } = &audit[0].event
        else {
            panic!("{audit:?}")
        };
        assert_eq!(
            (record.as_str(), kept.as_str(), dropped.as_str()),
            ("r1", "2-a", "2-b")
        );
        assert!(outcome.contains("\"recorded_ms\":2000"), "{outcome}");
        assert_eq!(
            r.prune_body(),
            json!({ "docs": [{ "_id": "s1:r1", "_rev": "2-b", "_deleted": true }] })
        );
    }

    #[test]
    fn an_outcome_beats_none_and_a_tie_goes_to_couchdbs_winner() {
        let none = leaf("3-z", None);
        let some = leaf("2-a", Some(9));
        assert_eq!(
            resolve("i", vec![none.clone(), some.clone()]).unwrap().keep,
            some
        );
        let (x, y) = (leaf("2-a", Some(7)), leaf("2-c", Some(7)));
        assert_eq!(resolve("i", vec![x.clone(), y.clone()]).unwrap().keep, y);
        let (p, q) = (leaf("2-a", None), leaf("3-a", None));
        assert_eq!(resolve("i", vec![p, q.clone()]).unwrap().keep, q);
        assert_eq!(resolve("i", vec![]), Err(SyncError::NoLeaf("i".into())));
    }

    #[test]
    fn open_revs_are_read_and_an_unreadable_one_stops_the_resolution() {
        let a = leaf("2-a", Some(1));
        let doc = |l: &Leaf| {
            json!({ "_id": "s1:r1", "_rev": l.rev.to_string(), "type": "recovery",
                                     "store": "s1", "record": l.record })
        };
        let answer = json!([{ "ok": doc(&a) },
                            { "ok": { "_id": "s1:r1", "_rev": "3-d", "_deleted": true } },
                            { "missing": "1-x" }]);
        assert_eq!(
            parse_open_revs("s1:r1", &answer.to_string()).unwrap(),
            vec![a.clone()]
        );
        let mut newer = doc(&a);
        newer["record"]["schema"] = json!(7);
        let answer = json!([{ "ok": doc(&a) }, { "ok": newer }]);
        assert_eq!(
            parse_open_revs("s1:r1", &answer.to_string()),
            Err(SyncError::ConflictUnreadable("s1:r1".into()))
        );
        assert!(parse_open_revs("s1:r1", "{}").is_err());
        assert_eq!(parse_doc("s1:r1", &doc(&a).to_string()), Ok(a.clone()));
        assert!(parse_doc("s1:r1", "{}").is_err());
    }
}
