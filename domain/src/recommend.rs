//! The calculator: three options (fair, recommended, generous) for an incident. Each option
//! first puts right what failed (restitution: the exact amount, never a refund above the
//! price), then compensates for the trouble (goodwill: the research's share of the loss,
//! in remedies that fit the failure). Every option's headline is the sum of its lines,
//! and its reasons carry the figures a manager can check with a calculator.

use serde::{Deserialize, Serialize};

use crate::budget::{decide_with, BudgetState, Decision};
use crate::incident::{FailureType, Incident, Tier};
use crate::level::Level;
use crate::money::{Currency, Money, MoneyError};
use crate::number::{decimal_text, div_round};
use crate::policy::{Policy, Role};
use crate::put_right::{put_right_plan, PutRightPlan};
use crate::remedy::{Bundle, CatalogueEntry, RemedyKind, RemedyLine};
use crate::share::Bp;

/// Why a figure is what it is. The app words each one from its message catalogue;
/// `Display` gives the English sentence for exports and tests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Reason {
    /// The option's base share of the loss.
    Base {
        level: Level,
        share: Bp,
    },
    /// The customer keeps the flawed item: a partial refund for the flaw, and every
    /// share applies to that part.
    KeepsItem {
        factor: Bp,
    },
    Severity {
        level: u8,
        adjust: Bp,
    },
    Tier {
        tier: Tier,
        adjust: Bp,
    },
    NotResponsible {
        adjust: Bp,
    },
    /// An earlier failure in the window: the recovery paradox is unlikely.
    Repeat {
        prior: u32,
        window_days: u32,
    },
    /// A first failure that is not severe: a good recovery can win the customer back.
    FirstFailure,
    /// Capped at the ceiling share.
    Ceiling {
        ceiling: Bp,
    },
    /// Nothing was lost: attention is the remedy, with a small gesture.
    NoLoss {
        gesture: Money,
    },
    /// What puts the failure right, and its exact amount.
    PutRight {
        kind: RemedyKind,
        amount: Money,
    },
    /// Nothing to refund or replace (the order came, late; or the failure was of
    /// attention): the order is the 100%, the goodwill is the share above it.
    HasTheOrder,
    /// Whether putting right with `kind` counts against the role's limits (policy).
    Limits {
        kind: RemedyKind,
        counted: bool,
    },
    /// The goodwill that matches this failure type comes first.
    Matched {
        failure: FailureType,
        kind: RemedyKind,
    },
    /// The goodwill as the remedy of most value per unit of cost.
    TopUp {
        kind: RemedyKind,
        cost_share: Bp,
    },
    /// A gesture of attention added at no cost.
    Gesture {
        kind: RemedyKind,
    },
    /// The goodwill rounded up to a whole unit (never above the ceiling).
    Rounded,
    /// The matching remedy is not allowed for this role; another one is used.
    RoleSubstitute {
        wanted: RemedyKind,
        used: RemedyKind,
    },
    /// The option in all: `total` is `share` of `of` (the loss), rounded to 0.01%.
    Total {
        total: Money,
        of: Money,
        share: Bp,
    },
    /// Limits are checked in the policy currency at the manager's rate.
    Converted {
        from: Currency,
        to: Currency,
        rate_millionths: i64,
        set_on: String,
    },
    /// The policy does not accept this currency: a manager must approve.
    NotAccepted {
        currency: Currency,
    },
}

