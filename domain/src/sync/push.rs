//! Pushing a device's edits: ask the server which revisions it lacks (`_revs_diff`), then
//! send those only: new documents with `new_edits: false` (the device's revisions kept as
//! they are), changes to documents the server has as edits of its revision (`_rev`), so
//! that a concurrent change is answered `conflict` and settled by the rule, never
//! overwritten.

use serde_json::{json, Value};

use super::{doc::recovery_doc, Rev, SyncError, Tracked};
use crate::record::RecoveryRecord;

/// The revision offered, the document, and the server's revision it changes.
type Offered = (String, Value, Option<Rev>);

/// The documents a device has that the server may lack, by document id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PushPlan {
    /// Document id, the revision offered, the document, and the server's revision it
    /// changes (`None`: a document the server has never had). A `Vec`, not a map: a
    /// `BTreeMap` collected from an iterator sorts it (a stable sort: +3 KB of wasm).
    docs: Vec<(String, Offered)>,
}

impl PushPlan {
    /// The records of `store` whose revision the server does not have yet.
    pub fn new<'a>(
        store: &str,
        items: impl IntoIterator<Item = (&'a RecoveryRecord, &'a Tracked)>,
    ) -> PushPlan {
        let docs = items
            .into_iter()
            .filter(|(_, t)| !t.pushed)
            .map(|(r, t)| {
                let base = t.server_rev();
                let doc = match &base {
                    None => recovery_doc(store, r, t),
                    Some(rev) => update_doc(store, r, rev),
                };
                let id = doc["_id"].as_str().unwrap_or_default().to_owned();
                (id, (t.rev.to_string(), doc, base))
            })
            .collect();
        PushPlan { docs }
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// `POST /{db}/_revs_diff`: `{ "<id>": ["<rev>"] }`.
    pub fn revs_diff_body(&self) -> Value {
        let mut body = serde_json::Map::new();
        for (id, (rev, _, _)) in &self.docs {
            body.insert(id.clone(), json!([rev]));
        }
        Value::Object(body)
    }

    /// `POST /{db}/_bulk_docs` for the new documents the `_revs_diff` answer says are
    /// missing (`new_edits: false`), and the ids sent.
    pub fn bulk_docs_body(
        &self,
        revs_diff_answer: &str,
    ) -> Result<(Value, Vec<String>), SyncError> {
        let (docs, ids) = self.missing(revs_diff_answer, false)?;
        Ok((json!({ "new_edits": false, "docs": docs }), ids))
    }

    /// `POST /{db}/_bulk_docs` for the changed documents the answer says are missing: each
    /// an edit of the server's revision (answered by [`parse_updates`]).
    pub fn updates_body(&self, revs_diff_answer: &str) -> Result<(Value, Vec<String>), SyncError> {
        let (docs, ids) = self.missing(revs_diff_answer, true)?;
        Ok((json!({ "docs": docs }), ids))
    }

    fn missing(
        &self,
        revs_diff_answer: &str,
        updates: bool,
    ) -> Result<(Vec<Value>, Vec<String>), SyncError> {
        let answer: Value = serde_json::from_str(revs_diff_answer)
            .map_err(|e| SyncError::Unexpected(format!("_revs_diff: {e}")))?;
        let missing = answer
            .as_object()
            .ok_or_else(|| SyncError::Unexpected("_revs_diff: not an object".into()))?;
        let mut docs = Vec::new();
        let mut ids = Vec::new();
        for (id, (rev, doc, base)) in &self.docs {
            if base.is_some() != updates {
                continue;
            }
            let lacks = missing
                .get(id)
                .and_then(|m| m.get("missing"))
                .and_then(Value::as_array)
                .is_some_and(|revs| revs.iter().any(|r| r.as_str() == Some(rev)));
            if lacks {
                docs.push(doc.clone());
                ids.push(id.clone());
            }
        }
        Ok((docs, ids))
    }
}

/// A recovery as an edit of the server's revision `base` (the server names the new one).
pub fn update_doc(store: &str, record: &RecoveryRecord, base: &Rev) -> Value {
    json!({
        "_id": super::doc_id(store, &record.id),
        "_rev": base.to_string(),
        "type": "recovery",
        "store": store,
        "record": super::doc::value_of(&record.to_json()),
    })
}

/// What became of one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// Saved as this revision (the server's name for it).
    Saved {
        id: String,
        rev: Rev,
    },
    /// Another device changed it first: settle by the rule, then write again or take theirs.
    Conflict {
        id: String,
    },
    Refused(Refused),
}

/// The answer to [`PushPlan::updates_body`]: one row per document.
pub fn parse_updates(answer: &str) -> Result<Vec<Written>, SyncError> {
    let rows = bulk_rows(answer)?;
    rows.iter()
        .map(|r| {
            let id = text(r, "id");
            Ok(match r.get("error").and_then(Value::as_str) {
                None => Written::Saved {
                    rev: Rev::parse(&text(r, "rev"))?,
                    id,
                },
                Some("conflict") => Written::Conflict { id },
                Some(error) => Written::Refused(Refused {
                    id,
                    error: error.to_owned(),
                    reason: text(r, "reason"),
                }),
            })
        })
        .collect()
}

/// A document the server refused, with its reason (the validate function's words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub id: String,
    pub error: String,
    pub reason: String,
}

