//! The rules of a valid policy: every broken one names its field (a typed [`Field`]) and
//! the rule (a typed [`Rule`] the UI words).

use std::fmt;

use thiserror::Error;

use super::path::{
    at, AcceptedField as A, EntryField as E, Field, RoleField as R, SettingField as S,
};
use super::{Policy, POLICY_SCHEMA};
use crate::money::{Currency, Money};
use crate::remedy::RemedyKind;
use crate::share::Bp;

/// A field that breaks a rule: `roles[1].per_incident` / `exceeds per_shift`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{field} {rule}")]
pub struct PolicyError {
    pub field: Field,
    pub rule: Rule,
}

impl PolicyError {
    pub fn new(field: Field, rule: Rule) -> PolicyError {
        PolicyError { field, rule }
    }
}

/// A rule of a valid policy, as broken by one field. Typed, so the UI words each rule
/// with an exhaustive `match`; `Display` is the English for logs and files.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum Rule {
    #[error("must be {0}")]
    Schema(u32),
    #[error("is missing")]
    Missing,
    #[error("must not be empty")]
    Empty,
    #[error("must have at least one role")]
    NoRole,
    #[error("need at least one role that approves")]
    NoApprover,
    #[error("must be lowercase letters, digits and dashes")]
    BadId,
    #[error("is used by another role")]
    IdTaken,
    #[error("must be in {0}")]
    Currency(Currency),
    #[error("must not be negative")]
    Negative,
    #[error("is too large")]
    TooLarge,
    /// Must not be more than another setting.
    #[error("exceeds {0}")]
    Exceeds(Setting),
    #[error("{0} is not in the catalogue")]
    NotInCatalogue(RemedyKind),
    #[error("is listed twice")]
    Twice,
    #[error("must name at least one failure type")]
    NoFit,
    #[error("must be between {0} and {1}")]
    Between(Bound, Bound),
    #[error("must be at most {0}")]
    AtMost(Bound),
    #[error("must be 64 hexadecimal digits")]
    BadKey,
    #[error("must be more than zero")]
    NotPositive,
    #[error("must be a date like 2026-01-31")]
    BadDate,
    /// The file's text could not be read as this field (the parser's words).
    #[error("{0}")]
    Unreadable(String),
}

/// A setting another must not exceed; `Display` is its field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    PerShift,
    PerCustomer,
    Recommended,
    Generous,
    Ceiling,
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Setting::PerShift => "per_shift",
            Setting::PerCustomer => "per_customer",
            Setting::Recommended => "recommended",
            Setting::Generous => "generous",
            Setting::Ceiling => "ceiling",
        })
    }
}

/// One end of a range a rule allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// A share: "0%", "100%".
    Share(Bp),
    /// A change by a share, signed: "-100%", "+100%".
    Change(Bp),
    /// A count: days, hours, months, a severity level.
    Count(i64),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Share(b) => f.write_str(&b.describe(false)),
            Bound::Change(b) => f.write_str(&b.describe(true)),
            Bound::Count(n) => write!(f, "{n}"),
        }
    }
}

/// Why a policy file could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("this is not a policy file: {0}")]
    NotJson(String),
    #[error("this policy was made by a newer version of Amends (schema {0})")]
    TooNew(u32),
    #[error("{0}")]
    Invalid(#[from] PolicyError),
}

fn err(field: Field, rule: Rule) -> PolicyError {
    PolicyError { field, rule }
}

fn share_range(lo: i32, hi: i32) -> Rule {
    Rule::Between(Bound::Share(Bp(lo)), Bound::Share(Bp(hi)))
}

fn change_range(lo: i32, hi: i32) -> Rule {
    Rule::Between(Bound::Change(Bp(lo)), Bound::Change(Bp(hi)))
}

fn count_range(lo: i64, hi: i64) -> Rule {
    Rule::Between(Bound::Count(lo), Bound::Count(hi))
}

