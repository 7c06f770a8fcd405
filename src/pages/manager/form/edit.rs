//! Every change the policy editor makes to its form, as a closed set keyed by the typed
//! policy path ([`Field`]) the control shows: the same path validation puts its errors on.
//! Applied in one place ([`PolicyForm::apply`], run by the editor's reducer), so each can
//! be tested without a browser.

use amends_domain::policy::{
    AcceptedField as A, EntryField as E, Field, RoleField as R, SettingField as S,
};
use amends_domain::{FailureType, RemedyKind};

use super::{CurrencyForm, PolicyForm, RoleForm};

/// A change to the policy being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Text typed or picked into the control at a path (a path with no text control: nothing).
    Text(Field, String),
    /// A checkbox at a path (a path with no checkbox: nothing).
    Flag(Field, bool),
    /// Whether role `.0` may give a kind of remedy.
    Allowed(u16, RemedyKind, bool),
    /// Whether remedy `.0` of the catalogue is suggested for a failure type.
    Fits(u16, FailureType, bool),
    AddRole,
    RemoveRole(u16),
    /// Another accepted currency, the first not yet listed, its rate set on `today`
    /// ("YYYY-MM-DD").
    AddCurrency {
        today: String,
    },
    RemoveCurrency(u16),
    /// The whole form: a preset applied, or the policy saved elsewhere.
    Replace(Box<PolicyForm>),
}

