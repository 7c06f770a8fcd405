//! Chain sync on the device: a provider that, once connected, pushes this device's records
//! then pulls the store's, and takes the chain's policy (tightened by the store's), every
//! few seconds while online. Its state is one closed enum ([`SyncStatus`]) the status line
//! shows. With no connection nothing here runs, and the app works as on one device.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use amends_domain::sync::{
    self, changes_query, checkpoint_doc, content_hash, parse_bulk_docs, parse_changes,
    parse_checkpoint, parse_doc, parse_open_revs, parse_updates, policy_doc, replication_id,
    resolve, resume_from, update_doc, Incoming, Leaf, PushPlan, Tracked, Written, CHAIN_POLICY,
    STORE_POLICY,
};
use amends_domain::{AuditEntry, Policy, RecoveryRecord};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use yew::prelude::*;

use crate::hooks::app_state::{use_app, AppHandle, SyncWrite};
use crate::services::clock::now_ms;
use crate::services::sync::{self as net, NetError, Session};

/// Where sync stands. Closed: the status line has a wording for each.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    NotConnected,
    /// Sending or fetching; `of`: how many in all, when the server says.
    Syncing {
        done: usize,
        of: Option<usize>,
    },
    Synced {
        at_ms: i64,
        unreadable: usize,
    },
    /// No answer: `waiting` records are kept here until the server answers.
    Offline {
        waiting: usize,
    },
    Error(NetError),
}

/// How this device reaches its chain: no password (the server's session cookie is kept
/// by the browser), stored under `sync.connection`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// The proxy path on this origin, `/db` by default.
    pub server: String,
    pub store: String,
    pub name: String,
    /// This device's id in checkpoint names.
    pub device: String,
}

impl Connection {
    fn store_db(&self) -> String {
        format!("amends-store-{}", self.store)
    }
    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.server.trim_end_matches('/'))
    }
}

/// The sync context: its status and the intents of the connection panel.
#[derive(Clone, PartialEq)]
pub struct SyncHandle {
    pub status: SyncStatus,
    pub connection: Option<Connection>,
    set_status: Callback<SyncStatus>,
    set_connection: Callback<Option<Connection>>,
    app: AppHandle,
}

impl SyncHandle {
    /// Signs in (the server sets the cookie), checks the login belongs to `store`, keeps
    /// the connection (never the password) and starts syncing.
    pub async fn connect(
        &self,
        server: &str,
        store: &str,
        name: &str,
        password: &str,
    ) -> Result<Session, NetError> {
        let server = server.trim().trim_end_matches('/').to_owned();
        let session = net::sign_in(&server, name.trim(), password).await?;
        let member = format!("amends-store:{store}");
        if !session
            .roles
            .iter()
            .any(|r| *r == member || r == "amends-head-office")
        {
            return Err(NetError::NotMember(session.name, store.to_owned()));
        }
        let device = crate::services::crypto::random_bytes(8)
            .map(|b| amends_domain::hex(&b))
            .map_err(|e| NetError::Protocol(e.to_string()))?;
        let c = Connection {
            server,
            store: store.trim().to_owned(),
            name: session.name.clone(),
            device,
        };
        self.app
            .sync_connection(serde_json::to_string(&c).ok())
            .await
            .map_err(|e| NetError::Protocol(e.to_string()))?;
        self.set_connection.emit(Some(c));
        Ok(session)
    }

    /// Stops syncing on this device and signs out; records stay here.
    pub async fn disconnect(&self) {
        if let Some(c) = &self.connection {
            let _ = net::request("DELETE", &c.url("_session"), None).await;
        }
        let _ = self.app.sync_connection(None).await;
        self.set_connection.emit(None);
        self.set_status.emit(SyncStatus::NotConnected);
    }

    /// Sends `policy` as the store's (`policy:store`): only a manager's login may; the
    /// server's refusal comes back in its own words.
    pub async fn publish_policy(&self, policy: &Policy) -> Result<(), NetError> {
        let c = self.connection.as_ref().ok_or(NetError::SignedOut)?;
        let url = c.url(&format!("{}/{STORE_POLICY}", c.store_db()));
        let rev = one_doc(c, &c.store_db(), STORE_POLICY)
            .await?
            .and_then(|v| v.get("_rev")?.as_str().map(str::to_owned));
        let mut p = policy.clone();
        p.approval_key.clear();
        p.customer_salt.clear();
        p.former_salts.clear();
        let doc = policy_doc(STORE_POLICY, &p, rev.as_deref());
        net::request("PUT", &url, Some(&doc.to_string()))
            .await
            .map(|_| ())
    }
}

