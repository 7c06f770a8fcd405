//! What the whole app shares: the policy, the log, who is on shift, the PIN, storage health.
//!
//! Held in one `Reducible` state provided as a context; pages reach it through
//! [`use_app`] and change it only through the intent methods of [`AppHandle`], which
//! write to storage first and then dispatch an [`AppAction`]: a closed list of state
//! changes, applied by `AppState::reduce` (app_state/state.rs). The intents live beside
//! their area: records.rs, staff.rs, pin.rs, policy.rs (and policy_fault.rs, retention.rs,
//! tabs.rs); load.rs reads everything at start.

use amends_domain::staff::StaffMember;
use amends_domain::{order, Currency, RecoveryRecord};
use yew::prelude::*;

use crate::services::clock::now_ms;
use crate::services::storage::{self, Db, StorageError};

mod audit;
mod load;
mod pin;
mod policy;
mod policy_fault;
mod records;
mod retention;
mod staff;
mod state;
#[cfg(feature = "chain")]
mod sync;
mod tabs;
pub use load::{default_policy, load_all, load_records, with_secrets};
pub use pin::{CodeSpendError, PinCheck, PinError};
pub use policy_fault::{PolicyFault, Resolution};
pub use retention::RetentionRun;
pub use state::{AppAction, AppState, Health, Log};
#[cfg(feature = "chain")]
pub use sync::{sync_keys, SyncStored, SyncWrite};
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
    /// Chain sync (hooks/sync.rs, app_state/sync.rs): records edited here since the last
    /// push (`sync.edit/<id>`), each record's revision (`sync.rev/<id>`), checkpoints
    /// (`sync.seq/<db>`), documents kept as they came (`sync.raw/<id>`), the connection.
    pub const SYNC_EDIT: &str = "sync.edit/";
    pub const SYNC_REV: &str = "sync.rev/";
    pub const SYNC_SEQ: &str = "sync.seq/";
    pub const SYNC_RAW: &str = "sync.raw/";
    pub const SYNC_CONNECTION: &str = "sync.connection";
    /// Records of a store this device left (`sync.left/<id>` = that store): kept here,
    /// never sent to another store.
    pub const SYNC_LEFT: &str = "sync.left/";
    /// Records erased here whose erasure the store's server has not confirmed yet.
    pub const SYNC_ERASE: &str = "sync.erase/";
}

/// The shared state and the intents that change it. Compared by value: a handle derefs
/// to the newest state, not the one it was made with, so comparing addresses would find
/// every two handles equal and the pages would never hear of a change.
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

fn parse<T: serde::de::DeserializeOwned>(v: Option<String>) -> Option<T> {
    v.and_then(|s| serde_json::from_str(&s).ok())
}

impl AppHandle {
    fn apply(&self, action: AppAction) {
        self.state.dispatch(action);
    }

    fn db(&self) -> Result<&Db, StorageError> {
        match (&self.db, &self.state.health) {
            (Some(db), _) => Ok(db),
            (None, Health::Failed(e)) => Err(e.clone()),
            (None, _) => Err(StorageError::Unavailable),
        }
    }

    /// Settings read together from storage, in one transaction.
    async fn read(&self, keys: &[&str]) -> Result<Vec<Option<String>>, StorageError> {
        self.db()?.read(keys).await
    }

    pub fn currency(&self) -> Currency {
        self.policy.currency
    }

    pub fn open_manager(&self, until_ms: i64) {
        self.apply(AppAction::OpenManager(until_ms));
    }

    pub fn is_manager(&self) -> bool {
        self.manager_until_ms > now_ms()
    }
}

// The sorts below go through `amends_domain::order`: one stable sort in the wasm for all
// element types, the same result as the slice's own `sort_by`.

/// The log's order: newest first, ties by id.
fn newest_first(records: &mut [RecoveryRecord]) {
    order::sort_by(records, |a, b| {
        b.opened_ms.cmp(&a.opened_ms).then(b.id.cmp(&a.id))
    });
}

/// The staff list's order: by name (stable).
fn by_name(staff: &mut [StaffMember]) {
    order::sort_by(staff, |a, b| a.name.cmp(&b.name));
}

/// The audit trail's order: by time, oldest first (stable).
fn by_time(audit: &mut [amends_domain::AuditEntry]) {
    order::sort_by_key(audit, |a| a.at_ms);
}

#[derive(Properties)]
pub struct AppProviderProps {
    #[prop_or_default]
    pub children: Html,
    /// A state to start from instead of loading (server-side renders in tests). Read at
    /// the first render only, so it takes no part in comparing props.
    #[prop_or_default]
    pub initial: Option<AppState>,
}

impl PartialEq for AppProviderProps {
    fn eq(&self, other: &Self) -> bool {
        self.children == other.children
    }
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
                let opened = Db::open().await;
                let loaded = match &opened {
                    Ok(opened) => load_all(opened).await,
                    Err(e) => Err(e.clone()),
                };
                match (opened, loaded) {
                    (Ok(opened), Ok(loaded)) => {
                        state.dispatch(AppAction::Loaded(Box::new(loaded)));
                        db.set(Some(opened));
                    }
                    (_, Err(e)) => state.dispatch(AppAction::Failed(e)),
                    (Err(e), _) => state.dispatch(AppAction::Failed(e)),
                }
            });
        });
    }
    // Ask once for persistent storage, and show the answer.
    {
        let h = handle.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                h.apply(AppAction::Persisted(storage::request_persistence().await));
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
