//! Learning from the log: KPIs and breakdowns over a slice of records, in one pass.
//!
//! KPI formulas are research.md's, exactly:
//! CSAT = responses of 4 or 5 / all responses x 100; NPS = % promoters (9-10) minus
//! % detractors (0-6); CES = mean score (1-7); FCR = resolved at first contact / all x 100.
//! A KPI with no responses is `None` ("not enough data"), never zero. Every rate comes with
//! its n (the answers or recoveries it is over); under [`MIN_ANSWERS`] it is too few to judge.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::incident::{Category, Channel, Touchpoint};
use crate::money::{Currency, Money, MoneyError};
use crate::record::RecoveryRecord;
use crate::remedy::RemedyKind;
use crate::share::{Bp, Ratio};

const WEEK_MS: i64 = 7 * 24 * 3_600_000;

/// A rate over fewer answers than this is shown, but marked as too few to judge.
pub const MIN_ANSWERS: u64 = 5;

/// Whether a rate over `n` answers is too few to judge (and not simply absent).
pub fn too_few(n: u64) -> bool {
    n > 0 && n < MIN_ANSWERS
}
/// 1970-01-05, the first Monday after the Unix epoch: weeks start on Mondays (ISO 8601).
const FIRST_MONDAY_MS: i64 = 4 * 24 * 3_600_000;

/// Which records to look at. Money figures are in `currency`; records in another
/// currency are counted in [`Summary::other_currency`] and left out of the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub currency: Currency,
    pub from_ms: Option<i64>,
    /// Exclusive.
    pub to_ms: Option<i64>,
    pub category: Option<Category>,
    pub channel: Option<Channel>,
    pub touchpoint: Option<Touchpoint>,
    pub staff: Option<String>,
    pub include_practice: bool,
}

impl Filter {
    pub fn all(currency: Currency) -> Filter {
        Filter {
            currency,
            from_ms: None,
            to_ms: None,
            category: None,
            channel: None,
            touchpoint: None,
            staff: None,
            include_practice: false,
        }
    }

    /// Whether a record is in the slice (currency aside).
    pub fn matches(&self, r: &RecoveryRecord) -> bool {
        (self.include_practice || !r.practice)
            && self.from_ms.is_none_or(|f| r.opened_ms >= f)
            && self.to_ms.is_none_or(|t| r.opened_ms < t)
            && self.category.is_none_or(|c| r.incident.category == c)
            && self.channel.is_none_or(|c| r.incident.channel == c)
            && self.touchpoint.is_none_or(|t| r.incident.touchpoint == t)
            && self.staff.as_deref().is_none_or(|s| r.staff == s)
    }
}

/// Count and cost of one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slice {
    pub count: u64,
    pub cost: Money,
}

/// Satisfaction scores of a group; `None` where no one answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    /// Share of 4-5 answers (as a ratio; x100 for the percentage).
    pub csat: Option<Ratio>,
    /// Promoters minus detractors over responses (x100 for the -100..100 score).
    pub nps: Option<Ratio>,
    /// Mean CES.
    pub ces: Option<Ratio>,
    pub responses: u64,
    /// How many answered each question: the n of `csat`, `nps` and `ces`.
    pub csat_n: u64,
    pub nps_n: u64,
    pub ces_n: u64,
}

/// One category in the "what to fix first" ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParetoRow {
    pub category: Category,
    pub count: u64,
    pub cost: Money,
    /// Share of all cost covered by this and the categories before it.
    pub cumulative: Bp,
}

/// Recoveries and cost in the week starting `start_ms` (Monday 00:00 UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    pub start_ms: i64,
    pub count: u64,
    pub cost: Money,
}

/// A remedy kind's use and the satisfaction that followed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindStats {
    pub kind: RemedyKind,
    pub count: u64,
    pub cost: Money,
    pub scores: Scores,
}