/// An exchange rate in millionths as short exact text: 1_080_000 -> "1.08".
pub fn rate_text(millionths: i64) -> String {
    let t = decimal_text(millionths, 6);
    let t = t.trim_end_matches('0');
    match t.split_once('.') {
        Some((_, f)) if f.len() < 2 => format!("{t}{}", "0".repeat(2 - f.len())),
        _ => t.to_string(),
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Base { level, share } => write!(f, "{level}: {share} of the loss"),
            Reason::KeepsItem { factor } => write!(
                f,
                "the customer keeps the item: a partial refund of {factor} of the price for the flaw, and every share is of that"
            ),
            Reason::Severity { level, adjust } => {
                write!(f, "severity {level}: {}", adjust.describe(true))
            }
            Reason::Tier { tier, adjust } => write!(f, "{tier} customer: {}", adjust.describe(true)),
            Reason::NotResponsible { adjust } => {
                write!(f, "the company was not responsible: {}", adjust.describe(true))
            }
            Reason::Repeat { prior, window_days } => write!(
                f,
                "failure number {} in {window_days} days: the recovery paradox is unlikely, give the generous option",
                prior + 1
            ),
            Reason::FirstFailure => write!(
                f,
                "first failure: a good recovery can leave this customer more loyal than before"
            ),
            Reason::Ceiling { ceiling } => {
                write!(f, "capped at {ceiling} of the loss: more can backfire")
            }
            Reason::NoLoss { gesture } => {
                write!(f, "no money was lost: attention first, with a gesture worth {gesture}")
            }
            Reason::PutRight { kind, amount } => match kind {
                RemedyKind::Correction => write!(
                    f,
                    "the charge is corrected by exactly {amount}: the customer's own money, not a gift"
                ),
                RemedyKind::RefundFull => write!(f, "a full refund is exactly the {amount} paid"),
                RemedyKind::RefundPartial => write!(
                    f,
                    "a partial refund of {amount} for the flaw: less than was paid"
                ),
                RemedyKind::Replacement => {
                    write!(f, "the item goes back and is replaced: worth the {amount} paid")
                }
                RemedyKind::RedoService => {
                    write!(f, "the service is done again: worth the {amount} paid")
                }
                k => write!(f, "{k} puts it right: {amount}"),
            },
            Reason::HasTheOrder => write!(
                f,
                "nothing to refund or replace: what was bought is the 100%, the goodwill is the share above it"
            ),
            Reason::Limits { kind, counted: true } => {
                write!(f, "{kind} counts against your limits (policy)")
            }
            Reason::Limits { kind, counted: false } => {
                write!(f, "{kind} does not count against your limits (policy)")
            }
            Reason::Matched { failure, kind } => {
                write!(f, "for a {failure} failure the goodwill is {kind}")
            }
            Reason::TopUp { kind, cost_share } => {
                write!(f, "the goodwill as {kind}: it costs {cost_share} of its value")
            }
            Reason::Gesture { kind } => write!(f, "{kind}: attention weighs as much as money"),
            Reason::Rounded => write!(f, "the goodwill is rounded up to a whole amount"),
            Reason::RoleSubstitute { wanted, used } => {
                write!(f, "{wanted} is not allowed for your role: {used} instead")
            }
            Reason::Total { total, of, share } => write!(
                f,
                "in all {total}: {share} of {of} (shares rounded to 0.01%)"
            ),
            Reason::Converted {
                from,
                to,
                rate_millionths,
                set_on,
            } => write!(
                f,
                "limits checked in {to} at 1 {from} = {} {to}, the rate set on {set_on}",
                rate_text(*rate_millionths)
            ),
            Reason::NotAccepted { currency } => write!(
                f,
                "{currency} is not a currency this policy accepts: a manager must approve"
            ),
        }
    }
}

/// A bundle suggested for an option, with its cost and whether the role may give it.
/// Its first `put_right` lines put the failure right; the rest are goodwill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub bundle: Bundle,
    pub put_right: usize,
    pub face: Money,
    pub cost: Money,
    pub decision: Decision,
    pub reasons: Vec<Reason>,
}

impl Suggestion {
    /// The lines that put the failure right (restitution).
    pub fn put_right_lines(&self) -> &[RemedyLine] {
        &self.bundle.lines[..self.put_right.min(self.bundle.lines.len())]
    }

    /// The lines of goodwill (compensation), gestures included.
    pub fn compensate_lines(&self) -> &[RemedyLine] {
        &self.bundle.lines[self.put_right.min(self.bundle.lines.len())..]
    }
}

/// One of the three options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub level: Level,
    /// The option's total as a share of the loss (`target / loss`, rounded to 0.01%).
    pub share: Bp,
    /// The headline: what puts it right plus the goodwill, the sum of every suggestion's lines.
    pub target: Money,
    /// Of the headline, what puts the failure right.
    pub put_right: Money,
    /// Of the headline, the goodwill.
    pub compensation: Money,
    /// Bundles reaching it: the goodwill matching the failure first, then the best value.
    pub suggestions: Vec<Suggestion>,
    /// Why the headline is what it is.
    pub reasons: Vec<Reason>,
}

