//! The calculator: three options (fair, recommended, generous) for an incident, each with
//! bundles from the catalogue that reach it, their cost, a decision, and the reasons.

use serde::{Deserialize, Serialize};

use crate::budget::{decide, BudgetState, Decision};
use crate::incident::{FailureType, Incident, Tier};
use crate::money::{Currency, Money, MoneyError};
use crate::policy::{Policy, Role};
use crate::remedy::{Bundle, CatalogueEntry, RemedyKind, RemedyLine};
use crate::share::Bp;
use crate::slug_enum;

slug_enum! {
    /// The three options offered.
    Level {
        Fair = "fair",
        Recommended = "recommended",
        Generous = "generous",
    }
}

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
    /// The customer keeps the flawed item: a partial amount pays most.
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
    /// The customer returns the item: the remedy at least makes them whole.
    MakeWhole,
    /// Nothing was lost: attention is the remedy, with a small gesture.
    NoLoss {
        gesture: Money,
    },
    /// The remedy matching this failure type comes first.
    Matched {
        failure: FailureType,
        kind: RemedyKind,
    },
    /// The rest as the remedy of most value per unit of cost.
    TopUp {
        kind: RemedyKind,
        cost_share: Bp,
    },
    /// A gesture of attention added at no cost.
    Gesture {
        kind: RemedyKind,
    },
    /// Rounded up to a whole unit.
    Rounded,
    /// The matching remedy is not allowed for this role; another one is used.
    RoleSubstitute {
        wanted: RemedyKind,
        used: RemedyKind,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Base { level, share } => write!(f, "{level}: {share} of the loss"),
            Reason::KeepsItem { factor } => write!(
                f,
                "the customer keeps the item: {factor} of that, as a partial amount pays most"
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
            Reason::MakeWhole => write!(f, "the item goes back: the remedy at least makes the customer whole"),
            Reason::NoLoss { gesture } => {
                write!(f, "no money was lost: attention first, with a gesture worth {gesture}")
            }
            Reason::Matched { failure, kind } => {
                write!(f, "matching a {failure} failure: {kind} first")
            }
            Reason::TopUp { kind, cost_share } => {
                write!(f, "the rest as {kind}: it costs {cost_share} of its value")
            }
            Reason::Gesture { kind } => write!(f, "{kind}: attention weighs as much as money"),
            Reason::Rounded => write!(f, "rounded up to a whole amount"),
            Reason::RoleSubstitute { wanted, used } => {
                write!(f, "{wanted} is not allowed for your role: {used} instead")
            }
        }
    }
}

/// A bundle suggested for an option, with its cost and whether the role may give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub bundle: Bundle,
    pub face: Money,
    pub cost: Money,
    pub decision: Decision,
    pub reasons: Vec<Reason>,
}

/// One of the three options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub level: Level,
    /// Final share of the loss after every adjustment.
    pub share: Bp,
    /// Value to aim for.
    pub target: Money,
    /// Bundles reaching it: the one matching the failure first, then by value per unit of cost.
    pub suggestions: Vec<Suggestion>,
    /// Why the target is what it is.
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

/// Remedy kinds in order of how well they match a failure type (research.md: money for
/// money, an exchange for a product, redoing a service, attention for inattention).
pub fn match_order(f: FailureType) -> &'static [RemedyKind] {
    use RemedyKind::*;
    match f {
        FailureType::Monetary => &[RefundFull, RefundPartial, FeeWaiver, StoreCredit],
        FailureType::Product => &[Replacement, RefundFull, RefundPartial, StoreCredit],
        FailureType::Service => &[RedoService, RefundPartial, StoreCredit, ComplimentaryItem],
        FailureType::Attention => &[ComplimentaryItem, DiscountNext, StoreCredit],
        FailureType::Delay => &[FreeShipping, DiscountNext, StoreCredit, RefundPartial],
    }
}

/// Kinds that restore what was lost as a whole: their face value is the loss.
fn restores(k: RemedyKind) -> bool {
    matches!(
        k,
        RemedyKind::RefundFull | RemedyKind::Replacement | RemedyKind::RedoService
    )
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
    if incident.keeps_item {
        common.push(Reason::KeepsItem {
            factor: s.keeps_item_factor,
        });
    }

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
        if incident.keeps_item {
            share = Bp(i32::try_from(
                i64::from(share.0) * i64::from(s.keeps_item_factor.0) / 10_000,
            )
            .unwrap_or(i32::MAX));
        }
        let mut target = basis.times(share)?;
        if s.round_up {
            let r = target.round_up_major()?;
            if r != target {
                target = r;
                reasons.push(Reason::Rounded);
            }
        }
        let suggestions = suggest(incident, policy, state, role, level, target)?;
        choices.push(Choice {
            level,
            share,
            target,
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

/// Pick the first kind in `order` that is enabled (preferring kinds the role may give).
fn pick<'p>(
    order: &[RemedyKind],
    policy: &'p Policy,
    role: &Role,
    f: FailureType,
    keeps_item: bool,
) -> Option<(&'p CatalogueEntry, Option<RemedyKind>)> {
    let usable = |k: &&RemedyKind| {
        policy
            .entry(**k)
            .is_some_and(|e| e.enabled && e.fits(f) && !(keeps_item && restores(**k)))
    };
    let first = order.iter().find(usable)?;
    match order
        .iter()
        .filter(usable)
        .find(|k| role.allowed.contains(k))
    {
        Some(k) if k != first => policy.entry(*k).map(|e| (e, Some(*first))),
        Some(k) => policy.entry(*k).map(|e| (e, None)),
        None => policy.entry(*first).map(|e| (e, None)),
    }
}

fn line(e: &CatalogueEntry, face: Money) -> Result<RemedyLine, MoneyError> {
    Ok(RemedyLine {
        kind: e.kind,
        face,
        cost: e.cost_of(face)?,
    })
}

/// The cheapest-per-unit enabled kind that fits, for topping up and the value bundle.
fn best_value<'p>(policy: &'p Policy, role: &Role, f: FailureType) -> Option<&'p CatalogueEntry> {
    let mut candidates: Vec<&CatalogueEntry> = policy
        .catalogue
        .iter()
        .filter(|e| e.enabled && e.fits(f) && !e.kind.is_gesture() && !restores(e.kind))
        .filter(|e| !e.kind.is_refund() || e.kind == RemedyKind::RefundPartial)
        .collect();
    candidates.sort_by_key(|e| (!role.allowed.contains(&e.kind), e.cost_share, e.kind));
    candidates.into_iter().next()
}

