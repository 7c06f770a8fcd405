//! The domain's sync protocol (amends_domain::sync) against a real CouchDB-speaking server
//! (pouchdb-server, set up by `couch-setup`): devices push with `_revs_diff` and
//! `_bulk_docs`, pull `_changes` from checkpoints in `_local` documents, settle a conflict
//! by the stated rule, and merge the chain's and the store's policies. The app's
//! `services::sync` sends the same bodies over `fetch`.

use std::collections::BTreeMap;
use std::time::Instant;

use amends_domain::record::Outcome;
use amends_domain::sync::{
    self, audit_doc, changes_query, checkpoint_doc, content_hash, parse_bulk_docs, parse_changes,
    parse_checkpoint, parse_doc, parse_open_revs, parse_updates, policy_doc, replication_id,
    resolve, resume_from, update_doc, Incoming, Leaf, PushPlan, RawDoc, Refused, Rev, Tracked,
    Written, CHAIN_POLICY, STORE_POLICY,
};
use amends_domain::{AuditEntry, Currency, Event, Money, Policy, RecoveryRecord};
use axum::http::Method;
use serde_json::{json, Value};

use super::{setup, store_db, Couch, Report, HEAD_OFFICE_ACCOUNT, POLICY_DB};
use crate::pouch::PouchServer;

const STORE: &str = "store-1";

fn login(admin: &Couch, report: &Report, name: &str) -> Couch {
    let (_, password) = report
        .new_accounts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("setup made no account {name}"));
    admin.as_user(name, password)
}

fn post(who: &Couch, path: &str, body: &Value) -> super::Answer {
    who.request(Method::POST, path, Some(body)).unwrap()
}

/// A tablet: its records with their sync state, what it kept raw, its audit, its checkpoint.
struct Device {
    id: &'static str,
    couch: Couch,
    db: String,
    records: BTreeMap<String, (RecoveryRecord, Tracked)>,
    raw: Vec<RawDoc>,
    audit: Vec<AuditEntry>,
    /// Audit entries not yet on the server.
    audit_out: Vec<AuditEntry>,
    checkpoint: Option<Value>,
}

#[derive(Debug, Default)]
struct Pull {
    changes: usize,
    records: usize,
    raw: usize,
    conflicts: usize,
    /// Refusals while closing losing branches (a store account may not delete).
    prune_refused: Vec<Refused>,
    /// Documents erased on the server, and who erased them (the tombstone's `erased_by`).
    erased: Vec<(String, Option<String>)>,
}

impl Device {
    fn new(id: &'static str, couch: Couch) -> Device {
        Device {
            id,
            couch,
            db: store_db(STORE),
            records: BTreeMap::new(),
            raw: Vec::new(),
            audit: Vec::new(),
            audit_out: Vec::new(),
            checkpoint: None,
        }
    }

    /// Logs or changes a record on the device (a new revision of it).
    fn record(&mut self, r: RecoveryRecord) {
        let prev = self.records.get(&r.id).map(|(_, t)| t.clone());
        let hash = content_hash(prev.as_ref().map(|t| &t.rev), &r.to_json());
        let tracked = Tracked::edited(prev.as_ref(), hash);
        self.records.insert(r.id.clone(), (r, tracked));
    }

    fn unpushed(&self) -> usize {
        self.records.values().filter(|(_, t)| !t.pushed).count()
    }

    /// Pushes in batches of 500; returns how many documents went and what was refused.
    fn push(&mut self) -> (usize, Vec<Refused>) {
        let mut sent = 0;
        let mut refused = Vec::new();
        let ids: Vec<String> = (self.records.iter())
            .filter(|(_, (_, t))| !t.pushed)
            .map(|(id, _)| id.clone())
            .collect();
        for chunk in ids.chunks(500) {
            let plan = PushPlan::new(
                STORE,
                chunk.iter().map(|id| {
                    let (r, t) = &self.records[id];
                    (r, t)
                }),
            );
            let diff = post(
                &self.couch,
                &format!("/{}/_revs_diff", self.db),
                &plan.revs_diff_body(),
            );
            assert_eq!(diff.status, 200, "{}", diff.body);
            let (body, sending) = plan.bulk_docs_body(&diff.body.to_string()).unwrap();
            let (updates, updating) = plan.updates_body(&diff.body.to_string()).unwrap();
            let mut no = Vec::new();
            if !sending.is_empty() {
                let answer = post(&self.couch, &format!("/{}/_bulk_docs", self.db), &body);
                assert_eq!(answer.status, 201, "{}", answer.body);
                no = parse_bulk_docs(&answer.body.to_string()).unwrap();
                sent += sending.len() - no.len();
            }
            for id in chunk {
                let doc = sync::doc_id(STORE, id);
                let updated = updating.contains(&doc);
                if !updated && !no.iter().any(|r| r.id == doc) {
                    if let Some((_, t)) = self.records.get_mut(id) {
                        t.mark_pushed();
                    }
                }
            }
            refused.extend(no);
            if updating.is_empty() {
                continue;
            }
            let answer = post(&self.couch, &format!("/{}/_bulk_docs", self.db), &updates);
            assert_eq!(answer.status, 201, "{}", answer.body);
            for written in parse_updates(&answer.body.to_string()).unwrap() {
                match written {
                    Written::Saved { id, rev } => {
                        self.take_rev(&id, rev);
                        sent += 1;
                    }
                    Written::Conflict { id } => {
                        self.settle_write_conflict(&id);
                        sent += 1;
                    }
                    Written::Refused(r) => refused.push(r),
                }
            }
        }
        if !self.audit_out.is_empty() {
            let docs: Vec<Value> = self.audit_out.iter().map(|e| audit_doc(STORE, e)).collect();
            let body = json!({ "new_edits": false, "docs": docs });
            let answer = post(&self.couch, &format!("/{}/_bulk_docs", self.db), &body);
            assert_eq!(answer.status, 201, "{}", answer.body);
            assert_eq!(parse_bulk_docs(&answer.body.to_string()).unwrap(), []);
            self.audit_out.clear();
        }
        (sent, refused)
    }

