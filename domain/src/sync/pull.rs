//! Pulling: a `_changes` feed (`style=all_docs&include_docs=true&conflicts=true`) read into
//! what the device merges, and the checkpoint it resumes from. A document this version
//! cannot read (a newer schema, a type it does not know, a record in the wrong store) is
//! kept as it came ([`RawDoc`]) and counted, never dropped.

use serde_json::{json, Value};

use super::push::cut;
use super::{doc::record_id, Rev, SyncError, CHAIN_POLICY, STORE_POLICY};
use crate::audit::AuditEntry;
use crate::policy::Policy;
use crate::record::RecoveryRecord;

/// A document as the server sent it, which this version does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDoc {
    pub id: String,
    pub rev: String,
    /// The document's text, unchanged.
    pub json: String,
    /// Why it is not read (the parser's words, for the log).
    pub why: String,
}

/// One change the feed brought.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// A record, its revision (the server's winner) and the other live revisions, if any
    /// (a conflict: settle it with [`super::resolve`]).
    Recovery {
        record: RecoveryRecord,
        rev: Rev,
        conflicts: Vec<Rev>,
    },
    /// `policy:chain` or `policy:store`, read and validated.
    Policy {
        id: String,
        rev: Rev,
        policy: Policy,
    },
    /// An audit entry of the store (a conflict another device settled, for one).
    Audit { id: String, entry: AuditEntry },
    /// A request for approval, decided or not (approval from anywhere).
    Approval(super::RemoteApproval),
    /// A document deleted on the server (an erasure), and the login that erased it when
    /// the tombstone says.
    Deleted {
        id: String,
        rev: Rev,
        by: Option<String>,
    },
    /// Kept as it came, counted.
    Raw(RawDoc),
}

/// What one `_changes` answer brought.
#[derive(Clone, Debug, PartialEq)]
pub struct Pulled {
    pub incoming: Vec<Incoming>,
    /// Design documents (the server's code, not data).
    pub skipped: usize,
    /// Where the next pull starts: save it as the checkpoint once these are merged.
    pub last_seq: Value,
    /// Changes still waiting on the server after this answer (when it says).
    pub pending: Option<u64>,
}

impl Pulled {
    pub fn unreadable(&self) -> usize {
        self.incoming
            .iter()
            .filter(|i| matches!(i, Incoming::Raw(_)))
            .count()
    }
}

/// The query of a `_changes` request from `since`, at most `limit` changes.
pub fn changes_query(since: &Value, limit: u32) -> String {
    let since = match since {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut q = String::from("style=all_docs&include_docs=true&conflicts=true&limit=");
    q.push_str(&limit.to_string());
    q.push_str("&since=");
    for b in since.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            q.push(b as char);
        } else {
            q.push_str(&format!("%{b:02X}"));
        }
    }
    q
}

/// Reads a `_changes` answer of `store`'s database (or of the policy database).
pub fn parse_changes(store: &str, answer: &str) -> Result<Pulled, SyncError> {
    let v: Value = serde_json::from_str(answer)
        .map_err(|e| SyncError::Unexpected(format!("_changes: {e}")))?;
    let (Some(results), Some(last_seq)) = (
        v.get("results").and_then(Value::as_array),
        v.get("last_seq"),
    ) else {
        return Err(SyncError::Unexpected(format!("_changes: {}", cut(&v))));
    };
    let mut pulled = Pulled {
        incoming: Vec::with_capacity(results.len()),
        skipped: 0,
        last_seq: last_seq.clone(),
        pending: v.get("pending").and_then(Value::as_u64),
    };
    for change in results {
        let id = change.get("id").and_then(Value::as_str).unwrap_or_default();
        if id.starts_with("_design/") {
            pulled.skipped += 1;
            continue;
        }
        pulled.incoming.push(read_change(store, id, change));
    }
    Ok(pulled)
}

