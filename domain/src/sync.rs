//! Chain sync, pure: how records and policies become CouchDB documents and back, the
//! revisions a device gives its edits, what to push (`_revs_diff` then `_bulk_docs`), what a
//! pull (`_changes`) brings, where it resumes (`_local` checkpoints), how a conflict is
//! settled and how the chain's policy and a store's merge. No I/O: the app's
//! `services::sync` sends the bodies built here and hands back the answers as text.
//!
//! Pushing: a record the server has never seen goes as CouchDB's replicator sends it
//! (`_revs_diff`, then `_bulk_docs` with `new_edits: false` and `_revisions`); a change to a
//! record the server has goes as an edit of the server's revision (`_bulk_docs` with
//! `_rev`), so a concurrent change on another device is a `conflict` answer settled by the
//! rule before anything is written, and no store account ever needs to delete a branch.
//! (pouchdb-server does not apply a `new_edits: false` change to an existing document in a
//! database with a validate function; CouchDB does. Branches that arrive anyway, from
//! other replicators, are settled from `open_revs` by the same rule.)
//!
//! The conflict rule (the same follow-up recorded on two devices): of a record's live
//! revisions, the one with an outcome beats one without; of two outcomes, the one recorded
//! first is kept; a tie goes to CouchDB's own winner (higher revision number, then the
//! greater hash). Every other revision becomes an audit entry ([`Event::SyncConflict`],
//! with the outcome it carried), and its branch is closed on the server by a login that may
//! (a manager's); every device applies the same rule, so all keep the same outcome.
//!
//! [`Event::SyncConflict`]: crate::audit::Event::SyncConflict

use std::fmt;

use serde_json::{json, Value};
use thiserror::Error;

mod approval;
mod conflict;
mod customers;
mod doc;
mod erase;
pub mod kpis;
mod policy;
mod pull;
mod push;
mod secret;
pub mod stores;

pub use approval::{
    approval_id, decision_doc, parse_approval, recent_query, request_doc, ApprovalDecision,
    ApprovalRequest, RemoteApproval, Standing, EXPIRES_MS,
};
pub use conflict::{parse_doc, parse_open_revs, resolve, Leaf, Resolution};
pub use customers::{
    adopt_salt, chain_salt, count_other_stores, parse_spends, spend_doc, spend_keys,
    spend_tombstones, spends_query, Spend, CHAIN_SECRET, CUSTOMERS_DB,
};
pub use doc::{audit_doc, doc_id, policy_doc, record_id, recovery_doc, CHAIN_POLICY, STORE_POLICY};
pub use erase::{erase_lookup_body, parse_erase_lookup, tombstones_body, Lookup, ERASED_BY};
pub use policy::{tighten, Tightened};
pub use pull::{
    changes_query, checkpoint_doc, parse_changes, parse_checkpoint, replication_id, resume_from,
    Incoming, Pulled, RawDoc,
};
pub use push::{parse_bulk_docs, parse_updates, update_doc, PushPlan, Refused, Written};
pub use secret::{parse_secret, secret_doc, Secret, STORE_SECRET};

/// Why a sync step could not go on, in terms of the protocol (the app words them).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SyncError {
    /// The server's answer is not shaped as CouchDB's is.
    #[error("the server's answer is not what CouchDB sends ({0})")]
    Unexpected(String),
    /// A revision that is not `N-hash`.
    #[error("revision `{0}` is not of the form N-hash")]
    Rev(String),
    /// A conflict where one live revision cannot be read by this version: left as it is.
    #[error("record {0} has a conflicting revision this version cannot read; left unresolved")]
    ConflictUnreadable(String),
    /// A conflict answer with no live revision.
    #[error("record {0} has no live revision")]
    NoLeaf(String),
    /// The chain's and the store's policies cannot be merged.
    #[error("the store's policy cannot be merged with the chain's: {0}")]
    Policy(String),
}

/// A document revision, `N-hash`: N counts the edits, the hash names this one. Ordered as
/// CouchDB picks its winner: the higher N, then the greater hash.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rev {
    pub pos: u64,
    pub hash: String,
}