/// Everything the dashboard shows about a slice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub count: u64,
    pub other_currency: u64,
    pub total_cost: Money,
    pub mean_cost: Option<Money>,
    pub escalation_rate: Option<Ratio>,
    pub fcr: Option<Ratio>,
    pub mean_resolve_ms: Option<i64>,
    pub scores: Scores,
    /// Customers kept / outcomes that say.
    pub retention: Option<Ratio>,
    /// Outcomes that say whether the customer was kept: the n of `retention`. (The n of
    /// `escalation_rate` and `fcr` is `count`.)
    pub retention_n: u64,
    pub by_category: Vec<(Category, Slice)>,
    pub by_channel: Vec<(Channel, Slice)>,
    pub by_touchpoint: Vec<(Touchpoint, Slice)>,
    pub by_kind: Vec<KindStats>,
    /// Root causes staff recorded (`None`: not recorded), most recoveries first.
    pub by_root_cause: Vec<(Option<String>, Slice)>,
    /// Categories by cost, then count, with the cumulative share of cost.
    pub pareto: Vec<ParetoRow>,
    pub weekly: Vec<Week>,
    /// Customers (by hashed reference) with two or more recoveries, and their recoveries.
    pub repeat_customers: u64,
    pub repeat_recoveries: u64,
}

#[derive(Default, Clone, Copy)]
struct ScoreAcc {
    csat_n: u64,
    csat_top: u64,
    nps_n: u64,
    nps_net: i64,
    ces_n: u64,
    ces_sum: u64,
}

impl ScoreAcc {
    fn add(&mut self, r: &RecoveryRecord) {
        let Some(o) = &r.outcome else { return };
        if let Some(c) = o.csat {
            self.csat_n += 1;
            self.csat_top += u64::from(c >= 4);
        }
        if let Some(n) = o.nps {
            self.nps_n += 1;
            self.nps_net += i64::from(n >= 9) - i64::from(n <= 6);
        }
        if let Some(c) = o.ces {
            self.ces_n += 1;
            self.ces_sum += u64::from(c);
        }
    }

