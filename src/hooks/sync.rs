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
    resolve, resume_from, update_doc, Incoming, Leaf, PushPlan, RemoteApproval, Tracked, Written,
    CHAIN_POLICY, STORE_POLICY,
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

/// `session` if its login is an account of `store` (or head office's).
fn member_of(session: Session, store: &str) -> Result<Session, NetError> {
    let member = format!("amends-store:{store}");
    if session
        .roles
        .iter()
        .any(|r| *r == member || r == "amends-head-office")
    {
        Ok(session)
    } else {
        Err(NetError::NotMember(session.name, store.to_owned()))
    }
}

/// The sync context: its status and the intents of the connection panel.
#[derive(Clone, PartialEq)]
pub struct SyncHandle {
    pub status: SyncStatus,
    pub connection: Option<Connection>,
    /// Requests for approval asked in the last half hour, as last read (by document id).
    pub approvals: Approvals,
    /// Whether the signed-in login may decide them (a manager's or head office's).
    pub manager: bool,
    set_status: Callback<SyncStatus>,
    set_connection: Callback<Option<Connection>>,
    /// Starts the loop again on the same connection (after signing in again).
    restart: Callback<()>,
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
        self.join(&server, store, session).await
    }

    /// Connects with a login already signed in (`session`, the server's cookie) to `store`,
    /// once checked that the login belongs to it.
    pub async fn join(
        &self,
        server: &str,
        store: &str,
        session: Session,
    ) -> Result<Session, NetError> {
        let server = server.trim().trim_end_matches('/').to_owned();
        let session = member_of(session, store)?;
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

    /// After the server ended the session (a device offline for longer than a session
    /// lasts), or refused what this login may not do (an erasure needs a manager's): signs
    /// in again, as the same login (`name` empty) or another of the same store, and starts
    /// syncing where it stopped.
    pub async fn sign_in_again(&self, name: &str, password: &str) -> Result<(), NetError> {
        let c = self.connection.as_ref().ok_or(NetError::SignedOut)?;
        let name = match name.trim() {
            "" => c.name.as_str(),
            other => other,
        };
        let session = member_of(net::sign_in(&c.server, name, password).await?, &c.store)?;
        if session.name == c.name {
            self.restart.emit(());
            return Ok(());
        }
        let next = Connection {
            name: session.name,
            ..c.clone()
        };
        self.app
            .sync_connection(serde_json::to_string(&next).ok())
            .await
            .map_err(|e| NetError::Protocol(e.to_string()))?;
        self.set_connection.emit(Some(next));
        Ok(())
    }

    /// Stops syncing on this device and signs out, so it can join another store. Refused
    /// with the number of records not yet sent while any wait (they belong to this store).
    /// Otherwise this store's records stay here, marked as its (never sent to another),
    /// and its revisions and checkpoints are forgotten; the next store's come with its pull.
    pub async fn disconnect(&self) -> Result<(), usize> {
        if let Some(c) = &self.connection {
            let stored = self.app.sync_stored().await.map_err(|_| 0_usize)?;
            let edits: HashSet<String> = self
                .app
                .sync_edits()
                .await
                .unwrap_or_default()
                .into_iter()
                .collect();
            let waiting = sync::stores::waiting(
                &self.app.records,
                &stored.revs,
                &stored.left,
                &edits,
                &c.store,
            );
            if waiting > 0 {
                return Err(waiting);
            }
            self.app
                .sync_leave(&c.store, &stored)
                .await
                .map_err(|_| 0_usize)?;
            let _ = net::request("DELETE", &c.url("_session"), None).await;
        }
        let _ = self.app.sync_connection(None).await;
        self.set_connection.emit(None);
        self.set_status.emit(SyncStatus::NotConnected);
        Ok(())
    }

    /// Whether a request for approval can be sent now: connected, signed in and online.
    pub fn can_ask(&self) -> bool {
        self.connection.is_some()
            && net::online()
            && matches!(
                self.status,
                SyncStatus::Synced { .. } | SyncStatus::Syncing { .. }
            )
    }

    /// Writes a request for approval to the store now (not waiting for the loop); the
    /// store's managers' devices read it on their next pass.
    pub async fn ask(&self, request: sync::ApprovalRequest) -> Result<RemoteApproval, NetError> {
        let c = self.connection.as_ref().ok_or(NetError::SignedOut)?;
        let nonce = crate::services::crypto::random_bytes(4)
            .map(|b| amends_domain::hex(&b))
            .map_err(|e| NetError::Protocol(e.to_string()))?;
        let id = sync::approval_id(&c.store, request.requested_at_ms, &nonce);
        let doc = sync::request_doc(&c.store, &id, &request);
        let url = c.url(&format!("{}/{id}", c.store_db()));
        let (_, text) = net::request("PUT", &url, Some(&doc.to_string())).await?;
        let a = RemoteApproval {
            id,
            rev: written_rev(&text)?,
            request,
            decision: None,
        };
        if self.approvals.take(a.clone()) {
            self.approvals.changed();
        }
        Ok(a)
    }

    /// A manager's decision on `a`, as an edit of the revision read (the server refuses a
    /// second decision and any login but a manager's), audited on this device.
    pub async fn decide(
        &self,
        a: &RemoteApproval,
        approved: bool,
        reason: Option<String>,
    ) -> Result<(), NetError> {
        let c = self.connection.as_ref().ok_or(NetError::SignedOut)?;
        let decision = sync::ApprovalDecision {
            approved,
            by: c.name.clone(),
            at_ms: now_ms(),
            reason,
        };
        let doc = sync::decision_doc(&c.store, a, &decision);
        let url = c.url(&format!("{}/{}", c.store_db(), a.id));
        let (_, text) = net::request("PUT", &url, Some(&doc.to_string())).await?;
        let entry = remote_audit(a, &decision, &c.name);
        let decided = RemoteApproval {
            rev: written_rev(&text)?,
            decision: Some(decision),
            ..a.clone()
        };
        if self.approvals.take(decided) {
            self.approvals.changed();
        }
        self.audit_here(entry).await
    }

    /// Keeps `entry` in this device's audit.
    pub async fn audit_here(&self, entry: AuditEntry) -> Result<(), NetError> {
        let w = SyncWrite {
            audit: vec![entry],
            ..SyncWrite::default()
        };
        self.app.sync_write(w).await.map_err(stored)
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

/// The store's recent requests for approval, shared by the loop (which pulls them) and the
/// pages (which ask and decide); `version` changes with every change, so views re-render.
#[derive(Clone, Default)]
pub struct Approvals {
    /// Sorted by id, so by when they were asked.
    map: Rc<RefCell<Vec<RemoteApproval>>>,
    version: u32,
    bump: Callback<()>,
}

impl PartialEq for Approvals {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map) && self.version == other.version
    }
}

