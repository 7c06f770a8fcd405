//! Removing records for age, and whether the device clock can be trusted to decide it.
//!
//! Retention deletes for good, so it runs by itself only on a clock that agrees with the
//! log: not earlier than the newest record, and not far past it. Otherwise a manager is
//! asked first (and offered a backup), see [`check_clock`].

/// A month for retention: a twelfth of the Gregorian year (30.436875 days).
pub const MONTH_MS: i64 = 2_629_746_000;
/// How far the clock may be behind the newest record (clocks of two devices that shared
/// a backup differ a little).
pub const BEHIND_SLACK_MS: i64 = 10 * 60_000;
/// How far past the newest record the clock may be before it looks wrong: about a quarter.
/// A shop that logged nothing for longer is asked once, which costs a tap.
pub const MAX_GAP_MS: i64 = 92 * 86_400_000;

/// What the clock looks like next to the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockCheck {
    /// Nothing suggests the clock is wrong (or there is no record to compare with).
    Plausible,
    /// Earlier than the newest record: the clock is behind, or records are dated ahead.
    BeforeNewest { newest_ms: i64 },
    /// Much later than the newest record: the clock may be far ahead.
    FarPastNewest { newest_ms: i64 },
}

impl ClockCheck {
    pub fn is_plausible(self) -> bool {
        self == ClockCheck::Plausible
    }
}

/// Whether `now_ms` agrees with the newest record's time (`None`: an empty log).
pub fn check_clock(now_ms: i64, newest_ms: Option<i64>) -> ClockCheck {
    let Some(newest_ms) = newest_ms else {
        return ClockCheck::Plausible;
    };
    if now_ms < newest_ms.saturating_sub(BEHIND_SLACK_MS) {
        ClockCheck::BeforeNewest { newest_ms }
    } else if now_ms.saturating_sub(newest_ms) > MAX_GAP_MS {
        ClockCheck::FarPastNewest { newest_ms }
    } else {
        ClockCheck::Plausible
    }
}

/// Records opened before this time are past a retention of `months` at `now_ms`.
pub fn cutoff_ms(months: u32, now_ms: i64) -> i64 {
    now_ms.saturating_sub(i64::from(months).saturating_mul(MONTH_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000_000;
    const DAY: i64 = 86_400_000;

    #[test]
    fn a_clock_that_agrees_with_the_log_is_plausible() {
        assert_eq!(check_clock(NOW, None), ClockCheck::Plausible);
        assert_eq!(check_clock(NOW, Some(NOW)), ClockCheck::Plausible);
        assert_eq!(
            check_clock(NOW, Some(NOW - 30 * DAY)),
            ClockCheck::Plausible
        );
        assert_eq!(
            check_clock(NOW, Some(NOW - MAX_GAP_MS)),
            ClockCheck::Plausible
        );
        // A few minutes behind a record from another device is not a wrong clock.
        assert_eq!(check_clock(NOW, Some(NOW + 60_000)), ClockCheck::Plausible);
    }

    #[test]
    fn a_clock_behind_the_newest_record_is_not() {
        let newest = NOW + DAY;
        assert_eq!(
            check_clock(NOW, Some(newest)),
            ClockCheck::BeforeNewest { newest_ms: newest }
        );
        assert_eq!(
            check_clock(NOW, Some(NOW + BEHIND_SLACK_MS + 1)),
            ClockCheck::BeforeNewest {
                newest_ms: NOW + BEHIND_SLACK_MS + 1
            }
        );
    }

    #[test]
    fn a_clock_25_months_ahead_is_not() {
        let ahead = NOW + 25 * MONTH_MS;
        assert_eq!(
            check_clock(ahead, Some(NOW)),
            ClockCheck::FarPastNewest { newest_ms: NOW }
        );
        assert!(!check_clock(NOW + MAX_GAP_MS + 1, Some(NOW)).is_plausible());
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        assert!(!check_clock(i64::MAX, Some(i64::MIN)).is_plausible());
        assert!(!check_clock(i64::MIN, Some(i64::MAX)).is_plausible());
        assert_eq!(cutoff_ms(u32::MAX, i64::MIN), i64::MIN);
        assert_eq!(cutoff_ms(24, NOW), NOW - 24 * MONTH_MS);
    }
}
