//! The chain's policy and a store's: a store may tighten the chain's defaults, never loosen
//! them. `validate_doc_update` cannot check this (it sees one document), so the device
//! merges the two here and reports every loosening it ignored, by field.
//!
//! Tighter means: lower limits, fewer remedy kinds per role, approval rights only where the
//! chain gives them, a remedy offered only if both offer it and outside limits only if both
//! say so, lower option shares and ceiling, a smaller gesture, a longer customer window and
//! shift (limits count more). The store names itself, picks its language and may keep
//! records for less time. Everything else is the chain's. Secrets (approval key, salts)
//! are not in either document: they stay the device's.

use super::SyncError;
use crate::policy::{Field, Policy, RoleField, SettingField};

/// The merged policy and the store's settings that were ignored because they loosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tightened {
    pub policy: Policy,
    /// Fields of the store's policy (by its own positions) that would have loosened.
    pub loosened: Vec<Field>,
}

/// Merges `store` (if any) into `chain`; the approval key and salts come from `device`.
pub fn tighten(
    chain: &Policy,
    store: Option<&Policy>,
    device: &Policy,
) -> Result<Tightened, SyncError> {
    let mut p = chain.clone();
    let mut loosened = Vec::new();
    if let Some(s) = store {
        if s.currency != chain.currency {
            loosened.push(Field::Currency);
        } else {
            merge(&mut p, s, &mut loosened);
        }
    }
    p.approval_key = device.approval_key.clone();
    p.customer_salt = device.customer_salt.clone();
    p.former_salts = device.former_salts.clone();
    p.validate()
        .map_err(|e| SyncError::Policy(format!("{}: {e}", e.field)))?;
    Ok(Tightened {
        policy: p,
        loosened,
    })
}