    fn scores(&self) -> Scores {
        let r = |n: i64, d: u64| Ratio::new(n, i64::try_from(d).unwrap_or(i64::MAX));
        Scores {
            csat: r(self.csat_top as i64, self.csat_n),
            nps: r(self.nps_net, self.nps_n),
            ces: r(self.ces_sum as i64, self.ces_n),
            responses: self.csat_n.max(self.nps_n).max(self.ces_n),
            csat_n: self.csat_n,
            nps_n: self.nps_n,
            ces_n: self.ces_n,
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Acc {
    count: u64,
    cost: i128,
}

fn money(cost: i128, c: Currency) -> Result<Money, MoneyError> {
    i64::try_from(cost)
        .map(|m| Money::new(m, c))
        .map_err(|_| MoneyError::TooLarge)
}

fn slices<T: Copy>(all: &[T], acc: &[Acc], c: Currency) -> Result<Vec<(T, Slice)>, MoneyError> {
    all.iter()
        .zip(acc)
        .map(|(k, a)| {
            Ok((
                *k,
                Slice {
                    count: a.count,
                    cost: money(a.cost, c)?,
                },
            ))
        })
        .collect()
}

/// Summarise the records that match `filter`. Linear in the number of records.
pub fn summarise<'a>(
    records: impl IntoIterator<Item = &'a RecoveryRecord>,
    filter: &Filter,
) -> Result<Summary, MoneyError> {
    let cur = filter.currency;
    let mut count = 0_u64;
    let mut other = 0_u64;
    let mut total: i128 = 0;
    let mut escalated = 0_u64;
    let mut first_contact = 0_u64;
    let mut resolve_sum: i128 = 0;
    let mut retention_n = 0_u64;
    let mut retained = 0_u64;
    let mut scores = ScoreAcc::default();
    let mut cat = vec![Acc::default(); Category::ALL.len()];
    let mut chan = vec![Acc::default(); Channel::ALL.len()];
    let mut touch = vec![Acc::default(); Touchpoint::ALL.len()];
    let mut kind = vec![(Acc::default(), ScoreAcc::default()); RemedyKind::ALL.len()];
    let mut weeks: BTreeMap<i64, Acc> = BTreeMap::new();
    let mut customers: HashMap<&str, u64> = HashMap::new();
    let mut causes: HashMap<Option<&str>, Acc> = HashMap::new();

    for r in records {
        if !filter.matches(r) {
            continue;
        }
        if r.currency() != cur {
            other += 1;
            continue;
        }
        count += 1;
        let mut cost: i128 = 0;
        let mut seen = 0_u32;
        for l in &r.remedies {
            cost += i128::from(l.cost.minor);
            let k = l.kind.index();
            kind[k].0.cost += i128::from(l.cost.minor);
            if seen & (1 << k) == 0 {
                seen |= 1 << k;
                kind[k].0.count += 1;
                kind[k].1.add(r);
            }
        }
        total += cost;
        escalated += u64::from(r.escalated());
        first_contact += u64::from(r.first_contact);
        resolve_sum += i128::from(r.resolved_ms - r.opened_ms);
        scores.add(r);
        if let Some(k) = r.outcome.as_ref().and_then(|o| o.retained) {
            retention_n += 1;
            retained += u64::from(k);
        }
        for (acc, i) in [
            (&mut cat, r.incident.category.index()),
            (&mut chan, r.incident.channel.index()),
            (&mut touch, r.incident.touchpoint.index()),
        ] {
            acc[i].count += 1;
            acc[i].cost += cost;
        }
        let w = (r.opened_ms - FIRST_MONDAY_MS).div_euclid(WEEK_MS);
        let e = weeks.entry(w).or_default();
        e.count += 1;
        e.cost += cost;
        if let Some(h) = r.customer_hash.as_deref() {
            *customers.entry(h).or_default() += 1;
        }
        let c = causes.entry(r.root_cause.as_deref()).or_default();
        c.count += 1;
        c.cost += cost;
    }

    let ratio = |n: u64, d: u64| Ratio::new(n as i64, d as i64);
    let by_category = slices(Category::ALL, &cat, cur)?;
    let mut pareto: Vec<(Category, Slice)> = by_category
        .iter()
        .copied()
        .filter(|(_, s)| s.count > 0)
        .collect();
    crate::order::sort_by(&mut pareto, |a, b| {
        b.1.cost
            .minor
            .cmp(&a.1.cost.minor)
            .then(b.1.count.cmp(&a.1.count))
            .then(a.0.cmp(&b.0))
    });
    let mut running: i128 = 0;
    let pareto = pareto
        .into_iter()
        .map(|(category, s)| {
            running += i128::from(s.cost.minor);
            let cumulative = if total > 0 {
                Bp(i32::try_from(running * 10_000 / total).unwrap_or(10_000))
            } else {
                Bp::ZERO
            };
            ParetoRow {
                category,
                count: s.count,
                cost: s.cost,
                cumulative,
            }
        })
        .collect();
    let by_kind = RemedyKind::ALL
        .iter()
        .zip(&kind)
        .filter(|(_, (a, _))| a.count > 0)
        .map(|(k, (a, s))| {
            Ok(KindStats {
                kind: *k,
                count: a.count,
                cost: money(a.cost, cur)?,
                scores: s.scores(),
            })
        })
        .collect::<Result<Vec<_>, MoneyError>>()?;
    let weekly = weeks
        .into_iter()
        .map(|(w, a)| {
            Ok(Week {
                start_ms: FIRST_MONDAY_MS + w * WEEK_MS,
                count: a.count,
                cost: money(a.cost, cur)?,
            })
        })
        .collect::<Result<Vec<_>, MoneyError>>()?;
    let mut by_root_cause = causes
        .into_iter()
        .map(|(cause, a)| {
            Ok((
                cause.map(str::to_string),
                Slice {
                    count: a.count,
                    cost: money(a.cost, cur)?,
                },
            ))
        })
        .collect::<Result<Vec<_>, MoneyError>>()?;
    // Most recoveries first; "not recorded" last among equals, then by name: a stable order.
    crate::order::sort_by(&mut by_root_cause, |a, b| {
        b.1.count
            .cmp(&a.1.count)
            .then(a.0.is_none().cmp(&b.0.is_none()))
            .then(a.0.cmp(&b.0))
    });
    let repeat: Vec<u64> = customers.values().copied().filter(|n| *n >= 2).collect();
    let total_cost = money(total, cur)?;
    Ok(Summary {
        count,
        other_currency: other,
        total_cost,
        mean_cost: (count > 0)
            .then(|| money(crate::number::div_round(total, i128::from(count)), cur))
            .transpose()?,
        escalation_rate: ratio(escalated, count),
        fcr: ratio(first_contact, count),
        mean_resolve_ms: (count > 0)
            .then(|| i64::try_from(resolve_sum / i128::from(count)).unwrap_or(i64::MAX)),
        scores: scores.scores(),
        retention: ratio(retained, retention_n),
        retention_n,
        by_category,
        by_channel: slices(Channel::ALL, &chan, cur)?,
        by_touchpoint: slices(Touchpoint::ALL, &touch, cur)?,
        by_kind,
        by_root_cause,
        pareto,
        weekly,
        repeat_customers: repeat.len() as u64,
        repeat_recoveries: repeat.iter().sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{tests::sample, Outcome};

    fn outcome(csat: u8, nps: u8, ces: u8, retained: bool) -> Option<Outcome> {
        Some(Outcome {
            recorded_ms: 0,
            csat: Some(csat),
            nps: Some(nps),
            ces: Some(ces),
            resolved: Some(true),
            retained: Some(retained),
            note: String::new(),
        })
    }

    #[test]
    fn no_responses_is_not_enough_data() {
        let s = summarise(&[sample("a")], &Filter::all(Currency::USD)).unwrap();
        assert_eq!(s.count, 1);
        assert_eq!(s.scores.csat, None);
        assert_eq!(s.scores.nps, None);
        assert_eq!(s.scores.ces, None);
        assert_eq!(s.retention, None);
        let e = summarise(&[], &Filter::all(Currency::USD)).unwrap();
        assert_eq!((e.mean_cost, e.fcr, e.escalation_rate), (None, None, None));
    }

    #[test]
    fn kpis_follow_the_research_formulas() {
        let mut rs = Vec::new();
        for (i, (c, n, e, k)) in [
            (5, 10, 7, true),
            (4, 9, 5, true),
            (2, 3, 1, false),
            (3, 7, 3, true),
        ]
        .into_iter()
        .enumerate()
        {
            let mut r = sample(&format!("r{i}"));
            r.outcome = outcome(c, n, e, k);
            r.first_contact = i != 2;
            if i == 3 {
                r.approval = Some(crate::record::Approval {
                    by: "Mo".into(),
                    method: crate::record::ApprovalMethod::Pin,
                    at_ms: 0,
                });
            }
            rs.push(r);
        }
        let mut practice = sample("p");
        practice.practice = true;
        rs.push(practice);
        let s = summarise(&rs, &Filter::all(Currency::USD)).unwrap();
        assert_eq!(s.count, 4, "practice excluded");
        assert_eq!(s.scores.csat.unwrap().percent_bp(), Bp(5000)); // 2 of 4 are 4-5
        assert_eq!(s.scores.nps.unwrap().scaled(100), 25); // 2 promoters, 1 detractor, 4 answers
        assert_eq!(s.scores.ces.unwrap().decimal(1), "4.0"); // (7+5+1+3)/4
        assert_eq!(s.fcr.unwrap().percent_bp(), Bp(7500));
        assert_eq!(s.escalation_rate.unwrap().percent_bp(), Bp(2500));
        assert_eq!(s.retention.unwrap().percent_bp(), Bp(7500));
        assert_eq!(s.total_cost, Money::new(4 * 2994, Currency::USD));
        assert_eq!(s.mean_cost, Some(Money::new(2994, Currency::USD)));
        assert_eq!(s.repeat_customers, 1);
        assert_eq!(s.repeat_recoveries, 4);
        assert_eq!(s.pareto.len(), 1);
        assert_eq!(s.pareto[0].cumulative, Bp(10_000));
        assert_eq!(s.weekly.iter().map(|w| w.count).sum::<u64>(), 4);
        assert_eq!(s.by_kind[0].scores.csat.unwrap().percent_bp(), Bp(5000));
    }

    #[test]
    fn every_rate_has_its_n_and_few_answers_are_too_few_to_judge() {
        let mut rs = Vec::new();
        for i in 0..6 {
            let mut r = sample(&format!("r{i}"));
            r.outcome = (i < 3).then(|| outcome(5, 10, 6, true)).flatten();
            if i == 3 {
                // Only CES asked: counts for CES's n, not CSAT's.
                r.outcome = outcome(5, 10, 6, true).map(|o| Outcome {
                    csat: None,
                    nps: None,
                    retained: None,
                    ..o
                });
            }
            rs.push(r);
        }
        let s = summarise(&rs, &Filter::all(Currency::USD)).unwrap();
        assert_eq!(s.count, 6, "the n of FCR and escalation");
        assert_eq!(
            (
                s.scores.csat_n,
                s.scores.nps_n,
                s.scores.ces_n,
                s.retention_n
            ),
            (3, 3, 4, 3)
        );
        assert!(too_few(s.scores.csat_n) && too_few(4));
        assert!(!too_few(0), "no answers is no data, not too few");
        assert!(!too_few(MIN_ANSWERS) && !too_few(s.count));
    }

    #[test]
    fn root_causes_are_counted_most_first_with_the_unrecorded() {
        let mut rs = Vec::new();
        for (i, cause) in [
            Some("process"),
            Some("product"),
            Some("process"),
            None,
            Some("process"),
            None,
        ]
        .into_iter()
        .enumerate()
        {
            let mut r = sample(&format!("r{i}"));
            r.root_cause = cause.map(str::to_string);
            rs.push(r);
        }
        let mut practice = sample("p");
        practice.root_cause = Some("people".into());
        practice.practice = true;
        rs.push(practice);
        let s = summarise(&rs, &Filter::all(Currency::USD)).unwrap();
        let got: Vec<(Option<&str>, u64)> = s
            .by_root_cause
            .iter()
            .map(|(c, sl)| (c.as_deref(), sl.count))
            .collect();
        assert_eq!(got, [(Some("process"), 3), (None, 2), (Some("product"), 1)]);
        assert_eq!(
            s.by_root_cause[0].1.cost,
            Money::new(3 * 2994, Currency::USD)
        );
        assert_eq!(
            s.by_root_cause.iter().map(|c| c.1.count).sum::<u64>(),
            s.count
        );
    }

    #[test]
    fn filters_slice_the_log() {
        let a = sample("a");
        let mut b = sample("b");
        b.incident.category = Category::LateDelivery;
        b.opened_ms += WEEK_MS;
        b.resolved_ms += WEEK_MS;
        let mut f = Filter::all(Currency::USD);
        f.category = Some(Category::LateDelivery);
        assert_eq!(summarise([&a, &b], &f).unwrap().count, 1);
        let mut f = Filter::all(Currency::USD);
        f.to_ms = Some(a.opened_ms + 1);
        assert_eq!(summarise([&a, &b], &f).unwrap().count, 1);
        let f = Filter::all(Currency::EUR);
        let s = summarise([&a, &b], &f).unwrap();
        assert_eq!((s.count, s.other_currency), (0, 2));
    }
}
