//! From what was typed to what the calculator says: parse the draft, recommend, decide.
//!
//! Pure functions of the draft and the app state, run on every render (they take
//! microseconds), so the figures on screen always match the fields. The one pass over
//! the whole log, [`real_budget`], is memoised by the page instead.

use amends_domain::approval;
use amends_domain::authority::may_log;
use amends_domain::budget::{counted_cost, Remaining};
use amends_domain::{
    decide_with, put_right_plan, recommend, BudgetState, Bundle, Category, Channel, Currency,
    Decision, FailureType, Incident, Money, Policy, Recommendation, RecoveryRecord, RemedyKind,
    RemedyLine, Role, Severity, Tier, Touchpoint,
};

use crate::hooks::app_state::AppState;
use crate::hooks::draft::Draft;
use crate::i18n::{t, M};

/// A field's problem, for showing beside it.
pub type FieldError = (&'static str, String);

/// Everything derived from the draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub currency: Option<Currency>,
    pub incident: Result<Incident, Vec<FieldError>>,
    pub role: Option<Role>,
    pub budget: BudgetState,
    pub remaining: Option<Remaining>,
    pub recommendation: Option<Recommendation>,
    /// The bundle being built, or errors by line index.
    pub bundle: Result<Bundle, Vec<(usize, String)>>,
    pub decision: Option<Decision>,
    /// What of the bundle counts against limits, in the policy currency (none when the
    /// currency is not accepted): the budget meters show this.
    pub counted: Option<Money>,
    /// The approval in the draft still covers the current bundle (lines, kinds, currency,
    /// practice).
    pub approved: bool,
    /// The bundle may be logged now: within authority, or covered by the approval
    /// ([`amends_domain::authority::may_log`]).
    pub loggable: bool,
    /// Reference read out for remote approval.
    pub reference: String,
    /// The signed-in person's role is not in the policy (so they work within the lowest
    /// role's limits): the page says so rather than quietly choosing for them.
    pub unknown_role: Option<String>,
}

impl Derived {
    pub fn error(&self, field: &str) -> Option<String> {
        match &self.incident {
            Err(errs) => errs
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, m)| m.clone()),
            Ok(_) => None,
        }
    }

    pub fn bundle_cost(&self) -> Option<Money> {
        let c = self.currency?;
        self.bundle.as_ref().ok().and_then(|b| b.cost(c).ok())
    }

    /// Whether the flow may go on to logging without an approval step.
    pub fn within(&self) -> bool {
        matches!(self.decision, Some(Decision::Within))
    }
}

/// The loss, parsed with the user's separators.
pub fn parse_loss(d: &Draft, seps: amends_domain::Separators) -> Result<Money, String> {
    let currency: Currency = d
        .currency
        .parse()
        .map_err(|_| t(M::ErrCurrency).to_string())?;
    Money::parse(&d.loss, currency, seps).map_err(|e| crate::i18n::money_error(&e))
}

/// Parse the Listen step into an incident, or say what is missing.
/// `prior_failures` are this customer's earlier recoveries in the window (from the budget state).
pub fn incident(
    d: &Draft,
    prior_failures: u32,
    seps: amends_domain::Separators,
) -> Result<Incident, Vec<FieldError>> {
    let mut errs = Vec::new();
    let failure = FailureType::from_slug(&d.failure);
    if failure.is_none() {
        errs.push(("failure", t(M::ErrPickFailure).to_string()));
    }
    let category = Category::from_slug(&d.category);
    if category.is_none() {
        errs.push(("category", t(M::ErrPickCategory).to_string()));
    }
    let severity = Severity::new(d.severity);
    if severity.is_none() {
        errs.push(("severity", t(M::ErrPickSeverity).to_string()));
    }
    let touchpoint = Touchpoint::from_slug(&d.touchpoint);
    if touchpoint.is_none() {
        errs.push(("touchpoint", t(M::ErrPickTouchpoint).to_string()));
    }
    let channel = Channel::from_slug(&d.channel);
    if channel.is_none() {
        errs.push(("channel", t(M::ErrPickChannel).to_string()));
    }
    let tier = Tier::from_slug(&d.tier).unwrap_or(Tier::Regular);
    let loss = parse_loss(d, seps);
    if let Err(e) = &loss {
        errs.push(("loss", e.clone()));
    }
    match (failure, category, severity, touchpoint, channel, loss) {
        (
            Some(failure),
            Some(category),
            Some(severity),
            Some(touchpoint),
            Some(channel),
            Ok(loss),
        ) if errs.is_empty() => Ok(Incident {
            failure,
            category,
            touchpoint,
            channel,
            severity,
            tier,
            loss,
            company_responsible: d.company_responsible,
            keeps_item: d.keeps_item,
            prior_failures,
        }),
        _ => Err(errs),
    }
}

