//! Words for the domain's policy paths, values, changes and audit events (manager pages).
//!
//! One place turns a typed [`Field`] into what a manager reads ("Associate: Limit per
//! incident"): the editor's list of problems, the import preview, another tab's change
//! and the audit all use it. Amounts are money, shares percentages, remedies names.

use amends_domain::audit::{AuditEntry, Event, Replaced};
use amends_domain::policy::{
    AcceptedField as A, Change, EntryField as E, Field, Of, RoleField as R, SettingField as S,
    Value,
};

use super::manager::{t, tf, Msg};
use crate::services::intl::{count, figure, fmt, Figure};

fn role_field(x: R) -> Msg {
    match x {
        R::Id => Msg::RoleId,
        R::Name => Msg::RoleName,
        R::PerIncident => Msg::PerIncident,
        R::PerShift => Msg::PerShift,
        R::PerCustomer => Msg::PerCustomer,
        R::Allowed => Msg::AllowedLegend,
        R::Approves => Msg::Approves,
    }
}

fn entry_field(x: E) -> Msg {
    match x {
        E::Kind | E::Enabled => Msg::Offered,
        E::CostShare => Msg::CostShare,
        E::Fits => Msg::Fits,
        E::DiscountPercent => Msg::DiscountPercent,
        E::OutsideLimits => Msg::OutsideLimits,
    }
}

fn setting_field(x: S) -> Msg {
    match x {
        S::Fair => Msg::Fair,
        S::Recommended => Msg::Recommended,
        S::Generous => Msg::Generous,
        S::Ceiling => Msg::Ceiling,
        S::KeepsItemFactor => Msg::KeepsItemFactor,
        S::RepeatRule => Msg::RepeatRule,
        S::NotResponsible => Msg::NotResponsible,
        S::CustomerWindowDays => Msg::WindowDays,
        S::ShiftHours => Msg::ShiftHours,
        S::RoundUp => Msg::RoundUp,
        S::ManagerApologyFrom => Msg::ApologyFrom,
        S::Gesture => Msg::Gesture,
    }
}

/// Whose field it is, in words: a role's name, a remedy, a currency code.
pub fn of(o: &Of) -> String {
    match o {
        Of::Role(name) => name.clone(),
        Of::Remedy(k) => super::remedy(*k).into(),
        Of::Currency(c) => c.code().into(),
    }
}

/// What a manager calls the field `f`: "Associate: Limit per incident". `group` names the
/// role, remedy or currency it belongs to (without one, a role is "Role 2" and an accepted
/// currency is numbered); `currency` is the policy's own, for the exchange-rate label.
pub fn field(f: Field, group: Option<&str>, currency: &str) -> String {
    let n = |i: u16| count(usize::from(i) + 1);
    let within = |group: &str, m: Msg| tf(Msg::FieldIn, &[("group", group), ("field", t(m))]);
    match (f, group) {
        (Field::Role(_, x), Some(g)) => within(g, role_field(x)),
        (Field::Role(i, x), None) => within(&tf(Msg::RoleN, &[("n", &n(i))]), role_field(x)),
        (Field::Entry(_, x), Some(g)) => within(g, entry_field(x)),
        (Field::Entry(..), None) => f.to_string(),
        (Field::Accepted(_, x), Some(g)) => within(
            g,
            match x {
                A::Currency => Msg::Currency,
                A::Rate => Msg::RateShort,
                A::SetOn => Msg::SetOnShort,
            },
        ),
        (Field::Accepted(i, x), None) => {
            let n = n(i);
            match x {
                A::Rate => tf(Msg::CurrencyRate, &[("n", &n), ("currency", currency)]),
                A::SetOn => tf(Msg::CurrencySetOn, &[("n", &n)]),
                A::Currency => tf(Msg::CurrencyCode, &[("n", &n)]),
            }
        }
        (Field::Severity(i), _) => tf(Msg::SeverityAdjust, &[("n", &count(i + 1))]),
        (Field::Tier(i), _) => tf(
            Msg::TierAdjust,
            &[(
                "tier",
                amends_domain::Tier::ALL
                    .get(usize::from(i))
                    .map_or("", |x| super::tier(*x)),
            )],
        ),
        (Field::Setting(x), _) => t(setting_field(x)).into(),
        (Field::Policy, _) => t(Msg::WholePolicy).into(),
        (Field::Schema, _) => t(Msg::SchemaField).into(),
        (Field::Name, _) => t(Msg::PolicyName).into(),
        (Field::Store, _) => t(Msg::StoreName).into(),
        (Field::Currency, _) => t(Msg::Currency).into(),
        (Field::RetentionMonths, _) => t(Msg::Retention).into(),
        (Field::ApprovalKey, _) => t(Msg::ApprovalKey).into(),
        (Field::CustomerSalt, _) => t(Msg::CustomerSalt).into(),
        (Field::Locale, _) => t(Msg::StoreLanguage).into(),
        (Field::Roles, _) => t(Msg::RolesTitle).into(),
    }
}