impl Rev {
    pub fn parse(s: &str) -> Result<Rev, SyncError> {
        let bad = || SyncError::Rev(s.chars().take(80).collect());
        let (pos, hash) = s.split_once('-').ok_or_else(bad)?;
        let pos: u64 = pos.parse().map_err(|_| bad())?;
        if pos == 0 || hash.is_empty() || !hash.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        Ok(Rev {
            pos,
            hash: hash.into(),
        })
    }

    fn of(v: &Value) -> Result<Rev, SyncError> {
        Rev::parse(v.as_str().unwrap_or_default())
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

/// The hash of a new revision: SHA-256 of the parent revision and the document's content,
/// 32 hex digits. The same edit of the same parent on two devices gets the same revision
/// (no conflict); different edits get different ones.
pub fn content_hash(parent: Option<&Rev>, content: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    if let Some(p) = parent {
        h.update(p.to_string().as_bytes());
    }
    h.update([0]);
    h.update(content.as_bytes());
    let mut s = crate::hex(&h.finalize());
    s.truncate(32);
    s
}

/// A device's sync state for one document: its revision, the hashes of the edits since the
/// server last had it (newest first), and whether the server has this revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tracked {
    pub rev: Rev,
    /// Hashes of the ancestors the server may not know yet, the nearest first, ending with
    /// one the server has (so `_revisions` joins the server's tree instead of branching).
    pub ancestors: Vec<String>,
    pub pushed: bool,
}

/// The most ancestors kept per document (CouchDB keeps 1,000; a device offline for a long
/// time edits a follow-up a few times at most).
const MAX_ANCESTORS: usize = 64;

impl Tracked {
    /// A revision the server sent: known there.
    pub fn pulled(rev: Rev) -> Tracked {
        Tracked {
            rev,
            ancestors: Vec::new(),
            pushed: true,
        }
    }

    /// A local edit of `prev` (or a new document), with its revision's `hash`.
    pub fn edited(prev: Option<&Tracked>, hash: String) -> Tracked {
        let (pos, ancestors) = match prev {
            None => (1, Vec::new()),
            Some(p) => {
                let mut a = Vec::with_capacity(p.ancestors.len() + 1);
                a.push(p.rev.hash.clone());
                a.extend(p.ancestors.iter().cloned());
                a.truncate(MAX_ANCESTORS);
                (p.rev.pos + 1, a)
            }
        };
        Tracked {
            rev: Rev { pos, hash },
            ancestors,
            pushed: false,
        }
    }

    /// As stored on the device: `<rev> <p|e> <ancestor>...` (`p`: the server has it; `e`:
    /// edited here). Plain text, not serde: the wasm pays for every derived reader.
    pub fn to_text(&self) -> String {
        let mut s = format!("{} {}", self.rev, if self.pushed { 'p' } else { 'e' });
        for a in &self.ancestors {
            s.push(' ');
            s.push_str(a);
        }
        s
    }

    /// Reads [`Tracked::to_text`]; `None` for anything else.
    pub fn from_text(text: &str) -> Option<Tracked> {
        let mut parts = text.split(' ');
        let rev = Rev::parse(parts.next()?).ok()?;
        let pushed = match parts.next()? {
            "p" => true,
            "e" => false,
            _ => return None,
        };
        let ancestors: Vec<String> = parts.map(str::to_owned).collect();
        let ok = ancestors
            .iter()
            .all(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_alphanumeric()));
        ok.then_some(Tracked {
            rev,
            ancestors,
            pushed,
        })
    }

    /// The server has this revision now.
    pub fn mark_pushed(&mut self) {
        self.pushed = true;
        self.ancestors.clear();
    }

    /// The revision the server has of this document, if any: the one pushed or pulled last.
    pub fn server_rev(&self) -> Option<Rev> {
        if self.pushed {
            return Some(self.rev.clone());
        }
        let hash = self.ancestors.last()?.clone();
        let back = u64::try_from(self.ancestors.len()).ok()?;
        Some(Rev {
            pos: self.rev.pos.checked_sub(back).filter(|p| *p > 0)?,
            hash,
        })
    }

