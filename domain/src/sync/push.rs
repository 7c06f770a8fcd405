//! Pushing a device's edits: ask the server which revisions it lacks (`_revs_diff`), then
//! send those only (`_bulk_docs` with `new_edits: false`, so the device's revisions are
//! kept as they are and a concurrent edit becomes a conflict, never an overwrite).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{doc::recovery_doc, SyncError, Tracked};
use crate::record::RecoveryRecord;

/// The documents a device has that the server may lack, by document id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PushPlan {
    docs: BTreeMap<String, (String, Value)>,
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
                let doc = recovery_doc(store, r, t);
                let id = doc["_id"].as_str().unwrap_or_default().to_owned();
                (id, (t.rev.to_string(), doc))
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
        Value::Object(
            self.docs
                .iter()
                .map(|(id, (rev, _))| (id.clone(), json!([rev])))
                .collect(),
        )
    }

    /// `POST /{db}/_bulk_docs` for what the `_revs_diff` answer says is missing, and the
    /// ids sent (all others the server had already).
    pub fn bulk_docs_body(
        &self,
        revs_diff_answer: &str,
    ) -> Result<(Value, Vec<String>), SyncError> {
        let answer: Value = serde_json::from_str(revs_diff_answer)
            .map_err(|e| SyncError::Unexpected(format!("_revs_diff: {e}")))?;
        let missing = answer
            .as_object()
            .ok_or_else(|| SyncError::Unexpected("_revs_diff: not an object".into()))?;
        let mut docs = Vec::new();
        let mut ids = Vec::new();
        for (id, (rev, doc)) in &self.docs {
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
        Ok((json!({ "new_edits": false, "docs": docs }), ids))
    }
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
    let v: Value = serde_json::from_str(answer)
        .map_err(|e| SyncError::Unexpected(format!("_bulk_docs: {e}")))?;
    let rows = v
        .as_array()
        .ok_or_else(|| SyncError::Unexpected(format!("_bulk_docs: {}", cut(&v))))?;
    let text = |r: &Value, k: &str| {
        r.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
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
