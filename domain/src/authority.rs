//! Who may do what on a shared device: the role a new name starts with, who may approve,
//! and exactly what an approval covers (so nothing changed after it is logged as approved).

use serde::{Deserialize, Serialize};

use crate::budget::{decide, BudgetState, Decision, Limit};
use crate::money::MoneyError;
use crate::policy::{Policy, Role};
use crate::remedy::{Bundle, RemedyLine};

/// The role a name new to the device starts with: the least authority in the policy
/// (not an approver, then the smallest per-incident, per-shift and per-customer limits;
/// ties go to the earlier role). Any other role is given by a manager.
pub fn lowest_role(policy: &Policy) -> Option<&Role> {
    policy.roles.iter().min_by_key(|r| {
        (
            r.approves,
            r.per_incident.minor,
            r.per_shift.minor,
            r.per_customer.minor,
        )
    })
}

/// The role `name` signs in with: in manager mode the role asked for; otherwise a name
/// already on the device keeps its role, and a new one gets the lowest. Roles are given by
/// a manager, never chosen by the person signing in.
pub fn sign_in_role(
    policy: &Policy,
    known: Option<&str>,
    asked: &str,
    manager_mode: bool,
) -> String {
    match known {
        _ if manager_mode => asked.to_string(),
        Some(role) => role.to_string(),
        None => lowest_role(policy)
            .map(|r| r.id.clone())
            .unwrap_or_default(),
    }
}

/// What an approval covers: these exact lines (kind, face value and cost, and so their
/// currency), given for real or in practice. Anything else needs a new approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Covered {
    pub lines: Vec<RemedyLine>,
    pub practice: bool,
}

impl Covered {
    pub fn of(bundle: &Bundle, practice: bool) -> Covered {
        Covered {
            lines: bundle.lines.clone(),
            practice,
        }
    }

    /// Whether this approval still covers `bundle`: the same lines in the same order, the
    /// same currency, the same practice setting. An empty approval covers nothing.
    pub fn covers(&self, bundle: &Bundle, practice: bool) -> bool {
        !self.lines.is_empty() && self.lines == bundle.lines && self.practice == practice
    }
}

/// Whether a bundle may be logged now: within authority as it stands, or above a limit
/// with an approval that still covers it. A kind the role may not give is never logged,
/// approved or not (the remedy step blocks it; jumping ahead through the steps must too).
pub fn may_log(
    decision: &Decision,
    approval: Option<&Covered>,
    bundle: &Bundle,
    practice: bool,
) -> bool {
    match decision {
        Decision::Within => true,
        Decision::NeedsApproval { .. } => approval.is_some_and(|a| a.covers(bundle, practice)),
        Decision::NotAllowed { .. } => false,
    }
}

/// Why a staff member may not approve a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Their role does not approve (or they are asking for themselves).
    NotApprover,
    /// Beyond the approver's own authority: the decision for them.
    Beyond(Decision),
}

