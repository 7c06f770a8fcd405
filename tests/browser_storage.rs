//! The storage service against the real IndexedDB of headless Chromium.
#![cfg(target_arch = "wasm32")]

use amends::services::storage::{Db, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique(name: &str) -> String {
    format!("test-{name}-{}", js_sys::Math::random())
}

#[wasm_bindgen_test]
async fn records_written_are_read_back_after_reopening() {
    let name = unique("roundtrip");
    let db = Db::open_named(&name, 1).await.expect("opens");
    db.put_records(&[
        ("b".into(), r#"{"schema":1,"n":2}"#.into()),
        ("a".into(), r#"{"schema":1,"n":1}"#.into()),
    ])
    .await
    .expect("writes");
    drop(db);
    let again = Db::open_named(&name, 1).await.expect("reopens");
    let got = again.record_jsons().await.expect("reads");
    assert_eq!(
        got,
        vec![
            ("a".to_owned(), r#"{"schema":1,"n":1}"#.to_owned()),
            ("b".to_owned(), r#"{"schema":1,"n":2}"#.to_owned())
        ]
    );
}

#[wasm_bindgen_test]
async fn writing_the_same_id_twice_keeps_one_record() {
    let db = Db::open_named(&unique("idempotent"), 1).await.unwrap();
    db.put_records(&[("x".into(), "1".into())]).await.unwrap();
    db.put_records(&[("x".into(), "2".into())]).await.unwrap();
    assert_eq!(
        db.record_jsons().await.unwrap(),
        vec![("x".to_owned(), "2".to_owned())]
    );
}

#[wasm_bindgen_test]
async fn settings_and_deletes() {
    let db = Db::open_named(&unique("kv"), 1).await.unwrap();
    assert_eq!(db.kv_get("policy").await.unwrap(), None);
    db.kv_set("policy", "{}").await.unwrap();
    assert_eq!(db.kv_get("policy").await.unwrap().as_deref(), Some("{}"));
    db.put_records(&[("a".into(), "1".into()), ("b".into(), "2".into())])
        .await
        .unwrap();
    db.delete_records(&["a".into()]).await.unwrap();
    assert_eq!(db.record_jsons().await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_delete_and_its_setting_are_written_together() {
    let db = Db::open_named(&unique("erase"), 1).await.unwrap();
    db.put_records(&[("a".into(), "1".into()), ("b".into(), "2".into())])
        .await
        .unwrap();
    db.delete_records_and_set(&["a".into()], &[("audit".into(), "[erased a]".into())])
        .await
        .unwrap();
    assert_eq!(
        db.record_jsons().await.unwrap(),
        vec![("b".to_owned(), "2".to_owned())]
    );
    assert_eq!(
        db.kv_get("audit").await.unwrap().as_deref(),
        Some("[erased a]")
    );
}

#[wasm_bindgen_test]
async fn opening_data_from_a_newer_version_is_a_plain_error() {
    let name = unique("newer");
    let db = Db::open_named(&name, 3).await.unwrap();
    drop(db);
    let err = Db::open_named(&name, 1)
        .await
        .expect_err("older app must not open newer data");
    assert_eq!(err, StorageError::VersionTooNew);
    assert!(err.to_string().contains("newer version of Amends"));
}

#[wasm_bindgen_test]
async fn records_of_an_older_schema_are_migrated_on_open() {
    use amends::hooks::app_state::load_records;
    let db = Db::open_named(&unique("migrate"), 1).await.unwrap();
    let record = amends_domain::testdata::generate(1, 5).remove(0);
    // Schema 1 kept the follow-up as a bare due time and had no first-contact flag.
    let mut v = serde_json::to_value(&record).unwrap();
    let o = v.as_object_mut().unwrap();
    o.insert("schema".into(), 1.into());
    o.remove("first_contact");
    o.remove("follow_up");
    o.insert("follow_up_ms".into(), 1_800_000_000_000_i64.into());
    db.put_records(&[
        (record.id.clone(), v.to_string()),
        ("junk".into(), "{oops".into()),
    ])
    .await
    .unwrap();
    let (records, unreadable) = load_records(&db).await.expect("loads");
    assert_eq!(records.len(), 1);
    assert_eq!(
        unreadable.len(),
        1,
        "a broken entry is kept aside, not fatal"
    );
    assert_eq!(
        (unreadable[0].id.as_str(), unreadable[0].json.as_str()),
        ("junk", "{oops"),
        "kept as stored"
    );
    assert_eq!(
        records[0].follow_up.as_ref().unwrap().due_ms,
        1_800_000_000_000
    );
    let stored = db.record_jsons().await.unwrap();
    let migrated = stored.iter().find(|(id, _)| *id == record.id).unwrap();
    assert!(
        migrated.1.contains("\"schema\":2"),
        "rewritten in the current schema"
    );
    assert!(
        stored
            .iter()
            .any(|(id, json)| id == "junk" && json == "{oops"),
        "junk left untouched"
    );
}
