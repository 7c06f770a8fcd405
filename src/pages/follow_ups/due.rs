//! Which follow-ups are due: the queue of the follow-up page and the count on the navigation.
//!
//! Days are the user's local calendar days: a follow-up set for 09:00 tomorrow is "due
//! tomorrow" all of today, and "due today" from midnight on.

use std::cmp::Ordering;
use std::rc::Rc;

use amends_domain::RecoveryRecord;

const DAY_MS: i64 = 86_400_000;

/// Where a follow-up stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// Its day has passed, this many days ago (1 or more).
    Overdue(i64),
    Today,
    /// Its day is this many days ahead (1 or more).
    Upcoming(i64),
}

impl Due {
    /// Due now: today or overdue.
    pub fn is_due(self) -> bool {
        !matches!(self, Due::Upcoming(_))
    }
}

/// Local time minus UTC, in ms, now (e.g. +3 600 000 in Paris in winter).
pub fn local_offset_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        -(js_sys::Date::new_0().get_timezone_offset() as i64) * 60_000
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// The local calendar day of `ms` (days since 1970-01-01).
pub fn day(ms: i64, offset_ms: i64) -> i64 {
    (ms + offset_ms).div_euclid(DAY_MS)
}

/// Where a follow-up due at `due_ms` stands at `now_ms`.
pub fn bucket(due_ms: i64, now_ms: i64, offset_ms: i64) -> Due {
    let d = day(due_ms, offset_ms) - day(now_ms, offset_ms);
    match d.cmp(&0) {
        Ordering::Less => Due::Overdue(-d),
        Ordering::Equal => Due::Today,
        Ordering::Greater => Due::Upcoming(d),
    }
}

/// A real recovery that has a follow-up and no outcome yet: its due time.
pub fn waiting(r: &RecoveryRecord) -> Option<i64> {
    match (&r.follow_up, &r.outcome, r.practice) {
        (Some(f), None, false) => Some(f.due_ms),
        _ => None,
    }
}

/// How many follow-ups are due (today or overdue).
pub fn due_count(records: &[RecoveryRecord], now_ms: i64, offset_ms: i64) -> usize {
    // Due means: on a day up to today, i.e. before the start of tomorrow.
    let tomorrow = (day(now_ms, offset_ms) + 1) * DAY_MS - offset_ms;
    records
        .iter()
        .filter_map(waiting)
        .filter(|due| *due < tomorrow)
        .count()
}

/// The follow-ups waiting, soonest first, split into due now and upcoming. Holds the log
/// it indexes, so an index always means the same record.
#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    pub log: Rc<Vec<RecoveryRecord>>,
    pub due: Vec<(usize, Due)>,
    pub upcoming: Vec<(usize, Due)>,
}

impl Queue {
    pub fn of(log: Rc<Vec<RecoveryRecord>>, now_ms: i64, offset_ms: i64) -> Queue {
        let mut waiting: Vec<(usize, i64)> = log
            .iter()
            .enumerate()
            .filter_map(|(i, r)| waiting(r).map(|due| (i, due)))
            .collect();
        amends_domain::order::sort_by(&mut waiting, |a, b| {
            a.1.cmp(&b.1).then_with(|| log[a.0].id.cmp(&log[b.0].id))
        });
        let (due, upcoming) = waiting
            .into_iter()
            .map(|(i, due)| (i, bucket(due, now_ms, offset_ms)))
            .partition(|(_, d)| d.is_due());
        Queue { log, due, upcoming }
    }

    pub fn record(&self, i: usize) -> &RecoveryRecord {
        &self.log[i]
    }

    /// The queue of `log` on the local day of `now_ms`, built once and shared: the
    /// navigation's count builds it when the log changes, so opening the follow-up page
    /// with 100k records does not sort them again.
    pub fn shared(log: &Rc<Vec<RecoveryRecord>>, now_ms: i64, offset_ms: i64) -> Rc<Queue> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<(i64, Rc<Queue>)>> = const { std::cell::RefCell::new(None) };
        }
        let today = day(now_ms, offset_ms);
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                Some((d, q)) if *d == today && Rc::ptr_eq(&q.log, log) => q.clone(),
                _ => {
                    let q = Rc::new(Queue::of(log.clone(), now_ms, offset_ms));
                    *last = Some((today, q.clone()));
                    q
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::record::{FollowUp, Outcome};
    use amends_domain::testdata::generate;
    use amends_domain::Channel;

    const NOW: i64 = 1_795_801_746_000; // 2026-11-27T17:49:06Z

    #[test]
    fn days_are_local_calendar_days() {
        let hour = 3_600_000;
        assert_eq!(bucket(NOW, NOW, 0), Due::Today);
        assert_eq!(
            bucket(NOW + 7 * hour, NOW, 0),
            Due::Upcoming(1),
            "after midnight UTC"
        );
        assert_eq!(
            bucket(NOW + 7 * hour, NOW, -8 * hour),
            Due::Today,
            "same day in California"
        );
        assert_eq!(bucket(NOW - 18 * hour, NOW, 0), Due::Overdue(1));
        assert_eq!(bucket(NOW - 3 * DAY_MS, NOW, 0), Due::Overdue(3));
        assert_eq!(bucket(NOW + 2 * DAY_MS, NOW, 2 * hour), Due::Upcoming(2));
        assert!(Due::Overdue(4).is_due() && Due::Today.is_due() && !Due::Upcoming(1).is_due());
    }

    fn records() -> Vec<RecoveryRecord> {
        let mut rs = generate(6, 9);
        let due = [
            NOW - 2 * DAY_MS,
            NOW + 3 * DAY_MS,
            NOW - 60_000,
            NOW,
            NOW,
            NOW - DAY_MS,
        ];
        for (r, d) in rs.iter_mut().zip(due) {
            r.follow_up = Some(FollowUp {
                due_ms: d,
                channel: Channel::Email,
            });
            r.outcome = None;
            r.practice = false;
        }
        rs[4].outcome = Some(Outcome {
            recorded_ms: NOW,
            csat: Some(5),
            nps: None,
            ces: None,
            resolved: None,
            retained: None,
            note: String::new(),
        });
        rs[5].practice = true;
        rs
    }

    #[test]
    fn the_queue_is_soonest_first_without_answered_or_practice_ones() {
        let rs = records();
        let q = Queue::of(Rc::new(rs.clone()), NOW, 0);
        let ids = |v: &[(usize, Due)]| v.iter().map(|(i, _)| rs[*i].id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&q.due),
            vec![rs[0].id.clone(), rs[2].id.clone(), rs[3].id.clone()]
        );
        assert_eq!(q.due[0].1, Due::Overdue(2));
        assert_eq!(q.due[1].1, Due::Today);
        assert_eq!(ids(&q.upcoming), vec![rs[1].id.clone()]);
        assert_eq!(q.upcoming[0].1, Due::Upcoming(3));
        assert_eq!(due_count(&rs, NOW, 0), 3);
        assert_eq!(q.record(q.due[0].0).id, rs[0].id);
    }

    #[test]
    fn the_count_agrees_with_the_queue_in_any_time_zone() {
        let rs = generate(300, 4);
        for offset in [
            -11 * 3_600_000,
            0,
            5 * 3_600_000 + 1_800_000,
            14 * 3_600_000,
        ] {
            for now in [NOW, 1_780_000_000_000, 1_790_000_000_000] {
                let q = Queue::of(Rc::new(rs.clone()), now, offset);
                assert_eq!(due_count(&rs, now, offset), q.due.len());
            }
        }
    }
}
