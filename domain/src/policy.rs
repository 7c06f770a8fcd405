//! What managers set: roles and their limits, the remedy catalogue, the calculator's settings.
//!
//! A policy is versioned JSON. [`Policy::load`] validates every field and names the
//! offending one; [`diff`] turns a change into audit entries.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::incident::FailureType;
use crate::money::{Currency, Money, MoneyError};
use crate::remedy::{correction_entry, CatalogueEntry, RemedyKind};
use crate::share::Bp;

mod safe;

/// Policy format version written by this build. Schema 2 added correcting a charge
/// (`correction`), `outside_limits` per remedy and `accepted_currencies`; schema-1 files
/// still load and are migrated (see [`Policy::load`]).
pub const POLICY_SCHEMA: u32 = 2;

/// A currency the store accepts besides the policy's own, with the manager's rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedCurrency {
    pub currency: Currency,
    /// Units of the policy currency for one unit of this currency, in millionths
    /// (1 EUR = 1.08 USD is 1_080_000): exact integers, never a float.
    pub rate_millionths: i64,
    /// When the manager set the rate (YYYY-MM-DD), shown with every converted limit.
    pub set_on: String,
}

/// Read an exchange rate typed as a decimal ("1.08", "0,0067") into millionths, exactly;
/// `None` for anything else (negative, more than 6 decimals, too large).
pub fn parse_rate(text: &str) -> Option<i64> {
    let t = text.trim();
    let (int, frac) = t.split_once(['.', ',']).unwrap_or((t, ""));
    let frac = frac.trim_end_matches('0');
    if (int.is_empty() && frac.is_empty())
        || int.len() > 12
        || frac.len() > 6
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: i64 = 0;
    for i in 0..6 {
        f = f * 10 + frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
    }
    whole.checked_mul(RATE_SCALE)?.checked_add(f)
}

/// Millionths per unit of an exchange rate.
pub const RATE_SCALE: i64 = 1_000_000;

impl AcceptedCurrency {
    /// `m` (in this currency) in the policy currency `to`, rounded up to its minor unit so
    /// a limit is never checked on less than was given.
    pub fn convert(&self, m: Money, to: Currency) -> Result<Money, MoneyError> {
        if m.currency != self.currency {
            return Err(MoneyError::CurrencyMismatch(m.currency, self.currency));
        }
        let n = i128::from(m.minor) * i128::from(self.rate_millionths) * i128::from(to.scale());
        let d = i128::from(self.currency.scale()) * i128::from(RATE_SCALE);
        let q = n / d + i128::from(n % d > 0);
        i64::try_from(q)
            .map(|minor| Money::new(minor, to))
            .map_err(|_| MoneyError::TooLarge)
    }
}

/// A role staff can hold, with what it may give without asking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Stable id (a slug), kept on records.
    pub id: String,
    pub name: String,
    /// Most one incident may cost the business.
    pub per_incident: Money,
    /// Most this person may give in one shift (the last `shift_hours`).
    pub per_shift: Money,
    /// Most one customer may receive within the window (`customer_window_days`).
    pub per_customer: Money,
    /// Remedy kinds this role may give.
    pub allowed: Vec<RemedyKind>,
    /// Whether this role approves above-limit remedies (with the manager PIN or a code).
    pub approves: bool,
}