impl Approvals {
    /// Takes `a` unless a later revision of it is known already; says whether it changed.
    fn take(&self, a: RemoteApproval) -> bool {
        let mut map = self.map.borrow_mut();
        match map.binary_search_by(|k| k.id.cmp(&a.id)) {
            Ok(i) if map[i].rev >= a.rev => return false,
            Ok(i) => map[i] = a,
            Err(i) => map.insert(i, a),
        }
        true
    }

    fn changed(&self) {
        self.bump.emit(());
    }

    /// Every request known, oldest first (their ids sort by when they were asked).
    pub fn all(&self) -> Vec<RemoteApproval> {
        self.map.borrow().clone()
    }
}

/// Counts changes to [`Approvals`].
#[derive(Default, PartialEq)]
struct Version(u32);

impl Reducible for Version {
    type Action = ();
    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Version(self.0.wrapping_add(1)))
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
    approvals: Approvals,
    approvals_read: bool,
    /// Records of a store this device left, and that store.
    left: HashMap<String, String>,
    /// Head office's login: erasures pulled from the store are applied to the chain too.
    head_office: bool,
    /// Records erased here whose erasure the server has not confirmed: never pushed, and
    /// not taken back from a pull.
    erasing: HashSet<String>,
}

/// The revision a `PUT` answered with.
fn written_rev(answer: &str) -> Result<sync::Rev, NetError> {
    serde_json::from_str::<Value>(answer)
        .ok()
        .and_then(|v| sync::Rev::parse(v.get("rev")?.as_str()?).ok())
        .ok_or_else(|| NetError::Protocol(answer.chars().take(200).collect()))
}

