//! Two tabs, one store: a policy save carries the text it was made from and is refused when
//! another tab saved since (`Db::write_if`); the refusal names the other tab's changes and
//! this tab takes that policy up, so the next save starts from it.

use amends_domain::policy::diff;
use amends_domain::Policy;

use super::{policy_fault, AppHandle};
use crate::i18n::integrity::{tf, Msg};
use crate::services::storage::StorageError;

impl AppHandle {
    /// The refusal of a save because storage now holds `now`; this tab's state follows it.
    pub(super) fn policy_changed_elsewhere(&self, now: Option<String>) -> StorageError {
        let (theirs, fault) = match now.clone() {
            Some(text) => policy_fault::load(text),
            None => (self.policy.clone(), None),
        };
        let fields: Vec<String> = diff(&self.policy, &theirs)
            .into_iter()
            .map(|c| {
                tf(
                    Msg::ChangedField,
                    &[("field", &c.field), ("old", &c.old), ("new", &c.new)],
                )
            })
            .collect();
        let what = tf(Msg::PolicyChangedIn, &[("fields", &fields.join("; "))]);
        self.apply(move |s| {
            s.policy = theirs;
            s.policy_fault = fault;
            s.policy_stored = now;
        });
        StorageError::ChangedElsewhere(what)
    }

    /// Another tab saved a policy: take it up (the one this tab shows may be stale).
    pub fn adopt_policy(&self, text: String) {
        if self.policy_stored.as_deref() == Some(text.as_str()) {
            return;
        }
        let (policy, fault): (Policy, _) = policy_fault::load(text.clone());
        self.apply(move |s| {
            s.policy = policy;
            s.policy_fault = fault;
            s.policy_stored = Some(text);
        });
    }
}