impl Policy {
    /// Check every rule; the first broken one names its field.
    pub fn validate(&self) -> Result<(), PolicyError> {
        self.validate_all().into_iter().next().map_or(Ok(()), Err)
    }

    /// Every broken rule, for showing errors beside each field in the editor.
    pub fn validate_all(&self) -> Vec<PolicyError> {
        let mut out = Vec::new();
        let cur = self.currency;
        if self.schema != POLICY_SCHEMA {
            out.push(err(Field::Schema, Rule::Schema(POLICY_SCHEMA)));
        }
        if self.name.trim().is_empty() {
            out.push(err(Field::Name, Rule::Empty));
        }
        if self.store.chars().count() as i64 > super::STORE_MAX_CHARS {
            out.push(err(
                Field::Store,
                Rule::AtMost(Bound::Count(super::STORE_MAX_CHARS)),
            ));
        }
        if self.roles.is_empty() {
            out.push(err(Field::Roles, Rule::NoRole));
        }
        if !self.roles.iter().any(|r| r.approves) {
            out.push(err(Field::Roles, Rule::NoApprover));
        }
        for (i, r) in self.roles.iter().enumerate() {
            let f = |x| Field::Role(at(i), x);
            if r.id.is_empty()
                || !r
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                out.push(err(f(R::Id), Rule::BadId));
            }
            if self.roles[..i].iter().any(|o| o.id == r.id) {
                out.push(err(f(R::Id), Rule::IdTaken));
            }
            if r.name.trim().is_empty() {
                out.push(err(f(R::Name), Rule::Empty));
            }
            for (name, m) in [
                (R::PerIncident, r.per_incident),
                (R::PerShift, r.per_shift),
                (R::PerCustomer, r.per_customer),
            ] {
                if m.currency != cur {
                    out.push(err(f(name), Rule::Currency(cur)));
                } else if m.minor < 0 {
                    out.push(err(f(name), Rule::Negative));
                } else if m.minor > Money::MAX_MINOR {
                    out.push(err(f(name), Rule::TooLarge));
                }
            }
            if r.per_incident.minor > r.per_shift.minor {
                out.push(err(f(R::PerIncident), Rule::Exceeds(Setting::PerShift)));
            }
            if r.per_incident.minor > r.per_customer.minor {
                out.push(err(f(R::PerIncident), Rule::Exceeds(Setting::PerCustomer)));
            }
            for (j, k) in r.allowed.iter().enumerate() {
                if self.entry(*k).is_none() {
                    out.push(err(f(R::Allowed), Rule::NotInCatalogue(*k)));
                }
                if r.allowed[..j].contains(k) {
                    out.push(err(f(R::Allowed), Rule::Twice));
                }
            }
        }
        for (i, e) in self.catalogue.iter().enumerate() {
            let f = |x| Field::Entry(at(i), x);
            if self.catalogue[..i].iter().any(|o| o.kind == e.kind) {
                out.push(err(f(E::Kind), Rule::Twice));
            }
            if !(0..=10_000).contains(&e.cost_share.0) {
                out.push(err(f(E::CostShare), share_range(0, 10_000)));
            }
            if e.enabled && e.fits.is_empty() {
                out.push(err(f(E::Fits), Rule::NoFit));
            }
            if let Some(p) = e.discount_percent {
                if !(1..=10_000).contains(&p.0) {
                    out.push(err(f(E::DiscountPercent), share_range(1, 10_000)));
                }
            }
        }
        let s = &self.settings;
        let set = Field::Setting;
        for (field, share, next, limit) in [
            (S::Fair, s.fair, s.recommended, Setting::Recommended),
            (S::Recommended, s.recommended, s.generous, Setting::Generous),
            (S::Generous, s.generous, s.ceiling, Setting::Ceiling),
        ] {
            if share > next {
                out.push(err(set(field), Rule::Exceeds(limit)));
            }
        }
        if s.fair.0 < 0 {
            out.push(err(set(S::Fair), Rule::Negative));
        }
        if s.ceiling.0 > 30_000 {
            out.push(err(set(S::Ceiling), Rule::AtMost(Bound::Share(Bp(30_000)))));
        }
        if !(0..=10_000).contains(&s.keeps_item_factor.0) {
            out.push(err(set(S::KeepsItemFactor), share_range(0, 10_000)));
        }
        for (i, b) in s.severity.iter().enumerate() {
            if !(-10_000..=10_000).contains(&b.0) {
                out.push(err(Field::Severity(i as u8), change_range(-10_000, 10_000)));
            }
        }
        for (i, b) in s.tier.iter().enumerate() {
            if !(-10_000..=10_000).contains(&b.0) {
                out.push(err(Field::Tier(i as u8), change_range(-10_000, 10_000)));
            }
        }
        if !(-10_000..=0).contains(&s.not_responsible.0) {
            out.push(err(set(S::NotResponsible), change_range(-10_000, 0)));
        }
        if !(1..=365).contains(&s.customer_window_days) {
            out.push(err(set(S::CustomerWindowDays), count_range(1, 365)));
        }
        if !(1..=24).contains(&s.shift_hours) {
            out.push(err(set(S::ShiftHours), count_range(1, 24)));
        }
        if !(1..=5).contains(&s.manager_apology_from) {
            out.push(err(set(S::ManagerApologyFrom), count_range(1, 5)));
        }
        if !(0..=Money::MAX_MINOR).contains(&s.gesture_minor) {
            out.push(err(set(S::Gesture), Rule::Negative));
        }
        for (field, v) in [
            (Field::ApprovalKey, &self.approval_key),
            (Field::CustomerSalt, &self.customer_salt),
        ] {
            if !v.is_empty() && (v.len() != 64 || !v.chars().all(|c| c.is_ascii_hexdigit())) {
                out.push(err(field, Rule::BadKey));
            }
        }
        for (i, a) in self.accepted_currencies.iter().enumerate() {
            let f = |x| Field::Accepted(at(i), x);
            if a.currency == cur
                || self.accepted_currencies[..i]
                    .iter()
                    .any(|o| o.currency == a.currency)
            {
                out.push(err(f(A::Currency), Rule::Twice));
            }
            if a.rate_millionths <= 0 {
                out.push(err(f(A::Rate), Rule::NotPositive));
            } else if a.rate_millionths > Money::MAX_MINOR {
                out.push(err(f(A::Rate), Rule::TooLarge));
            }
            if a.set_on.len() != 10 || crate::time::parse_iso8601(&a.set_on).is_none() {
                out.push(err(f(A::SetOn), Rule::BadDate));
            }
        }
        if let Some(m) = self.retention_months {
            if !(1..=120).contains(&m) {
                out.push(err(Field::RetentionMonths, count_range(1, 120)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.roles[1].per_incident = Money::new(100_000, Currency::USD);
        let e = p.validate().unwrap_err();
        assert_eq!(e.field, Field::Role(1, R::PerIncident));
        assert_eq!(e.to_string(), "roles[1].per_incident exceeds per_shift");
        let mut p = Policy::conservative_retail(Currency::USD);
        p.settings.fair = Bp::percent(200);
        assert_eq!(p.validate().unwrap_err().field, Field::Setting(S::Fair));
        let mut p = Policy::conservative_retail(Currency::USD);
        p.roles[0].per_shift = Money::new(1, Currency::EUR);
        assert_eq!(
            p.validate().unwrap_err().to_string(),
            "roles[0].per_shift must be in USD"
        );
        let mut p = Policy::conservative_retail(Currency::USD);
        p.roles[2].allowed.push(RemedyKind::Replacement);
        p.settings.severity[3] = Bp::percent(101);
        let fields: Vec<Field> = p.validate_all().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Role(2, R::Allowed), Field::Severity(3)]);
    }
}
