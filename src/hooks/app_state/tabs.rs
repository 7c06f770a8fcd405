//! Two tabs, one store: a policy save carries the text it was made from and is refused when
//! another tab saved since (`Db::write_if`); the refusal names the other tab's changes and
//! this tab takes that policy up, so the next save starts from it.

use amends_domain::policy::diff;
use amends_domain::Policy;

use amends_domain::staff::StaffMember;

use super::load::read_lock;
use super::{audit, keys, parse, policy_fault, AppAction, AppHandle};
use crate::i18n::integrity::{tf, Msg};
use crate::services::crypto::PinHash;
use crate::services::storage::StorageError;

/// What another tab changed, from `mine` to `theirs`, field by field.
fn changes_text(mine: &Policy, theirs: &Policy) -> String {
    let fields: Vec<String> = diff(mine, theirs)
        .into_iter()
        .map(|c| {
            let words = crate::i18n::policy::field;
            let group = c.of.as_ref().map(crate::i18n::policy::of);
            tf(
                Msg::ChangedField,
                &[
                    (
                        "field",
                        &words(c.field, group.as_deref(), mine.currency.code()),
                    ),
                    ("old", &crate::i18n::policy::value(&c.from)),
                    ("new", &crate::i18n::policy::value(&c.to)),
                ],
            )
        })
        .collect();
    tf(Msg::PolicyChangedIn, &[("fields", &fields.join("; "))])
}

/// Words another tab's policy change, from `mine` to `theirs`, as a refusal to save.
pub fn changed_elsewhere(mine: &Policy, theirs: &Policy) -> String {
    crate::i18n::storage_error(&StorageError::ChangedElsewhere(changes_text(mine, theirs)))
}

impl AppHandle {
    /// The refusal of a save because storage now holds `now`; this tab's state follows it.
    pub(super) fn policy_changed_elsewhere(&self, now: Option<String>) -> StorageError {
        let (theirs, fault) = match now.clone() {
            Some(text) => policy_fault::load(text),
            None => (self.policy.clone(), None),
        };
        let what = changes_text(&self.policy, &theirs);
        self.apply(AppAction::Policy {
            policy: Box::new(theirs),
            fault,
            stored: now,
            saved: false,
        });
        StorageError::ChangedElsewhere(what)
    }

    /// Another tab changed settings: read the policy, staff, PIN (and its lock) and audit
    /// again, so that lowered limits or a changed role take effect here before the next
    /// decision.
    pub async fn reload_settings(&self) {
        let keys = [
            keys::POLICY,
            keys::STAFF_LIST,
            keys::STAFF,
            keys::PIN,
            keys::PIN_LOCK,
        ];
        let Ok(db) = self.db() else { return };
        let (Ok(Ok([Some(text), list, current, pin, lock])), Ok((entries, unreadable))) = (
            db.read(&keys).await.map(<[_; 5]>::try_from),
            audit::load(db).await,
        ) else {
            return;
        };
        let (policy, fault): (Policy, _) = policy_fault::load(text.clone());
        // Tries storage refused to count here stay counted.
        let lock = match self.pin_lock_refused {
            Some(_) => read_lock(lock).merge(self.pin_lock),
            None => read_lock(lock),
        };
        self.apply(AppAction::Batch(vec![
            AppAction::Policy {
                policy: Box::new(policy),
                fault,
                stored: Some(text),
                saved: false,
            },
            AppAction::Staff {
                list: parse::<Vec<StaffMember>>(list.clone()).unwrap_or_default(),
                stored: list,
            },
            AppAction::SignedIn(parse(current)),
            AppAction::Pin {
                pin: PinHash::read(pin.clone()),
                stored: pin,
            },
            AppAction::PinLock {
                lock,
                refused: self.pin_lock_refused.clone(),
            },
            AppAction::AuditLoaded {
                entries,
                unreadable,
            },
        ]));
    }
}
