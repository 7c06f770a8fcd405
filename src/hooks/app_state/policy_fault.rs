//! A stored policy that fails to load (truncated, or from a newer version) is kept as it is:
//! staff work under `Policy::fail_safe` (every role at the lowest limits) until a manager
//! restores one from a file, or starts from a preset after downloading the stored text.

use amends_domain::audit::{Event, Replaced};
use amends_domain::policy::LoadError;
use amends_domain::{AuditEntry, Policy};

use super::{with_secrets, AppHandle};
use crate::services::clock::now_ms;
use crate::services::storage::StorageError;

/// The stored policy text that failed to load, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyFault {
    pub stored: String,
    pub error: LoadError,
}

/// The policy to work under for the stored `text`, and the fault when it cannot be read.
pub(super) fn load(text: String) -> (Policy, Option<PolicyFault>) {
    match Policy::load(&text) {
        Ok(p) => (p, None),
        Err(error) => (
            // Secrets only in memory: nothing of the fail-safe policy is ever saved.
            with_secrets(Policy::fail_safe(crate::services::intl::default_currency())),
            Some(PolicyFault {
                stored: text,
                error,
            }),
        ),
    }
}

/// Why a policy save is refused while the stored one cannot be read.
pub(super) fn unresolved() -> StorageError {
    StorageError::Corrupt("the saved policy; choose how to replace it first".into())
}

/// The hex value of `"key": "..."` in a policy text, even a truncated one.
fn secret_in(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(&format!("\"{key}\""))? + key.len() + 2..];
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let value = &rest[..rest.find('"')?];
    (!value.is_empty() && value.bytes().all(|b| b.is_ascii_hexdigit())).then(|| value.into())
}

/// How the manager replaced an unreadable policy, for the audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    FromFile,
    Preset,
}

impl AppHandle {
    /// Replace the unreadable stored policy with `policy` (read from a file, or a preset
    /// once the old text was downloaded), with one audit entry, in one transaction.
    pub async fn resolve_policy_fault(
        &self,
        policy: Policy,
        how: Resolution,
        who: &str,
    ) -> Result<(), StorageError> {
        let mut policy = policy;
        // Keep the device's secrets where the unreadable text still shows them, so codes
        // and customer matching go on working; otherwise new ones.
        if let Some(fault) = &self.policy_fault {
            for (secret, key) in [
                (&mut policy.approval_key, "approval_key"),
                (&mut policy.customer_salt, "customer_salt"),
            ] {
                if secret.is_empty() {
                    *secret = secret_in(&fault.stored, key).unwrap_or_default();
                }
            }
        }
        let policy = with_secrets(policy);
        let by = match how {
            Resolution::FromFile => Replaced::FromFile,
            Resolution::Preset => Replaced::Preset,
        };
        let entry = AuditEntry::new(now_ms(), who, Event::PolicyReplaced { by });
        self.write_policy(policy, vec![entry]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_found_in_a_truncated_or_newer_policy_text() {
        let text = "{\"schema\": 9, \"customer_salt\": \"ab12\", \"approval_key\": \"\"";
        assert_eq!(secret_in(text, "customer_salt").as_deref(), Some("ab12"));
        assert_eq!(secret_in(text, "approval_key"), None);
        assert_eq!(secret_in("{\"customer_salt\": \"ab", "customer_salt"), None);
        assert_eq!(
            secret_in("{\"customer_salt\": \"x<y\"}", "customer_salt"),
            None
        );
        assert_eq!(secret_in("", "customer_salt"), None);
    }

    #[test]
    fn an_unreadable_policy_is_kept_and_staff_get_the_lowest_limits() {
        for text in ["{\"schema\":1,\"name\":\"Sho", "{\"schema\":99}"] {
            let (policy, fault) = load(text.into());
            let fault = fault.expect("a fault, not the preset");
            assert_eq!(fault.stored, text);
            let lowest = policy.roles.iter().map(|r| r.per_incident.minor).min();
            assert!(policy
                .roles
                .iter()
                .all(|r| Some(r.per_incident.minor) == lowest));
        }
        assert!(load(
            amends_domain::Policy::conservative_retail(amends_domain::Currency::USD).to_json()
        )
        .1
        .is_none());
    }
}
