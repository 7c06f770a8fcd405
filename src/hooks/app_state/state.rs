//! The app's shared state and the closed list of changes to it ([`AppAction`]), applied
//! only by `reduce`: an intent writes to storage, then dispatches what changed; the next
//! value is computed here, from the state as it is when the change arrives.

use std::rc::Rc;

use amends_domain::pin::PinLock;
use amends_domain::record::RawRecord;
use amends_domain::staff::StaffMember;
use amends_domain::{AuditEntry, Policy, RecoveryRecord};
use yew::prelude::*;

use super::{by_name, by_time, newest_first, PolicyFault};
use crate::services::crypto::PinHash;
use crate::services::storage::StorageError;

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
    /// Records that could not be read, left untouched in storage.
    /// Records that could not be read, left untouched in storage (and carried in backups
    /// as stored).
    pub unreadable: Rc<Vec<RawRecord>>,
    pub staff: Option<StaffMember>,
    pub staff_list: Vec<StaffMember>,
    /// The staff list's text as stored when this tab read or wrote it: a manager's change
    /// goes through only if storage still holds it (another tab may have changed the list).
    pub staff_list_stored: Option<String>,
    pub pin: Option<PinHash>,
    /// The PIN record's text as read or written here: a new PIN is stored only over it.
    pub pin_stored: Option<String>,
    pub pin_lock: PinLock,
    /// Storage refused the last count of PIN tries: `pin_lock` holds them in memory (merged
    /// with the stored count at every check), and manager mode says what to do.
    pub pin_lock_refused: Option<StorageError>,
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
            policy: super::default_policy(),
            policy_saved: false,
            records: Rc::new(Vec::new()),
            unreadable: Rc::new(Vec::new()),
            staff: None,
            staff_list: Vec::new(),
            staff_list_stored: None,
            pin: None,
            pin_stored: None,
            pin_lock: PinLock::default(),
            pin_lock_refused: None,
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

/// A change to the state, dispatched by [`super::AppHandle`]'s intents once storage
/// agreed (or, where the app works without storage, once it refused). Each carries what
/// is now stored, or what to add; never a value computed from a state read before an await.
pub enum AppAction {
    /// Everything as loaded (the persistence answer, if it came first, is kept).
    Loaded(Box<AppState>),
    Failed(StorageError),
    Persisted(Option<bool>),
    /// Records written (logged, imported, restored): they replace any with the same id.
    Records(Vec<RecoveryRecord>),
    /// Records this version cannot read, written back as they were stored (a restore).
    RawKept(Vec<RawRecord>),
    /// Records deleted (erasure, retention), with the audit entry saying so.
    Deleted {
        ids: Vec<String>,
        entry: AuditEntry,
    },
    /// The log as read again after another tab changed it.
    Reloaded {
        records: Vec<RecoveryRecord>,
        unreadable: Vec<RawRecord>,
    },
    /// Audit entries added.
    Audited(Vec<AuditEntry>),
    /// The audit as read again, and the keys of the entries that could not be read.
    AuditLoaded {
        entries: Vec<AuditEntry>,
        unreadable: Vec<String>,
    },
    /// The policy now in use, read from (or written as) the stored text `stored`.
    Policy {
        policy: Box<Policy>,
        fault: Option<PolicyFault>,
        stored: Option<String>,
        /// A manager saved it (false: as it was).
        saved: bool,
    },
    /// The staff list as stored (`stored` its text). The person using the device follows
    /// it: their role as listed, signed out once no longer listed.
    Staff {
        list: Vec<StaffMember>,
        stored: Option<String>,
    },
    /// Who uses the device now (`None`: nobody signed in).
    SignedIn(Option<StaffMember>),
    /// The PIN record as stored (`None`: no PIN; unreadable when `stored` does not parse).
    Pin {
        pin: Option<PinHash>,
        stored: Option<String>,
    },
    /// Wrong tries counted; `refused`: storage did not take the count.
    PinLock {
        lock: PinLock,
        refused: Option<StorageError>,
    },
    /// The one-time codes used, as stored.
    UsedCodes(Vec<String>),
    OpenManager(i64),
    /// The person using the device stepped away; manager mode closes with them.
    SwitchUser,
    /// Changes made by one write, applied together.
    Batch(Vec<AppAction>),
}