    fn take_rev(&mut self, doc_id: &str, rev: Rev) {
        let id = sync::record_id(STORE, doc_id).unwrap();
        if let Some((_, t)) = self.records.get_mut(id) {
            *t = Tracked::pulled(rev);
        }
    }

    /// Another device changed the record first: the rule decides before anything is
    /// written; the loser is audited (here and, pushed, on the server).
    fn settle_write_conflict(&mut self, doc_id: &str) {
        let id = sync::record_id(STORE, doc_id).unwrap().to_owned();
        let answer = self.couch.get(&format!("/{}/{doc_id}", self.db)).unwrap();
        if answer.status == 404 {
            // Erased on the server meanwhile: erasure wins; the next pull removes it here.
            return;
        }
        let theirs = parse_doc(doc_id, &answer.body.to_string()).unwrap();
        let (record, tracked) = self.records[&id].clone();
        let mine = Leaf {
            rev: tracked.rev.clone(),
            record,
        };
        let settled = resolve(doc_id, vec![mine.clone(), theirs.clone()]).unwrap();
        self.note(settled.audit(1_000_000, "sync"));
        if settled.keep == mine {
            let doc = update_doc(STORE, &mine.record, &theirs.rev);
            let saved = self
                .couch
                .put(&format!("/{}/{doc_id}", self.db), &doc)
                .unwrap();
            assert_eq!(saved.status, 201, "{}", saved.body);
            self.take_rev(
                doc_id,
                Rev::parse(saved.body["rev"].as_str().unwrap()).unwrap(),
            );
        } else {
            self.records
                .insert(id, (theirs.record, Tracked::pulled(theirs.rev)));
        }
    }

    fn note(&mut self, entries: Vec<AuditEntry>) {
        for entry in entries {
            if !self.audit.contains(&entry) {
                self.audit.push(entry.clone());
                self.audit_out.push(entry);
            }
        }
    }

    fn checkpoint_path(&self) -> String {
        format!("/{}/_local/{}", self.db, replication_id(self.id, &self.db))
    }

    fn remote_checkpoint(&self) -> (Option<Value>, Option<String>) {
        let found = self.couch.get(&self.checkpoint_path()).unwrap();
        match found.status {
            200 => {
                let (seq, rev) = parse_checkpoint(&found.body.to_string()).unwrap();
                (Some(seq), rev)
            }
            404 => (None, None),
            s => panic!("checkpoint: {s} {}", found.body),
        }
    }

    /// Pulls every change since the checkpoint (batches of `limit`), settles conflicts.
    fn pull(&mut self, limit: u32) -> Pull {
        let mut stats = Pull::default();
        let (remote, mut rev) = self.remote_checkpoint();
        let mut since = resume_from(self.checkpoint.as_ref(), remote.as_ref());
        let mut conflicted = Vec::new();
        loop {
            let path = format!("/{}/_changes?{}", self.db, changes_query(&since, limit));
            let answer = self.couch.get(&path).unwrap();
            assert_eq!(answer.status, 200, "{}", answer.body);
            let pulled = parse_changes(STORE, &answer.body.to_string()).unwrap();
            stats.changes += pulled.incoming.len() + pulled.skipped;
            for incoming in pulled.incoming.iter().cloned() {
                match incoming {
                    Incoming::Recovery {
                        record,
                        rev,
                        conflicts,
                    } => {
                        stats.records += 1;
                        if !conflicts.is_empty() {
                            conflicted.push(sync::doc_id(STORE, &record.id));
                        }
                        let local = self.records.get(&record.id).map(|(_, t)| t);
                        if sync::merge(local, &rev) == sync::Merge::Take {
                            self.records
                                .insert(record.id.clone(), (record, Tracked::pulled(rev)));
                        }
                    }
                    Incoming::Raw(raw) => {
                        stats.raw += 1;
                        self.raw.push(raw);
                    }
                    Incoming::Audit { entry, .. } => {
                        if !self.audit.contains(&entry) {
                            self.audit.push(entry);
                        }
                    }
                    Incoming::Deleted { id, by, .. } => {
                        // Erasure wins, over an edit made here too (as the app does).
                        if let Some(rid) = sync::record_id(STORE, &id) {
                            self.records.remove(rid);
                        }
                        stats.erased.push((id, by));
                    }
                    Incoming::Policy { .. } | Incoming::Approval(_) => {}
                }
            }
            // Saved on both sides once merged (here: in memory), as CouchDB's replicator does.
            let saved = self
                .couch
                .put(
                    &self.checkpoint_path(),
                    &checkpoint_doc(&pulled.last_seq, rev.as_deref()),
                )
                .unwrap();
            assert!(matches!(saved.status, 200 | 201), "{}", saved.body);
            rev = saved.body["rev"].as_str().map(str::to_owned);
            self.checkpoint = Some(pulled.last_seq.clone());
            let done = pulled.incoming.len() + pulled.skipped < limit as usize
                || pulled.pending == Some(0);
            since = pulled.last_seq;
            if done {
                break;
            }
        }
        for id in conflicted {
            stats.conflicts += 1;
            let answer = self
                .couch
                .get(&format!("/{}/{id}?open_revs=all", self.db))
                .unwrap();
            assert_eq!(answer.status, 200, "{}", answer.body);
            let leaves = parse_open_revs(&id, &answer.body.to_string()).unwrap();
            let settled = resolve(&id, leaves).unwrap();
            self.note(settled.audit(1_000_000, "sync"));
            let keep = settled.keep.clone();
            self.records.insert(
                keep.record.id.clone(),
                (keep.record, Tracked::pulled(keep.rev)),
            );
            let pruned = post(
                &self.couch,
                &format!("/{}/_bulk_docs", self.db),
                &settled.prune_body(),
            );
            stats
                .prune_refused
                .extend(parse_bulk_docs(&pruned.body.to_string()).unwrap());
        }
        stats
    }
}

