//! Intents on the manager PIN: checking it (wrong tries counted across tabs), changing it,
//! and spending one-time approval codes.
//!
//! The lock-out is read from storage at every check and counted in one read-modify-write
//! transaction, so a tab opened before a lock-out gets no fresh tries. When storage refuses
//! the count (full), the check works from memory: tries are counted in this tab, the
//! right PIN still opens manager mode, and manager mode says storage is full.

use amends_domain::pin::PinLock;
use amends_domain::AuditEntry;

use super::load::read_lock;
use super::{audit, json, keys, parse, AppAction, AppHandle};
use crate::i18n::integrity::{t, Msg};
use crate::services::clock::now_ms;
use crate::services::crypto::{self, CryptoError, PinHash};
use crate::services::storage::{self, StorageError};

/// The result of a PIN check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinCheck {
    Ok,
    /// Wrong; tries left before a lock-out.
    Wrong(u32),
    /// Locked for this many more milliseconds.
    Locked(i64),
    NoPin,
}

/// Why a PIN could not be checked: never shown as a wrong PIN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinError {
    Storage(StorageError),
    /// The browser could not compute the hash; the try is not counted.
    Crypto(CryptoError),
}

impl From<StorageError> for PinError {
    fn from(e: StorageError) -> Self {
        PinError::Storage(e)
    }
}

impl PinError {
    /// In words, from the catalogue.
    pub fn text(&self) -> String {
        match self {
            PinError::Storage(e) => crate::i18n::storage_error(e),
            PinError::Crypto(e) => crate::i18n::crypto_error(e),
        }
    }
}

/// Why nothing PIN-related goes on while the stored PIN cannot be read.
fn pin_unreadable() -> StorageError {
    StorageError::Corrupt(keys::PIN.into())
}

impl AppHandle {
    /// Why wrong PIN tries are counted only in memory, and what to do, when storage
    /// refused to count them.
    pub fn pin_lock_refused_text(&self) -> Option<String> {
        Some(match self.pin_lock_refused.as_ref()? {
            StorageError::QuotaExceeded => t(Msg::PinInMemory).into(),
            e => crate::i18n::storage_error(e),
        })
    }

    /// Store a new manager PIN (its hash) and clear the lock-out, only over the PIN record
    /// this tab read (another tab may have changed the PIN since). A change by a manager
    /// carries its audit entry, written in the same transaction.
    pub async fn set_pin(
        &self,
        pin: PinHash,
        entry: Option<AuditEntry>,
    ) -> Result<(), StorageError> {
        if self.pin_unreadable {
            return Err(pin_unreadable());
        }
        let text = json(&pin);
        let mut kv = vec![
            (keys::PIN.to_string(), text.clone()),
            (keys::PIN_LOCK.to_string(), json(&PinLock::default())),
        ];
        kv.extend(audit::rows(entry.as_slice()));
        let guard = [(keys::PIN, self.pin_stored.as_deref())];
        if let Err(changed) = self.db()?.write_if(&guard, &[], &kv).await? {
            self.apply(AppAction::Pin {
                pin: parse(changed.now.clone()),
                stored: changed.now,
            });
            return Err(StorageError::ChangedElsewhere(t(Msg::PinChangedIn).into()));
        }
        self.apply(AppAction::Batch(vec![
            AppAction::Pin {
                pin: Some(pin),
                stored: Some(text),
            },
            AppAction::PinLock {
                lock: PinLock::default(),
                refused: None,
            },
            AppAction::Audited(entry.into_iter().collect()),
        ]));
        storage::changes::announce_settings();
        Ok(())
    }