/// The calculator's settings; defaults come from research.md.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// "Fair": share of the loss (default 100%).
    pub fair: Bp,
    /// "Recommended" (default 120%, the top of the 60-120% band where each unit pays most).
    pub recommended: Bp,
    /// "Generous" (default 150%, where loyalty peaks).
    pub generous: Bp,
    /// No option goes above this share of the loss (default 150%: more can backfire).
    pub ceiling: Bp,
    /// Factor applied when the customer keeps the flawed item (default 50%: the first
    /// part of a partial compensation pays most).
    pub keeps_item_factor: Bp,
    /// Added to every share by severity 1..=5.
    pub severity: [Bp; 5],
    /// Added by customer tier: new, regular, loyal, VIP.
    pub tier: [Bp; 4],
    /// When this customer failed before within the window, recommend the generous option.
    pub repeat_rule: bool,
    /// Added when the company was not responsible (usually negative).
    pub not_responsible: Bp,
    /// Rolling window for the per-customer limit and repeat failures.
    pub customer_window_days: u32,
    /// Length of a shift, for the per-shift limit (the last N hours).
    pub shift_hours: u32,
    /// Round suggested amounts up to a whole unit.
    pub round_up: bool,
    /// From this severity the generous option adds a personal apology from a manager.
    pub manager_apology_from: u8,
    /// Value of a gesture when no money was lost (an attention failure), minor units
    /// of the policy currency.
    pub gesture_minor: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fair: Bp::percent(100),
            recommended: Bp::percent(120),
            generous: Bp::percent(150),
            ceiling: Bp::percent(150),
            keeps_item_factor: Bp::percent(50),
            severity: [
                Bp::percent(-20),
                Bp::percent(-10),
                Bp::ZERO,
                Bp::percent(20),
                Bp::percent(40),
            ],
            tier: [Bp::ZERO, Bp::ZERO, Bp::percent(5), Bp::percent(10)],
            repeat_rule: true,
            not_responsible: Bp::percent(-20),
            customer_window_days: 30,
            shift_hours: 8,
            round_up: true,
            manager_apology_from: 4,
            gesture_minor: 1000,
        }
    }
}

/// Everything a manager sets, in one versioned document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub schema: u32,
    pub name: String,
    pub currency: Currency,
    pub roles: Vec<Role>,
    pub catalogue: Vec<CatalogueEntry>,
    pub settings: Settings,
    /// Key shared by devices for one-time approval codes (64 hex digits), or empty.
    #[serde(default)]
    pub approval_key: String,
    /// Salt for hashing customer references, shared so devices find the same customer.
    #[serde(default)]
    pub customer_salt: String,
    /// Records older than this many months are removed automatically; `None` keeps all.
    #[serde(default)]
    pub retention_months: Option<u32>,
    /// Other currencies the store accepts, with the manager's rates to `currency`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_currencies: Vec<AcceptedCurrency>,
    /// Salts this device used before `customer_salt` (a policy imported from another
    /// device brings its own): records hashed with them are still found for erasure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_salts: Vec<String>,
    /// The store's default language for the interface (a BCP 47 tag such as "de");
    /// `None`: each device follows its browser. A person's own choice comes first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// A field that breaks a rule: `roles[1].per_incident` / `exceeds per_shift`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{field} {rule}")]
