//! What changed between two policies, field by field, as data: the audit stores it and the
//! import preview shows it, both worded by the UI's catalogue (amounts as money, shares as
//! percentages, remedies by name), never as the file's minor units.

use serde::Serialize;

use super::path::{
    at, AcceptedField as A, EntryField as E, Field, RoleField as R, SettingField as S,
};
use super::Policy;
use crate::incident::FailureType;
use crate::money::{Currency, Money};
use crate::remedy::RemedyKind;
use crate::share::Bp;

/// A setting's value, typed so it is worded as what it is. Stored as serde writes it; read
/// back by hand (`audit.rs`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// Not set (a role that did not exist, no retention, no discount).
    None,
    Text(String),
    Money(Money),
    /// A share: 120%.
    Share(Bp),
    /// A change by a share, signed: -20%.
    Change(Bp),
    Count(i64),
    Flag(bool),
    Currency(Currency),
    Kinds(Vec<RemedyKind>),
    Fits(Vec<FailureType>),
    /// An exchange rate in millionths.
    Rate(i64),
    /// A day, YYYY-MM-DD.
    Date(String),
    /// A secret that is set; never stored or shown.
    Secret,
}

/// Whose field it is, named as it was when it changed (a role may be renamed or removed
/// later; the audit still says which one it was).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Of {
    Role(String),
    Remedy(RemedyKind),
    Currency(Currency),
}

/// One changed field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub of: Option<Of>,
    pub from: Value,
    pub to: Value,
}

type Row = (Field, Option<Of>, Value);

impl Policy {
    /// Every setting with whose it is and its value, in a stable order. The salts used
    /// before are this device's bookkeeping, not a setting, and are left out.
    pub fn fields(&self) -> Vec<Row> {
        let mut out: Vec<Row> = vec![
            (Field::Schema, None, Value::Count(i64::from(self.schema))),
            (Field::Name, None, Value::Text(self.name.clone())),
            (Field::Store, None, Value::Text(self.store.clone())),
            (Field::Currency, None, Value::Currency(self.currency)),
        ];
        for (i, r) in self.roles.iter().enumerate() {
            let of = || Some(Of::Role(r.name.clone()));
            let f = |x| Field::Role(at(i), x);
            out.extend([
                (f(R::Id), of(), Value::Text(r.id.clone())),
                (f(R::Name), of(), Value::Text(r.name.clone())),
                (f(R::PerIncident), of(), Value::Money(r.per_incident)),
                (f(R::PerShift), of(), Value::Money(r.per_shift)),
                (f(R::PerCustomer), of(), Value::Money(r.per_customer)),
                (f(R::Allowed), of(), Value::Kinds(r.allowed.clone())),
                (f(R::Approves), of(), Value::Flag(r.approves)),
            ]);
        }
        for (i, e) in self.catalogue.iter().enumerate() {
            let of = || Some(Of::Remedy(e.kind));
            let f = |x| Field::Entry(at(i), x);
            out.extend([
                (f(E::Kind), of(), Value::Kinds(vec![e.kind])),
                (f(E::Enabled), of(), Value::Flag(e.enabled)),
                (f(E::CostShare), of(), Value::Share(e.cost_share)),
                (f(E::Fits), of(), Value::Fits(e.fits.clone())),
                (
                    f(E::DiscountPercent),
                    of(),
                    e.discount_percent.map_or(Value::None, Value::Share),
                ),
                (f(E::OutsideLimits), of(), Value::Flag(e.outside_limits)),
            ]);
        }
        let s = &self.settings;
        let set = |x, v| (Field::Setting(x), None, v);
        out.extend([
            set(S::Fair, Value::Share(s.fair)),
            set(S::Recommended, Value::Share(s.recommended)),
            set(S::Generous, Value::Share(s.generous)),
            set(S::Ceiling, Value::Share(s.ceiling)),
            set(S::KeepsItemFactor, Value::Share(s.keeps_item_factor)),
        ]);
        for (i, b) in s.severity.iter().enumerate() {
            out.push((Field::Severity(i as u8), None, Value::Change(*b)));
        }
        for (i, b) in s.tier.iter().enumerate() {
            out.push((Field::Tier(i as u8), None, Value::Change(*b)));
        }
        out.extend([
            set(S::RepeatRule, Value::Flag(s.repeat_rule)),
            set(S::NotResponsible, Value::Change(s.not_responsible)),
            set(
                S::CustomerWindowDays,
                Value::Count(i64::from(s.customer_window_days)),
            ),
            set(S::ShiftHours, Value::Count(i64::from(s.shift_hours))),
            set(S::RoundUp, Value::Flag(s.round_up)),
            set(
                S::ManagerApologyFrom,
                Value::Count(i64::from(s.manager_apology_from)),
            ),
            set(
                S::Gesture,
                Value::Money(Money::new(s.gesture_minor, self.currency)),
            ),
            (
                Field::ApprovalKey,
                None,
                Value::Text(self.approval_key.clone()),
            ),
            (
                Field::CustomerSalt,
                None,
                Value::Text(self.customer_salt.clone()),
            ),
            (
                Field::Locale,
                None,
                self.locale.clone().map_or(Value::None, Value::Text),
            ),
            (
                Field::RetentionMonths,
                None,
                self.retention_months
                    .map_or(Value::None, |m| Value::Count(i64::from(m))),
            ),
        ]);
        for (i, a) in self.accepted_currencies.iter().enumerate() {
            let of = || Some(Of::Currency(a.currency));
            let f = |x| Field::Accepted(at(i), x);
            out.extend([
                (f(A::Currency), of(), Value::Currency(a.currency)),
                (f(A::Rate), of(), Value::Rate(a.rate_millionths)),
                (f(A::SetOn), of(), Value::Date(a.set_on.clone())),
            ]);
        }
        out
    }
}