/// A setting's value as a manager reads it: "$75.00", "120%", "yes", "Full refund, …".
pub fn value(v: &Value) -> String {
    let list = |names: Vec<&str>| {
        if names.is_empty() {
            t(Msg::ValueNone).to_string()
        } else {
            names.join(", ")
        }
    };
    match v {
        Value::None => t(Msg::ValueNone).into(),
        Value::Text(s) if s.is_empty() => t(Msg::ValueNone).into(),
        Value::Text(s) | Value::Date(s) => s.clone(),
        Value::Money(m) => fmt(*m),
        Value::Share(b) => figure(i64::from(b.0), 4, Figure::Percent2),
        Value::Change(b) => figure(i64::from(b.0), 4, Figure::SignedPercent),
        Value::Count(n) => count(*n),
        Value::Flag(on) => t(if *on { Msg::ValueYes } else { Msg::ValueNo }).into(),
        Value::Currency(c) => c.code().into(),
        Value::Kinds(k) => list(k.iter().map(|k| super::remedy(*k)).collect()),
        Value::Fits(f) => list(f.iter().map(|f| super::failure(*f)).collect()),
        Value::Rate(r) => amends_domain::recommend::rate_text(*r),
        Value::Secret => t(Msg::ValueSecret).into(),
    }
}

/// One change: "Associate: Limit per incident $50.00 → $75.00".
pub fn change(c: &Change, currency: &str) -> String {
    let group = c.of.as_ref().map(of);
    tf(
        Msg::AuditChange,
        &[
            ("field", &field(c.field, group.as_deref(), currency)),
            ("from", &value(&c.from)),
            ("to", &value(&c.to)),
        ],
    )
}