/// The calculator's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub choices: Vec<Choice>,
    /// The option the calculator recommends (usually `Recommended`, `Generous` on a repeat).
    pub recommended: Level,
    /// Reasons that apply to all options.
    pub reasons: Vec<Reason>,
}

impl Recommendation {
    pub fn choice(&self, level: Level) -> Option<&Choice> {
        self.choices.iter().find(|c| c.level == level)
    }
}

/// Goodwill kinds in order of how well they match a failure type (research.md: money
/// for money, attention for inattention, something for the wait). Never a refund.
pub fn goodwill_order(f: FailureType) -> &'static [RemedyKind] {
    use RemedyKind::*;
    match f {
        FailureType::Monetary | FailureType::Product => {
            &[StoreCredit, DiscountNext, ComplimentaryItem]
        }
        FailureType::Service => &[ComplimentaryItem, StoreCredit, DiscountNext],
        FailureType::Attention => &[ComplimentaryItem, DiscountNext, StoreCredit],
        FailureType::Delay => &[FreeShipping, DiscountNext, StoreCredit, ComplimentaryItem],
    }
}

/// `m * a * f`, with `a` and `f` in basis points, rounded half away from zero.
fn share_of(m: Money, a: Bp, f: Bp) -> Result<Money, MoneyError> {
    let q = div_round(
        i128::from(m.minor) * i128::from(a.0) * i128::from(f.0),
        100_000_000,
    );
    i64::try_from(q)
        .map(|minor| Money::new(minor, m.currency))
        .map_err(|_| MoneyError::TooLarge)
}

/// `part / whole` in basis points, rounded half away from zero (0 when `whole` is zero).
pub fn share_bp(part: Money, whole: Money) -> Bp {
    if whole.minor <= 0 {
        return Bp::ZERO;
    }
    let q = div_round(i128::from(part.minor) * 10_000, i128::from(whole.minor));
    Bp(i32::try_from(q).unwrap_or(i32::MAX))
}

