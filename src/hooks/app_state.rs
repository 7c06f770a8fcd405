//! What the whole app shares: the policy, the log, who is on shift, the PIN, storage health.
//!
//! Held in one `Reducible` state provided as a context; pages reach it through
//! [`use_app`] and change it only through the intent methods of [`AppHandle`], which
//! write to storage first and update the state only once the write is durable.

use std::rc::Rc;

use amends_domain::pin::PinLock;
use amends_domain::policy::diff;
use amends_domain::record::RawRecord;
use amends_domain::staff::StaffMember;
use amends_domain::{AuditEntry, Currency, Event, Policy, RecoveryRecord};
use yew::prelude::*;

use crate::services::clock::now_ms;
use crate::services::crypto::{self, PinHash};
use crate::services::storage::{self, Db, StorageError};

mod audit;
mod policy_fault;
mod retention;
mod tabs;
pub use policy_fault::{PolicyFault, Resolution};
pub use retention::RetentionRun;
pub use tabs::changed_elsewhere;

/// Keys of the settings kept in the `kv` store.
pub mod keys {
    pub const POLICY: &str = "policy";
    pub const STAFF: &str = "staff.current";
    pub const STAFF_LIST: &str = "staff.list";
    pub const PIN: &str = "pin";
    pub const PIN_LOCK: &str = "pin.lock";
    pub const USED_CODES: &str = "codes.used";
    /// The audit as one array, as written before entries had keys of their own: read, never rewritten.
    pub const AUDIT: &str = "audit";
    /// One audit entry per key, `audit/<time>/<random>`: entries are added, never rewritten.
    pub const AUDIT_ENTRY: &str = "audit/";
    /// Set once a manager saved the policy (before that the preset is in use).
    pub const POLICY_SAVED: &str = "policy.saved";
}

/// Where loading stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Health {
    Loading,
    Ready,
    /// Storage cannot be used: the app still works, and offers downloads instead.
    Failed(StorageError),
}

/// The log, compared by identity: the app replaces the `Rc` whenever the log changes,
/// so two equal pointers mean the same records (and comparing 100k records is not free).
#[derive(Clone)]
pub struct Log(pub Rc<Vec<RecoveryRecord>>);

impl PartialEq for Log {
    fn eq(&self, other: &Log) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub health: Health,
    /// Whether the browser promised to keep the data (`navigator.storage.persist()`).
    pub persisted: Option<bool>,
    pub policy: Policy,
    /// Whether a manager ever saved a policy (otherwise the preset is in use).
    pub policy_saved: bool,
    /// Newest first.
    pub records: Rc<Vec<RecoveryRecord>>,
    /// Records that could not be read, left untouched in storage (and carried in backups
    /// as stored).
    pub unreadable: Rc<Vec<RawRecord>>,
    pub staff: Option<StaffMember>,
    pub staff_list: Vec<StaffMember>,
    pub pin: Option<PinHash>,
    pub pin_lock: PinLock,
    pub used_codes: Vec<String>,
    pub audit: Vec<AuditEntry>,
    /// Manager mode is open until this time (ms); 0 when closed.
    pub manager_until_ms: i64,
    /// The stored policy could not be read: kept as it is, and `policy` is the fail-safe one.
    pub policy_fault: Option<PolicyFault>,
    /// The policy text as stored when this tab read or wrote it: a save goes through only
    /// if storage still holds it (another tab may have saved since).
    pub policy_stored: Option<String>,
    /// Keys of audit entries that could not be read (kept as stored, never rewritten).
    pub audit_unreadable: Vec<String>,
    /// A PIN record is stored but cannot be read: manager mode stays locked (a new PIN
    /// could otherwise be set by anyone).
    pub pin_unreadable: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            health: Health::Loading,
            persisted: None,
            policy: default_policy(),
            policy_saved: false,
            records: Rc::new(Vec::new()),
            unreadable: Rc::new(Vec::new()),
            staff: None,
            staff_list: Vec::new(),
            pin: None,
            pin_lock: PinLock::default(),
            used_codes: Vec::new(),
            audit: Vec::new(),
            manager_until_ms: 0,
            policy_fault: None,
            policy_stored: None,
            audit_unreadable: Vec::new(),
            pin_unreadable: false,
        }
    }
}

