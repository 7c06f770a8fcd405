//! Figures of the dashboard in words: counts, shares, scores, durations.

use amends_domain::{Bp, Ratio};

use crate::i18n::dashboard::{t, tf, tp, Msg};
use crate::services::intl::{figure, Figure};

pub use crate::services::intl::count;

/// A share as a percentage to one decimal: "66.7%" (rounded once, from the exact ratio).
pub fn pct(r: Ratio) -> String {
    figure(r.scaled(1000), 3, Figure::Percent1)
}

/// A share in basis points as a whole percentage: "25%".
pub fn whole_pct(bp: Bp) -> String {
    figure(i64::from(bp.0), 4, Figure::Percent0)
}

/// NPS from -100 to 100, signed: "+25", "-10", "0".
pub fn nps(r: Ratio) -> String {
    figure(r.scaled(100), 0, Figure::Signed)
}

/// Mean CES to one decimal: "4.3".
pub fn ces(r: Ratio) -> String {
    figure(r.scaled(10), 1, Figure::OneDecimal)
}

/// "12 answers", "1 answer": the n of a rate over answers.
pub fn answers(n: u64) -> String {
    tp(Msg::Answers, n, &[("n", &count(n))])
}

/// "60 recoveries", "1 recovery": the n of a rate over recoveries.
pub fn recoveries(n: u64) -> String {
    tp(Msg::RecoveriesN, n, &[("n", &count(n))])
}

/// A rate with its n, marked when too few answered to judge: "100% (3 answers, too few
/// to judge)".
pub fn with_n(value: String, n: u64) -> String {
    let m = if amends_domain::analytics::too_few(n) {
        Msg::RateTooFew
    } else {
        Msg::RateWithN
    };
    tf(m, &[("value", &value), ("n", &answers(n))])
}

/// A duration in words: "under a minute", "12 min", "3 h 5 min", "2 d 4 h".
pub fn duration(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if minutes == 0 {
        t(Msg::DurationUnderMinute).into()
    } else if minutes < 60 {
        tf(Msg::DurationMinutes, &[("m", &count(m))])
    } else if d == 0 {
        tf(Msg::DurationHours, &[("h", &count(h)), ("m", &count(m))])
    } else {
        tf(Msg::DurationDays, &[("d", &count(d)), ("h", &count(h))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn shares_and_scores() {
        let r = |n, d| Ratio::new(n, d).unwrap();
        assert_eq!(pct(r(2, 3)), "66.7%");
        assert_eq!(pct(r(1, 2)), "50%");
        assert_eq!(pct(r(1, 1)), "100%");
        assert_eq!(whole_pct(Bp(6049)), "60%");
        assert_eq!(whole_pct(Bp(6050)), "61%");
        assert_eq!(nps(r(1, 4)), "+25");
        assert_eq!(nps(r(-1, 10)), "-10");
        assert_eq!(nps(r(0, 3)), "0");
        assert_eq!(ces(r(16, 4)), "4.0");
    }

    #[test]
    fn rates_carry_their_n() {
        assert_eq!(
            with_n("100%".into(), 3),
            "100% (3 answers, too few to judge)"
        );
        assert_eq!(with_n("50%".into(), 5), "50% (5 answers)");
        assert_eq!(answers(1), "1 answer");
        assert_eq!(recoveries(60), "60 recoveries");
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration(30_000), "under a minute");
        assert_eq!(duration(12 * 60_000), "12 min");
        assert_eq!(duration(185 * 60_000), "3 h 5 min");
        assert_eq!(duration((2 * 1440 + 4 * 60 + 7) * 60_000), "2 d 4 h");
        assert_eq!(duration(-5), "under a minute");
    }
}