/// Recommend three options for `incident` to a staff member in `role`.
pub fn recommend(
    incident: &Incident,
    policy: &Policy,
    state: &BudgetState,
    role: &Role,
) -> Result<Recommendation, MoneyError> {
    let s = &policy.settings;
    let cur = incident.loss.currency;
    let mut common = Vec::new();
    let plan = put_right_plan(incident, policy)?;

    // The basis: the loss, or a gesture's value when nothing was lost.
    let mut basis = incident.loss;
    if basis.is_zero() && policy.currency == cur && s.gesture_minor > 0 {
        basis = Money::new(s.gesture_minor, cur);
        common.push(Reason::NoLoss { gesture: basis });
    }

    let mut adjust = Bp::ZERO;
    let sev = s.severity[usize::from(incident.severity.level() - 1)];
    if sev != Bp::ZERO {
        adjust = adjust.saturating_add(sev);
        common.push(Reason::Severity {
            level: incident.severity.level(),
            adjust: sev,
        });
    }
    let tier = s.tier[incident.tier.index()];
    if tier != Bp::ZERO {
        adjust = adjust.saturating_add(tier);
        common.push(Reason::Tier {
            tier: incident.tier,
            adjust: tier,
        });
    }
    if !incident.company_responsible && s.not_responsible != Bp::ZERO {
        adjust = adjust.saturating_add(s.not_responsible);
        common.push(Reason::NotResponsible {
            adjust: s.not_responsible,
        });
    }
    let repeat = incident.prior_failures > 0 && s.repeat_rule;
    if repeat {
        common.push(Reason::Repeat {
            prior: incident.prior_failures,
            window_days: s.customer_window_days,
        });
    } else if incident.prior_failures == 0 && incident.severity.level() <= 3 {
        common.push(Reason::FirstFailure);
    }
    if plan.factor != Bp::percent(100) {
        common.push(Reason::KeepsItem {
            factor: plan.factor,
        });
    }

    // The most any option may reach: the ceiling share (of the kept part), never less
    // than what puts it right.
    let ceiling_total = Money::new(
        (i128::from(basis.minor) * i128::from(s.ceiling.0) * i128::from(plan.factor.0)
            / 100_000_000)
            .try_into()
            .map_err(|_| MoneyError::TooLarge)?,
        cur,
    );
    let room = ceiling_total.saturating_remaining(plan.made_whole)?;

    let mut choices = Vec::with_capacity(3);
    for (level, base) in [
        (Level::Fair, s.fair),
        (Level::Recommended, s.recommended),
        (Level::Generous, s.generous),
    ] {
        let mut reasons = vec![Reason::Base { level, share: base }];
        let mut share = Bp(base.0.saturating_add(adjust.0).max(0));
        if share > s.ceiling {
            share = s.ceiling;
            reasons.push(Reason::Ceiling { ceiling: s.ceiling });
        }
        if plan.kinds.is_empty() && !plan.made_whole.is_zero() {
            reasons.push(Reason::HasTheOrder);
        }
        let aim = share_of(basis, share, plan.factor)?;
        let exact = Money::new(
            aim.saturating_remaining(plan.made_whole)?
                .minor
                .min(room.minor),
            cur,
        );
        let mut goodwill = exact;
        if s.round_up && !exact.is_zero() {
            let up = exact.round_up_major()?;
            if up.minor <= room.minor && up != exact {
                goodwill = up;
                reasons.push(Reason::Rounded);
            }
        }
        let (suggestions, goodwill) =
            suggest(incident, policy, state, role, level, &plan, goodwill)?;
        let target = plan.amount.checked_add(goodwill)?;
        let total_share = share_bp(target, basis);
        reasons.push(Reason::Total {
            total: target,
            of: basis,
            share: total_share,
        });
        choices.push(Choice {
            level,
            share: total_share,
            target,
            put_right: plan.amount,
            compensation: goodwill,
            suggestions,
            reasons,
        });
    }
    Ok(Recommendation {
        choices,
        recommended: if repeat {
            Level::Generous
        } else {
            Level::Recommended
        },
        reasons: common,
    })
}

fn line(policy: &Policy, kind: RemedyKind, face: Money) -> Result<RemedyLine, MoneyError> {
    Ok(RemedyLine {
        kind,
        face,
        cost: match policy.entry(kind) {
            Some(e) => e.cost_of(face)?,
            None => face,
        },
    })
}

/// The first kind of `order` that `usable`, preferring one the role may give; with the
/// kind it stands in for when the role may not give the best one.
fn pick(
    order: &[RemedyKind],
    role: &Role,
    usable: impl Fn(RemedyKind) -> bool,
) -> Option<(RemedyKind, Option<RemedyKind>)> {
    let first = order.iter().copied().find(|k| usable(*k))?;
    match order
        .iter()
        .copied()
        .find(|k| usable(*k) && role.allowed.contains(k))
    {
        Some(k) if k != first => Some((k, Some(first))),
        _ => Some((first, None)),
    }
}

/// The goodwill kind of most value per unit of cost the role may give.
fn best_value<'p>(policy: &'p Policy, role: &Role, f: FailureType) -> Option<&'p CatalogueEntry> {
    policy
        .catalogue
        .iter()
        .filter(|e| goodwill_fits(e, f))
        .min_by_key(|e| (!role.allowed.contains(&e.kind), e.cost_share, e.kind))
}

fn goodwill_fits(e: &CatalogueEntry, f: FailureType) -> bool {
    e.enabled && e.fits(f) && !e.kind.puts_right() && !e.kind.is_gesture()
}

