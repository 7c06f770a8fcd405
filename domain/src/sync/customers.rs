//! Repeat customers across stores: the chain-wide salt a device adopts (`secret:chain`), and
//! the spends each store shares (`amends-customers`), counted beside the device's own records.
//!
//! A spend is `{_id: "spend:<store>:<record id>", type: "spend", store, customer, at_ms,
//! cost: {minor, currency}}`: the salted hash of the reference, when the recovery was opened
//! and what of it counted against limits. No name, no reference, no note. A device counts
//! other stores' spends only: its own store's records are on the device already.

use serde_json::{json, Value};

use super::SyncError;
use crate::budget::{counted_record, BudgetState};
use crate::money::{Money, MoneyError};
use crate::policy::Policy;
use crate::record::RecoveryRecord;

/// The chain-wide customer salt, in `amends-policy`.
pub const CHAIN_SECRET: &str = "secret:chain";
/// Every store's spends per customer.
pub const CUSTOMERS_DB: &str = "amends-customers";

const DAY_MS: i64 = 86_400_000;

/// The salt in a `secret:chain` document: 64 hex digits, else an error (the device then
/// keeps its own salt and keeps the document as it came).
pub fn chain_salt(doc: &Value) -> Result<String, SyncError> {
    let salt = doc
        .get("customer_salt")
        .and_then(Value::as_str)
        .filter(|_| doc.get("type").and_then(Value::as_str) == Some("secret"))
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| SyncError::Unexpected(format!("{CHAIN_SECRET}: no 64-hex customer_salt")))?;
    Ok(salt.to_ascii_lowercase())
}

/// Makes `salt` the policy's customer salt; the one it replaces (and every former one)
/// stays a former salt, so records hashed under them still match. Whether it changed.
pub fn adopt_salt(policy: &mut Policy, salt: &str) -> bool {
    if policy.customer_salt == salt {
        return false;
    }
    let old = policy.clone();
    policy.customer_salt = salt.to_owned();
    policy.former_salts.retain(|s| s != salt);
    policy.keep_salts_of(&old);
    true
}

/// The spend a logged recovery shares with the chain (`new_edits: false`, its revision
/// named by its content, so resending it changes nothing); `None` for practice, a
/// recovery without a customer reference, or one the server's validate function would
/// refuse (a hash that is not the 32 hex digits `hash_reference` makes: an older or
/// imported record; a cost that cannot be added up or is below zero), so that a spend
/// never holds back the records beside it.
pub fn spend_doc(store: &str, r: &RecoveryRecord, policy: &Policy) -> Option<Value> {
    let customer = (r.customer_hash.as_deref())
        .filter(|h| !r.practice && h.len() == 32)
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })?;
    let cost = counted_record(r, policy).ok().filter(|c| c.minor >= 0)?;
    let mut doc = json!({
        "_id": format!("spend:{store}:{}", r.id),
        "type": "spend",
        "store": store,
        "customer": customer,
        "at_ms": r.opened_ms,
        "cost": { "minor": cost.minor, "currency": cost.currency.code() },
    });
    let hash = super::content_hash(None, &doc.to_string());
    doc["_rev"] = format!("1-{hash}").into();
    doc["_revisions"] = json!({ "start": 1, "ids": [hash] });
    Some(doc)
}

/// One store's spend on a customer, as the `by_customer` view gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spend {
    /// The document id, `spend:<store>:<record id>`.
    pub id: String,
    pub store: String,
    pub at_ms: i64,
    pub cost: Money,
}

/// `GET amends-customers/_design/amends/_view/by_customer?startkey=[hash, from]&endkey=[hash, {}]`.
pub fn spends_query(customer: &str, from_ms: i64) -> String {
    format!(
        "{CUSTOMERS_DB}/_design/amends/_view/by_customer?startkey=%5B%22{customer}%22,{from_ms}%5D&endkey=%5B%22{customer}%22,%7B%7D%5D"
    )
}

