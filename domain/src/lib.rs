//! The pure core of Amends: everything it decides, with no web dependency, tested natively.
//!
//! Money is integer minor units ([`money`]); shares are basis points or exact ratios
//! ([`share`]). A manager's [`policy`] sets roles, limits and the remedy catalogue;
//! [`recommend`] turns an [`incident`] into three options with reasons; [`budget`] decides
//! whether a bundle is within a staff member's authority; [`record`] is the versioned log;
//! [`analytics`] learns from it; [`export`] gets data out and back.

pub mod analytics;
pub mod approval;
pub mod audit;
pub mod authority;
pub mod budget;
pub mod customer;
pub mod export;
pub mod incident;
pub mod level;
pub mod money;
pub mod number;
pub mod order;
pub mod pin;
pub mod policy;
pub mod practice;
pub mod put_right;
pub mod recommend;
pub mod record;
pub mod remedy;
pub mod retention;
pub mod share;
pub mod slug;
pub mod staff;
pub mod sync;
pub mod testdata;
pub mod time;

pub use audit::{AuditEntry, Event};
pub use budget::{decide, decide_with, BudgetState, Decision, Limit, Remaining};
pub use customer::CustomerKeys;
pub use incident::{Category, Channel, FailureType, Incident, Severity, Tier, Touchpoint};
pub use level::Level;
pub use money::{Currency, Money, MoneyError, Separators};
pub use policy::{AcceptedCurrency, Field, Policy, PolicyError, Role, Rule, Settings};
pub use put_right::put_right_plan;
pub use recommend::{recommend, Choice, Reason, Recommendation, Suggestion};
pub use record::RecoveryRecord;
pub use remedy::{Bundle, CatalogueEntry, RemedyKind, RemedyLine};
pub use share::{Bp, Ratio};
pub use staff::StaffMember;

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(D[usize::from(b >> 4)] as char);
        s.push(D[usize::from(b & 15)] as char);
    }
    s
}
