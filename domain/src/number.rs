//! Exact arithmetic on integers and their decimal text: shared by money and shares, so that
//! neither needs the other for digits.

/// `value / 10^places` as exact decimal text with all `places` digits: (4990, 2) ->
/// "49.90", (-5, 2) -> "-0.05", (1500, 0) -> "1500". The one place amounts, shares and
/// ratios become digits; `places` above 18 are treated as 18.
pub fn decimal_text(value: i64, places: u32) -> String {
    let places = places.min(18);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    if places == 0 {
        return format!("{sign}{abs}");
    }
    let s = 10_u64.pow(places);
    format!(
        "{sign}{}.{:0width$}",
        abs / s,
        abs % s,
        width = places as usize
    )
}

/// Integer division rounding half away from zero.
pub fn div_round(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d.abs() {
        q + n.signum() * d.signum()
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_is_exact() {
        assert_eq!(decimal_text(4990, 2), "49.90");
        assert_eq!(decimal_text(5, 2), "0.05");
        assert_eq!(decimal_text(-1205, 2), "-12.05");
        assert_eq!(decimal_text(1500, 0), "1500");
        assert_eq!(decimal_text(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn div_round_goes_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(7, -2), -4);
    }
}
