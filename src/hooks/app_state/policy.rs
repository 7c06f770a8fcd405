//! Saving the policy: with its audit entries, in one transaction, only over the stored
//! text this tab read (refusals and other tabs' changes: tabs.rs; an unreadable stored
//! policy: policy_fault.rs).

use amends_domain::policy::diff;
use amends_domain::{AuditEntry, Policy};

use super::{audit, keys, policy_fault, AppAction, AppHandle};
use crate::services::clock::now_ms;
use crate::services::storage::{self, StorageError};

impl AppHandle {
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
        self.write_policy(policy, entries).await?;
        Ok(changes.len())
    }

    /// Store `policy` with its audit `entries` over the text this tab read, then use it.
    pub(super) async fn write_policy(
        &self,
        policy: Policy,
        entries: Vec<AuditEntry>,
    ) -> Result<(), StorageError> {
        let text = policy.to_json();
        let mut kv = vec![
            (keys::POLICY.to_string(), text.clone()),
            (keys::POLICY_SAVED.to_string(), "1".to_string()),
        ];
        kv.extend(audit::rows(&entries));
        let guard = [(keys::POLICY, self.policy_stored.as_deref())];
        if let Err(changed) = self.db()?.write_if(&guard, &[], &kv).await? {
            return Err(self.policy_changed_elsewhere(changed.now));
        }
        self.apply(AppAction::Batch(vec![
            AppAction::Policy {
                policy: Box::new(policy),
                fault: None,
                stored: Some(text),
                saved: true,
            },
            AppAction::Audited(entries),
        ]));
        storage::changes::announce_settings();
        Ok(())
    }
}
