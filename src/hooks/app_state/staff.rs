//! Intents on who uses the device: signing in and out, a manager's changes to the staff
//! list, and setting the device up. A manager's change carries the list's stored text it
//! was made from and is refused once another tab changed the list; a sign-in reads and
//! writes the list in one transaction.

use amends_domain::pin::PinLock;
use amends_domain::staff::StaffMember;
use amends_domain::{AuditEntry, Event, Policy};

use super::{audit, by_name, json, keys, parse, AppAction, AppHandle};
use crate::i18n::integrity::{t, Msg};
use crate::services::crypto::PinHash;
use crate::services::storage::{self, StorageError};

/// Why a staff change is refused while the stored list cannot be read (it is kept).
fn list_unreadable() -> StorageError {
    StorageError::Corrupt(keys::STAFF_LIST.into())
}

/// The list stored as `text`: empty when there is none; `None` when it cannot be read.
fn read_list(text: &Option<String>) -> Option<Vec<StaffMember>> {
    match text {
        None => Some(Vec::new()),
        Some(_) => parse(text.clone()),
    }
}

impl AppHandle {
    /// Who is using this device now; remembered for next time. The role comes from the
    /// list as stored (read and written in one transaction), so a role another tab just
    /// changed is the one that counts.
    pub async fn set_staff(&self, staff: StaffMember) -> Result<(), StorageError> {
        let (policy, manager) = (self.policy.clone(), self.is_manager());
        let sign_in = |list: Vec<StaffMember>| {
            let mut staff = staff.clone();
            let known = list.iter().find(|m| m.name == staff.name);
            staff.role = amends_domain::authority::sign_in_role(
                &policy,
                known.map(|m| m.role.as_str()),
                &staff.role,
                manager,
            );
            let mut list: Vec<_> = list.into_iter().filter(|m| m.name != staff.name).collect();
            list.push(staff.clone());
            by_name(&mut list);
            (list, staff)
        };
        let mut out = None;
        let written = match self.db() {
            Ok(db) => {
                db.update(&[keys::STAFF_LIST], &mut |mut now| {
                    // An unreadable list is kept: nothing is written over it.
                    let (list, staff) = sign_in(read_list(&now.pop().flatten())?);
                    let stored = json(&list);
                    let kv = vec![
                        (keys::STAFF.to_string(), json(&staff)),
                        (keys::STAFF_LIST.to_string(), stored.clone()),
                    ];
                    out = Some((list, staff, stored));
                    Some((vec![], kv))
                })
                .await
            }
            Err(e) => Err(e),
        }
        .and_then(|()| out.as_ref().map(|_| ()).ok_or_else(list_unreadable));
        // Without storage (or over an unreadable list) the app still works for this session.
        let (list, staff, stored) = match out {
            Some((list, staff, text)) if written.is_ok() => (list, staff, Some(text)),
            _ => {
                let (list, staff) = sign_in(self.staff_list.clone());
                (list, staff, self.staff_list_stored.clone())
            }
        };
        self.apply(AppAction::Batch(vec![
            AppAction::Staff { list, stored },
            AppAction::SignedIn(Some(staff)),
        ]));
        if written.is_ok() {
            storage::changes::announce_settings();
        }
        written
    }

    /// Refused while the stored staff list cannot be read: it is kept, never overwritten.
    pub(super) fn staff_list_writable(&self) -> Result<(), StorageError> {
        match read_list(&self.staff_list_stored) {
            Some(_) => Ok(()),
            None => Err(list_unreadable()),
        }
    }

    /// The refusal of a staff change because storage now holds `now`; this tab takes the
    /// stored list up, so the change made again starts from it.
    pub(super) fn staff_changed_elsewhere(&self, now: Option<String>) -> StorageError {
        self.apply(AppAction::Staff {
            list: read_list(&now).unwrap_or_default(),
            stored: now,
        });
        StorageError::ChangedElsewhere(t(Msg::StaffChangedIn).into())
    }

