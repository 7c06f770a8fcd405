//! The policy editor's state: every field as typed, read back into a `Policy` with each
//! problem keyed by the control it belongs to, so the editor shows it beside that field.
//!
//! Pure: no browser, no yew. The view owns a `PolicyForm`, edits its strings, and asks
//! [`PolicyForm::parse`] for either a whole valid policy or the errors by control path.

use std::collections::BTreeMap;

use amends_domain::policy::{
    at, AcceptedField as A, EntryField, EntryField as E, Field, RoleField, RoleField as R,
    SettingField as S,
};
use amends_domain::{
    AcceptedCurrency, Bp, CatalogueEntry, Currency, FailureType, Money, Policy, RemedyKind, Role,
    Separators, Settings,
};

use crate::i18n::manager::{rule, t, Msg};

mod edit;
pub use edit::Edit;

/// Problems by the control that shows them, already worded for the user.
pub type Errors = BTreeMap<Field, String>;

/// One role as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleForm {
    /// Stable id kept on records; empty for a role added in this editor (made from the name).
    pub id: String,
    pub name: String,
    pub per_incident: String,
    pub per_shift: String,
    pub per_customer: String,
    /// As the policy lists them.
    pub allowed: Vec<RemedyKind>,
    pub approves: bool,
}

impl RoleForm {
    /// A new, empty role: the manager names it and sets its limits.
    pub fn blank() -> RoleForm {
        RoleForm {
            id: String::new(),
            name: String::new(),
            per_incident: String::new(),
            per_shift: String::new(),
            per_customer: String::new(),
            allowed: Vec::new(),
            approves: false,
        }
    }

    /// Allow or forbid one remedy kind (the order of the others is kept).
    pub fn set_allowed(&mut self, kind: RemedyKind, on: bool) {
        self.allowed.retain(|k| *k != kind);
        if on {
            self.allowed.push(kind);
        }
    }
}

/// One catalogue entry as typed (what the editor shows of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryForm {
    pub kind: RemedyKind,
    pub enabled: bool,
    pub cost_share: String,
    /// Only for entries that carry a discount percentage.
    pub discount: Option<String>,
    /// The failure types the calculator suggests this remedy for, in the policy's order.
    pub fits: Vec<FailureType>,
    /// Putting right with it does not count against a role's limits.
    pub outside_limits: bool,
}

/// One accepted currency as typed: its code, the manager's rate and the date it was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyForm {
    pub code: String,
    pub rate: String,
    pub set_on: String,
}

impl EntryForm {
    /// Suggest this remedy for `failure` (`on`) or not. The others keep their place, so
    /// a policy saved without a change here is the policy it was.
    pub fn set_fits(&mut self, failure: FailureType, on: bool) {
        if !on {
            self.fits.retain(|f| *f != failure);
        } else if !self.fits.contains(&failure) {
            self.fits.push(failure);
        }
    }
}

/// The calculator's settings as typed; shares in percent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsForm {
    pub fair: String,
    pub recommended: String,
    pub generous: String,
    pub ceiling: String,
    pub keeps_item_factor: String,
    pub severity: [String; 5],
    pub tier: [String; 4],
    pub repeat_rule: bool,
    pub not_responsible: String,
    pub customer_window_days: String,
    pub shift_hours: String,
    pub round_up: bool,
    pub manager_apology_from: String,
    pub gesture: String,
}

/// The whole editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyForm {
    pub name: String,
    /// The store name exports write on every row; may be empty.
    pub store: String,
    /// ISO code.
    pub currency: String,
    pub roles: Vec<RoleForm>,
    pub catalogue: Vec<EntryForm>,
    pub settings: SettingsForm,
    /// Months to keep records; empty keeps everything.
    pub retention: String,
    /// Other currencies accepted, with the manager's rates.
    pub currencies: Vec<CurrencyForm>,
    /// The store's default language (a shipped locale's tag); empty: each browser's.
    pub locale: String,
    /// The policy this form started from: its secrets, schema and the fallbacks for
    /// fields that cannot be read are taken from it.
    pub base: Policy,
}

