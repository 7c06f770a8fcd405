//! Where in a policy: one typed path for validation (which field breaks a rule), the
//! editor (which control shows the problem) and the audit (which setting changed).

use std::fmt;
use std::str::FromStr;

crate::slug_enum! {
    /// A field of a role.
    RoleField {
        Id = "id",
        Name = "name",
        PerIncident = "per_incident",
        PerShift = "per_shift",
        PerCustomer = "per_customer",
        Allowed = "allowed",
        Approves = "approves",
    }
}

crate::slug_enum! {
    /// A field of a remedy in the catalogue.
    EntryField {
        Kind = "kind",
        Enabled = "enabled",
        CostShare = "cost_share",
        Fits = "fits",
        DiscountPercent = "discount_percent",
        OutsideLimits = "outside_limits",
    }
}

crate::slug_enum! {
    /// A field of an accepted currency.
    AcceptedField {
        Currency = "currency",
        Rate = "rate_millionths",
        SetOn = "set_on",
    }
}

crate::slug_enum! {
    /// One of the calculator's settings (the per-severity and per-tier ones are [`Field`]s
    /// of their own, with their index).
    SettingField {
        Fair = "fair",
        Recommended = "recommended",
        Generous = "generous",
        Ceiling = "ceiling",
        KeepsItemFactor = "keeps_item_factor",
        RepeatRule = "repeat_rule",
        NotResponsible = "not_responsible",
        CustomerWindowDays = "customer_window_days",
        ShiftHours = "shift_hours",
        RoundUp = "round_up",
        ManagerApologyFrom = "manager_apology_from",
        Gesture = "gesture_minor",
    }
}

/// A field of a policy. Roles, remedies and currencies are addressed by their position in
/// the policy. `Display` is the path in the policy file (`roles[1].per_incident`), for
/// logs, files, element ids and the stored audit; [`FromStr`] reads it back (and nothing
/// else). People read a field through the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The policy as a whole (a file that cannot be read as one).
    Policy,
    Schema,
    Name,
    /// The store's name, written on every exported row.
    Store,
    Currency,
    RetentionMonths,
    ApprovalKey,
    CustomerSalt,
    /// The store's default language.
    Locale,
    /// The list of roles: none, or none that approves.
    Roles,
    Role(u16, RoleField),
    Entry(u16, EntryField),
    Accepted(u16, AcceptedField),
    Setting(SettingField),
    /// Added to every share at a severity (0 = severity 1).
    Severity(u8),
    /// Added to every share for a customer tier (index in `Tier::ALL`).
    Tier(u8),
}

/// An index as a path holds it (more roles or remedies than this cannot be edited anyway).
pub fn at(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Policy => f.write_str("policy"),
            Field::Schema => f.write_str("schema"),
            Field::Name => f.write_str("name"),
            Field::Store => f.write_str("store"),
            Field::Currency => f.write_str("currency"),
            Field::RetentionMonths => f.write_str("retention_months"),
            Field::ApprovalKey => f.write_str("approval_key"),
            Field::CustomerSalt => f.write_str("customer_salt"),
            Field::Locale => f.write_str("locale"),
            Field::Roles => f.write_str("roles"),
            Field::Role(i, x) => write!(f, "roles[{i}].{x}"),
            Field::Entry(i, x) => write!(f, "catalogue[{i}].{x}"),
            Field::Accepted(i, x) => write!(f, "accepted_currencies[{i}].{x}"),
            Field::Setting(x) => write!(f, "settings.{x}"),
            Field::Severity(i) => write!(f, "settings.severity[{i}]"),
            Field::Tier(i) => write!(f, "settings.tier[{i}]"),
        }
    }
}

/// Not a path `Display` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownField;

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Field, UnknownField> {
        // "roles[1].per_incident" -> (1, "per_incident")
        let item = |prefix: &str| -> Option<(u16, &str)> {
            let (i, x) = s.strip_prefix(prefix)?.split_once("].")?;
            Some((i.parse().ok()?, x))
        };
        // "settings.severity[1]" -> 1
        let index = |prefix: &str| s.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok();
        let f = if let Some((i, x)) = item("roles[") {
            RoleField::from_slug(x).map(|x| Field::Role(i, x))
        } else if let Some((i, x)) = item("catalogue[") {
            EntryField::from_slug(x).map(|x| Field::Entry(i, x))
        } else if let Some((i, x)) = item("accepted_currencies[") {
            AcceptedField::from_slug(x).map(|x| Field::Accepted(i, x))
        } else if let Some(i) = index("settings.severity[") {
            Some(Field::Severity(i))
        } else if let Some(i) = index("settings.tier[") {
            Some(Field::Tier(i))
        } else if let Some(x) = s.strip_prefix("settings.") {
            SettingField::from_slug(x).map(Field::Setting)
        } else {
            [
                Field::Policy,
                Field::Schema,
                Field::Name,
                Field::Store,
                Field::Currency,
                Field::RetentionMonths,
                Field::ApprovalKey,
                Field::CustomerSalt,
                Field::Locale,
                Field::Roles,
            ]
            .into_iter()
            .find(|f| f.to_string() == s)
        };
        f.ok_or(UnknownField)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_policy_file() {
        assert_eq!(
            Field::Role(1, RoleField::PerIncident).to_string(),
            "roles[1].per_incident"
        );
        assert_eq!(
            Field::Entry(0, EntryField::CostShare).to_string(),
            "catalogue[0].cost_share"
        );
        assert_eq!(
            Field::Accepted(2, AcceptedField::Rate).to_string(),
            "accepted_currencies[2].rate_millionths"
        );
        assert_eq!(
            Field::Setting(SettingField::Gesture).to_string(),
            "settings.gesture_minor"
        );
        assert_eq!(Field::Severity(4).to_string(), "settings.severity[4]");
        assert_eq!(Field::RetentionMonths.to_string(), "retention_months");
    }

    #[test]
    fn every_path_reads_back_and_nothing_else_does() {
        use crate::money::Currency;
        let mut p = crate::policy::Policy::conservative_retail(Currency::USD);
        p.accepted_currencies.push(crate::policy::AcceptedCurrency {
            currency: Currency::EUR,
            rate_millionths: 1,
            set_on: "2026-01-01".into(),
        });
        let mut all: Vec<Field> = p.fields().into_iter().map(|(f, ..)| f).collect();
        all.extend([Field::Policy, Field::Roles]);
        assert!(all.len() > 100);
        for f in all {
            assert_eq!(f.to_string().parse(), Ok(f), "{f}");
        }
        for bad in [
            "",
            "roles[x].name",
            "roles[0].salary",
            "roles[0]",
            "settings.severity[]",
            "settings.wage",
            "roles[0].per_incident.minor",
            "catalogue[70000].kind",
        ] {
            assert_eq!(bad.parse::<Field>(), Err(UnknownField), "{bad}");
        }
    }
}
