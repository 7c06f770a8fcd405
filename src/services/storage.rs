//! The only code that touches IndexedDB and localStorage: durable records, settings, drafts.
//!
//! Layout (IndexedDB database `amends`, version [`DB_VERSION`]):
//! - store `records`, key path `id`: one object `{ id, json }` per recovery record, where
//!   `json` is the domain's versioned JSON (its `schema` field says which version);
//! - store `kv`, out-of-line string keys: policy, staff list, PIN hash, audit log, settings.
//!
//! A write resolves only after its transaction has *completed*, which is IndexedDB's
//! durability point: the UI says "Logged" only after that. The draft of the recovery
//! being typed lives in localStorage instead, written synchronously on every change,
//! so a crash or a closed tab cannot lose the last keystrokes.
//! Other tabs hear about new records on the `amends` BroadcastChannel.

/// IndexedDB schema version; bump it and extend `upgrade` to add stores or indexes.
pub const DB_VERSION: u32 = 1;
pub const DB_NAME: &str = "amends";
#[cfg(target_arch = "wasm32")]
const RECORDS: &str = "records";
#[cfg(target_arch = "wasm32")]
const KV: &str = "kv";
const DRAFT_KEY: &str = "amends.draft";
#[cfg(target_arch = "wasm32")]
const CHANNEL: &str = "amends";

/// Why storage failed, in words a shop-floor user can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("This browser is not keeping data for Amends (private browsing, or storage is turned off). Download the record so it is not lost.")]
    Unavailable,
    #[error("The device has no room left for Amends' data. Download the record so it is not lost, then free some space.")]
    QuotaExceeded,
    #[error("Another Amends tab is still using an older version of the data. Close the other Amends tabs, then try again.")]
    Blocked,
    #[error("This device holds data from a newer version of Amends. Reload the page to update.")]
    VersionTooNew,
    #[error("Saving failed: {0}")]
    Failed(String),
    #[error("A stored entry could not be read ({0}); it was left untouched.")]
    Corrupt(String),
    /// A guarded write found its key changed since the data was read (another tab saved).
    #[error("Not saved: this was changed in another tab ({0}).")]
    ChangedElsewhere(String),
    /// First-run setup found a manager PIN already stored (another tab set the device up).
    #[error("This device was set up meanwhile, in another tab.")]
    AlreadySetUp,
    /// The browser aborted the write's transaction: nothing of it was stored.
    #[error("The browser cancelled the write; nothing was saved.")]
    Aborted,
}

/// Records `(id, json)` and settings `(key, value)` to write in one transaction.
pub type Batch = (Vec<(String, String)>, Vec<(String, String)>);

/// A guarded write found `guards[index]` changed: storage holds `now` there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    pub index: usize,
    pub now: Option<String>,
}

/// An open connection to the app's database. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    #[cfg(target_arch = "wasm32")]
    inner: std::rc::Rc<idb::Database>,
}

impl PartialEq for Db {
    fn eq(&self, _other: &Self) -> bool {
        #[cfg(target_arch = "wasm32")]
        {
            std::rc::Rc::ptr_eq(&self.inner, &_other.inner)
        }
        #[cfg(not(target_arch = "wasm32"))]
        true
    }
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Db")
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Db {
    pub async fn open() -> Result<Db, StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn open_named(_name: &str, _version: u32) -> Result<Db, StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn put_records(&self, _items: &[(String, String)]) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn record_jsons(&self) -> Result<Vec<(String, String)>, StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn delete_records(&self, _ids: &[String]) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn delete_records_and_set(
        &self,
        _ids: &[String],
        _kv: &[(String, String)],
    ) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn kv_get(&self, _key: &str) -> Result<Option<String>, StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn write_clearing(
        &self,
        _records: &[(String, String)],
        _kv: &[(String, String)],
        _clear: &[String],
    ) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn kv_set(&self, _key: &str, _value: &str) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    #[cfg(feature = "chain")]
    pub async fn write_deleting(
        &self,
        _records: &[(String, String)],
        _delete: &[String],
        _kv: &[(String, String)],
        _clear: &[String],
    ) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn write_batch(
        &self,
        _records: &[(String, String)],
        _kv: &[(String, String)],
    ) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn write_if(
        &self,
        _guards: &[(&str, Option<&str>)],
        _records: &[(String, String)],
        _kv: &[(String, String)],
    ) -> Result<Result<(), Changed>, StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn update(
        &self,
        _keys: &[&str],
        _f: &mut dyn FnMut(Vec<Option<String>>) -> Option<Batch>,
    ) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn read(&self, _keys: &[&str]) -> Result<Vec<Option<String>>, StorageError> {
        Err(StorageError::Unavailable)
    }
    pub async fn kv_prefixed(&self, _prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
        Err(StorageError::Unavailable)
    }
}

#[cfg(target_arch = "wasm32")]
impl Db {
    /// Opens (creating or upgrading) the app's database.
    pub async fn open() -> Result<Db, StorageError> {
        Self::open_named(DB_NAME, DB_VERSION).await
    }

