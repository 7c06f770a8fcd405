//! The chain view's figures from the chain database's KPI view (sums by store, currency,
//! week and category), turned into the dashboard's [`Summary`] by research.md's formulas,
//! the same as `analytics::summarise` over records: head office never downloads records.

use crate::analytics::{Scores, Summary};
use crate::incident::Category;
use crate::money::{Currency, Money, MoneyError};
use crate::share::Ratio;

use super::SyncError;

/// The chain database's KPI view (design document `kpi`).
pub const KPI_VIEW: &str = "_design/kpi/_view/kpis_by_store_currency_week_category";

/// How many sums a row of the view carries (see the map function for their order).
const SUMS: usize = 14;

/// One row of the view at group level 2 (`week`, `category` none) or 4.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiRow {
    pub store: String,
    pub currency: Currency,
    /// ISO week, "2026-W49".
    pub week: Option<String>,
    pub category: Option<Category>,
    sums: [i64; SUMS],
}

/// The view's query: group level 2 for every store (totals per store and currency), 4 for
/// one store (by week and category too; its key range only).
pub fn kpi_query(store: Option<&str>) -> String {
    match store {
        None => format!("{KPI_VIEW}?group_level=2"),
        Some(s) => {
            let key = serde_json::to_string(s).unwrap_or_default();
            let enc = |t: &str| {
                t.replace('%', "%25")
                    .replace('"', "%22")
                    .replace('[', "%5B")
                    .replace(']', "%5D")
                    .replace('{', "%7B")
                    .replace('}', "%7D")
                    .replace(' ', "%20")
            };
            format!(
                "{KPI_VIEW}?group_level=4&startkey={}&endkey={}",
                enc(&format!("[{key}]")),
                enc(&format!("[{key},{{}}]"))
            )
        }
    }
}

/// Reads the view's answer. A row this version cannot read (an unknown currency or
/// category, sums that are not whole numbers) is counted in `.1`, never guessed.
pub fn parse_kpi_rows(json: &str) -> Result<(Vec<KpiRow>, usize), SyncError> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| SyncError::Unexpected(e.to_string()))?;
    let rows = v
        .get("rows")
        .and_then(|r| r.as_array())
        .ok_or_else(|| SyncError::Unexpected("no rows".into()))?;
    let mut out = Vec::with_capacity(rows.len());
    let mut unreadable = 0;
    for r in rows {
        match row(r) {
            Some(row) => out.push(row),
            None => unreadable += 1,
        }
    }
    Ok((out, unreadable))
}

fn row(r: &serde_json::Value) -> Option<KpiRow> {
    let key = r.get("key")?.as_array()?;
    let store = key.first()?.as_str()?.to_owned();
    let currency = key.get(1)?.as_str()?.parse().ok()?;
    let week = match key.get(2) {
        None => None,
        Some(w) => Some(w.as_str()?.to_owned()),
    };
    let category = match key.get(3) {
        None => None,
        Some(c) => Some(Category::from_slug(c.as_str()?)?),
    };
    let values = r.get("value")?.as_array()?;
    if values.len() != SUMS {
        return None;
    }
    let mut sums = [0_i64; SUMS];
    for (s, v) in sums.iter_mut().zip(values) {
        *s = v.as_i64().or_else(|| {
            let f = v.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
        })?;
    }
    Some(KpiRow {
        store,
        currency,
        week,
        category,
        sums,
    })
}

/// Which rows to add up: a store, a week, a category (`None`: all), in one currency;
/// rows in other currencies are counted in [`Summary::other_currency`], as on the device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainFilter {
    pub currency: Currency,
    pub store: Option<String>,
    pub week: Option<String>,
    pub category: Option<Category>,
}