/// An amount as a person types it in their locale: "1234.50" or "1234,50".
pub fn show_money(m: Money, seps: Separators) -> String {
    m.plain().replace('.', &seps.decimal.to_string())
}

/// A share as a percentage a person types: "120", "-20", "12.5".
pub fn show_percent(b: Bp, seps: Separators) -> String {
    b.plain(seps.decimal)
}

/// Why a percentage or a count could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

impl NumberError {
    pub fn text(self) -> String {
        t(match self {
            NumberError::Empty => Msg::ErrNumberEmpty,
            NumberError::NotANumber => Msg::ErrPercent,
            NumberError::TooManyDecimals => Msg::ErrPercentDecimals,
            NumberError::TooLarge => Msg::ErrNumberTooLarge,
        })
        .to_string()
    }
}

/// "20", "+20 %", "-12.5", "12,5" (with a comma locale) as basis points. At most two
/// decimals; the sign is kept, since adjustments may be negative.
pub fn parse_percent(text: &str, seps: Separators) -> Result<Bp, NumberError> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    let (negative, rest) = match t.chars().next() {
        Some('-' | '\u{2212}') => (true, &t[t.char_indices().nth(1).map_or(t.len(), |c| c.0)..]),
        Some('+') => (false, &t[1..]),
        _ => (false, t),
    };
    let rest = rest.trim_start();
    let (whole, frac) = match rest.split_once([seps.decimal, '.']) {
        Some((w, f)) => (w, f),
        None => (rest, ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) || (whole.is_empty() && frac.is_empty()) {
        return Err(NumberError::NotANumber);
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 2 {
        return Err(NumberError::TooManyDecimals);
    }
    if whole.trim_start_matches('0').len() > 6 {
        return Err(NumberError::TooLarge);
    }
    let w: i32 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| NumberError::TooLarge)?
    };
    let f: i32 = format!("{frac:0<2}").parse().unwrap_or(0);
    let bp = w * 100 + f;
    Ok(Bp(if negative { -bp } else { bp }))
}

/// A whole number of days, hours or months.
pub fn parse_count(text: &str) -> Result<u32, NumberError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    t.parse().map_err(|_| NumberError::TooLarge)
}

/// Where a validation problem is shown: the control for `field`, or the nearest one.
/// A role's id is made from its name, so it shows at the name; a remedy's kind shows at
/// "Offered".
pub fn control_path(field: Field) -> Field {
    match field {
        Field::Role(i, RoleField::Id) => Field::Role(i, RoleField::Name),
        Field::Entry(i, EntryField::Kind) => Field::Entry(i, EntryField::Enabled),
        other => other,
    }
}

/// The element id of a control: `roles[1].per_incident` -> `pol-roles-1-per_incident`.
pub fn field_id(control: Field) -> String {
    let mut out = String::from("pol");
    let mut sep = true;
    for c in control.to_string().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if sep {
                out.push('-');
                sep = false;
            }
            out.push(c);
        } else {
            sep = true;
        }
    }
    out
}

/// Words for the control at `field`, for the list of problems above the editor:
/// "Senior associate: Limit per incident" (the role's name as typed).
pub fn field_label(field: Field, form: &PolicyForm) -> String {
    let group = match field {
        Field::Role(i, _) => form
            .roles
            .get(usize::from(i))
            .map(|r| r.name.trim().to_string())
            .filter(|n| !n.is_empty()),
        Field::Entry(i, _) => form
            .catalogue
            .get(usize::from(i))
            .map(|e| crate::i18n::remedy(e.kind).to_string()),
        _ => None,
    };
    crate::i18n::policy::field(field, group.as_deref(), &form.currency)
}