pub struct PolicyError {
    pub field: String,
    pub rule: Rule,
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

fn err(field: impl Into<String>, rule: Rule) -> PolicyError {
    PolicyError {
        field: field.into(),
        rule,
    }
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

fn catalogue_default() -> Vec<CatalogueEntry> {
    use FailureType::*;
    use RemedyKind::*;
    let e = |kind, cost: i32, fits: &[FailureType], pct: Option<Bp>| CatalogueEntry {
        kind,
        enabled: true,
        cost_share: Bp::percent(cost),
        fits: fits.to_vec(),
        discount_percent: pct,
        outside_limits: false,
    };
    vec![
        correction_entry(),
        e(RefundFull, 100, &[Monetary, Product, Service, Delay], None),
        e(
            RefundPartial,
            100,
            &[Monetary, Product, Service, Delay],
            None,
        ),
        e(Replacement, 60, &[Product], None),
        e(RedoService, 50, &[Service], None),
        e(
            StoreCredit,
            70,
            &[Monetary, Product, Service, Delay, Attention],
            None,
        ),
        e(
            DiscountNext,
            40,
            &[Delay, Attention, Service],
            Some(Bp::percent(20)),
        ),
        // Free shipping makes up for a wait, not for a faulty product.
        e(FreeShipping, 30, &[Delay], None),
        e(ComplimentaryItem, 40, &[Attention, Delay, Service], None),
        e(FeeWaiver, 100, &[Monetary, Delay], None),
        e(
            ManagerApology,
            0,
            &[Attention, Service, Product, Delay, Monetary],
            None,
        ),
        e(
            HandwrittenNote,
            0,
            &[Attention, Service, Product, Delay, Monetary],
            None,
        ),
    ]
}

impl Policy {
    /// Conservative retail: small limits for new staff, rising with the role.
    pub fn conservative_retail(currency: Currency) -> Policy {
        use RemedyKind::*;
        let m = |units: i64| Money::new(units * currency.scale(), currency);
        // A full refund is within an associate's reach when it is small: the amount
        // limits decide, not a refusal that pushes staff to a "partial" refund of more.
        let associate = vec![
            Correction,
            RefundFull,
            RefundPartial,
            Replacement,
            StoreCredit,
            DiscountNext,
            FreeShipping,
            ComplimentaryItem,
            HandwrittenNote,
        ];
        let mut senior = associate.clone();
        senior.extend([RedoService, FeeWaiver]);
        let mut supervisor = senior.clone();
        supervisor.push(ManagerApology);
        let role = |id: &str, name: &str, i, s, c, allowed: &Vec<RemedyKind>, approves| Role {
            id: id.into(),
            name: name.into(),
            per_incident: m(i),
            per_shift: m(s),
            per_customer: m(c),
            allowed: allowed.clone(),
            approves,
        };
        Policy {
            schema: POLICY_SCHEMA,
            name: "Conservative retail".into(),
            currency,
            roles: vec![
                role("associate", "Associate", 50, 200, 100, &associate, false),
                role(
                    "senior-associate",
                    "Senior associate",
                    100,
                    400,
                    200,
                    &senior,
                    false,
                ),
                role(
                    "supervisor",
                    "Supervisor",
                    250,
                    800,
                    500,
                    &supervisor,
                    false,
                ),
                role(
                    "manager",
                    "Manager",
                    1000,
                    3000,
                    2000,
                    &RemedyKind::ALL.to_vec(),
                    true,
                ),
            ],
            catalogue: catalogue_default(),
            settings: Settings::default(),
            approval_key: String::new(),
            customer_salt: String::new(),
            retention_months: Some(24),
            accepted_currencies: Vec::new(),
            former_salts: Vec::new(),
            locale: None,
        }
    }

    /// Ritz-Carlton style: every role may spend up to 2,000 per incident without asking.
    pub fn ritz_carlton(currency: Currency) -> Policy {
        let mut p = Policy::conservative_retail(currency);
        p.name = "Ritz-Carlton style".into();
        for r in &mut p.roles {
            r.per_incident = Money::new(2000 * currency.scale(), currency);
            r.per_shift = Money::new(6000 * currency.scale(), currency);
            r.per_customer = Money::new(4000 * currency.scale(), currency);
            r.allowed = RemedyKind::ALL.to_vec();
        }
        p
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn entry(&self, kind: RemedyKind) -> Option<&CatalogueEntry> {
        self.catalogue.iter().find(|e| e.kind == kind)
    }

    /// The rate for a currency the policy accepts (`None` for its own or an unlisted one).
    pub fn accepted(&self, c: Currency) -> Option<&AcceptedCurrency> {
        self.accepted_currencies.iter().find(|a| a.currency == c)
    }

    /// Roles that approve above-limit remedies.
    pub fn approvers(&self) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(|r| r.approves)
    }

    /// Check every rule; the first broken one names its field.
    pub fn validate(&self) -> Result<(), PolicyError> {
        self.validate_all().into_iter().next().map_or(Ok(()), Err)
    }

    /// Every broken rule, for showing errors beside each field in the editor.
    pub fn validate_all(&self) -> Vec<PolicyError> {
        let mut out = Vec::new();
        let cur = self.currency;
        if self.schema != POLICY_SCHEMA {
            out.push(err("schema", Rule::Schema(POLICY_SCHEMA)));
        }
        if self.name.trim().is_empty() {
            out.push(err("name", Rule::Empty));
        }
        if self.roles.is_empty() {
            out.push(err("roles", Rule::NoRole));
        }
        if !self.roles.iter().any(|r| r.approves) {
            out.push(err("roles", Rule::NoApprover));
        }
        for (i, r) in self.roles.iter().enumerate() {
            let f = |name: &str| format!("roles[{i}].{name}");
            if r.id.is_empty()
                || !r
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                out.push(err(f("id"), Rule::BadId));
            }
            if self.roles[..i].iter().any(|o| o.id == r.id) {
                out.push(err(f("id"), Rule::IdTaken));
            }
            if r.name.trim().is_empty() {
                out.push(err(f("name"), Rule::Empty));
            }
            for (name, m) in [
                ("per_incident", r.per_incident),
                ("per_shift", r.per_shift),
                ("per_customer", r.per_customer),
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
                out.push(err(f("per_incident"), Rule::Exceeds(Setting::PerShift)));
            }
            if r.per_incident.minor > r.per_customer.minor {
                out.push(err(f("per_incident"), Rule::Exceeds(Setting::PerCustomer)));
            }
            for (j, k) in r.allowed.iter().enumerate() {
                if self.entry(*k).is_none() {
                    out.push(err(
                        format!("roles[{i}].allowed[{j}]"),
                        Rule::NotInCatalogue(*k),
                    ));
                }
                if r.allowed[..j].contains(k) {
                    out.push(err(format!("roles[{i}].allowed[{j}]"), Rule::Twice));
                }
            }
        }
        for (i, e) in self.catalogue.iter().enumerate() {
            let f = |name: &str| format!("catalogue[{i}].{name}");
            if self.catalogue[..i].iter().any(|o| o.kind == e.kind) {
                out.push(err(f("kind"), Rule::Twice));
            }
            if !(0..=10_000).contains(&e.cost_share.0) {
                out.push(err(f("cost_share"), share_range(0, 10_000)));
            }
            if e.enabled && e.fits.is_empty() {
                out.push(err(f("fits"), Rule::NoFit));
            }
            if let Some(p) = e.discount_percent {
                if !(1..=10_000).contains(&p.0) {
                    out.push(err(f("discount_percent"), share_range(1, 10_000)));
                }
            }
        }
        let s = &self.settings;
        for (field, share, next, limit) in [
            ("fair", s.fair, s.recommended, Setting::Recommended),
            ("recommended", s.recommended, s.generous, Setting::Generous),
            ("generous", s.generous, s.ceiling, Setting::Ceiling),
        ] {
            if share > next {
                out.push(err(format!("settings.{field}"), Rule::Exceeds(limit)));
            }
        }
        if s.fair.0 < 0 {
            out.push(err("settings.fair", Rule::Negative));
        }
        if s.ceiling.0 > 30_000 {
            out.push(err(
                "settings.ceiling",
                Rule::AtMost(Bound::Share(Bp(30_000))),
            ));
        }
        if !(0..=10_000).contains(&s.keeps_item_factor.0) {
            out.push(err("settings.keeps_item_factor", share_range(0, 10_000)));
        }
        for (i, b) in s.severity.iter().enumerate() {
            if !(-10_000..=10_000).contains(&b.0) {
                out.push(err(
                    format!("settings.severity[{i}]"),
                    change_range(-10_000, 10_000),
                ));
            }
        }
        for (i, b) in s.tier.iter().enumerate() {
            if !(-10_000..=10_000).contains(&b.0) {
                out.push(err(
                    format!("settings.tier[{i}]"),
                    change_range(-10_000, 10_000),
                ));
            }
        }
        if !(-10_000..=0).contains(&s.not_responsible.0) {
            out.push(err("settings.not_responsible", change_range(-10_000, 0)));
        }
        if !(1..=365).contains(&s.customer_window_days) {
            out.push(err("settings.customer_window_days", count_range(1, 365)));
        }
        if !(1..=24).contains(&s.shift_hours) {
            out.push(err("settings.shift_hours", count_range(1, 24)));
        }
        if !(1..=5).contains(&s.manager_apology_from) {
            out.push(err("settings.manager_apology_from", count_range(1, 5)));
        }
        if !(0..=Money::MAX_MINOR).contains(&s.gesture_minor) {
            out.push(err("settings.gesture_minor", Rule::Negative));
        }
        for (name, v) in [
            ("approval_key", &self.approval_key),
            ("customer_salt", &self.customer_salt),
        ] {
            if !v.is_empty() && (v.len() != 64 || !v.chars().all(|c| c.is_ascii_hexdigit())) {
                out.push(err(name, Rule::BadKey));
            }
        }
        for (i, a) in self.accepted_currencies.iter().enumerate() {
            let f = |name: &str| format!("accepted_currencies[{i}].{name}");
            if a.currency == cur
                || self.accepted_currencies[..i]
                    .iter()
                    .any(|o| o.currency == a.currency)
            {
                out.push(err(f("currency"), Rule::Twice));
            }
            if a.rate_millionths <= 0 {
                out.push(err(f("rate_millionths"), Rule::NotPositive));
            } else if a.rate_millionths > Money::MAX_MINOR {
                out.push(err(f("rate_millionths"), Rule::TooLarge));
            }
            if a.set_on.len() != 10 || crate::time::parse_iso8601(&a.set_on).is_none() {
                out.push(err(f("set_on"), Rule::BadDate));
            }
        }
        if let Some(m) = self.retention_months {
            if !(1..=120).contains(&m) {
                out.push(err("retention_months", count_range(1, 120)));
            }
        }
        out
    }

    /// Bring a policy of an older schema to this one (a no-op for the current schema).
    pub fn migrate(&mut self) {
        if self.schema == 1 {
            // Schema 2 corrects a billing error with its own remedy, outside limits, that
            // every role may give: the customer's own money is never a favour.
            if self.entry(RemedyKind::Correction).is_none() {
                self.catalogue.insert(0, correction_entry());
            }
            for r in &mut self.roles {
                if !r.allowed.contains(&RemedyKind::Correction) {
                    r.allowed.insert(0, RemedyKind::Correction);
                }
            }
            self.schema = POLICY_SCHEMA;
        }
    }

    /// Read a policy file of any known schema, migrate it, and validate every field.
    pub fn load(json: &str) -> Result<Policy, LoadError> {
        let v: serde_json::Value =
            serde_json::from_str(json).map_err(|e| LoadError::NotJson(e.to_string()))?;
        let schema = v.get("schema").and_then(|s| s.as_u64()).unwrap_or(0);
        if schema > u64::from(POLICY_SCHEMA) {
            return Err(LoadError::TooNew(u32::try_from(schema).unwrap_or(u32::MAX)));
        }
        if schema == 0 {
            return Err(err("schema", Rule::Missing).into());
        }
        // Read from the text, not the value: one deserialisation path (smaller wasm).
        let mut p: Policy = serde_json::from_str(json).map_err(|e| {
            let why = e.to_string();
            LoadError::Invalid(err(field_of_serde_error(&why), Rule::Unreadable(why)))
        })?;
        p.migrate();
        p.validate()?;
        Ok(p)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Every setting as (field path, plain value) pairs, for diffs and audit entries.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut v = serde_json::to_value(self).unwrap_or_default();
        // Salts used before are this device's bookkeeping, not a setting that changes.
        if let Some(map) = v.as_object_mut() {
            map.remove("former_salts");
        }
        flatten("", &v, &mut out);
        out
    }
}

fn field_of_serde_error(msg: &str) -> String {
    // serde_json names the field in "missing field `x`" and "unknown variant"; keep it simple.
    msg.split('`').nth(1).unwrap_or("policy").to_string()
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object()) => {
            let parts: Vec<String> = items.iter().map(plain).collect();
            out.push((prefix.to_string(), parts.join(", ")));
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), x, out);
            }
        }
        other => out.push((prefix.to_string(), plain(other))),
    }
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "none".into(),
        other => other.to_string(),
    }
}