    /// Opens a database by name and version; tests use their own names.
    pub async fn open_named(name: &str, version: u32) -> Result<Db, StorageError> {
        use idb::{DatabaseEvent, Factory, ObjectStoreParams};
        use std::cell::Cell;
        use std::rc::Rc;

        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        let mut request = factory.open(name, Some(version)).map_err(map_err)?;
        let blocked = Rc::new(Cell::new(false));
        let flag = blocked.clone();
        request.on_blocked(move |_| flag.set(true));
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            let old = event.old_version().unwrap_or(0);
            // Version 1: the two stores. Later versions add steps below, never edit this one.
            if old < 1 {
                let mut params = ObjectStoreParams::new();
                params.key_path(Some(idb::KeyPath::new_single("id")));
                let _ = db.create_object_store(RECORDS, params);
                let _ = db.create_object_store(KV, ObjectStoreParams::new());
            }
        });
        match request.await {
            Ok(db) => {
                let mut db = db;
                // Another tab asks for a newer version: step aside so it can upgrade.
                db.on_version_change(|event| {
                    if let Ok(db) = idb::Database::try_from(
                        event
                            .target()
                            .map(wasm_bindgen::JsValue::from)
                            .unwrap_or_default(),
                    ) {
                        db.close();
                    }
                });
                Ok(Db { inner: Rc::new(db) })
            }
            Err(_) if blocked.get() => Err(StorageError::Blocked),
            Err(e) => Err(map_err(e)),
        }
    }

    async fn run<T>(
        &self,
        stores: &[&str],
        body: impl FnOnce(&idb::Transaction) -> Result<T, idb::Error>,
    ) -> Result<T, StorageError> {
        let tx = self
            .inner
            .transaction(stores, idb::TransactionMode::ReadWrite)
            .map_err(map_err)?;
        let out = match body(&tx) {
            Ok(out) => out,
            Err(e) => {
                let _ = tx.abort();
                return Err(map_err(e));
            }
        };
        match tx.await {
            Ok(idb::TransactionResult::Committed) => Ok(out),
            Ok(idb::TransactionResult::Aborted) => Err(StorageError::Aborted),
            Err(e) => Err(map_err(e)),
        }
    }

    /// Writes records `(id, json)` in one transaction: all or none, durable on return.
    pub async fn put_records(&self, items: &[(String, String)]) -> Result<(), StorageError> {
        self.write_batch(items, &[]).await
    }

    /// Writes records and settings together in one transaction: all or none.
    pub async fn write_batch(
        &self,
        records: &[(String, String)],
        kv: &[(String, String)],
    ) -> Result<(), StorageError> {
        // The chain build links one writer (sync deletes records too), not two.
        #[cfg(feature = "chain")]
        return self.write_deleting(records, &[], kv, &[]).await;
        #[cfg(not(feature = "chain"))]
        self.write_clearing(records, kv, &[]).await
    }

    /// Writes records and settings and removes the settings `clear`, in one transaction
    /// (sync: pulled records with their revisions and checkpoint; edit marks cleared).
    pub async fn write_clearing(
        &self,
        records: &[(String, String)],
        kv: &[(String, String)],
        clear: &[String],
    ) -> Result<(), StorageError> {
        self.run(&[RECORDS, KV], |tx| {
            let store = tx.object_store(RECORDS)?;
            for (id, json) in records {
                let _ = store.put(&record_object(id, json), None)?;
            }
            let store = tx.object_store(KV)?;
            for key in clear {
                let _ = store.delete(wasm_bindgen::JsValue::from_str(key))?;
            }
            for (key, value) in kv {
                let _ = store.put(&value.into(), Some(&key.into()))?;
            }
            Ok(())
        })
        .await
    }

    /// Chain sync: writes records, deletes records `delete` (an erasure pulled from the
    /// store) and the settings `clear` (their revisions, marks, raw copies), and writes
    /// settings, in one transaction.
    #[cfg(feature = "chain")]
    pub async fn write_deleting(
        &self,
        records: &[(String, String)],
        delete: &[String],
        kv: &[(String, String)],
        clear: &[String],
    ) -> Result<(), StorageError> {
        self.run(&[RECORDS, KV], |tx| {
            let store = tx.object_store(RECORDS)?;
            for (id, json) in records {
                let _ = store.put(&record_object(id, json), None)?;
            }
            for id in delete {
                let _ = store.delete(wasm_bindgen::JsValue::from_str(id))?;
            }
            let store = tx.object_store(KV)?;
            for key in clear {
                let _ = store.delete(wasm_bindgen::JsValue::from_str(key))?;
            }
            for (key, value) in kv {
                let _ = store.put(&value.into(), Some(&key.into()))?;
            }
            Ok(())
        })
        .await
    }

    /// Writes records and settings in one transaction only if each setting `guards[i].0`
    /// still holds `guards[i].1` (read in the same transaction, so no other tab can write
    /// between). `Ok(Err(changed))`: nothing written, a guard holds something else now.
    pub async fn write_if(
        &self,
        guards: &[(&str, Option<&str>)],
        records: &[(String, String)],
        kv: &[(String, String)],
    ) -> Result<Result<(), Changed>, StorageError> {
        let keys: Vec<&str> = guards.iter().map(|g| g.0).collect();
        let mut out = Ok(());
        self.update(&keys, &mut |now| {
            let changed = now
                .into_iter()
                .enumerate()
                .find(|(i, v)| v.as_deref() != guards[*i].1);
            match changed {
                Some((index, now)) => {
                    out = Err(Changed { index, now });
                    None
                }
                None => Some((records.to_vec(), kv.to_vec())),
            }
        })
        .await?;
        Ok(out)
    }

    /// Settings by key, read together in one transaction (a consistent snapshot).
    pub async fn read(&self, keys: &[&str]) -> Result<Vec<Option<String>>, StorageError> {
        let mut out = Vec::new();
        self.update(keys, &mut |now| {
            out = now;
            None
        })
        .await?;
        Ok(out)
    }

    /// Reads the settings `keys` and hands their values to `f` inside one readwrite
    /// transaction, then writes the batch `f` returns (all or none, durable on return): a
    /// read-modify-write no other tab can come between. `f` returning `None` writes nothing.
    pub async fn update(
        &self,
        keys: &[&str],
        f: &mut dyn FnMut(Vec<Option<String>>) -> Option<Batch>,
    ) -> Result<(), StorageError> {
        let tx = self
            .inner
            .transaction(&[RECORDS, KV], idb::TransactionMode::ReadWrite)
            .map_err(map_err)?;
        let kv_store = tx.object_store(KV).map_err(map_err)?;
        let mut now = Vec::with_capacity(keys.len());
        for key in keys {
            now.push(
                kv_store
                    .get(wasm_bindgen::JsValue::from_str(key))
                    .map_err(map_err)?
                    .await
                    .map_err(map_err)?
                    .and_then(|v| v.as_string()),
            );
        }
        let Some((records, kv)) = f(now) else {
            let _ = tx.abort();
            return Ok(());
        };
        let written = (|| -> Result<(), idb::Error> {
            let store = tx.object_store(RECORDS)?;
            for (id, json) in &records {
                let _ = store.put(&record_object(id, json), None)?;
            }
            for (key, value) in &kv {
                let _ = kv_store.put(&value.into(), Some(&key.into()))?;
            }
            Ok(())
        })();
        if let Err(e) = written {
            let _ = tx.abort();
            return Err(map_err(e));
        }
        match tx.await {
            Ok(idb::TransactionResult::Committed) => Ok(()),
            Ok(idb::TransactionResult::Aborted) => Err(StorageError::Aborted),
            Err(e) => Err(map_err(e)),
        }
    }

    /// Every setting whose key starts with `prefix`, in key order (the audit's entries).
    pub async fn kv_prefixed(&self, prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
        let tx = self
            .inner
            .transaction(&[KV], idb::TransactionMode::ReadOnly)
            .map_err(map_err)?;
        let store = tx.object_store(KV).map_err(map_err)?;
        let range = idb::KeyRange::bound(
            &prefix.into(),
            &format!("{prefix}\u{ffff}").into(),
            Some(false),
            Some(false),
        )
        .map_err(map_err)?;
        let query = idb::Query::KeyRange(range);
        let keys = store
            .get_all_keys(Some(query.clone()), None)
            .map_err(map_err)?
            .await
            .map_err(map_err)?;
        let values = store
            .get_all(Some(query), None)
            .map_err(map_err)?
            .await
            .map_err(map_err)?;
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
            .collect())
    }

    /// Every stored record as `(id, json)`, in key order.
    pub async fn record_jsons(&self) -> Result<Vec<(String, String)>, StorageError> {
        let tx = self
            .inner
            .transaction(&[RECORDS], idb::TransactionMode::ReadOnly)
            .map_err(map_err)?;
        let store = tx.object_store(RECORDS).map_err(map_err)?;
        let values = store
            .get_all(None, None)
            .map_err(map_err)?
            .await
            .map_err(map_err)?;
        values
            .iter()
            .map(|v| {
                let field = |k: &str| {
                    js_sys::Reflect::get(v, &k.into())
                        .ok()
                        .and_then(|x| x.as_string())
                };
                match (field("id"), field("json")) {
                    (Some(id), Some(json)) => Ok((id, json)),
                    _ => Err(StorageError::Corrupt("a record without id or json".into())),
                }
            })
            .collect()
    }

    /// Deletes records by id in one transaction.
    pub async fn delete_records(&self, ids: &[String]) -> Result<(), StorageError> {
        self.delete_records_and_set(ids, &[]).await
    }

    /// Deletes records by id and writes settings in one transaction: all or none. An
    /// erasure and its audit entry go together, so neither can be saved without the other.
    pub async fn delete_records_and_set(
        &self,
        ids: &[String],
        kv: &[(String, String)],
    ) -> Result<(), StorageError> {
        #[cfg(feature = "chain")]
        return self.write_deleting(&[], ids, kv, &[]).await;
        #[cfg(not(feature = "chain"))]
        self.run(&[RECORDS, KV], |tx| {
            let store = tx.object_store(RECORDS)?;
            for id in ids {
                let _ = store.delete(wasm_bindgen::JsValue::from_str(id))?;
            }
            let store = tx.object_store(KV)?;
            for (key, value) in kv {
                let _ = store.put(&value.into(), Some(&key.into()))?;
            }
            Ok(())
        })
        .await
    }

    /// A setting by key.
    pub async fn kv_get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.read(&[key]).await?.pop().flatten())
    }

    /// Stores a setting; durable on return.
    pub async fn kv_set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.write_batch(&[], &[(key.to_owned(), value.to_owned())])
            .await
    }
}