/// A role id from its name: "Shift lead" -> "shift-lead"; unique among `taken`.
pub fn role_id(name: &str, taken: &[String]) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "role" } else { slug };
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

impl PolicyForm {
    pub fn from_policy(p: &Policy, seps: Separators) -> PolicyForm {
        let pc = |b: Bp| show_percent(b, seps);
        let s = &p.settings;
        PolicyForm {
            name: p.name.clone(),
            store: p.store.clone(),
            currency: p.currency.code().to_string(),
            roles: p
                .roles
                .iter()
                .map(|r| RoleForm {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    per_incident: show_money(r.per_incident, seps),
                    per_shift: show_money(r.per_shift, seps),
                    per_customer: show_money(r.per_customer, seps),
                    allowed: r.allowed.clone(),
                    approves: r.approves,
                })
                .collect(),
            catalogue: p
                .catalogue
                .iter()
                .map(|e| EntryForm {
                    kind: e.kind,
                    enabled: e.enabled,
                    cost_share: pc(e.cost_share),
                    discount: e.discount_percent.map(pc),
                    fits: e.fits.clone(),
                    outside_limits: e.outside_limits,
                })
                .collect(),
            currencies: p
                .accepted_currencies
                .iter()
                .map(|a| CurrencyForm {
                    code: a.currency.code().into(),
                    rate: amends_domain::recommend::rate_text(a.rate_millionths),
                    set_on: a.set_on.clone(),
                })
                .collect(),
            settings: SettingsForm {
                fair: pc(s.fair),
                recommended: pc(s.recommended),
                generous: pc(s.generous),
                ceiling: pc(s.ceiling),
                keeps_item_factor: pc(s.keeps_item_factor),
                severity: s.severity.map(pc),
                tier: s.tier.map(pc),
                repeat_rule: s.repeat_rule,
                not_responsible: pc(s.not_responsible),
                customer_window_days: s.customer_window_days.to_string(),
                shift_hours: s.shift_hours.to_string(),
                round_up: s.round_up,
                manager_apology_from: s.manager_apology_from.to_string(),
                gesture: show_money(Money::new(s.gesture_minor, p.currency), seps),
            },
            retention: p
                .retention_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
            locale: p.locale.clone().unwrap_or_default(),
            base: p.clone(),
        }
    }

    /// A preset loaded into the editor: the device's secrets and currency are kept,
    /// so approval codes and repeat-customer detection keep working.
    pub fn from_preset(preset: &Policy, current: &PolicyForm, seps: Separators) -> PolicyForm {
        let mut p = preset.clone();
        p.approval_key = current.base.approval_key.clone();
        p.customer_salt = current.base.customer_salt.clone();
        let mut f = PolicyForm::from_policy(&p, seps);
        f.base = current.base.clone();
        f
    }