/// The view's rows. A row this version cannot read fails the whole answer: the screen then
/// says other stores were not checked, rather than counting less than was given.
pub fn parse_spends(text: &str) -> Result<Vec<Spend>, SyncError> {
    let bad = |why: &str| SyncError::Unexpected(format!("by_customer: {why}"));
    let v: Value = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    let rows = v
        .get("rows")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no rows"))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
        let value = row.get("value");
        // Read by hand: a `from_value` reader for `Money` would cost the wasm KBs.
        let cost = value.and_then(|v| v.get("cost"));
        let minor = cost.and_then(|c| c.get("minor")).and_then(Value::as_i64);
        let currency = text(cost.and_then(|c| c.get("currency"))).and_then(|c| c.parse().ok());
        let at_ms = row
            .get("key")
            .and_then(|k| k.get(1))
            .and_then(Value::as_i64);
        let store = text(value.and_then(|v| v.get("store")));
        match (text(row.get("id")), store, at_ms, minor, currency) {
            (Some(id), Some(store), Some(at_ms), Some(minor), Some(currency)) => out.push(Spend {
                id,
                store,
                at_ms,
                cost: Money::new(minor, currency),
            }),
            _ => return Err(bad(&row.to_string())),
        }
    }
    Ok(out)
}

/// Adds other stores' spends to `state` (built from this device's records): each one in
/// the customer window is an earlier failure, and its cost counts against the limit per
/// customer in the policy's currency (another accepted one converted at the manager's
/// rate; any other currency counts as a failure only, as a local record does). This
/// store's spends and a spend listed twice are skipped: counted once.
pub fn count_other_stores(
    state: &mut BudgetState,
    spends: &[Spend],
    policy: &Policy,
    own_store: &str,
    now_ms: i64,
) -> Result<(), MoneyError> {
    let from = now_ms - i64::from(policy.settings.customer_window_days) * DAY_MS;
    for (i, s) in spends.iter().enumerate() {
        let twice = spends[..i].iter().any(|o| o.id == s.id);
        if s.store == own_store || s.at_ms < from || twice {
            continue;
        }
        state.customer_prior_failures = state.customer_prior_failures.saturating_add(1);
        let cost = match policy.accepted(s.cost.currency) {
            _ if s.cost.currency == policy.currency => s.cost,
            Some(a) => a.convert(s.cost, policy.currency)?,
            None => continue,
        };
        state.customer_received = state.customer_received.checked_add(cost)?;
    }
    Ok(())
}

/// Erasure: the `_all_docs` body asking for the spends of `record_ids` of `store`.
pub fn spend_keys(store: &str, record_ids: &[String]) -> Value {
    let keys: Vec<String> = (record_ids.iter())
        .map(|id| format!("spend:{store}:{id}"))
        .collect();
    json!({ "keys": keys })
}