    /// A manager changes a staff member's role (`Some`) or removes them (`None`), with an
    /// audit entry, in one transaction, made only over the list this tab shows. The person
    /// using the device follows the change.
    pub async fn manage_staff(
        &self,
        name: String,
        role: Option<String>,
        who: &str,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        self.staff_list_writable()?;
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
        let stored = json(&list);
        let mut kv = vec![(keys::STAFF_LIST.to_string(), stored.clone())];
        kv.extend(audit::rows(std::slice::from_ref(&entry)));
        kv.push((
            keys::STAFF.to_string(),
            current.as_ref().map(json).unwrap_or_else(|| "null".into()),
        ));
        let guard = [(keys::STAFF_LIST, self.staff_list_stored.as_deref())];
        if let Err(changed) = self.db()?.write_if(&guard, &[], &kv).await? {
            return Err(self.staff_changed_elsewhere(changed.now));
        }
        self.apply(AppAction::Batch(vec![
            AppAction::Staff {
                list,
                stored: Some(stored),
            },
            AppAction::Audited(vec![entry]),
        ]));
        storage::changes::announce_settings();
        Ok(())
    }

    /// A manager has set this device up (its manager PIN): until then no recovery starts.
    pub fn set_up(&self) -> bool {
        self.pin.is_some()
    }

    /// First run only: the manager PIN, the chosen policy (saved, so it is no longer the
    /// preset in waiting) and the manager on the staff list, with an audit entry, in one
    /// transaction. Refused once a PIN is stored (by this tab or another): changing it is
    /// manager mode's job.
    pub async fn set_up_device(
        &self,
        pin: PinHash,
        policy: Policy,
        manager: StaffMember,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        if self.set_up() {
            return Err(StorageError::AlreadySetUp);
        }
        self.staff_list_writable()?;
        let mut list = self.staff_list.clone();
        list.retain(|m| m.name != manager.name);
        list.push(manager.clone());
        by_name(&mut list);
        let set_up = Event::SetUp {
            policy: policy.name.clone(),
        };
        let entry = AuditEntry::new(now_ms, manager.name.clone(), set_up);
        let (pin_text, list_text, policy_text) = (json(&pin), json(&list), policy.to_json());
        let mut kv: Vec<(String, String)> = [
            (keys::PIN, pin_text.clone()),
            (keys::PIN_LOCK, json(&PinLock::default())),
            (keys::POLICY, policy_text.clone()),
            (keys::POLICY_SAVED, "1".into()),
            (keys::STAFF_LIST, list_text.clone()),
        ]
        .map(|(k, v)| (k.to_string(), v))
        .into();
        kv.extend(audit::rows(std::slice::from_ref(&entry)));
        // Read in the same transaction: another tab may have set the device up meanwhile.
        let guards = [
            (keys::PIN, None),
            (keys::STAFF_LIST, self.staff_list_stored.as_deref()),
        ];
        if let Err(changed) = self.db()?.write_if(&guards, &[], &kv).await? {
            return Err(match changed.index {
                0 => StorageError::AlreadySetUp,
                _ => self.staff_changed_elsewhere(changed.now),
            });
        }
        self.apply(AppAction::Batch(vec![
            AppAction::Pin {
                pin: Some(pin),
                stored: Some(pin_text),
            },
            AppAction::PinLock {
                lock: PinLock::default(),
                refused: None,
            },
            AppAction::Policy {
                policy: Box::new(policy),
                fault: None,
                stored: Some(policy_text),
                saved: true,
            },
            AppAction::Staff {
                list,
                stored: Some(list_text),
            },
            AppAction::Audited(vec![entry]),
        ]));
        storage::changes::announce_settings();
        Ok(())
    }

    /// The person using the device steps away (closing manager mode); the next one signs
    /// in with their name.
    pub async fn switch_user(&self) -> Result<(), StorageError> {
        let written = match self.db() {
            Ok(db) => db.kv_set(keys::STAFF, "null").await,
            Err(e) => Err(e),
        };
        self.apply(AppAction::SwitchUser);
        written
    }
}