/// The suggestions for one option, and the goodwill they carry (zero when no goodwill
/// remedy is enabled for this failure).
fn suggest(
    incident: &Incident,
    policy: &Policy,
    state: &BudgetState,
    role: &Role,
    level: Level,
    plan: &PutRightPlan,
    goodwill: Money,
) -> Result<(Vec<Suggestion>, Money), MoneyError> {
    let f = incident.failure;
    let cur: Currency = incident.loss.currency;
    // A gesture the role may not give (a manager's apology, for an associate) is left out
    // rather than making the whole option "not allowed".
    let want_gesture = |k: RemedyKind| {
        role.allowed.contains(&k) && policy.entry(k).is_some_and(|e| e.enabled && e.fits(f))
    };

    // Putting right: the exact amount, in the best-fitting kind the role may give.
    let mut head = Vec::new();
    let mut head_reasons = Vec::new();
    if !plan.amount.is_zero() {
        let usable = |k: RemedyKind| {
            k == RemedyKind::Correction || policy.entry(k).is_some_and(|e| e.enabled && e.fits(f))
        };
        let (kind, wanted) = pick(plan.kinds, role, usable).unwrap_or((plan.kinds[0], None));
        head.push(line(policy, kind, plan.amount)?);
        head_reasons.push(Reason::PutRight {
            kind,
            amount: plan.amount,
        });
        if let Some(wanted) = wanted {
            head_reasons.push(Reason::RoleSubstitute { wanted, used: kind });
        }
        head_reasons.push(Reason::Limits {
            kind,
            counted: !policy.entry(kind).is_some_and(|e| e.outside_limits),
        });
    }

    // Goodwill: the kind matching the failure, and the best value if it differs.
    let mut tails: Vec<(Vec<RemedyLine>, Vec<Reason>)> = Vec::new();
    if !goodwill.is_zero() {
        let fits = |k: RemedyKind| policy.entry(k).is_some_and(|e| goodwill_fits(e, f));
        if let Some((kind, wanted)) = pick(goodwill_order(f), role, fits) {
            let mut r = vec![Reason::Matched { failure: f, kind }];
            if let Some(wanted) = wanted {
                r.push(Reason::RoleSubstitute { wanted, used: kind });
            }
            tails.push((vec![line(policy, kind, goodwill)?], r));
        }
        if let Some(v) = best_value(policy, role, f) {
            if tails.iter().all(|(l, _)| l[0].kind != v.kind) {
                tails.push((
                    vec![line(policy, v.kind, goodwill)?],
                    vec![Reason::TopUp {
                        kind: v.kind,
                        cost_share: v.cost_share,
                    }],
                ));
            }
        }
    }
    let goodwill = if tails.is_empty() {
        Money::zero(cur)
    } else {
        goodwill
    };
    if tails.is_empty() {
        tails.push((Vec::new(), Vec::new()));
    }

    let mut gestures = Vec::new();
    if (level != Level::Fair || head.is_empty() && goodwill.is_zero())
        && want_gesture(RemedyKind::HandwrittenNote)
    {
        gestures.push(RemedyKind::HandwrittenNote);
    }
    if (level == Level::Generous
        && incident.severity.level() >= policy.settings.manager_apology_from
        || f == FailureType::Attention && level != Level::Fair)
        && want_gesture(RemedyKind::ManagerApology)
    {
        gestures.push(RemedyKind::ManagerApology);
    }

    let mut money_reason = Vec::new();
    if cur != policy.currency {
        money_reason.push(match policy.accepted(cur) {
            Some(a) => Reason::Converted {
                from: cur,
                to: policy.currency,
                rate_millionths: a.rate_millionths,
                set_on: a.set_on.clone(),
            },
            None => Reason::NotAccepted { currency: cur },
        });
    }

    let mut out = Vec::new();
    for (tail, tail_reasons) in tails {
        let mut lines = head.clone();
        lines.extend(tail);
        let mut reasons = head_reasons.clone();
        reasons.extend(tail_reasons);
        for g in &gestures {
            lines.push(RemedyLine {
                kind: *g,
                face: Money::zero(cur),
                cost: Money::zero(cur),
            });
            reasons.push(Reason::Gesture { kind: *g });
        }
        if lines.is_empty() {
            continue;
        }
        reasons.extend(money_reason.iter().cloned());
        let bundle = Bundle { lines };
        let decision = decide_with(&bundle, policy, role, state, Some(plan))?;
        out.push(Suggestion {
            face: bundle.face(cur)?,
            cost: bundle.cost(cur)?,
            put_right: head.len(),
            bundle,
            decision,
            reasons,
        });
    }
    Ok((out, goodwill))
}