fn outcome(at: i64, csat: u8) -> Outcome {
    Outcome {
        recorded_ms: at,
        csat: Some(csat),
        nps: None,
        ces: None,
        resolved: Some(true),
        retained: None,
        note: String::new(),
    }
}

fn records(n: usize, seed: u64) -> Vec<RecoveryRecord> {
    amends_domain::testdata::generate(n, seed)
        .into_iter()
        .map(|mut r| {
            r.outcome = None;
            r
        })
        .collect()
}

#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn two_devices_push_pull_resume_and_settle_a_conflict_by_the_rule() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &[STORE.into()]).unwrap();
    let staff = login(&admin, &report, STORE);
    let mut a = Device::new("tablet-a", staff.clone());
    let mut b = Device::new("tablet-b", staff.clone());

    // Each tablet logs its own records and pushes them.
    for r in records(3, 1) {
        a.record(r);
    }
    for r in records(2, 2) {
        b.record(r);
    }
    assert_eq!(a.push(), (3, vec![]));
    assert_eq!(b.push(), (2, vec![]));
    assert_eq!((a.unpushed(), b.unpushed()), (0, 0));
    // A second push sends nothing: _revs_diff says the server has them.
    a.records.values_mut().for_each(|(_, t)| t.pushed = false);
    assert_eq!(a.push(), (0, vec![]), "_revs_diff: nothing missing");

    // Each pulls the other's.
    let pa = a.pull(100);
    let pb = b.pull(100);
    println!("tablet a pulled {pa:?}; tablet b pulled {pb:?}");
    assert_eq!((a.records.len(), b.records.len()), (5, 5));
    assert_eq!(
        a.records.keys().collect::<Vec<_>>(),
        b.records.keys().collect::<Vec<_>>()
    );
    assert!(a.records.values().all(|(r, _)| b.records[&r.id].0 == *r));

    // Resume from the checkpoint: only what is new comes.
    let new = records(1, 3).remove(0);
    a.record(new.clone());
    assert_eq!(a.push().0, 1);
    let resumed = b.pull(100);
    assert_eq!(resumed.changes, 1, "{resumed:?}");
    assert_eq!(b.records[&new.id].0, new);
    // A device that lost its data (no local checkpoint) starts from the beginning.
    let mut fresh = Device::new("tablet-b", staff.clone());
    assert_eq!(fresh.pull(2).records, 6, "batches of 2 from the beginning");

    // A record this version cannot read arrives raw, counted, not dropped.
    let mut too_new =
        sync::recovery_doc(STORE, &records(1, 4)[0], &Tracked::edited(None, "f".into()));
    too_new["record"]["schema"] = json!(9);
    let put = admin
        .put(
            &format!("/{}/{}", a.db, too_new["_id"].as_str().unwrap()),
            &{
                let mut d = too_new.clone();
                d.as_object_mut().unwrap().remove("_rev");
                d.as_object_mut().unwrap().remove("_revisions");
                d
            },
        )
        .unwrap();
    assert_eq!(put.status, 201, "{}", put.body);
    let raw = a.pull(100);
    assert_eq!((raw.raw, a.raw.len()), (1, 1), "{raw:?}");
    assert!(a.raw[0].json.contains("\"schema\":9"));

    // The same follow-up recorded on both tablets while apart.
    let id = a.records.keys().next().unwrap().clone();
    let mut on_a = a.records[&id].0.clone();
    on_a.outcome = Some(outcome(1_800_000_000_000, 5));
    let mut on_b = b.records[&id].0.clone();
    on_b.outcome = Some(outcome(1_800_000_060_000, 2));
    a.record(on_a.clone());
    b.record(on_b.clone());
    // B pushes first, A second: A's edit is answered `conflict`, and the rule (not the
    // order) keeps A's outcome, recorded first; B's is audited on A and on the server.
    assert_eq!(b.push(), (1, vec![]));
    assert_eq!(a.push(), (1, vec![]));
    let doc = format!("/{}/{}?conflicts=true", a.db, sync::doc_id(STORE, &id));
    let server_doc = staff.get(&doc).unwrap().body;
    assert!(server_doc.get("_conflicts").is_none(), "{server_doc}");
    assert_eq!(
        server_doc["record"]["outcome"]["recorded_ms"],
        json!(1_800_000_000_000_i64)
    );
    assert_eq!(a.audit.len(), 1);
    let Event::SyncConflict { outcome: lost, .. } = &a.audit[0].event else {
        panic!("{:?}", a.audit)
    };
    assert!(
        lost.contains("1800000060000"),
        "the dropped outcome is kept: {lost}"
    );
    // B pulls: A's outcome replaces its own, and the audit entry arrives with it.
    b.pull(100);
    assert_eq!(b.records[&id].0.outcome, on_a.outcome);
    assert_eq!(b.audit, a.audit);
    // Had B been second, the same outcome wins: B's edit of A's revision loses by the rule.
    let mut late = b.records[&id].0.clone();
    late.outcome = Some(outcome(1_800_000_090_000, 1));
    let mut stale = a.records[&id].clone();
    stale.0 = late;
    stale.1 = Tracked::edited(Some(&a.records[&id].1), "late".into());
    let mut c = Device::new("tablet-c", staff.clone());
    c.pull(100);
    c.records.insert(id.clone(), stale);
    let mut d = Device::new("tablet-d", staff.clone());
    d.pull(100);
    let mut early = d.records[&id].0.clone();
    early.outcome = Some(outcome(1_700_000_000_000, 4));
    d.record(early.clone());
    assert_eq!(d.push().0, 1);
    assert_eq!(c.push().0, 1);
    assert_eq!(c.records[&id].0, early, "C takes D's earlier outcome");
    assert_eq!(
        c.audit.len(),
        2,
        "the first conflict (pulled) and its own: {:?}",
        c.audit
    );
    assert!(
        matches!(&c.audit[1].event, Event::SyncConflict { dropped, .. } if dropped.ends_with("-late")),
        "{:?}",
        c.audit
    );
}