/// What an audit entry records, in words. `role` names a role id (the policy's name for
/// it, or the id of a role that no longer exists).
pub fn event(e: &AuditEntry, role: &dyn Fn(&str) -> String, currency: &str) -> String {
    let n = |x: u64| count(x);
    match &e.event {
        Event::PolicyChanged(c) => change(c, currency),
        Event::SetUp { policy } => tf(Msg::AuditSetUp, &[("policy", policy)]),
        Event::PolicyReplaced { by } => t(match by {
            Replaced::FromFile => Msg::AuditReplacedFile,
            Replaced::Preset => Msg::AuditReplacedPreset,
        })
        .into(),
        Event::PinChanged => t(Msg::AuditPin).into(),
        Event::RoleChanged { staff, from, to } => {
            let name = |r: &Option<String>| r.as_deref().map_or(t(Msg::ValueNone).into(), role);
            match to {
                Some(_) => tf(
                    Msg::AuditRole,
                    &[("staff", staff), ("from", &name(from)), ("to", &name(to))],
                ),
                None => tf(
                    Msg::AuditRoleRemoved,
                    &[("staff", staff), ("from", &name(from))],
                ),
            }
        }
        Event::Erased { count } => tf(Msg::AuditErased, &[("n", &n(*count))]),
        Event::Retention { removed, months } => tf(
            Msg::AuditRetention,
            &[("n", &n(*removed)), ("months", &n(u64::from(*months)))],
        ),
        Event::Imported { records } => tf(Msg::AuditImported, &[("n", &n(*records))]),
        Event::Restored {
            records,
            staff,
            audit,
        } => tf(
            Msg::AuditRestored,
            &[
                ("records", &n(*records)),
                ("staff", &n(*staff)),
                ("audit", &n(*audit)),
            ],
        ),
        Event::SyncConflict {
            record,
            kept,
            dropped,
            outcome,
        } => tf(
            Msg::AuditSyncConflict,
            &[
                ("record", record),
                ("kept", kept),
                ("dropped", dropped),
                ("outcome", outcome),
            ],
        ),
        #[cfg(feature = "chain")]
        Event::RemoteApproval {
            reference,
            approved,
            by,
            reason,
        } => tf(
            if *approved {
                Msg::AuditRemoteApproved
            } else {
                Msg::AuditRemoteDeclined
            },
            &[("reference", reference), ("by", by), ("reason", reason)],
        ),
        Event::Legacy { field, old, new } => tf(
            Msg::AuditLegacy,
            &[("field", field), ("old", old), ("new", new)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::policy::diff;
    use amends_domain::{Currency, Money, Policy};

    #[test]
    fn a_limit_change_reads_as_money_for_the_role() {
        let a = Policy::conservative_retail(Currency::USD);
        let mut b = a.clone();
        b.roles[0].per_incident = Money::new(7500, Currency::USD);
        b.settings.fair = amends_domain::Bp(9050);
        b.roles[1].allowed.clear();
        let d = diff(&a, &b);
        let words: Vec<String> = d.iter().map(|c| change(c, "USD")).collect();
        // Natively amounts are "50.00 USD"; in the browser Intl writes "$50.00".
        assert_eq!(
            words[0],
            "Associate: Limit per incident 50.00 USD \u{2192} 75.00 USD"
        );
        assert!(words[1].starts_with("Senior associate: "), "{words:?}");
        assert!(words[1].ends_with("\u{2192} none"), "{words:?}");
        assert_eq!(words[2], "Fair (% of the loss) 100% \u{2192} 90.5%");
        for w in &words {
            assert!(!w.contains("minor") && !w.contains('_'), "{w}");
        }
    }

    #[test]
    fn every_event_is_worded_without_technical_names() {
        let role = |id: &str| {
            if id == "associate" {
                "Associate".to_string()
            } else {
                id.to_string()
            }
        };
        let events = [
            Event::SetUp {
                policy: "Conservative retail".into(),
            },
            Event::PolicyReplaced {
                by: Replaced::FromFile,
            },
            Event::PolicyReplaced {
                by: Replaced::Preset,
            },
            Event::PinChanged,
            Event::RoleChanged {
                staff: "Sam".into(),
                from: Some("associate".into()),
                to: Some("supervisor".into()),
            },
            Event::RoleChanged {
                staff: "Sam".into(),
                from: Some("associate".into()),
                to: None,
            },
            Event::Erased { count: 2 },
            Event::Retention {
                removed: 3,
                months: 24,
            },
            Event::Imported { records: 4 },
            Event::Restored {
                records: 1,
                staff: 2,
                audit: 3,
            },
        ];
        for ev in events {
            let w = event(&AuditEntry::new(1, "Mo", ev), &role, "USD");
            assert!(!w.contains('{') && !w.contains('_'), "{w}");
        }
        let w = event(
            &AuditEntry::new(
                1,
                "Mo",
                Event::RoleChanged {
                    staff: "Sam".into(),
                    from: Some("associate".into()),
                    to: Some("supervisor".into()),
                },
            ),
            &role,
            "USD",
        );
        assert_eq!(w, "Role of Sam: Associate \u{2192} supervisor");
        let legacy = Event::Legacy {
            field: "erase".into(),
            old: "1 records".into(),
            new: "erased".into(),
        };
        let w = event(&AuditEntry::new(1, "Mo", legacy), &role, "USD");
        assert!(w.starts_with("erase: 1 records \u{2192} erased"), "{w}");
    }

    #[test]
    fn fields_without_a_group_are_numbered() {
        assert_eq!(
            field(Field::Role(1, R::PerShift), None, "USD"),
            "Role 2: Limit per shift"
        );
        assert_eq!(
            field(Field::Accepted(0, A::Rate), None, "USD"),
            "Rate of currency 1 in USD"
        );
        assert_eq!(
            field(Field::Accepted(0, A::Rate), Some("EUR"), "USD"),
            "EUR: Exchange rate"
        );
    }
}
