//! Erasure reaching the server: a customer erased on a device leaves the erased record ids
//! queued; each pass asks the server which of those documents it still holds live
//! (`_all_docs` with `keys`), deletes those as ordinary edits (`_deleted: true` with the
//! server's `_rev`, and who erased), and forgets the ids the server no longer holds live
//! (erased already, or never sent). The same two steps erase the chain database's copy.

use serde_json::{json, Value};

use super::push::cut;
use super::{doc_id, Rev, SyncError};

/// The tombstone's field naming the login that erased (CouchDB keeps a deleted
/// document's fields; the devices that pull it say who erased).
pub const ERASED_BY: &str = "erased_by";

/// `POST /{db}/_all_docs`: the documents of these records of `store`.
pub fn erase_lookup_body(store: &str, record_ids: &[String]) -> Value {
    let keys: Vec<String> = record_ids.iter().map(|id| doc_id(store, id)).collect();
    json!({ "keys": keys })
}

/// What the server holds of the documents asked about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    /// Live documents: their id and the server's revision, to delete.
    pub live: Vec<(String, Rev)>,
    /// Documents the server does not hold live (deleted already, or never there).
    pub gone: Vec<String>,
}

/// Reads the `_all_docs?keys` answer: a row per key, `{id, value: {rev, deleted?}}`, or
/// `{key, error: "not_found"}`.
pub fn parse_erase_lookup(answer: &str) -> Result<Lookup, SyncError> {
    let v: Value = serde_json::from_str(answer)
        .map_err(|e| SyncError::Unexpected(format!("_all_docs: {e}")))?;
    let rows = v
        .get("rows")
        .and_then(Value::as_array)
        .ok_or_else(|| SyncError::Unexpected(format!("_all_docs: {}", cut(&v))))?;
    let mut out = Lookup::default();
    for row in rows {
        let Some(key) = row.get("key").and_then(Value::as_str) else {
            return Err(SyncError::Unexpected(format!("_all_docs: {}", cut(row))));
        };
        let value = row.get("value");
        let deleted = value.and_then(|v| v.get("deleted")) == Some(&Value::Bool(true));
        match value.and_then(|v| v.get("rev")) {
            Some(rev) if !deleted && row.get("error").is_none() => {
                out.live.push((key.to_owned(), Rev::of(rev)?));
            }
            _ => out.gone.push(key.to_owned()),
        }
    }
    Ok(out)
}

/// `POST /{db}/_bulk_docs`: each live document deleted as an edit of the server's
/// revision (answered by [`super::parse_updates`]: saved, conflict or refused).
pub fn tombstones_body(live: &[(String, Rev)], by: &str) -> Value {
    let docs: Vec<Value> = live
        .iter()
        .map(|(id, rev)| {
            json!({ "_id": id, "_rev": rev.to_string(), "_deleted": true, ERASED_BY: by })
        })
        .collect();
    json!({ "docs": docs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::{parse_updates, Written};

    #[test]
    fn live_documents_are_deleted_with_the_servers_revision_and_the_rest_forgotten() {
        let ids = vec!["r1".to_owned(), "r2".into(), "r3".into()];
        assert_eq!(
            erase_lookup_body("s1", &ids),
            json!({ "keys": ["s1:r1", "s1:r2", "s1:r3"] })
        );
        let answer = json!({ "total_rows": 2, "rows": [
            { "id": "s1:r1", "key": "s1:r1", "value": { "rev": "2-a" } },
            { "id": "s1:r2", "key": "s1:r2", "value": { "rev": "3-b", "deleted": true }, "doc": null },
            { "key": "s1:r3", "error": "not_found" },
        ]});
        let l = parse_erase_lookup(&answer.to_string()).unwrap();
        assert_eq!(l.live, [("s1:r1".to_owned(), Rev::parse("2-a").unwrap())]);
        assert_eq!(l.gone, ["s1:r2", "s1:r3"]);
        let body = tombstones_body(&l.live, "store-1-manager");
        assert_eq!(
            body,
            json!({ "docs": [{ "_id": "s1:r1", "_rev": "2-a", "_deleted": true,
                               "erased_by": "store-1-manager" }] })
        );
        // The server's answers: saved, or refused with the validate function's reason.
        let saved = r#"[{"ok":true,"id":"s1:r1","rev":"3-c"}]"#;
        assert!(
            matches!(&parse_updates(saved).unwrap()[0], Written::Saved { id, .. } if id == "s1:r1")
        );
        let refused = r#"[{"id":"s1:r1","error":"forbidden","reason":"Only a manager erases a recovery; audit entries stay."}]"#;
        assert!(
            matches!(&parse_updates(refused).unwrap()[0], Written::Refused(r) if r.reason.contains("manager"))
        );
    }

    #[test]
    fn an_answer_not_shaped_as_couchdbs_is_an_error_not_an_erasure_forgotten() {
        for bad in [
            "nope",
            "{}",
            r#"{"rows":[{"value":{"rev":"1-a"}}]}"#,
            r#"{"rows":[{"key":"s1:r1","value":{"rev":"x"}}]}"#,
        ] {
            assert!(parse_erase_lookup(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_erase_lookup(r#"{"rows":[]}"#).unwrap(),
            Lookup::default()
        );
    }
}