/// Branches made by a replicator (here: `new_edits: false` into a database without a
/// validate function, as admin) are settled from `open_revs` by the same rule, and the
/// losing branch closed.
#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn replicated_branches_are_settled_by_the_same_rule() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    assert_eq!(admin.put("/branches", &json!({})).unwrap().status, 201);
    let mut a = Device::new("a", admin.clone());
    a.db = "branches".into();
    let mut b = Device::new("b", admin.clone());
    b.db = "branches".into();
    a.record(records(1, 5).remove(0));
    a.push();
    b.pull(10);
    let id = a.records.keys().next().unwrap().clone();
    for (device, at) in [(&mut a, 1_800_000_000_000), (&mut b, 1_800_000_000_001)] {
        let mut r = device.records[&id].0.clone();
        r.outcome = Some(outcome(at, 3));
        let prev = device.records[&id].1.clone();
        let t = Tracked::edited(Some(&prev), content_hash(Some(&prev.rev), &r.to_json()));
        let body = json!({ "new_edits": false, "docs": [sync::recovery_doc(STORE, &r, &t)] });
        let answer = post(&admin, "/branches/_bulk_docs", &body);
        assert_eq!(parse_bulk_docs(&answer.body.to_string()).unwrap(), []);
    }
    let path = format!("/branches/{}?conflicts=true", sync::doc_id(STORE, &id));
    let before = admin.get(&path).unwrap().body;
    assert_eq!(
        before["_conflicts"].as_array().map(Vec::len),
        Some(1),
        "{before}"
    );
    let settled = a.pull(10);
    assert_eq!(settled.conflicts, 1, "{settled:?}");
    assert!(settled.prune_refused.is_empty());
    assert_eq!(
        a.records[&id].0.outcome.as_ref().unwrap().recorded_ms,
        1_800_000_000_000
    );
    assert_eq!(a.audit.len(), 1);
    let after = admin.get(&path).unwrap().body;
    assert!(after.get("_conflicts").is_none(), "{after}");
    assert_eq!(
        after["record"]["outcome"]["recorded_ms"],
        json!(1_800_000_000_000_i64)
    );
}

/// A known difference, pinned so that a fixed pouchdb-server is noticed: its validation
/// plugin replaces a document's `_revisions` with the stored one's, so a `new_edits: false`
/// change to an existing document in a database with a validate function is answered `[]`
/// and not applied (CouchDB applies it). Hence changes go as edits of the server's revision.
#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn pouchdb_server_drops_replicated_changes_under_a_validation_function() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    setup(&admin, &[STORE.into()]).unwrap();
    assert_eq!(admin.put("/plain", &json!({})).unwrap().status, 201);
    for (db, applied) in [("plain".to_owned(), true), (store_db(STORE), false)] {
        let r = records(1, 9).remove(0);
        let mut t = Tracked::edited(None, "aaaa".into());
        let first = json!({ "new_edits": false, "docs": [sync::recovery_doc(STORE, &r, &t)] });
        assert_eq!(
            post(&admin, &format!("/{db}/_bulk_docs"), &first).body,
            json!([])
        );
        t.mark_pushed();
        let t2 = Tracked::edited(Some(&t), "bbbb".into());
        let second = json!({ "new_edits": false, "docs": [sync::recovery_doc(STORE, &r, &t2)] });
        assert_eq!(
            post(&admin, &format!("/{db}/_bulk_docs"), &second).body,
            json!([])
        );
        let got = admin
            .get(&format!("/{db}/{}", sync::doc_id(STORE, &r.id)))
            .unwrap();
        let want = if applied { "2-bbbb" } else { "1-aaaa" };
        assert_eq!(got.body["_rev"], want, "{db}");
    }
}