/// The audit entry of a decision on `a`, written by `who` (the manager's login on their
/// device, the person who asked on the tablet).
pub fn remote_audit(a: &RemoteApproval, d: &sync::ApprovalDecision, who: &str) -> AuditEntry {
    AuditEntry::new(
        now_ms(),
        who,
        amends_domain::Event::RemoteApproval {
            reference: a.request.reference.clone(),
            approved: d.approved,
            by: d.by.clone(),
            reason: d.reason.clone().unwrap_or_default(),
        },
    )
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

/// The stores the server lists that `session`'s roles allow (`amends-policy/stores`).
pub async fn stores_for(
    server: &str,
    session: &Session,
) -> Result<Vec<sync::stores::StoreEntry>, NetError> {
    let c = Connection {
        server: server.trim().trim_end_matches('/').to_owned(),
        store: String::new(),
        name: String::new(),
        device: String::new(),
    };
    let doc = one_doc(&c, "amends-policy", sync::stores::STORES_DOC).await?;
    Ok(doc.map_or_else(Vec::new, |d| {
        sync::stores::allowed_stores(&d, &session.roles)
    }))
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
        sync::stores::waiting(
            &self.app.records,
            &self.revs,
            &self.left,
            &HashSet::new(),
            &self.c.store,
        )
    }

    /// A record of a store this device left: never sent to this one.
    fn elsewhere(&self, id: &str) -> bool {
        self.left.get(id).is_some_and(|s| *s != self.c.store)
    }

    async fn pass(&mut self, progress: &dyn Fn(usize, Option<usize>)) -> Result<usize, NetError> {
        let refused = self.erase().await?;
        self.push().await?;
        self.recent_approvals().await?;
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
                if self.elsewhere(&r.id) {
                    continue;
                }
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
                self.share_spends(&sending, &by_id).await?;
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

    /// Once per loop: the requests for approval asked in the last half hour (the pull's
    /// checkpoint may be past them, after a reload for one); after that, the pull brings
    /// each new request and decision.
    fn recent_approvals(&mut self) -> net::Boxed<'_, Result<(), NetError>> {
        Box::pin(async move {
            if self.approvals_read {
                return Ok(());
            }
            let path = format!(
                "{}/{}",
                self.c.store_db(),
                sync::recent_query(&self.c.store, now_ms())
            );
            let (_, text) = net::request("GET", &self.c.url(&path), None).await?;
            let v: Value =
                serde_json::from_str(&text).map_err(|e| NetError::Protocol(e.to_string()))?;
            let mut changed = false;
            for doc in (v
                .get("rows")
                .and_then(Value::as_array)
                .into_iter()
                .flatten())
            .filter_map(|r| r.get("doc"))
            {
                // One this version cannot read is left on the server; the pull keeps it raw.
                if let Ok(a) = sync::parse_approval(&self.c.store, doc) {
                    changed |= self.approvals.take(a);
                }
            }
            if changed {
                self.approvals.changed();
            }
            self.approvals_read = true;
            Ok(())
        })
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
                        Incoming::Approval(a) => {
                            if self.approvals.take(a) {
                                self.approvals.changed();
                            }
                        }
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
                // Nothing new and both checkpoints already there: no write here or on the
                // server (an idle device would rewrite its checkpoint every pass).
                let idle = n == 0
                    && remote.as_ref() == Some(&pulled.last_seq)
                    && self.seqs.get(&db) == Some(&pulled.last_seq);
                if idle {
                    break;
                }
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
            let mut merged = match read("amends-policy".into(), CHAIN_POLICY).await? {
                Some(chain) => {
                    let store = read(self.c.store_db(), STORE_POLICY).await?;
                    sync::tighten(&chain, store.as_ref(), &self.app.policy)
                        .map_err(storage)?
                        .policy
                }
                None => self.app.policy.clone(),
            };
            self.chain_salt(&mut merged).await?;
            self.app
                .use_chain_policy(merged, &self.c.name)
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

/// Repeat customers across stores (issue 14): the chain-wide salt and the spends shared
/// in `amends-customers` (see `amends_domain::sync::spend_doc`).
impl Engine {
    /// Adopts the chain's customer salt (`secret:chain`): the device's own becomes a former
    /// salt, and the change is audited by `use_chain_policy`. A document this version cannot
    /// read is kept as it came and counted in the status line; the device keeps its salt.
    fn chain_salt<'a>(&'a self, policy: &'a mut Policy) -> net::Boxed<'a, Result<(), NetError>> {
        Box::pin(async move {
            let Some(doc) = one_doc(&self.c, "amends-policy", sync::CHAIN_SECRET).await? else {
                return Ok(());
            };
            match sync::chain_salt(&doc) {
                Ok(salt) => {
                    sync::adopt_salt(policy, &salt);
                }
                Err(e) => {
                    let mut w = SyncWrite::default();
                    w.raw.push(sync::RawDoc {
                        id: sync::CHAIN_SECRET.into(),
                        rev: doc.get("_rev").and_then(Value::as_str).unwrap_or("").into(),
                        json: doc.to_string(),
                        why: e.to_string(),
                    });
                    self.app.sync_write(w).await.map_err(stored)?;
                }
            }
            Ok(())
        })
    }

    /// What the records of `docs` (new to the server) cost their customers, sent before the
    /// records themselves: resent unchanged after a failure, so none is lost.
    fn share_spends<'a>(
        &'a self,
        docs: &'a [String],
        by_id: &'a HashMap<&str, &RecoveryRecord>,
    ) -> net::Boxed<'a, Result<(), NetError>> {
        Box::pin(async move {
            let spends: Vec<Value> = (docs.iter())
                .filter_map(|d| by_id.get(sync::record_id(&self.c.store, d)?))
                .filter_map(|r| sync::spend_doc(&self.c.store, r, &self.app.policy))
                .collect();
            if spends.is_empty() {
                return Ok(());
            }
            let body = json!({ "new_edits": false, "docs": spends });
            let answer = post(
                &self.c,
                &format!("{}/_bulk_docs", sync::CUSTOMERS_DB),
                &body,
            )
            .await?;
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
}

impl SyncHandle {
    /// Other stores' spends on this customer since `from_ms` (under each of its hashes);
    /// `None` when they cannot be checked: not connected, offline, or an answer this
    /// version cannot read. The connected store's own are left to the device's records.
    pub fn other_stores<'a>(
        &'a self,
        keys: &'a amends_domain::CustomerKeys,
        from_ms: i64,
    ) -> net::Boxed<'a, Option<(String, Vec<sync::Spend>)>> {
        Box::pin(async move {
            let c = self.connection.as_ref().filter(|_| net::online())?;
            let mut all = Vec::new();
            for h in keys
                .current()
                .into_iter()
                .chain(keys.former().iter().map(String::as_str))
            {
                let url = c.url(&sync::spends_query(h, from_ms));
                let (_, text) = net::request("GET", &url, None).await.ok()?;
                all.extend(sync::parse_spends(&text).ok()?);
            }
            Some((c.store.clone(), all))
        })
    }

    /// Erasure reaching the chain's spends: deletes what this store shared about the erased
    /// records (`spend:<store>:<id>`). Only a manager's or head office's login may (the
    /// server refuses others, and says why). How many were deleted; 0 when not connected.
    pub fn erase_spends<'a>(
        &'a self,
        record_ids: &'a [String],
    ) -> net::Boxed<'a, Result<usize, NetError>> {
        Box::pin(async move {
            let Some(c) = &self.connection else {
                return Ok(0);
            };
            let db = sync::CUSTOMERS_DB;
            let keys = sync::spend_keys(&c.store, record_ids);
            let found = post(c, &format!("{db}/_all_docs"), &keys).await?;
            let Some(body) = sync::spend_tombstones(&found).map_err(storage)? else {
                return Ok(0);
            };
            let n = body["docs"].as_array().map_or(0, Vec::len);
            let answer = post(c, &format!("{db}/_bulk_docs"), &body).await?;
            match parse_bulk_docs(&answer)
                .map_err(storage)?
                .into_iter()
                .next()
            {
                Some(r) => Err(NetError::Refused(r.reason)),
                None => Ok(n),
            }
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
    let restarts = use_state(|| 0u32);
    let manager = use_state(|| false);
    let version = use_reducer(Version::default);
    let approvals_map = use_mut_ref(Vec::new);
    let approvals = Approvals {
        map: approvals_map,
        version: version.0,
        bump: {
            // A dispatcher, not a state setter: the loop calls it long after this render.
            let version = version.dispatcher();
            Callback::from(move |()| version.dispatch(()))
        },
    };
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
        let (approvals, manager) = (approvals.clone(), manager.clone());
        use_effect_with(((*connection).clone(), *restarts), move |(c, _)| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            approvals.map.borrow_mut().clear();
            if let Some(c) = c.clone() {
                let looping = Looping {
                    status,
                    generation,
                    mine,
                    approvals,
                    manager,
                };
                wasm_bindgen_futures::spawn_local(run(latest, c, looping));
            }
        });
    }
    let handle = SyncHandle {
        status: (*status).clone(),
        connection: (*connection).clone(),
        approvals,
        manager: *manager,
        set_status: {
            let status = status.clone();
            Callback::from(move |s| status.set(s))
        },
        set_connection: {
            let connection = connection.clone();
            Callback::from(move |c| connection.set(c))
        },
        restart: Callback::from(move |()| restarts.set(*restarts + 1)),
        app,
    };
    html! {
        <ContextProvider<SyncHandle> context={handle}>{ props.children.clone() }</ContextProvider<SyncHandle>>
    }
}

/// What the loop reports to and checks against.
struct Looping {
    status: UseStateHandle<SyncStatus>,
    generation: Rc<RefCell<u32>>,
    mine: u32,
    approvals: Approvals,
    manager: UseStateHandle<bool>,
}

/// The loop: a pass every few seconds while this connection is the current one.
async fn run(latest: Rc<RefCell<AppHandle>>, c: Connection, l: Looping) {
    let Looping {
        status,
        generation,
        mine,
        approvals,
        manager: is_manager,
    } = l;
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
    is_manager.set(manager);
    let mut engine = Engine {
        app,
        c,
        revs: stored.revs,
        seqs: stored.seqs,
        manager,
        approvals,
        approvals_read: false,
        left: stored.left,
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