/// The conservative retail preset, in the currency of the user's locale where known.
pub fn default_policy() -> Policy {
    with_secrets(Policy::conservative_retail(
        crate::services::intl::default_currency(),
    ))
}

/// Fills in secrets a policy lacks (a new device, or a file without them).
pub fn with_secrets(mut p: Policy) -> Policy {
    for secret in [&mut p.approval_key, &mut p.customer_salt] {
        if secret.is_empty() {
            if let Ok(bytes) = crypto::random_bytes(32) {
                *secret = amends_domain::hex(&bytes);
            }
        }
    }
    p
}

/// A change to the state; produced by [`AppHandle`]'s intents after storage agreed.
pub struct AppAction(Box<dyn FnOnce(&mut AppState)>);

impl Reducible for AppState {
    type Action = AppAction;
    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let mut next = (*self).clone();
        (action.0)(&mut next);
        Rc::new(next)
    }
}

fn parse<T: serde::de::DeserializeOwned>(v: Option<String>) -> Option<T> {
    v.and_then(|s| serde_json::from_str(&s).ok())
}

/// Read every record; migrate old schemas in one transaction; keep the unreadable as stored.
pub async fn load_records(db: &Db) -> Result<(Vec<RecoveryRecord>, Vec<RawRecord>), StorageError> {
    let rows = db.record_jsons().await?;
    let mut records = Vec::with_capacity(rows.len());
    let mut unreadable = Vec::new();
    let mut migrated = Vec::new();
    let current = format!("\"schema\":{}", amends_domain::record::RECORD_SCHEMA);
    for (id, json) in rows {
        match RecoveryRecord::from_json(&json) {
            Ok(r) => {
                if !json.contains(&current) {
                    migrated.push((id, r.to_json()));
                }
                records.push(r);
            }
            Err(_) => unreadable.push(RawRecord { id, json }),
        }
    }
    if !migrated.is_empty() {
        db.put_records(&migrated).await?;
    }
    newest_first(&mut records);
    Ok((records, unreadable))
}

/// Everything stored, as the state the app starts from (`health` is `Ready`). On a first
/// run the preset policy, with its generated approval key and customer salt, is saved so
/// that codes and customer matching work from then on.
pub async fn load_all(db: &Db) -> Result<AppState, StorageError> {
    let (records, unreadable) = load_records(db).await?;
    // A stored policy that cannot be read is kept, never replaced by the preset.
    let stored = db.kv_get(keys::POLICY).await?;
    let (policy, policy_fault, policy_stored) = match stored {
        Some(text) => {
            let (p, fault) = policy_fault::load(text.clone());
            (p, fault, Some(text))
        }
        None => {
            let p = default_policy();
            let text = p.to_json();
            let saved = db.kv_set(keys::POLICY, &text).await.is_ok();
            (p, None, saved.then_some(text))
        }
    };
    let (audit, audit_unreadable) = audit::load(db).await?;
    let pin_text = db.kv_get(keys::PIN).await?;
    let pin: Option<PinHash> = parse(pin_text.clone());
    let pin_unreadable = pin_text.is_some() && pin.is_none();
    Ok(AppState {
        health: Health::Ready,
        persisted: None,
        policy,
        policy_saved: policy_fault.is_none() && db.kv_get(keys::POLICY_SAVED).await?.is_some(),
        records: Rc::new(records),
        unreadable: Rc::new(unreadable),
        staff: parse(db.kv_get(keys::STAFF).await?),
        staff_list: parse(db.kv_get(keys::STAFF_LIST).await?).unwrap_or_default(),
        pin,
        pin_lock: parse(db.kv_get(keys::PIN_LOCK).await?).unwrap_or_default(),
        used_codes: parse(db.kv_get(keys::USED_CODES).await?).unwrap_or_default(),
        audit,
        manager_until_ms: 0,
        policy_fault,
        policy_stored,
        audit_unreadable,
        pin_unreadable,
    })
}