fn merge(p: &mut Policy, s: &Policy, loosened: &mut Vec<Field>) {
    p.name = s.name.clone();
    p.store = s.store.clone();
    p.locale = s.locale.clone().or(p.locale.take());
    p.retention_months = match (p.retention_months, s.retention_months) {
        (Some(c), Some(x)) => Some(c.min(x)),
        (c, x) => x.or(c),
    };
    for (i, sr) in s.roles.iter().enumerate() {
        let at = |f| Field::Role(crate::policy::at(i), f);
        let Some(r) = p.roles.iter_mut().find(|r| r.id == sr.id) else {
            loosened.push(at(RoleField::Id));
            continue;
        };
        for (mine, theirs, f) in [
            (&mut r.per_incident, sr.per_incident, RoleField::PerIncident),
            (&mut r.per_shift, sr.per_shift, RoleField::PerShift),
            (&mut r.per_customer, sr.per_customer, RoleField::PerCustomer),
        ] {
            if theirs.minor > mine.minor {
                loosened.push(at(f));
            } else {
                *mine = theirs;
            }
        }
        if sr.allowed.iter().any(|k| !r.allowed.contains(k)) {
            loosened.push(at(RoleField::Allowed));
        }
        r.allowed.retain(|k| sr.allowed.contains(k));
        if sr.approves && !r.approves {
            loosened.push(at(RoleField::Approves));
        }
        r.approves &= sr.approves;
    }
    for (i, se) in s.catalogue.iter().enumerate() {
        let at = |f| Field::Entry(crate::policy::at(i), f);
        let Some(e) = p.catalogue.iter_mut().find(|e| e.kind == se.kind) else {
            loosened.push(at(crate::policy::EntryField::Kind));
            continue;
        };
        if (se.enabled && !e.enabled) || (se.outside_limits && !e.outside_limits) {
            loosened.push(at(if se.enabled && !e.enabled {
                crate::policy::EntryField::Enabled
            } else {
                crate::policy::EntryField::OutsideLimits
            }));
        }
        e.enabled &= se.enabled;
        e.outside_limits &= se.outside_limits;
        if !e.enabled {
            for r in &mut p.roles {
                r.allowed.retain(|k| *k != se.kind);
            }
        }
    }
    let (c, x) = (&mut p.settings, &s.settings);
    for (mine, theirs, f) in [
        (&mut c.ceiling, x.ceiling, SettingField::Ceiling),
        (&mut c.generous, x.generous, SettingField::Generous),
        (&mut c.recommended, x.recommended, SettingField::Recommended),
        (&mut c.fair, x.fair, SettingField::Fair),
    ] {
        if theirs > *mine {
            loosened.push(Field::Setting(f));
        } else {
            *mine = theirs;
        }
    }
    // Each share stays within the next (the order the calculator needs).
    c.generous = c.generous.min(c.ceiling);
    c.recommended = c.recommended.min(c.generous);
    c.fair = c.fair.min(c.recommended);
    if x.gesture_minor > c.gesture_minor {
        loosened.push(Field::Setting(SettingField::Gesture));
    }
    c.gesture_minor = c.gesture_minor.min(x.gesture_minor);
    for (mine, theirs, f) in [
        (
            &mut c.customer_window_days,
            x.customer_window_days,
            SettingField::CustomerWindowDays,
        ),
        (&mut c.shift_hours, x.shift_hours, SettingField::ShiftHours),
    ] {
        if theirs < *mine {
            loosened.push(Field::Setting(f));
        } else {
            *mine = theirs;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Currency, Money};
    use crate::remedy::RemedyKind;
    use crate::share::Bp;

    fn chain() -> Policy {
        Policy::conservative_retail(Currency::EUR)
    }

    #[test]
    fn a_store_tightens_limits_and_its_loosenings_are_ignored_and_named() {
        let c = chain();
        let mut s = chain();
        s.name = "Uppsala".into();
        s.store = "Main St".into();
        s.roles[0].per_incident = Money::new(2_000, Currency::EUR); // 20 < 50: tighter
        s.roles[0].per_shift = Money::new(90_000, Currency::EUR); // 900 > 200: looser
        s.roles[0].allowed.retain(|k| *k != RemedyKind::StoreCredit);
        s.roles[0].allowed.push(RemedyKind::FeeWaiver); // not the chain's: looser
        s.roles[1].approves = true; // looser
        s.settings.ceiling = Bp::percent(120);
        s.settings.generous = Bp::percent(200); // looser, and clamped to the ceiling anyway
        s.settings.customer_window_days = 60; // longer: tighter
        s.settings.shift_hours = 4; // shorter: looser
        let mut device = chain();
        device.approval_key = "a".repeat(64);
        let t = tighten(&c, Some(&s), &device).unwrap();
        let r = &t.policy.roles[0];
        assert_eq!(r.per_incident.minor, 2_000);
        assert_eq!(r.per_shift, c.roles[0].per_shift);
        assert!(!r.allowed.contains(&RemedyKind::StoreCredit));
        assert!(!r.allowed.contains(&RemedyKind::FeeWaiver));
        assert!(!t.policy.roles[1].approves);
        assert_eq!(t.policy.settings.ceiling, Bp::percent(120));
        assert_eq!(t.policy.settings.generous, Bp::percent(120));
        assert_eq!(t.policy.settings.recommended, Bp::percent(120));
        assert_eq!(t.policy.settings.customer_window_days, 60);
        assert_eq!(t.policy.settings.shift_hours, c.settings.shift_hours);
        assert_eq!(
            (t.policy.name.as_str(), t.policy.store.as_str()),
            ("Uppsala", "Main St")
        );
        assert_eq!(
            t.policy.approval_key, device.approval_key,
            "secrets stay the device's"
        );
        assert_eq!(
            t.loosened,
            [
                Field::Role(0, RoleField::PerShift),
                Field::Role(0, RoleField::Allowed),
                Field::Role(1, RoleField::Approves),
                Field::Setting(SettingField::Generous),
                Field::Setting(SettingField::ShiftHours),
            ]
        );
    }

    #[test]
    fn no_store_policy_or_another_currency_leaves_the_chains() {
        let c = chain();
        let t = tighten(&c, None, &c).unwrap();
        assert_eq!((t.policy, t.loosened), (c.clone(), vec![]));
        let mut roles = chain();
        roles.roles[0].id = "intern".into();
        roles.roles[0].per_incident = Money::new(999_999, Currency::EUR);
        let t = tighten(&c, Some(&roles), &c).unwrap();
        assert_eq!(
            t.policy.roles, c.roles,
            "a role the chain does not have is not added"
        );
        assert_eq!(t.loosened, [Field::Role(0, RoleField::Id)]);
        let usd = Policy::conservative_retail(Currency::USD);
        let t = tighten(&c, Some(&usd), &c).unwrap();
        assert_eq!((t.policy, t.loosened), (c, vec![Field::Currency]));
    }

    #[test]
    fn a_store_disabling_a_remedy_takes_it_from_every_role() {
        let c = chain();
        let mut s = chain();
        let i = s
            .catalogue
            .iter()
            .position(|e| e.kind == RemedyKind::StoreCredit)
            .unwrap();
        s.catalogue[i].enabled = false;
        let t = tighten(&c, Some(&s), &c).unwrap();
        assert!(!t.policy.entry(RemedyKind::StoreCredit).unwrap().enabled);
        assert!(t
            .policy
            .roles
            .iter()
            .all(|r| !r.allowed.contains(&RemedyKind::StoreCredit)));
        assert!(t.loosened.is_empty());
    }

    #[test]
    fn a_merge_that_leaves_no_approver_is_refused() {
        let c = chain();
        let mut s = chain();
        for r in &mut s.roles {
            r.approves = false;
        }
        assert!(matches!(
            tighten(&c, Some(&s), &c),
            Err(SyncError::Policy(_))
        ));
    }
}