fn suggest(
    incident: &Incident,
    policy: &Policy,
    state: &BudgetState,
    role: &Role,
    level: Level,
    target: Money,
) -> Result<Vec<Suggestion>, MoneyError> {
    let f = incident.failure;
    let cur: Currency = target.currency;
    let mut gestures = Vec::new();
    let want_gesture = |k: RemedyKind| policy.entry(k).is_some_and(|e| e.enabled && e.fits(f));
    if level != Level::Fair && want_gesture(RemedyKind::HandwrittenNote) {
        gestures.push(RemedyKind::HandwrittenNote);
    }
    if (level == Level::Generous
        && incident.severity.level() >= policy.settings.manager_apology_from
        || f == FailureType::Attention && level != Level::Fair)
        && want_gesture(RemedyKind::ManagerApology)
    {
        gestures.push(RemedyKind::ManagerApology);
    }

    let mut out = Vec::new();
    // 1. The matched bundle: the remedy that fits the failure, topped up with the best value.
    if let Some((primary, substituted)) = pick(match_order(f), policy, role, f, incident.keeps_item)
    {
        let mut reasons = vec![Reason::Matched {
            failure: f,
            kind: primary.kind,
        }];
        if let Some(wanted) = substituted {
            reasons.push(Reason::RoleSubstitute {
                wanted,
                used: primary.kind,
            });
        }
        let mut lines = Vec::new();
        let mut rest = target;
        if restores(primary.kind) && !incident.loss.is_zero() {
            lines.push(line(primary, incident.loss)?);
            reasons.push(Reason::MakeWhole);
            rest = target.saturating_remaining(incident.loss)?;
            // Less than one whole unit above the loss is rounding, not a top-up.
            if rest.minor >= cur.scale() {
                if let Some(top) = best_value(policy, role, f) {
                    lines.push(line(top, rest)?);
                    reasons.push(Reason::TopUp {
                        kind: top.kind,
                        cost_share: top.cost_share,
                    });
                }
            }
        } else if rest.minor > 0 {
            lines.push(line(primary, rest)?);
        }
        out.push(finish(lines, &gestures, policy, role, state, cur, reasons)?);
    }
    // 2. The value bundle: all of it as the remedy of most value per unit of cost.
    if target.minor > 0 {
        if let Some(v) = best_value(policy, role, f) {
            let face = if incident.keeps_item {
                target
            } else {
                target.max_of(incident.loss)
            };
            let s = finish(
                vec![line(v, face)?],
                &gestures,
                policy,
                role,
                state,
                cur,
                vec![Reason::TopUp {
                    kind: v.kind,
                    cost_share: v.cost_share,
                }],
            )?;
            if !out.iter().any(|o| o.bundle == s.bundle) {
                out.push(s);
            }
        }
    }
    if out.is_empty() && !gestures.is_empty() {
        out.push(finish(
            Vec::new(),
            &gestures,
            policy,
            role,
            state,
            cur,
            Vec::new(),
        )?);
    }
    // Best value per unit of cost first; the matched bundle keeps its place on a tie.
    out.sort_by(|a, b| {
        let va = i128::from(a.face.minor) * i128::from(b.cost.minor.max(1));
        let vb = i128::from(b.face.minor) * i128::from(a.cost.minor.max(1));
        let matched_a = a
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Matched { .. }));
        let matched_b = b
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Matched { .. }));
        matched_b.cmp(&matched_a).then(vb.cmp(&va))
    });
    Ok(out)
}

fn finish(
    mut lines: Vec<RemedyLine>,
    gestures: &[RemedyKind],
    policy: &Policy,
    role: &Role,
    state: &BudgetState,
    cur: Currency,
    mut reasons: Vec<Reason>,
) -> Result<Suggestion, MoneyError> {
    for g in gestures {
        lines.push(RemedyLine {
            kind: *g,
            face: Money::zero(cur),
            cost: Money::zero(cur),
        });
        reasons.push(Reason::Gesture { kind: *g });
    }
    let bundle = Bundle { lines };
    let decision = decide(&bundle, policy, role, state)?;
    Ok(Suggestion {
        face: bundle.face(cur)?,
        cost: bundle.cost(cur)?,
        bundle,
        decision,
        reasons,
    })
}