impl SyncHandle {
    /// Sends the store's secrets (`secret:store`): this device's PIN record and `approval_key`.
    /// Only a manager's login may; every device of the store uses them within seconds.
    pub async fn publish_secret(&self, approval_key: &str) -> Result<(), NetError> {
        let c = self.connection.as_ref().ok_or(NetError::SignedOut)?;
        let pin = self.app.pin.as_ref().ok_or(NetError::SignedOut)?;
        let pin = serde_json::to_string(pin).map_err(|e| NetError::Protocol(e.to_string()))?;
        let url = c.url(&format!("{}/{}", c.store_db(), sync::STORE_SECRET));
        let rev = one_doc(c, &c.store_db(), sync::STORE_SECRET)
            .await?
            .and_then(|v| v.get("_rev")?.as_str().map(str::to_owned));
        let doc = sync::secret_doc(&pin, approval_key, &c.name, rev.as_deref());
        net::request("PUT", &url, Some(&doc.to_string()))
            .await
            .map(|_| ())
    }
}

/// The engine's memory between passes.
struct Engine {
    app: AppHandle,
    c: Connection,
    revs: HashMap<String, Tracked>,
    seqs: HashMap<String, Value>,
    manager: bool,
    /// Head office's login: erasures pulled from the store are applied to the chain too.
    head_office: bool,
    /// Records erased here whose erasure the server has not confirmed: never pushed, and
    /// not taken back from a pull.
    erasing: HashSet<String>,
}

fn storage(e: amends_domain::sync::SyncError) -> NetError {
    NetError::from(e)
}

fn stored(e: crate::services::storage::StorageError) -> NetError {
    NetError::Protocol(e.to_string())
}

/// The document `id` of `db`, or `None`: read through `_all_docs` so that a document not
/// written yet is an empty answer, not a 404 the browser logs as an error on every pass.
fn one_doc<'a>(
    c: &'a Connection,
    db: &'a str,
    id: &'a str,
) -> net::Boxed<'a, Result<Option<Value>, NetError>> {
    Box::pin(async move {
        let key = id.replace(':', "%3A");
        let path = format!("{db}/_all_docs?include_docs=true&key=%22{key}%22");
        let (_, text) = net::request("GET", &c.url(&path), None).await?;
        let v: Value =
            serde_json::from_str(&text).map_err(|e| NetError::Protocol(e.to_string()))?;
        Ok(v.get("rows")
            .and_then(|r| r.get(0))
            .and_then(|r| r.get("doc"))
            .filter(|d| d.is_object())
            .cloned())
    })
}

async fn post(c: &Connection, path: &str, body: &Value) -> Result<String, NetError> {
    Ok(net::request("POST", &c.url(path), Some(&body.to_string()))
        .await?
        .1)
}

/// Deletes documents `docs` of `db` that the server holds live (as edits of its revision,
/// signed with the login's name) and returns those it no longer holds (deleted now or
/// before, or never sent) and how many it refused (a login that may not erase). A conflict
/// (changed meanwhile) leaves a document out, to try again on the next pass.
fn erase_in<'a>(
    c: &'a Connection,
    db: &'a str,
    docs: &'a [String],
) -> net::Boxed<'a, Result<(Vec<String>, usize), NetError>> {
    Box::pin(async move {
        let keys = json!({ "keys": docs });
        let answer = post(c, &format!("{db}/_all_docs"), &keys).await?;
        let found = sync::parse_erase_lookup(&answer).map_err(storage)?;
        let (mut done, mut refused) = (found.gone, 0);
        if !found.live.is_empty() {
            let body = sync::tombstones_body(&found.live, &c.name);
            let answer = post(c, &format!("{db}/_bulk_docs"), &body).await?;
            for written in parse_updates(&answer).map_err(storage)? {
                match written {
                    Written::Saved { id, .. } => done.push(id),
                    Written::Refused(_) => refused += 1,
                    Written::Conflict { .. } => {}
                }
            }
        }
        Ok((done, refused))
    })
}