fn read_change(store: &str, id: &str, change: &Value) -> Incoming {
    let doc = change.get("doc").unwrap_or(&Value::Null);
    let raw = |why: String| {
        Incoming::Raw(RawDoc {
            id: id.to_owned(),
            rev: doc
                .get("_rev")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            json: doc.to_string(),
            why,
        })
    };
    let rev = match Rev::of(doc.get("_rev").unwrap_or(&Value::Null)) {
        Ok(rev) => rev,
        Err(e) => return raw(e.to_string()),
    };
    if change.get("deleted") == Some(&Value::Bool(true))
        || doc.get("_deleted") == Some(&Value::Bool(true))
    {
        return Incoming::Deleted {
            id: id.to_owned(),
            rev,
            by: (doc.get(super::ERASED_BY).and_then(Value::as_str))
                .filter(|b| !b.is_empty())
                .map(|b| b.chars().take(100).collect()),
        };
    }
    match doc.get("type").and_then(Value::as_str) {
        Some("recovery") => {
            if doc.get("store").and_then(Value::as_str) != Some(store) {
                return raw(format!("a recovery of another store in {store}'s database"));
            }
            let record = match doc
                .get("record")
                .map(|r| RecoveryRecord::from_value(r.clone()))
            {
                Some(Ok(r)) => r,
                Some(Err(e)) => return raw(e.to_string()),
                None => return raw("a recovery without its record".into()),
            };
            if record_id(store, id) != Some(record.id.as_str()) {
                return raw(format!("the id does not name record {}", record.id));
            }
            let conflicts = doc
                .get("_conflicts")
                .and_then(Value::as_array)
                .map(|c| c.iter().filter_map(|r| Rev::of(r).ok()).collect())
                .unwrap_or_default();
            Incoming::Recovery {
                record,
                rev,
                conflicts,
            }
        }
        Some("policy") if id == CHAIN_POLICY || id == STORE_POLICY => {
            match doc.get("policy").map(|p| Policy::load(&p.to_string())) {
                Some(Ok(policy)) => Incoming::Policy {
                    id: id.to_owned(),
                    rev,
                    policy,
                },
                Some(Err(e)) => raw(e.to_string()),
                None => raw("a policy document without its policy".into()),
            }
        }
        Some("audit") if doc.get("store").and_then(Value::as_str) == Some(store) => {
            match doc.get("entry").map(AuditEntry::from_json) {
                Some(Ok(entry)) => Incoming::Audit {
                    id: id.to_owned(),
                    entry,
                },
                Some(Err(e)) => raw(e),
                None => raw("an audit document without its entry".into()),
            }
        }
        Some("approval-request") => match super::parse_approval(store, doc) {
            Ok(a) => Incoming::Approval(a),
            Err(e) => raw(e),
        },
        other => raw(format!(
            "a document of type \"{}\" is not read by this version",
            other.unwrap_or_default()
        )),
    }
}

/// The id of a device's checkpoint for one database (`_local/<this>`): one per device and
/// database, so two tablets of a store never share one.
pub fn replication_id(device: &str, db: &str) -> String {
    format!("amends-{device}-{db}")
}

/// The body of `PUT /{db}/_local/<replication id>`.
pub fn checkpoint_doc(last_seq: &Value, rev: Option<&str>) -> Value {
    let mut doc = json!({ "last_seq": last_seq });
    if let Some(rev) = rev {
        doc["_rev"] = rev.into();
    }
    doc
}

/// A checkpoint document: its `last_seq` and revision (to replace it).
pub fn parse_checkpoint(answer: &str) -> Result<(Value, Option<String>), SyncError> {
    let v: Value = serde_json::from_str(answer)
        .map_err(|e| SyncError::Unexpected(format!("checkpoint: {e}")))?;
    let seq = v
        .get("last_seq")
        .cloned()
        .ok_or_else(|| SyncError::Unexpected(format!("checkpoint: {}", cut(&v))))?;
    Ok((
        seq,
        v.get("_rev").and_then(Value::as_str).map(str::to_owned),
    ))
}

