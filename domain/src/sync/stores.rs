//! The stores a login may connect a device to: the server's list (`stores` in
//! `amends-policy`, written by `couch-setup`) filtered by the login's roles.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::Tracked;
use crate::RecoveryRecord;

/// The list's document id in `amends-policy`.
pub const STORES_DOC: &str = "stores";

/// One store the server lists: its id (in database names and roles) and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreEntry {
    pub id: String,
    pub name: String,
}

/// The entries of `doc` (`{"stores": [{id, name}]}`) that `roles` allow: head office (or a
/// server admin) every store, anyone else the stores of their `amends-store:<id>` roles.
/// An entry without a text id is skipped; one without a name is named by its id.
pub fn allowed_stores(doc: &Value, roles: &[String]) -> Vec<StoreEntry> {
    let all = roles
        .iter()
        .any(|r| r == "amends-head-office" || r == "_admin");
    let entries = doc.get("stores").and_then(Value::as_array);
    entries
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let id = e.get("id")?.as_str()?.to_owned();
            let name = e
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(&id)
                .to_owned();
            Some(StoreEntry { id, name })
        })
        .filter(|s| all || roles.iter().any(|r| *r == format!("amends-store:{}", s.id)))
        .collect()
}

/// Records of `store` kept here that its server does not have yet (never sent, not yet
/// accepted, or edited since). Records of a store this device left (`left`: record id ->
/// that store) belong to it and are not counted: they are never sent to another store.
/// A device may leave its store only when this is zero.
pub fn waiting(
    records: &[RecoveryRecord],
    revs: &HashMap<String, Tracked>,
    left: &HashMap<String, String>,
    edits: &HashSet<String>,
    store: &str,
) -> usize {
    (records.iter())
        .filter(|r| left.get(&r.id).is_none_or(|s| s == store))
        .filter(|r| edits.contains(&r.id) || revs.get(&r.id).is_none_or(|t| !t.pushed))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_login_is_offered_its_stores_and_head_office_all() {
        let doc = json!({ "stores": [
            { "id": "store-1", "name": "Harbour Street" }, { "id": "store-2" },
            { "name": "no id" }, 7 ] });
        let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ids = |v: Vec<StoreEntry>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(
            ids(allowed_stores(
                &doc,
                &roles(&["amends-staff", "amends-store:store-2"])
            )),
            ["store-2"]
        );
        assert_eq!(
            ids(allowed_stores(&doc, &roles(&["amends-head-office"]))),
            ["store-1", "store-2"]
        );
        assert!(allowed_stores(&doc, &roles(&["amends-store:store-9"])).is_empty());
        assert!(allowed_stores(&json!({}), &roles(&["amends-head-office"])).is_empty());
        let all = allowed_stores(&doc, &roles(&["_admin"]));
        assert_eq!(
            (all[0].name.as_str(), all[1].name.as_str()),
            ("Harbour Street", "store-2")
        );
    }

    #[test]
    fn what_waits_is_this_stores_unsent_or_edited_records_never_a_left_stores() {
        let records = crate::testdata::generate(5, 1);
        let id = |i: usize| records[i].id.clone();
        let mut sent = Tracked::edited(None, "a".repeat(32));
        sent.mark_pushed();
        let unsent = Tracked::edited(None, "b".repeat(32));
        // 0: sent; 1: sent, edited since; 2: not accepted yet; 3: never sent;
        // 4: a record of store-1, which this device left.
        let revs = HashMap::from([(id(0), sent.clone()), (id(1), sent), (id(2), unsent)]);
        let edits = HashSet::from([id(1)]);
        let left = HashMap::from([(id(4), "store-1".to_owned())]);
        assert_eq!(waiting(&records, &revs, &left, &edits, "store-2"), 3);
        // Back at store-1, its record counts again (it has no revision there any more).
        assert_eq!(waiting(&records, &revs, &left, &edits, "store-1"), 4);
        assert_eq!(
            waiting(&records, &revs, &HashMap::new(), &HashSet::new(), "store-2"),
            3
        );
    }
}
