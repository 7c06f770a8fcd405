//! The calculator's rules, one test each, through the public API.

use amends_domain::budget::{decide, decide_with, Remaining};
use amends_domain::*;

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::USD)
}

fn incident(failure: FailureType, category: Category, loss: i64) -> Incident {
    Incident {
        failure,
        category,
        touchpoint: Touchpoint::PostPurchase,
        channel: Channel::InStore,
        severity: Severity::new(3).unwrap(),
        tier: Tier::Regular,
        loss: usd(loss),
        company_responsible: true,
        keeps_item: false,
        prior_failures: 0,
    }
}

fn run(i: &Incident, role: &str) -> Recommendation {
    let p = Policy::conservative_retail(Currency::USD);
    let r = p.role(role).unwrap().clone();
    recommend(i, &p, &BudgetState::empty(&p), &r).unwrap()
}

fn targets(r: &Recommendation) -> Vec<i64> {
    r.choices.iter().map(|c| c.target.minor).collect()
}

#[test]
fn three_options_from_research_shares() {
    let r = run(
        &incident(FailureType::Monetary, Category::BillingError, 4000),
        "manager",
    );
    assert_eq!(
        targets(&r),
        vec![4000, 4800, 6000],
        "100%, 120%, 150% of the loss"
    );
    assert_eq!(r.recommended, Level::Recommended);
    assert!(r.reasons.contains(&Reason::FirstFailure));
    for c in &r.choices {
        assert!(!c.suggestions.is_empty());
        assert!(!c.reasons.is_empty(), "every figure has reasons");
    }
}

#[test]
fn severity_adjusts_and_the_ceiling_caps() {
    let mut i = incident(FailureType::Monetary, Category::BillingError, 10_000);
    i.severity = Severity::new(4).unwrap();
    let r = run(&i, "manager");
    assert!(r.reasons.contains(&Reason::Severity {
        level: 4,
        adjust: Bp::percent(20)
    }));
    assert_eq!(
        r.reasons
            .iter()
            .find(|x| matches!(x, Reason::Severity { .. }))
            .unwrap()
            .to_string(),
        "severity 4: +20%"
    );
    assert_eq!(targets(&r), vec![12_000, 14_000, 15_000]);
    let g = r.choice(Level::Generous).unwrap();
    assert!(g.reasons.contains(&Reason::Ceiling {
        ceiling: Bp::percent(150)
    }));
    i.severity = Severity::new(1).unwrap();
    // Fair is 80% of the loss, but a billing error is corrected in full, whatever else.
    assert_eq!(targets(&run(&i, "manager")), vec![10_000, 10_000, 13_000]);
}

#[test]
fn repeat_failure_recommends_generous() {
    let mut i = incident(FailureType::Service, Category::ServiceNotDone, 3000);
    i.prior_failures = 1;
    let r = run(&i, "manager");
    assert_eq!(r.recommended, Level::Generous);
    let reason = r
        .reasons
        .iter()
        .find(|x| matches!(x, Reason::Repeat { .. }))
        .unwrap();
    assert_eq!(
        reason.to_string(),
        "failure number 2 in 30 days: the recovery paradox is unlikely, give the generous option"
    );
}

#[test]
fn product_failure_matches_an_exchange_first() {
    let r = run(
        &incident(FailureType::Product, Category::Defect, 4990),
        "associate",
    );
    let s = &r.choice(Level::Fair).unwrap().suggestions[0];
    assert_eq!(s.bundle.lines[0].kind, RemedyKind::Replacement);
    assert_eq!(
        s.bundle.lines[0].face,
        usd(4990),
        "an exchange makes the customer whole"
    );
    assert_eq!(s.cost, usd(2994), "a replacement costs 60% of its price");
    assert_eq!(s.put_right, 1);
    assert_eq!(
        s.reasons[0].to_string(),
        "the item goes back and is replaced: worth the 49.90 USD paid"
    );
    assert_eq!(
        s.reasons[1].to_string(),
        "replacement counts against your limits (policy)"
    );
    let rec = &r.choice(Level::Recommended).unwrap().suggestions[0];
    assert_eq!(rec.put_right_lines()[0].face, usd(4990));
    assert_eq!(rec.compensate_lines()[0].kind, RemedyKind::StoreCredit);
    assert_eq!(rec.compensate_lines()[0].face, usd(1000), "9.98 rounded up");
}