/// The shared state and the intents that change it.
#[derive(Clone, PartialEq)]
pub struct AppHandle {
    state: UseReducerHandle<AppState>,
    db: Option<Db>,
}

impl std::ops::Deref for AppHandle {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.state
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl AppHandle {
    fn apply(&self, f: impl FnOnce(&mut AppState) + 'static) {
        self.state.dispatch(AppAction(Box::new(f)));
    }

    fn db(&self) -> Result<&Db, StorageError> {
        match (&self.db, &self.state.health) {
            (Some(db), _) => Ok(db),
            (None, Health::Failed(e)) => Err(e.clone()),
            (None, _) => Err(StorageError::Unavailable),
        }
    }

    pub fn currency(&self) -> Currency {
        self.policy.currency
    }

    /// Write a record durably (one transaction), then show it and tell other tabs.
    pub async fn log_record(&self, record: RecoveryRecord) -> Result<(), StorageError> {
        self.db()?
            .put_records(&[(record.id.clone(), record.to_json())])
            .await?;
        self.apply(move |s| {
            let mut v = (*s.records).clone();
            v.retain(|r| r.id != record.id);
            v.insert(0, record);
            newest_first(&mut v);
            s.records = Rc::new(v);
        });
        storage::changes::announce();
        Ok(())
    }

    /// Write several records in one transaction (imports, restores, outcomes).
    pub async fn put_records(&self, records: Vec<RecoveryRecord>) -> Result<(), StorageError> {
        let rows: Vec<_> = records
            .iter()
            .map(|r| (r.id.clone(), r.to_json()))
            .collect();
        self.db()?.put_records(&rows).await?;
        self.apply(move |s| {
            // One pass however many are written (imports and restores write thousands).
            let ids: std::collections::HashSet<&str> =
                records.iter().map(|r| r.id.as_str()).collect();
            let mut v: Vec<RecoveryRecord> = s
                .records
                .iter()
                .filter(|x| !ids.contains(x.id.as_str()))
                .cloned()
                .collect();
            v.extend(records);
            newest_first(&mut v);
            s.records = Rc::new(v);
        });
        storage::changes::announce();
        Ok(())
    }

    /// Delete records and append their audit entry in one transaction: the log never
    /// loses records without saying so, nor says so without losing them.
    async fn delete_records_logged(
        &self,
        ids: Vec<String>,
        entry: AuditEntry,
    ) -> Result<(), StorageError> {
        let rows = audit::rows(std::slice::from_ref(&entry));
        self.db()?.delete_records_and_set(&ids, &rows).await?;
        self.apply(move |s| {
            let ids: std::collections::HashSet<String> = ids.into_iter().collect();
            let v: Vec<_> = s
                .records
                .iter()
                .filter(|r| !ids.contains(&r.id))
                .cloned()
                .collect();
            s.records = Rc::new(v);
            s.audit.push(entry);
        });
        storage::changes::announce();
        Ok(())
    }

    /// Another tab changed the log: read it again.
    pub async fn reload_records(&self) {
        if let Ok(db) = self.db() {
            if let Ok((records, unreadable)) = load_records(db).await {
                self.apply(move |s| {
                    s.records = Rc::new(records);
                    s.unreadable = Rc::new(unreadable);
                });
            }
        }
    }

    /// Who is using this device now; remembered for next time.
    pub async fn set_staff(&self, mut staff: StaffMember) -> Result<(), StorageError> {
        let known = self.staff_list.iter().find(|m| m.name == staff.name);
        staff.role = amends_domain::authority::sign_in_role(
            &self.policy,
            known.map(|m| m.role.as_str()),
            &staff.role,
            self.is_manager(),
        );
        let mut list = self.staff_list.clone();
        list.retain(|m| m.name != staff.name);
        list.push(staff.clone());
        by_name(&mut list);
        let written = match self.db() {
            Ok(db) => {
                db.write_batch(
                    &[],
                    &[
                        (keys::STAFF.into(), json(&staff)),
                        (keys::STAFF_LIST.into(), json(&list)),
                    ],
                )
                .await
            }
            Err(e) => Err(e),
        };
        // Without storage the app still works for this session.
        self.apply(move |s| {
            s.staff = Some(staff);
            s.staff_list = list;
        });
        written
    }

    pub async fn remove_staff(&self, name: String) -> Result<(), StorageError> {
        let list: Vec<_> = self
            .staff_list
            .iter()
            .filter(|m| m.name != name)
            .cloned()
            .collect();
        self.db()?.kv_set(keys::STAFF_LIST, &json(&list)).await?;
        self.apply(move |s| s.staff_list = list);
        storage::changes::announce_settings();
        Ok(())
    }

    /// Save a (validated) policy and its audit entries together. Refused while the stored
    /// policy cannot be read: the manager chooses what replaces it (`resolve_policy_fault`).
    pub async fn save_policy(&self, policy: Policy, who: &str) -> Result<usize, StorageError> {
        if self.policy_fault.is_some() {
            return Err(policy_fault::unresolved());
        }
        let changes = diff(&self.policy, &policy);
        let entries = AuditEntry::from_changes(now_ms(), who, &changes);
        // A new customer salt (an imported policy) keeps the old ones: erasure finds
        // the customers hashed with them.
        let mut policy = policy;
        policy.keep_salts_of(&self.policy);
        let text = policy.to_json();
        let mut kv = vec![
            (keys::POLICY.to_string(), text.clone()),
            (keys::POLICY_SAVED.to_string(), "1".to_string()),
        ];
        kv.extend(audit::rows(&entries));
        let guard = (keys::POLICY, self.policy_stored.as_deref());
        if let Err(now) = self.db()?.write_if(guard, &[], &kv).await? {
            return Err(self.policy_changed_elsewhere(now));
        }
        let n = changes.len();
        self.apply(move |s| {
            s.policy = policy;
            s.policy_stored = Some(text);
            s.policy_saved = true;
            s.audit.extend(entries);
        });
        storage::changes::announce_settings();
        Ok(n)
    }

    /// Store a new manager PIN (its hash) and clear the lock-out. A change by a manager
    /// carries its audit entry, written in the same transaction.
    pub async fn set_pin(
        &self,
        pin: PinHash,
        entry: Option<AuditEntry>,
    ) -> Result<(), StorageError> {
        if self.pin_unreadable {
            return Err(pin_unreadable());
        }
        let mut kv = vec![
            (keys::PIN.to_string(), json(&pin)),
            (keys::PIN_LOCK.to_string(), json(&PinLock::default())),
        ];
        kv.extend(audit::rows(entry.as_slice()));
        self.db()?.write_batch(&[], &kv).await?;
        self.apply(move |s| {
            s.pin = Some(pin);
            s.pin_lock = PinLock::default();
            s.audit.extend(entry);
        });
        storage::changes::announce_settings();
        Ok(())
    }

    /// Check a PIN against the stored hash, counting wrong tries (the lock survives reloads).
    pub async fn check_pin(&self, pin: &str) -> Result<PinCheck, StorageError> {
        let now = now_ms();
        let mut lock = self.pin_lock;
        if let Err(l) = lock.check(now) {
            return Ok(PinCheck::Locked(l.wait_ms));
        }
        let Some(stored) = self.pin.clone() else {
            if self.pin_unreadable {
                return Err(pin_unreadable());
            }
            return Ok(PinCheck::NoPin);
        };
        let ok = crypto::verify_pin(pin, &stored).await.unwrap_or(false);
        if ok {
            lock.succeed();
        } else {
            lock.fail(now);
        }
        self.db()?.kv_set(keys::PIN_LOCK, &json(&lock)).await?;
        self.apply(move |s| s.pin_lock = lock);
        Ok(if ok {
            PinCheck::Ok
        } else if let Err(l) = lock.check(now) {
            PinCheck::Locked(l.wait_ms)
        } else {
            PinCheck::Wrong(lock.tries_left())
        })
    }

    /// Remember a one-time code as used, before the approval counts.
    pub async fn use_code(&self, code: String) -> Result<(), StorageError> {
        let mut used = self.used_codes.clone();
        used.push(code);
        // Codes expire within the hour; the last 500 are more than enough to refuse reuse.
        if used.len() > 500 {
            used.drain(..used.len() - 500);
        }
        self.db()?.kv_set(keys::USED_CODES, &json(&used)).await?;
        self.apply(move |s| s.used_codes = used);
        Ok(())
    }

    pub fn open_manager(&self, until_ms: i64) {
        self.apply(move |s| s.manager_until_ms = until_ms);
    }

    pub fn is_manager(&self) -> bool {
        self.manager_until_ms > now_ms()
    }

    fn set_persisted(&self, p: Option<bool>) {
        self.apply(move |s| s.persisted = p);
    }
}

/// Why nothing PIN-related goes on while the stored PIN cannot be read.
fn pin_unreadable() -> StorageError {
    StorageError::Corrupt(keys::PIN.into())
}

/// The result of a PIN check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinCheck {
    Ok,
    /// Wrong; tries left before a lock-out.
    Wrong(u32),
    /// Locked for this many more milliseconds.
    Locked(i64),
    NoPin,
}