impl Engine {
    /// Records kept here that the server does not have yet.
    fn waiting(&self) -> usize {
        let tracked = self
            .app
            .records
            .iter()
            .filter(|r| self.revs.contains_key(&r.id))
            .count();
        self.app.records.len() - tracked + self.revs.values().filter(|t| !t.pushed).count()
    }

    async fn pass(&mut self, progress: &dyn Fn(usize, Option<usize>)) -> Result<usize, NetError> {
        let refused = self.erase().await?;
        self.push().await?;
        let unreadable = self.pull(progress).await?;
        self.policy().await?;
        match refused {
            0 => Ok(unreadable),
            n => Err(NetError::ErasureNeedsManager(n)),
        }
    }

    /// Erasures made here go to the store as deletions (a manager's login only: the store's
    /// validate function refuses others, and they stay queued). Returns how many wait.
    fn erase(&mut self) -> net::Boxed<'_, Result<usize, NetError>> {
        Box::pin(async move {
            let queued = self.app.sync_erasures().await.map_err(stored)?;
            for id in &queued {
                self.revs.remove(id);
            }
            self.erasing = queued.iter().cloned().collect();
            if queued.is_empty() {
                return Ok(0);
            }
            let (store, db) = (self.c.store.clone(), self.c.store_db());
            let mut w = SyncWrite::default();
            let mut waiting = 0;
            for chunk in queued.chunks(500) {
                let docs: Vec<String> = chunk.iter().map(|id| sync::doc_id(&store, id)).collect();
                let (done, refused) = erase_in(&self.c, &db, &docs).await?;
                waiting += refused;
                for doc in done {
                    if let Some(id) = sync::record_id(&store, &doc) {
                        self.erasing.remove(id);
                        w.forget
                            .extend(crate::hooks::app_state::sync_keys(id, &doc));
                    }
                }
            }
            self.app.sync_write(w).await.map_err(stored)?;
            Ok(waiting)
        })
    }

    /// New revisions for records logged or edited here, then `_revs_diff` and `_bulk_docs`.
    fn push(&mut self) -> net::Boxed<'_, Result<(), NetError>> {
        Box::pin(async move {
            let edits: HashSet<String> = self
                .app
                .sync_edits()
                .await
                .map_err(stored)?
                .into_iter()
                .collect();
            let mut w = SyncWrite::default();
            for r in self.app.records.iter() {
                let prev = self.revs.get(&r.id);
                if prev.is_some() && !edits.contains(&r.id) {
                    continue;
                }
                let hash = content_hash(prev.map(|t| &t.rev), &r.to_json());
                let t = Tracked::edited(prev, hash);
                self.revs.insert(r.id.clone(), t.clone());
                w.revs.push((r.id.clone(), t));
            }
            w.clear = edits.into_iter().collect();
            if !w.revs.is_empty() || !w.clear.is_empty() {
                self.app.sync_write(w).await.map_err(stored)?;
            }
            // Most passes have nothing to send: the index of every record (100k on a busy
            // store) is built only when something waits.
            if self.revs.values().all(|t| t.pushed) {
                return Ok(());
            }
            let db = self.c.store_db();
            let records = self.app.records.clone();
            let by_id: HashMap<&str, &RecoveryRecord> =
                records.iter().map(|r| (r.id.as_str(), r)).collect();
            let ids: Vec<String> = (self.revs.iter())
                .filter(|(id, t)| !t.pushed && by_id.contains_key(id.as_str()))
                .map(|(id, _)| id.clone())
                .collect();
            for chunk in ids.chunks(500) {
                let plan = PushPlan::new(
                    &self.c.store,
                    chunk.iter().map(|id| (by_id[id.as_str()], &self.revs[id])),
                );
                let diff =
                    post(&self.c, &format!("{db}/_revs_diff"), &plan.revs_diff_body()).await?;
                let (created, sending) = plan.bulk_docs_body(&diff).map_err(storage)?;
                let (updates, updating) = plan.updates_body(&diff).map_err(storage)?;
                let mut w = SyncWrite::default();
                let mut refused = None;
                if !sending.is_empty() {
                    let answer = post(&self.c, &format!("{db}/_bulk_docs"), &created).await?;
                    refused = parse_bulk_docs(&answer)
                        .map_err(storage)?
                        .into_iter()
                        .next();
                }
                for id in chunk {
                    let doc = sync::doc_id(&self.c.store, id);
                    let failed = refused.as_ref().is_some_and(|r| r.id == doc);
                    if !updating.contains(&doc) && !failed {
                        if let Some(t) = self.revs.get_mut(id) {
                            t.mark_pushed();
                            w.revs.push((id.clone(), t.clone()));
                        }
                    }
                }
                if !updating.is_empty() {
                    let answer = post(&self.c, &format!("{db}/_bulk_docs"), &updates).await?;
                    for written in parse_updates(&answer).map_err(storage)? {
                        match written {
                            Written::Saved { id, rev } => self.took(&mut w, &id, None, rev),
                            Written::Conflict { id } => {
                                let rid = sync::record_id(&self.c.store, &id).unwrap_or_default();
                                let mine = by_id.get(rid).copied();
                                self.settle(&mut w, &id, mine).await?
                            }
                            Written::Refused(r) => refused = Some(r),
                        }
                    }
                }
                self.app.sync_write(w).await.map_err(stored)?;
                if let Some(r) = refused {
                    return Err(NetError::Refused(r.reason));
                }
            }
            Ok(())
        })
    }

    /// The record of document `doc` now has the server's revision `rev`.
    fn took(
        &mut self,
        w: &mut SyncWrite,
        doc: &str,
        record: Option<RecoveryRecord>,
        rev: sync::Rev,
    ) {
        let Some(id) = sync::record_id(&self.c.store, doc) else {
            return;
        };
        let t = Tracked::pulled(rev);
        self.revs.insert(id.to_owned(), t.clone());
        w.revs.push((id.to_owned(), t));
        w.records.extend(record);
    }

    /// Another device changed the record first: the conflict rule decides before writing.
    fn settle<'a>(
        &'a mut self,
        w: &'a mut SyncWrite,
        doc: &'a str,
        mine: Option<&'a RecoveryRecord>,
    ) -> net::Boxed<'a, Result<(), NetError>> {
        Box::pin(async move {
            let (Some(mine), Some(id)) = (mine, sync::record_id(&self.c.store, doc)) else {
                return Ok(());
            };
            let url = self.c.url(&format!("{}/{doc}", self.c.store_db()));
            let (status, text) = net::request("GET", &url, None).await?;
            if status == 404 {
                // Erased on the server meanwhile: erasure wins over an edit made here (a
                // legal duty); this pass's pull brings the deletion and removes the copy.
                return Ok(());
            }
            let theirs = parse_doc(doc, &text).map_err(storage)?;
            let mine = Leaf {
                rev: self.revs[id].rev.clone(),
                record: mine.clone(),
            };
            let settled = resolve(doc, vec![mine.clone(), theirs.clone()]).map_err(storage)?;
            let entries = self.audit(settled.audit(now_ms(), &self.c.name));
            self.share(&entries).await?;
            w.audit.extend(entries);
            if settled.keep == mine {
                let body = update_doc(&self.c.store, &mine.record, &theirs.rev).to_string();
                let (_, text) = net::request("PUT", &url, Some(&body)).await?;
                let rev = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| sync::Rev::parse(v.get("rev")?.as_str()?).ok());
                if let Some(rev) = rev {
                    self.took(w, doc, None, rev);
                }
            } else {
                self.took(w, doc, Some(theirs.record), theirs.rev);
            }
            Ok(())
        })
    }

    /// Audit entries (a conflict's) sent to the store, where every device and head office
    /// read them; appended there, never changed.
    fn share<'a>(&'a self, entries: &'a [AuditEntry]) -> net::Boxed<'a, Result<(), NetError>> {
        Box::pin(async move {
            if entries.is_empty() {
                return Ok(());
            }
            let docs: Vec<Value> = entries
                .iter()
                .map(|e| sync::audit_doc(&self.c.store, e))
                .collect();
            let body = json!({ "new_edits": false, "docs": docs });
            let answer = post(&self.c, &format!("{}/_bulk_docs", self.c.store_db()), &body).await?;
            match parse_bulk_docs(&answer)
                .map_err(storage)?
                .into_iter()
                .next()
            {
                Some(r) => Err(NetError::Refused(r.reason)),
                None => Ok(()),
            }
        })
    }

    /// Audit entries not yet in the audit (a conflict settled twice is audited once).
    fn audit(&self, entries: Vec<AuditEntry>) -> Vec<AuditEntry> {
        entries
            .into_iter()
            .filter(|e| !self.app.audit.contains(e))
            .collect()
    }

    /// The store's changes since the checkpoint, in batches, each written with its checkpoint.
    fn pull<'a>(
        &'a mut self,
        progress: &'a dyn Fn(usize, Option<usize>),
    ) -> net::Boxed<'a, Result<usize, NetError>> {
        Box::pin(async move {
            let db = self.c.store_db();
            let local = format!("{db}/_local/{}", replication_id(&self.c.device, &db));
            let (status, text) = net::request("GET", &self.c.url(&local), None).await?;
            let (remote, mut rev) = match status {
                200 => parse_checkpoint(&text)
                    .map(|(s, r)| (Some(s), r))
                    .map_err(storage)?,
                _ => (None, None),
            };
            let mut since = resume_from(self.seqs.get(&db), remote.as_ref());
            let mut done = 0;
            loop {
                let url = self
                    .c
                    .url(&format!("{db}/_changes?{}", changes_query(&since, 500)));
                let pulled =
                    parse_changes(&self.c.store, &net::request("GET", &url, None).await?.1)
                        .map_err(storage)?;
                let mut w = SyncWrite::default();
                let mut chain = Vec::new();
                let n = pulled.incoming.len() + pulled.skipped;
                for incoming in pulled.incoming {
                    match incoming {
                        Incoming::Recovery {
                            record,
                            rev,
                            conflicts,
                        } => {
                            if self.erasing.contains(&record.id) {
                                continue;
                            }
                            let doc = sync::doc_id(&self.c.store, &record.id);
                            if sync::merge(self.revs.get(&record.id), &rev) == sync::Merge::Take {
                                self.took(&mut w, &doc, Some(record), rev);
                            }
                            if !conflicts.is_empty() {
                                self.branches(&mut w, &doc).await?;
                            }
                        }
                        Incoming::Audit { entry, .. } => w.audit.extend(self.audit(vec![entry])),
                        Incoming::Raw(raw) => w.raw.push(raw),
                        Incoming::Deleted { id, by, .. } => self.erased(&mut w, &mut chain, id, by),
                        // Policies are read whole each pass.
                        Incoming::Policy { .. } => {}
                    }
                }
                if !chain.is_empty() {
                    // Head office erases the chain's copies (pouchdb-server's replication
                    // does not carry tombstones into a validated database; CouchDB's
                    // does, and then the lookup finds them gone).
                    let (done, _) = erase_in(&self.c, "amends-chain", &chain).await?;
                    if done.len() < chain.len() {
                        return Err(NetError::Refused(format!(
                            "{} of {} erased records are still in the chain database",
                            chain.len() - done.len(),
                            chain.len()
                        )));
                    }
                }
                done += n;
                progress(done, pulled.pending.map(|p| done + p as usize));
                w.seq = Some((db.clone(), pulled.last_seq.clone()));
                self.app.sync_write(w).await.map_err(stored)?;
                self.seqs.insert(db.clone(), pulled.last_seq.clone());
                let body = checkpoint_doc(&pulled.last_seq, rev.as_deref()).to_string();
                let (_, saved) = net::request("PUT", &self.c.url(&local), Some(&body)).await?;
                rev = serde_json::from_str::<Value>(&saved)
                    .ok()
                    .and_then(|v| v.get("rev")?.as_str().map(str::to_owned));
                since = pulled.last_seq;
                if n < 500 || pulled.pending == Some(0) {
                    break;
                }
            }
            Ok(self.app.sync_raw_count().await)
        })
    }

    /// A record erased on another device: its copy here goes, with its sync state, whatever
    /// was edited here since (erasure is a legal duty; it wins), and the audit says who
    /// erased it when the tombstone names them. Head office also erases the chain's copy.
    fn erased(
        &mut self,
        w: &mut SyncWrite,
        chain: &mut Vec<String>,
        doc: String,
        by: Option<String>,
    ) {
        let Some(id) = sync::record_id(&self.c.store, &doc).map(str::to_owned) else {
            return;
        };
        let here = self.app.records.iter().any(|r| r.id == id) || self.revs.contains_key(&id);
        self.revs.remove(&id);
        self.erasing.remove(&id);
        w.forget
            .extend(crate::hooks::app_state::sync_keys(&id, &doc));
        if self.head_office {
            chain.push(doc);
        }
        if !here {
            return;
        }
        let who = by.unwrap_or_else(|| "sync".into());
        match w.erased.iter_mut().find(|(_, e)| e.who == who) {
            Some((ids, e)) => {
                ids.push(id);
                e.event = amends_domain::Event::Erased {
                    count: ids.len() as u64,
                };
            }
            None => w.erased.push((
                vec![id],
                AuditEntry::new(now_ms(), who, amends_domain::Event::Erased { count: 1 }),
            )),
        }
    }

    /// Branches another replicator left: settled by the rule; closed if this login may.
    fn branches<'a>(
        &'a mut self,
        w: &'a mut SyncWrite,
        doc: &'a str,
    ) -> net::Boxed<'a, Result<(), NetError>> {
        Box::pin(async move {
            let url = self
                .c
                .url(&format!("{}/{doc}?open_revs=all", self.c.store_db()));
            let leaves = match parse_open_revs(doc, &net::request("GET", &url, None).await?.1) {
                Ok(leaves) => leaves,
                // A branch this version cannot read: left as it is, the server's winner shown.
                Err(_) => return Ok(()),
            };
            let settled = resolve(doc, leaves).map_err(storage)?;
            let entries = self.audit(settled.audit(now_ms(), &self.c.name));
            self.share(&entries).await?;
            w.audit.extend(entries);
            let keep = settled.keep.clone();
            self.took(w, doc, Some(keep.record), keep.rev);
            if self.manager {
                post(
                    &self.c,
                    &format!("{}/_bulk_docs", self.c.store_db()),
                    &settled.prune_body(),
                )
                .await?;
            }
            Ok(())
        })
    }

    /// The chain's policy tightened by the store's, used when it differs from the device's.
    fn policy(&mut self) -> net::Boxed<'_, Result<(), NetError>> {
        Box::pin(async move {
            let c = self.c.clone();
            let read = |db: String, id: &'static str| {
                let c = c.clone();
                async move {
                    let Some(doc) = one_doc(&c, &db, id).await? else {
                        return Ok(None);
                    };
                    Policy::load(&doc.get("policy").unwrap_or(&json!(null)).to_string())
                        .map(Some)
                        .map_err(|e| NetError::Protocol(e.to_string()))
                }
            };
            let Some(chain) = read("amends-policy".into(), CHAIN_POLICY).await? else {
                return Ok(());
            };
            let store = read(self.c.store_db(), STORE_POLICY).await?;
            let merged =
                sync::tighten(&chain, store.as_ref(), &self.app.policy).map_err(storage)?;
            self.app
                .use_chain_policy(merged.policy, &self.c.name)
                .await
                .map_err(stored)?;
            self.secret().await
        })
    }

    /// The store's secrets (`secret:store`), when its server holds them: used in place of
    /// the device's; one this version cannot read is kept raw, and the device keeps its own.
    fn secret(&mut self) -> net::Boxed<'_, Result<(), NetError>> {
        Box::pin(async move {
            let db = self.c.store_db();
            let Some(doc) = one_doc(&self.c, &db, sync::STORE_SECRET).await? else {
                return Ok(());
            };
            let read = sync::parse_secret(&doc).and_then(|s| {
                let pin = crate::services::crypto::PinHash::read(Some(s.pin))
                    .ok_or_else(|| "secret:store's PIN record cannot be read".to_owned())?;
                Ok((pin, s.approval_key, s.by))
            });
            match read {
                Ok((pin, key, by)) => {
                    let app = self.app.clone();
                    let who = by.unwrap_or_else(|| self.c.name.clone());
                    app.use_store_secret(pin, key, &who).await.map_err(stored)?;
                }
                Err(why) => {
                    let raw = sync::RawDoc {
                        id: sync::STORE_SECRET.into(),
                        rev: (doc.get("_rev").and_then(Value::as_str))
                            .unwrap_or_default()
                            .into(),
                        json: doc.to_string(),
                        why,
                    };
                    let w = SyncWrite {
                        raw: vec![raw],
                        ..SyncWrite::default()
                    };
                    self.app.sync_write(w).await.map_err(stored)?;
                }
            }
            Ok(())
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct SyncProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Reads the connection once the app is loaded and runs the loop while connected.
#[function_component(SyncProvider)]
pub fn sync_provider(props: &SyncProviderProps) -> Html {
    let app = use_app();
    let status = use_state(|| SyncStatus::NotConnected);
    let connection = use_state(|| None::<Connection>);
    let generation = use_mut_ref(|| 0u32);
    // The newest handle, for the loop: a handle kept for long would keep every state it
    // ever read alive (yew keeps what a handle dereferenced), so each pass takes this one.
    let latest = use_mut_ref(|| app.clone());
    *latest.borrow_mut() = app.clone();
    let ready = app.health == crate::hooks::app_state::Health::Ready;
    {
        let (app, connection) = (app.clone(), connection.clone());
        use_effect_with(ready, move |ready| {
            if *ready {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(s) = app.sync_stored().await {
                        let c = s
                            .connection
                            .and_then(|c| serde_json::from_str::<Connection>(&c).ok());
                        connection.set(c);
                    }
                });
            }
        });
    }
    {
        let (latest, status) = (latest.clone(), status.clone());
        let generation = generation.clone();
        use_effect_with((*connection).clone(), move |c| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            if let Some(c) = c.clone() {
                wasm_bindgen_futures::spawn_local(run(latest, c, status, generation, mine));
            }
        });
    }
    let handle = SyncHandle {
        status: (*status).clone(),
        connection: (*connection).clone(),
        set_status: {
            let status = status.clone();
            Callback::from(move |s| status.set(s))
        },
        set_connection: {
            let connection = connection.clone();
            Callback::from(move |c| connection.set(c))
        },
        app,
    };
    html! {
        <ContextProvider<SyncHandle> context={handle}>{ props.children.clone() }</ContextProvider<SyncHandle>>
    }
}