/// One changed field: what an audit entry and an import preview show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Fields that differ between two policies, in a stable order. Secrets are masked.
pub fn diff(old: &Policy, new: &Policy) -> Vec<FieldChange> {
    let a = old.fields();
    let b = new.fields();
    let mask = |f: &str, v: &str| {
        if (f == "approval_key" || f == "customer_salt") && !v.is_empty() {
            "(secret)".to_string()
        } else {
            v.to_string()
        }
    };
    let mut out = Vec::new();
    for (f, nv) in &b {
        let ov = a.iter().find(|(k, _)| k == f).map(|(_, v)| v.as_str());
        if ov != Some(nv.as_str()) {
            let (o, n) = (mask(f, ov.unwrap_or("none")), mask(f, nv));
            out.push(FieldChange {
                field: f.clone(),
                old: o,
                new: if n == "(secret)" && f == "approval_key" {
                    "(new secret)".into()
                } else {
                    n
                },
            });
        }
    }
    for (f, ov) in &a {
        if !b.iter().any(|(k, _)| k == f) {
            out.push(FieldChange {
                field: f.clone(),
                old: mask(f, ov),
                new: "none".into(),
            });
        }
    }
    out
}

/// One entry of the audit trail: who changed what, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub who: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

impl AuditEntry {
    pub fn from_changes(at_ms: i64, who: &str, changes: &[FieldChange]) -> Vec<AuditEntry> {
        changes
            .iter()
            .map(|c| AuditEntry {
                at_ms,
                who: who.to_string(),
                field: c.field.clone(),
                old: c.old.clone(),
                new: c.new.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid() {
        for c in Currency::ALL {
            assert_eq!(Policy::conservative_retail(c).validate(), Ok(()));
            assert_eq!(Policy::ritz_carlton(c).validate(), Ok(()));
        }
        let r = Policy::ritz_carlton(Currency::USD);
        assert!(r.roles.iter().all(|x| x.per_incident.minor == 200_000));
    }

    #[test]
    fn validation_names_the_field() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.roles[1].per_incident = Money::new(100_000, Currency::USD);
        let e = p.validate().unwrap_err();
        assert_eq!(e.to_string(), "roles[1].per_incident exceeds per_shift");
        let mut p = Policy::conservative_retail(Currency::USD);
        p.settings.fair = Bp::percent(200);
        assert_eq!(p.validate().unwrap_err().field, "settings.fair");
        let mut p = Policy::conservative_retail(Currency::USD);
        p.roles[0].per_shift = Money::new(1, Currency::EUR);
        assert_eq!(
            p.validate().unwrap_err().to_string(),
            "roles[0].per_shift must be in USD"
        );
    }

    #[test]
    fn load_checks_schema_and_fields() {
        let p = Policy::conservative_retail(Currency::EUR);
        assert_eq!(Policy::load(&p.to_json()), Ok(p.clone()));
        assert!(matches!(Policy::load("nope"), Err(LoadError::NotJson(_))));
        let newer = p.to_json().replace("\"schema\": 2", "\"schema\": 9");
        assert_eq!(Policy::load(&newer), Err(LoadError::TooNew(9)));
        let bad = p
            .to_json()
            .replace("\"currency\": \"EUR\"", "\"currency\": \"XXX\"");
        assert!(matches!(Policy::load(&bad), Err(LoadError::Invalid(_))));
    }

    /// A policy as schema 1 wrote it: no correction remedy, no `outside_limits`, no currencies.
    fn schema_1_json(c: Currency) -> String {
        let mut v = serde_json::to_value(Policy::conservative_retail(c)).unwrap();
        v["schema"] = 1.into();
        let cat = v["catalogue"].as_array_mut().unwrap();
        cat.retain(|e| e["kind"] != "correction");
        for e in cat.iter_mut() {
            e.as_object_mut().unwrap().remove("outside_limits");
        }
        for r in v["roles"].as_array_mut().unwrap() {
            r["allowed"]
                .as_array_mut()
                .unwrap()
                .retain(|k| k != "correction");
        }
        v.as_object_mut().unwrap().remove("accepted_currencies");
        serde_json::to_string_pretty(&v).unwrap()
    }

    #[test]
    fn a_schema_1_policy_still_loads_and_gains_the_correction() {
        let old = schema_1_json(Currency::USD);
        assert!(old.contains("\"schema\": 1") && !old.contains("correction"));
        let p = Policy::load(&old).unwrap();
        assert_eq!(p.schema, POLICY_SCHEMA);
        let e = p.entry(RemedyKind::Correction).unwrap();
        assert!(
            e.enabled && e.outside_limits,
            "correcting a charge is outside limits"
        );
        assert!(p
            .roles
            .iter()
            .all(|r| r.allowed.contains(&RemedyKind::Correction)));
        assert!(
            p.catalogue
                .iter()
                .filter(|e| e.kind != RemedyKind::Correction)
                .all(|e| !e.outside_limits),
            "a refund of a returned item counts against limits"
        );
        assert!(p.accepted_currencies.is_empty());
        assert_eq!(Policy::load(&p.to_json()), Ok(p));
    }

    #[test]
    fn rates_parse_exactly() {
        assert_eq!(parse_rate("1.08"), Some(1_080_000));
        assert_eq!(parse_rate(" 0,0067 "), Some(6_700));
        assert_eq!(parse_rate("2"), Some(2_000_000));
        assert_eq!(parse_rate("1.1234567"), None);
        assert_eq!(parse_rate("-1"), None);
        assert_eq!(parse_rate("abc"), None);
        assert_eq!(parse_rate(""), None);
        assert_eq!(crate::recommend::rate_text(1_080_000), "1.08");
        assert_eq!(crate::recommend::rate_text(6_700), "0.0067");
        assert_eq!(crate::recommend::rate_text(2_000_000), "2.00");
    }

    #[test]
    fn accepted_currencies_convert_exactly_and_are_checked() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.accepted_currencies.push(AcceptedCurrency {
            currency: Currency::JPY,
            rate_millionths: 6_700,
            set_on: "2026-11-30".into(),
        });
        p.accepted_currencies.push(AcceptedCurrency {
            currency: Currency::EUR,
            rate_millionths: 1_080_000,
            set_on: "2026-11-30".into(),
        });
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(Policy::load(&p.to_json()), Ok(p.clone()));
        let eur = p.accepted(Currency::EUR).unwrap();
        // 13.50 EUR at 1.08 = 14.58 USD exactly; 0.01 EUR = 0.0108 USD rounds up to 0.02.
        assert_eq!(
            eur.convert(Money::new(1350, Currency::EUR), Currency::USD),
            Ok(Money::new(1458, Currency::USD))
        );
        assert_eq!(
            eur.convert(Money::new(1, Currency::EUR), Currency::USD),
            Ok(Money::new(2, Currency::USD))
        );
        // 1500 JPY at 0.0067 = 10.05 USD.
        assert_eq!(
            p.accepted(Currency::JPY)
                .unwrap()
                .convert(Money::new(1500, Currency::JPY), Currency::USD),
            Ok(Money::new(1005, Currency::USD))
        );
        assert!(p.accepted(Currency::GBP).is_none());
        let mut bad = p.clone();
        bad.accepted_currencies[0].rate_millionths = 0;
        bad.accepted_currencies[1].set_on = "30/11/2026".into();
        bad.accepted_currencies
            .push(bad.accepted_currencies[0].clone());
        let errs: Vec<String> = bad.validate_all().iter().map(|e| e.to_string()).collect();
        assert!(
            errs.contains(&"accepted_currencies[0].rate_millionths must be more than zero".into()),
            "{errs:?}"
        );
        assert!(
            errs.contains(&"accepted_currencies[1].set_on must be a date like 2026-01-31".into()),
            "{errs:?}"
        );
        assert!(
            errs.contains(&"accepted_currencies[2].currency is listed twice".into()),
            "{errs:?}"
        );
    }

    #[test]
    fn diff_lists_changed_fields() {
        let a = Policy::conservative_retail(Currency::USD);
        let mut b = a.clone();
        b.roles[0].per_incident = Money::new(2500, Currency::USD);
        b.approval_key = "ab".repeat(32);
        let d = diff(&a, &b);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().any(|c| c.field == "roles[0].per_incident.minor"
            && c.old == "5000"
            && c.new == "2500"));
        assert!(
            d.iter().all(|c| !c.new.contains("abab")),
            "secrets are masked"
        );
        assert!(diff(&a, &a).is_empty());
    }
}
