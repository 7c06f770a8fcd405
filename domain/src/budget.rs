//! Empowerment: how much a staff member may still give, and whether a bundle is within it.

use serde::{Deserialize, Serialize};

use crate::customer::CustomerKeys;
use crate::money::{Money, MoneyError};
use crate::policy::{Policy, Role};
use crate::put_right::{put_right_plan, PutRightPlan};
use crate::record::RecoveryRecord;
use crate::remedy::{Bundle, RemedyKind, RemedyLine};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// What has already been given, computed from the records on this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetState {
    /// Cost of what this staff member gave in the current shift without approval, plus
    /// what they approved for others (approved spend is the approver's, not the requester's).
    pub given_this_shift: Money,
    /// Cost of what this customer received in the window.
    pub customer_received: Money,
    /// Earlier recoveries for this customer in the window.
    pub customer_prior_failures: u32,
}

impl BudgetState {
    pub fn empty(policy: &Policy) -> BudgetState {
        BudgetState {
            given_this_shift: Money::zero(policy.currency),
            customer_received: Money::zero(policy.currency),
            customer_prior_failures: 0,
        }
    }

    /// Sum the records that count: not practice, in the policy currency or one it accepts
    /// (converted), inside the windows, less what the policy keeps outside limits.
    /// `customer` matches a record's hash under any salt this device used (empty: no
    /// customer given). `exclude_id` leaves out the recovery being edited.
    pub fn from_records<'a>(
        records: impl IntoIterator<Item = &'a RecoveryRecord>,
        policy: &Policy,
        staff: &str,
        customer: &CustomerKeys,
        now_ms: i64,
        exclude_id: &str,
    ) -> Result<BudgetState, MoneyError> {
        let s = &policy.settings;
        let shift_from = now_ms - i64::from(s.shift_hours) * HOUR_MS;
        let window_from = now_ms - i64::from(s.customer_window_days) * DAY_MS;
        let mut st = BudgetState::empty(policy);
        for r in records {
            if r.practice || r.id == exclude_id {
                continue;
            }
            let same_customer = r.opened_ms >= window_from
                && r.customer_hash
                    .as_deref()
                    .is_some_and(|h| customer.matches(h));
            // An earlier failure counts whatever its currency; money only in the policy's.
            st.customer_prior_failures += u32::from(same_customer);
            // What counts, as `decide` counts it: corrections kept outside limits up to
            // what put the incident right; other accepted currencies at today's rate.
            let cost = counted_record(r, policy)?;
            let cost = match policy.accepted(cost.currency) {
                _ if cost.currency == policy.currency => cost,
                Some(a) => a.convert(cost, policy.currency)?,
                None => continue,
            };
            // Approved spend counts against the approver's authority, not the requester's.
            let spent_by = r
                .approval
                .as_ref()
                .map_or(r.staff.as_str(), |a| a.by.as_str());
            if spent_by == staff && r.resolved_ms >= shift_from {
                st.given_this_shift = st.given_this_shift.checked_add(cost)?;
            }
            if same_customer {
                st.customer_received = st.customer_received.checked_add(cost)?;
            }
        }
        Ok(st)
    }
}

/// What of a logged recovery counts against limits, in its own currency, as
/// [`BudgetState::from_records`] counts it.
pub fn counted_record(r: &RecoveryRecord, policy: &Policy) -> Result<Money, MoneyError> {
    let plan = put_right_plan(&r.incident, policy).ok();
    counted_lines(&r.remedies, policy, plan.as_ref())
}

/// Which limit a bundle runs into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    PerIncident,
    PerShift,
    PerCustomer,
    /// The limits are set in another currency: a manager must look at it.
    Currency,
}

/// What is left of each limit for this staff member and customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remaining {
    pub incident: Money,
    pub shift: Money,
    pub customer: Money,
}

impl Remaining {
    pub fn of(role: &Role, state: &BudgetState) -> Result<Remaining, MoneyError> {
        Ok(Remaining {
            incident: role.per_incident,
            shift: role
                .per_shift
                .saturating_remaining(state.given_this_shift)?,
            customer: role
                .per_customer
                .saturating_remaining(state.customer_received)?,
        })
    }
}

/// Whether a staff member may give a bundle without asking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "decision")]
pub enum Decision {
    /// Within authority: give it now.
    Within,
    /// Above a limit: `limit` binds hardest, exceeded by `over_by`; `approvers` are the
    /// names of roles that may approve it.
    NeedsApproval {
        limit: Limit,
        over_by: Money,
        approvers: Vec<String>,
    },
    /// The role may not give this kind of remedy at all.
    NotAllowed { kind: RemedyKind },
}

impl Decision {
    pub fn is_within(&self) -> bool {
        matches!(self, Decision::Within)
    }
}

/// Decide a bundle for `role` given what was already given, with nothing kept outside limits.
pub fn decide(
    bundle: &Bundle,
    policy: &Policy,
    role: &Role,
    state: &BudgetState,
) -> Result<Decision, MoneyError> {
    decide_with(bundle, policy, role, state, None)
}

/// What of a bundle counts against limits, in the bundle's currency: its cost, less the
/// lines that put this incident right (`plan`) with a remedy the policy keeps
/// `outside_limits`, up to the plan's amount. A correction typed above the error, or for
/// an incident that is not a billing error, counts in full.
pub fn counted_cost(
    bundle: &Bundle,
    policy: &Policy,
    plan: Option<&PutRightPlan>,
) -> Result<Money, MoneyError> {
    counted_lines(&bundle.lines, policy, plan)
}