#[test]
fn keeping_the_item_means_a_partial_amount() {
    let mut i = incident(FailureType::Product, Category::Damaged, 10_000);
    i.keeps_item = true;
    let r = run(&i, "manager");
    assert_eq!(targets(&r), vec![5000, 6000, 7500]);
    let s = &r.choice(Level::Fair).unwrap().suggestions[0];
    assert_eq!(
        s.bundle.lines[0].kind,
        RemedyKind::RefundPartial,
        "no exchange when kept"
    );
    assert_eq!(
        s.bundle.lines[0].face,
        usd(5000),
        "half the price, for the flaw"
    );
    let g = &r.choice(Level::Generous).unwrap().suggestions[0];
    assert_eq!(g.put_right_lines()[0].face, usd(5000));
    assert_eq!(g.compensate_lines()[0].face, usd(2500));
}

#[test]
fn attention_failures_get_attention() {
    let r = run(
        &incident(FailureType::Attention, Category::RudeStaff, 0),
        "manager",
    );
    assert!(r.reasons.iter().any(|x| matches!(x, Reason::NoLoss { .. })));
    let s = &r.choice(Level::Recommended).unwrap().suggestions[0];
    assert!(s.bundle.kinds().any(|k| k == RemedyKind::ManagerApology));
    assert!(s.bundle.kinds().any(|k| k == RemedyKind::ComplimentaryItem));
}

#[test]
fn not_responsible_lowers_and_tier_raises() {
    let mut i = incident(FailureType::Monetary, Category::LostDelivery, 1000);
    i.company_responsible = false;
    i.tier = Tier::Vip;
    let r = run(&i, "manager");
    // Recommended: 120% - 20% + 10% = 110%: the 10.00 refunded, 1.00 of goodwill.
    let c = r.choice(Level::Recommended).unwrap();
    assert_eq!(c.share, Bp::percent(110));
    assert_eq!((c.put_right, c.compensation), (usd(1000), usd(100)));
    // Fair would be 90%, but a lost order is refunded in full.
    assert_eq!(r.choice(Level::Fair).unwrap().share, Bp::percent(100));
    // A late order the customer has: the goodwill is only what is above 100%.
    let mut late = incident(FailureType::Delay, Category::LateDelivery, 4000);
    late.tier = Tier::Vip;
    let r = run(&late, "manager");
    let g = r.choice(Level::Generous).unwrap();
    assert_eq!(
        g.target,
        usd(2000),
        "150% capped: 50% of 40.00 above the order"
    );
    assert!(g.reasons.contains(&Reason::HasTheOrder));
}