#[derive(Properties, PartialEq)]
pub struct AppProviderProps {
    #[prop_or_default]
    pub children: Html,
    /// A state to start from instead of loading (server-side renders in tests).
    #[prop_or_default]
    pub initial: Option<AppState>,
}

/// Loads everything once, provides it to the pages, and follows other tabs' changes.
#[function_component(AppProvider)]
pub fn app_provider(props: &AppProviderProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial.unwrap_or_default());
    let db = use_state(|| None::<Db>);
    let handle = AppHandle {
        state: state.clone(),
        db: (*db).clone(),
    };
    {
        let state = state.clone();
        let db = db.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match Db::open().await {
                    Ok(opened) => match load_all(&opened).await {
                        Ok(loaded) => {
                            state.dispatch(AppAction(Box::new(move |s| {
                                // The persistence answer may have arrived first: keep it.
                                let persisted = s.persisted;
                                *s = loaded;
                                s.persisted = persisted;
                            })));
                            db.set(Some(opened));
                        }
                        Err(e) => state
                            .dispatch(AppAction(Box::new(move |s| s.health = Health::Failed(e)))),
                    },
                    Err(e) => {
                        state.dispatch(AppAction(Box::new(move |s| s.health = Health::Failed(e))))
                    }
                }
            });
        });
    }
    // Ask once for persistent storage, and show the answer.
    {
        let h = handle.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                h.set_persisted(storage::request_persistence().await);
            });
        });
    }
    // Records past the retention period go as soon as everything is loaded.
    {
        let h = handle.clone();
        let ready = handle.db.is_some() && handle.health == Health::Ready;
        use_effect_with(ready, move |ready| {
            if *ready {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = h.apply_retention(now_ms()).await;
                });
            }
        });
    }
    // Another tab logged something: reload the list.
    {
        let h = handle.clone();
        use_effect_with(handle.db.is_some(), move |ready| {
            let listener = ready.then(|| {
                storage::changes::listen(move |change| {
                    let h = h.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match change {
                            storage::changes::Change::Records => h.reload_records().await,
                            storage::changes::Change::Settings => h.reload_settings().await,
                        }
                    });
                })
            });
            // Dropping the listener on cleanup stops listening.
            move || {
                let _listener = listener;
            }
        });
    }
    html! {
        <ContextProvider<AppHandle> context={handle}>{ props.children.clone() }</ContextProvider<AppHandle>>
    }
}