/// Whether `approver` (holding `role`, with `state` their own budget, which counts what they
/// approved before) may approve `bundle` for someone else named `requester`.
pub fn may_approve(
    policy: &Policy,
    approver: &str,
    role: &Role,
    requester: &str,
    bundle: &Bundle,
    state: &BudgetState,
) -> Result<Result<(), Refusal>, MoneyError> {
    if !role.approves || approver.trim().is_empty() || approver == requester {
        return Ok(Err(Refusal::NotApprover));
    }
    Ok(match decide(bundle, policy, role, state)? {
        // Limits cannot be checked in another currency: that is what an approver is asked for.
        Decision::Within
        | Decision::NeedsApproval {
            limit: Limit::Currency,
            ..
        } => Ok(()),
        other => Err(Refusal::Beyond(other)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Currency, Money};
    use crate::remedy::RemedyKind;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::USD)
    }

    fn line(kind: RemedyKind, minor: i64) -> RemedyLine {
        RemedyLine {
            kind,
            face: usd(minor),
            cost: usd(minor),
        }
    }

    #[test]
    fn a_new_name_starts_with_the_lowest_role_wherever_it_is_listed() {
        let mut p = Policy::conservative_retail(Currency::USD);
        assert_eq!(lowest_role(&p).map(|r| r.id.as_str()), Some("associate"));
        p.roles.reverse();
        assert_eq!(lowest_role(&p).map(|r| r.id.as_str()), Some("associate"));
        // An approver is never the starting role, even with smaller limits.
        p.roles
            .iter_mut()
            .find(|r| r.approves)
            .unwrap()
            .per_incident = usd(0);
        assert_eq!(lowest_role(&p).map(|r| r.id.as_str()), Some("associate"));
        p.roles.clear();
        assert_eq!(lowest_role(&p), None);
    }

    #[test]
    fn roles_are_given_by_a_manager_not_chosen_when_signing_in() {
        let p = Policy::conservative_retail(Currency::USD);
        assert_eq!(sign_in_role(&p, None, "manager", false), "associate");
        assert_eq!(
            sign_in_role(&p, Some("associate"), "manager", false),
            "associate"
        );
        assert_eq!(
            sign_in_role(&p, Some("supervisor"), "associate", false),
            "supervisor"
        );
        assert_eq!(sign_in_role(&p, None, "manager", true), "manager");
    }

    /// Issue 11 #7: an approval binds the currency, the lines and their kinds, not the cost.
    #[test]
    fn an_approval_covers_its_lines_currency_and_practice_only() {
        let approved = Bundle {
            lines: vec![line(RemedyKind::Replacement, 7200)],
        };
        let c = Covered::of(&approved, false);
        assert!(c.covers(&approved, false));
        // Same cost, another kind: a $72 full refund is not the $72 replacement approved.
        let swapped = Bundle {
            lines: vec![line(RemedyKind::RefundFull, 7200)],
        };
        assert!(!c.covers(&swapped, false));
        // Same figure in another currency: SEK 420 approved is not $420.
        let sek = Bundle {
            lines: vec![RemedyLine {
                kind: RemedyKind::StoreCredit,
                face: Money::new(42_000, Currency::SEK),
                cost: Money::new(42_000, Currency::SEK),
            }],
        };
        let usd_420 = Bundle {
            lines: vec![line(RemedyKind::StoreCredit, 42_000)],
        };
        assert!(!Covered::of(&sek, false).covers(&usd_420, false));
        // Another amount, a line added, practice switched: each asks again.
        let more = Bundle {
            lines: vec![line(RemedyKind::Replacement, 7201)],
        };
        assert!(!c.covers(&more, false));
        let mut added = approved.clone();
        added.lines.push(line(RemedyKind::HandwrittenNote, 0));
        assert!(!c.covers(&added, false));
        assert!(!Covered::of(&approved, true).covers(&approved, false));
        // An approval from an old draft (no lines kept) covers nothing.
        assert!(!Covered::default().covers(&Bundle::default(), false));
    }

    #[test]
    fn only_a_covering_approval_logs_above_a_limit_and_nothing_logs_a_kind_not_allowed() {
        let b = Bundle {
            lines: vec![line(RemedyKind::Replacement, 7200)],
        };
        let ok = Covered::of(&b, false);
        let over = Decision::NeedsApproval {
            limit: crate::budget::Limit::PerIncident,
            over_by: usd(2200),
            approvers: vec![],
        };
        assert!(may_log(&Decision::Within, None, &b, false));
        assert!(!may_log(&over, None, &b, false));
        assert!(may_log(&over, Some(&ok), &b, false));
        assert!(
            !may_log(&over, Some(&ok), &b, true),
            "practice toggled after approval"
        );
        let refund = Bundle {
            lines: vec![line(RemedyKind::RefundFull, 7200)],
        };
        let not_allowed = Decision::NotAllowed {
            kind: RemedyKind::RefundFull,
        };
        assert!(!may_log(
            &not_allowed,
            Some(&Covered::of(&refund, false)),
            &refund,
            false
        ));
    }

    #[test]
    fn only_an_approving_role_approves_and_never_for_itself_nor_beyond_its_authority() {
        let p = Policy::conservative_retail(Currency::USD);
        let manager = p.role("manager").unwrap();
        let associate = p.role("associate").unwrap();
        let st = BudgetState::empty(&p);
        let b = Bundle {
            lines: vec![line(RemedyKind::StoreCredit, 7200)],
        };
        assert_eq!(may_approve(&p, "Mo", manager, "Sam", &b, &st), Ok(Ok(())));
        assert_eq!(
            may_approve(&p, "Ann", associate, "Sam", &b, &st),
            Ok(Err(Refusal::NotApprover))
        );
        assert_eq!(
            may_approve(&p, "Sam", manager, "Sam", &b, &st),
            Ok(Err(Refusal::NotApprover)),
            "nobody approves their own recovery"
        );
        let eur = Bundle {
            lines: vec![RemedyLine {
                kind: RemedyKind::StoreCredit,
                face: Money::new(1350, Currency::EUR),
                cost: Money::new(1350, Currency::EUR),
            }],
        };
        assert_eq!(
            may_approve(&p, "Mo", manager, "Sam", &eur, &st),
            Ok(Ok(())),
            "another currency is what approvers are asked about"
        );
        let big = Bundle {
            lines: vec![line(RemedyKind::RefundFull, 126_000)],
        };
        assert!(matches!(
            may_approve(&p, "Mo", manager, "Sam", &big, &st),
            Ok(Err(Refusal::Beyond(Decision::NeedsApproval { .. })))
        ));
    }
}
