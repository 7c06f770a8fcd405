//! The store's secrets on its server: `secret:store` in the store's database (written by a
//! manager's login only: `couch/store.validate_doc_update.js`), `{type: "secret", schema,
//! pin, approval_key}`: the manager PIN's record as a device stores it (salted hash, never
//! the PIN) and the key one-time approval codes are made with. Every device of the store
//! uses them in place of its own; one this version cannot read is kept raw and the device
//! keeps its own (fail closed).

use serde_json::{json, Value};

/// The document's id in the store's database.
pub const STORE_SECRET: &str = "secret:store";
/// The version of the document this code writes and reads.
const SECRET_SCHEMA: u64 = 1;

/// The store's secrets as the server holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secret {
    /// The PIN record's JSON text (the app reads it as its PIN record).
    pub pin: String,
    /// 64 hex digits.
    pub approval_key: String,
    /// The login that wrote it, when the document says.
    pub by: Option<String>,
}

/// The document to `PUT` (a manager's login, `by`): `rev` is the revision it replaces.
pub fn secret_doc(pin: &str, approval_key: &str, by: &str, rev: Option<&str>) -> Value {
    let pin = super::doc::value_of(pin);
    let mut doc = json!({ "_id": STORE_SECRET, "type": "secret", "schema": SECRET_SCHEMA,
                          "pin": pin, "approval_key": approval_key, "by": by });
    if let Some(rev) = rev {
        doc["_rev"] = rev.into();
    }
    doc
}

/// Reads `secret:store`; an error says why it is not used (in the parser's words).
pub fn parse_secret(doc: &Value) -> Result<Secret, String> {
    if doc.get("type").and_then(Value::as_str) != Some("secret") {
        return Err("secret:store is not of type \"secret\"".into());
    }
    match doc.get("schema").and_then(Value::as_u64) {
        Some(SECRET_SCHEMA) => {}
        Some(n) if n > SECRET_SCHEMA => {
            return Err(format!(
                "secret:store has schema {n}, newer than this version reads"
            ))
        }
        _ => return Err("secret:store has no schema this version reads".into()),
    }
    let pin = match doc.get("pin") {
        Some(p @ Value::Object(_)) => p.to_string(),
        _ => return Err("secret:store has no PIN record".into()),
    };
    let key = doc
        .get("approval_key")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("secret:store's approval key is not 64 hex digits".into());
    }
    Ok(Secret {
        pin,
        approval_key: key.to_ascii_lowercase(),
        by: (doc.get("by").and_then(Value::as_str))
            .filter(|b| !b.is_empty())
            .map(|b| b.chars().take(100).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIN: &str = r#"{"schema":1,"salt_hex":"aa","iterations":3,"hash_hex":"bb"}"#;

    #[test]
    fn a_secret_document_round_trips_and_carries_its_revision() {
        let key = "ab".repeat(32);
        let d = secret_doc(PIN, &key, "s1-manager", Some("2-x"));
        assert_eq!(
            (d["_id"].as_str(), d["type"].as_str(), d["_rev"].as_str()),
            (Some(STORE_SECRET), Some("secret"), Some("2-x"))
        );
        let s = parse_secret(&d).unwrap();
        assert_eq!(s.approval_key, key);
        assert_eq!(s.by.as_deref(), Some("s1-manager"));
        assert_eq!(
            serde_json::from_str::<Value>(&s.pin).unwrap(),
            serde_json::from_str::<Value>(PIN).unwrap()
        );
        assert!(secret_doc(PIN, &key, "m", None).get("_rev").is_none());
    }

    #[test]
    fn a_secret_this_version_cannot_read_is_refused_with_its_reason() {
        let good = secret_doc(PIN, &"ab".repeat(32), "m", None);
        let with = |k: &str, v: Value| {
            let mut d = good.clone();
            d[k] = v;
            d
        };
        for (doc, why) in [
            (with("schema", json!(2)), "newer"),
            (with("schema", json!(null)), "no schema"),
            (with("type", json!("policy")), "type"),
            (with("pin", json!("1234")), "PIN record"),
            (with("approval_key", json!("abc")), "64 hex"),
            (with("approval_key", json!("zz".repeat(32))), "64 hex"),
        ] {
            let e = parse_secret(&doc).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }
}
