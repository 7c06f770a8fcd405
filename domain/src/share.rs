//! Exact shares: basis points for settings, rationals for KPIs. No floats anywhere.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A share in basis points: 10_000 = 100%. Signed, so an adjustment can be negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Bp(pub i32);

impl Bp {
    pub const ZERO: Bp = Bp(0);
    pub const HUNDRED_PERCENT: Bp = Bp(10_000);

    pub const fn percent(p: i32) -> Bp {
        Bp(p * 100)
    }

    pub fn saturating_add(self, o: Bp) -> Bp {
        Bp(self.0.saturating_add(o.0))
    }

    /// "+20%", "-12.5%", "150%": signed when `signed`.
    pub fn describe(self, signed: bool) -> String {
        let plus = if signed && self.0 > 0 { "+" } else { "" };
        format!("{plus}{}%", self.plain('.'))
    }

    /// The percentage as a person types it, with `decimal` as the separator and no
    /// trailing zeros: Bp(1250) -> "12.5", Bp(-2000) -> "-20".
    pub fn plain(self, decimal: char) -> String {
        let text = crate::number::decimal_text(i64::from(self.0), 2);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        text.replace('.', decimal.encode_utf8(&mut [0; 4]))
    }
}

impl fmt::Display for Bp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(false))
    }
}

/// An exact fraction `num / den` with `den > 0`, for KPIs computed from counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    pub num: i64,
    pub den: i64,
}

impl Ratio {
    /// `None` when `den` is zero: "not enough data" is not a number.
    pub fn new(num: i64, den: i64) -> Option<Ratio> {
        (den > 0).then_some(Ratio { num, den })
    }

    /// The value times `scale`, rounded half away from zero.
    pub fn scaled(self, scale: i64) -> i64 {
        let v = crate::number::div_round(
            i128::from(self.num) * i128::from(scale),
            i128::from(self.den),
        );
        i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
    }

    /// As a percentage in basis points (for a ratio that is a share).
    pub fn percent_bp(self) -> Bp {
        let v = self.scaled(10_000);
        Bp(i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX }))
    }

    /// Decimal text with `places` digits: `Ratio{num:9,den:2}.decimal(1)` = "4.5".
    pub fn decimal(self, places: u32) -> String {
        let places = places.min(18);
        crate::number::decimal_text(self.scaled(10_i64.pow(places)), places)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_shares() {
        assert_eq!(Bp(2000).describe(true), "+20%");
        assert_eq!(Bp(-1250).describe(true), "-12.5%");
        assert_eq!(Bp(15_000).to_string(), "150%");
        assert_eq!(Bp(1).to_string(), "0.01%");
    }

    #[test]
    fn ratios_are_exact() {
        assert_eq!(Ratio::new(1, 0), None);
        let r = Ratio::new(2, 3).unwrap();
        assert_eq!(r.percent_bp(), Bp(6667));
        assert_eq!(r.decimal(2), "0.67");
        assert_eq!(Ratio::new(-1, 3).unwrap().decimal(1), "-0.3");
        assert_eq!(Ratio::new(9, 2).unwrap().decimal(0), "5");
    }
}