/// The app's shared state and intents. Panics only if used outside `AppProvider`,
/// which `App` and `ServerApp` always render.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("AppProvider wraps every page")
}

// Manager mode's intents: staff roles, restore, imports and erasure (retention: app_state/retention.rs).
// Each writes in as few IndexedDB transactions as the storage API allows (one, except
// where records are deleted: the delete, then its audit entry).
impl AppHandle {
    /// Erase records (one customer's) and log it: field "erase", "N records" -> "erased".
    pub async fn erase_records(
        &self,
        ids: Vec<String>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let n = ids.len();
        let entry = AuditEntry::new(now_ms, who, Event::Erased { count: n as u64 });
        self.delete_records_logged(ids, entry).await
    }

    /// A manager changes a staff member's role (`Some`) or removes them (`None`), with an
    /// audit entry, in one transaction. The person using the device follows the change.
    pub async fn manage_staff(
        &self,
        name: String,
        role: Option<String>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let old = self
            .staff_list
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.role.clone());
        let mut list: Vec<StaffMember> = self
            .staff_list
            .iter()
            .filter(|m| m.name != name)
            .cloned()
            .collect();
        if let Some(r) = &role {
            list.push(StaffMember {
                name: name.clone(),
                role: r.clone(),
            });
            by_name(&mut list);
        }
        let current = match &self.staff {
            Some(s) if s.name == name => role.as_ref().map(|r| StaffMember {
                name: name.clone(),
                role: r.clone(),
            }),
            other => other.clone(),
        };
        let entry = AuditEntry::new(
            now_ms,
            who,
            Event::RoleChanged {
                staff: name.clone(),
                from: old,
                to: role.clone(),
            },
        );
        let mut kv = vec![(keys::STAFF_LIST.to_string(), json(&list))];
        kv.extend(audit::rows(std::slice::from_ref(&entry)));
        kv.push((
            keys::STAFF.to_string(),
            current.as_ref().map(json).unwrap_or_else(|| "null".into()),
        ));
        self.db()?.write_batch(&[], &kv).await?;
        self.apply(move |s| {
            s.staff_list = list;
            s.staff = current;
            s.audit.push(entry);
        });
        storage::changes::announce_settings();
        Ok(())
    }

    /// Add records from a file (JSON Lines import) with an audit entry, in one transaction.
    pub async fn import_records(
        &self,
        records: Vec<RecoveryRecord>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let records_n = records.len() as u64;
        let entry = AuditEntry::new(now_ms, who, Event::Imported { records: records_n });
        let rows: Vec<_> = records
            .iter()
            .map(|r| (r.id.clone(), r.to_json()))
            .collect();
        self.db()?
            .write_batch(&rows, &audit::rows(std::slice::from_ref(&entry)))
            .await?;
        self.apply(move |s| {
            Self::merge_records(s, records);
            s.audit.push(entry);
        });
        storage::changes::announce();
        Ok(())
    }

    /// Restore a checked backup as planned: new records, staff and audit entries, and the
    /// backup's policy when given (its changes audited), all in one transaction.
    pub async fn restore_backup(
        &self,
        plan: amends_domain::export::RestorePlan,
        policy: Option<Policy>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let policy = policy.filter(|p| *p != self.policy).map(|mut p| {
            p.keep_salts_of(&self.policy);
            p
        });
        let mut staff_list = self.staff_list.clone();
        staff_list.extend(plan.staff.iter().cloned());
        by_name(&mut staff_list);
        let mut audit = plan.audit.clone();
        if let Some(p) = &policy {
            audit.extend(AuditEntry::from_changes(
                now_ms,
                who,
                &diff(&self.policy, p),
            ));
        }
        let restored = Event::Restored {
            records: (plan.records.len() + plan.unreadable.len()) as u64,
            staff: plan.staff.len() as u64,
            audit: plan.audit.len() as u64,
        };
        audit.push(AuditEntry::new(now_ms, who, restored));
        // Records this version cannot read go back as they were stored, unread.
        let rows: Vec<_> = plan
            .records
            .iter()
            .map(|r| (r.id.clone(), r.to_json()))
            .chain(
                plan.unreadable
                    .iter()
                    .map(|r| (r.id.clone(), r.json.clone())),
            )
            .collect();
        let mut kv = vec![(keys::STAFF_LIST.to_string(), json(&staff_list))];
        kv.extend(audit::rows(&audit));
        let text = policy.as_ref().map(Policy::to_json);
        if let Some(t) = &text {
            kv.push((keys::POLICY.to_string(), t.clone()));
        }
        let db = self.db()?;
        if text.is_some() {
            // The policy is replaced only if no other tab saved one since this tab read it.
            let guard = (keys::POLICY, self.policy_stored.as_deref());
            if let Err(now) = db.write_if(guard, &rows, &kv).await? {
                return Err(self.policy_changed_elsewhere(now));
            }
        } else {
            db.write_batch(&rows, &kv).await?;
        }
        let (records, unreadable) = (plan.records, plan.unreadable);
        self.apply(move |s| {
            Self::merge_records(s, records);
            if !unreadable.is_empty() {
                let mut kept = (*s.unreadable).clone();
                kept.extend(unreadable);
                s.unreadable = Rc::new(kept);
            }
            s.staff_list = staff_list;
            s.audit.extend(audit);
            s.audit.sort_by_key(|a| a.at_ms);
            if let Some(p) = policy {
                s.policy = p;
                s.policy_stored = text;
                s.policy_saved = true;
            }
        });
        storage::changes::announce();
        storage::changes::announce_settings();
        Ok(())
    }

    /// Put records into the state's log, replacing any with the same id, newest first.
    fn merge_records(s: &mut AppState, records: Vec<RecoveryRecord>) {
        let mut v = (*s.records).clone();
        let ids: std::collections::HashSet<String> = records.iter().map(|r| r.id.clone()).collect();
        v.retain(|r| !ids.contains(&r.id));
        v.extend(records);
        newest_first(&mut v);
        s.records = Rc::new(v);
    }
}

