//! Two tabs, one store: a policy save carries the text it was made from and is refused when
//! another tab saved since (`Db::write_if`); the refusal names the other tab's changes and
//! this tab takes that policy up, so the next save starts from it.

use amends_domain::policy::diff;
use amends_domain::Policy;

use amends_domain::staff::StaffMember;

use super::{audit, keys, parse, policy_fault, AppHandle};
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
        self.apply(move |s| {
            s.policy = theirs;
            s.policy_fault = fault;
            s.policy_stored = now;
        });
        StorageError::ChangedElsewhere(what)
    }

    /// Another tab changed settings: read the policy, staff, PIN and audit again, so that
    /// lowered limits or a changed role take effect here before the next decision.
    pub async fn reload_settings(&self) {
        let Ok(db) = self.db() else { return };
        let (Ok(Some(text)), Ok(list), Ok(current), Ok(pin), Ok(audit)) = (
            db.kv_get(keys::POLICY).await,
            db.kv_get(keys::STAFF_LIST).await,
            db.kv_get(keys::STAFF).await,
            db.kv_get(keys::PIN).await,
            audit::load(db).await,
        ) else {
            return;
        };
        self.adopt_policy(text);
        let list: Vec<StaffMember> = parse(list).unwrap_or_default();
        let current: Option<StaffMember> = parse(current);
        let pin_hash: Option<PinHash> = parse(pin.clone());
        let pin_unreadable = pin.is_some() && pin_hash.is_none();
        self.apply(move |s| {
            s.staff_list = list;
            s.staff = current;
            s.pin = pin_hash;
            s.pin_unreadable = pin_unreadable;
            (s.audit, s.audit_unreadable) = audit;
        });
    }

    /// Take up the policy text now stored (the one this tab shows may be stale).
    fn adopt_policy(&self, text: String) {
        let (policy, fault): (Policy, _) = policy_fault::load(text.clone());
        self.apply(move |s| {
            s.policy = policy;
            s.policy_fault = fault;
            s.policy_stored = Some(text);
        });
    }
}
