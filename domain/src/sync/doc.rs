//! Records and policies as CouchDB documents, in the shape couch/*.js expect: a recovery is
//! `{_id: "<store>:<record id>", type: "recovery", store, record}` (the store's validate
//! function checks the id's prefix and the store field; the chain's views read `record`);
//! a policy is `{_id: "policy:chain" | "policy:store", type: "policy", policy}`.

use serde_json::{json, Value};

use super::Tracked;
use crate::audit::AuditEntry;
use crate::policy::Policy;
use crate::record::RecoveryRecord;

/// The chain's defaults, in `amends-policy`.
pub const CHAIN_POLICY: &str = "policy:chain";
/// A store's tightening of them, in its own database.
pub const STORE_POLICY: &str = "policy:store";

/// `<store>:<record id>`: the chain database is partitioned by store.
pub fn doc_id(store: &str, record_id: &str) -> String {
    format!("{store}:{record_id}")
}

/// The record id in a document id of `store`, if it is one.
pub fn record_id<'a>(store: &str, doc_id: &'a str) -> Option<&'a str> {
    doc_id
        .strip_prefix(store)?
        .strip_prefix(':')
        .filter(|id| !id.is_empty())
}

/// A recovery as pushed with `new_edits: false`: its revision and the revisions before it.
pub fn recovery_doc(store: &str, record: &RecoveryRecord, tracked: &Tracked) -> Value {
    json!({
        "_id": doc_id(store, &record.id),
        "_rev": tracked.rev.to_string(),
        "_revisions": tracked.revisions(),
        "type": "recovery",
        "store": store,
        "record": value_of(&record.to_json()),
    })
}

/// A JSON value from text this crate wrote: through the text serialiser and the value
/// parser the app links anyway (a `serde_json::to_value` of records and policies would
/// compile every `Serialize` again for the value serialiser: +40 KB of wasm).
pub(super) fn value_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// An audit entry as a document of the store (append-only there): the id is the entry's
/// content hash, so two devices writing the same entry write one document.
pub fn audit_doc(store: &str, entry: &AuditEntry) -> Value {
    let body = serde_json::to_string(entry).unwrap_or_default();
    let hash = super::content_hash(None, &body);
    json!({
        "_id": format!("{store}:audit:{hash}"),
        "_rev": format!("1-{hash}"),
        "_revisions": { "start": 1, "ids": [hash] },
        "type": "audit",
        "store": store,
        "entry": value_of(&body),
    })
}

/// A policy document to `PUT` (a manager's or head office's login): `rev` is the
/// revision it replaces, from the last pull.
pub fn policy_doc(id: &str, policy: &Policy, rev: Option<&str>) -> Value {
    let policy = value_of(&policy.to_json());
    let mut doc = json!({ "_id": id, "type": "policy", "policy": policy });
    if let Some(rev) = rev {
        doc["_rev"] = rev.into();
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;
    use crate::sync::Rev;

    #[test]
    fn a_recovery_document_has_what_the_store_validate_function_checks() {
        let r = sample("r1");
        let t = Tracked::edited(None, "h1".into());
        let d = recovery_doc("store-1", &r, &t);
        assert_eq!(d["_id"], "store-1:r1");
        assert_eq!(d["_rev"], "1-h1");
        assert_eq!(d["_revisions"], json!({ "start": 1, "ids": ["h1"] }));
        assert_eq!(d["type"], "recovery");
        assert_eq!(d["store"], "store-1");
        // What the chain's views read.
        assert_eq!(d["record"]["schema"], 2);
        assert_eq!(d["record"]["resolved_ms"], r.resolved_ms);
        assert_eq!(d["record"]["incident"]["category"], "defect");
        assert_eq!(d["record"]["remedies"][0]["cost"]["minor"], 2994);
        assert_eq!(d["record"]["remedies"][0]["cost"]["currency"], "USD");
        assert_eq!(d["record"]["practice"], false);
        assert_eq!(RecoveryRecord::from_value(d["record"].clone()), Ok(r));
        let _ = Rev::parse(d["_rev"].as_str().unwrap()).unwrap();
    }

    #[test]
    fn an_audit_document_is_named_by_its_content() {
        let e = AuditEntry::new(1, "sync", crate::audit::Event::PinChanged);
        let d = audit_doc("s1", &e);
        assert_eq!(d, audit_doc("s1", &e));
        assert!(d["_id"].as_str().unwrap().starts_with("s1:audit:"));
        assert_eq!(
            (d["type"].as_str(), d["store"].as_str()),
            (Some("audit"), Some("s1"))
        );
        let other = AuditEntry::new(2, "sync", crate::audit::Event::PinChanged);
        assert_ne!(audit_doc("s1", &other)["_id"], d["_id"]);
        assert_eq!(AuditEntry::from_json(&d["entry"]), Ok(e));
    }

    #[test]
    fn ids_carry_the_store() {
        assert_eq!(doc_id("s", "r"), "s:r");
        assert_eq!(record_id("s", "s:r"), Some("r"));
        assert_eq!(record_id("s", "s2:r"), None);
        assert_eq!(record_id("s", "s:"), None);
        assert_eq!(record_id("s", "policy:store"), None);
    }

    #[test]
    fn a_policy_document_is_typed_and_carries_its_revision() {
        let p = Policy::conservative_retail(crate::money::Currency::EUR);
        let d = policy_doc(STORE_POLICY, &p, Some("3-x"));
        assert_eq!(
            (d["_id"].as_str(), d["type"].as_str()),
            (Some("policy:store"), Some("policy"))
        );
        assert_eq!(d["_rev"], "3-x");
        assert_eq!(Policy::load(&d["policy"].to_string()), Ok(p.clone()));
        assert!(policy_doc(CHAIN_POLICY, &p, None).get("_rev").is_none());
    }
}
