//! Approval from anywhere: a tablet's request for approval as a document of its store
//! (`<store>:approval:<requested at>-<nonce>`, type `approval-request`), the decision a
//! manager's device adds to it as an edit of its revision, and what a decision covers: only
//! the request's exact reference, amount, currency, lines and practice setting, and only
//! for [`EXPIRES_MS`] after it was asked. The store's validate function lets any account of
//! the store ask and only a manager's login decide, under its own name, once.

use serde::Serialize;
use serde_json::{json, Value};

use super::doc::value_of;
use super::Rev;
use crate::incident::{Category, FailureType};
use crate::money::Money;
use crate::remedy::{RemedyKind, RemedyLine};

/// A request nobody decided within this long has expired; a decision made later is ignored.
pub const EXPIRES_MS: i64 = 30 * 60_000;

/// What a tablet asks a manager to approve, with the context the manager decides on.
/// Read back by hand ([`parse_approval`]): a derived reader cost the chain build 3 KB.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApprovalRequest {
    /// The recovery's short reference (`approval::reference`).
    pub reference: String,
    pub category: Category,
    pub failure: FailureType,
    /// What the customer lost.
    pub loss: Money,
    /// The cost to the business of the lines asked for.
    pub amount: Money,
    pub lines: Vec<RemedyLine>,
    pub practice: bool,
    /// Why it is above the limit, in the words of the device that asked.
    pub why: String,
    pub requested_by: String,
    pub requested_at_ms: i64,
}

/// A manager's answer: `by` is the login that decided (the server checks it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApprovalDecision {
    pub approved: bool,
    pub by: String,
    pub at_ms: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A request as the store holds it: its document id and revision, and its decision if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteApproval {
    pub id: String,
    pub rev: Rev,
    pub request: ApprovalRequest,
    pub decision: Option<ApprovalDecision>,
}

/// Where a request stands at a given time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing<'a> {
    Pending,
    Expired,
    Approved(&'a ApprovalDecision),
    Declined(&'a ApprovalDecision),
}

/// The id of a new request: sorted by when it was asked, so a device reads the recent ones
/// with one `_all_docs` range ([`recent_query`]).
pub fn approval_id(store: &str, requested_at_ms: i64, nonce: &str) -> String {
    format!("{store}:approval:{:013}-{nonce}", requested_at_ms.max(0))
}

/// The `_all_docs` query for the requests asked in the last [`EXPIRES_MS`] before `now_ms`.
pub fn recent_query(store: &str, now_ms: i64) -> String {
    let from = approval_id(store, now_ms - EXPIRES_MS, "");
    let to = format!("{store}:approval:\u{fff0}");
    let enc = |s: &str| {
        let mut out = String::from("%22");
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out + "%22"
    };
    format!(
        "_all_docs?include_docs=true&startkey={}&endkey={}",
        enc(&from),
        enc(&to)
    )
}

/// The request's document, to `PUT` at its id.
pub fn request_doc(store: &str, id: &str, request: &ApprovalRequest) -> Value {
    json!({
        "_id": id,
        "type": "approval-request",
        "store": store,
        "request": value_of(&serde_json::to_string(request).unwrap_or_default()),
    })
}

/// The request's document with `decision` added, as an edit of the revision read.
pub fn decision_doc(store: &str, a: &RemoteApproval, decision: &ApprovalDecision) -> Value {
    let mut doc = request_doc(store, &a.id, &a.request);
    doc["_rev"] = a.rev.to_string().into();
    doc["decision"] = value_of(&serde_json::to_string(decision).unwrap_or_default());
    doc
}

/// Reads a request document of `store`; the error says why it cannot be read.
pub fn parse_approval(store: &str, doc: &Value) -> Result<RemoteApproval, String> {
    let id = doc.get("_id").and_then(Value::as_str).unwrap_or_default();
    if doc.get("store").and_then(Value::as_str) != Some(store)
        || !id.starts_with(&format!("{store}:approval:"))
    {
        return Err(format!(
            "a request for approval of another store in {store}'s database"
        ));
    }
    let rev = Rev::of(doc.get("_rev").unwrap_or(&Value::Null)).map_err(|e| e.to_string())?;
    let request = doc
        .get("request")
        .and_then(read_request)
        .ok_or("a request for approval this version cannot read")?;
    let decision = match doc.get("decision").filter(|d| !d.is_null()) {
        Some(d) => Some(read_decision(d).ok_or("a decision this version cannot read")?),
        None => None,
    };
    Ok(RemoteApproval {
        id: id.to_owned(),
        rev,
        request,
        decision,
    })
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_owned)
}