/// The `_bulk_docs` answer: with `new_edits: false` CouchDB lists only the failures.
pub fn parse_bulk_docs(answer: &str) -> Result<Vec<Refused>, SyncError> {
    let rows = bulk_rows(answer)?;
    Ok(rows
        .iter()
        .filter(|r| r.get("error").is_some())
        .map(|r| Refused {
            id: text(r, "id"),
            error: text(r, "error"),
            reason: text(r, "reason"),
        })
        .collect())
}

/// The rows of a `_bulk_docs` answer (an array of objects).
fn bulk_rows(answer: &str) -> Result<Vec<Value>, SyncError> {
    match serde_json::from_str(answer) {
        Ok(Value::Array(rows)) => Ok(rows),
        Ok(v) => Err(SyncError::Unexpected(format!("_bulk_docs: {}", cut(&v)))),
        Err(e) => Err(SyncError::Unexpected(format!("_bulk_docs: {e}"))),
    }
}

/// A row's text field, empty when absent.
fn text(r: &Value, k: &str) -> String {
    r.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The start of an answer, for an error message.
pub(super) fn cut(v: &Value) -> String {
    v.to_string().chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

    #[test]
    fn only_unpushed_records_are_offered_and_only_missing_ones_sent() {
        let (a, b, c) = (sample("a"), sample("b"), sample("c"));
        let ta = Tracked::edited(None, "ha".into());
        let tb = Tracked::edited(None, "hb".into());
        let mut tc = Tracked::edited(None, "hc".into());
        tc.mark_pushed();
        let plan = PushPlan::new("s1", [(&a, &ta), (&b, &tb), (&c, &tc)]);
        assert_eq!(plan.len(), 2);
        assert_eq!(
            plan.revs_diff_body(),
            json!({ "s1:a": ["1-ha"], "s1:b": ["1-hb"] })
        );
        // The server has s1:b already: only s1:a goes.
        let (body, ids) = plan
            .bulk_docs_body(r#"{"s1:a":{"missing":["1-ha"]}}"#)
            .unwrap();
        assert_eq!(ids, ["s1:a"]);
        assert_eq!(body["new_edits"], false);
        assert_eq!(body["docs"].as_array().unwrap().len(), 1);
        assert_eq!(body["docs"][0]["_id"], "s1:a");
        assert_eq!(body["docs"][0]["_revisions"]["ids"], json!(["ha"]));
        let (none, ids) = plan.bulk_docs_body("{}").unwrap();
        assert!(ids.is_empty() && none["docs"] == json!([]));
        assert!(matches!(
            plan.bulk_docs_body("[1]"),
            Err(SyncError::Unexpected(_))
        ));
        assert!(PushPlan::new("s1", [(&c, &tc)]).is_empty());
        assert_eq!(plan.updates_body("{}").unwrap().1, Vec::<String>::new());
    }

    #[test]
    fn a_change_to_a_pushed_record_goes_as_an_edit_of_the_servers_revision() {
        let (mut a, b) = (sample("a"), sample("b"));
        let mut ta = Tracked::edited(None, "ha".into());
        ta.mark_pushed();
        a.note = "outcome".into();
        let ta2 = Tracked::edited(Some(&ta), "ha2".into());
        let tb = Tracked::edited(None, "hb".into());
        let plan = PushPlan::new("s1", [(&a, &ta2), (&b, &tb)]);
        let diff = r#"{"s1:a":{"missing":["2-ha2"]},"s1:b":{"missing":["1-hb"]}}"#;
        let (created, ids) = plan.bulk_docs_body(diff).unwrap();
        assert_eq!(
            (ids, created["docs"][0]["_id"].clone()),
            (vec!["s1:b".to_owned()], json!("s1:b"))
        );
        let (updates, ids) = plan.updates_body(diff).unwrap();
        assert_eq!(ids, ["s1:a"]);
        assert!(updates.get("new_edits").is_none());
        assert_eq!(
            updates["docs"][0]["_rev"], "1-ha",
            "the revision the server has"
        );
        assert!(updates["docs"][0].get("_revisions").is_none());
        assert_eq!(updates["docs"][0]["record"]["note"], "outcome");
        let answer = r#"[{"ok":true,"id":"s1:a","rev":"2-x"},{"id":"s1:c","error":"conflict","reason":"Document update conflict."},{"id":"s1:d","error":"forbidden","reason":"no"}]"#;
        assert_eq!(
            parse_updates(answer).unwrap(),
            [
                Written::Saved {
                    id: "s1:a".into(),
                    rev: Rev::parse("2-x").unwrap()
                },
                Written::Conflict { id: "s1:c".into() },
                Written::Refused(Refused {
                    id: "s1:d".into(),
                    error: "forbidden".into(),
                    reason: "no".into()
                }),
            ]
        );
        assert!(parse_updates(r#"[{"id":"s1:a","rev":"nope"}]"#).is_err());
    }

    #[test]
    fn refusals_keep_the_servers_reason() {
        let answer = r#"[{"id":"s1:a","error":"forbidden","reason":"Only a manager's login can change the store's policy."},{"ok":true,"id":"s1:b","rev":"1-x"}]"#;
        assert_eq!(
            parse_bulk_docs(answer).unwrap(),
            [Refused {
                id: "s1:a".into(),
                error: "forbidden".into(),
                reason: "Only a manager's login can change the store's policy.".into()
            }]
        );
        assert_eq!(parse_bulk_docs("[]").unwrap(), []);
        assert!(parse_bulk_docs(r#"{"error":"unauthorized"}"#).is_err());
        assert!(parse_bulk_docs("<html>").is_err());
    }
}