/// A secret is never shown or stored, only whether it is set.
fn masked(field: Field, v: Value) -> Value {
    match (field, v) {
        (Field::ApprovalKey | Field::CustomerSalt, Value::Text(t)) if t.is_empty() => Value::None,
        (Field::ApprovalKey | Field::CustomerSalt, Value::Text(_)) => Value::Secret,
        (_, v) => v,
    }
}

/// Fields that differ between two policies, in a stable order. Secrets are masked.
pub fn diff(old: &Policy, new: &Policy) -> Vec<Change> {
    let a = old.fields();
    let b = new.fields();
    let mut out = Vec::new();
    for (field, of, to) in &b {
        let before = a.iter().find(|(f, ..)| f == field);
        if before.map(|x| &x.2) != Some(to) {
            out.push(Change {
                field: *field,
                of: of.clone(),
                from: masked(*field, before.map_or(Value::None, |x| x.2.clone())),
                to: masked(*field, to.clone()),
            });
        }
    }
    for (field, of, from) in a {
        if !b.iter().any(|(f, ..)| *f == field) {
            out.push(Change {
                field,
                of,
                from: masked(field, from),
                to: Value::None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_changed_fields_as_data() {
        let a = Policy::conservative_retail(Currency::USD);
        let mut b = a.clone();
        b.roles[0].per_incident = Money::new(7500, Currency::USD);
        b.approval_key = "ab".repeat(32);
        let d = diff(&a, &b);
        assert_eq!(
            d,
            [
                Change {
                    field: Field::Role(0, R::PerIncident),
                    of: Some(Of::Role("Associate".into())),
                    from: Value::Money(Money::new(5000, Currency::USD)),
                    to: Value::Money(Money::new(7500, Currency::USD)),
                },
                Change {
                    field: Field::ApprovalKey,
                    of: None,
                    from: Value::None,
                    to: Value::Secret,
                },
            ]
        );
        assert!(diff(&a, &a).is_empty());
        assert!(
            !format!("{d:?}").contains("abab"),
            "secrets are never kept: {d:?}"
        );
        // A new key replacing another is still a change, and still masked.
        let mut c = b.clone();
        c.approval_key = "cd".repeat(32);
        assert_eq!(diff(&b, &c)[0].from, Value::Secret);
    }

    #[test]
    fn roles_added_and_removed_are_named() {
        let a = Policy::conservative_retail(Currency::USD);
        let mut b = a.clone();
        let gone = b.roles.pop().unwrap();
        let d = diff(&a, &b);
        assert_eq!(d.len(), 7, "every field of the removed role: {d:?}");
        assert!(d
            .iter()
            .all(|c| c.of == Some(Of::Role(gone.name.clone())) && c.to == Value::None));
        let back = diff(&b, &a);
        assert!(back.iter().all(|c| c.from == Value::None));
        // Former salts are not a setting.
        let mut c = a.clone();
        c.former_salts.push("00".into());
        assert!(diff(&a, &c).is_empty());
    }
}