/// Parse the bundle lines typed in the Remedy step.
pub fn bundle(
    d: &Draft,
    currency: Currency,
    app: &AppState,
    seps: amends_domain::Separators,
) -> Result<Bundle, Vec<(usize, String)>> {
    let mut lines = Vec::new();
    let mut errs = Vec::new();
    for (i, l) in d.bundle.iter().enumerate() {
        let Some(kind) = RemedyKind::from_slug(&l.kind) else {
            errs.push((i, t(M::ErrPickRemedy).to_string()));
            continue;
        };
        let Some(entry) = app.policy.entry(kind) else {
            errs.push((i, t(M::ErrPickRemedy).to_string()));
            continue;
        };
        let face = if kind.is_gesture() && l.amount.trim().is_empty() {
            Ok(Money::zero(currency))
        } else {
            Money::parse(&l.amount, currency, seps)
        };
        match face.and_then(|f| entry.cost_of(f).map(|c| (f, c))) {
            Ok((face, cost)) => lines.push(RemedyLine { kind, face, cost }),
            Err(e) => errs.push((i, crate::i18n::money_error(&e))),
        }
    }
    if errs.is_empty() {
        Ok(Bundle { lines })
    } else {
        Err(errs)
    }
}

/// The real budget state around this draft: every logged record but practice ones and
/// the draft's own, as of `now_ms`; an error when the totals overflow. One pass over the log, so the page memoises it
/// (see `use_budget`) instead of running it on every keystroke.
pub fn real_budget(
    records: &[RecoveryRecord],
    policy: &Policy,
    staff: &str,
    customer: &amends_domain::CustomerKeys,
    draft_id: &str,
    now_ms: i64,
) -> Result<BudgetState, amends_domain::MoneyError> {
    // Totals too large to add up are an error, never "nothing given" (issue 11 #6).
    BudgetState::from_records(records, policy, staff, customer, now_ms, draft_id)
}