/// The loop: a pass every few seconds while this connection is the current one.
async fn run(
    latest: Rc<RefCell<AppHandle>>,
    c: Connection,
    status: UseStateHandle<SyncStatus>,
    generation: Rc<RefCell<u32>>,
    mine: u32,
) {
    let current = || *generation.borrow() == mine;
    let app = latest.borrow().clone();
    let Ok(stored) = app.sync_stored().await else {
        return;
    };
    let (manager, head_office) = match net::session(&c.server).await {
        Ok(Some(s)) => (s.is_manager(), s.is_head_office()),
        Ok(None) => {
            status.set(SyncStatus::Error(NetError::SignedOut));
            return;
        }
        Err(_) => (false, false),
    };
    let mut engine = Engine {
        app,
        c,
        revs: stored.revs,
        seqs: stored.seqs,
        manager,
        head_office,
        erasing: HashSet::new(),
    };
    let first = Rc::new(Cell::new(true));
    while current() {
        engine.app = latest.borrow().clone();
        let s = status.clone();
        let shown = first.clone();
        let progress = move |done: usize, of: Option<usize>| {
            if shown.get() {
                s.set(SyncStatus::Syncing { done, of });
            }
        };
        let next = if !net::online() {
            SyncStatus::Offline {
                waiting: engine.waiting(),
            }
        } else {
            match engine.pass(&progress).await {
                Ok(unreadable) => SyncStatus::Synced {
                    at_ms: now_ms(),
                    unreadable,
                },
                Err(NetError::Offline) => SyncStatus::Offline {
                    waiting: engine.waiting(),
                },
                Err(e) => SyncStatus::Error(e),
            }
        };
        first.set(false);
        if !current() {
            break;
        }
        let stop = next == SyncStatus::Error(NetError::SignedOut);
        if *status != next {
            status.set(next);
        }
        if stop {
            break;
        }
        net::sleep(2_000).await;
    }
}

/// The sync context. Panics only outside `SyncProvider`, which `App` always renders.
#[hook]
pub fn use_sync() -> Option<SyncHandle> {
    use_context::<SyncHandle>()
}