#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn the_chain_policy_and_a_stores_merge_tighter_and_a_store_login_cannot_write_policy() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &[STORE.into()]).unwrap();
    let staff = login(&admin, &report, STORE);
    let manager = login(&admin, &report, "store-1-manager");
    let head = login(&admin, &report, HEAD_OFFICE_ACCOUNT);
    let db = store_db(STORE);

    let chain = Policy::conservative_retail(Currency::EUR);
    let put = |who: &Couch, db: &str, doc: &Value| {
        who.put(&format!("/{db}/{}", doc["_id"].as_str().unwrap()), doc)
            .unwrap()
    };
    assert_eq!(
        put(&head, POLICY_DB, &policy_doc(CHAIN_POLICY, &chain, None)).status,
        201
    );
    let mut store = chain.clone();
    store.roles[0].per_incident = Money::new(2_000, Currency::EUR);
    store.roles[0].per_shift = Money::new(99_900, Currency::EUR); // looser: ignored
    let refused = put(&staff, &db, &policy_doc(STORE_POLICY, &store, None));
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(
        refused.body["reason"],
        "Only a manager's login can change the store's policy."
    );
    let refused = put(&manager, POLICY_DB, &policy_doc(CHAIN_POLICY, &chain, None));
    assert!(matches!(refused.status, 403 | 409), "{}", refused.body);
    assert_eq!(
        put(&manager, &db, &policy_doc(STORE_POLICY, &store, None)).status,
        201
    );

    // A store device pulls both databases.
    let pull = |db: &str| {
        let answer = staff
            .get(&format!("/{db}/_changes?{}", changes_query(&json!(0), 100)))
            .unwrap();
        assert_eq!(answer.status, 200, "{}", answer.body);
        parse_changes(STORE, &answer.body.to_string()).unwrap()
    };
    let policy_of = |pulled: &sync::Pulled, id: &str| {
        pulled.incoming.iter().find_map(|i| match i {
            Incoming::Policy {
                id: got,
                policy,
                rev,
            } if got == id => Some((policy.clone(), rev.clone())),
            _ => None,
        })
    };
    let (got_chain, _) = policy_of(&pull(POLICY_DB), CHAIN_POLICY).expect("policy:chain pulled");
    let (got_store, rev) = policy_of(&pull(&db), STORE_POLICY).expect("policy:store pulled");
    assert_eq!(
        (got_chain.clone(), got_store.clone()),
        (chain.clone(), store)
    );
    assert_eq!(rev.pos, 1);
    let device = Policy::conservative_retail(Currency::EUR);
    let merged = sync::tighten(&got_chain, Some(&got_store), &device).unwrap();
    assert_eq!(merged.policy.roles[0].per_incident.minor, 2_000);
    assert_eq!(merged.policy.roles[0].per_shift, chain.roles[0].per_shift);
    assert_eq!(merged.loosened.len(), 1, "{:?}", merged.loosened);
    let _ = Rev::parse(&format!("{}", rev)).unwrap();
}

/// First sync of 10,000 records through the protocol (native client, pouchdb-server in
/// memory): one device pushes them, another pulls them. Printed, not asserted tight.
#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn ten_thousand_records_first_sync() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &[STORE.into()]).unwrap();
    let staff = login(&admin, &report, STORE);
    let mut a = Device::new("tablet-a", staff.clone());
    for r in records(10_000, 7) {
        a.record(r);
    }
    let start = Instant::now();
    assert_eq!(a.push().0, 10_000);
    let pushed = start.elapsed();
    let mut b = Device::new("tablet-b", staff);
    let start = Instant::now();
    let pulled = b.pull(1_000);
    let took = start.elapsed();
    assert_eq!(b.records.len(), 10_000, "{pulled:?}");
    println!(
        "10,000 records, protocol only (native client, pouchdb-server in memory): push {pushed:?} (batches of 500), pull {took:?} (batches of 1,000)"
    );
}

