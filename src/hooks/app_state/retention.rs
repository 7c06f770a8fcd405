//! Retention: records past the policy's period are removed, and the audit says how many.
//!
//! By itself (at start, when manager mode opens) it removes only on a clock that agrees
//! with the log (`amends_domain::retention::check_clock`); otherwise it removes nothing
//! and manager mode asks, offering a backup first.

use amends_domain::retention::{check_clock, cutoff_ms, ClockCheck, MONTH_MS};
use amends_domain::{AuditEntry, RecoveryRecord};

use super::{AppHandle, Health};
use crate::services::storage::StorageError;

/// What a retention run did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetentionRun {
    /// Removed this many records (0: none were due).
    Removed(usize),
    /// Removed nothing: `due` records are past the period by a clock that looks wrong.
    Paused { due: usize, clock: ClockCheck },
}

impl AppHandle {
    /// Who the audit names for what Amends does by itself (retention); pages word it.
    pub const AUTOMATIC: &'static str = "amends";
    /// A month for retention: a twelfth of the Gregorian year (30.436875 days).
    pub const MONTH_MS: i64 = MONTH_MS;

    /// Ids of records opened more than `months` before `now_ms`; none when keeping all.
    pub fn expired_ids(
        records: &[RecoveryRecord],
        months: Option<u32>,
        now_ms: i64,
    ) -> Vec<String> {
        let Some(m) = months else {
            return Vec::new();
        };
        let cutoff = cutoff_ms(m, now_ms);
        records
            .iter()
            .filter(|r| r.opened_ms < cutoff)
            .map(|r| r.id.clone())
            .collect()
    }

    /// How this device's clock compares with the newest record (the log is newest first).
    pub fn clock_check(&self, now_ms: i64) -> ClockCheck {
        check_clock(now_ms, self.records.first().map(|r| r.opened_ms))
    }

    /// Remove records older than the policy's retention period and log how many, unless
    /// the clock looks wrong: then nothing is removed and the run says why
    /// ([`RetentionRun::Paused`]). Safe to call at any time once loaded.
    pub async fn apply_retention(&self, now_ms: i64) -> Result<RetentionRun, StorageError> {
        self.retain(now_ms, None).await
    }

    /// Remove expired records whatever the clock says: a manager (`who`) confirmed it,
    /// after being offered a backup.
    pub async fn confirm_retention(
        &self,
        now_ms: i64,
        who: &str,
    ) -> Result<RetentionRun, StorageError> {
        self.retain(now_ms, Some(who)).await
    }

    async fn retain(
        &self,
        now_ms: i64,
        confirmed_by: Option<&str>,
    ) -> Result<RetentionRun, StorageError> {
        // An unreadable policy's retention period is unknown: keep everything.
        if self.health != Health::Ready || self.policy_fault.is_some() {
            return Ok(RetentionRun::Removed(0));
        }
        let months = self.policy.retention_months;
        let ids = Self::expired_ids(&self.records, months, now_ms);
        if ids.is_empty() {
            return Ok(RetentionRun::Removed(0));
        }
        let n = ids.len();
        let clock = self.clock_check(now_ms);
        if confirmed_by.is_none() && !clock.is_plausible() {
            return Ok(RetentionRun::Paused { due: n, clock });
        }
        let event = amends_domain::Event::Retention {
            removed: n as u64,
            months: months.unwrap_or(0),
        };
        let entry = AuditEntry::new(now_ms, confirmed_by.unwrap_or(Self::AUTOMATIC), event);
        self.delete_records_logged(ids, entry).await?;
        Ok(RetentionRun::Removed(n))
    }
}
