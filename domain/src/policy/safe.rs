//! The policy staff work under while the stored one cannot be read: every role held to the
//! lowest role's limits, so nothing an unreadable policy forbade becomes allowed.

use super::Policy;
use crate::money::Currency;

impl Policy {
    /// The Conservative retail preset in `currency` with every role limited to the least
    /// any role may give: the smallest of each limit and only the remedy kinds every role
    /// may give. Role ids stay, so staff keep their role; no secrets (never saved).
    pub fn fail_safe(currency: Currency) -> Policy {
        let mut p = Policy::conservative_retail(currency);
        let lowest = |f: fn(&super::Role) -> i64| p.roles.iter().map(f).min().unwrap_or(0);
        let incident = lowest(|r| r.per_incident.minor);
        let shift = lowest(|r| r.per_shift.minor);
        let customer = lowest(|r| r.per_customer.minor);
        let allowed: Vec<_> = p
            .roles
            .first()
            .map(|r| r.allowed.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|k| p.roles.iter().all(|r| r.allowed.contains(k)))
            .collect();
        for r in &mut p.roles {
            r.per_incident.minor = incident;
            r.per_shift.minor = shift;
            r.per_customer.minor = customer;
            r.allowed = allowed.clone();
        }
        p.approval_key.clear();
        p.customer_salt.clear();
        p
    }
}

impl Policy {
    /// Keeps the salts of `old` (its current and former ones) that this policy no longer
    /// uses, so that a policy replaced by an import still finds the old customers.
    pub fn keep_salts_of(&mut self, old: &Policy) {
        let olds = std::iter::once(&old.customer_salt).chain(&old.former_salts);
        for salt in olds {
            if !salt.is_empty() && *salt != self.customer_salt && !self.former_salts.contains(salt)
            {
                self.former_salts.push(salt.clone());
            }
        }
    }

    /// Every salt customer references may have been hashed with here, current first.
    pub fn salts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.customer_salt.as_str())
            .chain(self.former_salts.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 11 #5: importing another device's policy changed the salt and lost the customers.
    #[test]
    fn a_new_salt_keeps_the_old_ones() {
        let mut here = Policy::conservative_retail(Currency::USD);
        here.customer_salt = "aa".into();
        here.former_salts = vec!["00".into()];
        let mut imported = Policy::conservative_retail(Currency::USD);
        imported.customer_salt = "bb".into();
        imported.keep_salts_of(&here);
        assert_eq!(imported.salts().collect::<Vec<_>>(), ["bb", "aa", "00"]);
        // Saving again with the same salt adds nothing.
        let again = imported.clone();
        imported.keep_salts_of(&again);
        assert_eq!(imported.former_salts, ["aa", "00"]);
        // A salt in use is never a former one.
        let mut back = here.clone();
        back.keep_salts_of(&imported);
        assert_eq!(back.salts().collect::<Vec<_>>(), ["aa", "00", "bb"]);
    }

    #[test]
    fn every_role_gets_the_lowest_limits_of_the_preset() {
        let preset = Policy::conservative_retail(Currency::USD);
        let safe = Policy::fail_safe(Currency::USD);
        assert_eq!(safe.roles.len(), preset.roles.len());
        let min_incident = preset.roles.iter().map(|r| r.per_incident.minor).min();
        let min_shift = preset.roles.iter().map(|r| r.per_shift.minor).min();
        for (s, p) in safe.roles.iter().zip(&preset.roles) {
            assert_eq!(s.id, p.id, "staff keep their role id");
            assert_eq!(Some(s.per_incident.minor), min_incident);
            assert_eq!(Some(s.per_shift.minor), min_shift);
            assert!(s.per_incident.minor <= p.per_incident.minor);
            assert!(s.per_customer.minor <= p.per_customer.minor);
            assert!(s.allowed.iter().all(|k| p.allowed.contains(k)));
        }
        // The manager's role is held to the associate's limits too.
        let top = preset.roles.iter().map(|r| r.per_incident.minor).max();
        assert!(min_incident < top);
        assert!(safe.approval_key.is_empty() && safe.customer_salt.is_empty());
        assert!(safe.validate().is_ok());
    }
}
