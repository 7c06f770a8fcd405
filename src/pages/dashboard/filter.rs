//! The dashboard's filter as typed (dates as "YYYY-MM-DD", choices as slugs) and as the domain's `Filter`.

use std::collections::BTreeSet;

use amends_domain::analytics::Filter;
use amends_domain::time::parse_iso8601;
use amends_domain::{Category, Channel, Currency, RecoveryRecord};

const DAY_MS: i64 = 86_400_000;

/// What the filter controls hold. Empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterInput {
    pub from: String,
    pub to: String,
    pub category: String,
    pub channel: String,
    pub staff: String,
    pub include_practice: bool,
}

impl FilterInput {
    /// The domain filter: both dates are inclusive days (UTC, as the log's filter);
    /// a value that does not parse filters nothing rather than everything.
    pub fn to_filter(&self, currency: Currency) -> Filter {
        Filter {
            currency,
            from_ms: parse_iso8601(&self.from),
            to_ms: parse_iso8601(&self.to).map(|t| t + DAY_MS),
            category: Category::from_slug(&self.category),
            channel: Channel::from_slug(&self.channel),
            touchpoint: None,
            staff: (!self.staff.is_empty()).then(|| self.staff.clone()),
            include_practice: self.include_practice,
        }
    }
}

/// Everyone who logged a recovery, sorted, once each.
pub fn staff_names(records: &[RecoveryRecord]) -> Vec<String> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    let mut last: Option<&str> = None;
    for r in records {
        // Consecutive records are often by the same person: skip the set lookup then.
        if last != Some(r.staff.as_str()) {
            names.insert(&r.staff);
            last = Some(&r.staff);
        }
    }
    names.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::testdata::generate;

    #[test]
    fn empty_input_is_everything_but_practice() {
        assert_eq!(
            FilterInput::default().to_filter(Currency::USD),
            Filter::all(Currency::USD)
        );
    }

    #[test]
    fn typed_values_become_the_domain_filter() {
        let input = FilterInput {
            from: "2026-05-01".into(),
            to: "2026-05-31".into(),
            category: "late-delivery".into(),
            channel: "chat".into(),
            staff: "Staff 3".into(),
            include_practice: true,
        };
        let f = input.to_filter(Currency::EUR);
        assert_eq!(f.currency, Currency::EUR);
        assert_eq!(f.from_ms, parse_iso8601("2026-05-01"));
        assert_eq!(
            f.to_ms,
            parse_iso8601("2026-06-01"),
            "the last day counts whole"
        );
        assert_eq!(f.category, Some(Category::LateDelivery));
        assert_eq!(f.channel, Some(Channel::Chat));
        assert_eq!(f.staff.as_deref(), Some("Staff 3"));
        assert!(f.include_practice);
        let half_typed = FilterInput {
            from: "2026-0".into(),
            category: "nonsense".into(),
            ..FilterInput::default()
        };
        assert_eq!(
            half_typed.to_filter(Currency::USD),
            Filter::all(Currency::USD)
        );
    }

    #[test]
    fn staff_are_listed_once_in_order() {
        let recs = generate(200, 1);
        let names = staff_names(&recs);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(recs.iter().all(|r| names.contains(&r.staff)));
    }
}
