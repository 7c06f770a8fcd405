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
