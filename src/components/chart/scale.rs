//! Pure arithmetic of the charts: "nice" axis ticks, value-to-pixel mapping, label thinning.
//!
//! Values are integers (counts, money in minor units, basis points). Only the pixel
//! coordinates they are mapped to are `f64`: money never becomes a float, its integer
//! minor units are turned into a position on the screen at the very last step.

/// Ticks from 0 up to a "nice" top at least `max`, at a step of 1, 2 or 5 x 10^k chosen
/// so that there are at most `target` steps. `max` below 1 counts as 1.
pub fn nice_ticks(max: i64, target: u32) -> Vec<i64> {
    let max = max.max(1);
    let target = i64::from(target.max(1));
    let raw = (max + target - 1) / target;
    let mut magnitude = 1_i64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10 * magnitude);
    let top = max.saturating_add(step - 1) / step * step;
    (0..=top / step).map(|i| i * step).collect()
}

/// A linear map from the values `lo..=hi` to the coordinates `from..=to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub lo: i64,
    pub hi: i64,
    pub from: f64,
    pub to: f64,
}

impl Linear {
    pub fn new(lo: i64, hi: i64, from: f64, to: f64) -> Linear {
        Linear { lo, hi, from, to }
    }

    /// The coordinate of `v`; values outside the domain are clamped to it.
    pub fn at(&self, v: i64) -> f64 {
        if self.hi <= self.lo {
            return self.from;
        }
        let v = v.clamp(self.lo, self.hi);
        // i128: hi - lo of two i64 cannot overflow; the quotient is a share in 0..=1.
        let share = (i128::from(v) - i128::from(self.lo)) as f64
            / (i128::from(self.hi) - i128::from(self.lo)) as f64;
        self.from + share * (self.to - self.from)
    }
}

/// Label every `n`-th of `count` items so that at most `max_labels` are labelled.
pub fn label_every(count: usize, max_labels: usize) -> usize {
    count.div_ceil(max_labels.max(1)).max(1)
}

/// A coordinate as SVG wants it: at most one decimal, no "-0". Written from whole tenths:
/// formatting a float would bring core's float printing (9.5 KB of wasm) for this alone.
pub fn px(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    match t % 10 {
        0 => format!("{sign}{}", t / 10),
        d => format!("{sign}{}.{d}", t / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_and_cover_the_maximum() {
        assert_eq!(nice_ticks(7, 4), vec![0, 2, 4, 6, 8]);
        assert_eq!(nice_ticks(0, 4), vec![0, 1]);
        assert_eq!(nice_ticks(1, 4), vec![0, 1]);
        assert_eq!(nice_ticks(10, 5), vec![0, 2, 4, 6, 8, 10]);
        assert_eq!(nice_ticks(100_000, 4), vec![0, 50_000, 100_000]);
        assert_eq!(
            nice_ticks(1_234_567, 4),
            vec![0, 500_000, 1_000_000, 1_500_000]
        );
        for max in [1, 3, 9, 11, 99, 101, 12_345, 999_999_999] {
            for target in 1..8 {
                let t = nice_ticks(max, target);
                assert_eq!(t[0], 0);
                assert!(*t.last().unwrap() >= max, "{max} {target} {t:?}");
                assert!(t.len() as u32 <= target + 2, "{max} {target} {t:?}");
                let step = t[1] - t[0];
                assert!(t.windows(2).all(|w| w[1] - w[0] == step));
            }
        }
    }

    #[test]
    fn linear_maps_and_clamps() {
        let s = Linear::new(0, 100, 200.0, 0.0);
        assert_eq!(s.at(0), 200.0);
        assert_eq!(s.at(100), 0.0);
        assert_eq!(s.at(25), 150.0);
        assert_eq!(s.at(-5), 200.0);
        assert_eq!(s.at(500), 0.0);
        let d = Linear::new(-100, 100, 0.0, 400.0);
        assert_eq!(d.at(0), 200.0);
        assert_eq!(Linear::new(3, 3, 7.0, 9.0).at(3), 7.0);
        let huge = Linear::new(0, i64::MAX, 0.0, 1.0);
        assert_eq!(huge.at(i64::MAX), 1.0);
    }

    #[test]
    fn labels_are_thinned() {
        assert_eq!(label_every(52, 6), 9);
        assert_eq!(label_every(5, 6), 1);
        assert_eq!(label_every(0, 6), 1);
        assert_eq!(label_every(12, 0), 12);
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(px(12.0), "12");
        assert_eq!(px(12.345), "12.3");
        assert_eq!(px(-0.01), "0");
        assert_eq!(px(-3.26), "-3.3");
        assert_eq!(px(-0.06), "-0.1");
        assert_eq!(px(0.95), "1");
    }

    /// Whole tenths write what the float formatting the charts used before wrote.
    #[test]
    fn coordinates_match_float_formatting() {
        let float = |v: f64| {
            let r = (v * 10.0).round() / 10.0;
            if r == 0.0 {
                "0".to_owned()
            } else if r.fract() == 0.0 {
                format!("{r:.0}")
            } else {
                format!("{r:.1}")
            }
        };
        for i in -300_000..300_000 {
            let v = f64::from(i) * 0.0137;
            assert_eq!(px(v), float(v), "{v}");
        }
    }
}