    /// `_revisions` for `_bulk_docs` with `new_edits: false`.
    pub fn revisions(&self) -> Value {
        let mut ids = vec![Value::from(self.rev.hash.clone())];
        ids.extend(self.ancestors.iter().cloned().map(Value::from));
        json!({ "start": self.rev.pos, "ids": ids })
    }
}

/// What to do with a revision the server sent for a document this device may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Take the server's (nothing local, or the local one is already on the server).
    Take,
    /// The device has the same revision.
    Same,
    /// The device edited it since: keep the local edit and push it; if both changed, the
    /// server holds a conflict and the next pull settles it by the rule.
    KeepLocal,
}

pub fn merge(local: Option<&Tracked>, incoming: &Rev) -> Merge {
    match local {
        Some(l) if &l.rev == incoming => Merge::Same,
        Some(l) if !l.pushed => Merge::KeepLocal,
        _ => Merge::Take,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_parse_print_and_order_as_couchdb_picks_winners() {
        let r = Rev::parse("12-abc9").unwrap();
        assert_eq!(
            (r.pos, r.hash.as_str(), r.to_string()),
            (12, "abc9", "12-abc9".into())
        );
        for bad in ["", "abc", "0-a", "-a", "1-", "x-1", "1-a b", "1-a/b"] {
            assert!(matches!(Rev::parse(bad), Err(SyncError::Rev(_))), "{bad}");
        }
        let mut revs: Vec<Rev> = ["2-a", "10-a", "2-b", "1-z"]
            .iter()
            .map(|s| Rev::parse(s).unwrap())
            .collect();
        revs.sort();
        let order: Vec<String> = revs.iter().map(Rev::to_string).collect();
        assert_eq!(order, ["1-z", "2-a", "2-b", "10-a"]);
    }

    #[test]
    fn the_same_edit_of_the_same_parent_gets_the_same_revision() {
        let p = Rev::parse("1-aa").unwrap();
        assert_eq!(content_hash(Some(&p), "x"), content_hash(Some(&p), "x"));
        assert_ne!(content_hash(Some(&p), "x"), content_hash(Some(&p), "y"));
        assert_ne!(content_hash(None, "x"), content_hash(Some(&p), "x"));
        assert_eq!(content_hash(None, "x").len(), 32);
    }

    #[test]
    fn local_edits_chain_their_revisions_back_to_the_servers() {
        let first = Tracked::edited(None, "a".into());
        assert_eq!(first.revisions(), json!({ "start": 1, "ids": ["a"] }));
        let mut pushed = first.clone();
        pushed.mark_pushed();
        let second = Tracked::edited(Some(&pushed), "b".into());
        let third = Tracked::edited(Some(&second), "c".into());
        assert_eq!(third.rev.to_string(), "3-c");
        assert!(!third.pushed);
        assert_eq!(
            third.revisions(),
            json!({ "start": 3, "ids": ["c", "b", "a"] })
        );
        for t in [&first, &pushed, &second, &third] {
            assert_eq!(Tracked::from_text(&t.to_text()).as_ref(), Some(t));
        }
        assert_eq!(third.to_text(), "3-c e b a");
        for bad in ["", "3-c", "3-c x", "3-c e  a", "x e", "3-c p a/b"] {
            assert_eq!(Tracked::from_text(bad), None, "{bad}");
        }
        let mut done = third.clone();
        done.mark_pushed();
        assert_eq!(done.revisions(), json!({ "start": 3, "ids": ["c"] }));
    }

    #[test]
    fn a_pull_takes_the_server_unless_the_device_changed_it_since() {
        let server = Rev::parse("2-s").unwrap();
        assert_eq!(merge(None, &server), Merge::Take);
        let same = Tracked::pulled(server.clone());
        assert_eq!(merge(Some(&same), &server), Merge::Same);
        let old = Tracked::pulled(Rev::parse("1-o").unwrap());
        assert_eq!(merge(Some(&old), &server), Merge::Take);
        let edited = Tracked::edited(Some(&old), "e".into());
        assert_eq!(merge(Some(&edited), &server), Merge::KeepLocal);
    }
}
