//! Deterministic generated records for benchmarks, load tests and demo data.

use crate::incident::{Category, Channel, Incident, Severity, Tier, Touchpoint};
use crate::level::Level;
use crate::money::{Currency, Money};
use crate::record::{Approval, ApprovalMethod, FollowUp, Outcome, RecoveryRecord, RECORD_SCHEMA};
use crate::remedy::{RemedyKind, RemedyLine};

/// A small, fast pseudo-random generator (SplitMix64): reproducible from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// `n` plausible USD records over the year before 2026-11-01, ids "gen-<seed>-<i>".
pub fn generate(n: usize, seed: u64) -> Vec<RecoveryRecord> {
    const END_MS: i64 = 1_793_491_200_000; // 2026-11-01
    const YEAR_MS: u64 = 365 * 24 * 3_600_000;
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let category = rng.pick(Category::ALL);
            let loss = Money::new(500 + rng.below(20_000) as i64, Currency::USD);
            let kind = rng.pick(&[
                RemedyKind::RefundPartial,
                RemedyKind::Replacement,
                RemedyKind::StoreCredit,
                RemedyKind::DiscountNext,
            ]);
            let cost = Money::new(
                loss.minor * (40 + rng.below(60) as i64) / 100,
                Currency::USD,
            );
            let opened_ms = END_MS - rng.below(YEAR_MS) as i64;
            let answered = rng.below(3) == 0;
            RecoveryRecord {
                schema: RECORD_SCHEMA,
                id: format!("gen-{seed}-{i}"),
                opened_ms,
                resolved_ms: opened_ms + rng.below(1_800_000) as i64,
                staff: format!("Staff {}", rng.below(12)),
                role: "associate".into(),
                incident: Incident {
                    failure: category.failure_type(),
                    category,
                    touchpoint: rng.pick(Touchpoint::ALL),
                    channel: rng.pick(Channel::ALL),
                    severity: Severity::ALL[rng.below(5) as usize],
                    tier: rng.pick(Tier::ALL),
                    loss,
                    company_responsible: rng.below(5) != 0,
                    keeps_item: rng.below(3) == 0,
                    prior_failures: 0,
                },
                steps_done: vec!["listened".into(), "apologised".into()],
                level: Some(rng.pick(&[Level::Fair, Level::Recommended, Level::Generous])),
                remedies: vec![RemedyLine {
                    kind,
                    face: loss,
                    cost,
                }],
                approval: (rng.below(8) == 0).then(|| Approval {
                    by: "Manager".into(),
                    method: ApprovalMethod::Pin,
                    at_ms: opened_ms,
                }),
                follow_up: Some(FollowUp {
                    due_ms: opened_ms + 3 * 86_400_000,
                    channel: rng.pick(Channel::ALL),
                }),
                outcome: answered.then(|| Outcome {
                    recorded_ms: opened_ms + 3 * 86_400_000,
                    csat: Some(1 + rng.below(5) as u8),
                    nps: Some(rng.below(11) as u8),
                    ces: Some(1 + rng.below(7) as u8),
                    resolved: Some(rng.below(5) != 0),
                    retained: Some(rng.below(4) != 0),
                    note: String::new(),
                }),
                first_contact: rng.below(4) != 0,
                root_cause: None,
                note: String::new(),
                practice: false,
                customer_name: None,
                customer_hash: (rng.below(2) == 0)
                    .then(|| format!("c{:x}", rng.below(n as u64 / 2 + 1))),
                ticket: None,
                contact: None,
                customer_locale: None,
            }
        })
        .collect()
}