fn counted_lines(
    lines: &[RemedyLine],
    policy: &Policy,
    plan: Option<&PutRightPlan>,
) -> Result<Money, MoneyError> {
    let cur = lines.first().map_or(policy.currency, |l| l.cost.currency);
    let cost = Money::sum(cur, lines.iter().map(|l| l.cost))?;
    let Some(plan) = plan.filter(|p| p.amount.currency == cur && p.amount.minor > 0) else {
        return Ok(cost);
    };
    let outside = Money::sum(
        cur,
        lines
            .iter()
            .filter(|l| {
                plan.kinds.contains(&l.kind)
                    && policy.entry(l.kind).is_some_and(|e| e.outside_limits)
            })
            .map(|l| l.cost),
    )?;
    cost.checked_sub(Money::new(outside.minor.min(plan.amount.minor), cur))
}

/// Decide a bundle for `role` given what was already given.
///
/// A bundle is within authority only when every kind is allowed for the role and what
/// counts of its cost ([`counted_cost`]), converted at the manager's rate when it is in
/// another accepted currency, fits every remaining limit; otherwise the limit exceeded by
/// the most is named. A currency the policy does not accept always asks for approval.
pub fn decide_with(
    bundle: &Bundle,
    policy: &Policy,
    role: &Role,
    state: &BudgetState,
    plan: Option<&PutRightPlan>,
) -> Result<Decision, MoneyError> {
    if let Some(kind) = bundle.kinds().find(|k| !role.allowed.contains(k)) {
        return Ok(Decision::NotAllowed { kind });
    }
    let approvers = || {
        policy
            .approvers()
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
    };
    let currency = policy.currency;
    let mut cost = counted_cost(bundle, policy, plan)?;
    if cost.currency != currency {
        match policy.accepted(cost.currency) {
            Some(rate) => cost = rate.convert(cost, currency)?,
            None => {
                return Ok(Decision::NeedsApproval {
                    limit: Limit::Currency,
                    over_by: cost,
                    approvers: approvers(),
                })
            }
        }
    }
    let rem = Remaining::of(role, state)?;
    let mut worst: Option<(Limit, Money)> = None;
    for (limit, left) in [
        (Limit::PerIncident, rem.incident),
        (Limit::PerShift, rem.shift),
        (Limit::PerCustomer, rem.customer),
    ] {
        let over = cost.checked_sub(left)?;
        if over.minor > 0 && worst.is_none_or(|(_, w)| over.minor > w.minor) {
            worst = Some((limit, over));
        }
    }
    Ok(match worst {
        None => Decision::Within,
        Some((limit, over_by)) => Decision::NeedsApproval {
            limit,
            over_by,
            approvers: approvers(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use crate::record::tests::sample;
    use crate::record::{Approval, ApprovalMethod};
    use crate::remedy::{RemedyKind, RemedyLine};

    const NOW: i64 = 1_700_000_600_000;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::USD)
    }

    fn given(records: &[RecoveryRecord], staff: &str) -> Money {
        let p = Policy::conservative_retail(Currency::USD);
        BudgetState::from_records(records, &p, staff, &CustomerKeys::default(), NOW, "")
            .unwrap()
            .given_this_shift
    }

    /// Regression (issue 10): after a manager approved a $1,260 recovery, the associate's
    /// own shift budget was spent, so a $2.70 gesture then needed approval.
    #[test]
    fn approved_spend_counts_against_the_approver_not_the_requesters_shift() {
        let mut approved = sample("big");
        approved.remedies = vec![RemedyLine {
            kind: RemedyKind::RefundFull,
            face: usd(126_000),
            cost: usd(126_000),
        }];
        approved.approval = Some(Approval {
            by: "Mo".into(),
            method: ApprovalMethod::Pin,
            at_ms: NOW - 1000,
        });
        let own = sample("own");
        let records = [approved, own];
        assert_eq!(given(&records, "Sam"), usd(2994), "only Sam's own gift");
        assert_eq!(given(&records, "Mo"), usd(126_000), "Mo approved it");
        let p = Policy::conservative_retail(Currency::USD);
        let st = BudgetState::from_records(&records, &p, "Sam", &CustomerKeys::default(), NOW, "")
            .unwrap();
        let gesture = Bundle {
            lines: vec![RemedyLine {
                kind: RemedyKind::StoreCredit,
                face: usd(270),
                cost: usd(270),
            }],
        };
        let associate = p.role("associate").unwrap();
        assert_eq!(decide(&gesture, &p, associate, &st), Ok(Decision::Within));
    }

    // Issue 11 #5: after another device's policy was imported (new salt), a returning
    // customer's earlier recovery, hashed under the old salt, neither counted as a repeat
    // nor against the limit per customer.
    #[test]
    fn a_customer_hashed_under_a_former_salt_is_recognised() {
        use crate::customer::hash_reference;
        let p = Policy::conservative_retail(Currency::USD);
        let mut before = sample("before");
        before.customer_hash = Some(hash_reference("old", "ana@example.com").unwrap());
        let mut stranger = sample("stranger");
        stranger.customer_hash = Some(hash_reference("old", "bo@example.com").unwrap());
        let records = [before.clone(), stranger];
        let ana = CustomerKeys::hash("new", ["old"], "ana@example.com").unwrap();
        let st = BudgetState::from_records(&records, &p, "Sam", &ana, NOW, "").unwrap();
        assert_eq!(st.customer_prior_failures, 1);
        assert_eq!(st.customer_received, before.cost().unwrap());
        // Only the current salt known: not recognised (what the device did before).
        let current_only = CustomerKeys::hash("new", [], "ana@example.com").unwrap();
        let st = BudgetState::from_records(&records, &p, "Sam", &current_only, NOW, "").unwrap();
        assert_eq!(st.customer_prior_failures, 0);
    }
}