impl AppState {
    fn apply(&mut self, action: AppAction) {
        use AppAction::*;
        match action {
            Loaded(loaded) => {
                let persisted = self.persisted;
                *self = *loaded;
                self.persisted = persisted.or(self.persisted);
            }
            Failed(e) => self.health = Health::Failed(e),
            Persisted(p) => self.persisted = p,
            Records(records) => {
                // One pass however many are written (imports and restores write thousands).
                let ids: std::collections::HashSet<&str> =
                    records.iter().map(|r| r.id.as_str()).collect();
                let mut v: Vec<RecoveryRecord> = self
                    .records
                    .iter()
                    .filter(|x| !ids.contains(x.id.as_str()))
                    .cloned()
                    .collect();
                v.extend(records);
                newest_first(&mut v);
                self.records = Rc::new(v);
            }
            Deleted { ids, entry } => {
                let ids: std::collections::HashSet<String> = ids.into_iter().collect();
                let v = self
                    .records
                    .iter()
                    .filter(|r| !ids.contains(&r.id))
                    .cloned()
                    .collect();
                self.records = Rc::new(v);
                self.apply(Audited(vec![entry]));
            }
            Reloaded {
                records,
                unreadable,
            } => {
                self.records = Rc::new(records);
                self.unreadable = Rc::new(unreadable);
            }
            RawKept(raw) => {
                if !raw.is_empty() {
                    let ids: std::collections::HashSet<&str> =
                        raw.iter().map(|r| r.id.as_str()).collect();
                    let mut kept: Vec<RawRecord> = self
                        .unreadable
                        .iter()
                        .filter(|r| !ids.contains(r.id.as_str()))
                        .cloned()
                        .collect();
                    kept.extend(raw);
                    self.unreadable = Rc::new(kept);
                }
            }
            Audited(entries) => {
                self.audit.extend(entries);
                by_time(&mut self.audit);
            }
            AuditLoaded {
                entries,
                unreadable,
            } => {
                self.audit = entries;
                self.audit_unreadable = unreadable;
            }
            Policy {
                policy,
                fault,
                stored,
                saved,
            } => {
                self.policy = *policy;
                self.policy_fault = fault;
                self.policy_stored = stored;
                self.policy_saved |= saved;
            }
            Staff { mut list, stored } => {
                by_name(&mut list);
                if let Some(me) = &self.staff {
                    self.staff = list.iter().find(|m| m.name == me.name).cloned();
                }
                self.staff_list = list;
                self.staff_list_stored = stored;
            }
            SignedIn(who) => self.staff = who,
            Pin { pin, stored } => {
                self.pin_unreadable = stored.is_some() && pin.is_none();
                self.pin = pin;
                self.pin_stored = stored;
            }
            PinLock { lock, refused } => {
                self.pin_lock = lock;
                self.pin_lock_refused = refused;
            }
            UsedCodes(codes) => self.used_codes = codes,
            OpenManager(until) => self.manager_until_ms = until,
            SwitchUser => {
                // Manager mode left open must not pass to the next person.
                self.staff = None;
                self.manager_until_ms = 0;
            }
            Batch(actions) => actions.into_iter().for_each(|a| self.apply(a)),
        }
    }
}

impl Reducible for AppState {
    type Action = AppAction;
    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::Currency;

    fn record(id: &str, opened_ms: i64) -> RecoveryRecord {
        let mut r = amends_domain::testdata::generate(1, 7).remove(0);
        r.id = id.into();
        r.opened_ms = opened_ms;
        r
    }

    /// An entry told apart by who wrote it.
    fn entry(at_ms: i64, who: &str) -> AuditEntry {
        AuditEntry::new(at_ms, who, amends_domain::Event::PinChanged)
    }

    fn reduce(s: AppState, a: AppAction) -> AppState {
        (*Rc::new(s).reduce(a)).clone()
    }

    #[test]
    fn records_replace_their_namesakes_and_stay_newest_first() {
        let s = reduce(
            AppState::default(),
            AppAction::Records(vec![record("a", 1), record("b", 3)]),
        );
        let s = reduce(s, AppAction::Records(vec![record("a", 5), record("c", 2)]));
        let ids: Vec<(&str, i64)> = s
            .records
            .iter()
            .map(|r| (r.id.as_str(), r.opened_ms))
            .collect();
        assert_eq!(ids, [("a", 5), ("b", 3), ("c", 2)]);
    }

