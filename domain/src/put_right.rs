//! Putting right what failed (restitution), before any goodwill: what the calculator
//! suggests first and what budgets keep out of limits. Its own module so that the
//! calculator and the budget both use it without needing each other.

use crate::incident::{Category, FailureType, Incident};
use crate::money::{Money, MoneyError};
use crate::policy::Policy;
use crate::remedy::RemedyKind;
use crate::share::Bp;

/// How an incident is put right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PutRightPlan {
    /// Kinds that put it right, best fit first (empty: nothing to return or replace).
    pub kinds: &'static [RemedyKind],
    /// The exact amount returned or restored: never above the loss; a partial refund
    /// is strictly below it.
    pub amount: Money,
    /// The share of the loss the customer already has back once it is put right (or
    /// has anyway: an order that came late): goodwill is what the option adds above it.
    pub made_whole: Money,
    /// The factor every share applies to (the keeps-item factor when the customer keeps
    /// the flawed item, else 100%).
    pub factor: Bp,
}

/// A billing error or overcharge is corrected by exactly the error, whatever else.
pub fn is_billing(c: Category) -> bool {
    matches!(c, Category::BillingError | Category::Overcharged)
}

/// What puts `incident` right under `policy` (research.md, "Putting right, then compensating").
pub fn put_right_plan(incident: &Incident, policy: &Policy) -> Result<PutRightPlan, MoneyError> {
    use RemedyKind::*;
    let loss = incident.loss;
    let zero = Money::zero(loss.currency);
    let whole = |kinds| PutRightPlan {
        kinds,
        amount: loss,
        made_whole: loss,
        factor: Bp::percent(100),
    };
    if loss.minor <= 0 {
        return Ok(PutRightPlan {
            kinds: &[],
            amount: zero,
            made_whole: zero,
            factor: Bp::percent(100),
        });
    }
    if is_billing(incident.category) {
        return Ok(whole(&[Correction]));
    }
    Ok(match incident.failure {
        FailureType::Delay | FailureType::Attention => PutRightPlan {
            kinds: &[],
            amount: zero,
            made_whole: loss,
            factor: Bp::percent(100),
        },
        _ if incident.keeps_item => {
            let factor = policy.settings.keeps_item_factor;
            let part = loss.times(factor)?;
            if part.minor >= loss.minor {
                whole(&[RefundFull])
            } else {
                PutRightPlan {
                    kinds: &[RefundPartial],
                    amount: part,
                    made_whole: part,
                    factor,
                }
            }
        }
        FailureType::Monetary => whole(&[RefundFull]),
        FailureType::Product => whole(&[Replacement, RefundFull]),
        FailureType::Service => whole(&[RedoService, RefundFull]),
    })
}