impl PolicyForm {
    /// Applies one change.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Text(path, v) => {
                if let Some(slot) = self.text_at(path) {
                    *slot = v;
                } else if let Field::Entry(i, E::DiscountPercent) = path {
                    if let Some(e) = self.catalogue.get_mut(usize::from(i)) {
                        e.discount = Some(v);
                    }
                }
            }
            Edit::Flag(path, v) => {
                if let Some(slot) = self.flag_at(path) {
                    *slot = v;
                }
            }
            Edit::Allowed(i, kind, on) => {
                if let Some(r) = self.roles.get_mut(usize::from(i)) {
                    r.set_allowed(kind, on);
                }
            }
            Edit::Fits(i, failure, on) => {
                if let Some(e) = self.catalogue.get_mut(usize::from(i)) {
                    e.set_fits(failure, on);
                }
            }
            Edit::AddRole => self.roles.push(RoleForm::blank()),
            Edit::RemoveRole(i) => {
                if usize::from(i) < self.roles.len() {
                    self.roles.remove(usize::from(i));
                }
            }
            Edit::AddCurrency { today } => {
                let code = amends_domain::Currency::ALL
                    .iter()
                    .map(|c| c.code())
                    .find(|c| *c != self.currency && !self.currencies.iter().any(|x| x.code == *c))
                    .unwrap_or_default()
                    .to_string();
                self.currencies.push(CurrencyForm {
                    code,
                    rate: String::new(),
                    set_on: today,
                });
            }
            Edit::RemoveCurrency(i) => {
                if usize::from(i) < self.currencies.len() {
                    self.currencies.remove(usize::from(i));
                }
            }
            Edit::Replace(f) => *self = *f,
        }
    }

    /// The text a control at `path` edits.
    fn text_at(&mut self, path: Field) -> Option<&mut String> {
        let s = &mut self.settings;
        Some(match path {
            Field::Name => &mut self.name,
            Field::Store => &mut self.store,
            Field::Currency => &mut self.currency,
            Field::RetentionMonths => &mut self.retention,
            Field::Locale => &mut self.locale,
            Field::Role(i, x) => {
                let r = self.roles.get_mut(usize::from(i))?;
                match x {
                    R::Name => &mut r.name,
                    R::PerIncident => &mut r.per_incident,
                    R::PerShift => &mut r.per_shift,
                    R::PerCustomer => &mut r.per_customer,
                    _ => return None,
                }
            }
            Field::Entry(i, E::CostShare) => {
                &mut self.catalogue.get_mut(usize::from(i))?.cost_share
            }
            Field::Accepted(i, x) => {
                let c = self.currencies.get_mut(usize::from(i))?;
                match x {
                    A::Currency => &mut c.code,
                    A::Rate => &mut c.rate,
                    A::SetOn => &mut c.set_on,
                }
            }
            Field::Setting(x) => match x {
                S::Fair => &mut s.fair,
                S::Recommended => &mut s.recommended,
                S::Generous => &mut s.generous,
                S::Ceiling => &mut s.ceiling,
                S::KeepsItemFactor => &mut s.keeps_item_factor,
                S::NotResponsible => &mut s.not_responsible,
                S::CustomerWindowDays => &mut s.customer_window_days,
                S::ShiftHours => &mut s.shift_hours,
                S::ManagerApologyFrom => &mut s.manager_apology_from,
                S::Gesture => &mut s.gesture,
                S::RepeatRule | S::RoundUp => return None,
            },
            Field::Severity(i) => s.severity.get_mut(usize::from(i))?,
            Field::Tier(i) => s.tier.get_mut(usize::from(i))?,
            _ => return None,
        })
    }

    /// The yes/no a checkbox at `path` edits.
    fn flag_at(&mut self, path: Field) -> Option<&mut bool> {
        Some(match path {
            Field::Role(i, R::Approves) => &mut self.roles.get_mut(usize::from(i))?.approves,
            Field::Entry(i, E::Enabled) => &mut self.catalogue.get_mut(usize::from(i))?.enabled,
            Field::Entry(i, E::OutsideLimits) => {
                &mut self.catalogue.get_mut(usize::from(i))?.outside_limits
            }
            Field::Setting(S::RepeatRule) => &mut self.settings.repeat_rule,
            Field::Setting(S::RoundUp) => &mut self.settings.round_up,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::policy::at;
    use amends_domain::{Currency, Policy, Separators};

    const DOT: Separators = Separators::CANONICAL;

    fn form() -> PolicyForm {
        PolicyForm::from_policy(&Policy::conservative_retail(Currency::USD), DOT)
    }

    fn after(mut f: PolicyForm, edits: impl IntoIterator<Item = Edit>) -> PolicyForm {
        for e in edits {
            f.apply(e);
        }
        f
    }

    /// Every path of a policy that a text field or checkbox shows is reached by `Text` or
    /// `Flag`; the others have their own edits or no control.
    #[test]
    fn every_path_an_editor_control_shows_reaches_the_form() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.accepted_currencies.push(amends_domain::AcceptedCurrency {
            currency: Currency::EUR,
            rate_millionths: 1_085_000,
            set_on: "2026-11-30".into(),
        });
        let base = PolicyForm::from_policy(&p, DOT);
        let fields = p.fields();
        assert!(fields.len() > 100);
        for (path, ..) in fields {
            let changes = |e: Edit| after(base.clone(), [e]) != base;
            let reached = changes(Edit::Text(path, "7".into()))
                || changes(Edit::Flag(path, true))
                || changes(Edit::Flag(path, false));
            let own_edit = matches!(path, Field::Role(_, R::Allowed) | Field::Entry(_, E::Fits));
            let no_control = matches!(
                path,
                Field::Schema
                    | Field::ApprovalKey
                    | Field::CustomerSalt
                    | Field::Role(_, R::Id)
                    | Field::Entry(_, E::Kind)
            );
            assert_eq!(reached, !(own_edit || no_control), "{path}");
        }
    }

    #[test]
    fn text_and_flags_become_the_policy() {
        use amends_domain::Bp;
        let f = after(
            form(),
            [
                Edit::Text(Field::Role(0, R::PerIncident), "20".into()),
                Edit::Text(Field::Setting(S::Fair), "90.5".into()),
                Edit::Text(Field::Severity(4), "15".into()),
                Edit::Text(Field::RetentionMonths, String::new()),
                Edit::Flag(Field::Role(0, R::Approves), true),
                Edit::Flag(Field::Setting(S::RoundUp), false),
                Edit::Flag(Field::Entry(1, E::Enabled), false),
                Edit::Allowed(0, RemedyKind::FeeWaiver, true),
                Edit::Fits(0, FailureType::Delay, false),
            ],
        );
        let p = f.parse(DOT).unwrap();
        assert_eq!(p.roles[0].per_incident.minor, 2000);
        assert!(p.roles[0].approves);
        assert_eq!(p.roles[0].allowed.last(), Some(&RemedyKind::FeeWaiver));
        assert_eq!(p.settings.fair, Bp(9050));
        assert_eq!(p.settings.severity[4], Bp(1500));
        assert!(!p.settings.round_up && !p.catalogue[1].enabled);
        assert!(!p.catalogue[0].fits.contains(&FailureType::Delay));
        assert_eq!(p.retention_months, None);
    }

    #[test]
    fn paths_past_the_end_or_without_a_control_change_nothing() {
        let f = form();
        let g = after(
            f.clone(),
            [
                Edit::Text(Field::Role(99, R::Name), "x".into()),
                Edit::Text(Field::Role(0, R::Approves), "x".into()),
                Edit::Text(Field::ApprovalKey, "x".into()),
                Edit::Text(Field::Severity(9), "x".into()),
                Edit::Flag(Field::Name, true),
                Edit::Flag(Field::Entry(99, E::Enabled), true),
                Edit::Allowed(99, RemedyKind::FeeWaiver, true),
                Edit::Fits(99, FailureType::Delay, true),
                Edit::RemoveRole(99),
                Edit::RemoveCurrency(0),
            ],
        );
        assert_eq!(g, f);
    }

    #[test]
    fn roles_and_currencies_are_added_and_removed() {
        let f = after(form(), [Edit::AddRole]);
        assert_eq!(f.roles.len(), 5);
        assert_eq!(f.roles[4], RoleForm::blank());
        let f = after(f, [Edit::RemoveRole(at(0))]);
        assert_eq!(f.roles[0].name, "Senior associate");
        let today = || Edit::AddCurrency {
            today: "2026-12-03".into(),
        };
        let f = after(f, [today(), today()]);
        let codes: Vec<_> = f.currencies.iter().map(|c| c.code.as_str()).collect();
        assert!(codes.len() == 2 && codes[0] != codes[1] && !codes.contains(&"USD"));
        assert_eq!(f.currencies[0].set_on, "2026-12-03");
        let f = after(f, [Edit::RemoveCurrency(0)]);
        assert_eq!(f.currencies.len(), 1);
        let fresh = form();
        assert_eq!(after(f, [Edit::Replace(Box::new(fresh.clone()))]), fresh);
    }
}