#[cfg(target_arch = "wasm32")]
fn record_object(id: &str, json: &str) -> wasm_bindgen::JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&o, &"json".into(), &json.into());
    o.into()
}

#[cfg(target_arch = "wasm32")]
fn map_err(e: idb::Error) -> StorageError {
    let name = match &e {
        idb::Error::DomException(d) => Some(d.name()),
        idb::Error::IndexedDbOpenFailed(v)
        | idb::Error::TransactionOpenFailed(v)
        | idb::Error::UpdateFailed(v)
        | idb::Error::AddFailed(v)
        | idb::Error::TransactionCommitError(v)
        | idb::Error::TransactionAbortError(v) => js_sys::Reflect::get(v, &"name".into())
            .ok()
            .and_then(|n| n.as_string()),
        _ => None,
    };
    match name.as_deref() {
        Some("QuotaExceededError") => StorageError::QuotaExceeded,
        Some("VersionError") => StorageError::VersionTooNew,
        Some("InvalidStateError") | Some("SecurityError") => StorageError::Unavailable,
        Some(other) => StorageError::Failed(other.to_owned()),
        None => StorageError::Failed(e.to_string()),
    }
}

/// The draft of the recovery being typed: written on every change, read after a reload.
/// Drafts live in localStorage, one key per recovery id (`amends.draft.<id>`), so two tabs
/// or two tickets never share a slot; `amends.draft` alone is the single slot of older
/// versions, still read so nothing typed there is lost.
pub mod draft {
    const PREFIX: &str = "amends.draft.";

