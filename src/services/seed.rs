//! Test-only: fills this browser's IndexedDB with generated recoveries, for load tests.
//!
//! Reached only from the dashboard's address `?seed=N` (and `&outcomes=none` for records
//! without outcomes, so their follow-ups are due); nothing in the app links there. Records
//! come from `amends_domain::testdata::generate(N, 7)`: ids `gen-7-<i>`, so seeding again
//! overwrites the same records instead of adding more. They are plain, non-practice
//! records that count on the dashboard like real ones: use a fresh browser profile.

use amends_domain::testdata;

use crate::services::storage::{self, Db, StorageError};

/// The most records one seeding writes.
pub const MAX: usize = 200_000;

/// What the address asks for: `?seed=N[&outcomes=none]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedRequest {
    pub count: usize,
    pub outcomes: bool,
}

/// Reads a request from query pairs; `None` when there is none or `N` is not 1..=[`MAX`].
pub fn request(pairs: &[(String, String)]) -> Option<SeedRequest> {
    let count = pairs
        .iter()
        .find(|(k, _)| k == "seed")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .filter(|n| (1..=MAX).contains(n))?;
    let outcomes = !pairs.iter().any(|(k, v)| k == "outcomes" && v == "none");
    Some(SeedRequest { count, outcomes })
}

/// Generates the records and writes them in one IndexedDB transaction (durable on
/// return), then tells other tabs. The caller reloads the app's copy of the log.
pub async fn seed(req: SeedRequest) -> Result<usize, StorageError> {
    let rows: Vec<(String, String)> = testdata::generate(req.count, 7)
        .into_iter()
        .map(|mut r| {
            if !req.outcomes {
                r.outcome = None;
            }
            (r.id.clone(), r.to_json())
        })
        .collect();
    let db = Db::open().await?;
    db.put_records(&rows).await?;
    storage::changes::announce();
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        crate::hooks::prefill::parse_query(q)
    }

    #[test]
    fn reads_the_request_from_the_address() {
        assert_eq!(
            request(&pairs("?seed=100000")),
            Some(SeedRequest {
                count: 100_000,
                outcomes: true
            })
        );
        assert_eq!(
            request(&pairs("seed=3&outcomes=none")),
            Some(SeedRequest {
                count: 3,
                outcomes: false
            })
        );
        assert_eq!(request(&pairs("")), None);
        assert_eq!(request(&pairs("seed=0")), None);
        assert_eq!(request(&pairs("seed=lots")), None);
        assert_eq!(request(&pairs("seed=999999999")), None);
    }
}