/// Where a pull starts: the checkpoint when the device's and the server's agree, else the
/// beginning (as CouchDB's replicator does: a device that lost its data, or a server that
/// was restored, must not skip changes).
pub fn resume_from(local: Option<&Value>, remote: Option<&Value>) -> Value {
    match (local, remote) {
        (Some(l), Some(r)) if l == r => l.clone(),
        _ => json!(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;
    use crate::sync::{doc::recovery_doc, policy_doc, Tracked};

    fn change(seq: u64, doc: Value) -> Value {
        json!({ "seq": seq, "id": doc["_id"], "changes": [{ "rev": doc["_rev"] }], "doc": doc })
    }

    #[test]
    fn a_feed_becomes_records_policies_deletions_and_kept_raw_documents() {
        let rec = sample("r1");
        let mut conflicted = recovery_doc("s1", &sample("r2"), &Tracked::edited(None, "b".into()));
        conflicted["_conflicts"] = json!(["1-a"]);
        let mut too_new = recovery_doc("s1", &sample("r3"), &Tracked::edited(None, "c".into()));
        too_new["record"]["schema"] = json!(9);
        let foreign = recovery_doc("s2", &sample("r4"), &Tracked::edited(None, "d".into()));
        let mut misnamed = recovery_doc("s1", &sample("r5"), &Tracked::edited(None, "e".into()));
        misnamed["_id"] = json!("s1:other");
        let policy = crate::policy::Policy::conservative_retail(crate::money::Currency::EUR);
        let mut pdoc = policy_doc(STORE_POLICY, &policy, None);
        pdoc["_rev"] = json!("4-p");
        let mut bad_policy = policy_doc(CHAIN_POLICY, &policy, None);
        bad_policy["_rev"] = json!("1-q");
        bad_policy["policy"]["schema"] = json!(99);
        let feed = json!({
            "results": [
                change(1, recovery_doc("s1", &rec, &Tracked::edited(None, "a".into()))),
                change(2, conflicted),
                change(3, too_new),
                change(4, foreign),
                change(5, misnamed),
                change(6, pdoc),
                change(7, bad_policy),
                change(8, json!({ "_id": "s1:a1", "_rev": "1-z", "type": "approval-request", "store": "s1" })),
                json!({ "seq": 9, "id": "s1:gone", "deleted": true,
                        "changes": [{ "rev": "2-g" }], "doc": { "_id": "s1:gone", "_rev": "2-g", "_deleted": true,
                        "erased_by": "s1-manager" } }),
                change(10, json!({ "_id": "_design/amends", "_rev": "1-d" })),
            ],
            "last_seq": 10,
            "pending": 3
        });
        let p = parse_changes("s1", &feed.to_string()).unwrap();
        assert_eq!(
            (p.last_seq.clone(), p.pending, p.skipped),
            (json!(10), Some(3), 1)
        );
        assert_eq!(p.incoming.len(), 9);
        assert_eq!(p.unreadable(), 5, "{:#?}", p.incoming);
        assert!(
            matches!(&p.incoming[0], Incoming::Recovery { record, rev, conflicts }
            if record == &rec && rev.to_string() == "1-a" && conflicts.is_empty())
        );
        assert!(
            matches!(&p.incoming[1], Incoming::Recovery { conflicts, .. }
            if conflicts == &[Rev::parse("1-a").unwrap()])
        );
        let Incoming::Raw(raw) = &p.incoming[2] else {
            panic!()
        };
        assert_eq!((raw.id.as_str(), raw.rev.as_str()), ("s1:r3", "1-c"));
        assert!(raw.why.contains("newer"), "{}", raw.why);
        assert!(raw.json.contains("\"schema\":9"), "kept as it came");
        assert!(matches!(&p.incoming[3], Incoming::Raw(r) if r.why.contains("another store")));
        assert!(matches!(&p.incoming[4], Incoming::Raw(r) if r.why.contains("does not name")));
        assert!(
            matches!(&p.incoming[5], Incoming::Policy { id, policy: got, .. }
            if id == STORE_POLICY && got == &policy)
        );
        assert!(matches!(&p.incoming[6], Incoming::Raw(r) if r.id == CHAIN_POLICY));
        assert!(
            matches!(&p.incoming[7], Incoming::Raw(r) if r.why.contains("request for approval")),
            "a request without its request is kept raw"
        );
        assert!(matches!(&p.incoming[8], Incoming::Deleted { id, by, .. }
            if id == "s1:gone" && by.as_deref() == Some("s1-manager")));
        assert!(parse_changes("s1", "{\"rows\":[]}").is_err());
        let entry = crate::audit::AuditEntry::new(1, "sync", crate::audit::Event::PinChanged);
        let mut newer = crate::sync::audit_doc("s1", &entry);
        newer["entry"]["schema"] = json!(99);
        let feed = json!({ "results": [change(1, crate::sync::audit_doc("s1", &entry)), change(2, newer)],
                           "last_seq": 2 });
        let p = parse_changes("s1", &feed.to_string()).unwrap();
        assert!(matches!(&p.incoming[0], Incoming::Audit { entry: e, .. } if *e == entry));
        assert!(matches!(&p.incoming[1], Incoming::Raw(r) if r.why.contains("newer")));
        assert!(parse_changes("s1", "nope").is_err());
        // A request for approval is read, not kept raw.
        let req = crate::sync::approval::tests::request();
        let id = crate::sync::approval_id("s1", req.requested_at_ms, "n");
        let mut doc = crate::sync::request_doc("s1", &id, &req);
        doc["_rev"] = json!("1-r");
        let p = parse_changes(
            "s1",
            &json!({ "results": [change(1, doc)], "last_seq": 1 }).to_string(),
        )
        .unwrap();
        assert!(matches!(&p.incoming[0], Incoming::Approval(a) if a.request == req && a.id == id));
    }

    #[test]
    fn a_pull_resumes_only_where_both_sides_agree() {
        let seq = json!("12-g1AAA");
        assert_eq!(resume_from(Some(&seq), Some(&seq)), seq);
        assert_eq!(resume_from(Some(&seq), Some(&json!("11-x"))), json!(0));
        assert_eq!(
            resume_from(None, Some(&seq)),
            json!(0),
            "a device that lost its data"
        );
        assert_eq!(resume_from(Some(&seq), None), json!(0));
        assert_eq!(
            replication_id("dev1", "amends-store-s1"),
            "amends-dev1-amends-store-s1"
        );
        let doc = checkpoint_doc(&seq, Some("0-1"));
        assert_eq!(doc, json!({ "last_seq": "12-g1AAA", "_rev": "0-1" }));
        assert_eq!(
            parse_checkpoint(&doc.to_string()).unwrap(),
            (seq, Some("0-1".into()))
        );
        assert!(parse_checkpoint("{}").is_err());
    }

    #[test]
    fn the_since_value_is_sent_as_the_server_gave_it() {
        assert_eq!(
            changes_query(&json!(0), 500),
            "style=all_docs&include_docs=true&conflicts=true&limit=500&since=0"
        );
        assert!(changes_query(&json!("7-g1A=b"), 1).ends_with("&since=7-g1A%3Db"));
    }
}