/// The log's order: newest first, ties by id. One function, so the sort is compiled once.
fn newest_first(records: &mut [RecoveryRecord]) {
    records.sort_by(|a, b| b.opened_ms.cmp(&a.opened_ms).then(b.id.cmp(&a.id)));
}

/// The staff list's order: by name. One function, so the sort is compiled once.
fn by_name(staff: &mut [StaffMember]) {
    staff.sort_by(|a, b| a.name.cmp(&b.name));
}

// Authority: a manager sets the device up before staff use it; the person using it
// signs out for the next one.
impl AppHandle {
    /// A manager has set this device up (its manager PIN): until then no recovery starts.
    pub fn set_up(&self) -> bool {
        self.pin.is_some()
    }

    /// First run only: the manager PIN, the chosen policy (saved, so it is no longer the
    /// preset in waiting) and the manager on the staff list, with an audit entry, in one
    /// transaction. Refused once a PIN exists: changing it is manager mode's job.
    pub async fn set_up_device(
        &self,
        pin: PinHash,
        policy: Policy,
        manager: StaffMember,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        // Read from storage too: another tab may have set the device up meanwhile.
        let db = self.db()?;
        if self.set_up() || db.kv_get(keys::PIN).await?.is_some() {
            return Err(StorageError::Failed("already set up".into()));
        }
        let mut list = self.staff_list.clone();
        list.retain(|m| m.name != manager.name);
        list.push(manager.clone());
        by_name(&mut list);
        let mut audit = self.audit.clone();
        let set_up = Event::SetUp {
            policy: policy.name.clone(),
        };
        audit.push(AuditEntry::new(now_ms, manager.name.clone(), set_up));
        let kv = [
            (keys::PIN, json(&pin)),
            (keys::PIN_LOCK, json(&PinLock::default())),
            (keys::POLICY, policy.to_json()),
            (keys::POLICY_SAVED, "1".into()),
            (keys::STAFF_LIST, json(&list)),
            (keys::AUDIT, json(&audit)),
        ]
        .map(|(k, v)| (k.to_string(), v));
        db.write_batch(&[], &kv).await?;
        self.apply(move |s| {
            s.pin = Some(pin);
            s.pin_lock = PinLock::default();
            s.policy = policy;
            s.policy_saved = true;
            s.staff_list = list;
            s.audit = audit;
        });
        Ok(())
    }

    /// The person using the device steps away (closing manager mode); the next one signs
    /// in with their name.
    pub async fn switch_user(&self) -> Result<(), StorageError> {
        let written = match self.db() {
            Ok(db) => db.kv_set(keys::STAFF, "null").await,
            Err(e) => Err(e),
        };
        // Manager mode left open must not pass to the next person.
        self.apply(|s| {
            s.staff = None;
            s.manager_until_ms = 0;
        });
        written
    }
}