/// Issue 14, repeat customers across stores, with the domain's bodies against the server:
/// two stores' devices, each with its own salt, adopt the chain's (`secret:chain`); store-5
/// shares its spend; store-6 hashes the same customer alike, reads the spend from the
/// `by_customer` view and counts it once (its own store's spend is the device's record). Its
/// store manager then erases store-6's spend; store-5's stays (another store's).
#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn a_customer_let_down_at_one_store_is_a_repeat_at_another() {
    use amends_domain::customer::CustomerKeys;
    use amends_domain::BudgetState;
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &["store-5".into(), "store-6".into()]).unwrap();
    let five = login(&admin, &report, "store-5");
    let six = login(&admin, &report, "store-6");
    let six_manager = login(&admin, &report, "store-6-manager");
    let secret = five
        .get(&format!("/{POLICY_DB}/{}", sync::CHAIN_SECRET))
        .unwrap();
    let salt = sync::chain_salt(&secret.body).unwrap();

    let device = |own_salt: &str| {
        // The generated records are in dollars.
        let mut p = Policy::conservative_retail(Currency::USD);
        p.customer_salt = own_salt.into();
        assert!(sync::adopt_salt(&mut p, &salt));
        assert_eq!(p.former_salts, [own_salt]);
        p
    };
    let (p5, p6) = (device(&"55".repeat(32)), device(&"66".repeat(32)));
    let now = 1_800_000_000_000;
    let keys = |p: &Policy, reference: &str| {
        CustomerKeys::hash(
            &p.customer_salt,
            p.former_salts.iter().map(String::as_str),
            reference,
        )
        .unwrap()
    };
    let logged = |p: &Policy, id: &str, reference: &str| {
        let mut r = records(1, 7).remove(0);
        r.id = id.into();
        r.practice = false;
        r.opened_ms = now - 86_400_000;
        r.customer_hash = keys(p, reference).current().map(str::to_owned);
        r
    };
    let r5 = logged(&p5, "r5", "Ana@Example.com");
    let r6 = logged(&p6, "r6", "ana@example.com ");
    for (who, store, r, p) in [(&five, "store-5", &r5, &p5), (&six, "store-6", &r6, &p6)] {
        let doc = sync::spend_doc(store, r, p).unwrap();
        let body = json!({ "new_edits": false, "docs": [doc] });
        let sent = post(who, &format!("/{}/_bulk_docs", sync::CUSTOMERS_DB), &body);
        assert_eq!(sent.body, json!([]), "{}", sent.body);
    }

    // Store-6 reads Ana's spends since the window's start, under each of her hashes.
    let ana = keys(&p6, "ANA@example.com");
    let from = now - i64::from(p6.settings.customer_window_days) * 86_400_000;
    let mut spends = Vec::new();
    for h in ana
        .current()
        .into_iter()
        .chain(ana.former().iter().map(String::as_str))
    {
        let answer = six
            .get(&format!("/{}", sync::spends_query(h, from)))
            .unwrap();
        assert_eq!(answer.status, 200, "{}", answer.body);
        spends.extend(sync::parse_spends(&answer.body.to_string()).unwrap());
    }
    assert_eq!(spends.len(), 2, "both stores' spends: {spends:?}");
    let mut st = BudgetState::from_records([&r6], &p6, "Sam", &ana, now, "").unwrap();
    assert_eq!(st.customer_prior_failures, 1, "its own record");
    sync::count_other_stores(&mut st, &spends, &p6, "store-6", now).unwrap();
    assert_eq!(
        st.customer_prior_failures, 2,
        "store-5's counted, its own not twice"
    );
    let five_cost = amends_domain::budget::counted_record(&r5, &p5).unwrap();
    let six_cost = amends_domain::budget::counted_record(&r6, &p6).unwrap();
    assert_eq!(
        st.customer_received,
        five_cost.checked_add(six_cost).unwrap()
    );

    // Erasure at store-6: a store account may not; its manager deletes store-6's spend.
    let found = post(
        &six,
        &format!("/{}/_all_docs", sync::CUSTOMERS_DB),
        &sync::spend_keys("store-6", &["r6".into(), "r5".into()]),
    );
    let body = sync::spend_tombstones(&found.body.to_string())
        .unwrap()
        .unwrap();
    assert_eq!(body["docs"].as_array().map(Vec::len), Some(1), "{body}");
    let path = format!("/{}/_bulk_docs", sync::CUSTOMERS_DB);
    let refused = parse_bulk_docs(&post(&six, &path, &body).body.to_string()).unwrap();
    assert_eq!(refused.len(), 1, "a store account erases nothing");
    let done = parse_bulk_docs(&post(&six_manager, &path, &body).body.to_string()).unwrap();
    assert!(done.is_empty(), "{done:?}");
    let left = six
        .get(&format!(
            "/{}",
            sync::spends_query(ana.current().unwrap(), from)
        ))
        .unwrap();
    let left = sync::parse_spends(&left.body.to_string()).unwrap();
    assert_eq!(
        left.iter().map(|s| s.store.as_str()).collect::<Vec<_>>(),
        ["store-5"]
    );
}

/// Erases documents `docs` of `db` as the app does (`hooks/sync.rs` `erase_in`): looks up
/// the live ones, deletes them as edits of the server's revision signed `by`; returns the
/// documents the server no longer holds live, and the refusals.
fn erase(who: &Couch, db: &str, docs: &[String], by: &str) -> (Vec<String>, Vec<Refused>) {
    let found = post(who, &format!("/{db}/_all_docs"), &json!({ "keys": docs }));
    assert_eq!(found.status, 200, "{}", found.body);
    let found = sync::parse_erase_lookup(&found.body.to_string()).unwrap();
    let mut done = found.gone;
    let mut refused = Vec::new();
    if !found.live.is_empty() {
        let body = sync::tombstones_body(&found.live, by);
        let answer = post(who, &format!("/{db}/_bulk_docs"), &body);
        assert_eq!(answer.status, 201, "{}", answer.body);
        for written in parse_updates(&answer.body.to_string()).unwrap() {
            match written {
                Written::Saved { id, .. } => done.push(id),
                Written::Refused(r) => refused.push(r),
                Written::Conflict { id } => panic!("{id}: conflict"),
            }
        }
    }
    (done, refused)
}

