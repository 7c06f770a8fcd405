//! Figures of the dashboard in words: counts, shares, scores, durations.

use std::cell::OnceCell;

use amends_domain::{Bp, Ratio};

use crate::i18n::dashboard::{t, tf, Msg};

thread_local! {
    static GROUP: OnceCell<char> = const { OnceCell::new() };
}

/// Digits in groups of three with `sep`: 1234567 -> "1,234,567".
pub fn grouped(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A count with the user's group separator (asked of the browser once).
pub fn count(n: u64) -> String {
    let sep = GROUP.with(|g| *g.get_or_init(|| crate::services::intl::separators().1));
    grouped(n, sep)
}

/// A share as a percentage to one decimal: "66.7%".
pub fn pct(r: Ratio) -> String {
    Bp(i32::try_from(r.scaled(1000) * 10).unwrap_or(i32::MAX)).describe(false)
}

/// A share in basis points as a whole percentage: "25%".
pub fn whole_pct(bp: Bp) -> String {
    Bp((bp.0 + 50) / 100 * 100).describe(false)
}

/// NPS from -100 to 100, signed: "+25", "-10", "0".
pub fn nps(r: Ratio) -> String {
    let v = r.scaled(100);
    if v > 0 {
        format!("+{v}")
    } else {
        v.to_string()
    }
}

/// Mean CES to one decimal: "4.3".
pub fn ces(r: Ratio) -> String {
    r.decimal(1)
}

/// A duration in words: "under a minute", "12 min", "3 h 5 min", "2 d 4 h".
pub fn duration(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if minutes == 0 {
        t(Msg::DurationUnderMinute).into()
    } else if minutes < 60 {
        tf(Msg::DurationMinutes, &[("m", &m.to_string())])
    } else if d == 0 {
        tf(
            Msg::DurationHours,
            &[("h", &h.to_string()), ("m", &m.to_string())],
        )
    } else {
        tf(
            Msg::DurationDays,
            &[("d", &d.to_string()), ("h", &h.to_string())],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(grouped(0, ','), "0");
        assert_eq!(grouped(999, ','), "999");
        assert_eq!(grouped(1000, ','), "1,000");
        assert_eq!(grouped(100_000, '.'), "100.000");
        assert_eq!(grouped(1_234_567, ' '), "1 234 567");
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
    fn durations_in_words() {
        assert_eq!(duration(30_000), "under a minute");
        assert_eq!(duration(12 * 60_000), "12 min");
        assert_eq!(duration(185 * 60_000), "3 h 5 min");
        assert_eq!(duration((2 * 1440 + 4 * 60 + 7) * 60_000), "2 d 4 h");
        assert_eq!(duration(-5), "under a minute");
    }
}