    #[test]
    fn a_deletion_removes_the_records_and_adds_its_audit_entry_in_one_change() {
        let s = reduce(
            AppState::default(),
            AppAction::Records(vec![record("a", 1), record("b", 2)]),
        );
        let s = reduce(
            s,
            AppAction::Deleted {
                ids: vec!["a".into()],
                entry: entry(9, "erase"),
            },
        );
        assert_eq!(s.records.len(), 1);
        assert_eq!(s.records[0].id, "b");
        assert_eq!(s.audit, [entry(9, "erase")]);
    }

    #[test]
    fn audit_entries_are_added_in_time_order_never_replaced() {
        let s = reduce(AppState::default(), AppAction::Audited(vec![entry(5, "b")]));
        let s = reduce(s, AppAction::Audited(vec![entry(1, "a"), entry(7, "c")]));
        let who: Vec<&str> = s.audit.iter().map(|e| e.who.as_str()).collect();
        assert_eq!(who, ["a", "b", "c"]);
    }

    #[test]
    fn an_unreadable_pin_record_is_marked_and_a_readable_one_clears_the_mark() {
        let s = reduce(
            AppState::default(),
            AppAction::Pin {
                pin: None,
                stored: Some("{not a pin".into()),
            },
        );
        assert!(s.pin_unreadable);
        let s = reduce(
            s,
            AppAction::Pin {
                pin: None,
                stored: None,
            },
        );
        assert!(!s.pin_unreadable);
    }

    #[test]
    fn the_staff_list_is_kept_by_name_with_its_stored_text() {
        let m = |n: &str| StaffMember {
            name: n.into(),
            role: "associate".into(),
        };
        let s = reduce(AppState::default(), AppAction::SignedIn(Some(m("Sam"))));
        let s = reduce(
            s,
            AppAction::Staff {
                list: vec![m("Sam"), m("Ann")],
                stored: Some("[..]".into()),
            },
        );
        assert_eq!(s.staff_list, [m("Ann"), m("Sam")]);
        assert_eq!(s.staff_list_stored.as_deref(), Some("[..]"));
        // Sam's role changed in the list: the person using the device follows it.
        let boss = StaffMember {
            name: "Sam".into(),
            role: "manager".into(),
        };
        let s = reduce(
            s,
            AppAction::Staff {
                list: vec![boss.clone()],
                stored: None,
            },
        );
        assert_eq!(s.staff.as_ref(), Some(&boss));
        let removed = reduce(
            s.clone(),
            AppAction::Staff {
                list: vec![],
                stored: None,
            },
        );
        assert_eq!(removed.staff, None);
        let s = reduce(
            reduce(s, AppAction::OpenManager(i64::MAX)),
            AppAction::SwitchUser,
        );
        assert_eq!((s.staff, s.manager_until_ms), (None, 0));
    }

    #[test]
    fn a_policy_change_keeps_saved_once_set_and_a_batch_applies_every_change() {
        let p = amends_domain::Policy::conservative_retail(Currency::EUR);
        let s = reduce(
            AppState::default(),
            AppAction::Batch(vec![
                AppAction::Policy {
                    policy: Box::new(p.clone()),
                    fault: None,
                    stored: Some("text".into()),
                    saved: true,
                },
                AppAction::Audited(vec![entry(1, "x")]),
            ]),
        );
        assert!(s.policy_saved);
        assert_eq!(s.policy, p);
        assert_eq!(s.audit.len(), 1);
        let s = reduce(
            s,
            AppAction::Policy {
                policy: Box::new(p),
                fault: None,
                stored: Some("other".into()),
                saved: false,
            },
        );
        assert!(
            s.policy_saved,
            "another tab's policy does not unsave this device's"
        );
    }

    #[test]
    fn a_refused_lock_is_kept_with_why_and_a_persistence_answer_survives_loading() {
        let lock = PinLock {
            failures: 2,
            locked_until_ms: 0,
        };
        let s = reduce(
            AppState::default(),
            AppAction::PinLock {
                lock,
                refused: Some(StorageError::QuotaExceeded),
            },
        );
        assert_eq!(s.pin_lock, lock);
        assert_eq!(s.pin_lock_refused, Some(StorageError::QuotaExceeded));
        let s = reduce(s, AppAction::Persisted(Some(true)));
        let s = reduce(
            s,
            AppAction::Loaded(Box::new(AppState {
                health: Health::Ready,
                ..AppState::default()
            })),
        );
        assert_eq!((s.persisted, s.health), (Some(true), Health::Ready));
    }
}