/// Erasure: from the `_all_docs?keys` answer, a `_bulk_docs` body deleting every spend found
/// (none found: `None`). Missing or already deleted ones are skipped.
pub fn spend_tombstones(all_docs: &str) -> Result<Option<Value>, SyncError> {
    let v: Value = serde_json::from_str(all_docs)
        .map_err(|e| SyncError::Unexpected(format!("_all_docs: {e}")))?;
    let rows = (v.get("rows").and_then(Value::as_array))
        .ok_or_else(|| SyncError::Unexpected("_all_docs: no rows".into()))?;
    let docs: Vec<Value> = rows
        .iter()
        .filter_map(|r| {
            let value = r.get("value").filter(|v| v.get("deleted").is_none())?;
            let rev = value.get("rev")?.as_str()?;
            Some(json!({ "_id": r.get("id")?.as_str()?, "_rev": rev, "_deleted": true }))
        })
        .collect();
    Ok((!docs.is_empty()).then(|| json!({ "docs": docs })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::{hash_reference, CustomerKeys};
    use crate::money::Currency;
    use crate::policy::AcceptedCurrency;
    use crate::record::tests::sample;

    const NOW: i64 = 1_700_000_600_000;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::USD)
    }

    fn spend(store: &str, id: &str, at_ms: i64, cost: Money) -> Spend {
        Spend {
            id: format!("spend:{store}:{id}"),
            store: store.into(),
            at_ms,
            cost,
        }
    }

    #[test]
    fn the_chain_salt_is_64_hex_digits_or_refused() {
        let salt = "AB".repeat(32);
        let doc = json!({ "type": "secret", "customer_salt": salt });
        assert_eq!(chain_salt(&doc), Ok("ab".repeat(32)));
        for bad in [
            json!({ "type": "secret", "customer_salt": "abc" }),
            json!({ "type": "secret", "customer_salt": "zz".repeat(32) }),
            json!({ "type": "policy", "customer_salt": "ab".repeat(32) }),
            json!({ "type": "secret", "customer_salt": 7 }),
            json!(null),
        ] {
            assert!(chain_salt(&bad).is_err(), "{bad}");
        }
    }

    // Issue 14: a second failure at another store was a stranger, each device hashing with
    // its own salt. Adopting the chain's keeps the device's own as a former salt.
    #[test]
    fn adopting_the_chain_salt_keeps_the_devices_salts_as_former_ones() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.customer_salt = "11".repeat(32);
        p.former_salts = vec!["00".repeat(32)];
        let here = hash_reference(&p.customer_salt, "ana@example.com").unwrap();
        let chain = "cc".repeat(32);
        assert!(adopt_salt(&mut p, &chain));
        assert_eq!(p.customer_salt, chain);
        assert_eq!(p.former_salts, ["00".repeat(32), "11".repeat(32)]);
        assert!(p.validate().is_ok());
        // The same again changes nothing.
        let before = p.clone();
        assert!(!adopt_salt(&mut p, &chain));
        assert_eq!(p, before);
        // Records hashed here before still match; and two devices that adopted the chain
        // salt hash the same reference alike.
        let keys = CustomerKeys::hash(
            &p.customer_salt,
            p.former_salts.iter().map(String::as_str),
            "Ana@Example.com",
        )
        .unwrap();
        assert!(keys.matches(&here));
        let mut other = Policy::conservative_retail(Currency::USD);
        other.customer_salt = "22".repeat(32);
        adopt_salt(&mut other, &chain);
        let theirs = hash_reference(&other.customer_salt, "ana@example.com").unwrap();
        assert_eq!(keys.current(), Some(theirs.as_str()));
        // A salt that was a former one comes back as the current one, not twice.
        let mut back = p.clone();
        adopt_salt(&mut back, &"11".repeat(32));
        assert_eq!(back.former_salts, ["00".repeat(32), "cc".repeat(32)]);
    }

    #[test]
    fn a_spend_document_carries_the_hash_date_and_counted_cost_never_the_name() {
        let p = Policy::conservative_retail(Currency::USD);
        let mut r = sample("r1");
        // Regression: a record whose hash is not one `hash_reference` makes (the 10,000
        // generated ones: "c1f") sent a spend the server refused, holding back every record.
        assert_eq!(spend_doc("store-5", &r, &p), None, "hash ab12");
        r.customer_hash = Some("ab12".repeat(8));
        r.customer_name = Some("Ana".into());
        let d = spend_doc("store-5", &r, &p).unwrap();
        assert_eq!(d["_id"], "spend:store-5:r1");
        assert_eq!(
            (d["type"].as_str(), d["store"].as_str()),
            (Some("spend"), Some("store-5"))
        );
        assert_eq!(d["customer"], "ab12".repeat(8));
        assert_eq!(d["at_ms"], r.opened_ms);
        assert_eq!(d["cost"], json!({ "minor": 2994, "currency": "USD" }));
        assert!(!d.to_string().contains("Ana"));
        assert_eq!(
            d,
            spend_doc("store-5", &r, &p).unwrap(),
            "the same revision each time"
        );
        assert!(d["_rev"].as_str().unwrap().starts_with("1-"));
        r.practice = true;
        assert_eq!(spend_doc("store-5", &r, &p), None);
        r.practice = false;
        r.customer_hash = None;
        assert_eq!(spend_doc("store-5", &r, &p), None);
    }

    #[test]
    fn erasure_deletes_the_spends_found_and_skips_the_rest() {
        assert_eq!(
            spend_keys("store-6", &["r1".into(), "r2".into()]),
            json!({ "keys": ["spend:store-6:r1", "spend:store-6:r2"] })
        );
        let answer = r#"{"total_rows":3,"rows":[
            {"id":"spend:store-6:r1","key":"spend:store-6:r1","value":{"rev":"1-a"}},
            {"key":"spend:store-6:r2","error":"not_found"},
            {"id":"spend:store-6:r3","key":"spend:store-6:r3","value":{"rev":"2-b","deleted":true}}]}"#;
        assert_eq!(
            spend_tombstones(answer),
            Ok(Some(
                json!({ "docs": [{ "_id": "spend:store-6:r1", "_rev": "1-a", "_deleted": true }] })
            ))
        );
        assert_eq!(spend_tombstones(r#"{"rows":[]}"#), Ok(None));
        assert!(spend_tombstones("[]").is_err());
    }

    #[test]
    fn the_view_is_read_or_refused_whole() {
        let text = r#"{"total_rows":2,"offset":0,"rows":[
            {"id":"spend:store-5:r1","key":["ab",1700000000000],"value":{"store":"store-5","cost":{"minor":1500,"currency":"EUR"}}}]}"#;
        let spends = parse_spends(text).unwrap();
        assert_eq!(
            spends,
            [Spend {
                id: "spend:store-5:r1".into(),
                store: "store-5".into(),
                at_ms: 1_700_000_000_000,
                cost: Money::new(1500, Currency::EUR),
            }]
        );
        let bad = r#"{"rows":[{"id":"x","key":["ab","then"],"value":{"store":"s","cost":{"minor":1,"currency":"EUR"}}}]}"#;
        assert!(parse_spends(bad).is_err());
        assert!(parse_spends(r#"{"rows":[{"id":"x","key":["ab",1],"value":{"store":"s","cost":{"minor":1.5,"currency":"EUR"}}}]}"#).is_err());
        assert!(parse_spends("<html>").is_err());
        assert_eq!(
            spends_query("ab", 5),
            "amends-customers/_design/amends/_view/by_customer?startkey=%5B%22ab%22,5%5D&endkey=%5B%22ab%22,%7B%7D%5D"
        );
    }

    // Issue 14: the per-customer budget window counts every store.
    #[test]
    fn other_stores_spends_count_once_in_the_window_per_currency() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.accepted_currencies = vec![AcceptedCurrency {
            currency: Currency::EUR,
            rate_millionths: 1_500_000,
            set_on: "2023-11-01".into(),
        }];
        let mut local = sample("here");
        local.customer_hash = Some(hash_reference("s", "ana@example.com").unwrap());
        let ana = CustomerKeys::hash("s", [], "ana@example.com").unwrap();
        let mut st = BudgetState::from_records([&local], &p, "Sam", &ana, NOW, "").unwrap();
        assert_eq!(
            (st.customer_prior_failures, st.customer_received),
            (1, usd(2994))
        );
        let window = i64::from(p.settings.customer_window_days) * DAY_MS;
        let spends = [
            // This store's own (already counted from the record): skipped.
            spend("store-6", "here", NOW - 1000, usd(2994)),
            spend("store-5", "a", NOW - 1000, usd(1500)),
            // Listed twice (two hashes of one customer): once.
            spend("store-5", "a", NOW - 1000, usd(1500)),
            // Another accepted currency, converted: 10.00 EUR at 1.5 = 15.00 USD.
            spend(
                "store-7",
                "b",
                NOW - window,
                Money::new(1000, Currency::EUR),
            ),
            // A currency the policy does not accept: a failure, no money.
            spend("store-7", "c", NOW - 2000, Money::new(500, Currency::GBP)),
            // Before the window: nothing.
            spend("store-5", "old", NOW - window - 1, usd(99_999)),
        ];
        count_other_stores(&mut st, &spends, &p, "store-6", NOW).unwrap();
        assert_eq!(st.customer_prior_failures, 1 + 3);
        assert_eq!(st.customer_received, usd(2994 + 1500 + 1500));
        // Overflow is an error, never a smaller figure.
        let huge = [spend("store-5", "h", NOW, usd(1))];
        let mut full = st;
        full.customer_received = usd(i64::MAX);
        assert!(count_other_stores(&mut full, &huge, &p, "store-6", NOW).is_err());
    }
}
