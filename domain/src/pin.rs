//! Lock-out after wrong manager PINs: five free tries, then waits that double each time.

use serde::{Deserialize, Serialize};

/// Wrong tries so far and how long entry is locked. Kept on the device with the PIN hash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinLock {
    pub failures: u32,
    pub locked_until_ms: i64,
}

/// Entry is locked until `until_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locked {
    pub until_ms: i64,
    pub wait_ms: i64,
}

impl PinLock {
    /// Wrong tries allowed before the first lock-out.
    pub const FREE_TRIES: u32 = 5;
    /// First lock-out; each further wrong try doubles it, up to [`PinLock::MAX_LOCK_MS`].
    pub const FIRST_LOCK_MS: i64 = 30_000;
    pub const MAX_LOCK_MS: i64 = 3_600_000;

    /// May a PIN be tried now?
    pub fn check(&self, now_ms: i64) -> Result<(), Locked> {
        if now_ms < self.locked_until_ms {
            Err(Locked {
                until_ms: self.locked_until_ms,
                wait_ms: self.locked_until_ms - now_ms,
            })
        } else {
            Ok(())
        }
    }

    /// Tries left before the next lock-out.
    pub fn tries_left(&self) -> u32 {
        Self::FREE_TRIES.saturating_sub(self.failures)
    }

    /// A wrong PIN: count it and lock when the free tries are used up.
    pub fn fail(&mut self, now_ms: i64) {
        self.failures = self.failures.saturating_add(1);
        if self.failures >= Self::FREE_TRIES {
            let doublings = (self.failures - Self::FREE_TRIES).min(20);
            let lock = (Self::FIRST_LOCK_MS << doublings).min(Self::MAX_LOCK_MS);
            self.locked_until_ms = now_ms.saturating_add(lock);
        }
    }

    /// The stricter of two counts of the same PIN's tries (one kept in memory while storage
    /// refused it, one stored): the more failures and the later lock.
    pub fn merge(self, other: PinLock) -> PinLock {
        PinLock {
            failures: self.failures.max(other.failures),
            locked_until_ms: self.locked_until_ms.max(other.locked_until_ms),
        }
    }

    /// A stored lock that cannot be read leaves one try: the next wrong PIN locks, the
    /// right one starts afresh. Corrupting the record never buys more guesses.
    pub fn unreadable() -> PinLock {
        PinLock {
            failures: Self::FREE_TRIES - 1,
            locked_until_ms: 0,
        }
    }

    /// The right PIN: start afresh.
    pub fn succeed(&mut self) {
        *self = PinLock::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_five_and_doubles() {
        let mut l = PinLock::default();
        for i in 0..4 {
            l.fail(i);
            assert_eq!(l.check(i), Ok(()), "try {i} does not lock");
        }
        assert_eq!(l.tries_left(), 1);
        l.fail(100);
        assert_eq!(l.check(100).unwrap_err().wait_ms, 30_000);
        assert!(l.check(30_100).is_ok());
        l.fail(30_100);
        assert_eq!(l.check(30_100).unwrap_err().wait_ms, 60_000);
        for _ in 0..40 {
            l.fail(0);
        }
        assert_eq!(l.check(0).unwrap_err().wait_ms, PinLock::MAX_LOCK_MS);
        l.succeed();
        assert_eq!((l.check(0), l.tries_left()), (Ok(()), 5));
    }

    #[test]
    fn merging_keeps_the_stricter_count_and_an_unreadable_lock_gives_no_free_tries() {
        let a = PinLock {
            failures: 3,
            locked_until_ms: 0,
        };
        let b = PinLock {
            failures: 5,
            locked_until_ms: 100,
        };
        assert_eq!(a.merge(b), b);
        assert_eq!(b.merge(a), b);
        assert_eq!(a.merge(PinLock::default()), a);
        let mut l = PinLock::unreadable();
        assert_eq!(l.tries_left(), 1);
        l.fail(0);
        assert_eq!(l.check(0).unwrap_err().wait_ms, PinLock::FIRST_LOCK_MS);
    }
}
