//! What managers set: roles and their limits, the remedy catalogue, the calculator's settings.
//!
//! A policy is versioned JSON. [`Policy::load`] validates every field and names the
//! offending one by its typed [`Field`] path; [`diff`] turns a change into typed
//! [`Change`]s for the audit and import previews. By concern: `currencies` (other
//! currencies and their rates), `presets`, `validate` (the rules), `path` (the field
//! path), `diff`, `safe` (the fail-safe policy and former salts).

use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};
use crate::remedy::{correction_entry, CatalogueEntry, RemedyKind};
use crate::share::Bp;

mod currencies;
mod diff;
mod path;
mod presets;
mod safe;
mod validate;

pub use crate::audit::AuditEntry;
pub use currencies::{parse_rate, AcceptedCurrency, RATE_SCALE};
pub use diff::{diff, Change, Of, Value};
pub use path::{at, AcceptedField, EntryField, Field, RoleField, SettingField};
pub use validate::{Bound, LoadError, PolicyError, Rule, Setting};

/// Policy format version written by this build. Schema 2 added correcting a charge
/// (`correction`), `outside_limits` per remedy and `accepted_currencies`; schema-1 files
/// still load and are migrated (see [`Policy::load`]). Schema 3 added the `store` name
/// (exports name it on every row); older files load with none.
pub const POLICY_SCHEMA: u32 = 3;

/// The longest store name, in characters.
pub const STORE_MAX_CHARS: i64 = 80;

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
    /// The store (or team) this policy is for, as head office names it: written on every
    /// row of a CSV export. May be empty. Schema 3.
    #[serde(default)]
    pub store: String,
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

impl Policy {
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
            self.schema = 2;
        }
        if self.schema == 2 {
            // Schema 3 names the store; an older policy has none (serde's default, "").
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
            return Err(PolicyError::new(Field::Schema, Rule::Missing).into());
        }
        // Read from the text, not the value: one deserialisation path (smaller wasm). The
        // parser's words name the field; the path is the whole policy.
        let mut p: Policy = serde_json::from_str(json).map_err(|e| {
            LoadError::Invalid(PolicyError::new(
                Field::Policy,
                Rule::Unreadable(e.to_string()),
            ))
        })?;
        p.migrate();
        p.validate()?;
        Ok(p)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_checks_schema_and_fields() {
        let p = Policy::conservative_retail(Currency::EUR);
        assert_eq!(Policy::load(&p.to_json()), Ok(p.clone()));
        assert!(matches!(Policy::load("nope"), Err(LoadError::NotJson(_))));
        let newer = p.to_json().replace("\"schema\": 3", "\"schema\": 9");
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
        v.as_object_mut().unwrap().remove("store");
        serde_json::to_string_pretty(&v).unwrap()
    }

    #[test]
    fn a_schema_2_policy_still_loads_without_a_store_name() {
        let mut v = serde_json::to_value(Policy::conservative_retail(Currency::USD)).unwrap();
        v["schema"] = 2.into();
        v.as_object_mut().unwrap().remove("store");
        let p = Policy::load(&v.to_string()).unwrap();
        assert_eq!((p.schema, p.store.as_str()), (3, ""));
        assert_eq!(p, Policy::conservative_retail(Currency::USD));
    }

    #[test]
    fn the_store_name_is_kept_and_bounded() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.store = "Main St, Uppsala".into();
        assert_eq!(Policy::load(&p.to_json()), Ok(p.clone()));
        p.store = "x".repeat(81);
        assert_eq!(p.validate().unwrap_err().field, Field::Store);
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
}