#[test]
fn decisions_name_the_binding_limit() {
    let p = Policy::conservative_retail(Currency::USD);
    let assoc = p.role("associate").unwrap();
    // Associate: 50 per incident, 200 per shift, 100 per customer.
    let r = run(
        &incident(FailureType::Monetary, Category::BillingError, 8000),
        "associate",
    );
    // The billing error is corrected outside limits: the 80.00 is the customer's money.
    let s = &r.choice(Level::Fair).unwrap().suggestions[0];
    assert_eq!(s.bundle.lines[0].kind, RemedyKind::Correction);
    assert!(s.decision.is_within(), "{:?}", s.decision);
    assert!(s.reasons.contains(&Reason::Limits {
        kind: RemedyKind::Correction,
        counted: false
    }));
    // A lost order's refund counts: 80.00 is 30.00 above the associate's 50.00.
    let r = run(
        &incident(FailureType::Monetary, Category::LostDelivery, 8000),
        "associate",
    );
    let s = &r.choice(Level::Fair).unwrap().suggestions[0];
    match &s.decision {
        Decision::NeedsApproval {
            limit,
            over_by,
            approvers,
        } => {
            assert_eq!(*limit, Limit::PerIncident);
            assert_eq!(*over_by, usd(3000));
            assert_eq!(approvers, &vec!["Manager".to_string()]);
        }
        d => panic!("expected approval, got {d:?}"),
    }
    let mut state = BudgetState::empty(&p);
    state.given_this_shift = usd(19_000);
    let small = Bundle {
        lines: vec![RemedyLine {
            kind: RemedyKind::StoreCredit,
            face: usd(2000),
            cost: usd(1400),
        }],
    };
    assert_eq!(
        decide(&small, &p, assoc, &state).unwrap(),
        Decision::NeedsApproval {
            limit: Limit::PerShift,
            over_by: usd(400),
            approvers: vec!["Manager".into()]
        }
    );
    assert_eq!(Remaining::of(assoc, &state).unwrap().shift, usd(1000));
    let redo = Bundle {
        lines: vec![RemedyLine {
            kind: RemedyKind::RedoService,
            face: usd(100),
            cost: usd(50),
        }],
    };
    assert_eq!(
        decide(&redo, &p, assoc, &BudgetState::empty(&p)).unwrap(),
        Decision::NotAllowed {
            kind: RemedyKind::RedoService
        }
    );
    // A correction typed above the error counts beyond it; with no incident, in full.
    let corr = Bundle {
        lines: vec![RemedyLine {
            kind: RemedyKind::Correction,
            face: usd(9000),
            cost: usd(9000),
        }],
    };
    let plan_for =
        |cat, loss| put_right_plan(&incident(FailureType::Monetary, cat, loss), &p).unwrap();
    let billing = |loss| plan_for(Category::BillingError, loss);
    let none = BudgetState::empty(&p);
    assert!(decide_with(&corr, &p, assoc, &none, Some(&billing(9000)))
        .unwrap()
        .is_within());
    assert!(matches!(
        decide_with(&corr, &p, assoc, &none, Some(&billing(2000))).unwrap(),
        Decision::NeedsApproval { limit: Limit::PerIncident, over_by, .. } if over_by == usd(2000)
    ));
    // A "correction" typed for a lost order is not putting it right: it counts in full.
    let lost = plan_for(Category::LostDelivery, 9000);
    assert!(matches!(
        decide_with(&corr, &p, assoc, &none, Some(&lost)).unwrap(),
        Decision::NeedsApproval { limit: Limit::PerIncident, over_by, .. } if over_by == usd(4000)
    ));
    assert!(matches!(
        decide(&corr, &p, assoc, &BudgetState::empty(&p)).unwrap(),
        Decision::NeedsApproval {
            limit: Limit::PerIncident,
            ..
        }
    ));
    assert!(decide(&small, &p, assoc, &BudgetState::empty(&p))
        .unwrap()
        .is_within());
}

#[test]
fn ritz_carlton_staff_give_up_to_two_thousand() {
    let p = Policy::ritz_carlton(Currency::USD);
    let r = p.role("associate").unwrap().clone();
    let rec = recommend(
        &incident(FailureType::Service, Category::ServiceNotDone, 100_000),
        &p,
        &BudgetState::empty(&p),
        &r,
    )
    .unwrap();
    assert!(rec.choice(Level::Recommended).unwrap().suggestions[0]
        .decision
        .is_within());
}

#[test]
fn budget_state_counts_real_records_only() {
    let p = Policy::conservative_retail(Currency::USD);
    let mut recs = amends_domain::testdata::generate(3, 1);
    let now = recs.iter().map(|r| r.resolved_ms).max().unwrap() + 1;
    for r in &mut recs {
        r.staff = "Sam".into();
        r.resolved_ms = now - 1;
        r.opened_ms = now - 2;
        r.customer_hash = Some("c1".into());
    }
    recs[2].practice = true;
    let c1 = amends_domain::CustomerKeys::new(Some("c1".into()), Vec::new());
    let st = BudgetState::from_records(&recs, &p, "Sam", &c1, now, "").unwrap();
    let expected = recs[0]
        .cost()
        .unwrap()
        .checked_add(recs[1].cost().unwrap())
        .unwrap();
    assert_eq!(st.given_this_shift, expected);
    assert_eq!(st.customer_received, expected);
    assert_eq!(st.customer_prior_failures, 2, "practice never counts");
    let later = BudgetState::from_records(&recs, &p, "Sam", &c1, now + 9 * 3_600_000, "").unwrap();
    assert!(
        later.given_this_shift.is_zero(),
        "the shift is over after 8 hours"
    );
}