/// Everything the flow shows, from the draft, the shared state and the real budget state
/// ([`real_budget`]).
pub fn derive(
    d: &Draft,
    app: &AppState,
    real: &BudgetState,
    seps: amends_domain::Separators,
) -> Derived {
    let unknown_role = app
        .staff
        .as_ref()
        .filter(|s| app.policy.role(&s.role).is_none())
        .map(|s| s.role.clone());
    let role = app
        .staff
        .as_ref()
        .and_then(|s| app.policy.role(&s.role))
        // An unknown role has the least authority, never the first listed.
        .or_else(|| amends_domain::authority::lowest_role(&app.policy))
        .cloned();
    let currency = d.currency.parse::<Currency>().ok();
    let budget = if d.practice {
        // Practice never touches the real budget: it starts from nothing given.
        BudgetState {
            customer_prior_failures: real.customer_prior_failures,
            ..BudgetState::empty(&app.policy)
        }
    } else {
        *real
    };
    let incident = incident(d, budget.customer_prior_failures, seps);
    let remaining = role.as_ref().and_then(|r| Remaining::of(r, &budget).ok());
    let recommendation = match (&incident, &role) {
        (Ok(i), Some(r)) => recommend(i, &app.policy, &budget, r).ok(),
        _ => None,
    };
    let bundle = match currency {
        Some(c) => bundle(d, c, app, seps),
        None => Err(vec![]),
    };
    // What puts this incident right may be kept outside limits (policy), never more.
    let plan = incident
        .as_ref()
        .ok()
        .and_then(|i| put_right_plan(i, &app.policy).ok());
    let put_right = plan.as_ref();
    let decision = match (&bundle, &role) {
        (Ok(b), Some(r)) => decide_with(b, &app.policy, r, &budget, put_right).ok(),
        _ => None,
    };
    let counted = bundle
        .as_ref()
        .ok()
        .and_then(|b| counted_cost(b, &app.policy, put_right).ok())
        .and_then(|c| match app.policy.accepted(c.currency) {
            _ if c.currency == app.policy.currency => Some(c),
            Some(a) => a.convert(c, app.policy.currency).ok(),
            None => None,
        });
    let approved =
        matches!((&d.approval, &bundle), (Some(a), Ok(b)) if a.covered.covers(b, d.practice));
    let loggable = matches!((&decision, &bundle), (Some(dec), Ok(b))
        if may_log(dec, d.approval.as_ref().map(|a| &a.covered), b, d.practice));
    Derived {
        currency,
        incident,
        role,
        budget,
        remaining,
        recommendation,
        bundle,
        decision,
        counted,
        approved,
        loggable,
        reference: approval::reference(&d.id),
        unknown_role,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 11 #6: totals that overflow were counted as nothing given.
    #[test]
    fn shift_totals_that_overflow_are_an_error_not_nothing_given() {
        let policy = Policy::conservative_retail(Currency::USD);
        let mut records = amends_domain::testdata::generate(2, 3);
        for r in &mut records {
            r.staff = "Sam".into();
            r.resolved_ms = 1_000;
            r.remedies[0].cost = Money::new(i64::MAX / 2 + 1, Currency::USD);
        }
        assert!(real_budget(&records, &policy, "Sam", &Default::default(), "", 2_000).is_err());
        records.pop();
        let one = real_budget(&records, &policy, "Sam", &Default::default(), "", 2_000)
            .expect("one record sums");
        assert_eq!(one.given_this_shift.minor, i64::MAX / 2 + 1);
    }

    // Issue 11, "no swallowed error": an unknown role was quietly given some role's limits.
    #[test]
    fn an_unknown_role_gets_the_lowest_limits_and_is_named() {
        let mut a = app();
        a.staff.as_mut().unwrap().role = "ghost".into();
        let real = real_budget(&a.records, &a.policy, "", &Default::default(), "", 0)
            .expect("small totals");
        let d = derive(
            &Draft::new("r".into(), 0, false, "USD"),
            &a,
            &real,
            Separators::CANONICAL,
        );
        assert_eq!(d.unknown_role.as_deref(), Some("ghost"));
        let lowest = amends_domain::authority::lowest_role(&a.policy).cloned();
        assert_eq!(d.role, lowest);
        let known = derive(
            &Draft::new("r".into(), 0, false, "USD"),
            &app(),
            &real,
            Separators::CANONICAL,
        );
        assert_eq!(known.unknown_role, None);
    }

    fn derived(d: &Draft) -> Derived {
        let a = app();
        derive(
            d,
            &a,
            &real_budget(&a.records, &a.policy, "", &Default::default(), "", 0)
                .expect("small totals"),
            Separators::CANONICAL,
        )
    }
    use crate::hooks::draft::DraftRemedy;
    use amends_domain::staff::StaffMember;
    use amends_domain::{Level, Separators};

    fn app() -> AppState {
        AppState {
            policy: amends_domain::Policy::conservative_retail(Currency::USD),
            staff: Some(StaffMember {
                name: "Sam".into(),
                role: "associate".into(),
            }),
            ..AppState::default()
        }
    }

    fn draft() -> Draft {
        let mut d = Draft::new("r1".into(), 0, false, "USD");
        d.failure = "product".into();
        d.category = "defect".into();
        d.severity = 3;
        d.touchpoint = "post-purchase".into();
        d.channel = "in-store".into();
        d.tier = "regular".into();
        d.loss = "40".into();
        d
    }

    #[test]
    fn a_complete_listen_step_gives_a_recommendation() {
        let x = derived(&draft());
        let rec = x.recommendation.expect("recommendation");
        assert_eq!(rec.choice(Level::Fair).unwrap().target.minor, 4000);
        assert_eq!(x.reference.len(), 7);
    }

    #[test]
    fn missing_fields_are_named() {
        let mut d = draft();
        d.loss = "4.005".into();
        d.category.clear();
        let x = derived(&d);
        assert!(x.error("loss").is_some());
        assert!(x.error("category").is_some());
        assert!(x.recommendation.is_none());
    }

    #[test]
    fn the_bundle_is_decided_and_approval_voids_on_change() {
        let mut d = draft();
        d.bundle = vec![DraftRemedy {
            kind: "store-credit".into(),
            amount: "100".into(),
        }];
        let x = derived(&d);
        assert!(matches!(x.decision, Some(Decision::NeedsApproval { .. })));
        let b = x.bundle.clone().unwrap();
        d.approval = Some(crate::hooks::draft::DraftApproval {
            by: "Mo".into(),
            method: "pin".into(),
            at_ms: 0,
            covered: amends_domain::authority::Covered::of(&b, false),
        });
        assert!(derived(&d).approved && derived(&d).loggable);
        d.practice = true;
        assert!(!derived(&d).approved, "practice toggled after approval");
        d.practice = false;
        d.currency = "EUR".into();
        assert!(!derived(&d).approved, "another currency");
        d.currency = "USD".into();
        // Same cost, another kind (issue 11 #7): asks again.
        d.bundle[0].kind = "refund-full".into();
        assert!(!derived(&d).approved && !derived(&d).loggable);
        d.bundle[0].kind = "store-credit".into();
        d.bundle[0].amount = "101".into();
        assert!(!derived(&d).approved && !derived(&d).loggable);
        d.bundle[0].amount = "abc".into();
        assert!(derived(&d).bundle.is_err());
    }
}
