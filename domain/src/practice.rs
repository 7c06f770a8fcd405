//! Feedback at the end of a role-play: how much of the apology checklist was done, how long
//! it took, and whether what was given sits in the research's band (the Fair to Generous
//! headlines the calculator gives for the same incident).

use crate::level::Level;
use crate::money::{Money, MoneyError};
use crate::recommend::Recommendation;
use crate::record::RecoveryRecord;

/// Where what was given sits against the calculator's band for the incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// Less than the Fair option: the customer may feel short-changed.
    Below,
    Within,
    /// More than the Generous option: more than the research says pays back.
    Above,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    /// Checklist ids that were not ticked, in checklist order.
    pub missing: Vec<&'static str>,
    pub done: usize,
    pub of: usize,
    pub seconds: i64,
    /// What was given (face value), the band's ends, and where it sits; `None` when the
    /// calculator gave no Fair or Generous option.
    pub band: Option<(Money, Money, Money, Band)>,
}

/// Feedback for a practice `record` against the `checklist` ids and the calculator's
/// `recommendation` for the same incident.
pub fn feedback(
    record: &RecoveryRecord,
    checklist: &[&'static str],
    recommendation: Option<&Recommendation>,
) -> Result<Feedback, MoneyError> {
    let missing: Vec<&'static str> = checklist
        .iter()
        .copied()
        .filter(|id| !record.steps_done.iter().any(|d| d == id))
        .collect();
    let given = record.face()?;
    let band = recommendation.and_then(|r| {
        let low = r.choice(Level::Fair)?.target;
        let high = r.choice(Level::Generous)?.target;
        let at = match (given.minor < low.minor, given.minor > high.minor) {
            (true, _) => Band::Below,
            (_, true) => Band::Above,
            _ => Band::Within,
        };
        Some((given, low, high, at))
    });
    Ok(Feedback {
        done: checklist.len() - missing.len(),
        of: checklist.len(),
        missing,
        seconds: (record.resolved_ms - record.opened_ms).max(0) / 1000,
        band,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::BudgetState;
    use crate::money::Currency;
    use crate::policy::Policy;
    use crate::recommend::recommend;
    use crate::remedy::{RemedyKind, RemedyLine};

    #[test]
    fn feedback_counts_the_checklist_the_time_and_the_band() {
        let policy = Policy::conservative_retail(Currency::USD);
        let mut r = crate::record::tests::sample("p1");
        r.practice = true;
        r.steps_done = vec!["listened".into(), "apologised".into()];
        r.opened_ms = 1_000_000;
        r.resolved_ms = 1_000_000 + 192_000;
        let role = policy.role("associate").unwrap();
        let rec = recommend(&r.incident, &policy, &BudgetState::empty(&policy), role).unwrap();
        let fair = rec.choice(Level::Fair).unwrap().target;
        let generous = rec.choice(Level::Generous).unwrap().target;
        let checklist = [
            "listened",
            "acknowledged",
            "apologised",
            "owned",
            "explained",
        ];
        let line = |minor| RemedyLine {
            kind: RemedyKind::StoreCredit,
            face: Money::new(minor, Currency::USD),
            cost: Money::new(minor, Currency::USD),
        };

        r.remedies = vec![line(fair.minor)];
        let f = feedback(&r, &checklist, Some(&rec)).unwrap();
        assert_eq!((f.done, f.of), (2, 5));
        assert_eq!(f.missing, vec!["acknowledged", "owned", "explained"]);
        assert_eq!(f.seconds, 192);
        assert_eq!(f.band, Some((fair, fair, generous, Band::Within)));

        r.remedies = vec![line(fair.minor - 1)];
        let f = feedback(&r, &checklist, Some(&rec)).unwrap();
        assert_eq!(f.band.map(|b| b.3), Some(Band::Below));
        r.remedies = vec![line(generous.minor + 1)];
        let f = feedback(&r, &checklist, Some(&rec)).unwrap();
        assert_eq!(f.band.map(|b| b.3), Some(Band::Above));
        assert_eq!(feedback(&r, &checklist, None).unwrap().band, None);
    }
}