    fn local() -> Option<web_sys::Storage> {
        #[cfg(target_arch = "wasm32")]
        {
            gloo::utils::window().local_storage().ok().flatten()
        }
        #[cfg(not(target_arch = "wasm32"))]
        None
    }

    /// Saves the draft of recovery `id`; false when the browser refused (then the UI warns).
    pub fn save(id: &str, json: &str) -> bool {
        local().is_some_and(|s| s.set_item(&format!("{PREFIX}{id}"), json).is_ok())
    }

    /// Every stored draft's text, with the key it is under.
    pub fn load_all() -> Vec<(String, String)> {
        let Some(s) = local() else {
            return Vec::new();
        };
        let n = s.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX) || k == super::DRAFT_KEY)
            .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
            .collect()
    }

    /// Forgets the draft of recovery `id`.
    pub fn clear(id: &str) {
        if let Some(s) = local() {
            let _ = s.remove_item(&format!("{PREFIX}{id}"));
        }
    }

    /// Forgets the single slot of older versions, once its draft is saved under its id.
    pub fn clear_legacy() {
        if let Some(s) = local() {
            let _ = s.remove_item(super::DRAFT_KEY);
        }
    }

    pub fn is_legacy(key: &str) -> bool {
        key == super::DRAFT_KEY
    }
}