fn money(v: &Value) -> Option<Money> {
    Some(Money::new(
        v.get("minor")?.as_i64()?,
        v.get("currency")?.as_str()?.parse().ok()?,
    ))
}

fn read_request(v: &Value) -> Option<ApprovalRequest> {
    let lines = (v.get("lines")?.as_array()?.iter())
        .map(|l| {
            Some(RemedyLine {
                kind: RemedyKind::from_slug(l.get("kind")?.as_str()?)?,
                face: money(l.get("face")?)?,
                cost: money(l.get("cost")?)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ApprovalRequest {
        reference: text(v, "reference")?,
        category: Category::from_slug(v.get("category")?.as_str()?)?,
        failure: FailureType::from_slug(v.get("failure")?.as_str()?)?,
        loss: money(v.get("loss")?)?,
        amount: money(v.get("amount")?)?,
        lines,
        practice: v.get("practice")?.as_bool()?,
        why: text(v, "why")?,
        requested_by: text(v, "requested_by")?,
        requested_at_ms: v.get("requested_at_ms")?.as_i64()?,
    })
}

fn read_decision(v: &Value) -> Option<ApprovalDecision> {
    Some(ApprovalDecision {
        approved: v.get("approved")?.as_bool()?,
        by: text(v, "by")?,
        at_ms: v.get("at_ms")?.as_i64()?,
        reason: match v.get("reason") {
            None | Some(Value::Null) => None,
            Some(r) => Some(r.as_str()?.to_owned()),
        },
    })
}

impl RemoteApproval {
    /// Pending until decided or [`EXPIRES_MS`] after it was asked; a decision made after
    /// that counts as none.
    pub fn standing(&self, now_ms: i64) -> Standing<'_> {
        let deadline = self.request.requested_at_ms + EXPIRES_MS;
        match &self.decision {
            Some(d) if d.at_ms > deadline => Standing::Expired,
            Some(d) if d.approved => Standing::Approved(d),
            Some(d) => Standing::Declined(d),
            None if now_ms > deadline => Standing::Expired,
            None => Standing::Pending,
        }
    }
}

impl ApprovalRequest {
    /// Whether this request is for exactly this recovery and bundle: the same reference,
    /// amount and currency, the same lines in the same order, the same practice setting
    /// (what `authority::Covered` checks for an approval given on the device).
    pub fn covers(
        &self,
        reference: &str,
        amount: Money,
        lines: &[RemedyLine],
        practice: bool,
    ) -> bool {
        !self.lines.is_empty()
            && self.reference == reference
            && self.amount == amount
            && self.lines == lines
            && self.practice == practice
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::money::Currency;

    const T: i64 = 1_795_801_746_000;

    fn line(minor: i64, currency: Currency) -> RemedyLine {
        let m = Money::new(minor, currency);
        RemedyLine {
            kind: RemedyKind::StoreCredit,
            face: m,
            cost: m,
        }
    }

    pub(crate) fn request() -> ApprovalRequest {
        ApprovalRequest {
            reference: "K7QF-2M".into(),
            category: Category::ALL[0],
            failure: FailureType::ALL[0],
            loss: Money::new(15_000, Currency::EUR),
            amount: Money::new(12_000, Currency::EUR),
            lines: vec![line(12_000, Currency::EUR)],
            practice: false,
            why: "Above Associate's limit per incident".into(),
            requested_by: "Sam".into(),
            requested_at_ms: T,
        }
    }

    #[test]
    fn a_request_round_trips_through_its_document_and_a_decision_edits_it() {
        let id = approval_id("s1", T, "ab12");
        assert_eq!(id, "s1:approval:1795801746000-ab12");
        let mut doc = request_doc("s1", &id, &request());
        assert_eq!(
            (doc["type"].as_str(), doc["store"].as_str()),
            (Some("approval-request"), Some("s1"))
        );
        assert_eq!(doc["request"]["amount"]["minor"], 12_000);
        assert_eq!(doc["request"]["amount"]["currency"], "EUR");
        assert!(doc.get("decision").is_none() && doc.get("_rev").is_none());
        doc["_rev"] = json!("1-a");
        let a = parse_approval("s1", &doc).unwrap();
        assert_eq!((a.id.as_str(), a.request.clone()), (id.as_str(), request()));
        assert_eq!(a.decision, None);
        assert_eq!(a.standing(T + 60_000), Standing::Pending);

        let d = ApprovalDecision {
            approved: false,
            by: "store-1-manager".into(),
            at_ms: T + 60_000,
            reason: Some("Offer a replacement".into()),
        };
        let edited = decision_doc("s1", &a, &d);
        assert_eq!(edited["_rev"], "1-a", "an edit of the revision read");
        assert_eq!(
            edited["request"], doc["request"],
            "what was asked is unchanged"
        );
        assert_eq!(edited["decision"]["approved"], false);
        assert_eq!(edited["decision"]["by"], "store-1-manager");
        let mut stored = edited.clone();
        stored["_rev"] = json!("2-b");
        let b = parse_approval("s1", &stored).unwrap();
        assert_eq!(b.decision.as_ref(), Some(&d));
        assert_eq!(b.standing(T + 120_000), Standing::Declined(&d));
        let approved = ApprovalDecision {
            approved: true,
            reason: None,
            ..d.clone()
        };
        let c = RemoteApproval {
            decision: Some(approved.clone()),
            ..b
        };
        assert_eq!(c.standing(T), Standing::Approved(&approved));
        assert!(decision_doc("s1", &c, &approved)["decision"]
            .get("reason")
            .is_none());
    }

    #[test]
    fn unreadable_or_foreign_requests_are_errors_never_panics() {
        let id = approval_id("s1", T, "x");
        let mut doc = request_doc("s1", &id, &request());
        doc["_rev"] = json!("1-a");
        let mut foreign = doc.clone();
        foreign["store"] = json!("s2");
        assert!(parse_approval("s1", &foreign)
            .unwrap_err()
            .contains("another store"));
        let mut misnamed = doc.clone();
        misnamed["_id"] = json!("s1:r1");
        assert!(parse_approval("s1", &misnamed).is_err());
        let mut no_amount = doc.clone();
        no_amount["request"]["amount"] = json!("lots");
        assert!(parse_approval("s1", &no_amount)
            .unwrap_err()
            .contains("cannot read"));
        let mut bad_decision = doc.clone();
        bad_decision["decision"] = json!({ "approved": "yes" });
        assert!(parse_approval("s1", &bad_decision).is_err());
        let mut no_rev = doc.clone();
        no_rev["_rev"] = json!(7);
        assert!(parse_approval("s1", &no_rev).is_err());
        assert!(parse_approval("s1", &json!(null)).is_err());
    }

    #[test]
    fn a_request_expires_and_a_late_decision_counts_as_none() {
        let doc = {
            let mut d = request_doc("s1", &approval_id("s1", T, "x"), &request());
            d["_rev"] = json!("1-a");
            d
        };
        let a = parse_approval("s1", &doc).unwrap();
        assert_eq!(a.standing(T + EXPIRES_MS), Standing::Pending);
        assert_eq!(a.standing(T + EXPIRES_MS + 1), Standing::Expired);
        let late = RemoteApproval {
            decision: Some(ApprovalDecision {
                approved: true,
                by: "m".into(),
                at_ms: T + EXPIRES_MS + 1,
                reason: None,
            }),
            ..a
        };
        assert_eq!(late.standing(T + EXPIRES_MS + 2), Standing::Expired);
        // The range read covers what was asked in the window and nothing before it.
        let q = recent_query("s1", T);
        let from = approval_id("s1", T - EXPIRES_MS, "");
        assert!(q.contains(&from.replace(':', "%3A")), "{q}");
        assert!(q.ends_with("%3Aapproval%3A%EF%BF%B0%22"), "{q}");
        assert!(approval_id("s1", T - EXPIRES_MS - 1, "z") < from);
        assert!(approval_id("s1", T, "a") > from);
    }

    #[test]
    fn a_decision_covers_only_the_exact_reference_amount_currency_and_lines() {
        let r = request();
        let lines = [line(12_000, Currency::EUR)];
        let amount = Money::new(12_000, Currency::EUR);
        assert!(r.covers("K7QF-2M", amount, &lines, false));
        assert!(
            !r.covers("K7QF-2N", amount, &lines, false),
            "another recovery"
        );
        assert!(
            !r.covers("K7QF-2M", Money::new(12_001, Currency::EUR), &lines, false),
            "amount edited"
        );
        assert!(
            !r.covers(
                "K7QF-2M",
                Money::new(12_000, Currency::USD),
                &[line(12_000, Currency::USD)],
                false
            ),
            "another currency"
        );
        let swapped = [RemedyLine {
            kind: RemedyKind::DiscountNext,
            ..lines[0]
        }];
        assert_ne!(swapped[0].kind, lines[0].kind);
        assert!(
            !r.covers("K7QF-2M", amount, &swapped, false),
            "remedy swapped"
        );
        assert!(!r.covers("K7QF-2M", amount, &lines, true), "practice");
        let empty = ApprovalRequest {
            lines: vec![],
            ..r.clone()
        };
        assert!(!empty.covers("K7QF-2M", amount, &[], false));
    }
}