/// The dashboard's summary of the rows that match `f`: count, cost, mean cost, escalation,
/// FCR, mean time to resolve, CSAT, NPS, CES and retention, each with its n. Breakdowns
/// the view does not carry (channel, remedy kind, root cause, repeat customers) are empty.
pub fn chain_summary(rows: &[KpiRow], f: &ChainFilter) -> Result<Summary, MoneyError> {
    let mut s = [0_i128; SUMS];
    let mut other = 0_u64;
    for r in rows {
        let matches = f.store.as_ref().is_none_or(|x| *x == r.store)
            && f.week.as_ref().is_none_or(|w| r.week.as_ref() == Some(w))
            && f.category.is_none_or(|c| r.category == Some(c));
        if !matches {
            continue;
        }
        if r.currency != f.currency {
            other += u64::try_from(r.sums[0]).unwrap_or(0);
            continue;
        }
        for (acc, v) in s.iter_mut().zip(r.sums) {
            *acc += i128::from(v);
        }
    }
    let n = |i: usize| i64::try_from(s[i]).unwrap_or(i64::MAX).max(0);
    let money = |minor: i128| {
        i64::try_from(minor)
            .map(|m| Money::new(m, f.currency))
            .map_err(|_| MoneyError::TooLarge)
    };
    let (count, costed, cost, resolve, nps_net) = (s[0], s[1], s[2], s[5], s[9]);
    Ok(Summary {
        count: n(0) as u64,
        other_currency: other,
        total_cost: money(cost)?,
        mean_cost: (costed > 0)
            .then(|| money(crate::number::div_round(cost, costed)))
            .transpose()?,
        escalation_rate: Ratio::new(n(3), n(0)),
        fcr: Ratio::new(n(4), n(0)),
        mean_resolve_ms: (count > 0).then(|| i64::try_from(resolve / count).unwrap_or(i64::MAX)),
        scores: Scores {
            csat: Ratio::new(n(7), n(6)),
            nps: Ratio::new(i64::try_from(nps_net).unwrap_or(0), n(8)),
            ces: Ratio::new(n(11), n(10)),
            responses: (n(6).max(n(8)).max(n(10))) as u64,
            csat_n: n(6) as u64,
            nps_n: n(8) as u64,
            ces_n: n(10) as u64,
        },
        retention: Ratio::new(n(13), n(12)),
        retention_n: n(12) as u64,
        by_category: Vec::new(),
        by_channel: Vec::new(),
        by_touchpoint: Vec::new(),
        by_kind: Vec::new(),
        by_root_cause: Vec::new(),
        pareto: Vec::new(),
        weekly: Vec::new(),
        repeat_customers: 0,
        repeat_recoveries: 0,
    })
}

/// The Monday (00:00 UTC) that starts ISO week `week` ("2026-W49"), or `None`.
pub fn week_start_ms(week: &str) -> Option<i64> {
    let (y, w) = week.split_once("-W")?;
    let (y, w): (i64, i64) = (y.parse().ok()?, w.parse().ok()?);
    if !(1..=53).contains(&w) {
        return None;
    }
    // 4 January is always in week 1.
    let jan4 = crate::time::parse_iso8601(&format!("{y:04}-01-04"))? / 86_400_000;
    let weekday = (jan4 + 3).rem_euclid(7); // 0 = Monday (1970-01-01 was a Thursday)
    Some((jan4 - weekday + (w - 1) * 7) * 86_400_000)
}