/// Which language each person chose on this device, and the one last in use (so the
/// next start opens in it without a flash of another). Preferences, not records: a lost
/// one only means the default language.
pub mod language {
    const LAST: &str = "amends.locale";
    const PERSON: &str = "amends.locale.person.";

    fn local() -> Option<web_sys::Storage> {
        #[cfg(target_arch = "wasm32")]
        {
            gloo::utils::window().local_storage().ok().flatten()
        }
        #[cfg(not(target_arch = "wasm32"))]
        None
    }

    fn get(key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    fn set(key: &str, value: Option<&str>) -> bool {
        local().is_some_and(|s| match value {
            Some(v) => s.set_item(key, v).is_ok(),
            None => s.remove_item(key).is_ok(),
        })
    }

    pub fn last() -> Option<String> {
        get(LAST)
    }

    pub fn set_last(tag: &str) -> bool {
        set(LAST, Some(tag))
    }

    /// The language `name` chose, if any.
    pub fn of(name: &str) -> Option<String> {
        get(&format!("{PERSON}{name}"))
    }

    /// Records `name`'s choice (None: follow the store's default); false if refused.
    pub fn choose(name: &str, tag: Option<&str>) -> bool {
        set(&format!("{PERSON}{name}"), tag)
    }
}

/// Asks the browser to keep Amends' data under storage pressure; resolves to whether it will.
pub async fn request_persistence() -> Option<bool> {
    #[cfg(target_arch = "wasm32")]
    {
        let storage = gloo::utils::window().navigator().storage();
        let granted = wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?)
            .await
            .ok()?;
        granted.as_bool()
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Tells other tabs that records or settings changed, and listens for them doing the same.
pub mod changes {
    /// Keeps a listener alive; dropping it stops listening.
    pub struct Listener {
        #[cfg(target_arch = "wasm32")]
        _channel: web_sys::BroadcastChannel,
        #[cfg(target_arch = "wasm32")]
        _closure: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
    }

    /// What changed, as announced to the other tabs.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Change {
        Records,
        /// The policy, staff, PIN or audit: settings that decide what staff may do.
        Settings,
    }

    /// Tells the other open tabs that the stored records changed.
    pub fn announce() {
        post("records");
    }

    /// Tells the other open tabs that the policy, staff, PIN or audit changed.
    pub fn announce_settings() {
        post("settings");
    }

    fn post(_what: &str) {
        #[cfg(target_arch = "wasm32")]
        if let Ok(channel) = web_sys::BroadcastChannel::new(super::CHANNEL) {
            let _ = channel.post_message(&_what.into());
            channel.close();
        }
    }

    /// Calls `on_change` whenever another tab announces a change.
    pub fn listen(on_change: impl Fn(Change) + 'static) -> Option<Listener> {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let channel = web_sys::BroadcastChannel::new(super::CHANNEL).ok()?;
            let closure = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    on_change(match e.data().as_string().as_deref() {
                        Some("settings") => Change::Settings,
                        _ => Change::Records,
                    })
                },
            );
            channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
            Some(Listener {
                _channel: channel,
                _closure: closure,
            })
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = on_change;
            None
        }
    }
}