    /// Check a PIN against the stored hash, counting wrong tries. The PIN and its lock are
    /// read from storage first (another tab may have counted tries or changed the PIN);
    /// the count is written in one read-modify-write transaction, or kept in memory when
    /// storage refuses it.
    pub async fn check_pin(&self, pin: &str) -> Result<PinCheck, PinError> {
        let now = now_ms();
        // Tries storage refused to count, kept here until it takes them.
        let memory = match self.pin_lock_refused {
            Some(_) => self.pin_lock,
            None => PinLock::default(),
        };
        let (mut lock, mut hash) = (self.pin_lock.merge(memory), self.pin.clone());
        let fresh = self.read(&[keys::PIN_LOCK, keys::PIN]).await;
        if let Ok(Ok([l, p])) = fresh.map(<[_; 2]>::try_from) {
            lock = read_lock(l).merge(memory);
            hash = PinHash::read(p.clone());
            if p != self.pin_stored {
                self.apply(AppAction::Pin {
                    pin: hash.clone(),
                    stored: p.clone(),
                });
            }
            if p.is_some() && hash.is_none() {
                return Err(pin_unreadable().into());
            }
        }
        if let Err(l) = lock.check(now) {
            self.apply(AppAction::PinLock {
                lock,
                refused: self.pin_lock_refused.clone(),
            });
            return Ok(PinCheck::Locked(l.wait_ms));
        }
        let Some(stored) = hash else {
            if self.pin_unreadable {
                return Err(pin_unreadable().into());
            }
            return Ok(PinCheck::NoPin);
        };
        let ok = crypto::verify_pin(pin, &stored)
            .await
            .map_err(PinError::Crypto)?;
        let count = |mut l: PinLock| {
            if ok {
                l.succeed();
            } else {
                l.fail(now);
            }
            l
        };
        let mut out = None;
        let written = match self.db() {
            Ok(db) => {
                db.update(&[keys::PIN_LOCK], &mut |mut stored| {
                    let l = count(read_lock(stored.pop().flatten()).merge(memory));
                    out = Some(l);
                    Some((vec![], vec![(keys::PIN_LOCK.to_string(), json(&l))]))
                })
                .await
            }
            Err(e) => Err(e),
        };
        let lock = out.unwrap_or_else(|| count(lock));
        self.apply(AppAction::PinLock {
            lock,
            refused: written.err(),
        });
        Ok(if ok {
            PinCheck::Ok
        } else if let Err(l) = lock.check(now) {
            PinCheck::Locked(l.wait_ms)
        } else {
            PinCheck::Wrong(lock.tries_left())
        })
    }

    /// Remember a one-time code as used, before the approval counts: the stored list is
    /// read and written in one transaction, so a code spent in another tab is refused here.
    pub async fn use_code(&self, code: String) -> Result<(), CodeSpendError> {
        let mut out = Err(CodeSpendError::ListUnreadable);
        self.db()?
            .update(&[keys::USED_CODES], &mut |mut now| {
                let text = now.pop().flatten();
                let read: Option<Vec<String>> = match &text {
                    None => Some(Vec::new()),
                    Some(_) => parse(text),
                };
                // An unreadable list is kept, and takes no code: a used one could pass.
                let Some(mut used) = read else {
                    out = Err(CodeSpendError::ListUnreadable);
                    return None;
                };
                if used.contains(&code) {
                    out = Err(CodeSpendError::Used);
                    return None;
                }
                used.push(code.clone());
                // Codes expire within the hour; the last 500 are more than enough to refuse reuse.
                if used.len() > 500 {
                    used.drain(..used.len() - 500);
                }
                let kv = vec![(keys::USED_CODES.to_string(), json(&used))];
                out = Ok(used);
                Some((vec![], kv))
            })
            .await?;
        self.apply(AppAction::UsedCodes(out?));
        Ok(())
    }
}

/// Why a one-time code was not spent: each in its own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeSpendError {
    Storage(StorageError),
    /// Spent already, in another tab since this one read the list.
    Used,
    /// The stored list of used codes cannot be read: it is kept, and no code is taken.
    ListUnreadable,
}

impl From<StorageError> for CodeSpendError {
    fn from(e: StorageError) -> Self {
        CodeSpendError::Storage(e)
    }
}

impl CodeSpendError {
    /// In words, from the catalogue.
    pub fn text(&self) -> String {
        match self {
            CodeSpendError::Storage(e) => crate::i18n::storage_error(e),
            CodeSpendError::Used => t(Msg::CodeUsedElsewhere).into(),
            CodeSpendError::ListUnreadable => t(Msg::UsedCodesUnreadable).into(),
        }
    }
}