#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn an_erasure_reaches_the_stores_devices_and_head_office_erases_the_chains_copy() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &[STORE.into()]).unwrap();
    let staff = login(&admin, &report, STORE);
    let manager = login(&admin, &report, "store-1-manager");
    let head = login(&admin, &report, HEAD_OFFICE_ACCOUNT);
    let mut a = Device::new("tablet-a", staff.clone());
    let mut b = Device::new("tablet-b", staff.clone());
    let rs = records(3, 41);
    for r in &rs {
        a.record(r.clone());
    }
    assert_eq!(a.push().0, 3);
    assert_eq!(b.pull(500).records, 3);
    let docs: Vec<String> = rs.iter().map(|r| sync::doc_id(STORE, &r.id)).collect();
    let db = store_db(STORE);

    // The chain gets the records by the server's replication.
    let start = Instant::now();
    while docs
        .iter()
        .any(|d| head.get(&format!("/amends-chain/{d}")).unwrap().status != 200)
    {
        assert!(
            start.elapsed().as_secs() < 30,
            "records did not reach the chain"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // A store (staff) login may not erase: refused with the validate function's reason,
    // nothing erased, so the app keeps the erasure queued.
    let (done, refused) = erase(&staff, &db, &docs[..1], "store-1");
    assert!(done.is_empty());
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(
        refused[0].reason,
        "Only a manager erases a recovery; audit entries stay."
    );
    assert_eq!(
        admin.get(&format!("/{db}/{}", docs[0])).unwrap().status,
        200
    );

    // Tablet B edits record 2 and has not pushed it when the manager erases records 1-2.
    let mut edited = rs[1].clone();
    edited.outcome = Some(outcome(5, 4));
    b.record(edited);
    let (done, refused) = erase(&manager, &db, &docs[..2], "store-1-manager");
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(done, docs[..2]);
    // Again: nothing left to erase, both forgotten (an erasure queued twice, or a record
    // erased before it was ever pushed, ends the same way).
    let never_pushed = sync::doc_id(STORE, "never-pushed");
    let (again, _) = erase(
        &manager,
        &db,
        &[docs[0].clone(), never_pushed.clone()],
        "store-1-manager",
    );
    assert_eq!(again, [docs[0].clone(), never_pushed]);
    for d in &docs[..2] {
        let gone = admin.get(&format!("/{db}/{d}")).unwrap();
        // CouchDB's reason is "deleted"; pouchdb-server says "missing".
        assert_eq!(gone.status, 404, "{}", gone.body);
        assert!(matches!(
            gone.body["reason"].as_str(),
            Some("deleted" | "missing")
        ));
    }

    // B's edit of the erased record is answered `conflict` (its base revision is no longer
    // the leaf) and the document reads 404: erasure wins, the pull removes B's copy.
    let base = b.records[&rs[1].id].1.server_rev().unwrap();
    let stale = update_doc(STORE, &b.records[&rs[1].id].0, &base);
    let answer = staff.put(&format!("/{db}/{}", docs[1]), &stale).unwrap();
    assert_eq!(answer.status, 409, "{}", answer.body);
    let (_, refused) = b.push();
    assert!(refused.is_empty(), "{refused:?}");
    let pulled = b.pull(500);
    let mut erased: Vec<_> = pulled.erased.clone();
    erased.sort();
    assert_eq!(
        erased,
        [
            (docs[0].clone(), Some("store-1-manager".to_owned())),
            (docs[1].clone(), Some("store-1-manager".to_owned())),
        ]
    );
    assert_eq!(b.records.len(), 1);
    assert!(b.records.contains_key(&rs[2].id));

    // The chain: pouchdb-server's replication does not apply the tombstones there (a
    // validated database, difference 3), so head office's device erases the chain's
    // copies as it pulls the store's deletions. A store's manager cannot (not a member);
    // head office cannot write anything but a recovery's deletion there.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let live = |d: &str| head.get(&format!("/amends-chain/{d}")).unwrap().status == 200;
    let tombstones_replicated = !live(&docs[0]);
    println!("pouchdb-server replicated the tombstones to the chain: {tombstones_replicated}");
    let status = post(
        &manager,
        "/amends-chain/_all_docs",
        &json!({ "keys": [docs[0]] }),
    )
    .status;
    assert!(matches!(status, 401 | 403), "{status}");
    let (done, refused) = erase(&head, "amends-chain", &docs[..2], "head-office");
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(done, docs[..2]);
    assert!(!live(&docs[0]) && !live(&docs[1]));
    assert!(live(&docs[2]), "a record not erased stays");
}

/// What pouchdb-server does with `_purge` and what an erasure leaves: CouchDB 3's
/// `_purge` (database admins only) removes revisions for good; pouchdb-server has no
/// `_purge` route (the request falls to `POST /{db}/{id}`, which takes only multipart).
/// Until compaction the erased revision's body can still be read by `?rev=` (CouchDB too);
/// `_compact` (an admin's) removes it. Pinned so that a change is noticed.
#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn pouchdb_server_has_no_purge_and_compaction_drops_the_erased_body() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &[STORE.into()]).unwrap();
    let manager = login(&admin, &report, "store-1-manager");
    let db = store_db(STORE);
    let mut a = Device::new("tablet-a", manager.clone());
    let r = records(1, 7).remove(0);
    a.record(r.clone());
    a.push();
    let doc = sync::doc_id(STORE, &r.id);
    let first = a.records[&r.id].1.rev.to_string();
    let (done, _) = erase(&manager, &db, std::slice::from_ref(&doc), "store-1-manager");
    assert_eq!(done, std::slice::from_ref(&doc));
    let found = post(
        &admin,
        &format!("/{db}/_all_docs"),
        &json!({ "keys": [doc] }),
    );
    let rev = found.body["rows"][0]["value"]["rev"].clone();
    for (who, name) in [(&manager, "manager"), (&admin, "admin")] {
        let answer = post(
            who,
            &format!("/{db}/_purge"),
            &json!({ doc.clone(): [rev.clone()] }),
        );
        println!("_purge as {name}: {} {}", answer.status, answer.body);
        assert_eq!(answer.status, 400, "{}", answer.body);
        assert_eq!(answer.body["reason"], "only_multipart_accepted");
    }
    let old = |who: &Couch| who.get(&format!("/{db}/{doc}?rev={first}")).unwrap();
    let before = old(&manager);
    println!("erased revision before compaction: {}", before.status);
    assert_eq!(
        before.status, 200,
        "a member still reads it: {}",
        before.body
    );
    assert_eq!(before.body["record"]["id"], r.id.as_str());
    let compact = post(&admin, &format!("/{db}/_compact"), &json!({}));
    assert!(matches!(compact.status, 200 | 202), "{}", compact.body);
    let start = Instant::now();
    while old(&admin).status == 200 {
        assert!(
            start.elapsed().as_secs() < 10,
            "compaction kept the erased body"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    println!("erased revision after compaction: {}", old(&admin).status);
}

/// `secret:store` (the store's PIN record and approval key): written by the store's
/// manager or head office only, read by every account of the store, never replicated to
/// the chain, and read back by the domain as the devices use it.
#[test]
#[ignore = "needs pouchdb-server in .tools/: `cargo xtask test` runs it"]
fn only_a_manager_writes_the_stores_secret_and_every_store_account_reads_it() {
    let server = PouchServer::start(0).expect("pouchdb-server starts");
    let admin = Couch::new(&server.admin_url()).unwrap();
    let report = setup(&admin, &[STORE.into(), "store-2".into()]).unwrap();
    let staff = login(&admin, &report, STORE);
    let manager = login(&admin, &report, "store-1-manager");
    let other = login(&admin, &report, "store-2-manager");
    let head = login(&admin, &report, HEAD_OFFICE_ACCOUNT);
    let db = store_db(STORE);
    let path = format!("/{db}/{}", sync::STORE_SECRET);
    let pin = r#"{"schema":1,"salt_hex":"aa11","iterations":210000,"hash_hex":"bb22"}"#;
    let doc = sync::secret_doc(pin, &"ab".repeat(32), "store-1-manager", None);

    let refused = staff.put(&path, &doc).unwrap();
    println!(
        "store account writes secret:store -> {} {}",
        refused.status, refused.body
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(
        refused.body["reason"],
        "Only a manager's login can change the store's policy."
    );
    assert!(matches!(other.put(&path, &doc).unwrap().status, 401 | 403));
    let written = manager.put(&path, &doc).unwrap();
    assert_eq!(written.status, 201, "{}", written.body);
    let rotated = sync::secret_doc(
        pin,
        &"cd".repeat(32),
        "head-office",
        written.body["rev"].as_str(),
    );
    assert_eq!(head.put(&path, &rotated).unwrap().status, 201);
    let stale = sync::secret_doc(
        pin,
        &"ef".repeat(32),
        "store-1-manager",
        written.body["rev"].as_str(),
    );
    assert_eq!(manager.put(&path, &stale).unwrap().status, 409);

    let read = staff.get(&path).unwrap();
    assert_eq!(read.status, 200, "{}", read.body);
    let secret = sync::parse_secret(&read.body).unwrap();
    assert_eq!(secret.approval_key, "cd".repeat(32));
    assert_eq!(
        serde_json::from_str::<Value>(&secret.pin).unwrap(),
        serde_json::from_str::<Value>(pin).unwrap()
    );
    // A recovery written after it reaches the chain; the secret never does.
    let r = records(1, 3).remove(0);
    let mut a = Device::new("tablet-a", staff.clone());
    a.record(r.clone());
    a.push();
    let start = Instant::now();
    let chain_doc = format!("/amends-chain/{}", sync::doc_id(STORE, &r.id));
    while head.get(&chain_doc).unwrap().status != 200 {
        assert!(
            start.elapsed().as_secs() < 30,
            "the recovery did not reach the chain"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let secret_in_chain = head
        .get(&format!("/amends-chain/{}", sync::STORE_SECRET))
        .unwrap();
    assert_eq!(secret_in_chain.status, 404, "{}", secret_in_chain.body);
}