/// The stores, weeks and currencies the rows name, each once, in the view's order.
pub fn distinct<T: PartialEq + Clone>(
    rows: &[KpiRow],
    key: impl Fn(&KpiRow) -> Option<T>,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for k in rows.iter().filter_map(key) {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{summarise, Filter};
    use crate::record::{tests::sample, Outcome};

    /// What the view would emit for `r` (the map function's arithmetic, in Rust): the
    /// test that the same sums give the same KPIs as the device's `summarise`.
    fn emitted(store: &str, r: &crate::RecoveryRecord) -> serde_json::Value {
        let o = r.outcome.clone().unwrap_or(Outcome {
            recorded_ms: 0,
            csat: None,
            nps: None,
            ces: None,
            resolved: None,
            retained: None,
            note: String::new(),
        });
        let cost: i64 = r.remedies.iter().map(|l| l.cost.minor).sum();
        let b = |x: bool| i64::from(x);
        serde_json::json!({ "key": [store, r.currency().code(), "2026-W49", r.incident.category.slug()],
            "value": [1, 1, cost, b(r.approval.is_some()), b(r.first_contact), r.resolved_ms - r.opened_ms,
                b(o.csat.is_some()), b(o.csat.is_some_and(|c| c >= 4)), b(o.nps.is_some()),
                o.nps.map_or(0, |n| b(n >= 9) - b(n <= 6)), b(o.ces.is_some()),
                o.ces.map_or(0, i64::from), b(o.retained.is_some()), b(o.retained == Some(true))] })
    }

    fn outcome(csat: u8, nps: u8, ces: u8, retained: bool) -> Option<Outcome> {
        Some(Outcome {
            recorded_ms: 0,
            csat: Some(csat),
            nps: Some(nps),
            ces: Some(ces),
            resolved: Some(true),
            retained: Some(retained),
            note: String::new(),
        })
    }

    #[test]
    fn view_sums_give_the_devices_kpis() {
        let mut rs = Vec::new();
        for (i, (c, n, e, k)) in [
            (5, 10, 7, true),
            (4, 9, 5, true),
            (2, 3, 1, false),
            (3, 7, 3, true),
        ]
        .into_iter()
        .enumerate()
        {
            let mut r = sample(&format!("r{i}"));
            r.outcome = outcome(c, n, e, k);
            r.first_contact = i != 2;
            r.resolved_ms = r.opened_ms + 60_000 * (i as i64 + 1);
            if i == 3 {
                r.approval = Some(crate::record::Approval {
                    by: "Mo".into(),
                    method: crate::record::ApprovalMethod::Pin,
                    at_ms: 0,
                });
            }
            rs.push(r);
        }
        let rows: Vec<_> = rs.iter().map(|r| emitted("store-1", r)).collect();
        let json = serde_json::json!({ "rows": rows }).to_string();
        let (rows, unreadable) = parse_kpi_rows(&json).unwrap();
        assert_eq!((rows.len(), unreadable), (4, 0));
        let f = ChainFilter {
            currency: Currency::USD,
            store: None,
            week: None,
            category: None,
        };
        let chain = chain_summary(&rows, &f).unwrap();
        let device = summarise(&rs, &Filter::all(Currency::USD)).unwrap();
        assert_eq!(chain.count, device.count);
        assert_eq!(chain.total_cost, device.total_cost);
        assert_eq!(chain.mean_cost, device.mean_cost);
        assert_eq!(chain.escalation_rate, device.escalation_rate);
        assert_eq!(chain.fcr, device.fcr);
        assert_eq!(chain.mean_resolve_ms, device.mean_resolve_ms);
        assert_eq!(chain.scores, device.scores);
        assert_eq!(
            (chain.retention, chain.retention_n),
            (device.retention, device.retention_n)
        );
        // Another store, another currency: not mixed in.
        let mut f2 = f.clone();
        f2.store = Some("store-2".into());
        assert_eq!(chain_summary(&rows, &f2).unwrap().count, 0);
        f2.store = None;
        f2.currency = Currency::EUR;
        let eur = chain_summary(&rows, &f2).unwrap();
        assert_eq!((eur.count, eur.other_currency, eur.fcr), (0, 4, None));
    }

    #[test]
    fn unreadable_rows_are_counted_not_guessed() {
        let json = r#"{"rows":[
            {"key":["store-1","XXX"],"value":[1,1,1,0,0,0,0,0,0,0,0,0,0,0]},
            {"key":["store-1","EUR","2026-W01","no-such"],"value":[1,1,1,0,0,0,0,0,0,0,0,0,0,0]},
            {"key":["store-1","EUR"],"value":[1.5,1,1,0,0,0,0,0,0,0,0,0,0,0]},
            {"key":["store-1","EUR"],"value":[1,1]},
            {"key":["store-1","EUR"],"value":[2,2,300,1,1,1000,0,0,0,0,0,0,0,0]}]}"#;
        let (rows, unreadable) = parse_kpi_rows(json).unwrap();
        assert_eq!((rows.len(), unreadable), (1, 4));
        assert!(parse_kpi_rows("{}").is_err());
        assert!(parse_kpi_rows("not json").is_err());
    }

    #[test]
    fn iso_weeks_start_on_monday() {
        // 2026-W53 starts Monday 2026-12-28; 2027-W01 on 2027-01-04; 2026-W01 on 2025-12-29.
        let day = |s: &str| crate::time::parse_iso8601(s).unwrap();
        assert_eq!(week_start_ms("2026-W53"), Some(day("2026-12-28")));
        assert_eq!(week_start_ms("2027-W01"), Some(day("2027-01-04")));
        assert_eq!(week_start_ms("2026-W01"), Some(day("2025-12-29")));
        assert_eq!(week_start_ms("2026-W54"), None);
        assert_eq!(week_start_ms("junk"), None);
    }

    #[test]
    fn one_store_is_its_key_range() {
        assert_eq!(
            kpi_query(Some("store-1")),
            format!("{KPI_VIEW}?group_level=4&startkey=%5B%22store-1%22%5D&endkey=%5B%22store-1%22,%7B%7D%5D")
        );
        assert_eq!(kpi_query(None), format!("{KPI_VIEW}?group_level=2"));
    }
}