    /// The policy as typed, or every problem by control path.
    pub fn parse(&self, seps: Separators) -> Result<Policy, Errors> {
        let mut errs = Errors::new();
        let put = |errs: &mut Errors, path: Field, msg: String| {
            errs.entry(path)
                .and_modify(|m: &mut String| {
                    if !m.contains(&msg) {
                        m.push(' ');
                        m.push_str(&msg);
                    }
                })
                .or_insert(msg);
        };
        let currency = match self.currency.parse::<Currency>() {
            Ok(c) => c,
            Err(_) => {
                put(&mut errs, Field::Currency, t(Msg::ErrCurrency).into());
                self.base.currency
            }
        };
        let money = |errs: &mut Errors, path: Field, text: &str, fallback: i64| -> Money {
            match Money::parse(text, currency, seps) {
                Ok(m) => m,
                Err(e) => {
                    put(errs, path, crate::i18n::money_error(&e));
                    Money::new(fallback, currency)
                }
            }
        };
        // Lists, not sets: a few roles, and collecting a set sorts (code of its own).
        let mut taken: Vec<String> = self
            .roles
            .iter()
            .filter(|r| !r.id.is_empty())
            .map(|r| r.id.clone())
            .collect();
        let mut roles = Vec::with_capacity(self.roles.len());
        for (i, r) in self.roles.iter().enumerate() {
            let base = self
                .base
                .roles
                .iter()
                .find(|b| b.id == r.id && !r.id.is_empty());
            let fb = |f: fn(&Role) -> Money| base.map_or(0, |b| f(b).minor);
            let id = if r.id.is_empty() {
                let id = role_id(&r.name, &taken);
                taken.push(id.clone());
                id
            } else {
                r.id.clone()
            };
            roles.push(Role {
                id,
                name: r.name.trim().to_string(),
                per_incident: money(
                    &mut errs,
                    Field::Role(at(i), R::PerIncident),
                    &r.per_incident,
                    fb(|b| b.per_incident),
                ),
                per_shift: money(
                    &mut errs,
                    Field::Role(at(i), R::PerShift),
                    &r.per_shift,
                    fb(|b| b.per_shift),
                ),
                per_customer: money(
                    &mut errs,
                    Field::Role(at(i), R::PerCustomer),
                    &r.per_customer,
                    fb(|b| b.per_customer),
                ),
                allowed: r.allowed.clone(),
                approves: r.approves,
            });
        }
        let percent = |errs: &mut Errors, path: Field, text: &str, fallback: Bp| -> Bp {
            match parse_percent(text, seps) {
                Ok(b) => b,
                Err(e) => {
                    put(errs, path, e.text());
                    fallback
                }
            }
        };
        let mut catalogue: Vec<CatalogueEntry> = Vec::with_capacity(self.catalogue.len());
        for (i, e) in self.catalogue.iter().enumerate() {
            let base = self.base.entry(e.kind);
            let share = percent(
                &mut errs,
                Field::Entry(at(i), E::CostShare),
                &e.cost_share,
                base.map_or(Bp::ZERO, |b| b.cost_share),
            );
            let discount = e.discount.as_ref().map(|d| {
                percent(
                    &mut errs,
                    Field::Entry(at(i), E::DiscountPercent),
                    d,
                    base.and_then(|b| b.discount_percent).unwrap_or(Bp(1)),
                )
            });
            catalogue.push(CatalogueEntry {
                kind: e.kind,
                enabled: e.enabled,
                cost_share: share,
                fits: e.fits.clone(),
                discount_percent: discount,
                outside_limits: e.outside_limits,
            });
        }
        let f = &self.settings;
        let b = &self.base.settings;
        let pct = |errs: &mut Errors, name: S, text: &str, fallback: Bp| {
            percent(errs, Field::Setting(name), text, fallback)
        };
        let fair = pct(&mut errs, S::Fair, &f.fair, b.fair);
        let recommended = pct(&mut errs, S::Recommended, &f.recommended, b.recommended);
        let generous = pct(&mut errs, S::Generous, &f.generous, b.generous);
        let ceiling = pct(&mut errs, S::Ceiling, &f.ceiling, b.ceiling);
        let keeps = pct(
            &mut errs,
            S::KeepsItemFactor,
            &f.keeps_item_factor,
            b.keeps_item_factor,
        );
        let mut severity = b.severity;
        for (i, s) in severity.iter_mut().enumerate() {
            *s = percent(&mut errs, Field::Severity(i as u8), &f.severity[i], *s);
        }
        let mut tier = b.tier;
        for (i, s) in tier.iter_mut().enumerate() {
            *s = percent(&mut errs, Field::Tier(i as u8), &f.tier[i], *s);
        }
        let not_responsible = pct(
            &mut errs,
            S::NotResponsible,
            &f.not_responsible,
            b.not_responsible,
        );
        let count = |errs: &mut Errors, path: Field, text: &str, fallback: u32| {
            parse_count(text).unwrap_or_else(|e| {
                put(errs, path, e.text());
                fallback
            })
        };
        let window = count(
            &mut errs,
            Field::Setting(S::CustomerWindowDays),
            &f.customer_window_days,
            b.customer_window_days,
        );
        let shift = count(
            &mut errs,
            Field::Setting(S::ShiftHours),
            &f.shift_hours,
            b.shift_hours,
        );
        let apology = count(
            &mut errs,
            Field::Setting(S::ManagerApologyFrom),
            &f.manager_apology_from,
            u32::from(b.manager_apology_from),
        );
        let retention = if self.retention.trim().is_empty() {
            None
        } else {
            Some(count(
                &mut errs,
                Field::RetentionMonths,
                &self.retention,
                self.base.retention_months.unwrap_or(24),
            ))
        };
        let gesture = money(
            &mut errs,
            Field::Setting(S::Gesture),
            &f.gesture,
            b.gesture_minor,
        );
        let mut accepted_currencies = Vec::with_capacity(self.currencies.len());
        for (i, c) in self.currencies.iter().enumerate() {
            let Ok(currency) = c.code.parse::<Currency>() else {
                put(
                    &mut errs,
                    Field::Accepted(at(i), A::Currency),
                    t(Msg::ErrCurrency).into(),
                );
                continue;
            };
            let rate_millionths = amends_domain::policy::parse_rate(&c.rate).unwrap_or_else(|| {
                put(
                    &mut errs,
                    Field::Accepted(at(i), A::Rate),
                    t(Msg::ErrRate).into(),
                );
                0
            });
            accepted_currencies.push(AcceptedCurrency {
                currency,
                rate_millionths,
                set_on: c.set_on.trim().to_string(),
            });
        }
        let policy = Policy {
            schema: self.base.schema,
            name: self.name.trim().to_string(),
            store: self.store.trim().to_string(),
            currency,
            roles,
            catalogue,
            settings: Settings {
                fair,
                recommended,
                generous,
                ceiling,
                keeps_item_factor: keeps,
                severity,
                tier,
                repeat_rule: f.repeat_rule,
                not_responsible,
                customer_window_days: window,
                shift_hours: shift,
                round_up: f.round_up,
                manager_apology_from: u8::try_from(apology).unwrap_or(u8::MAX),
                gesture_minor: gesture.minor,
            },
            approval_key: self.base.approval_key.clone(),
            customer_salt: self.base.customer_salt.clone(),
            retention_months: retention,
            accepted_currencies,
            former_salts: self.base.former_salts.clone(),
            locale: crate::i18n::catalogue::supported(&self.locale).map(|l| l.tag.to_owned()),
        };
        // A field that could not be read shows that, not a rule broken by its stand-in value.
        // A list, not a set: collecting a set sorts (code of its own in the wasm).
        let unreadable: Vec<Field> = errs.keys().copied().collect();
        for e in policy.validate_all() {
            let path = control_path(e.field);
            if !unreadable.contains(&path) {
                put(&mut errs, path, rule(&e.rule));
            }
        }
        if errs.is_empty() {
            Ok(policy)
        } else {
            Err(errs)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::Currency;

    const DOT: Separators = Separators::CANONICAL;
    const COMMA: Separators = Separators {
        decimal: ',',
        group: '.',
    };

    fn preset() -> Policy {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.approval_key = "ab".repeat(32);
        p.customer_salt = "cd".repeat(32);
        p
    }

    #[test]
    fn a_policy_survives_the_editor_unchanged() {
        for seps in [DOT, COMMA] {
            let mut with_rates = preset();
            with_rates
                .accepted_currencies
                .push(amends_domain::AcceptedCurrency {
                    currency: Currency::EUR,
                    rate_millionths: 1_085_000,
                    set_on: "2026-11-30".into(),
                });
            with_rates.catalogue[1].outside_limits = true;
            for p in [
                preset(),
                with_rates,
                Policy::ritz_carlton(Currency::JPY),
                Policy::conservative_retail(Currency::EUR),
            ] {
                let f = PolicyForm::from_policy(&p, seps);
                assert_eq!(f.parse(seps), Ok(p));
            }
        }
    }

    #[test]
    fn edits_become_the_policy() {
        let mut f = PolicyForm::from_policy(&preset(), COMMA);
        assert_eq!(f.roles[0].per_incident, "50,00");
        f.roles[0].per_incident = "20".into();
        f.settings.fair = "90,5".into();
        f.retention = String::new();
        f.roles[0].set_allowed(RemedyKind::RefundFull, true);
        let p = f.parse(COMMA).unwrap();
        assert_eq!(p.roles[0].per_incident, Money::new(2000, Currency::USD));
        assert_eq!(p.settings.fair, Bp(9050));
        assert_eq!(p.retention_months, None);
        assert_eq!(p.roles[0].allowed.last(), Some(&RemedyKind::RefundFull));
        assert_eq!(p.approval_key, "ab".repeat(32), "secrets carried over");
    }

    #[test]
    fn errors_are_keyed_by_the_control_that_shows_them() {
        let mut f = PolicyForm::from_policy(&preset(), DOT);
        f.roles[1].per_incident = "5000".into();
        f.roles[0].per_shift = "12.345".into();
        f.settings.shift_hours = "30".into();
        f.settings.fair = "abc".into();
        let e = f.parse(DOT).unwrap_err();
        assert!(
            e[&Field::Role(1, R::PerIncident)].contains("limit per shift"),
            "{e:?}"
        );
        assert!(
            e[&Field::Role(1, R::PerIncident)].contains("limit per customer"),
            "{e:?}"
        );
        assert!(
            e[&Field::Role(0, R::PerShift)].contains("decimals"),
            "{e:?}"
        );
        assert!(e.contains_key(&Field::Setting(S::ShiftHours)));
        assert!(e.contains_key(&Field::Setting(S::Fair)));
        // "fair" is unreadable: no rule is reported against its stand-in value.
        assert_eq!(e[&Field::Setting(S::Fair)], NumberError::NotANumber.text());
        assert_eq!(e.len(), 4, "{e:?}");
    }

    #[test]
    fn new_roles_get_ids_from_their_names() {
        let mut f = PolicyForm::from_policy(&preset(), DOT);
        let mut r = RoleForm::blank();
        r.name = "Shift lead".into();
        r.per_incident = "10".into();
        r.per_shift = "10".into();
        r.per_customer = "10".into();
        f.roles.push(r.clone());
        r.name = "Shift  lead!".into();
        f.roles.push(r);
        let p = f.parse(DOT).unwrap();
        assert_eq!(p.roles[4].id, "shift-lead");
        assert_eq!(p.roles[5].id, "shift-lead-2");
        let mut f = PolicyForm::from_policy(&preset(), DOT);
        f.roles.push(RoleForm::blank());
        let e = f.parse(DOT).unwrap_err();
        assert!(e.contains_key(&Field::Role(4, R::Name)), "{e:?}");
        assert!(e.contains_key(&Field::Role(4, R::PerIncident)));
    }

    #[test]
    fn no_approver_is_a_policy_wide_error() {
        let mut f = PolicyForm::from_policy(&preset(), DOT);
        for r in &mut f.roles {
            r.approves = false;
        }
        let e = f.parse(DOT).unwrap_err();
        assert!(e[&Field::Roles].contains("approve"), "{e:?}");
    }

    #[test]
    fn fits_are_edited_and_saved() {
        let p = preset();
        let mut f = PolicyForm::from_policy(&p, DOT);
        let i = f
            .catalogue
            .iter()
            .position(|e| e.kind == RemedyKind::Replacement)
            .unwrap();
        f.catalogue[i].set_fits(FailureType::Product, false);
        f.catalogue[i].set_fits(FailureType::Delay, true);
        f.catalogue[i].set_fits(FailureType::Monetary, true);
        let mut want = p.entry(RemedyKind::Replacement).unwrap().fits.clone();
        want.retain(|x| *x != FailureType::Product);
        want.extend([FailureType::Delay, FailureType::Monetary]);
        assert_eq!(f.catalogue[i].fits, want);
        let saved = f.parse(DOT).unwrap();
        assert_eq!(saved.entry(RemedyKind::Replacement).unwrap().fits, want);
        for x in FailureType::ALL {
            f.catalogue[i].set_fits(*x, false);
        }
        let e = f.parse(DOT).unwrap_err();
        assert!(e.contains_key(&Field::Entry(at(i), E::Fits)), "{e:?}");
    }

    #[test]
    fn paths_map_to_controls_and_ids() {
        assert_eq!(control_path(Field::Role(2, R::Id)), Field::Role(2, R::Name));
        assert_eq!(
            control_path(Field::Entry(4, E::Kind)),
            Field::Entry(4, E::Enabled)
        );
        for f in [
            Field::Entry(4, E::Fits),
            Field::Role(2, R::Allowed),
            Field::Severity(1),
        ] {
            assert_eq!(control_path(f), f);
        }
        assert_eq!(
            field_id(Field::Role(1, R::PerIncident)),
            "pol-roles-1-per_incident"
        );
        assert_eq!(field_id(Field::Severity(0)), "pol-settings-severity-0");
        assert_eq!(field_id(Field::Name), "pol-name");
    }

    #[test]
    fn labels_name_the_group_and_the_field() {
        let f = PolicyForm::from_policy(&preset(), DOT);
        assert_eq!(
            field_label(Field::Role(1, R::PerIncident), &f),
            "Senior associate: Limit per incident"
        );
        assert!(field_label(Field::Entry(1, E::CostShare), &f).starts_with("Full refund: "));
        assert_eq!(
            field_label(Field::Entry(0, E::OutsideLimits), &f),
            "Correct the charge: Putting right with it does not count against limits"
        );
        assert_eq!(
            field_label(Field::Accepted(0, A::Rate), &f),
            "Rate of currency 1 in USD"
        );
        assert!(field_label(Field::Severity(4), &f).contains('5'));
        assert_eq!(field_label(Field::Name, &f), t(Msg::PolicyName));
    }

    #[test]
    fn percentages_read_like_people_write_them() {
        assert_eq!(parse_percent("20", DOT), Ok(Bp(2000)));
        assert_eq!(parse_percent(" -12.5 % ", DOT), Ok(Bp(-1250)));
        assert_eq!(parse_percent("+0,01", COMMA), Ok(Bp(1)));
        assert_eq!(parse_percent("\u{2212}20", DOT), Ok(Bp(-2000)));
        assert_eq!(parse_percent("12.50", DOT), Ok(Bp(1250)));
        assert_eq!(parse_percent("", DOT), Err(NumberError::Empty));
        assert_eq!(
            parse_percent("1.234", DOT),
            Err(NumberError::TooManyDecimals)
        );
        assert_eq!(parse_percent("x", DOT), Err(NumberError::NotANumber));
        assert_eq!(parse_percent("-", DOT), Err(NumberError::NotANumber));
        assert_eq!(parse_percent("99999999", DOT), Err(NumberError::TooLarge));
        for b in [0, 1, 10, 1250, -2000, 15_000] {
            assert_eq!(parse_percent(&show_percent(Bp(b), COMMA), COMMA), Ok(Bp(b)));
        }
        assert_eq!(parse_count("30"), Ok(30));
        assert_eq!(parse_count("3.5"), Err(NumberError::NotANumber));
        assert_eq!(parse_count("99999999999"), Err(NumberError::TooLarge));
    }
}
